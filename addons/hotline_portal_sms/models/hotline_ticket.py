# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import models

from odoo.addons.hotline_core.tools.phone import is_mobile


class HotlineTicket(models.Model):
    _inherit = 'hotline.ticket'

    def _portal_notify_received(self, password):
        """CH-1: the request number is also texted to the mobile given with the request
        (template ``portal_received``; never the query password: the number may be a
        stranger's)."""
        res = super()._portal_notify_received(password)
        template = self.env['hotline.sms.template'].sudo().search(
            [('code', '=', 'portal_received')], limit=1)
        if template and self.contact_phone and is_mobile(self.contact_phone):
            self.env['hotline.sms.message'].sudo().queue_messages([{
                'number': self.contact_phone, 'body': template.render(ticket=self),
                'ticket_id': self.id, 'kind': 'ack', 'extension': template.extension,
                'dedupe_key': 'portal_received:%d' % self.id,
            }])
        return res
