# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HotlineSupervisionMark(models.TransientModel):
    """TK-8: staff mark a reply perfunctory or wrong, with the reason."""
    _name = 'hotline.supervision.mark'
    _description = 'Mark the Reply'

    ticket_id = fields.Many2one('hotline.ticket', 'Request', required=True)
    state = fields.Selection([
        ('perfunctory', 'Perfunctory reply'),
        ('wrong', 'Wrong reply'),
        ('normal', 'Normal'),
    ], 'Mark', required=True, default='perfunctory')
    note = fields.Text('Reason')

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        self.ticket_id.action_mark_supervision(self.state, self.note)
        return {'type': 'ir.actions.act_window_close'}
