"""Issue 9 hardening (hotline_security), tried over real HTTP as an attacker would: password
guessing through the web form, XML-RPC log-in and XML-RPC calls; developer pages; idle sessions.

The server's transaction (``registry.test_cr``) is the one the requests use, so the fixtures
(parameters, a user whose password no earlier test has put in Odoo's cache) are written there.
"""
import http.client
import os
import re
import time
import xmlrpc.client

import live  # tests/live.py
import requests

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tests.common import get_db_name

DB = get_db_name()
STRONG = 'Qingchuan2026'


class TestLoginProtection(live.LiveServerCase):

    def setUp(self):
        super().setUp()
        self._drill_setup()

    def _drill_setup(self):
        self.base = 'http://127.0.0.1:%d' % odoo.tests.common.PORT
        with self.server_cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            params = env['ir.config_parameter']
            params.set_param('hotline.login_max_by_ip_login', '3')
            params.set_param('hotline.login_max_by_ip', '6')
            params.set_param('hotline.login_whitelist', '')
            self.uid = env['res.users'].create({
                'name': '安全演练', 'login': 'drill_%d' % time.time(), 'password': STRONG,
                'groups_id': [(6, 0, [env.ref('hotline_core.group_hotline_agent').id])],
            }).id
            self.login = env['res.users'].browse(self.uid).login
        self.common = xmlrpc.client.ServerProxy(self.base + '/xmlrpc/2/common')
        self.models = xmlrpc.client.ServerProxy(self.base + '/xmlrpc/2/object')

    def _failures(self, login=None):
        rows = self.server_query(
            'SELECT login, remote FROM hotline_login_failure WHERE remote = %s',
            ('127.0.0.1',))
        return [r for r in rows if login is None or r['login'] == login]

    def test_guessing_over_xmlrpc_login_is_refused(self):
        """Issue 9: three wrong passwords for one login from one address (limit 3 here), then
        even the right password is refused from that address; each failure is on record; a
        right password before the limit clears the run."""
        self.assertFalse(self.common.authenticate(DB, self.login, 'wrong-1', {}))
        self.assertFalse(self.common.authenticate(DB, self.login, 'wrong-2', {}))
        self.assertEqual(self.common.authenticate(DB, self.login, STRONG, {}), self.uid)
        self.assertEqual(self._failures(self.login), [], 'a success ends the run of failures')
        for attempt in ('wrong-3', 'wrong-4', 'wrong-5'):
            self.assertFalse(self.common.authenticate(DB, self.login, attempt, {}))
        self.assertEqual(len(self._failures(self.login)), 3, self._failures())
        self.assertFalse(self.common.authenticate(DB, self.login, STRONG, {}),
                         'the address is refused even with the right password')
        # another login from the same address is still let in until the address limit (6)
        agent = self.server_query("SELECT id FROM res_users WHERE login = 'agent'")[0]['id']
        self.assertEqual(self.common.authenticate(DB, 'agent', 'agent', {}), agent)

    def test_guessing_through_xmlrpc_calls_counts_too(self):
        """Issue 9: an execute_kw call with a guessed password (uid known) is a failed log-in
        like any other; after the limit, the right password is refused on calls too."""
        for attempt in ('a', 'b', 'c'):
            with self.assertRaises(xmlrpc.client.Fault):
                self.models.execute_kw(DB, self.uid, attempt, 'hotline.ticket', 'search', [[]])
        self.assertEqual(len(self._failures(self.login)), 3, self._failures())
        with self.assertRaises(xmlrpc.client.Fault) as refused:
            self.models.execute_kw(DB, self.uid, STRONG, 'hotline.ticket', 'search', [[]])
        self.assertIn('Access denied', refused.exception.faultString)

    def test_address_limit_and_whitelist(self):
        """Issue 9: unknown logins count against the address (limit 6 here): a seventh try
        with a real account is refused; a whitelisted address is never refused."""
        for i in range(6):
            self.assertFalse(self.common.authenticate(DB, 'nobody%d' % i, 'x', {}))
        self.assertFalse(self.common.authenticate(DB, self.login, STRONG, {}))
        with self.server_cursor() as cr:
            api.Environment(cr, SUPERUSER_ID, {})['ir.config_parameter'].set_param(
                'hotline.login_whitelist', '10.0.0.1, 127.0.0.1')
        self.assertEqual(self.common.authenticate(DB, self.login, STRONG, {}), self.uid)

    def test_web_form_guessing_is_refused(self):
        """Issue 9: the same through the log-in page of the web client (with its CSRF token):
        three wrong passwords for the demo agent (limit 3 here), then the right password shows
        the login page again, not the back office, and is not even checked."""
        def post(password):
            page = self.url_open('/web/login', timeout=120).text
            token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
            return self.url_open('/web/login', data={
                'login': 'agent', 'password': password, 'csrf_token': token,
                'redirect': '/web'}, timeout=120)
        self.assertNotIn('oe_login_form', post('agent').text, 'the right password lets in')
        for attempt in ('w1', 'w2', 'w3'):
            self.assertIn('oe_login_form', post(attempt).text)
        self.assertEqual(len(self._failures('agent')), 3, self._failures())
        self.assertIn('oe_login_form', post('agent').text)
        self.assertEqual(len(self._failures('agent')), 3, 'a refused try is not checked')


