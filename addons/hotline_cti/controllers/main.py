# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import hmac
import json

from odoo import SUPERUSER_ID, http
from odoo.http import request


def _reply(data, status=200):
    response = request.make_response(
        json.dumps(data, ensure_ascii=False, default=str),
        headers=[('Content-Type', 'application/json; charset=utf-8'),
                 ('Cache-Control', 'no-store')])
    response.status_code = status
    return response


class HotlineCtiController(http.Controller):

    def _token_ok(self, env, param):
        expected = env['ir.config_parameter'].get_param(param) or ''
        given = request.httprequest.headers.get('X-Hotline-Token') or \
            request.params.get('token') or ''
        return bool(expected) and hmac.compare_digest(expected, given)

    @http.route('/hotline_cti/lookup', type='http', auth='none', methods=['GET'], csrf=False)
    def lookup(self, number=None, direction='inbound', fmt=None, **kw):
        """AG-10: what the dialplan needs about a caller, in one short request —
        display name for CALLERID(name), blocked and where to route, VIP queue priority.

        ``fmt=dialplan`` answers ``name|blocked|routing|priority`` for CURL() + CUT();
        otherwise JSON. Token: ``X-Hotline-Token`` header or ``token`` parameter
        (``hotline_cti.lookup_token``)."""
        # the PBX is not a user: look up as superuser, answering only these four items
        env = request.env(user=SUPERUSER_ID)
        if not self._token_ok(env, 'hotline_cti.lookup_token'):
            return _reply({'error': 'forbidden'}, 403)
        info = env['hotline.cti.call']._cti_lookup(number or '', direction)
        if fmt == 'dialplan':
            line = '%s|%s|%s|%s' % (info['name'].replace('|', ' '), int(info['blocked']),
                                    info['routing'] or '', info['priority'])
            return request.make_response(line, headers=[('Content-Type',
                                                         'text/plain; charset=utf-8')])
        return _reply(info)
