# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import models

from odoo.addons.auditlog.models.rule import FIELDS_BLACKLIST

from ..tools.orm import insert_rows


class AuditlogRule(models.Model):
    """NF-4, issue 19: the audit lines of a creation are written in one statement.

    OCA auditlog creates one ``auditlog.log.line`` per field of the new record through the
    ORM, one INSERT each; a request or a citizen profile has 7 to 10 of them on the
    hottest path of the hotline. The rows are the same (same values, converted by the
    line model's own fields), only inserted together."""
    _inherit = 'auditlog.rule'

    def _create_log_line_on_create(self, log, fields_list, new_values):
        self._cache_log_model_name(log)
        rows = []
        for field_name in fields_list:
            if field_name in FIELDS_BLACKLIST:
                continue
            field = self._get_field(log.model_id, field_name)
            # not all fields have an ir.models.field entry (ie. related fields)
            if field:
                rows.append(self._prepare_log_line_vals_on_create(log, field, new_values))
        # the rule model runs as superuser, as auditlog's own create_logs
        insert_rows(self.env['auditlog.log.line'], rows)
        log.invalidate_cache(['line_ids'])

    def _cache_log_model_name(self, log):
        """Issue 19: the audited model's name, which ``_get_field`` needs, put into the
        cache from auditlog's own map of audited models (name → ir.model id, made when
        the rules are loaded) instead of reading the ir.model row at every creation."""
        model = log.model_id
        if not model or self.env.cache.contains(model, model._fields['model']):
            return
        names = [name for name, model_id in
                 getattr(self.pool, '_auditlog_model_cache', {}).items() if model_id == model.id]
        if len(names) == 1:
            self.env.cache.set(model, model._fields['model'], names[0])
