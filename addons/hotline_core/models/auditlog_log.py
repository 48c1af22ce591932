# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, models

from ..tools.orm import cache_new_record


class AuditlogLog(models.Model):
    """NF-4, issue 19: the log of a creation is not read back to write its lines."""
    _inherit = 'auditlog.log'

    @api.model
    def _create(self, vals):
        """The lines of a log read its model from the log just inserted: from the cache
        (the values written), not from a SELECT of the row."""
        new_id = super()._create(vals)
        cache_new_record(self.browse(new_id), vals)
        return new_id
