# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HotlineWechatBinding(models.Model):
    """CH-10: a WeChat follower (OpenID) bound to the phone number they gave, so that their
    messages become requests of their citizen profile and they can query their history."""
    _name = 'hotline.wechat.binding'
    _description = 'WeChat Binding'
    _rec_name = 'openid'

    openid = fields.Char('OpenID', required=True, index=True)
    phone = fields.Char(index=True)
    partner_id = fields.Many2one(
        'res.partner', 'Citizen', index=True,
        help='Set only once the follower proved the phone is his (a code sent to it): an '
             'unverified number never opens the requests of the citizen who owns it.')
    verified = fields.Boolean(
        'Phone Verified', readonly=True,
        help='The follower typed the code sent to the phone by SMS (CH-10).')
    date_bound = fields.Datetime('Bound On', default=fields.Datetime.now)

    _sql_constraints = [
        ('openid_uniq', 'unique(openid)', 'This WeChat follower is already bound.'),
    ]
