# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import fields, models


class IrAttachment(models.Model):
    """CH-3: the photos of a request are private; staff publish a redacted copy (or mark a
    photo that shows nothing personal as public). Only those appear on the case page."""
    _inherit = 'ir.attachment'

    hotline_portal_public = fields.Boolean(
        'Shown on the Website', copy=False, groups='hotline_core.group_hotline_dispatcher',
        help='Shown on the published case page (CH-3). Only staff set it, after checking '
             'the photo shows no face, number plate or other personal data.')
    hotline_redacted_from_id = fields.Many2one(
        'ir.attachment', 'Redacted From', copy=False, ondelete='set null',
        help='The original photo this redacted copy was made from.')
