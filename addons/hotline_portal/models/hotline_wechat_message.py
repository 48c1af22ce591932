# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HotlineWechatMessage(models.Model):
    """CH-10: the WeChat messages already answered, by WeChat's MsgId. WeChat sends a
    message again (up to three times, 5 s apart) when it has no answer in time; each
    delivery after the first gets the first one's answer and registers nothing. Kept a
    day (``hotline.portal.rate._gc_attempts``)."""
    _name = 'hotline.wechat.message'
    _description = 'WeChat Message Received'
    _log_access = False
    _order = 'id desc'

    msgid = fields.Char('Message Key', required=True, readonly=True,
                        help="WeChat's MsgId; for events, the sender and CreateTime.")
    openid = fields.Char('OpenID', readonly=True)
    answer = fields.Text(readonly=True)
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now, index=True)

    _sql_constraints = [
        ('msgid_uniq', 'unique(msgid)', 'This WeChat message was already received.'),
    ]
