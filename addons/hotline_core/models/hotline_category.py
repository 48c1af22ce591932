# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HotlineCategory(models.Model):
    """TK-2: nature category of a request (性质分类), a tree such as
    城乡建设 / 物业管理 / 电梯故障."""
    _name = 'hotline.category'
    _description = 'Request Category'
    _parent_store = True
    _parent_order = 'sequence, name'
    _order = 'parent_left'
    _rec_name = 'complete_name'

    name = fields.Char(required=True, translate=True)
    complete_name = fields.Char(compute='_compute_complete_name', store=True, index=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    parent_id = fields.Many2one('hotline.category', 'Parent', index=True, ondelete='restrict')
    child_ids = fields.One2many('hotline.category', 'parent_id', 'Sub-categories')
    parent_left = fields.Integer(index=True)
    parent_right = fields.Integer(index=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('code_uniq', 'unique(code)', 'The category code must be unique.'),
    ]

    @api.model
    def _name_search(self, name, args=None, operator='ilike', limit=100, name_get_uid=None):
        """Find a record by its own name as well as by its full path (imports, quick search)."""
        if name:
            args = ['|', ('complete_name', operator, name), ('name', operator, name)] + (args or [])
            name, operator = '', 'ilike'
        return super()._name_search(name, args=args, operator=operator, limit=limit,
                                    name_get_uid=name_get_uid)

    @api.depends('name', 'parent_id.complete_name')
    def _compute_complete_name(self):
        for category in self:
            if category.parent_id:
                category.complete_name = '%s / %s' % (
                    category.parent_id.complete_name, category.name)
            else:
                category.complete_name = category.name

    @api.constrains('parent_id')
    def _check_parent_id(self):
        if not self._check_recursion():
            raise ValidationError(_('A category cannot be inside itself.'))
