# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HotlineTicket(models.Model):
    """AG-3, AG-8: a request knows the calls it came from and their recordings."""
    _inherit = 'hotline.ticket'

    call_ids = fields.One2many('hotline.cti.call', 'ticket_id', 'Calls', readonly=True)
    call_count = fields.Integer('Calls', compute='_compute_call_count')

    def _compute_call_count(self):
        data = self.env['hotline.cti.call'].read_group(
            [('ticket_id', 'in', self.ids)], ['ticket_id'], ['ticket_id'])
        counts = {d['ticket_id'][0]: d['ticket_id_count'] for d in data}
        for ticket in self:
            ticket.call_count = counts.get(ticket.id, 0)

    @api.model
    def create(self, vals):
        """AG-3: the request an agent saves from the screen pop is linked to the call (and
        the call to the citizen the request settled on)."""
        ticket = super().create(vals)
        call_id = self.env.context.get('hotline_cti_call_id')
        if call_id:
            call = self.env['hotline.cti.call'].browse(call_id).exists()
            # sudo: call records are written by the bridge only; the agent may link the
            # request they just created to the call they are on, nothing else
            if call and call.agent_user_id in (self.env.user, self.env['res.users']):
                call.sudo().write({'ticket_id': ticket.id,
                                   'partner_id': call.partner_id.id or ticket.partner_id.id})
                if not ticket.recording_url and call.recording_url:
                    ticket.recording_url = call.recording_url
        return ticket
