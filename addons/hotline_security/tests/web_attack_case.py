# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""The attacker's tools for the issue 15 attack tests: sign in as a demo role (password =
login) and call the live test server over XML-RPC and ``/web/dataset/call_kw``.

The requests use ``registry.test_cr`` (rolled back at the end of the test); fixtures the
server must see are written, and results read, on that cursor (``server_env``) while no
request runs. Import the module, not the class, so that pytest does not collect it.
"""
import re
import xmlrpc.client

import requests

import odoo.tests.common
from odoo.tests.common import get_db_name

from odoo.addons.hotline_core.tests import http_case

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
DB = get_db_name()


class WebAttackCase(http_case.HotlineHttpCase):
    server_context = {'tracking_disable': True}

    def url(self, path):
        return 'http://127.0.0.1:%d%s' % (odoo.tests.common.PORT, path)

    def url_open(self, url, data=None, timeout=60):
        # the first page of a test compiles the assets on a busy machine
        return super().url_open(url, data=data, timeout=timeout)

    # ------------------------------------------------------------------ XML-RPC
    def uid_of(self, login):
        uid = xmlrpc.client.ServerProxy(self.url('/xmlrpc/2/common')).authenticate(
            DB, login, login, {})
        self.assertTrue(uid, 'the demo login %s did not sign in' % login)
        return uid

    def rpc(self, login, model, method, args, kwargs=None):
        """``execute_kw`` as the demo role ``login``; a refusal raises xmlrpc Fault."""
        proxy = xmlrpc.client.ServerProxy(self.url('/xmlrpc/2/object'), allow_none=True)
        return proxy.execute_kw(DB, self.uid_of(login), login, model, method, args,
                                kwargs or {})

    def assertRefused(self, login, model, method, args, kwargs=None, msg=None):
        with self.assertRaises(xmlrpc.client.Fault, msg=msg or '%s could %s.%s%r' % (
                login, model, method, args)) as refused:
            self.rpc(login, model, method, args, kwargs)
        return refused.exception.faultString

    # ------------------------------------------------------------------ web client
    def web_session(self, login):
        """A signed-in browser session of ``login`` (requests.Session)."""
        session = requests.Session()
        page = session.get(self.url('/web/login'), timeout=60).text
        token = CSRF_RE.search(page).group(1)
        response = session.post(self.url('/web/login'), data={
            'csrf_token': token, 'login': login, 'password': login, 'redirect': '/web'},
            timeout=60)
        self.assertNotIn('oe_login_form', response.text, 'signing in as %s failed' % login)
        return session

    def call_kw(self, session, model, method, args, kwargs=None):
        """What the web client sends: JSON-RPC on /web/dataset/call_kw."""
        return session.post(self.url('/web/dataset/call_kw/%s/%s' % (model, method)), json={
            'jsonrpc': '2.0', 'method': 'call', 'id': 1,
            'params': {'model': model, 'method': method, 'args': args,
                       'kwargs': kwargs or {}}}, timeout=60).json()

    def csrf_of(self, session):
        page = session.get(self.url('/web/login'), timeout=60).text
        match = CSRF_RE.search(page)
        if match:
            return match.group(1)
        # signed in: /web/login redirects; the web client page carries the token
        page = session.get(self.url('/web'), timeout=60).text
        return re.search(r'csrf_token\s*:\s*"([^"]+)"', page).group(1)
