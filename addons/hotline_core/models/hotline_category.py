# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HotlineCategory(models.Model):
    """TK-2: nature category of a request (性质分类), a tree such as
    城乡建设 / 物业管理 / 电梯故障."""
    _name = 'hotline.category'
    _description = 'Request Category'
    _inherit = ['hotline.tree.mixin']
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
