# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, models

SMS_LIMITS = {
    # codes sent by SMS cost money and reach a third person's phone: kept low
    'recover_sms_ip': (5, 3600),
    'recover_sms_number': (3, 3600),
    'wechat_code_openid': (3, 3600),
}


class HotlinePortalRate(models.Model):
    _inherit = 'hotline.portal.rate'

    @api.model
    def _limit(self, action):
        if action in SMS_LIMITS and not self.env['ir.config_parameter'].sudo().get_param(
                'hotline_portal.rate_%s' % action):
            return SMS_LIMITS[action]
        return super()._limit(action)
