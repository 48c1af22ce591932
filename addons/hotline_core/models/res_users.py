# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResUsers(models.Model):
    _inherit = 'res.users'

    hotline_unit_ids = fields.Many2many(
        'hotline.unit', 'hotline_unit_users_rel', 'user_id', 'unit_id', 'Hotline Units',
        help='A unit user sees the requests dispatched or copied to these units and their '
             'sub-units.')
