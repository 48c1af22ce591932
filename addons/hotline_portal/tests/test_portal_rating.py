# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CB-2 and CH-2: who may rate a request on the website, tried over HTTP as the attacker."""
from odoo import fields

from .common import PortalHttpCase


class TestPortalRating(PortalHttpCase):

    def _closed(self, **vals):
        with self.server_env() as env:
            ticket = self.make_ticket(env, **vals)
            ticket.write({'state': 'done', 'date_done': fields.Datetime.now()})
            return ticket.id, ticket.name, ticket._portal_set_password()

    def _rate(self, path, ticket_id, rating='satisfied', comment=''):
        return self.opener.post(self.url(path), data={
            'csrf_token': self.csrf('/hotline/track'), 'ticket_id': ticket_id,
            'rating': rating, 'comment': comment}, timeout=30)

    def _rating(self, ticket_id):
        return self.ticket_rows('id = %s', [ticket_id])[0]['portal_rating']

    def test_lookup_rating_needs_the_request_opened_in_this_session(self):
        """CB-2, CH-2: an anonymous visitor posts a rating for a closed request he has not
        opened with its number and query password (any id): 404 and nothing stored; after
        the lookup with the right password the same post is recorded."""
        ticket_id, number, password = self._closed()
        self.assertEqual(self._rate('/hotline/track/rate', ticket_id).status_code, 404)
        self.assertFalse(self._rating(ticket_id))
        self.opener.post(self.url('/hotline/track'), data={
            'csrf_token': self.csrf('/hotline/track'), 'number': number,
            'password': 'wrongpass'}, timeout=30)
        self.assertEqual(self._rate('/hotline/track/rate', ticket_id).status_code, 404)
        self.opener.post(self.url('/hotline/track'), data={
            'csrf_token': self.csrf('/hotline/track'), 'number': number,
            'password': password}, timeout=30)
        page = self._rate('/hotline/track/rate', ticket_id)
        self.assertEqual(page.status_code, 200)
        self.assertIn('o_hotline_rated', page.text)
        self.assertEqual(self._rating(ticket_id), 'satisfied')

    def test_citizen_cannot_rate_another_citizens_request(self):
        """CB-2, CH-2: the signed-in demo citizen posts a rating for another citizen's
        closed request: 404, nothing stored; his own closed request is rated once (a second
        post does not change it)."""
        with self.server_env() as env:
            other = self.make_citizen_user(env, 'citizen_rating_b', '王五', '13900009999')
            own_partner = env.ref('hotline_core.citizen_zhang').id
            other_partner = other.partner_id.id
        other_id = self._closed(partner_id=other_partner)[0]
        own_id = self._closed(partner_id=own_partner)[0]
        self.login('citizen', 'citizen')
        page = self._rate('/my/requests/%d/rate' % other_id, other_id)
        self.assertEqual(page.status_code, 404)
        self.assertFalse(self._rating(other_id))
        self.assertIn('o_hotline_rated',
                      self._rate('/my/requests/%d/rate' % own_id, own_id, 'basic').text)
        page = self._rate('/my/requests/%d/rate' % own_id, own_id, 'unsatisfied', '不好')
        self.assertNotIn('o_hotline_rated', page.text)
        self.assertEqual(self._rating(own_id), 'basic')
