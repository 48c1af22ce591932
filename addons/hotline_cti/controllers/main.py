# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import hmac
import os

from odoo import SUPERUSER_ID, http
from odoo.http import request

from odoo.addons.hotline_core.tools.http import json_response as _reply


class HotlineCtiController(http.Controller):

    def _token_ok(self, env, param):
        expected = env['ir.config_parameter'].get_param(param) or ''
        given = request.httprequest.headers.get('X-Hotline-Token') or \
            request.params.get('token') or ''
        return bool(expected) and hmac.compare_digest(expected, given)

    @http.route('/hotline_cti/lookup', type='http', auth='none', methods=['GET'], csrf=False)
    def lookup(self, number=None, direction='inbound', fmt=None, line=None, **kw):
        """AG-10: what the dialplan needs about a caller, in one short request —
        display name for CALLERID(name), blocked and where to route, VIP queue priority;
        AG-12: with ``line`` (the number dialled, ${EXTEN}), whether that line is within its
        office hours and where the call goes (queue/dial when open, voicemail/ivr/duty when
        closed).

        AG-10, AG-12: a blacklisted caller routed "to an agent" gets the designated seat's
        phone as ``block_target`` (empty: no seat free, voicemail).

        ``fmt=dialplan`` answers ``name|blocked|routing|priority|open|route|target|
        block_target`` for CURL() + CUT(); otherwise JSON. Token: ``X-Hotline-Token``
        header or ``token`` parameter (``hotline_cti.lookup_token``)."""
        # the PBX is not a user: look up as superuser, answering only these four items
        env = request.env(user=SUPERUSER_ID)
        if not self._token_ok(env, 'hotline_cti.lookup_token'):
            return _reply({'error': 'forbidden'}, 403)
        info = env['hotline.cti.call']._cti_lookup(number or '', direction, line=line)
        if fmt == 'dialplan':
            text = '%s|%s|%s|%s|%s|%s|%s|%s' % (
                info['name'].replace('|', ' '), int(info['blocked']), info['routing'] or '',
                info['priority'], int(info['open']), info['route'],
                info['route_target'].replace('|', ''), info['block_target'].replace('|', ''))
            return request.make_response(text, headers=[('Content-Type',
                                                         'text/plain; charset=utf-8')])
        return _reply(info)

    # ------------------------------------------------------------------ IF-3
    def _api_user(self):
        """HTTP Basic login of a unit system's Odoo user (its record rules then apply), or
        the web session's user."""
        auth = request.httprequest.authorization
        if auth and auth.username:
            users = request.env.registry['res.users']
            uid = users._login(request.db, auth.username, auth.password)
            return uid or None
        return request.session.uid or None

    @http.route('/hotline_cti/api/calls', type='http', auth='none', methods=['GET'],
                csrf=False)
    def api_calls(self, ticket=None, since=None, limit='100', **kw):
        """IF-3: call records the authenticated user may see (a unit: those of its requests),
        optionally of one request (``ticket`` = its number) or changed since ``since``
        (UTC, ``YYYY-MM-DD HH:MM:SS``); each with its recording's URL."""
        uid = self._api_user()
        if not uid:
            return _reply({'error': 'unauthorized'}, 401)
        env = request.env(user=uid)
        domain = []
        if ticket:
            domain.append(('ticket_id.name', '=', ticket))
        if since:
            domain.append(('write_date', '>=', since))
        try:
            limit = min(max(int(limit), 1), 1000)
        except ValueError:
            return _reply({'error': 'bad_request', 'message': 'limit is an integer'}, 400)
        calls = env['hotline.cti.call'].search(domain, limit=limit, order='enter_date desc')
        return _reply({'count': len(calls), 'calls': [{
            'id': c.id, 'uniqueid': c.uniqueid, 'ticket': c.ticket_id.name or None,
            'caller_number': c.caller_number, 'queue': c.queue_id.name or None,
            # sudo: units may not read agent seats; the agent number is told to every caller
            'agent_number': c.sudo().agent_id.agent_number or None,
            'enter_date': c.enter_date, 'queue_date': c.queue_date, 'ring_date': c.ring_date,
            'answer_date': c.answer_date, 'end_date': c.end_date,
            'wait_time': c.wait_time, 'talk_time': c.talk_time,
            'disposition': c.disposition,
            'recording_url': c.recording_url and '/hotline_cti/recording/%s' % c.uniqueid,
        } for c in calls]})

    @http.route('/hotline_cti/recording/<string:uniqueid>', type='http', auth='none',
                methods=['GET'], csrf=False)
    def recording(self, uniqueid, **kw):
        """AG-8, IF-3: the recording of a call the user may see (agents: their own; units:
        those of their requests), read from the PBX's recording folder."""
        uid = self._api_user()
        if not uid:
            return _reply({'error': 'unauthorized'}, 401)
        call = request.env(user=uid)['hotline.cti.call'].search(
            [('uniqueid', '=', uniqueid)], limit=1)
        if not call:
            return _reply({'error': 'not_found'}, 404)
        folder = call.sudo().server_id.recording_path or ''
        safe = os.path.basename(uniqueid)
        path = os.path.join(folder, '%s.wav' % safe)
        if not safe or not os.path.isfile(path):
            return _reply({'error': 'not_found', 'message': 'no recording file'}, 404)
        with open(path, 'rb') as f:
            data = f.read()
        return request.make_response(data, headers=[
            ('Content-Type', 'audio/wav'),
            # inline: the link on the request plays in the browser (AG-8)
            ('Content-Disposition', 'inline; filename="%s.wav"' % safe)])
