# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HotlineKbClientToken(models.TransientModel):
    """Shows a freshly generated token once."""
    _name = 'hotline.kb.client.token'
    _description = 'Knowledge Search Client Token'

    client_id = fields.Many2one('hotline.kb.client', required=True, ondelete='cascade')
    token = fields.Char(readonly=True)
