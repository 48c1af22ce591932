# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HotlineNotAcceptedReason(models.Model):
    """TK-5: the dictionary of reasons for not accepting a request (不予受理)."""
    _name = 'hotline.not.accepted.reason'
    _description = 'Reason for Not Accepting a Request'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
