# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-2: a citizen with a portal account sees their own requests and nobody else's —
through the portal pages, the web client's JSON-RPC and XML-RPC."""
import xmlrpc.client

from odoo.tests.common import get_db_name

from .common import PortalHttpCase


class TestPortalSecurity(PortalHttpCase):

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            self.user_a = self.make_citizen_user(env, 'p_a', '甲市民', '13600000001').id
            self.user_b = self.make_citizen_user(env, 'p_b', '乙市民', '13600000002').id
            a = env['res.users'].browse(self.user_a).partner_id
            b = env['res.users'].browse(self.user_b).partner_id
            self.ticket_a = self.make_ticket(
                env, title='甲的诉求', partner_id=a.id).id
            ticket_b = self.make_ticket(env, title='乙的私密诉求', partner_id=b.id)
            ticket_b._log_step('note', '转办', opinion='内部意见')
            self.ticket_b = ticket_b.id

    def test_portal_lists_only_own_requests(self):
        """CH-2: /my/requests of citizen A lists A's request, not B's; the home shows the
        entry."""
        self.login('p_a', 'p_a')
        self.assertIn('/my/requests', self.url_open('/my/home').text)
        page = self.url_open('/my/requests').text
        self.assertIn('甲的诉求', page)
        self.assertNotIn('乙的私密诉求', page)

    def test_other_citizens_request_url_gives_404(self):
        """CH-2: tried B's request URL while signed in as A: 404 and none of B's text; A's
        own request opens with its timeline."""
        self.login('p_a', 'p_a')
        response = self.url_open('/my/requests/%d' % self.ticket_b)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn('乙的私密诉求', response.text)
        own = self.url_open('/my/requests/%d' % self.ticket_a)
        self.assertEqual(own.status_code, 200)
        self.assertIn('甲的诉求', own.text)
        self.assertIn('o_hotline_timeline', own.text)

    def test_anonymous_visitor_is_sent_to_login(self):
        """CH-2: /my/requests without signing in leads to the login page, no data."""
        response = self.url_open('/my/requests/%d' % self.ticket_a)
        self.assertIn('/web/login', response.url)
        self.assertNotIn('甲的诉求', response.text)

    def _call_kw(self, model, method, args, kwargs=None):
        return self.opener.post(self.url('/web/dataset/call_kw'), json={
            'jsonrpc': '2.0', 'method': 'call', 'id': 1,
            'params': {'model': model, 'method': method, 'args': args,
                       'kwargs': kwargs or {}}}, timeout=30).json()

    def test_json_rpc_reads_only_own_requests_and_no_staff_fields(self):
        """CH-2: tried search_read, read of B's id and reading the agent field through
        /web/dataset/call_kw as A: only A's request comes back, B's read is refused, the
        staff field is refused."""
        self.login('p_a', 'p_a')
        rows = self._call_kw('hotline.ticket', 'search_read', [[]], {'fields': ['title']})
        self.assertEqual([r['title'] for r in rows['result']], ['甲的诉求'])
        refused = self._call_kw('hotline.ticket', 'read', [[self.ticket_b], ['title']])
        self.assertIn('error', refused)
        self.assertNotIn('乙的私密诉求', str(refused))
        staff = self._call_kw('hotline.ticket', 'read', [[self.ticket_a], ['user_id']])
        self.assertIn('error', staff, 'CH-2: a citizen read the name of the agent')
        steps = self._call_kw('hotline.ticket.step', 'search_read', [[]], {'fields': ['opinion']})
        self.assertIn('error', steps, 'CH-2: a citizen read the internal trail')
        write = self._call_kw('hotline.ticket', 'write', [[self.ticket_a], {'title': '篡改'}])
        self.assertIn('error', write)

    def test_xmlrpc_reads_only_own_requests(self):
        """CH-2: tried XML-RPC as A: search finds only A's request; reading B's fails."""
        models = xmlrpc.client.ServerProxy(self.url("/xmlrpc/2/object"))
        db = get_db_name()
        ids = models.execute_kw(db, self.user_a, 'p_a', 'hotline.ticket', 'search', [[]])
        self.assertEqual(ids, [self.ticket_a])
        with self.assertRaises(xmlrpc.client.Fault):
            models.execute_kw(db, self.user_a, 'p_a', 'hotline.ticket', 'read',
                              [[self.ticket_b], ['title']])

    def test_citizen_cannot_spend_other_peoples_attempts(self):
        """CH-1, CH-2 (attack): tried as citizen A over XML-RPC to count look-up attempts
        against citizen B's number, which would lock B out of looking up his requests: the
        rate limiter's counting cannot be called remotely, and no attempt is stored."""
        models = xmlrpc.client.ServerProxy(self.url("/xmlrpc/2/object"))
        db = get_db_name()
        for method in ('hit', '_hit'):
            with self.assertRaises(xmlrpc.client.Fault):
                models.execute_kw(db, self.user_a, 'p_a', 'hotline.portal.rate', method,
                                  ['lookup_number', '13600000002'])
        with self.server_env() as env:
            self.assertFalse(env['hotline.portal.rate'].search(
                [('key', 'like', '13600000002')]))

    def test_citizen_cannot_take_a_gateways_credentials(self):
        """IF-2, CH-11, NF-2 (attack): tried as citizen A over XML-RPC to issue a new token
        for the app's client and to set a partner system's password — either would give him
        the gateway: both refused, the stored credentials unchanged."""
        with self.server_env() as env:
            client = env['hotline.portal.client'].create({
                'name': '市民App', 'kind': 'app', 'allowed_ips': '127.0.0.1'})
            client.action_new_token()
            client.action_set_password('s3cret-app')
            client_id, before = client.id, (client.token_hash, client.password_hash)
        models = xmlrpc.client.ServerProxy(self.url("/xmlrpc/2/object"))
        db = get_db_name()
        for method, args in (('action_new_token', []), ('action_set_password', ['123456'])):
            with self.assertRaises(xmlrpc.client.Fault):
                models.execute_kw(db, self.user_a, 'p_a', 'hotline.portal.client', method,
                                  [[client_id]] + args)
        with self.server_env() as env:
            client = env['hotline.portal.client'].browse(client_id)
            self.assertEqual((client.token_hash, client.password_hash), before)

    def test_anonymous_submission_with_citizens_phone_stays_out_of_his_portal(self):
        """CH-2 (privacy): someone not signed in submits a request typing citizen A's mobile:
        the request is registered, but A's /my/requests, A's request URL for it and A's
        JSON-RPC search do not show it. When A himself submits signed in, it is his."""
        page = self.submit(title='冒用他人号码的诉求', contact_phone='13600000001').text
        self.assertIn('o_hotline_password', page)
        rows = self.ticket_rows('title = %s', ['冒用他人号码的诉求'])
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0]['contact_phone'], '+8613600000001')
        self.assertFalse(rows[0]['partner_id'])
        self.login('p_a', 'p_a')
        self.assertNotIn('冒用他人号码的诉求', self.url_open('/my/requests').text)
        self.assertEqual(self.url_open('/my/requests/%d' % rows[0]['id']).status_code, 404)
        found = self._call_kw('hotline.ticket', 'search_read', [[]], {'fields': ['title']})
        self.assertNotIn('冒用他人号码的诉求', str(found))
        self.submit(title='本人登录提交的诉求', contact_phone='13900000009')
        self.assertIn('本人登录提交的诉求', self.url_open('/my/requests').text)
