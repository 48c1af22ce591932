# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HotlineLocation(models.Model):
    """TK-2: where a request happened (事发地点), as a tree of districts, streets and
    communities, each linked to the unit responsible for it (used by dispatch, DS-2)."""
    _name = 'hotline.location'
    _description = 'Hotline Location'
    _inherit = ['hotline.tree.mixin']
    _hotline_path_skip_root = True
    _parent_store = True
    _parent_order = 'sequence, name'
    _order = 'parent_left'
    _rec_name = 'complete_name'

    name = fields.Char(required=True)
    complete_name = fields.Char(compute='_compute_complete_name', store=True, index=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    location_type = fields.Selection([
        ('city', 'City'),
        ('district', 'District / county'),
        ('street', 'Street / town'),
        ('community', 'Community / village'),
    ], string='Level', required=True, default='district')
    parent_id = fields.Many2one('hotline.location', 'Parent', index=True, ondelete='restrict')
    child_ids = fields.One2many('hotline.location', 'parent_id', 'Children')
    parent_left = fields.Integer(index=True)
    parent_right = fields.Integer(index=True)
    unit_id = fields.Many2one(
        'hotline.unit', 'Responsible Unit',
        help='The district, street or community unit that handles requests located here.')
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('code_uniq', 'unique(code)', 'The location code must be unique.'),
    ]

    def _get_district(self):
        """The district (or county) a location belongs to, if any."""
        self.ensure_one()
        location = self
        while location and location.location_type not in ('district', 'city'):
            location = location.parent_id
        return location if location.location_type == 'district' else self.browse()
