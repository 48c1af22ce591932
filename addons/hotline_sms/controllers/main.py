# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""SM-1, SM-2: the gateway's callbacks — delivery reports (Kannel dlr-url) and received SMS
(Kannel sms-service get-url). Both carry the gateway's secret token in the path; a call
without the right token is refused with 403 and changes nothing."""
import logging

from odoo import SUPERUSER_ID, http
from odoo.http import request

from ..models.hotline_sms_message import with_retry

_logger = logging.getLogger(__name__)


def _text(body, status=200):
    response = request.make_response(body, headers=[
        ('Content-Type', 'text/plain; charset=utf-8'), ('Cache-Control', 'no-store')])
    response.status_code = status
    return response


class HotlineSmsController(http.Controller):

    def _gateway(self, gateway_id, token):
        # sudo: the gateway authenticates with its token, checked here before anything else
        gateway = request.env['hotline.sms.gateway'].sudo().browse(gateway_id).exists()
        if not gateway or not gateway.active or not gateway._check_token(token):
            _logger.warning('SMS callback refused: gateway %s, wrong token, from %s',
                            gateway_id, request.httprequest.remote_addr)
            return None
        return gateway

    @http.route('/hotline_sms/dlr/<int:gateway_id>/<string:token>', type='http',
                auth='public', methods=['GET', 'POST'], csrf=False)
    def delivery_report(self, gateway_id, token, **params):
        gateway = self._gateway(gateway_id, token)
        if gateway is None:
            return _text('Forbidden', 403)
        try:
            message_id, status = int(params.get('id')), int(params.get('status'))
        except (TypeError, ValueError):
            return _text('Bad request: id and status must be numbers', 400)
        gateway_id, answer = gateway.id, params.get('answer')
        # A transaction of its own (retried on a concurrent update by the sender).
        found = with_retry(request.env.registry, lambda env: env['hotline.sms.message']._apply_dlr(
            message_id, env['hotline.sms.gateway'].browse(gateway_id), status, answer),
            read_committed=True)
        if not found:
            return _text('Unknown message', 404)
        return _text('OK')

    @http.route('/hotline_sms/inbound/<int:gateway_id>/<string:token>', type='http',
                auth='public', methods=['GET', 'POST'], csrf=False)
    def inbound(self, gateway_id, token, **params):
        gateway = self._gateway(gateway_id, token)
        if gateway is None:
            return _text('Forbidden', 403)
        sender = params.get('from') or ''
        if not sender:
            return _text('Bad request: from is missing', 400)
        lang = request.env['res.users'].sudo().browse(SUPERUSER_ID).lang
        gateway_id = gateway.id
        with_retry(request.env.registry, lambda env: env['hotline.sms.message'].with_context(
            lang=lang)._receive(env['hotline.sms.gateway'].browse(gateway_id), sender,
                                params.get('to') or '', params.get('text') or '',
                                ts=params.get('ts'), ref=params.get('id')))
        # An empty answer: Kannel sends no reply of its own (the acknowledgement goes
        # through the outbox, logged and retried like every SMS).
        return _text('')
