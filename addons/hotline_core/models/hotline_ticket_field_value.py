# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

TRUE_WORDS = ('1', 'true', 'yes', 'y', '是', '对', '有')
FALSE_WORDS = ('0', 'false', 'no', 'n', '否', '不', '无')


class HotlineTicketFieldValue(models.Model):
    """TK-3: the value of one extended field on one request, validated against its type."""
    _name = 'hotline.ticket.field.value'
    _description = 'Request Extended Field Value'
    _order = 'sequence, id'

    # auto_join: the units' record rule (ticket_id.unit_ids) becomes a join, not a list of
    # the ids of every request the unit can see
    ticket_id = fields.Many2one(
        'hotline.ticket', 'Request', required=True, index=True, ondelete='cascade',
        auto_join=True)
    field_id = fields.Many2one(
        'hotline.ticket.field', 'Field', required=True, ondelete='restrict')
    sequence = fields.Integer(related='field_id.sequence', store=True, readonly=True)
    field_type = fields.Selection(related='field_id.field_type', readonly=True)
    required = fields.Boolean(related='field_id.required', readonly=True)
    value = fields.Char()

    _sql_constraints = [
        ('field_uniq', 'unique(ticket_id, field_id)',
         'A request carries each extended field once.'),
    ]

    @api.constrains('value', 'field_id')
    def _check_value(self):
        for line in self:
            line._validate()

    def _validate(self):
        field, value = self.field_id, (self.value or '').strip()
        if not value:
            return
        kind = field.field_type
        try:
            if kind == 'integer':
                int(value)
            elif kind == 'float':
                float(value)
            elif kind == 'date':
                datetime.datetime.strptime(value, '%Y-%m-%d')
            elif kind == 'boolean' and value.lower() not in TRUE_WORDS + FALSE_WORDS:
                raise ValueError(value)
            elif kind == 'selection' and value not in field._get_options():
                raise ValueError(value)
        except ValueError:
            raise ValidationError(
                _('"%(value)s" is not a valid value for the field "%(field)s" (%(type)s).') % {
                    'value': value, 'field': field.name,
                    'type': dict(
                        field._fields['field_type']._description_selection(self.env))[kind]})
