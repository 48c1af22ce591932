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
        call_id = self.env.context.get('hotline_cti_call_id')
        # sudo: call records are written by the bridge only; the agent may link the request
        # they just created to their own call (or one nobody answered), nothing else
        call = self.env['hotline.cti.call'].sudo().browse(call_id).exists() if call_id \
            else None
        if call and call.agent_user_id not in (self.env.user, self.env['res.users']):
            call = None
        if call:
            # hotline_core's create decides the citizen before defaults apply: give it the
            # caller's, as the popup's form does
            vals = dict(vals)
            vals.setdefault('caller_number', call.caller_number)
            if call.partner_id and not vals.get('partner_id'):
                vals['partner_id'] = call.partner_id.id
        ticket = super().create(vals)
        if call:
            call.write({'ticket_id': ticket.id,
                        'partner_id': call.partner_id.id or ticket.partner_id.id})
            if not ticket.recording_url and call.recording_url:
                ticket.recording_url = call.recording_url
        return ticket
