# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HotlineLocation(models.Model):
    """TK-2: where a request happened (事发地点), as a tree of districts, streets and
    communities, each linked to the unit responsible for it (used by dispatch, DS-2)."""
    _name = 'hotline.location'
    _description = 'Hotline Location'
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

    @api.model
    def _name_search(self, name, args=None, operator='ilike', limit=100, name_get_uid=None):
        """Find a record by its own name as well as by its full path (imports, quick search)."""
        if name:
            args = ['|', ('complete_name', operator, name), ('name', operator, name)] + (args or [])
            name, operator = '', 'ilike'
        return super()._name_search(name, args=args, operator=operator, limit=limit,
                                    name_get_uid=name_get_uid)

    @api.depends('name', 'parent_id.complete_name', 'parent_id.parent_id')
    def _compute_complete_name(self):
        # The root (the city itself) is left out: '东城区 / 和平街道'.
        for location in self:
            if location.parent_id.parent_id:
                location.complete_name = '%s / %s' % (
                    location.parent_id.complete_name, location.name)
            else:
                location.complete_name = location.name

    @api.constrains('parent_id')
    def _check_parent_id(self):
        if not self._check_recursion():
            raise ValidationError(_('A location cannot be inside itself.'))

    def _get_district(self):
        """The district (or county) a location belongs to, if any."""
        self.ensure_one()
        location = self
        while location and location.location_type not in ('district', 'city'):
            location = location.parent_id
        return location if location.location_type == 'district' else self.browse()
