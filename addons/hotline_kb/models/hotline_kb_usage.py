# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HotlineKbUsage(models.Model):
    """KB-11, ST-3: a knowledge item was used to answer a request (a consult answered at
    first contact counts towards the first-contact resolution rate)."""
    _name = 'hotline.kb.usage'
    _description = 'Knowledge Used in an Answer'
    _order = 'date desc, id desc'

    item_id = fields.Many2one(
        'hotline.kb.item', 'Knowledge Item', required=True, index=True, ondelete='cascade')
    ticket_id = fields.Many2one(
        'hotline.ticket', 'Request', required=True, index=True, ondelete='cascade')
    ticket_type = fields.Selection(related='ticket_id.ticket_type', store=True, readonly=True)
    user_id = fields.Many2one(
        'res.users', 'Agent', required=True, default=lambda self: self.env.user, index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
