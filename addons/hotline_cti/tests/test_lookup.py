# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""AG-10: the dialplan's caller lookup over HTTP, against the live server.

Odoo 11's HttpCase serves requests with ``registry.test_cr``: fixtures are written through it."""
import time
from contextlib import contextmanager

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tests.common import HttpCase

TOKEN = 'test-lookup-token'


class TestLookup(HttpCase):

    def setUp(self):
        super().setUp()
        self.base = 'http://127.0.0.1:%s' % odoo.tools.config['http_port']
        with self._server_env() as env:
            env['ir.config_parameter'].set_param('hotline_cti.lookup_token', TOKEN)
            env['res.partner'].create({
                'name': '贵宾市民', 'mobile': '13700001111', 'hotline_resource_type': 'citizen',
                'citizen_level': 'vip'})
            env['hotline.blacklist'].create({
                'phone': '13600009999', 'block_type': 'inbound', 'routing': 'voicemail',
                'reason': '骚扰电话'})

    @contextmanager
    def _server_env(self):
        cr = self.registry.test_cr
        cr.acquire()
        try:
            yield api.Environment(cr, SUPERUSER_ID, {})
        finally:
            cr.release()

    def _get(self, number, **params):
        started = time.time()
        response = self.opener.get(self.base + '/hotline_cti/lookup',
                                   params=dict(params, number=number),
                                   headers={'X-Hotline-Token': TOKEN}, timeout=5)
        return response, time.time() - started

    def test_known_vip_caller_name_and_priority(self):
        """AG-10: a VIP caller's name for CALLERID(name) and a queue priority, quickly."""
        response, elapsed = self._get('13700001111')
        self.assertEqual(response.status_code, 200)
        data = response.json()
        self.assertEqual(data['name'], '贵宾市民')
        self.assertGreater(data['priority'], 0)
        self.assertFalse(data['blocked'])
        self.assertLess(elapsed, 1.0, 'AG-10: the dialplan waits on this answer')

    def test_blacklisted_caller_blocked_with_routing(self):
        """AG-10: a blacklisted number is answered blocked, with where to route it, in the
        dialplan's format too."""
        data = self._get('13600009999')[0].json()
        self.assertTrue(data['blocked'])
        self.assertEqual(data['routing'], 'voicemail')
        line = self._get('13600009999', fmt='dialplan')[0].text
        self.assertEqual(line.split('|')[1:3], ['1', 'voicemail'])
        # outbound calls to it are not blocked by an inbound-only entry
        self.assertFalse(self._get('13600009999', direction='outbound')[0].json()['blocked'])

    def test_wrong_token_refused(self):
        """AG-10: without the PBX's token the endpoint tells nothing."""
        response = self.opener.get(self.base + '/hotline_cti/lookup', timeout=5,
                                   params={'number': '13700001111', 'token': 'nope'})
        self.assertEqual(response.status_code, 403)
        self.assertNotIn('贵宾', response.text)
