# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""Attack tests of issue 15 (NF-2): log in as a demo role over XML-RPC against the live test
server and try what an attacker would.

Odoo 11's HttpCase serves every request on ``registry.test_cr`` while the test's own
``self.env`` is another transaction: fixtures the server must see are written, and results
read, on ``test_cr`` (``server_env``) while no request runs. The module's name starts with an
underscore so that pytest does not collect the base class.
"""
import xmlrpc.client

import requests

import odoo.tests.common
from odoo.tests.common import get_db_name

from odoo.addons.hotline_core.tests import http_case

DB = get_db_name()


class AttackCase(http_case.HotlineHttpCase):
    server_context = {'tracking_disable': True}

    def rpc(self, login):
        """A caller signed in as ``login`` (password = login): ``call(model, method, *args,
        **kwargs)`` runs execute_kw and returns its result or raises xmlrpc.client.Fault."""
        # the port is read at call time: conftest sets it after this module is imported
        base = 'http://%s:%s' % (odoo.tests.common.HOST, odoo.tests.common.PORT)
        uid = xmlrpc.client.ServerProxy(base + '/xmlrpc/2/common').authenticate(
            DB, login, login, {})
        self.assertTrue(uid, 'demo login %s failed' % login)
        models = xmlrpc.client.ServerProxy(base + '/xmlrpc/2/object', allow_none=True)

        def call(model, method, *args, **kwargs):
            return models.execute_kw(DB, uid, login, model, method, list(args), kwargs)
        call.uid = uid
        return call

    def assertRefused(self, call, model, method, *args, **kwargs):
        with self.assertRaises(xmlrpc.client.Fault, msg='%s.%s%r was not refused' % (
                model, method, args)) as refused:
            call(model, method, *args, **kwargs)
        return refused.exception.faultString

    def json_call(self, login, path, params):
        """A JSON-RPC route called as the web client does, signed in as ``login``."""
        base = 'http://%s:%s' % (odoo.tests.common.HOST, odoo.tests.common.PORT)
        session = requests.Session()
        signed_in = session.post(base + '/web/session/authenticate', json={
            'jsonrpc': '2.0', 'method': 'call', 'id': 1,
            'params': {'db': DB, 'login': login, 'password': login}}, timeout=60).json()
        self.assertTrue(signed_in.get('result', {}).get('uid'), signed_in)
        return session.post(base + path, json={
            'jsonrpc': '2.0', 'method': 'call', 'id': 2, 'params': params}, timeout=60).json()
