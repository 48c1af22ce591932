# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-1, CH-2, CH-10, CH-11, IF-2: generated bad input to every public form and endpoint —
never an HTTP 500, never a request half-written.

``hypothesis`` is not among the project's pinned dependencies; a seeded generator gives the
same cases on every run (the seed is in each failure message).
"""
import json
import random
import time

from ..tools.crypto import sha1_signature
from .common import CSRF_RE, PortalHttpCase

SEED = 12345
ROUNDS = 25
NASTY = ['', ' ', '\x00', '\u202e', '🚨' * 50, '<script>alert(1)</script>', "' OR 1=1 --",
         '%s%s%n', '../../etc/passwd', '12345-20260101-00001', '1' * 5000, '\r\n\r\n',
         '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
         '{"a":', '[]', 'null', '13800138000', '+8613800138000', '0' * 40]


def nasty_value(rng):
    pick = rng.random()
    if pick < 0.5:
        return rng.choice(NASTY)
    if pick < 0.8:
        return ''.join(chr(rng.randint(1, 0x2FFF)) for _i in range(rng.randint(0, 200)))
    return rng.choice([None, 0, -1, 1.5, True, [], {}, ['x'], {'a': 1}, 10 ** 30])


class TestFuzz(PortalHttpCase):

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            params = env['ir.config_parameter']
            for key in ('rate_submit_ip', 'rate_submit_phone', 'rate_lookup_ip',
                        'rate_lookup_number', 'rate_recover_ip', 'rate_api_ip'):
                params.set_param('hotline_portal.%s' % key, '10000/60')
            params.set_param('hotline_portal.wechat_token', 'fuzz-token')
            params.set_param('hotline_portal.wechat_app_id', 'wxfuzz')
            params.set_param('hotline_portal.wechat_aes_key', 'a' * 43)
        self.before = self._count()

    def _count(self):
        return self.ticket_rows('true', []).__len__()

    def _ok(self, response, what, seed):
        self.assertLess(response.status_code, 500, '%s answered %s (seed %s, round %s)' % (
            what, response.status_code, SEED, seed))

    def test_forms_survive_generated_input(self):
        """CH-1, CH-2: the submission, lookup and recovery forms given generated bad
        values (no required phone, so no request may be created): never a 500, no request."""
        rng = random.Random(SEED)
        token = CSRF_RE.search(self.url_open('/hotline/submit').text).group(1)
        for i in range(ROUNDS):
            data = {k: str(nasty_value(rng)) for k in (
                'ticket_type', 'title', 'content', 'contact_name', 'contact_email',
                'location_id', 'address', 'is_public')}
            data['contact_phone'] = rng.choice(['', 'abc', '1' * 40, '\x00', '++'])
            data['csrf_token'] = token
            self._ok(self.opener.post(self.url('/hotline/submit'), data=data, timeout=30),
                     'submit', i)
            self._ok(self.opener.post(self.url('/hotline/track'), data={
                'csrf_token': token, 'number': str(nasty_value(rng)),
                'password': str(nasty_value(rng))}, timeout=30), 'track', i)
            self._ok(self.opener.post(self.url('/hotline/recover'), data={
                'csrf_token': token, 'number': str(nasty_value(rng)),
                'contact_email': str(nasty_value(rng))}, timeout=30), 'recover', i)
            self._ok(self.url_open('/hotline/cases?ticket_type=%s&keyword=%s&page=%s' % (
                rng.choice(NASTY[:8]), rng.choice(NASTY[:8]), rng.choice(['1', 'x']))),
                'cases', i)
            self._ok(self.url_open('/hotline/hot?period=custom&date_from=%s&date_to=%s' % (
                rng.choice(NASTY[:8]), '2026-02-30')), 'hot', i)
        self.assertEqual(self._count(), self.before)

    def test_json_endpoints_survive_generated_input(self):
        """CH-11, IF-2: the app API and the gateway given generated JSON bodies (wrong types,
        broken JSON, huge values): never a 500, no request created."""
        rng = random.Random(SEED)
        headers = {'Authorization': 'Bearer demo-app-token-12345'}
        for i in range(ROUNDS):
            body = {k: nasty_value(rng) for k in (
                'ticket_type', 'title', 'content', 'contact_name', 'contact_phone',
                'attachments', 'location_id', 'public', 'number', 'password')}
            body['contact_phone'] = rng.choice(['', 'abc', 5, None, '1' * 40])
            raw = json.dumps(body) if rng.random() < 0.8 else rng.choice(NASTY)
            for path in ('/api/hotline/v1/requests', '/api/hotline/v1/requests/lookup'):
                self._ok(self.opener.post(self.url(path), data=raw.encode('utf-8', 'replace'),
                                          headers=dict(headers, **{
                                              'Content-Type': 'application/json'}),
                                          timeout=30), path, i)
            envelope = {k: nasty_value(rng) for k in (
                'username', 'password', 'timestamp', 'nonce', 'payload')}
            raw = json.dumps(envelope) if rng.random() < 0.8 else rng.choice(NASTY)
            self._ok(self.opener.post(self.url('/api/hotline/gateway/v1/push'),
                                      data=raw.encode('utf-8', 'replace'),
                                      headers={'Content-Type': 'application/json'}, timeout=30),
                     'gateway', i)
        self.assertEqual(self._count(), self.before)

    def test_wechat_survives_generated_xml(self):
        """CH-10: correctly signed but garbled or hostile XML bodies (plain and "aes"):
        never a 500, no request created (the sender is never bound)."""
        rng = random.Random(SEED)
        for i in range(ROUNDS):
            ts, nonce = str(int(time.time())), 'fz%d' % i
            params = {'signature': sha1_signature('fuzz-token', ts, nonce), 'timestamp': ts,
                      'nonce': nonce}
            if rng.random() < 0.5:
                params.update(encrypt_type='aes', msg_signature=str(nasty_value(rng)))
            body = rng.choice([
                str(nasty_value(rng)),
                '<xml><FromUserName>fuzz%d</FromUserName><MsgType>%s</MsgType>'
                '<Content>%s</Content></xml>' % (i, rng.choice(['text', 'image', 'event', 'x']),
                                                 rng.choice(NASTY[:10])),
                '<xml><Encrypt>%s</Encrypt></xml>' % rng.choice(NASTY[:10])])
            self._ok(self.opener.post(self.url('/hotline/wechat'), params=params,
                                      data=body.encode('utf-8', 'replace'), timeout=30),
                     'wechat', i)
        self.assertEqual(self._count(), self.before)
