# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HotlinePortalTypeUnit(models.Model):
    """CH-9: the unit that receives, by default, the requests of one type submitted on the
    website, the app or WeChat (e.g. suggestions and consultations → the acceptance centre,
    complaints and reports → the discipline commission)."""
    _name = 'hotline.portal.type.unit'
    _description = 'Default Receiving Unit by Type (Website)'
    _order = 'ticket_type'

    @api.model
    def _type_selection(self):
        return self.env['hotline.ticket']._fields['ticket_type']._description_selection(
            self.env)

    ticket_type = fields.Selection('_type_selection', 'Request Type', required=True)
    unit_id = fields.Many2one('hotline.unit', 'Receiving Unit', required=True,
                              ondelete='cascade')
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('ticket_type_uniq', 'unique(ticket_type)',
         'Each request type has one default receiving unit.'),
    ]

    @api.model
    def _unit_for(self, ticket_type):
        return self.sudo().search([('ticket_type', '=', ticket_type)], limit=1).unit_id
