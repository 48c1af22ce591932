# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, models


class HotlineTicketAssignment(models.Model):
    _inherit = 'hotline.ticket.assignment'

    @api.multi
    def _announce(self):
        """SM-4: a request dispatched, forwarded or sent up to a unit (main or co-unit) also
        texts the unit's contact phone, from the ``dispatch`` template. One SMS per
        assignment (dedupe_key ``dispatch:<assignment>``): announcing again never doubles it;
        a unit without a mobile contact gets a failed SMS with the reason in the log."""
        result = super()._announce()
        template = self.env['hotline.sms.template'].sudo().search(
            [('code', '=', 'dispatch')], limit=1)
        if not template:
            return result
        rows = [{
            'number': assignment.unit_id.contact_phone,
            'body': template.render(ticket=assignment.ticket_id, unit=assignment.unit_id,
                                    deadline=assignment.date_deadline),
            'ticket_id': assignment.ticket_id.id, 'unit_id': assignment.unit_id.id,
            'kind': 'dispatch', 'extension': template.extension,
            'dedupe_key': 'dispatch:%d' % assignment.id,
        } for assignment in self if assignment.role in ('main', 'co')]
        if rows:
            # sudo: the office's dispatchers and the units forwarding down need no right to
            # send SMS of their own for the system's reminder to go out.
            self.env['hotline.sms.message'].sudo().queue_messages(rows)
        return result
