# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HotlinePortalPhone(models.Model):
    """CH-8: the directory of common public-service phone numbers on the website."""
    _name = 'hotline.portal.phone'
    _description = 'Common Phone Number'
    _order = 'section, sequence, id'

    name = fields.Char('Service', required=True)
    phone = fields.Char(required=True)
    section = fields.Char('Group', required=True, default='便民服务')
    note = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
