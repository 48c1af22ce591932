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

    def _recover(self, number, address):
        token = CSRF_RE.search(self.url_open('/hotline/recover').text).group(1)
        return self.opener.post(self.url('/hotline/recover'), data={
            'csrf_token': token, 'number': number, 'contact_email': address},
            timeout=30).text

    def _reset_mails(self):
        with self.server_env() as env:
            return env['mail.mail'].search([('email_to', '=', 'chen@example.com'),
                                            ('body_html', 'ilike', 'o_hotline_reset')])

    def _run_recovery_cron(self):
        with self.server_env() as env:
            env['hotline.portal.rate']._cron_recovery()

    def _recovery_state(self, number):
        """What a recovery request may have changed: the queue, the mails of the request,
        its password hashes (read in SQL, so that it reads the same before the queue
        existed)."""
        with self.server_env() as env:
            env.cr.execute("SELECT to_regclass('hotline_portal_recovery')")
            queue = []
            if env.cr.fetchone()[0]:
                env.cr.execute('SELECT number, email FROM hotline_portal_recovery ORDER BY id')
                queue = env.cr.fetchall()
            env.cr.execute("""SELECT t.portal_password_hash,
                                     row_to_json(t)->>'portal_password_pending_hash'
                                FROM hotline_ticket t WHERE name = %s""", [number])
            hashes = env.cr.fetchone()
            return {'queue': queue, 'mails': env['mail.mail'].search_count([]),
                    'hashes': hashes}

    def test_recovery_mails_new_password_only_to_given_address(self):
        """CH-2: recovery with the wrong address sends nothing and says the same as with
        the right one; with the right one a new password is mailed (in the background); the
        old one keeps working until the new one is used (issue 15 item 10), then only the
        new one works."""
        number, old = self._submitted()
        page_wrong = self._recover(number, 'other@example.com')
        self.assertIn('o_hotline_sent', page_wrong)
        self._run_recovery_cron()
        self.assertFalse(self._reset_mails(), 'a password was sent to a stranger\'s request')
        page_right = self._recover(number, 'Chen@Example.com')
        self.assertIn('o_hotline_sent', page_right)
        self._run_recovery_cron()
        mails = self._reset_mails()
        self.assertEqual(len(mails), 1)
        new = re.search(r'o_hotline_reset">([a-z0-9]+)<', mails.body_html).group(1)
        self.assertNotEqual(new, old)
        self.assertIn('o_hotline_timeline', self._track(number, old).text,
                      'the old password works until the new one is used')
        self.assertIn('o_hotline_timeline', self._track(number, new).text)
        self.assertNotIn('o_hotline_timeline', self._track(number, old).text,
                         'once the new one is used, the old one is gone')
        self.assertIn('o_hotline_timeline', self._track(number, new).text)

    def test_recovery_answers_and_works_alike_for_match_and_mismatch(self):
        """CH-2, issue 15 item 10: the attack — tell by the answer whether a number and an
        e-mail address match, and reset a citizen's password again and again. A matching and
        a mismatching recovery get the same page (but for the CSRF token) and do the same
        work during the request: one queued row each, no mail, no password changed. In the
        background only the match is mailed; asked again at once (a stranger who knows both)
        nothing more is sent and the citizen's password is untouched."""
        number, old = self._submitted()
        before = self._recovery_state(number)
        self.assertEqual(before['queue'], [])
        token_re = re.compile(r'name="csrf_token" value="[^"]+"')
        pages, work = [], []
        state = before
        for address in ('stranger@example.com', 'chen@example.com'):
            pages.append(token_re.sub('', self._recover(number, address)))
            previous, state = state, self._recovery_state(number)
            work.append({'mails queued': state['mails'] - previous['mails'],
                         'password changed': state['hashes'] != previous['hashes'],
                         'queued': state['queue'][len(previous['queue']):]})
        self.assertEqual(pages[0], pages[1])
        self.assertEqual(work[0]['mails queued'], work[1]['mails queued'], work)
        self.assertEqual(work[0]['password changed'], work[1]['password changed'], work)
        self.assertEqual(work, [
            {'mails queued': 0, 'password changed': False, 'queued': [(number, address)]}
            for address in ('stranger@example.com', 'chen@example.com')])
        self.assertEqual(len(self._recovery_state(number)['queue']), 2)
        self._run_recovery_cron()
        self.assertEqual(len(self._reset_mails()), 1)
        self.assertEqual(self._recovery_state(number)['queue'], [])
        after_first = self._recovery_state(number)['hashes']
        self.assertEqual(after_first[0], before['hashes'][0], 'the old password is kept')
        for _i in range(3):
            self._recover(number, 'chen@example.com')
        self._run_recovery_cron()
        self.assertEqual(len(self._reset_mails()), 1, 'one mail per request per interval')
        self.assertEqual(self._recovery_state(number)['hashes'], after_first)
        self.assertIn('o_hotline_timeline', self._track(number, old).text)
