# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime

from odoo import api, fields, models

DAILY_CODES = ('hotline.ticket',)
DAYS_AHEAD = 31


class IrSequence(models.Model):
    _inherit = 'ir.sequence'

    def _create_date_range_seq(self, date):
        """TK-1: request numbers count per day, so their sequence gets one range per day.

        Ranges are created a month ahead at once (and by a daily cron) so that two requests
        registered at the same instant never both create the same day's range.
        """
        if self.code not in DAILY_CODES:
            return super()._create_date_range_seq(date)
        self._ensure_daily_ranges(fields.Date.from_string(date))
        return self.env['ir.sequence.date_range'].search([
            ('sequence_id', '=', self.id), ('date_from', '<=', date), ('date_to', '>=', date)],
            limit=1)

    def _ensure_daily_ranges(self, start, days=DAYS_AHEAD):
        ranges = self.env['ir.sequence.date_range'].sudo()
        existing = set(ranges.search([
            ('sequence_id', '=', self.id),
            ('date_from', '>=', fields.Date.to_string(start)),
        ]).mapped('date_from'))
        for offset in range(days):
            day = fields.Date.to_string(start + datetime.timedelta(days=offset))
            if day not in existing:
                ranges.create({'sequence_id': self.id, 'date_from': day, 'date_to': day,
                               'number_next': 1})

    @api.model
    def _cron_hotline_daily_ranges(self):
        """Keep a month of daily number ranges ahead of today."""
        for sequence in self.sudo().search([('code', 'in', DAILY_CODES)]):
            sequence._ensure_daily_ranges(fields.Date.from_string(fields.Date.today()))
