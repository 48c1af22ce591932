# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""IF-4: the agent's emergency quick transfer to the 110 linkage platform, against a test
peer that speaks the gateway's envelope (AES-256-GCM)."""
import base64
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from odoo.exceptions import AccessError, UserError
from odoo.tests.common import SavepointCase

from ..tools.crypto import aes_gcm_decrypt, aes_gcm_encrypt

KEY = os.urandom(32)


class Police110(BaseHTTPRequestHandler):
    received = []
    refuse = False

    def do_POST(self):
        envelope = json.loads(self.rfile.read(int(self.headers['Content-Length'])))
        aad = ('%s|%s|%s' % (envelope['username'], envelope['timestamp'],
                             envelope['nonce'])).encode()
        if self.refuse or envelope['password'] != 'hotline-pass':
            status, body = 401, {'code': 401, 'error': '密码错误'}
        else:
            case = json.loads(aes_gcm_decrypt(KEY, envelope['payload'], aad))
            Police110.received.append(case)
            status, body = 200, {'code': 0, 'payload': aes_gcm_encrypt(
                KEY, json.dumps({'reference': '110-20261124-0007'}).encode(), aad)}
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


class TestEmergencyTransfer(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = HTTPServer(('127.0.0.1', 0), Police110)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        cls.env['hotline.portal.client'].create({
            'name': '110联动平台', 'kind': 'partner', 'username': 'p110', 'channel': 'police',
            'cipher': 'aes_gcm', 'key': base64.b64encode(KEY).decode(),
            'allowed_ips': '127.0.0.1', 'remote_username': 'hotline12345',
            'remote_password': 'hotline-pass',
            'outbound_url': 'http://127.0.0.1:%d/gateway' % cls.server.server_port})
        cls.agent = cls.env.ref('hotline_core.user_agent')
        cls.ticket = cls.env['hotline.ticket'].create({
            'title': '有人持刀威胁', 'content': '幸福路有人持刀威胁路人', 'ticket_type': 'help',
            'contact_name': '赵先生', 'contact_phone': '13500002222', 'address': '幸福路12号'})

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        Police110.received = []
        Police110.refuse = False

    def test_transfer_reaches_110_and_is_recorded(self):
        """IF-4: the agent's transfer delivers number, content and address to the platform;
        the request keeps the 110 reference, turns urgent and the trail shows the step."""
        self.ticket.sudo(self.agent).action_emergency_transfer()
        self.assertEqual(len(Police110.received), 1)
        case = Police110.received[0]
        self.assertEqual((case['number'], case['address']), (self.ticket.name, '幸福路12号'))
        self.assertEqual(self.ticket.emergency_reference, '110-20261124-0007')
        self.assertTrue(self.ticket.urgent)
        self.assertIn('emergency_transfer', self.ticket.step_ids.mapped('action'))
        with self.assertRaises(UserError):
            self.ticket.sudo(self.agent).action_emergency_transfer()
        self.assertEqual(len(Police110.received), 1, 'transferred twice')

    def test_refused_or_unreachable_records_nothing(self):
        """IF-4: tried with the platform refusing, then with it unreachable: a clear error
        for the agent, no reference, no step."""
        Police110.refuse = True
        with self.assertRaises(UserError) as refused:
            self.ticket.sudo(self.agent).action_emergency_transfer()
        self.assertIn('密码错误', refused.exception.name)
        self.env['hotline.portal.client'].search([('channel', '=', 'police')]).write(
            {'outbound_url': 'http://127.0.0.1:9/nowhere'})
        with self.assertRaises(UserError):
            self.ticket.sudo(self.agent).action_emergency_transfer()
        self.assertFalse(self.ticket.emergency_reference)
        self.assertNotIn('emergency_transfer', self.ticket.step_ids.mapped('action'))

    def test_only_agents_transfer(self):
        """IF-4: a unit handler cannot fire the transfer."""
        handler = self.env['res.users'].create({
            'name': 'h', 'login': 'h_110', 'groups_id': [
                (6, 0, [self.env.ref('hotline_core.group_hotline_unit_handler').id])]})
        with self.assertRaises(AccessError):
            self.ticket.sudo(handler).action_emergency_transfer()
        self.assertFalse(Police110.received)
