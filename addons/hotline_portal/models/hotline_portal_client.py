# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import hashlib
import ipaddress
import secrets

from passlib.context import CryptContext

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HotlinePortalClient(models.Model):
    """CH-11, IF-2: a system allowed to call the hotline's APIs — a mobile app (bearer
    token) or a partner system (username/password, shared key, IP allow-list)."""
    _name = 'hotline.portal.client'
    _description = 'API Client'

    name = fields.Char(required=True)
    kind = fields.Selection(
        [('app', 'Mobile App / Third Party'), ('partner', 'Partner System')],
        required=True, default='app')
    active = fields.Boolean(default=True)
    token_hash = fields.Char('Token (SHA-256)', copy=False, readonly=True, index=True)
    username = fields.Char(copy=False)
    password_hash = fields.Char(copy=False, readonly=True)
    cipher = fields.Selection(
        [('aes_gcm', 'AES-256-GCM (recommended)'), ('des', 'DES-CBC + Base64 (legacy)')],
        default='aes_gcm', required=True)
    key = fields.Char(
        'Shared Key', copy=False, groups='base.group_system',
        help='Base64 of 32 bytes for AES-256-GCM, of 8 bytes for DES.')
    allowed_ips = fields.Char(
        'Allowed IP Addresses',
        help='Comma-separated addresses or networks (10.0.0.0/8); empty refuses every call '
             'of a partner system.')
    unit_id = fields.Many2one('hotline.unit', 'Unit', help='The unit the partner system is.')
    outbound_url = fields.Char(
        'Outbound URL', help='IF-4: where the hotline sends emergency cases (the 110 '
                             'platform\'s gateway), in the same envelope format.')
    remote_username = fields.Char('Hotline Username There', groups='base.group_system')
    remote_password = fields.Char('Hotline Password There', groups='base.group_system')
    channel = fields.Selection(
        [('hotline', 'Other hotline / unit system'), ('police', '110 linkage')],
        default='hotline', help='Channel of the requests this system pushes (IF-4).')
    call_count = fields.Integer(readonly=True, copy=False)

    _sql_constraints = [
        ('username_uniq', 'unique(username)', 'This username is already used.'),
    ]

    @api.constrains('allowed_ips')
    def _check_allowed_ips(self):
        for client in self:
            try:
                client._networks()
            except ValueError:
                raise ValidationError(_(
                    '"%s" is not a list of IP addresses or networks (e.g. 10.1.2.3, '
                    '10.0.0.0/8).') % client.allowed_ips)

    def _networks(self):
        return [ipaddress.ip_network(part.strip(), strict=False)
                for part in (self.allowed_ips or '').split(',') if part.strip()]

    def _ip_allowed(self, address):
        """IF-2: True when the caller's address is in the allow-list."""
        self.ensure_one()
        try:
            ip = ipaddress.ip_address(address or '')
        except ValueError:
            return False
        return any(ip in network for network in self._networks())

    @staticmethod
    def _hash_token(token):
        return hashlib.sha256((token or '').encode('utf-8')).hexdigest()

    def _check_editable(self):
        """The credentials are written as superuser: only who may edit the client may change
        them — over RPC any signed-in user can call a public method on any record."""
        self.check_access_rights('write')
        self.check_access_rule('write')

    @api.multi
    def action_new_token(self):
        """CH-11: issue a new token (the old one stops working); shown once to the admin."""
        self.ensure_one()
        self._check_editable()
        token = secrets.token_urlsafe(32)
        self.sudo().write({'token_hash': self._hash_token(token)})
        return token

    @api.multi
    def action_set_password(self, password):
        """IF-2: store the partner system's password (hashed)."""
        self._check_editable()
        self.sudo().write({'password_hash': CryptContext(schemes=['pbkdf2_sha256']).hash(
            password)})
        return True

    @api.model
    def _from_token(self, token):
        if not token:
            return self.browse()
        return self.sudo().search(
            [('token_hash', '=', self._hash_token(token)), ('kind', '=', 'app')], limit=1)


class HotlinePortalNonce(models.Model):
    """IF-2: nonces already used by a partner system (replay protection)."""
    _name = 'hotline.portal.nonce'
    _description = 'Gateway Nonce'
    _log_access = False

    client_id = fields.Many2one('hotline.portal.client', required=True, ondelete='cascade')
    nonce = fields.Char(required=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)

    _sql_constraints = [
        ('nonce_uniq', 'unique(client_id, nonce)', 'This nonce was already used.'),
    ]


class HotlinePortalCallLog(models.Model):
    """IF-2: every call of the partner-system gateway, accepted or refused."""
    _name = 'hotline.portal.call.log'
    _description = 'Gateway Call Log'
    _log_access = False
    _order = 'id desc'

    date = fields.Datetime(required=True, index=True)
    client_id = fields.Many2one('hotline.portal.client', 'Client', index=True,
                                ondelete='cascade')
    username = fields.Char()
    action = fields.Char(required=True)
    ip_address = fields.Char('IP Address')
    status = fields.Integer('HTTP Status', required=True)
    message = fields.Char()
