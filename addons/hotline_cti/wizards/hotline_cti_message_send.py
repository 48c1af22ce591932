# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HotlineCtiMessageSend(models.TransientModel):
    """AG-6: a team leader writes to the agents selected in the agent grid."""
    _name = 'hotline.cti.message.send'
    _description = 'Message to Agents'

    agent_ids = fields.Many2many(
        'hotline.cti.agent', string='Agents',
        default=lambda self: self.env.context.get('active_ids', []))
    body = fields.Text('Message', required=True)

    @api.multi
    def action_send(self):
        self.ensure_one()
        self.env['hotline.cti.message'].cti_send(self.agent_ids.ids, self.body)
        return {'type': 'ir.actions.act_window_close'}
