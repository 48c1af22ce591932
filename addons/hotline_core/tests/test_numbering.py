# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""TK-1: request numbers, 12345-YYYYMMDD-NNNNN counted per day, stay right when an
administrator changes the numbering. The sequence and its range of the day are looked up
once per server (issue 19); these tests change them after a registration has looked them
up, and check the next number."""
from unittest import mock

from .common import HotlineCase


class TestNumbering(HotlineCase):

    def setUp(self):
        super().setUp()
        self.sequence = self.env.ref('hotline_core.seq_hotline_ticket')
        # a first registration: the sequence and today's range are looked up and kept
        self.first = self._ticket()

    def _day(self, ticket):
        digits = ticket.name.split('-')[1]
        return '%s-%s-%s' % (digits[:4], digits[4:6], digits[6:])

    def _todays_range(self, sequence=None):
        return self.env['ir.sequence.date_range'].search([
            ('sequence_id', '=', (sequence or self.sequence).id),
            ('date_from', '<=', self._day(self.first)),
            ('date_to', '>=', self._day(self.first))])

    def test_number_follows_the_next_number_set_on_todays_range(self):
        """TK-1: an administrator sets the next number of today's range (to go on from
        another system's count); the next request takes it, and the one after it the
        number after."""
        self._todays_range().number_next_actual = 500
        self.assertEqual(self._ticket().name, '12345-%s-00500' % self.first.name[6:14])
        self.assertEqual(self._ticket().name[-5:], '00501')

    def test_number_after_todays_range_is_made_again(self):
        """TK-1: today's range deleted by mistake and made again by an administrator, to go
        on from the next number: the next request takes that number from the new range
        (the range looked up before is gone; a number counted from 1 again would repeat
        one of today's)."""
        last = int(self.first.name[-5:])
        self._todays_range().unlink()
        day = self._day(self.first)
        self.env['ir.sequence.date_range'].create({
            'sequence_id': self.sequence.id, 'date_from': day, 'date_to': day,
            'number_next_actual': last + 1})
        ticket = self._ticket()
        self.assertEqual(ticket.name, '12345-%s-%05d' % (self.first.name[6:14], last + 1))
        self.assertEqual(len(self._todays_range()), 1)

    def test_number_from_a_replacement_sequence(self):
        """TK-1: the centre's administrator replaces the request sequence with one of
        the centre's company (another prefix); the next request is numbered by it."""
        self.env['ir.sequence'].create({
            'name': '青川市热线编号', 'code': 'hotline.ticket', 'prefix': 'QC-%(year)s-',
            'padding': 6, 'use_date_range': False,
            'company_id': self.env.user.company_id.id, 'number_next': 42})
        self.assertRegex(self._ticket().name, r'^QC-\d{4}-000042$')

    def test_number_when_the_sequence_was_replaced_by_another_worker(self):
        """TK-1: the sequence is replaced where this server's look-up was not told (another
        worker of a multi-worker server, before it passes the change on): the look-up of
        a sequence gone falls back to Odoo's and numbers the request by the new one; no
        error reaches the agent."""
        registry = self.env.registry
        with mock.patch.object(registry, '_clear_cache', lambda: None):
            replacement = self.sequence.copy({'prefix': 'NEW-%(year)s%(month)s%(day)s-'})
            self.sequence.unlink()
        ticket = self._ticket()
        self.assertEqual(ticket.name, 'NEW-%s-00001' % self.first.name[6:14])
        self.assertTrue(replacement.date_range_ids)
