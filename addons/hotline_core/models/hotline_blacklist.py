# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.phone import PhoneError

BLOCK_TYPES = [
    ('inbound', 'No inbound calls'),
    ('outbound', 'No outbound calls'),
    ('both', 'Inbound and outbound'),
]
ROUTINGS = [
    ('reject', 'Reject the call'),
    ('voicemail', 'Voicemail'),
    ('menu', 'Route to IVR menu'),
    ('agent', 'Route to agent'),
]


class HotlineBlacklist(models.Model):
    """CZ-4: numbers whose calls are blocked or routed away (harassing callers)."""
    _name = 'hotline.blacklist'
    _description = 'Caller Blacklist'
    _inherit = ['mail.thread', 'hotline.phone.mixin']
    _hotline_phone_fields = {'phone': True}
    _order = 'date_from desc, id desc'
    _rec_name = 'phone'

    phone = fields.Char(required=True, index=True, track_visibility='onchange')
    partner_id = fields.Many2one('res.partner', 'Citizen', ondelete='set null')
    block_type = fields.Selection(
        BLOCK_TYPES, required=True, default='inbound', track_visibility='onchange')
    routing = fields.Selection(
        ROUTINGS, 'Route Calls To', required=True, default='voicemail',
        track_visibility='onchange')
    reason = fields.Text(required=True)
    date_from = fields.Date('Valid From', required=True, default=fields.Date.context_today)
    date_to = fields.Date('Valid Until', help='Leave empty for an indefinite entry.')
    active = fields.Boolean(default=True, track_visibility='onchange')
    is_current = fields.Boolean(
        'In Force', compute='_compute_is_current', search='_search_is_current')

    @api.constrains('date_from', 'date_to')
    def _check_dates(self):
        for entry in self:
            if entry.date_to and entry.date_to < entry.date_from:
                raise ValidationError(
                    _('Blacklist entry %s ends before it starts.') % entry.phone)

    @api.model
    def _current_domain(self, day=None):
        day = day or fields.Date.context_today(self)
        return [('date_from', '<=', day), '|', ('date_to', '=', False), ('date_to', '>=', day)]

    def _compute_is_current(self):
        current = self.search(self._current_domain() + [('id', 'in', self.ids)])
        for entry in self:
            entry.is_current = entry in current

    def _search_is_current(self, operator, value):
        domain = self._current_domain()
        if (operator in ('=', '==')) == bool(value):
            return domain
        return [('id', 'not in', self.search(domain).ids)]

    @api.model
    def create(self, vals):
        self._hotline_normalize_phone_vals(vals)
        if vals.get('phone') and not vals.get('partner_id'):
            vals['partner_id'] = self.env['res.partner'].hotline_find_by_phone(
                vals['phone'], limit=1).id
        return super().create(vals)

    @api.model
    def hotline_check_number(self, number, direction='inbound'):
        """AG-10: the entry in force that blocks ``number`` for ``direction``
        ('inbound' or 'outbound') as a dict, or False. Called by the PBX bridge."""
        try:
            number = self._hotline_normalize_phone(number)
        except PhoneError:
            return False
        entry = self.search(self._current_domain() + [
            ('phone', '=', number), ('block_type', 'in', (direction, 'both'))], limit=1)
        if not entry:
            return False
        return {'id': entry.id, 'phone': entry.phone, 'block_type': entry.block_type,
                'routing': entry.routing}
