# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-1, CH-2, CH-10, CH-11, IF-2: generated bad input (``hypothesis``) to every public form
and endpoint — never an HTTP 500, never a request half-written.

Runs are derandomised (the same examples every run) and keep no example database, so a
failure reproduces and nothing is written into the checkout.
"""
import json
import time

from hypothesis import HealthCheck, given, settings, strategies as st

from ..tools.crypto import sha1_signature
from .common import CSRF_RE, PortalHttpCase

NASTY = ['', ' ', '\x00', '\u202e', '🚨' * 50, '<script>alert(1)</script>', "' OR 1=1 --",
         '%s%s%n', '../../etc/passwd', '12345-20260101-00001', '1' * 5000, '\r\n\r\n',
         '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
         '{"a":', '[]', 'null', '13800138000', '+8613800138000', '0' * 40]
# form fields arrive as text: hostile strings, random Unicode, numbers typed as text
TEXT = st.one_of(st.sampled_from(NASTY), st.text(max_size=200),
                 st.integers().map(str), st.sampled_from(['None', '-1', '1.5', '1' * 31]))
# JSON values of every type, in place of the strings the endpoints expect
JSON_VALUE = st.one_of(
    st.sampled_from(NASTY), st.text(max_size=200), st.none(), st.booleans(),
    st.integers(min_value=-10 ** 30, max_value=10 ** 30), st.floats(allow_nan=False),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))
BAD_PHONE = st.sampled_from(['', 'abc', '1' * 40, '\x00', '++'])
FUZZ = settings(max_examples=25, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


class FuzzCase(PortalHttpCase):
    """Generous rate limits (the fuzzing must reach the code behind them) and a count of the
    requests before, to check that nothing was created."""

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            params = env['ir.config_parameter']
            for key in ('rate_submit_ip', 'rate_submit_phone', 'rate_lookup_ip',
                        'rate_lookup_number', 'rate_recover_ip', 'rate_api_ip',
                        'rate_recover_sms_ip', 'rate_recover_sms_number'):
                params.set_param('hotline_portal.%s' % key, '10000/60')
            params.set_param('hotline_portal.wechat_token', 'fuzz-token')
            params.set_param('hotline_portal.wechat_app_id', 'wxfuzz')
            params.set_param('hotline_portal.wechat_aes_key', 'a' * 43)
        self.before = self._count()

    def _count(self):
        return len(self.ticket_rows('true', []))

    def _ok(self, response, what, sample):
        self.assertLess(response.status_code, 500, '%s answered %s for %r' % (
            what, response.status_code, sample))


class TestFuzz(FuzzCase):

    @FUZZ
    @given(values=st.fixed_dictionaries({k: TEXT for k in (
        'ticket_type', 'title', 'content', 'contact_name', 'contact_email', 'location_id',
        'address', 'is_public', 'number', 'password', 'page')}), phone=BAD_PHONE)
    def test_forms_survive_generated_input(self, values, phone):
        """CH-1, CH-2: the submission, lookup and recovery forms and the public pages' query
        parameters given generated bad values (no valid phone, so no request may be
        created): never a 500, no request."""
        token = CSRF_RE.search(self.url_open('/hotline/submit').text).group(1)
        data = dict(values, contact_phone=phone, csrf_token=token)
        self._ok(self.opener.post(self.url('/hotline/submit'), data=data, timeout=30),
                 'submit', data)
        self._ok(self.opener.post(self.url('/hotline/track'), data={
            'csrf_token': token, 'number': values['number'],
            'password': values['password']}, timeout=30), 'track', values)
        self._ok(self.opener.post(self.url('/hotline/recover'), data={
            'csrf_token': token, 'number': values['number'],
            'contact_email': values['contact_email']}, timeout=30), 'recover', values)
        self._ok(self.opener.get(self.url('/hotline/cases'), params={
            'ticket_type': values['ticket_type'], 'keyword': values['title'],
            'page': values['page']}, timeout=30), 'cases', values)
        self._ok(self.opener.get(self.url('/hotline/hot'), params={
            'period': 'custom', 'date_from': values['address'], 'date_to': '2026-02-30'},
            timeout=30), 'hot', values)
        self.assertEqual(self._count(), self.before)

    @FUZZ
    @given(body=st.fixed_dictionaries({k: JSON_VALUE for k in (
        'ticket_type', 'title', 'content', 'contact_name', 'attachments', 'location_id',
        'public', 'number', 'password')}),
        phone=st.one_of(BAD_PHONE, st.none(), st.integers(max_value=99999)),
        envelope=st.fixed_dictionaries({k: JSON_VALUE for k in (
            'username', 'password', 'timestamp', 'nonce', 'payload')}),
        broken=st.one_of(st.none(), st.sampled_from(NASTY)))
    def test_json_endpoints_survive_generated_input(self, body, phone, envelope, broken):
        """CH-11, IF-2: the app API, Open311 and the gateway given generated JSON bodies
        (wrong types, broken JSON, huge values): never a 500, no request created."""
        headers = {'Authorization': 'Bearer demo-app-token-12345',
                   'Content-Type': 'application/json'}
        raw = broken if broken is not None else json.dumps(dict(body, contact_phone=phone))
        for path in ('/api/hotline/v1/requests', '/api/hotline/v1/requests/lookup'):
            self._ok(self.opener.post(self.url(path), data=raw.encode('utf-8', 'replace'),
                                      headers=headers, timeout=30), path, raw)
        raw = broken if broken is not None else json.dumps(envelope)
        self._ok(self.opener.post(self.url('/api/hotline/gateway/v1/push'),
                                  data=raw.encode('utf-8', 'replace'),
                                  headers={'Content-Type': 'application/json'}, timeout=30),
                 'gateway', raw)
        form = {k: json.dumps(v) if not isinstance(v, str) else v for k, v in body.items()}
        self._ok(self.opener.post(self.url('/open311/v2/requests.json'), data=dict(
            form, phone=str(phone), service_code=form['ticket_type'], api_key='x'),
            timeout=30), 'open311', form)
        self._ok(self.opener.get(self.url('/open311/v2/requests/%s.json' % (
            form['number'][:50].replace('/', '') or 'x')), timeout=30), 'open311 get', form)
        self.assertEqual(self._count(), self.before)

    @FUZZ
    @given(kind=st.sampled_from(['text', 'image', 'event', 'x', '']), content=TEXT,
           aes=st.booleans(), msg_signature=TEXT,
           shape=st.sampled_from(['raw', 'message', 'encrypted']))
    def test_wechat_survives_generated_xml(self, kind, content, aes, msg_signature, shape):
        """CH-10: correctly signed but garbled or hostile XML bodies (plain and "aes"):
        never a 500, no request created (the sender is never bound)."""
        ts, nonce = str(int(time.time())), 'fz%d' % (hash(content) % 100000)
        params = {'signature': sha1_signature('fuzz-token', ts, nonce), 'timestamp': ts,
                  'nonce': nonce}
        if aes:
            params.update(encrypt_type='aes', msg_signature=msg_signature)
        body = {
            'raw': content,
            'message': '<xml><FromUserName>fuzz</FromUserName><MsgType>%s</MsgType>'
                       '<Content>%s</Content></xml>' % (kind, content),
            'encrypted': '<xml><Encrypt>%s</Encrypt></xml>' % content,
        }[shape]
        self._ok(self.opener.post(self.url('/hotline/wechat'), params=params,
                                  data=body.encode('utf-8', 'replace'), timeout=30),
                 'wechat', body)
        self.assertEqual(self._count(), self.before)

    @FUZZ
    @given(segment=TEXT)
    def test_generated_urls_never_500(self, segment):
        """CH-3 and the whole site: generated path segments under the public pages (NUL,
        markup, huge, Unicode) answer 404 or a page, never 500."""
        from urllib.parse import quote
        segment = quote(segment[:300].replace('/', ''), safe='') or '%00'
        for path in ('/hotline/cases/%s', '/hotline/cases/1/photo/%s', '/%s',
                     '/hotline/news/%s', '/hotline/cases/page/%s'):
            self._ok(self.url_open(path % segment), 'GET ' + path, segment)
