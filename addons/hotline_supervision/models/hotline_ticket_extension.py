# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, models


class HotlineTicketExtension(models.Model):
    """SV-1, UN-4: an approved extension also moves the unit's reply deadline."""
    _inherit = 'hotline.ticket.extension'

    @api.multi
    def action_approve(self, note=None):
        res = super().action_approve(note=note)
        for ext in self:
            assignment = ext.assignment_id
            if assignment.date_reply_deadline and \
                    assignment.date_reply_deadline < ext.new_deadline:
                # Decided by the office in super(), which checked the right to do it.
                assignment.sudo().write({'date_reply_deadline': ext.new_deadline})
                if assignment.role == 'main' and not assignment.parent_id:
                    ext.ticket_id.sudo().with_context(hotline_workflow=True).write(
                        {'date_reply_deadline': ext.new_deadline})
        return res
