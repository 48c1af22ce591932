# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = 'res.users'

    hotline_unit_ids = fields.Many2many(
        'hotline.unit', 'hotline_unit_users_rel', 'user_id', 'unit_id', 'Hotline Units',
        help='A unit user sees the requests dispatched or copied to these units and their '
             'sub-units.')

    @api.model
    def create(self, vals):
        user = super().create(vals)
        if vals.get('hotline_unit_ids'):
            user._hotline_units_changed()
        return user

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        if 'hotline_unit_ids' in vals:
            self._hotline_units_changed()
        return result

    @api.model
    def _hotline_units_changed(self):
        """NF-2: the record rules of unit users are cached per user with the ids of his units
        (ir.rule's cache); a change of membership clears them, in every worker, so that a
        member who left a unit no longer sees its requests and a new one does."""
        self.env['ir.rule'].clear_caches()
