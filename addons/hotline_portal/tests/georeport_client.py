# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""A STRICT Open311 GeoReport v2 client written from the specification
(http://wiki.open311.org/GeoReport_v2/), used by the tests in place of the PyPI ``open311``
client (Python 2 only, and it asks ``service/<code>``). It speaks XML and JSON, checks every
required element of each response type and the error format, and fails (AssertionError) on
anything the spec does not allow. Answers in both formats come back as the same Python values.
"""
import datetime
import re
from xml.etree import ElementTree

W3C = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$')
CONTENT_TYPES = {'xml': 'text/xml', 'json': 'application/json'}
SERVICE = ('service_code', 'service_name', 'description', 'metadata', 'type', 'keywords',
           'group')
ATTRIBUTE = ('variable', 'code', 'datatype', 'required', 'datatype_description', 'order',
             'description')
REQUEST = ('service_request_id', 'status', 'status_notes', 'service_name', 'service_code',
           'description', 'agency_responsible', 'service_notice', 'requested_datetime',
           'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat',
           'long', 'media_url')
POSTED = ('service_request_id', 'token', 'service_notice', 'account_id')
DISCOVERY = ('changeset', 'contact', 'key_service', 'endpoints')
ENDPOINT = ('specification', 'url', 'changeset', 'type', 'formats')
BOOLEANS = ('metadata', 'variable', 'required')
NUMBERS = {'lat': float, 'long': float, 'code': int, 'order': int}
LISTS = {'services': 'service', 'service_requests': 'request', 'errors': 'error',
         'endpoints': 'endpoint', 'formats': 'format', 'attributes': 'attribute',
         'values': 'value'}


class GeoReportError(Exception):
    """An answer in the spec's error format: ``status`` and [(code, description)]."""

    def __init__(self, status, errors):
        super().__init__(status, errors)
        self.status, self.errors = status, errors


def _from_xml(element):
    if element.tag in LISTS:
        children = list(element)
        assert all(c.tag == LISTS[element.tag] for c in children), \
            'unexpected element in <%s>: %s' % (element.tag, [c.tag for c in children])
        return [_from_xml(c) for c in children]
    children = list(element)
    if children:
        result = {}
        for child in children:
            assert child.tag not in result, 'element <%s> repeated' % child.tag
            result[child.tag] = _from_xml(child)
        return result
    text = (element.text or '').strip()
    if element.tag in BOOLEANS:
        assert text in ('true', 'false'), '<%s> is not true/false: %r' % (element.tag, text)
        return text == 'true'
    if not text:
        return None
    if element.tag in NUMBERS:
        return NUMBERS[element.tag](text)
    return text


def _check_keys(item, allowed, required, what):
    assert isinstance(item, dict), '%s is not an object: %r' % (what, item)
    extra = set(item) - set(allowed)
    assert not extra, '%s has fields the spec does not define: %s' % (what, sorted(extra))
    missing = set(required) - set(item)
    assert not missing, '%s lacks required fields: %s' % (what, sorted(missing))


def _check_datetime(value, what):
    assert value is None or W3C.match(value), '%s is not a W3C datetime: %r' % (what, value)


class GeoReportClient(object):
    """``session`` a requests.Session; ``base`` the endpoint URL (…/open311/v2)."""

    def __init__(self, session, base, api_key=None, fmt='xml', headers=None):
        self.session, self.base, self.api_key, self.fmt = session, base, api_key, fmt
        self.headers = headers or {}

    def _call(self, method, path, root, params=None, data=None, expect=200, url=None):
        response = self.session.request(
            method, url or '%s/%s.%s' % (self.base, path, self.fmt), params=params, data=data,
            headers=self.headers, timeout=60)
        ctype = response.headers.get('Content-Type', '')
        assert ctype.split(';')[0].strip() == CONTENT_TYPES[self.fmt], \
            '%s %s: Content-Type %r, body %r' % (method, path, ctype, response.text[:300])
        assert 'charset=utf-8' in ctype.replace(' ', '').lower(), ctype
        if self.fmt == 'xml':
            element = ElementTree.fromstring(response.content)
            tag, body = element.tag, _from_xml(element)
        else:
            tag, body = None, response.json()
        if response.status_code >= 400:
            assert tag in (None, 'errors'), 'error answered under <%s>' % tag
            assert isinstance(body, list) and body, 'error format: %r' % body
            for error in body:
                _check_keys(error, ('code', 'description'), ('code', 'description'), 'error')
                assert int(error['code']) == response.status_code, (error, response.status_code)
                assert isinstance(error['description'], str) and error['description']
            raise GeoReportError(response.status_code,
                                 [(int(e['code']), e['description']) for e in body])
        assert response.status_code == expect, (response.status_code, response.text[:300])
        assert tag in (None, root), 'XML root <%s>, the spec says <%s>' % (tag, root)
        return body

    def discovery(self, url):
        body = self._call('GET', None, 'discovery', url='%s.%s' % (url, self.fmt))
        _check_keys(body, DISCOVERY, DISCOVERY, 'discovery')
        assert isinstance(body['endpoints'], list) and body['endpoints']
        for endpoint in body['endpoints']:
            _check_keys(endpoint, ENDPOINT, ENDPOINT, 'endpoint')
            assert endpoint['type'] in ('production', 'test'), endpoint
            assert set(endpoint['formats']) <= {'text/xml', 'application/json'}, endpoint
            _check_datetime(endpoint['changeset'], 'endpoint changeset')
        _check_datetime(body['changeset'], 'changeset')
        return body

    def services(self, **params):
        body = self._call('GET', 'services', 'services', params=params)
        assert isinstance(body, list)
        for service in body:
            _check_keys(service, SERVICE, SERVICE, 'service')
            assert isinstance(service['metadata'], bool), service
            assert service['type'] in ('realtime', 'batch', 'blackbox'), service
            assert service['service_code'] and service['service_name'], service
        return body

    def service_definition(self, code, **params):
        body = self._call('GET', 'services/%s' % code, 'service_definition', params=params)
        _check_keys(body, ('service_code', 'attributes'), ('service_code', 'attributes'),
                    'service definition')
        assert body['service_code'] == code, body
        for attribute in body['attributes'] or []:
            _check_keys(attribute, ATTRIBUTE + ('values',), ATTRIBUTE, 'attribute')
        return dict(body, attributes=body['attributes'] or [])

    def post(self, **args):
        data = dict(args, api_key=self.api_key) if self.api_key else args
        body = self._call('POST', 'requests', 'service_requests', data=data, expect=201)
        assert isinstance(body, list) and len(body) == 1, body
        _check_keys(body[0], POSTED, ('service_notice', 'account_id'), 'posted request')
        assert body[0].get('service_request_id') or body[0].get('token'), body
        return body[0]

    def token(self, token, **params):
        body = self._call('GET', 'tokens/%s' % token, 'service_requests', params=params)
        for item in body:
            _check_keys(item, ('service_request_id', 'token'), ('service_request_id', 'token'),
                        'token')
        return body

    def _requests(self, body):
        assert isinstance(body, list), body
        for item in body:
            _check_keys(item, REQUEST, REQUEST, 'service request')
            assert item['status'] in ('open', 'closed'), item
            assert item['service_request_id'], item
            for key in ('requested_datetime', 'updated_datetime', 'expected_datetime'):
                _check_datetime(item[key], key)
            for key in ('lat', 'long'):
                assert item[key] is None or isinstance(item[key], (int, float)), item
        return body

    def requests(self, **params):
        return self._requests(self._call('GET', 'requests', 'service_requests', params=params))

    def request(self, number, **params):
        if self.api_key:
            params = dict(params, api_key=self.api_key)
        body = self._requests(self._call('GET', 'requests/%s' % number, 'service_requests',
                                         params=params))
        assert len(body) == 1 and body[0]['service_request_id'] == number, body
        return body[0]


def parse_w3c(value):
    """A W3C datetime of an answer as naive UTC."""
    value = value.replace('Z', '+00:00')
    value = value[:-3] + value[-2:]
    for pattern in ('%Y-%m-%dT%H:%M:%S.%f%z', '%Y-%m-%dT%H:%M:%S%z', '%Y-%m-%dT%H:%M%z'):
        try:
            parsed = datetime.datetime.strptime(value, pattern)
        except ValueError:
            continue
        return (parsed - parsed.utcoffset()).replace(tzinfo=None)
    raise AssertionError('not a W3C datetime: %r' % value)
