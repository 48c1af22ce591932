# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class HotlineKbRight(models.Model):
    """KB-5: a right granted on a directory to a role (group) or to a unit."""
    _name = 'hotline.kb.right'
    _description = 'Knowledge Directory Right'

    directory_id = fields.Many2one(
        'hotline.kb.directory', 'Directory', required=True, index=True, ondelete='cascade')
    group_id = fields.Many2one('res.groups', 'Role', ondelete='cascade')
    unit_id = fields.Many2one('hotline.unit', 'Unit', ondelete='cascade')
    perm_read = fields.Boolean('Read', default=True)
    perm_edit = fields.Boolean('Edit')
    perm_approve = fields.Boolean('Approve')

    @api.constrains('group_id', 'unit_id')
    def _check_grantee(self):
        for right in self:
            if bool(right.group_id) == bool(right.unit_id):
                raise ValidationError(_('A right is granted either to a role or to a unit.'))
