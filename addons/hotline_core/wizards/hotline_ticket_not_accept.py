# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HotlineTicketNotAccept(models.TransientModel):
    """TK-5: the agent proposes not to accept requests, with a reason and details."""
    _name = 'hotline.ticket.not.accept'
    _description = 'Do Not Accept Requests'

    ticket_ids = fields.Many2many('hotline.ticket', string='Requests', required=True)
    reason_id = fields.Many2one('hotline.not.accepted.reason', 'Reason', required=True)
    detail = fields.Text('Details', required=True)

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        self.ticket_ids.action_not_accept(self.reason_id.id, self.detail)
        return {'type': 'ir.actions.act_window_close'}
