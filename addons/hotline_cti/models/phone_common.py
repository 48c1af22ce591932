# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, models


class PhoneCommon(models.AbstractModel):
    """AG-5: base_phone's click-to-dial on every phone field goes through the agent's seat
    (their extension, the hotline's AMI connection) when the user has one; users without a
    seat keep asterisk_click2dial's behaviour."""
    _inherit = 'phone.common'

    @api.model
    def click2dial(self, erp_number):
        # sudo: to find the user's own seat whatever the record rules of the caller
        agent = self.env['hotline.cti.agent'].sudo().search(
            [('user_id', '=', self.env.uid)], limit=1)
        if not agent:
            return super().click2dial(erp_number)
        try:
            number = self.convert_to_dial_number(erp_number)
        except Exception:  # phonenumbers without a company country: dial the digits as shown
            number = erp_number
        agent.sudo(self.env.uid).action_dial(number)
        return {'dialed_number': number}
