"""IF-1, CH-11, NF-1 (issue 18): every error code the API docs promise is what a client gets
when it makes that mistake — XML-RPC fault codes (docs/API.md §6, docs/API-dispatch.md) and the
app API's HTTP statuses (docs/API-portal.md §1), each over the wire with Python's own
``xmlrpc.client`` and ``requests``.

The codes are read from the docs; each has the mistake that provokes it below. A code the docs
add without a mistake here fails the test, and so does a mistake that answers another code.
"""
import os
import re
import uuid
import xmlrpc.client

from odoo.tests.common import get_db_name

from odoo.addons.hotline_portal.tests.common import PortalHttpCase

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DB = get_db_name()
APP_TOKEN = 'demo-app-token-12345'  # the demo app's token (demo data)
CJK_RE = re.compile(r'[\u4e00-\u9fff]')


def _section(name, start, end=r'\n## '):
    with open(os.path.join(ROOT, 'docs', name), encoding='utf-8') as f:
        text = f.read()
    head = re.search(start, text)
    assert head, '%s: no section %r' % (name, start)
    rest = text[head.end():]
    tail = re.search(end, rest)
    return rest[:tail.start()] if tail else rest


def documented_fault_codes():
    """The faultCode values of the error tables of docs/API.md and docs/API-dispatch.md."""
    codes = set()
    for name, start in (('API.md', r'\n## 6\. Errors'), ('API-dispatch.md', r'\n## Errors')):
        codes |= {int(c) for c in re.findall(r'^\| `?(\d)`? \|', _section(name, start), re.M)}
    return codes


def documented_api_statuses():
    """The HTTP statuses of the app API's error paragraph (docs/API-portal.md §1)."""
    errors = _section('API-portal.md', r'\*\*Errors\*\*', r'\n\n')
    return {int(c) for c in re.findall(r'\b([45]\d\d) \(', errors)}


