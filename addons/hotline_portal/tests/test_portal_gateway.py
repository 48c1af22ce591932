# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""IF-2, IF-4: partner systems push cases, query status and report progress through the
encrypted, authenticated gateway."""
import base64
import json
import os
import time
import unittest
import uuid

from ..controllers.gateway import envelope_aad
from ..tools.crypto import aes_gcm_decrypt, aes_gcm_encrypt, des_decrypt, des_encrypt
from .common import PortalHttpCase

AES_KEY = os.urandom(32)
DES_KEY = b'12345678'


class TestDesVector(unittest.TestCase):

    def test_des_matches_openssl(self):
        """IF-2: the legacy DES-CBC (IV = key, PKCS#5) + Base64 matches OpenSSL's
        `openssl enc -des-cbc -K 3132333435363738 -iv 3132333435363738` of "hello"."""
        self.assertEqual(des_encrypt(DES_KEY, b'hello'), 'sxqYZRqwq+Q=')
        self.assertEqual(des_decrypt(DES_KEY, 'sxqYZRqwq+Q='), b'hello')


class TestGateway(PortalHttpCase):

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            Client = env['hotline.portal.client']
            self.aes = Client.create({
                'name': '110联动平台', 'kind': 'partner', 'username': 'police110',
                'cipher': 'aes_gcm', 'key': base64.b64encode(AES_KEY).decode(),
                'allowed_ips': '127.0.0.1', 'channel': 'police'})
            self.aes.action_set_password('s3cret-110')
            self.des = Client.create({
                'name': '水务集团系统', 'kind': 'partner', 'username': 'water',
                'cipher': 'des', 'key': base64.b64encode(DES_KEY).decode(),
                'allowed_ips': '10.0.0.0/8, 127.0.0.0/24'})
            self.des.action_set_password('s3cret-water')
            self.far = Client.create({
                'name': '外网系统', 'kind': 'partner', 'username': 'faraway', 'cipher': 'aes_gcm',
                'key': base64.b64encode(AES_KEY).decode(), 'allowed_ips': '192.0.2.0/24'})
            self.far.action_set_password('s3cret-far')

    def call(self, action, data, username='police110', password='s3cret-110', key=AES_KEY,
             cipher='aes_gcm', nonce=None, timestamp=None):
        timestamp = int(time.time()) if timestamp is None else timestamp
        nonce = nonce or uuid.uuid4().hex
        aad = envelope_aad(username, timestamp, nonce)
        raw = json.dumps(data, ensure_ascii=False).encode('utf-8')
        payload = des_encrypt(key, raw) if cipher == 'des' else aes_gcm_encrypt(key, raw, aad)
        response = self.opener.post(self.url('/api/hotline/gateway/v1/%s' % action), json={
            'username': username, 'password': password, 'timestamp': timestamp,
            'nonce': nonce, 'payload': payload}, timeout=30)
        body = response.json()
        if response.status_code == 200:
            plain = des_decrypt(key, body['payload']) if cipher == 'des' else \
                aes_gcm_decrypt(key, body['payload'], aad)
            body['data'] = json.loads(plain.decode('utf-8'))
        return response.status_code, body

    CASE = {'title': '幸福路有人占道经营', 'content': '110转来非警务警情：幸福路夜市占道。',
            'contact_name': '刘先生', 'contact_phone': '13500001111'}

    def test_aes_gcm_push_status_progress(self):
        """IF-2, IF-4: the 110 platform pushes a case (AES-GCM): a request on channel 110
        linkage with a number; status returns its trail; progress joins the trail."""
        status, body = self.call('push', self.CASE)
        self.assertEqual(status, 200, body)
        number = body['data']['name']
        row = self.ticket_rows('name = %s', [number])[0]
        self.assertEqual((row['channel'], row['title']), ('police', '幸福路有人占道经营'))
        status, body = self.call('status', {'number': number})
        self.assertEqual((status, body['data']['name']), (200, number))
        status, body = self.call('progress', {'number': number, 'note': '民警已到场劝离'})
        self.assertEqual(status, 200, body)
        with self.server_env() as env:
            steps = env['hotline.ticket'].browse(row['id']).step_ids
            self.assertIn('民警已到场劝离', steps.mapped('opinion'))

    def test_des_push(self):
        """IF-2: a legacy system pushes with DES + Base64 and reads the DES answer."""
        status, body = self.call('push', self.CASE, username='water', password='s3cret-water',
                                 key=DES_KEY, cipher='des')
        self.assertEqual(status, 200, body)
        self.assertEqual(self.ticket_rows('name = %s', [body['data']['name']])[0]['channel'],
                         'hotline')

    def test_refusals_create_nothing(self):
        """IF-2: tried a wrong password (401), a wrong key (401), a forged payload for
        another envelope (401), a stale timestamp (401), an address outside the allow-list
        (403), a replayed nonce (409) and another system's case (422): every one refused
        with a message, no request created by any of them."""
        count = len(self.ticket_rows('title = %s', [self.CASE['title']]))
        self.assertEqual(self.call('push', self.CASE, password='guess')[0], 401)
        self.assertEqual(self.call('push', self.CASE, key=os.urandom(32))[0], 401)
        status, body = self.call('push', self.CASE, timestamp=int(time.time()) - 3600)
        self.assertEqual(status, 401)
        # docs/API-portal.md: the sentence is in Chinese, as the app API's, unless the
        # system asks for English
        self.assertEqual(body['error'], '时间戳缺失或与服务器时间相差超过5分钟。')
        self.assertEqual(self.call('push', self.CASE, username='faraway',
                                   password='s3cret-far')[0], 403)
        self.assertEqual(len(self.ticket_rows('title = %s', [self.CASE['title']])), count)
        nonce = uuid.uuid4().hex
        self.assertEqual(self.call('push', self.CASE, nonce=nonce)[0], 200)
        status, body = self.call('push', self.CASE, nonce=nonce)
        self.assertEqual(status, 409, body)
        self.assertEqual(len(self.ticket_rows('title = %s', [self.CASE['title']])), count + 1)
        with self.server_env() as env:
            other = self.make_ticket(env, title='别的诉求').name
        status, body = self.call('status', {'number': other})
        self.assertEqual(status, 422)
        self.assertNotIn('别的诉求', json.dumps(body, ensure_ascii=False))
        with self.server_env() as env:
            logged = env['hotline.portal.call.log'].search([]).mapped('status')
        for expected in (401, 403, 409, 422, 200):
            self.assertIn(expected, logged, 'IF-2: a %s call was not logged' % expected)

    def test_swapped_payload_refused(self):
        """IF-2: tried to reuse a captured AES-GCM payload under a new nonce (the payload
        is bound to its envelope): 401, nothing created."""
        timestamp, nonce = int(time.time()), uuid.uuid4().hex
        payload = aes_gcm_encrypt(AES_KEY, json.dumps(self.CASE).encode(),
                                  envelope_aad('police110', timestamp, nonce))
        response = self.opener.post(self.url('/api/hotline/gateway/v1/push'), json={
            'username': 'police110', 'password': 's3cret-110', 'timestamp': timestamp,
            'nonce': uuid.uuid4().hex, 'payload': payload}, timeout=30)
        self.assertEqual(response.status_code, 401)

    def test_example_client_round_trip(self):
        """IF-2: examples/portal_gateway_client.py (what a partner system runs) pushes,
        queries and reports progress against the server, with both ciphers."""
        import argparse
        import importlib.util
        path = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'examples',
                            'portal_gateway_client.py')
        if not os.path.exists(path):
            self.skipTest('examples/ not in this checkout')
        spec = importlib.util.spec_from_file_location('portal_gateway_client', path)
        example = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(example)
        for username, password, key, cipher in (
                ('police110', 's3cret-110', AES_KEY, 'aes_gcm'),
                ('water', 's3cret-water', DES_KEY, 'des')):
            args = argparse.Namespace(url=self.url(''), username=username, password=password,
                                      key=base64.b64encode(key).decode(), cipher=cipher)
            case = example.call(args, 'push', dict(self.CASE, title='示例客户端'))
            status = example.call(args, 'status', {'number': case['name']})
            self.assertEqual(status['name'], case['name'])
            example.call(args, 'progress', {'number': case['name'], 'note': '已处理'})
        self.assertEqual(len(self.ticket_rows('title = %s', ['示例客户端'])), 2)

    def test_demo_gateway_client_as_documented(self):
        """IF-2 (docs/API-portal.md § 5): the demo partner system whose username, password
        and key the integrator guide gives works from this machine with the example client:
        push, status (its steps carry the documented keys), progress."""
        import argparse
        import importlib.util
        import re
        root = os.path.join(os.path.dirname(__file__), '..', '..', '..')
        path = os.path.join(root, 'examples', 'portal_gateway_client.py')
        if not os.path.exists(path):
            self.skipTest('examples/ not in this checkout')
        with open(os.path.join(root, 'docs', 'API-portal.md'), encoding='utf-8') as f:
            guide = f.read()
        found = re.search(r'username `(\w+)`, password `([\w-]+)`, cipher AES-256-GCM, key '
                          r'\(Base64\)\s+`([\w+/=]+)`', guide)
        self.assertTrue(found, 'the guide no longer gives the demo gateway credentials')
        spec = importlib.util.spec_from_file_location('portal_gateway_client', path)
        example = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(example)
        args = argparse.Namespace(url=self.url(''), username=found.group(1),
                                  password=found.group(2), key=found.group(3),
                                  cipher='aes_gcm')
        case = example.call(args, 'push', dict(self.CASE, title='演示网关试用'))
        status = example.call(args, 'status', {'number': case['name']})
        self.assertEqual(set(status), {'name', 'state', 'state_label', 'process_state',
                                       'registered', 'closed', 'steps'})
        self.assertEqual(set(status['steps'][0]), {'date', 'action', 'step'})
        self.assertEqual(status['steps'][0]['action'], 'register')
        self.assertEqual(example.call(args, 'progress', {'number': case['name'],
                                                         'note': '已联系'})['name'],
                         case['name'])
