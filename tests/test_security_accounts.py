"""Issue 15, items 4 and 11 (NF-2), tried over XML-RPC against the live test server as the
attacker would: guessable accounts of the demo database, the anonymous database service, and
the working-day index rebuild forced by any internal user.
"""
import os
import re
import xmlrpc.client

import live  # tests/live.py

import odoo
from odoo.tests.common import get_db_name

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DB = get_db_name()


def documented_demo_logins():
    """The demo logins of README.md's table "Demo logins (password = login)"."""
    with open(os.path.join(ROOT, 'README.md'), encoding='utf-8') as f:
        text = f.read()
    table = text.split('### Demo logins (password = login)', 1)[1].split('\n## ', 1)[0]
    logins = set()
    for line in table.splitlines():
        if line.startswith('| `'):
            logins.update(re.findall(r'`([a-z_]+)`', line.split('|')[1]))
    return logins


class TestGuessableAccounts(live.LiveServerCase):

    def setUp(self):
        super().setUp()
        base = 'http://127.0.0.1:%d' % odoo.tests.common.PORT
        self.common = xmlrpc.client.ServerProxy(base + '/xmlrpc/2/common')
        self.db_service = xmlrpc.client.ServerProxy(base + '/xmlrpc/2/db')

    def test_stock_demo_accounts_refused(self):
        """NF-2, issue 15 item 4: Odoo's stock demo accounts demo/demo (base.user_demo, an
        employee) and portal/portal (its portal demo user) are refused over XML-RPC
        authenticate — and by an execute_kw that names their uid."""
        models = xmlrpc.client.ServerProxy(
            'http://127.0.0.1:%d/xmlrpc/2/object' % odoo.tests.common.PORT)
        for login in ('demo', 'portal'):
            self.assertFalse(self.common.authenticate(DB, login, login, {}), login)
            rows = self.server_query('SELECT id FROM res_users WHERE login = %s', (login,))
            for row in rows:
                with self.assertRaises(xmlrpc.client.Fault, msg=login):
                    models.execute_kw(DB, row['id'], login, 'res.partner', 'search', [[]])

    def test_only_documented_demo_logins_have_password_login(self):
        """NF-2, issue 15 item 4: every account of the database (enumerated, active or not)
        tried over XML-RPC with password = login: exactly the demo logins documented in
        README.md get in (and the banner of ./hotline run lists the same)."""
        import importlib.util
        spec = importlib.util.spec_from_file_location(
            'hotline_db', os.path.join(ROOT, 'tools', 'hotline_db.py'))
        hotline_db = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(hotline_db)
        documented = documented_demo_logins()
        self.assertEqual({login for login, _role in hotline_db.DEMO_LOGINS}, documented)
        accepted = set()
        for row in self.server_query('SELECT login FROM res_users ORDER BY id'):
            if self.common.authenticate(DB, row['login'], row['login'], {}):
                accepted.add(row['login'])
        self.assertEqual(accepted, documented)

    def test_banner_says_demo(self):
        """Issue 15 item 4: the banner ./hotline run prints says loudly that this is a demo
        system with guessable passwords."""
        import subprocess
        import sys
        out = subprocess.run(
            [sys.executable, os.path.join(ROOT, 'tools', 'hotline_db.py'), '--config',
             odoo.tools.config.rcfile, 'banner', DB], stdout=subprocess.PIPE,
            universal_newlines=True, timeout=120, check=True).stdout
        self.assertIn('DEMO SYSTEM — NOT FOR PRODUCTION', out)
        self.assertIn('演示系统', out)

    def test_production_configuration_loads_no_demo_data(self):
        """Issue 15 item 4: the production node configuration (the example and what
        tools/cluster.py writes) says without_demo = all."""
        with open(os.path.join(ROOT, 'deploy', 'odoo.prod.conf.example')) as f:
            self.assertRegex(f.read(), r'(?m)^without_demo = all$')
        import importlib.util
        import tempfile
        spec = importlib.util.spec_from_file_location(
            'cluster', os.path.join(ROOT, 'tools', 'cluster.py'))
        cluster = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(cluster)
        with tempfile.TemporaryDirectory() as tmp:
            node = cluster.Cluster(odoo.tools.config.rcfile, DB, directory=tmp)
            with open(node.node_config(1)) as f:
                self.assertRegex(f.read(), r'(?m)^without_demo = all$')

    def test_database_service_refuses_anonymous_probes(self):
        """NF-2, issue 15 item 11: /xmlrpc/2/db db_exist and server_version asked
        anonymously are refused; /web/webclient/version_info (odoorpc needs it) still
        answers."""
        for method, args in (('db_exist', (DB,)), ('server_version', ())):
            with self.assertRaises(xmlrpc.client.Fault, msg=method) as refused:
                getattr(self.db_service, method)(*args)
            # AccessDenied (xmlrpc: RPC_FAULT_CODE_ACCESS_DENIED)
            self.assertEqual(refused.exception.faultCode, 3, refused.exception.faultString)
        reply = self.opener.post(
            'http://127.0.0.1:%d/web/webclient/version_info' % odoo.tests.common.PORT,
            json={'jsonrpc': '2.0', 'method': 'call', 'params': {}}, timeout=60).json()
        self.assertTrue(reply['result']['server_version'])


class TestWorkdayIndexRebuild(live.LiveServerCase):

    def _call(self, login, method, args):
        uid = self.server_query('SELECT id FROM res_users WHERE login = %s', (login,))[0]['id']
        models = xmlrpc.client.ServerProxy(
            'http://127.0.0.1:%d/xmlrpc/2/object' % odoo.tests.common.PORT)
        return models.execute_kw(DB, uid, login, 'hotline.calendar.day', method, args)

    def test_internal_users_cannot_force_the_rebuild(self):
        """NF-2, SV-2, issue 15 item 11: an agent and another district's unit handler call
        import_year for a year without calendar days (nothing to unlink, so the access rules
        of the calendar never fire) and import_package_year over XML-RPC: refused with an
        access error; the office leader, who edits the calendar, still imports."""
        for login in ('agent', 'xicheng_handler', 'unit_handler'):
            for method, args in (('import_year', [1999, {}]), ('import_package_year', [1999])):
                with self.assertRaises(xmlrpc.client.Fault, msg=(login, method)) as refused:
                    self._call(login, method, args)
                # Odoo's fault code of AccessError (xmlrpc: RPC_FAULT_CODE_ACCESS_ERROR)
                self.assertEqual(refused.exception.faultCode, 4, refused.exception.faultString)
                self.assertIn('hotline.calendar.day', refused.exception.faultString)
        action = self._call('office_leader', 'import_year', [1999, {}])
        self.assertEqual(action['res_model'], 'hotline.calendar.day')
