# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import base64
import json
import logging
import time
import uuid

import requests

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.crypto import CryptoError, aes_gcm_decrypt, aes_gcm_encrypt, des_decrypt, des_encrypt

_logger = logging.getLogger(__name__)
TIMEOUT = 10


class HotlineTicket(models.Model):
    _inherit = 'hotline.ticket'

    emergency_reference = fields.Char(
        '110 Reference', copy=False, readonly=True, groups='base.group_user',
        help='The case number the 110 linkage platform gave the transferred request (IF-4).')

    @api.multi
    def action_emergency_transfer(self):
        """IF-4: the agent's quick transfer of an emergency to the 110 linkage platform: the
        case goes out encrypted through the platform's gateway; its reference is kept and the
        step joins the trail. Nothing is recorded when the platform does not accept it."""
        self.ensure_one()
        if not self.env.user.has_group('hotline_core.group_hotline_agent'):
            raise AccessError(_('Only agents may transfer a request to the 110 platform.'))
        if self.emergency_reference:
            raise UserError(_('Request %(request)s was already transferred to 110 '
                              '(%(reference)s).') % {
                                  'request': self.name,
                                  'reference': self.emergency_reference})
        client = self.env['hotline.portal.client'].sudo().search(
            [('kind', '=', 'partner'), ('channel', '=', 'police'),
             ('outbound_url', '!=', False)], limit=1)
        if not client:
            raise UserError(_('No 110 linkage platform is configured (API Clients: a partner '
                              'system with channel 110 linkage and an outbound URL).'))
        data = {'number': self.name, 'title': self.title, 'content': self.content,
                'contact_name': self.contact_name, 'contact_phone': self.contact_phone,
                'address': self.address, 'registered': self.register_date}
        key = base64.b64decode(client.key or '')
        timestamp, nonce = int(time.time()), uuid.uuid4().hex
        aad = ('%s|%s|%s' % (client.remote_username, timestamp, nonce)).encode('utf-8')
        raw = json.dumps(data, ensure_ascii=False, default=str).encode('utf-8')
        payload = des_encrypt(key, raw) if client.cipher == 'des' else \
            aes_gcm_encrypt(key, raw, aad)
        try:
            response = requests.post(client.outbound_url, timeout=TIMEOUT, json={
                'username': client.remote_username, 'password': client.remote_password,
                'timestamp': timestamp, 'nonce': nonce, 'payload': payload})
            body = response.json()
            if response.status_code != 200:
                raise UserError(_('The 110 platform refused the transfer: %s') % (
                    body.get('error') or response.status_code))
            plain = des_decrypt(key, body['payload']) if client.cipher == 'des' else \
                aes_gcm_decrypt(key, body['payload'], aad)
            reference = str(json.loads(plain.decode('utf-8')).get('reference') or '')[:64]
        except (requests.RequestException, ValueError, KeyError, CryptoError) as error:
            _logger.warning('IF-4: transfer of %s to 110 failed: %s', self.name, error)
            raise UserError(_('The 110 platform could not be reached or answered wrongly; '
                              'call 110 directly. (%s)') % error.__class__.__name__)
        self.sudo().write({'emergency_reference': reference or '-', 'urgent': True})
        self._log_step('emergency_transfer', _('Transferred to the 110 linkage platform'),
                       opinion=reference)
        return True
