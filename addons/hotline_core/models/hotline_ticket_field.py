# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .hotline_ticket import TICKET_TYPES


class HotlineTicketField(models.Model):
    """TK-3: an extra field that requests of one bureau and/or type carry, configured
    without code (e.g. 市税务局 complaints ask for the tax office and taxpayer number)."""
    _name = 'hotline.ticket.field'
    _description = 'Request Extended Field'
    _order = 'sequence, id'

    name = fields.Char('Label', required=True, translate=True)
    sequence = fields.Integer(default=10)
    field_type = fields.Selection([
        ('char', 'Text'),
        ('text', 'Long text'),
        ('integer', 'Whole number'),
        ('float', 'Decimal number'),
        ('date', 'Date'),
        ('boolean', 'Yes / no'),
        ('selection', 'Choice'),
    ], string='Type', required=True, default='char')
    selection_options = fields.Text(
        'Choices', translate=True, help='One choice per line, for fields of type Choice.')
    bureau_id = fields.Many2one(
        'hotline.unit', 'Bureau', help='Leave empty for requests of every bureau.')
    ticket_type = fields.Selection(
        TICKET_TYPES, 'Request Type', help='Leave empty for every request type.')
    required = fields.Boolean()
    help = fields.Char('Tooltip', translate=True)
    active = fields.Boolean(default=True)

    @api.constrains('field_type', 'selection_options')
    def _check_selection_options(self):
        for field in self:
            if field.field_type == 'selection' and not field._get_options():
                raise ValidationError(
                    _('The extended field "%s" is a choice: list its choices, one per line.')
                    % field.name)

    def _get_options(self):
        self.ensure_one()
        return [line.strip() for line in (self.selection_options or '').splitlines()
                if line.strip()]

    @api.model
    def _fields_for(self, bureau, ticket_type):
        """The extended fields that apply to a request of this bureau and type."""
        domain = [
            '|', ('bureau_id', '=', False), ('bureau_id', '=', bureau.id if bureau else False),
            '|', ('ticket_type', '=', False), ('ticket_type', '=', ticket_type or False),
        ]
        return self.search(domain)