class SourceTransport(xmlrpc.client.Transport):
    """XML-RPC from another loopback address (127.0.0.0/8 is all local on Linux): the
    server sees the request come from ``source``, as from another machine."""

    def __init__(self, source):
        super().__init__()
        self.source = source

    def make_connection(self, host):
        if self._connection and host == self._connection[0]:
            return self._connection[1]
        chost, self._extra_headers, _x509 = self.get_host_info(host)
        self._connection = host, http.client.HTTPConnection(
            chost, source_address=(self.source, 0), timeout=120)
        return self._connection[1]


class TestLoginLimitsAcrossAddresses(live.LiveServerCase):
    """Issue 15 item 9 (NF-2): the limits count per account across addresses, and an
    address that guesses does not lock out the colleagues signing in correctly behind it."""

    _drill_setup = TestLoginProtection._drill_setup

    def setUp(self):
        super().setUp()
        self._drill_setup()
        with self.server_cursor() as cr:
            api.Environment(cr, SUPERUSER_ID, {})['ir.config_parameter'].set_param(
                'hotline.login_max_by_login', '5')

    def _common(self, source):
        return xmlrpc.client.ServerProxy(self.base + '/xmlrpc/2/common',
                                         transport=SourceTransport(source))

    def test_guessing_spread_over_addresses_hits_the_account_limit(self):
        """Issue 15 item 9: the account signs in from its office (127.0.0.9); then two wrong
        passwords from each of six other addresses (under the per-address limit of 3 each):
        after five failures in all (the account limit here) the login is refused from any
        address it never signed in from, even with the right password — before, the right
        password got in from a seventh address. From its office it still signs in."""
        office = self._common('127.0.0.9')
        self.assertEqual(office.authenticate(DB, self.login, STRONG, {}), self.uid)
        for n in range(2, 8):
            proxy = self._common('127.0.0.%d' % n)
            for attempt in ('guess-a', 'guess-b'):
                self.assertFalse(proxy.authenticate(DB, self.login, attempt, {}))
        rows = self.server_query('SELECT remote FROM hotline_login_failure WHERE login = %s',
                                 (self.login,))
        self.assertEqual(len(rows), 5, 'refused tries are not even checked: %s' % rows)
        self.assertFalse(self._common('127.0.0.8').authenticate(DB, self.login, STRONG, {}),
                         'a new address is refused, the right password too')
        models = xmlrpc.client.ServerProxy(self.base + '/xmlrpc/2/object',
                                           transport=SourceTransport('127.0.0.10'))
        with self.assertRaises(xmlrpc.client.Fault):
            models.execute_kw(DB, self.uid, STRONG, 'hotline.ticket', 'search', [[]])
        self.assertEqual(office.authenticate(DB, self.login, STRONG, {}), self.uid,
                         'the office where the account signs in is not locked out')

    def test_guesser_behind_the_office_nat_does_not_lock_colleagues_out(self):
        """Issue 15 item 9: the agent signs in from the office address; then someone behind the
        same address fails with six unknown logins (the address limit here): the agent, known
        at this address, still signs in (before: refused for the hour); a colleague who never
        signed in from there is refused; the per-login limit still holds for the agent."""
        agent = self.server_query("SELECT id FROM res_users WHERE login = 'agent'")[0]['id']
        self.assertEqual(self.common.authenticate(DB, 'agent', 'agent', {}), agent)
        for i in range(6):
            self.assertFalse(self.common.authenticate(DB, 'nobody%d' % i, 'x', {}))
        self.assertEqual(self.common.authenticate(DB, 'agent', 'agent', {}), agent,
                         'a colleague known at this address signs in')
        self.assertFalse(self.common.authenticate(DB, self.login, STRONG, {}),
                         'a login never seen at this address waits')
        for attempt in ('w1', 'w2', 'w3'):
            self.assertFalse(self.common.authenticate(DB, 'agent', attempt, {}))
        self.assertFalse(self.common.authenticate(DB, 'agent', 'agent', {}),
                         'three failures of the agent from this address: refused')


