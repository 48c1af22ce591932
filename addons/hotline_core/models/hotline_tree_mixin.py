# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import _, api, models
from odoo.exceptions import ValidationError


class HotlineTreeMixin(models.AbstractModel):
    """What the trees of the hotline (units, locations, categories) share: a full path as
    display name, no cycles, and lookups by own name or by path (imports, quick search).

    The inheriting model defines ``name``, ``parent_id`` and
    ``complete_name = fields.Char(compute='_compute_complete_name', store=True)``.
    """
    _name = 'hotline.tree.mixin'
    _description = 'Hotline Tree'
    # Leave the root (the city itself) out of paths: '东城区 / 和平街道', not '青川市 / …'.
    _hotline_path_skip_root = False

    @api.depends('name', 'parent_id.complete_name', 'parent_id.parent_id')
    def _compute_complete_name(self):
        for record in self:
            parent = record.parent_id
            if parent and (parent.parent_id or not self._hotline_path_skip_root):
                record.complete_name = '%s / %s' % (parent.complete_name, record.name)
            else:
                record.complete_name = record.name

    @api.constrains('parent_id')
    def _check_parent_id(self):
        if not self._check_recursion():
            raise ValidationError(
                _('"%s" cannot be placed under itself or one of its own sub-entries.')
                % self[:1].name)

    @api.model
    def _name_search(self, name, args=None, operator='ilike', limit=100, name_get_uid=None):
        if name:
            args = ['|', ('complete_name', operator, name), ('name', operator, name)] + (args or [])
            name, operator = '', 'ilike'
        return super()._name_search(name, args=args, operator=operator, limit=limit,
                                    name_get_uid=name_get_uid)
