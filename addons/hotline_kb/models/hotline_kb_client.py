# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import hashlib
import hmac
import secrets

from odoo import _, api, fields, models


class HotlineKbClient(models.Model):
    """KB-10: a third-party system allowed to search the knowledge base over HTTP. Only the
    SHA-256 hash of its token is stored; the token is shown once, when generated."""
    _name = 'hotline.kb.client'
    _description = 'Knowledge Search Client'

    name = fields.Char(required=True)
    token_hash = fields.Char(readonly=True, copy=False, groups='base.group_system')
    token_hint = fields.Char('Token Starts With', readonly=True, copy=False)
    include_internal = fields.Boolean(
        'Internal Knowledge Too',
        help='Off: only items marked External are returned to this client.')
    directory_ids = fields.Many2many(
        'hotline.kb.directory', string='Directories',
        help='Empty: every directory.')
    active = fields.Boolean(default=True)
    request_count = fields.Integer('Requests Served', readonly=True, copy=False)
    last_request = fields.Datetime(readonly=True, copy=False)

    @staticmethod
    def _hash(token):
        return hashlib.sha256(token.encode('utf-8')).hexdigest()

    @api.multi
    def generate_token(self):
        """KB-10: a new random token for the client (the previous one stops working)."""
        self.ensure_one()
        # written as superuser (the hash is a system field): the caller must be allowed to
        # edit this client, or any user could take over an integrator's access over RPC
        self.check_access_rights('write')
        self.check_access_rule('write')
        token = secrets.token_urlsafe(32)
        self.sudo().write({'token_hash': self._hash(token), 'token_hint': token[:6]})
        return token

    @api.multi
    def action_generate_token(self):
        token = self.generate_token()
        wizard = self.env['hotline.kb.client.token'].create({'client_id': self.id,
                                                             'token': token})
        return {
            'type': 'ir.actions.act_window', 'res_model': 'hotline.kb.client.token',
            'res_id': wizard.id, 'view_mode': 'form', 'target': 'new',
            'name': _('New Token'),
        }

    @api.model
    def _authenticate(self, token):
        """The active client whose token is ``token``, or an empty recordset."""
        if not token:
            return self.browse()
        digest = self._hash(token)
        for client in self.sudo().search([('token_hash', '!=', False)]):
            if hmac.compare_digest(client.token_hash, digest):
                return client
        return self.browse()
