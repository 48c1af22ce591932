# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, models


class IrModelAccess(models.Model):
    _inherit = 'ir.model.access'

    @api.model
    def group_names_with_access(self, model_name, access_mode):
        """NF-1, issue 16: the groups an access refusal names, in the user's language.
        Odoo 11 reads them in raw SQL, so a Chinese user was told that only
        "12345 Hotline/Office Leader" may do it."""
        assert access_mode in ('read', 'write', 'create', 'unlink'), 'Invalid access mode'
        lang = self.env.context.get('lang') or self.env.user.lang
        accesses = self.sudo().with_context(lang=lang, active_test=True).search([
            ('model_id.model', '=', model_name), ('perm_%s' % access_mode, '=', True),
            ('group_id', '!=', False)])
        return ['%s/%s' % (group.category_id.name, group.name) if group.category_id
                else group.name for group in accesses.mapped('group_id')]
