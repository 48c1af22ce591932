# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""IF-2, IF-4: the gateway partner systems (units' own systems, the 110 platform) call.

Envelope (JSON, POST /api/hotline/gateway/v1/<action>)::

    {"username": "...", "password": "...", "timestamp": 1764000000, "nonce": "random",
     "payload": "<base64 ciphertext of the JSON data>"}

The payload is encrypted with the partner's key and cipher (AES-256-GCM with the
associated data "username|timestamp|nonce", or legacy DES-CBC); the answer's payload is
encrypted the same way. Calls are refused (401/403/409) for a wrong password, an address
not in the allow-list, a timestamp more than 5 minutes off, a nonce used before, or a
payload that does not decrypt. Every call is logged.
"""
import base64
import json
import logging
import time

import psycopg2
from passlib.context import CryptContext

from odoo import SUPERUSER_ID, _, fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.hotline_core.tools.http import json_response

from ..models.hotline_ticket import clean
from ..tools.crypto import CryptoError, aes_gcm_decrypt, aes_gcm_encrypt, des_decrypt, des_encrypt
from .api import speak_client_language
from .main import client_ip

_logger = logging.getLogger(__name__)
PASSWORDS = CryptContext(schemes=['pbkdf2_sha256'])
MAX_SKEW = 300
ACTIONS = ('push', 'status', 'progress')


class GatewayError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


def envelope_aad(username, timestamp, nonce):
    return ('%s|%s|%s' % (username, timestamp, nonce)).encode('utf-8')


def encrypt_payload(client, key, data, aad):
    raw = json.dumps(data, ensure_ascii=False, default=str).encode('utf-8')
    if client.cipher == 'des':
        return des_encrypt(key, raw)
    return aes_gcm_encrypt(key, raw, aad)


def decrypt_payload(client, key, payload, aad):
    raw = des_decrypt(key, payload) if client.cipher == 'des' else \
        aes_gcm_decrypt(key, payload, aad)
    try:
        data = json.loads(raw.decode('utf-8'))
    except ValueError:
        raise CryptoError('payload is not JSON')
    if not isinstance(data, dict):
        raise CryptoError('payload is not a JSON object')
    return data


class HotlineGateway(http.Controller):

    def _answer(self, status, body):
        return json_response(body, status=status)

    @http.route('/api/hotline/gateway/v1/<string:action>', type='http', auth='public',
                methods=['POST'], csrf=False)
    def gateway(self, action, **kw):
        speak_client_language()
        # sudo: partner systems authenticate with their own credentials, checked below
        env = request.env(user=SUPERUSER_ID)
        ip = client_ip()
        client = env['hotline.portal.client']
        envelope_user = ''
        try:
            if action not in ACTIONS:
                raise GatewayError(404, _('Unknown action.'))
            try:
                envelope = json.loads(request.httprequest.get_data(as_text=True) or '')
            except ValueError:
                raise GatewayError(400, _('The body is not valid JSON.'))
            required = ('username', 'password', 'nonce', 'payload')
            if not isinstance(envelope, dict) or not all(
                    isinstance(envelope.get(k), str) for k in required):
                raise GatewayError(400, _('username, password, timestamp, nonce and payload '
                                          'are required.'))
            envelope_user = clean(envelope['username'], 64)
            client = client.search([('kind', '=', 'partner'),
                                    ('username', '=', clean(envelope['username'], 64))],
                                   limit=1)
            if not client or not client.password_hash or \
                    not PASSWORDS.verify(envelope['password'], client.password_hash):
                raise GatewayError(401, _('Wrong username or password.'))
            if not client._ip_allowed(ip):
                raise GatewayError(403, _('This address is not allowed for this system.'))
            timestamp = envelope.get('timestamp')
            if not isinstance(timestamp, int) or abs(time.time() - timestamp) > MAX_SKEW:
                raise GatewayError(401, _('The timestamp is missing or more than 5 minutes '
                                          'off.'))
            nonce = clean(envelope['nonce'], 64)
            if len(nonce) < 8:
                raise GatewayError(400, _('The nonce must have at least 8 characters.'))
            try:
                with env.cr.savepoint():
                    env['hotline.portal.nonce'].create({
                        'client_id': client.id, 'nonce': nonce,
                        'date': fields.Datetime.now()})
            except psycopg2.IntegrityError as error:
                _logger.warning('IF-2: nonce refused: %s', error)
                raise GatewayError(409, _('This nonce was already used (replayed call).'))
            key = base64.b64decode(client.key or '')
            aad = envelope_aad(envelope['username'], timestamp, nonce)
            try:
                data = decrypt_payload(client, key, envelope['payload'], aad)
            except CryptoError:
                raise GatewayError(401, _('The payload cannot be decrypted with this '
                                          'system\'s key.'))
            try:
                with env.cr.savepoint():
                    result = getattr(self, '_action_%s' % action)(env, client, data)
            except (UserError, ValidationError) as error:
                raise GatewayError(422, error.name)
        except GatewayError as error:
            _logger.warning('IF-2: gateway %s from %s (%s) refused: %s %s', action, ip,
                            client.username if client else '-', error.status, error.message)
            self._log(env, client, envelope_user, action, ip, error.status, error.message)
            return self._answer(error.status, {'code': error.status, 'error': error.message})
        client.call_count += 1
        _logger.info('IF-2: gateway %s from %s (%s) done', action, ip, client.username)
        self._log(env, client, envelope_user, action, ip, 200, result.get('name'))
        return self._answer(200, {'code': 0, 'payload': encrypt_payload(
            client, key, result, aad)})

    @staticmethod
    def _log(env, client, username, action, ip, status, message):
        """IF-2: one row per call, accepted or refused."""
        env['hotline.portal.call.log'].create({
            'date': fields.Datetime.now(), 'client_id': client.id or False,
            'username': username, 'action': clean(action, 40), 'ip_address': ip,
            'status': status, 'message': clean(message or '', 200),
        })

    # ------------------------------------------------------------------ actions
    def _action_push(self, env, client, data):
        """IF-2, IF-4: a partner system (or the 110 platform) hands a case to the hotline."""
        vals = {k: clean(data[k], 4000) for k in ('title', 'content', 'contact_name',
                                                  'contact_phone', 'address')
                if isinstance(data.get(k), str)}
        if not vals.get('title') or not vals.get('content'):
            raise UserError(_('A case needs a title and a content.'))
        vals['ticket_type'] = data.get('ticket_type') if data.get('ticket_type') in dict(
            env['hotline.ticket']._fields['ticket_type'].selection) else 'help'
        vals['channel'] = 'police' if client.channel == 'police' else 'hotline'
        vals['gateway_client_id'] = client.id
        return env['hotline.ticket'].hotline_register(vals)

    def _ticket(self, env, client, data):
        number = clean(data.get('number'), 40)
        ticket = env['hotline.ticket'].search([('name', '=', number)], limit=1)
        allowed = ticket and (ticket.gateway_client_id == client or (
            client.unit_id and client.unit_id in ticket.unit_ids))
        if not allowed:
            raise UserError(_('No request %s for this system.') % number)
        return ticket

    def _action_status(self, env, client, data):
        """IF-2, IF-4: the state and trail of a case the system pushed or received."""
        return env['hotline.ticket'].hotline_status(self._ticket(env, client, data).name)

    def _action_progress(self, env, client, data):
        """IF-2, IF-4: the system reports progress; it joins the request's trail."""
        ticket = self._ticket(env, client, data)
        note = clean(data.get('note'), 4000)
        if not note.strip():
            raise UserError(_('Write the progress in "note".'))
        ticket._log_step('partner_progress', _('Progress reported by %s') % client.name,
                         opinion=note[:4000], unit=client.unit_id)
        return {'name': ticket.name, 'state': ticket.state}
