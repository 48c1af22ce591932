# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HotlineCitizenContact(models.Model):
    """CZ-2: people related to a citizen (family, colleagues…) who may call for them."""
    _name = 'hotline.citizen.contact'
    _inherit = ['hotline.phone.mixin']
    _hotline_phone_fields = {'phone': True}
    _description = 'Citizen Related Contact'
    _order = 'partner_id, sequence, id'

    partner_id = fields.Many2one(
        'res.partner', 'Citizen', required=True, index=True, ondelete='cascade')
    sequence = fields.Integer(default=10)
    name = fields.Char('Full Name', required=True)
    relation = fields.Selection([
        ('family', 'Family'),
        ('colleague', 'Colleague'),
        ('friend', 'Friend'),
        ('neighbour', 'Neighbour'),
        ('other', 'Other'),
    ], required=True, default='family')
    phone = fields.Char(index=True)
    note = fields.Char()
