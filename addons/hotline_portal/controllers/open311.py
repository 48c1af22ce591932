# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2/) so that existing civic apps
can talk to the hotline (CH-11, issue 18 item 4): discovery, service list and definitions,
post a request, tokens, get request(s); every operation in XML (the spec's primary format)
and JSON, chosen by the suffix ``.xml`` / ``.json``; errors in the spec's error format.

Decisions (docs/API-portal.md, "Open311 GeoReport v2"):

- ``jurisdiction_id``: the hotline is a single jurisdiction; the argument is accepted with any
  value on every call and ignored.
- Tokens: the service_request_id is answered at once by the POST, so no token is issued;
  ``tokens/<token>`` answers 404 in the error format.
- Privacy (CH-2, CH-3): the public listing shows only published requests the citizen agreed to
  publish, with their redacted texts and masked address; an unpublished request is shown
  (status fields only, never its texts) to callers with an API key.
"""
import datetime
import json
from xml.etree import ElementTree

from odoo import _, fields, http
from odoo.exceptions import ValidationError
from odoo.http import request

from ..models.hotline_ticket import clean, mask_personal_data
from .api import speak_client_language
from .main import WEB_TYPES, HotlineWebsite, client_ip

PREFIX = '/open311/v2'
SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2'
CHANGESET = '2026-12-07T00:00:00Z'
FORMATS = {'xml': 'text/xml; charset=utf-8', 'json': 'application/json; charset=utf-8'}
MAX_SPAN = datetime.timedelta(days=90)  # the spec's default and maximum date range
MAX_RESULTS = 1000  # the spec's suggested maximum of requests answered
# XML element of one item of each list answered (the root is the list's name)
ITEM_TAG = {'services': 'service', 'service_requests': 'request', 'errors': 'error',
            'endpoints': 'endpoint', 'formats': 'format', 'attributes': 'attribute',
            'values': 'value'}
REQUEST_FIELDS = (
    'service_request_id', 'status', 'status_notes', 'service_name', 'service_code',
    'description', 'agency_responsible', 'service_notice', 'requested_datetime',
    'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long',
    'media_url')


def _xml_value(parent, value):
    if isinstance(value, dict):
        for key, item in value.items():
            _xml_value(ElementTree.SubElement(parent, key), item)
    elif isinstance(value, list):
        for item in value:
            _xml_value(ElementTree.SubElement(parent, ITEM_TAG.get(parent.tag, 'item')), item)
    elif isinstance(value, bool):
        parent.text = 'true' if value else 'false'
    elif value is not None:
        parent.text = str(value)


def answer(fmt, root, payload, status=200):
    """``payload`` in the format asked: JSON as is; XML under ``<root>``."""
    if fmt == 'xml':
        element = ElementTree.Element(root)
        _xml_value(element, payload)
        body = ElementTree.tostring(element, encoding='utf-8')  # with its declaration
    else:
        body = json.dumps(payload, ensure_ascii=False, default=str).encode('utf-8')
    response = request.make_response(body, headers=[
        ('Content-Type', FORMATS.get(fmt, FORMATS['json'])), ('Cache-Control', 'no-store')])
    response.status_code = status
    return response


def failure(fmt, status, description):
    return answer(fmt, 'errors', [{'code': status, 'description': description}], status)


def split_format(leaf):
    """('name', 'xml'|'json') of the last path segment ``name.fmt``; fmt None if unknown."""
    name, _dot, fmt = (leaf or '').rpartition('.')
    return (name, fmt) if fmt in FORMATS and name else (leaf, None)


def parse_datetime(value):
    """A W3C / ISO 8601 datetime (``2026-12-01``, ``2026-12-01T08:00:00Z``, ``…+08:00``) as
    naive UTC; None if it is not one."""
    value = clean(value, 40).strip()
    if value.endswith(('Z', 'z')):
        value = value[:-1] + '+00:00'
    if len(value) > 6 and value[-6] in '+-' and value[-3] == ':':
        value = value[:-3] + value[-2:]
    for pattern in ('%Y-%m-%dT%H:%M:%S.%f%z', '%Y-%m-%dT%H:%M:%S%z', '%Y-%m-%dT%H:%M%z',
                    '%Y-%m-%dT%H:%M:%S.%f', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d'):
        try:
            parsed = datetime.datetime.strptime(value, pattern)
        except ValueError:
            continue
        if parsed.tzinfo:
            parsed = (parsed - parsed.utcoffset()).replace(tzinfo=None)
        return parsed
    return None


def iso(value):
    return value and fields.Datetime.from_string(value).isoformat() + 'Z' or None


class HotlineOpen311(http.Controller):

    def _types(self):
        Ticket = request.env['hotline.ticket']
        return dict(Ticket._fields['ticket_type']._description_selection(request.env))

    def _client(self, api_key):
        return request.env['hotline.portal.client']._from_token(clean(api_key, 200))

    def _as_open311(self, ticket, public):
        """GeoReport v2 request: every field of the spec (None where the hotline has none);
        ``public`` False: status fields only, never the texts nor the place (CH-2)."""
        dates = [ticket.register_date, ticket.write_date] + ticket.step_ids.mapped('date')
        updated = max(filter(None, dates)) if any(dates) else None
        result = dict.fromkeys(REQUEST_FIELDS)
        result.update({
            'service_request_id': ticket.name,
            'status': 'closed' if ticket.process_state == 'done' else 'open',
            'service_code': ticket.ticket_type,
            'service_name': self._types().get(ticket.ticket_type),
            'agency_responsible': '12345',
            'requested_datetime': iso(ticket.register_date),
            'updated_datetime': iso(updated),
            'expected_datetime': iso(ticket.date_deadline),
        })
        if public:
            result.update(
                description=ticket.public_content or None,
                status_notes=ticket.public_reply or None,
                address=mask_personal_data(ticket.address) or None,
                lat=ticket.geo_latitude or None, long=ticket.geo_longitude or None)
        return result

    # ------------------------------------------------------------------ discovery
    @http.route(['/open311/discovery.<string:fmt>', PREFIX + '/discovery.<string:fmt>'],
                type='http', auth='public', methods=['GET'], csrf=False)
    def discovery(self, fmt, **kw):
        speak_client_language()
        if fmt not in FORMATS:
            return failure('json', 404, _('Unknown format: use .xml or .json.'))
        base = request.httprequest.host_url.rstrip('/') + PREFIX
        return answer(fmt, 'discovery', {
            'changeset': CHANGESET,
            'contact': _('12345 citizen service hotline: call 12345.'),
            'key_service': _('Ask the hotline administrator for an API key (API client of '
                             'kind app).'),
            'endpoints': [{'specification': SPECIFICATION, 'url': base, 'changeset': CHANGESET,
                           'type': 'production', 'formats': ['text/xml', 'application/json']}],
        })

    # ------------------------------------------------------------------ services
    @http.route(PREFIX + '/services.<string:fmt>', type='http', auth='public',
                methods=['GET'], csrf=False)
    def services(self, fmt, **kw):
        speak_client_language()
        if fmt not in FORMATS:
            return failure('json', 404, _('Unknown format: use .xml or .json.'))
        types = self._types()
        return answer(fmt, 'services', [
            {'service_code': code, 'service_name': types[code], 'description': types[code],
             'metadata': False, 'type': 'realtime', 'keywords': code, 'group': '12345'}
            for code in WEB_TYPES])

    @http.route(PREFIX + '/services/<string:leaf>', type='http', auth='public',
                methods=['GET'], csrf=False)
    def service_definition(self, leaf, **kw):
        speak_client_language()
        code, fmt = split_format(leaf)
        if not fmt:
            return failure('json', 404, _('Unknown format: use .xml or .json.'))
        if code not in WEB_TYPES:
            return failure(fmt, 404, _('Unknown service_code "%s".') % clean(code, 40))
        return answer(fmt, 'service_definition', {'service_code': code, 'attributes': []})

    # ------------------------------------------------------------------ tokens
    @http.route(PREFIX + '/tokens/<string:leaf>', type='http', auth='public',
                methods=['GET'], csrf=False)
    def token(self, leaf, **kw):
        """No token is ever issued: POST answers the service_request_id at once."""
        speak_client_language()
        _token, fmt = split_format(leaf)
        return failure(fmt or 'json', 404, _(
            'Unknown token: this server issues no tokens, the service_request_id is answered '
            'at once when the request is posted.'))

    # ------------------------------------------------------------------ requests
    @http.route(PREFIX + '/requests.<string:fmt>', type='http', auth='public',
                methods=['GET', 'POST'], csrf=False)
    def requests(self, fmt, **kw):
        speak_client_language()
        if fmt not in FORMATS:
            return failure('json', 404, _('Unknown format: use .xml or .json.'))
        if request.httprequest.method == 'POST':
            return self._post(fmt, **kw)
        return self._list(fmt, **kw)

    def _list(self, fmt, service_request_id=None, service_code=None, start_date=None,
              end_date=None, status=None, **kw):
        Ticket = request.env['hotline.ticket'].sudo()  # sudo: published requests only, below
        domain = [('portal_published', '=', True), ('portal_public', '=', True)]
        numbers = [n.strip() for n in clean(service_request_id, 2000).split(',') if n.strip()]
        if numbers:
            # the spec: service_request_id overrides every other filter
            tickets = Ticket.search(domain + [('name', 'in', numbers[:MAX_RESULTS])])
            return answer(fmt, 'service_requests', [self._as_open311(t, True) for t in tickets])
        codes = [c.strip() for c in clean(service_code, 200).split(',') if c.strip()]
        unknown = [c for c in codes if c not in WEB_TYPES]
        if unknown:
            return failure(fmt, 400, _('Invalid argument service_code: "%s" is not a '
                                       'service_code of this server.') % unknown[0])
        if codes:
            domain.append(('ticket_type', 'in', codes))
        statuses = set(s.strip() for s in clean(status, 40).split(',') if s.strip())
        if statuses - {'open', 'closed'}:
            return failure(fmt, 400, _('Invalid argument status: use open, closed or '
                                       'open,closed.'))
        if len(statuses) == 1:
            domain.append(('process_state', '=' if 'closed' in statuses else '!=', 'done'))
        dates = {}
        for key, value in (('start_date', start_date), ('end_date', end_date)):
            if value:
                dates[key] = parse_datetime(value)
                if not dates[key]:
                    return failure(fmt, 400, _(
                        'Invalid argument %s: give a W3C datetime, e.g. '
                        '2026-12-01T08:00:00+08:00.') % key)
        end = dates.get('end_date') or (
            dates['start_date'] + MAX_SPAN if 'start_date' in dates
            else datetime.datetime.utcnow())
        start = dates.get('start_date') or end - MAX_SPAN
        if start > end or end - start > MAX_SPAN:
            return failure(fmt, 400, _('Invalid arguments start_date and end_date: the range '
                                       'must not be reversed nor span more than 90 days.'))
        domain += [('register_date', '>=', fields.Datetime.to_string(start)),
                   ('register_date', '<=', fields.Datetime.to_string(end))]
        tickets = Ticket.search(domain, limit=MAX_RESULTS, order='register_date desc, id desc')
        return answer(fmt, 'service_requests', [self._as_open311(t, True) for t in tickets])

    @http.route(PREFIX + '/requests/<string:leaf>', type='http', auth='public',
                methods=['GET'], csrf=False)
    def request_get(self, leaf, api_key=None, **kw):
        speak_client_language()
        number, fmt = split_format(leaf)
        if not fmt:
            return failure('json', 404, _('Unknown format: use .xml or .json.'))
        # sudo: read to check publication; unpublished ones only with a key, status only
        ticket = request.env['hotline.ticket'].sudo().search(
            [('name', '=', clean(number, 40))], limit=1)
        published = ticket and ticket.portal_published and ticket.portal_public
        if not ticket or not (published or self._client(api_key)):
            return failure(fmt, 404, _('Unknown service_request_id "%s".') % clean(number, 40))
        return answer(fmt, 'service_requests', [self._as_open311(ticket, published)])

    def _post(self, fmt, api_key=None, service_code=None, description=None, **kw):
        """CH-11: a civic app posts a request (channel app) with the spec's arguments."""
        if not self._client(api_key):
            return failure(fmt, 403, _('Invalid api_key.'))
        if not request.env['hotline.portal.rate'].sudo()._hit('api_ip', client_ip()):
            return failure(fmt, 429, _('Too many calls; slow down.'))
        code = clean(service_code, 20)
        if not code:
            return failure(fmt, 400, _('Missing argument service_code.'))
        if code not in WEB_TYPES:
            return failure(fmt, 400, _('Invalid argument service_code: "%s" is not a '
                                       'service_code of this server.') % code)
        lat, lon = clean(kw.get('lat'), 30).strip(), clean(kw.get('long'), 30).strip()
        address = clean(kw.get('address_string'), 200).strip()
        address_id = clean(kw.get('address_id'), 100).strip()
        if not (lat and lon) and not address and not address_id:
            return failure(fmt, 400, _('Missing argument: a location is required, lat and '
                                       'long, or address_string, or address_id.'))
        types = self._types()
        description = clean(description, 4000).strip() or types[code]
        attributes = ['%s: %s' % (key[10:-1], clean(value, 200))
                      for key, value in sorted(kw.items())
                      if key.startswith('attribute[') and key.endswith(']')]
        name = ' '.join(filter(None, [clean(kw.get('last_name'), 30).strip(),
                                      clean(kw.get('first_name'), 30).strip()]))
        phone = clean(kw.get('phone'), 40).strip()
        # GeoReport v2 requires no name nor phone: when they are missing the request is
        # registered under a placeholder name (and a placeholder phone to pass the website's
        # check, cleared below); the centre then cannot call back, which a chatter note says.
        post = {
            'ticket_type': code, 'title': description.split('\n')[0][:30],
            'content': '\n'.join([description] + attributes),
            'contact_name': name or _('Open311 citizen (no name given)'),
            'contact_phone': phone or '13800000000',
            'contact_email': kw.get('email'), 'address': address or address_id,
            'is_public': '0',
            # Open311's lat/long: the request's pin (CH-1), checked like the website's
            'latitude': lat, 'longitude': lon,
        }
        website = HotlineWebsite()
        try:
            vals, uploads = website._check_submission(post, [])
        except ValidationError as error:
            return failure(fmt, 400, error.name)
        vals['channel'] = 'app'
        if not phone:
            vals['contact_phone'] = False
        media = clean(kw.get('media_url'), 500)
        if media.startswith(('http://', 'https://')):
            vals['content'] += '\n%s' % media
        ticket, password = website._create_ticket(vals, uploads)
        if not phone:
            # ticket is the superuser's record of _create_ticket: an internal note on the
            # request just created, written by the system, not by the caller
            ticket.message_post(body=_(
                'Posted through Open311 without a phone number: the centre cannot call the '
                'citizen back.'))
        notice = _('Registered. To follow the request on the website, use the number '
                   '%(request)s and the query password %(password)s.') % {
                       'request': ticket.name, 'password': password}
        return answer(fmt, 'service_requests', [{
            'service_request_id': ticket.name, 'service_notice': notice, 'account_id': None}],
            201)
