# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-2: anyone follows one request with its number and query password."""
import re

from .common import CSRF_RE, NUMBER_RE, PASSWORD_RE, PortalHttpCase

ERROR_RE = re.compile(r'class="alert alert-danger o_hotline_errors" role="alert">([^<]*)<')


class TestPortalTrack(PortalHttpCase):

    def _submitted(self):
        page = self.submit().text
        return NUMBER_RE.search(page).group(0), PASSWORD_RE.search(page).group(1)

    def _track(self, number, password):
        return self.opener.post(self.url('/hotline/track'), data={
            'csrf_token': self.csrf('/hotline/track'), 'number': number,
            'password': password}, timeout=30)

    def test_lookup_shows_timeline_without_staff_or_opinions(self):
        """CH-2: with number + password the citizen sees state and timeline; the agent's
        name and the internal opinion written on a step are not on the page."""
        number, password = self._submitted()
        with self.server_env() as env:
            ticket = env['hotline.ticket'].search([('name', '=', number)])
            agent = env.ref('hotline_core.user_agent')
            ticket.sudo(agent)._log_step('note', '已转交办理', opinion='内部意见：此人多次来电')
        page = self._track(number, password).text
        self.assertIn('o_hotline_timeline', page)
        self.assertIn(number, page)
        self.assertIn('已转交办理', page)
        self.assertNotIn('内部意见', page)
        self.assertNotIn(agent.name, page)
        self.assertNotIn('o_hotline_errors', page)

    def test_wrong_password_and_unknown_number_look_the_same(self):
        """CH-2: tried a wrong password for a real number and any password for a number
        that does not exist: the same error, no request data either time."""
        number, _password = self._submitted()
        wrong = ERROR_RE.search(self._track(number, 'wrongpass').text)
        unknown = ERROR_RE.search(self._track('12345-20000101-99999', 'wrongpass').text)
        self.assertTrue(wrong and unknown)
        self.assertEqual(wrong.group(1), unknown.group(1))
        self.assertNotIn('o_hotline_timeline', self._track(number, '').text)

    def test_lookup_rate_limited_per_number(self):
        """CH-2: with 3 lookups allowed per number, guessing passwords a 4th time is
        refused even with the right password (so guessing cannot go on)."""
        number, password = self._submitted()
        with self.server_env() as env:
            env['ir.config_parameter'].set_param('hotline_portal.rate_lookup_number', '3/600')
        for guess in ('aaaa', 'bbbb', 'cccc'):
            self.assertNotIn('o_hotline_timeline', self._track(number, guess).text)
        page = self._track(number, password).text
        self.assertNotIn('o_hotline_timeline', page)
        self.assertIn('o_hotline_errors', page)

    def test_recovery_mails_new_password_only_to_given_address(self):
        """CH-2: recovery with the wrong address sends nothing and says the same as with
        the right one; with the right one a new password is mailed, the old one stops
        working and the new one works."""
        number, old = self._submitted()

        def recover(address):
            token = CSRF_RE.search(self.url_open('/hotline/recover').text).group(1)
            return self.opener.post(self.url('/hotline/recover'), data={
                'csrf_token': token, 'number': number, 'contact_email': address},
                timeout=30).text

        def reset_mails():
            with self.server_env() as env:
                return env['mail.mail'].search([('email_to', '=', 'chen@example.com'),
                                                ('body_html', 'ilike', 'o_hotline_reset')])

        page_wrong = recover('other@example.com')
        self.assertIn('o_hotline_sent', page_wrong)
        self.assertFalse(reset_mails(), 'a password was sent to a stranger\'s request')
        page_right = recover('Chen@Example.com')
        self.assertIn('o_hotline_sent', page_right)
        mails = reset_mails()
        self.assertEqual(len(mails), 1)
        new = re.search(r'o_hotline_reset">([a-z0-9]+)<', mails.body_html).group(1)
        self.assertNotEqual(new, old)
        self.assertNotIn('o_hotline_timeline', self._track(number, old).text)
        self.assertIn('o_hotline_timeline', self._track(number, new).text)
