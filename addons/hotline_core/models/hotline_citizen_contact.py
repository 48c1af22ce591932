# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.phone import PhoneError, normalize_phone


class HotlineCitizenContact(models.Model):
    """CZ-2: people related to a citizen (family, colleagues…) who may call for them."""
    _name = 'hotline.citizen.contact'
    _description = 'Citizen Related Contact'
    _order = 'partner_id, sequence, id'

    partner_id = fields.Many2one(
        'res.partner', 'Citizen', required=True, index=True, ondelete='cascade')
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    relation = fields.Selection([
        ('family', 'Family'),
        ('colleague', 'Colleague'),
        ('friend', 'Friend'),
        ('neighbour', 'Neighbour'),
        ('other', 'Other'),
    ], required=True, default='family')
    phone = fields.Char(index=True)
    note = fields.Char()

    @api.model
    def create(self, vals):
        self._normalize_vals(vals)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        self._normalize_vals(vals)
        return super().write(vals)

    @api.model
    def _normalize_vals(self, vals):
        if vals.get('phone'):
            try:
                vals['phone'] = normalize_phone(vals['phone'])
            except PhoneError:
                raise ValidationError(
                    _('Related contact: "%s" is not a valid phone number.') % vals['phone'])
