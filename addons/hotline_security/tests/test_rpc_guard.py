# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""NF-2, issue 15: attacks over XML-RPC on public methods of Odoo's own models that act as
superuser, and on grants of Odoo's models that a government hotline does not accept. Each test
logs in as the role and tries it against the live test server."""
import xmlrpc.client

import odoo.tests.common
from odoo.tests.common import HttpCase, get_db_name


class TestRpcGuard(HttpCase):

    def _rpc(self, login):
        url = 'http://127.0.0.1:%d/xmlrpc/2/' % odoo.tests.common.PORT
        db = get_db_name()
        uid = xmlrpc.client.ServerProxy(url + 'common').authenticate(db, login, login, {})
        self.assertTrue(uid, 'demo login %s' % login)
        proxy = xmlrpc.client.ServerProxy(url + 'object', allow_none=True)

        def call(model, method, *args, **kwargs):
            return proxy.execute_kw(db, uid, login, model, method, list(args), kwargs)
        return call, uid

    def _count(self, query, params=()):
        cr = self.registry.test_cr
        cr.acquire()
        try:
            cr.execute(query, params)
            return cr.fetchone()[0]
        finally:
            cr.release()

    def test_citizen_cannot_put_notifications_on_the_bus(self):
        """NF-2, AG-3: a citizen calling bus.bus.sendone/sendmany over XML-RPC (to fake an
        agent's screen pop on the CTI channel) is refused, and nothing is queued."""
        call, _uid = self._rpc('citizen')
        before = self._count('SELECT count(*) FROM bus_bus')
        for method, args in (('sendone', ('["db", "hotline.cti.monitor"]', {'type': 'help'})),
                             ('sendmany', ([['["db", "hotline.cti.monitor"]',
                                             {'type': 'help'}]],))):
            with self.assertRaises(xmlrpc.client.Fault) as caught:
                call('bus.bus', method, *args)
            self.assertIn('bus.bus.%s' % method, caught.exception.faultString)
        self.assertEqual(self._count('SELECT count(*) FROM bus_bus'), before)

    def test_unit_handler_cannot_create_iap_accounts_or_phone_home(self):
        """NF-2: another district's unit handler calling iap.account.get / get_credits_url
        (each creates and commits an account as superuser) or
        publisher_warranty.contract.update_notification (contacts Odoo's server, rewrites
        database.* parameters) over XML-RPC is refused; no account appears."""
        call, _uid = self._rpc('xicheng_handler')
        before = self._count('SELECT count(*) FROM iap_account')
        for model, method, args in (
                ('iap.account', 'get', ('attacker-service',)),
                ('iap.account', 'get_credits_url', ('http://x', 'attacker-service', 1)),
                ('publisher_warranty.contract', 'update_notification', ([],))):
            with self.assertRaises(xmlrpc.client.Fault) as caught:
                call(model, method, *args)
            self.assertIn('%s.%s' % (model, method), caught.exception.faultString)
        self.assertEqual(self._count('SELECT count(*) FROM iap_account'), before)

    def test_agent_cannot_rewrite_another_users_presence(self):
        """NF-2, AG-1: an agent writing or deleting another user's bus.presence (to show a
        colleague or the leader as offline) over XML-RPC is refused; their own presence
        still updates through bus.presence.update."""
        call, agent_uid = self._rpc('agent')
        _lcall, leader_uid = self._rpc('leader')
        cr = self.registry.test_cr
        cr.acquire()
        try:
            cr.execute("INSERT INTO bus_presence (user_id, status, last_poll, last_presence) "
                       "VALUES (%s, 'online', now() at time zone 'UTC', "
                       "now() at time zone 'UTC') RETURNING id", (leader_uid,))
            presence = cr.fetchone()[0]
            # a savepoint of the test cursor: the refused request below rolls back to it
            cr.commit()  # pylint: disable=invalid-commit
        finally:
            cr.release()
        with self.assertRaises(xmlrpc.client.Fault):
            call('bus.presence', 'write', [presence], {'status': 'offline'})
        with self.assertRaises(xmlrpc.client.Fault):
            call('bus.presence', 'unlink', [presence])
        self.assertEqual(self._count("SELECT count(*) FROM bus_presence WHERE id = %s "
                                     "AND status = 'online'", (presence,)), 1)
        try:
            call('bus.presence', 'update', 1000)
        except xmlrpc.client.Fault as fault:  # it returns None, which XML-RPC cannot carry
            self.assertIn('cannot marshal None', fault.faultString)
        self.assertEqual(self._count('SELECT count(*) FROM bus_presence WHERE user_id = %s',
                                     (agent_uid,)), 1)

    def test_nobody_but_the_system_stores_data_in_odoos_test_models(self):
        """NF-2: the website visitor's, a citizen's and a unit handler's create of
        web_editor.converter.test and base_import's test models (open to every user in
        Odoo 11: free storage on the hotline's database) is refused over XML-RPC."""
        for login, models_ in (('citizen', ['web_editor.converter.test']),
                               ('unit_handler', ['web_editor.converter.test.sub',
                                                 'base_import.tests.models.char'])):
            call, _uid = self._rpc(login)
            for model in models_:
                with self.assertRaises(xmlrpc.client.Fault, msg='%s %s' % (login, model)):
                    call(model, 'create', {})
        public = self.env.ref('base.public_user')
        self.assertFalse(self.env['web_editor.converter.test'].sudo(public).check_access_rights(
            'create', raise_exception=False))

    def test_administrator_keeps_the_settings_and_code_the_bus(self):
        """The guard closes nothing to the administrator: admin still saves the settings over
        XML-RPC (execute), and server code still notifies through the bus as any user."""
        call, _uid = self._rpc('admin')
        settings = call('res.config.settings', 'create', {})
        call('res.config.settings', 'execute', [settings])
        agent = self.env.ref('base.public_user').search([('login', '=', 'agent')])
        self.env['bus.bus'].sudo(agent).sendone('hotline-test', {'type': 'noop'})

    def test_unit_clerk_cannot_rewrite_odoos_texts(self):
        """NF-2, NF-1: another district's unit handler rewriting a Chinese code translation
        (what `_()` returns to every user and citizen: here a hotline_portal message) or
        creating one over XML-RPC is refused; the text is unchanged. Translating a record he
        may write stays possible (type 'model' translations are checked on the record)."""
        call, _uid = self._rpc('xicheng_handler')
        cr = self.registry.test_cr
        cr.acquire()
        try:
            cr.execute("SELECT id, value FROM ir_translation WHERE lang = 'zh_CN' "
                       "AND type = 'code' AND module = 'hotline_portal' AND value != '' "
                       "ORDER BY id LIMIT 1")
            trans_id, value = cr.fetchone()
        finally:
            cr.release()
        with self.assertRaises(xmlrpc.client.Fault):
            call('ir.translation', 'write', [trans_id], {'value': '请向 6222 0000 转账'})
        with self.assertRaises(xmlrpc.client.Fault):
            call('ir.translation', 'create', {'name': 'addons/x.py', 'type': 'code',
                                              'lang': 'zh_CN', 'src': 'Submit',
                                              'value': '假的'})
        self.assertEqual(self._count('SELECT count(*) FROM ir_translation WHERE id = %s '
                                     'AND value = %s', (trans_id, value)), 1)

    def test_unit_clerk_cannot_create_xml_ids(self):
        """NF-2: a unit handler creating an ir.model.data entry (an xml id a later module
        update would write through) over XML-RPC is refused."""
        call, _uid = self._rpc('unit_handler')
        with self.assertRaises(xmlrpc.client.Fault):
            call('ir.model.data', 'create', {'module': 'hotline_security', 'name': 'planted',
                                             'model': 'res.users', 'res_id': 1})
        self.assertEqual(self._count("SELECT count(*) FROM ir_model_data WHERE "
                                     "name = 'planted'"), 0)

    def test_citizen_cannot_reach_the_bus_through_the_web_client_either(self):
        """NF-2: the same call through the web client's JSON-RPC (/web/dataset/call_kw, signed
        in as the citizen) is refused too, and nothing is queued."""
        self.authenticate('citizen', 'citizen')
        before = self._count('SELECT count(*) FROM bus_bus')
        url = 'http://127.0.0.1:%d/web/dataset/call_kw' % odoo.tests.common.PORT
        reply = self.opener.post(url, json={
            'jsonrpc': '2.0', 'method': 'call', 'id': 1, 'params': {
                'model': 'bus.bus', 'method': 'sendone',
                'args': ['["db", "hotline.cti.monitor"]', {'type': 'help'}], 'kwargs': {}}},
            timeout=60).json()
        self.assertIn('error', reply)
        self.assertIn('bus.bus.sendone', reply['error']['data']['message'])
        self.assertEqual(self._count('SELECT count(*) FROM bus_bus'), before)
