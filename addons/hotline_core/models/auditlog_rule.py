# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.addons.auditlog.models.rule import FIELDS_BLACKLIST

LINE_COLUMNS = ('field_id', 'log_id', 'old_value', 'old_value_text', 'new_value',
                'new_value_text')


class AuditlogRule(models.Model):
    """NF-4, issue 19: the audit lines of a creation are written in one statement.

    OCA auditlog creates one ``auditlog.log.line`` per field of the new record through the
    ORM, one INSERT each; a request or a citizen profile has 7 to 10 of them on the
    hottest path of the hotline. The rows are the same (values converted by the line
    model's own fields), only inserted together."""
    _inherit = 'auditlog.rule'

    def _create_log_line_on_create(self, log, fields_list, new_values):
        Line = self.env['auditlog.log.line']
        rows = []
        for field_name in fields_list:
            if field_name in FIELDS_BLACKLIST:
                continue
            field = self._get_field(log.model_id, field_name)
            # not all fields have an ir.models.field entry (ie. related fields)
            if field:
                vals = self._prepare_log_line_vals_on_create(log, field, new_values)
                rows.append([Line._fields[name].convert_to_column(vals[name], Line)
                             for name in LINE_COLUMNS])
        if not rows:
            return
        # sudo'ed like auditlog's own create_logs (the rule model runs as superuser); the
        # magic columns are what the ORM would write
        uid = self.env.uid
        placeholders = ', '.join(
            ["(nextval('auditlog_log_line_id_seq'), %s, %s, %s, %s, %s, %s, %s, %s, "
             "(now() at time zone 'UTC'), (now() at time zone 'UTC'))"] * len(rows))
        params = []
        for row in rows:
            params.extend(row + [uid, uid])
        self.env.cr.execute(
            'INSERT INTO auditlog_log_line (id, %s, create_uid, write_uid, create_date, '
            'write_date) VALUES %s' % (', '.join(LINE_COLUMNS), placeholders), params)
        log.invalidate_cache(['line_ids'])
