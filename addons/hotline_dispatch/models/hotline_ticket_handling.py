# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import fields, models

OUTCOMES = [
    ('solved', 'Solved'),
    ('partly', 'Partly solved'),
    ('explained', 'Explained to the citizen'),
    ('unsolved', 'Not solved yet'),
]


class HotlineTicketHandling(models.Model):
    """UN-2: one handling entry of a unit (cause, solution, outcome); a request may have
    several. Written only through ``hotline.ticket.assignment.action_add_entry``."""
    _name = 'hotline.ticket.handling'
    _inherit = 'hotline.assignment.part.mixin'
    _description = 'Handling Entry'
    _order = 'date desc, id desc'

    user_id = fields.Many2one(
        'res.users', 'Handled By', required=True, default=lambda s: s.env.user)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    cause = fields.Text()
    solution = fields.Text(required=True)
    outcome = fields.Selection(OUTCOMES, required=True, default='solved')
