# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CB-2 "callback by phone or web": the citizen's own rating on the website or the portal."""
from odoo.exceptions import UserError
from odoo.tests.common import SavepointCase


class TestPortalRating(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.citizen = cls.env['res.users'].search([('login', '=', 'citizen')])
        cls.ticket = cls.env['hotline.ticket'].create({
            'title': '路灯不亮', 'content': '幸福路口的路灯坏了。', 'ticket_type': 'complaint',
            'channel': 'web', 'contact_name': '张建华', 'contact_phone': '13700001234',
            'partner_id': cls.citizen.partner_id.id})

    def _as_citizen(self, state):
        # set up as the loop would have left it (superuser: no workflow check)
        self.ticket.write({'state': state, 'unit_result': '已修复。'})
        return self.ticket.sudo(self.citizen)

    def _steps(self):
        return self.ticket.step_ids.mapped('action')

    def test_rating_while_waiting_for_callback_is_the_callback(self):
        """CB-2: a request waiting for its callback, rated 基本满意 by the citizen on the
        website, is closed by the same callback action the agent uses (counted as a
        satisfied callback)."""
        self._as_citizen('to_callback')._portal_rate('basic', '')
        self.assertEqual(self.ticket.state, 'done')
        self.assertEqual(self.ticket.portal_rating, 'basic')
        self.assertIn('callback_satisfied', self._steps())

    def test_unsatisfied_rating_while_waiting_sends_it_back(self):
        """CB-2, CB-3: 不满意 with a comment sends the request back to the office as an
        unsatisfied callback; without a comment it is refused with a clear sentence."""
        ticket = self._as_citizen('to_callback')
        with self.assertRaisesRegex(UserError, '请写明您不满意的地方'):
            ticket._portal_rate('unsatisfied', '  ')
        ticket._portal_rate('unsatisfied', '第二天又不亮了。')
        self.assertEqual(self.ticket.state, 'callback_failed')
        self.assertEqual(self.ticket.dissatisfied_count, 1)
        self.assertIn('callback_unsatisfied', self._steps())

    def test_rating_a_closed_request_keeps_the_office_result(self):
        """CB-2: a request the office already closed after its callback keeps its state and
        callback; the citizen's rating is stored beside it, once."""
        ticket = self._as_citizen('done')
        steps = self._steps()
        ticket._portal_rate('unsatisfied', '态度不好。')
        self.assertEqual(self.ticket.state, 'done')
        self.assertEqual(self._steps(), steps)
        self.assertEqual(self.ticket.portal_rating, 'unsatisfied')
        with self.assertRaisesRegex(UserError, '已评价过'):
            ticket._portal_rate('satisfied', '')

    def test_request_in_progress_cannot_be_rated(self):
        """CB-2: a request still being handled cannot be rated."""
        ticket = self._as_citizen('in_progress')
        self.assertFalse(ticket._portal_can_rate())
        with self.assertRaisesRegex(UserError, '办结后才能评价'):
            ticket._portal_rate('satisfied', '')