class TestDocumentedErrors(PortalHttpCase):

    def _rpc(self, login, password=None):
        uid = xmlrpc.client.ServerProxy(self.url('/xmlrpc/2/common')).authenticate(
            DB, login, login, {})
        self.assertTrue(uid, login)
        models = xmlrpc.client.ServerProxy(self.url('/xmlrpc/2/object'), allow_none=True)

        def call(model, method, *args, **kwargs):
            return models.execute_kw(DB, uid, password or login, model, method, list(args),
                                     kwargs)
        return call

    def _fault(self, call, *args, **kwargs):
        with self.assertRaises(xmlrpc.client.Fault, msg='%r was not refused' % (args,)) as caught:
            call(*args, **kwargs)
        return caught.exception

    # ------------------------------------------------------------------ XML-RPC
    def _mistake_1(self):
        """code 1: the generic create with an invalid phone — a traceback whose last line is
        the ValidationError's message."""
        fault = self._fault(self._rpc('agent'), 'hotline.ticket', 'create', {
            'title': '测试', 'content': '测试', 'contact_phone': '12345abc'})
        last = fault.faultString.strip().splitlines()[-1]
        self.assertIn('ValidationError', last)
        self.assertIn('12345abc', last)
        return fault

    def _mistake_2(self):
        """code 2: hotline_register with the same invalid phone — just the message, in
        Chinese, no traceback."""
        fault = self._fault(self._rpc('agent'), 'hotline.ticket', 'hotline_register', {
            'title': '测试', 'content': '测试', 'contact_phone': '12345abc'})
        self.assertNotIn('Traceback', fault.faultString)
        self.assertRegex(fault.faultString, CJK_RE)
        return fault

    def _mistake_3(self):
        """code 3: an /object call with a wrong password."""
        fault = self._fault(self._rpc('agent', password='wrong-%s' % uuid.uuid4().hex[:6]),
                            'hotline.ticket', 'search', [])
        self.assertIn('Access denied', fault.faultString)
        return fault

    def _mistake_4(self):
        """code 4: a unit user creating a request — refused, the message in his language."""
        fault = self._fault(self._rpc('unit_handler'), 'hotline.ticket', 'create', {
            'title': '测试', 'content': '测试', 'contact_phone': '13900001111'})
        self.assertRegex(fault.faultString, CJK_RE)
        return fault

    def test_every_documented_fault_code(self):
        """IF-1 (issue 18): for each documented faultCode, the mistake the docs name gets
        exactly that code over XML-RPC, and nothing is written."""
        codes = documented_fault_codes()
        self.assertEqual(codes, {1, 2, 3, 4})
        for code in sorted(codes):
            mistake = getattr(self, '_mistake_%d' % code, None)
            self.assertTrue(mistake, 'documented fault code %d has no mistake here' % code)
            with self.subTest(code=code):
                self.assertEqual(mistake().faultCode, code, mistake.__doc__)
        self.assertFalse(self.ticket_rows("title = %s AND contact_phone = %s",
                                          ['测试', '12345abc']))

    # ------------------------------------------------------------------ app API
    def _api(self, method, path, token=APP_TOKEN, **kw):
        headers = {'Authorization': 'Bearer %s' % token} if token else {}
        return self.opener.request(method, self.url('/api/hotline/v1' + path),
                                   headers=headers, timeout=30, **kw)

    def _status_400(self):
        return [self._api('POST', '/requests', json={'title': ['a list'], 'content': 'x'})]

    def _status_401(self):
        return [self._api('POST', '/requests', token='forged-%s' % uuid.uuid4().hex,
                          json={'title': '测试', 'content': '测试'})]

    def _status_404(self):
        return [self._api('POST', '/requests/lookup', json={
            'number': '12345-20260101-00001', 'password': 'wrong'})]

    def _status_429(self):
        """the same number looked up with wrong passwords past its limit
        (hotline_portal.rate_lookup_number, 10 in 10 min; 3 here)."""
        with self.server_env() as env:
            env['ir.config_parameter'].set_param('hotline_portal.rate_lookup_number', '3/600')
        number = '12345-20260101-%05d' % (uuid.uuid4().int % 100000)
        return [self._api('POST', '/requests/lookup', json={'number': number, 'password': 'x'})
                for _i in range(4)]

    def test_every_documented_api_status(self):
        """CH-11, NF-1 (issue 18): for each documented error status of the app API, the
        mistake gets that status, a JSON body {"error": <sentence in Chinese>} and writes
        nothing."""
        statuses = documented_api_statuses()
        self.assertEqual(statuses, {400, 401, 404, 429})
        for status in sorted(statuses):
            mistake = getattr(self, '_status_%d' % status, None)
            self.assertTrue(mistake, 'documented status %d has no mistake here' % status)
            with self.subTest(status=status):
                response = mistake()[-1]
                self.assertEqual(response.status_code, status, response.text[:300])
                self.assertRegex(response.json()['error'], CJK_RE)
        self.assertFalse(self.ticket_rows("title = %s AND content = %s", ['测试', '测试']))

    # ------------------------------------------------------------------ KB API
    def _kb(self, token, **params):
        headers = {'Authorization': 'Bearer %s' % token} if token else {}
        return self.opener.get(self.url('/hotline/kb/api/search'), params=params,
                               headers=headers, timeout=30)

    def test_every_documented_kb_api_error(self):
        """KB-10 (issue 18): each status of docs/API-kb.md's error table — 400 for a missing
        `q` or a word as `limit`, 401 without the header, 403 for a made-up token and for a
        replaced one — with the documented `error` word, and no knowledge in the body."""
        table = _section('API-kb.md', r'\n## Errors')
        documented = dict(re.findall(r'^\| (\d{3}) \| `([a-z_]+)` \|', table, re.M))
        self.assertEqual(set(documented), {'400', '401', '403'})
        with self.server_env() as env:
            client = env['hotline.kb.client'].create({'name': '文档错误码测试'})
            replaced = client.generate_token()
            token = client.generate_token()
        mistakes = {'400': [self._kb(token), self._kb(token, q='社保', limit='ten')],
                    '401': [self._kb(None, q='社保')],
                    '403': [self._kb('forged-%s' % uuid.uuid4().hex, q='社保'),
                            self._kb(replaced, q='社保')]}
        self.assertEqual(self._kb(token, q='社保').status_code, 200, 'the control call')
        for status, word in sorted(documented.items()):
            for response in mistakes[status]:
                with self.subTest(status=status, url=response.url):
                    self.assertEqual(response.status_code, int(status), response.text[:300])
                    body = response.json()
                    self.assertEqual(body['error'], word)
                    self.assertEqual(set(body), {'error', 'message'})

    # ------------------------------------------------------------------ gateway
    def test_gateway_envelope_and_action_errors(self):
        """IF-2 (issue 18): the gateway's documented statuses (docs/API-portal.md §5) — 400
        for an envelope that is not JSON or lacks its fields, 404 for an unknown action; 401,
        403, 409 and 422 are provoked with real ciphertext by hotline_portal's
        test_portal_gateway (test_refusals_create_nothing); nothing is registered."""
        section = _section('API-portal.md', r'\n## 5\. Partner-system gateway')
        statuses = {int(c) for c in re.findall(r'\b([45]\d\d) \(', section)}
        self.assertEqual(statuses, {400, 401, 403, 404, 409, 422})
        url = self.url('/api/hotline/gateway/v1/%s')
        before = len(self.ticket_rows('true', []))
        not_json = self.opener.post(url % 'push', data='{not json', timeout=30,
                                    headers={'Content-Type': 'application/json'})
        self.assertEqual(not_json.status_code, 400, not_json.text[:300])
        empty = self.opener.post(url % 'push', json={}, timeout=30)
        self.assertEqual(empty.status_code, 400, empty.text[:300])
        unknown = self.opener.post(url % 'nope', json={
            'username': 'demo_gateway', 'password': 'x', 'timestamp': 0, 'nonce': 'n' * 8,
            'payload': ''}, timeout=30)
        self.assertEqual(unknown.status_code, 404, unknown.text[:300])
        self.assertEqual(len(self.ticket_rows('true', [])), before)
