# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api, models

from ..tools.orm import cache_new_record, insert_rows, modified_new

# the columns auditlog's create_logs writes into a log
LOG_COLUMNS = frozenset([
    'name', 'model_id', 'res_id', 'method', 'user_id', 'http_request_id', 'http_session_id',
    'log_type'])


class AuditlogLog(models.Model):
    """NF-4, issue 19: the log of a creation is not read back to write its lines."""
    _inherit = 'auditlog.log'

    @api.model
    def create(self, vals):
        """The logs auditlog writes (as superuser, plain columns only: two at every
        registration, the request's and the new profile's) are inserted with one
        statement and kept in the cache as written; the same row as the ORM's (values
        converted by the log's own fields, the same magic columns), the same
        invalidations. Other creates go through the ORM."""
        if self.env.uid != SUPERUSER_ID or not set(vals) <= LOG_COLUMNS:
            return super().create(vals)
        record = self.browse(insert_rows(self, [vals]))
        modified_new(record)  # as _create does, before the values are cached
        cache_new_record(record, vals)
        return record

    @api.model
    def _create(self, vals):
        """The lines of a log read its model from the log just inserted: from the cache
        (the values written), not from a SELECT of the row."""
        new_id = super()._create(vals)
        cache_new_record(self.browse(new_id), vals)
        return new_id