class TestSessionRotation(live.LiveServerCase):
    """Issue 15 item 9 (NF-2): session fixation — the session id changes at login and the
    id the visitor had before is not signed in."""

    def setUp(self):
        super().setUp()
        self.base = 'http://127.0.0.1:%d' % odoo.tests.common.PORT

    def _uid(self, sid):
        reply = requests.post(self.base + '/web/session/get_session_info', cookies={
            'session_id': sid}, json={'jsonrpc': '2.0', 'method': 'call', 'params': {}},
            timeout=60).json()
        return reply.get('result', {}).get('uid') if 'result' in reply else None

    def test_web_login_rotates_the_session_id(self):
        """Issue 15 item 9: an anonymous visit of /web/login gets a session id (the one an
        attacker could plant); signing in through the form answers with another one; the
        old id is not signed in, the new one is."""
        browser = requests.Session()
        page = browser.get(self.base + '/web/login', timeout=120)
        before = browser.cookies['session_id']
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        reply = browser.post(self.base + '/web/login', data={
            'login': 'agent', 'password': 'agent', 'csrf_token': token, 'redirect': '/web'},
            timeout=120, allow_redirects=False)
        self.assertNotIn('oe_login_form', reply.text, 'signed in')
        after = browser.cookies['session_id']
        self.assertNotEqual(before, after)
        agent = self.server_query("SELECT id FROM res_users WHERE login = 'agent'")[0]['id']
        self.assertEqual(self._uid(after), agent)
        self.assertFalse(self._uid(before), 'the planted session id is not signed in')

    def test_json_authenticate_rotates_the_session_id(self):
        """Issue 15 item 9: the same through /web/session/authenticate (JSON-RPC): the cookie
        and the session_id of the answer are the new id; the old one is not signed in."""
        client = requests.Session()
        client.get(self.base + '/web/login', timeout=120)
        before = client.cookies['session_id']
        reply = client.post(self.base + '/web/session/authenticate', json={
            'jsonrpc': '2.0', 'method': 'call', 'params': {
                'db': DB, 'login': 'agent', 'password': 'agent'}}, timeout=120).json()
        after = client.cookies['session_id']
        self.assertNotEqual(before, after)
        self.assertEqual(reply['result']['session_id'], after)
        self.assertTrue(self._uid(after))
        self.assertFalse(self._uid(before), 'the planted session id is not signed in')


class TestClosedDoors(live.LiveServerCase):

    def test_developer_pages_only_for_administrators(self):
        """Issue 9: no debug routes for the portal: the JavaScript test suites and benchmarks
        answer 404 to anonymous visitors, to the citizen on the portal and to staff; a system
        administrator still has them."""
        for path in ('/web/tests/mobile', '/web/benchmarks'):
            self.assertEqual(self.url_open(path, timeout=120).status_code, 404, path)
        logins = ['agent'] + (['citizen'] if self.server_query(
            "SELECT id FROM res_users WHERE login = 'citizen'") else [])
        for login in logins:
            self.authenticate(login, login)
            for path in ('/web/tests', '/web/tests/mobile', '/web/benchmarks'):
                self.assertEqual(self.url_open(path, timeout=120).status_code, 404, (login, path))
        self.authenticate('admin', 'admin')
        self.assertEqual(self.url_open('/web/tests', timeout=300).status_code, 200)

    def test_public_pages_for_visitors_without_a_session(self):
        """Issue 9: the idle-session timeout leaves anonymous visitors and API clients alone: a
        public route answered without any cookie (a first visit, an app's call) is served, not
        turned into a log-in redirect."""
        url = 'http://127.0.0.1:%d/web/image?model=res.company&id=1&field=logo' % (
            odoo.tests.common.PORT)
        reply = requests.get(url, timeout=60, allow_redirects=False)
        self.assertEqual(reply.status_code, 200, reply.headers.get('Location'))
        self.assertTrue(reply.headers['Content-Type'].startswith('image/'))

    def test_idle_session_ends(self):
        """Issue 9: a session idle for longer than hotline.session_idle_seconds is logged
        out: the next page asks for the log-in again."""
        self.authenticate('agent', 'agent')

        def session_info():  # a JSON-RPC call of the web client that needs a logged-in user
            url = 'http://127.0.0.1:%d/web/dataset/search_read' % odoo.tests.common.PORT
            return self.opener.post(url, json={'jsonrpc': '2.0', 'method': 'call', 'params': {
                'model': 'res.users', 'fields': ['login'], 'domain': [('login', '=', 'agent')]}},
                timeout=30).json()
        self.assertEqual(session_info()['result']['records'][0]['login'], 'agent')
        with self.server_cursor() as cr:
            api.Environment(cr, SUPERUSER_ID, {})['ir.config_parameter'].set_param(
                'hotline.session_idle_seconds', '60')
        path = odoo.http.root.session_store.get_session_filename(self.session_id)
        past = time.time() - 3600
        os.utime(path, (past, past))
        reply = session_info()
        self.assertEqual(reply['error']['data']['name'], 'odoo.http.SessionExpiredException')
        self.assertEqual(session_info()['error']['data']['name'],
                         'odoo.http.SessionExpiredException', 'still logged out')
