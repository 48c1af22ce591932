# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError


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
        # AG-9: the outbound call record is linked to the request / citizen dialled from
        # (base_phone's widget puts the record in the context)
        model = self.env.context.get('click2dial_model')
        res_id = self.env.context.get('click2dial_id')
        ticket_id = res_id if model == 'hotline.ticket' else None
        partner_id = res_id if model == 'res.partner' else None
        agent.sudo(self.env.uid).action_dial(number, ticket_id=ticket_id,
                                             partner_id=partner_id)
        return {'dialed_number': number}

    @api.model
    def get_record_from_phone_number(self, presented_number):
        """NF-2, AG-3: base_phone finds the record of a number in SQL, whatever the caller's
        rights (any signed-in user, a citizen too, could map any number to a name): the
        record found is returned only if the caller may read it."""
        try:
            found = super().get_record_from_phone_number(presented_number)
        except AccessError:  # it read the name of a record the caller may not read
            return False
        if not found:
            return found
        model = self.env[found[0]]
        if not model.check_access_rights('read', raise_exception=False):
            return False
        if not model.search([('id', '=', found[1])]):
            return False
        return found
