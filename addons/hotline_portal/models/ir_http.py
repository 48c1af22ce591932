# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.http import request


class IrHttp(models.AbstractModel):
    _inherit = 'ir.http'

    @classmethod
    def _serve_fallback(cls, exception):
        """An unknown URL containing NUL (``/x%00``) gets the ordinary 404: Odoo 11 would look
        it up as an attachment or website page, and PostgreSQL refuses NUL in a string,
        which answered 500 (found by fuzzing the portal's URLs)."""
        if '\x00' in request.httprequest.path:
            return False
        return super()._serve_fallback(exception)
