# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HotlineReturnReason(models.Model):
    """UN-2: the dictionary of reasons a unit may give when it sends a request back."""
    _name = 'hotline.return.reason'
    _description = 'Return Reason'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('code_uniq', 'unique(code)', 'The return reason code must be unique.'),
    ]
