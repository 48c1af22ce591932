# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models


class HotlineTicket(models.Model):
    _inherit = 'hotline.ticket'

    sms_message_ids = fields.One2many('hotline.sms.message', 'ticket_id', 'SMS')
    sms_count = fields.Integer('SMS', compute='_compute_sms_count')

    @api.depends('sms_message_ids')
    def _compute_sms_count(self):
        groups = self.env['hotline.sms.message'].read_group(
            [('ticket_id', 'in', self.ids)], ['ticket_id'], ['ticket_id'])
        counts = {g['ticket_id'][0]: g['ticket_id_count'] for g in groups}
        for ticket in self:
            ticket.sms_count = counts.get(ticket.id, 0)

    @api.multi
    def action_view_sms(self):
        self.ensure_one()
        action = self.env.ref('hotline_sms.hotline_sms_message_action').read()[0]
        action['domain'] = [('ticket_id', '=', self.id)]
        action['context'] = {}
        return action

    @api.multi
    def action_send_sms(self):
        """SM-1: text the citizen of this request (compose window, template filled in)."""
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'name': _('Send SMS'),
            'res_model': 'hotline.sms.compose',
            'view_mode': 'form',
            'target': 'new',
            'context': {'default_ticket_id': self.id},
        }
