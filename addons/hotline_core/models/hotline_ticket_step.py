# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HotlineTicketStep(models.Model):
    """TK-9: one step of a request's trail — who did what, when, from which state to which,
    with their opinion. Written only by ``hotline.ticket._log_step``; read-only for users."""
    _name = 'hotline.ticket.step'
    _description = 'Request Step'
    _order = 'date desc, id desc'

    # auto_join: the units' record rule (ticket_id.unit_ids) becomes a join, not a list of
    # the ids of every request the unit can see
    ticket_id = fields.Many2one(
        'hotline.ticket', 'Request', required=True, index=True, ondelete='cascade',
        auto_join=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    user_id = fields.Many2one('res.users', 'By', required=True, default=lambda s: s.env.user)
    action = fields.Char('Action Code', required=True)
    name = fields.Char('Step', required=True)
    state_from = fields.Char('From State')
    state_to = fields.Char('To State')
    state_label = fields.Char('Resulting State')
    unit_id = fields.Many2one('hotline.unit', 'Unit', index=True)
    opinion = fields.Text()
