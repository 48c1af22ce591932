# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2/) so that existing civic apps
can talk to the hotline: service list, post a request, get request(s). JSON only.

Privacy (CH-2, CH-3): the public listing shows only published requests with their redacted
texts; an unpublished request is shown (status only) to callers with an API key.
"""

from odoo import fields, http
from odoo.exceptions import ValidationError
from odoo.http import request

from odoo.addons.hotline_core.tools.http import json_response

from ..models.hotline_ticket import clean
from .main import WEB_TYPES, HotlineWebsite, client_ip

PREFIX = '/open311/v2'


def answer(payload, status=200):
    return json_response(payload, status=status)


def failure(status, description):
    return answer([{'code': status, 'description': description}], status)


class HotlineOpen311(http.Controller):

    def _types(self):
        Ticket = request.env['hotline.ticket']
        return dict(Ticket._fields['ticket_type']._description_selection(request.env))

    def _client(self, api_key):
        return request.env['hotline.portal.client']._from_token(clean(api_key, 200))

    def _as_open311(self, ticket, public):
        def iso(value):
            return value and fields.Datetime.from_string(value).isoformat() + 'Z'
        result = {
            'service_request_id': ticket.name,
            'status': 'closed' if ticket.process_state == 'done' else 'open',
            'service_code': ticket.ticket_type,
            'service_name': self._types().get(ticket.ticket_type),
            'requested_datetime': iso(ticket.register_date),
            'updated_datetime': iso(ticket.write_date),
            'expected_datetime': iso(ticket.date_deadline) or None,
        }
        if public:
            result.update(description=ticket.public_content, status_notes=ticket.public_reply,
                          agency_responsible='12345')
        return result

    @http.route(PREFIX + '/services.json', type='http', auth='public', methods=['GET'],
                csrf=False)
    def services(self, **kw):
        types = self._types()
        return answer([{'service_code': code, 'service_name': types[code], 'description': '',
                        'metadata': False, 'type': 'realtime', 'keywords': '',
                        'group': '12345'} for code in WEB_TYPES])

    @http.route(PREFIX + '/requests.json', type='http', auth='public', methods=['GET'],
                csrf=False)
    def requests_list(self, service_code=None, status=None, **kw):
        domain = [('portal_published', '=', True), ('portal_public', '=', True)]
        if service_code in WEB_TYPES:
            domain.append(('ticket_type', '=', service_code))
        if status in ('open', 'closed'):
            domain.append(('process_state', '=' if status == 'closed' else '!=', 'done'))
        tickets = request.env['hotline.ticket'].sudo().search(domain, limit=50)
        return answer([self._as_open311(t, True) for t in tickets])

    @http.route(PREFIX + '/requests/<string:number>.json', type='http', auth='public',
                methods=['GET'], csrf=False)
    def request_get(self, number, api_key=None, **kw):
        ticket = request.env['hotline.ticket'].sudo().search(
            [('name', '=', clean(number, 40))], limit=1)
        published = ticket and ticket.portal_published and ticket.portal_public
        if not ticket or not (published or self._client(api_key)):
            return failure(404, 'not found')
        return answer([self._as_open311(ticket, published)])

    @http.route(PREFIX + '/requests.json', type='http', auth='public', methods=['POST'],
                csrf=False)
    def request_post(self, api_key=None, service_code=None, description=None, **kw):
        """CH-11: a civic app posts a request (channel app)."""
        if not self._client(api_key):
            return failure(403, 'invalid api_key')
        if not request.env['hotline.portal.rate'].sudo()._hit('api_ip', client_ip()):
            return failure(429, 'too many requests')
        description = clean(description, 4000)
        name = ' '.join(filter(None, [clean(kw.get('last_name'), 30),
                                      clean(kw.get('first_name'), 30)]))
        post = {
            'ticket_type': service_code, 'title': description.split('\n')[0][:30],
            'content': description, 'contact_name': name, 'contact_phone': kw.get('phone'),
            'contact_email': kw.get('email'), 'address': kw.get('address_string'),
            'is_public': '0',
            # Open311's lat/long: the request's pin (CH-1), checked like the website's
            'latitude': clean(kw.get('lat'), 30), 'longitude': clean(kw.get('long'), 30),
        }
        website = HotlineWebsite()
        try:
            vals, uploads = website._check_submission(post, [])
        except ValidationError as error:
            return failure(400, error.name)
        vals['channel'] = 'app'
        media = clean(kw.get('media_url'), 500)
        if media.startswith(('http://', 'https://')):
            vals['content'] += '\n%s' % media
        ticket, password = website._create_ticket(vals, uploads)
        return answer([{'service_request_id': ticket.name, 'service_notice': '',
                        'account_id': None, 'token': password}], 201)
