# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HotlineUnit(models.Model):
    """UN-1: the organisations a request can be sent to, as one tree.

    City → hotline centre and office, city bureaus (vertical or not), districts/counties →
    streets/towns and district bureaus → communities/villages.
    """
    _name = 'hotline.unit'
    _description = 'Hotline Unit'
    _inherit = ['mail.thread', 'hotline.phone.mixin', 'hotline.tree.mixin']
    _hotline_path_skip_root = True
    _hotline_phone_fields = {'contact_phone': True}
    _parent_store = True
    _parent_order = 'sequence, name'
    _order = 'parent_left'
    _rec_name = 'complete_name'

    name = fields.Char(required=True, translate=False, track_visibility='onchange')
    complete_name = fields.Char(
        compute='_compute_complete_name', store=True, index=True)
    code = fields.Char(help='Short code used in imports and partner systems.')
    sequence = fields.Integer(default=10)
    unit_type = fields.Selection([
        ('centre', 'Hotline centre'),
        ('office', 'Hotline office'),
        ('bureau', 'City bureau'),
        ('district', 'District / county'),
        ('district_bureau', 'District bureau'),
        ('street', 'Street / town'),
        ('community', 'Community / village'),
        ('other', 'Other'),
    ], required=True, default='bureau', track_visibility='onchange')
    is_vertical = fields.Boolean(
        'Vertically Managed',
        help='A vertically managed bureau (tax, electricity, police…) handles requests itself '
             'at city level instead of through the district of the location.')
    parent_id = fields.Many2one(
        'hotline.unit', 'Parent Unit', index=True, ondelete='restrict',
        track_visibility='onchange')
    child_ids = fields.One2many('hotline.unit', 'parent_id', 'Sub-units')
    parent_left = fields.Integer(index=True)
    parent_right = fields.Integer(index=True)
    manager_id = fields.Many2one('res.users', 'Manager', track_visibility='onchange')
    user_ids = fields.Many2many(
        'res.users', 'hotline_unit_users_rel', 'unit_id', 'user_id', 'Members')
    contact_name = fields.Char('Contact Person')
    contact_phone = fields.Char(
        help='Receives dispatch and deadline text messages (E.164).')
    email = fields.Char()
    active = fields.Boolean(default=True)
    note = fields.Text()

    _sql_constraints = [
        ('code_uniq', 'unique(code)', 'The unit code must be unique.'),
    ]

    @api.model
    def create(self, vals):
        unit = super().create(vals)
        if vals.get('user_ids'):
            self.env['res.users']._hotline_units_changed()
        return unit

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        if 'user_ids' in vals:
            self.env['res.users']._hotline_units_changed()
        return result

    def _get_city_bureau(self):
        """The city-level ancestor of a unit (itself for a city bureau)."""
        self.ensure_one()
        unit = self
        while unit.parent_id and unit.unit_type not in ('bureau', 'district'):
            unit = unit.parent_id
        return unit
