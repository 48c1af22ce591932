# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-11: JSON API for the mobile app and third parties (docs/API-portal.md)."""
import base64
import binascii
import io
import json
import logging

from odoo import _, fields, http
from odoo.exceptions import ValidationError
from odoo.http import request

from odoo.addons.hotline_core.tools.http import json_response

from ..models.hotline_ticket import clean
from .main import HotlineWebsite, client_ip

_logger = logging.getLogger(__name__)
PREFIX = '/api/hotline/v1'


class _Upload(object):
    """A base64 attachment of a JSON body, read like an uploaded file."""

    def __init__(self, filename, data):
        self.filename = filename
        self._stream = io.BytesIO(data)

    # a file-like object, not a model: no super(); pylint: disable-next=method-required-super
    def read(self, size=-1):
        return self._stream.read(size)


def speak_client_language():
    """The machine clients (app API, partner gateway) are answered in Chinese unless they
    ask for English (``Accept-Language: en``), whatever the public user's language."""
    accept = (request.httprequest.headers.get('Accept-Language') or '').lower()
    request.context = dict(request.context,
                           lang='en_US' if accept.startswith('en') else 'zh_CN')


def error(message, status=400):
    return json_response({'error': message}, status=status)


class HotlineApi(http.Controller):

    def _client(self):
        """The app calling, from ``Authorization: Bearer <token>``; None when refused."""
        header = request.httprequest.headers.get('Authorization') or ''
        token = header[7:].strip() if header.lower().startswith('bearer ') else ''
        client = request.env['hotline.portal.client']._from_token(token)
        return client or None

    def _body(self):
        try:
            data = json.loads(request.httprequest.get_data(as_text=True) or '{}')
        except ValueError:
            raise ValidationError(_('The body is not valid JSON.'))
        if not isinstance(data, dict):
            raise ValidationError(_('The body must be a JSON object.'))
        return data

    def _guard(self):
        """Token and rate limit; returns an error response or None. Messages are in
        Chinese unless the app asks for English (Accept-Language: en)."""
        speak_client_language()
        if not self._client():
            return error(_('Missing or invalid API token.'), 401)
        if not request.env['hotline.portal.rate'].sudo()._hit('api_ip', client_ip()):
            return error(_('Too many calls; slow down.'), 429)
        return None

    @http.route(PREFIX + '/requests', type='http', auth='public', methods=['POST'],
                csrf=False)
    def api_submit(self, **kw):
        """CH-11: submit a request; returns its number and query password."""
        refused = self._guard()
        if refused:
            return refused
        try:
            body = self._body()
            post = {k: clean(body.get(k), 20000) for k in (
                'ticket_type', 'title', 'content', 'contact_name', 'contact_phone',
                'contact_email', 'address')}
            post['is_public'] = '1' if body.get('public') is True else '0'
            if isinstance(body.get('location_id'), int):
                post['location_id'] = str(body['location_id'])
            uploads = []
            attachments = body.get('attachments') or []
            if not isinstance(attachments, list):
                raise ValidationError(_('"attachments" must be a list.'))
            for item in attachments:
                if not isinstance(item, dict) or not isinstance(item.get('name'), str) \
                        or not isinstance(item.get('data'), str):
                    raise ValidationError(_(
                        'Each attachment needs a "name" and its "data" in base64.'))
                try:
                    data = base64.b64decode(item['data'], validate=True)
                except (binascii.Error, ValueError):
                    raise ValidationError(_('Attachment "%s" is not valid base64.')
                                          % item['name'])
                uploads.append(_Upload(clean(item['name'], 200), data))
            website = HotlineWebsite()
            vals, checked = website._check_submission(post, uploads)
        except ValidationError as exc:
            return error(exc.name)
        vals['channel'] = 'app'
        rate = request.env['hotline.portal.rate'].sudo()
        if not rate._hit('submit_phone', vals['contact_phone']):
            return error(_('Too many requests from this phone number; try again later.'), 429)
        ticket, password = website._create_ticket(vals, checked)
        return json_response({'number': ticket.name, 'password': password,
                              'state': ticket.state}, status=201)

    @http.route(PREFIX + '/requests/lookup', type='http', auth='public', methods=['POST'],
                csrf=False)
    def api_lookup(self, **kw):
        """CH-11, CH-2: the request's status and timeline by number + query password."""
        refused = self._guard()
        if refused:
            return refused
        try:
            body = self._body()
        except ValidationError as exc:
            return error(exc.name)
        number, password = clean(body.get('number'), 40), clean(body.get('password'), 128)
        if not request.env['hotline.portal.rate'].sudo()._hit('lookup_number', number):
            return error(_('Too many attempts. Please try again in a few minutes.'), 429)
        ticket = request.env['hotline.ticket']._portal_lookup(number, password)
        if not ticket:
            return error(_('The number or the query password is not correct.'), 404)
        return json_response(ticket._portal_api_dict())

    @http.route(PREFIX + '/hot', type='http', auth='public', methods=['GET'], csrf=False)
    def api_hot(self, period='week', date_from=None, date_to=None, **kw):
        """CH-11, CH-4, CH-8: hot keywords of the period and the hot Q&A."""
        refused = self._guard()
        if refused:
            return refused
        if date_from or date_to or period == 'custom':
            # a period of one's own: both dates, valid and in order, or a 400 that says so
            try:
                start = fields.Date.from_string(date_from) if date_from else None
                end = fields.Date.from_string(date_to) if date_to else None
            except ValueError:
                start = end = None
            if not (start and end and start <= end):
                return error(_('Give date_from and date_to as YYYY-MM-DD, date_from not after '
                               'date_to.'))
        elif period in ('week', 'month'):
            start, end = HotlineWebsite._period(period, None, None)
        else:
            return error(_('period must be week, month or custom.'))
        Ticket = request.env['hotline.ticket'].sudo()
        qa = Ticket.search([('hot_qa', '=', True), ('portal_published', '=', True)], limit=20)
        return json_response({
            'date_from': fields.Date.to_string(start), 'date_to': fields.Date.to_string(end),
            'keywords': [{'keyword': k, 'count': c}
                         for k, c in Ticket._portal_hot_keywords(start, end)],
            'qa': [{'number': t.name, 'question': t.public_title, 'answer': t.public_reply}
                   for t in qa],
        })

    @http.route(PREFIX + '/announcements', type='http', auth='public', methods=['GET'],
                csrf=False)
    def api_announcements(self, **kw):
        """CH-11, CH-5: published announcements, latest first."""
        refused = self._guard()
        if refused:
            return refused
        items = request.env['hotline.portal.announcement'].sudo().search(
            [('state', '=', 'published')], limit=50)
        return json_response({'announcements': [
            {'id': a.id, 'title': a.name, 'kind': a.kind, 'published': a.date_published,
             'body_html': a.body} for a in items]})
