# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HotlineUnit(models.Model):
    """SV-3: who of a unit receives the yellow and red card text messages."""
    _inherit = 'hotline.unit'

    section_chief_id = fields.Many2one(
        'res.users', 'Section Chief (主管处长)', track_visibility='onchange',
        help='Receives the yellow-card text messages of the unit (default: the manager).')
    director_id = fields.Many2one(
        'res.users', 'Office Director (科室主任)', track_visibility='onchange',
        help='Receives the red-card text messages of the unit (default: the manager).')
    card_ids = fields.One2many('hotline.supervision.card', 'unit_id', 'Cards')
