# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime

from odoo import api, fields, models, tools
from odoo.exceptions import MissingError

from odoo.addons.base.ir.ir_sequence import _select_nextval

DAILY_CODES = ('hotline.ticket',)
DAYS_AHEAD = 31


class IrSequence(models.Model):
    _inherit = 'ir.sequence'

    @api.model
    def _hotline_next_by_code(self, code):
        """``next_by_code`` with the sequence and its range of the day looked up once per
        server (issue 19: two searches and a read at every registration); the same
        sequence (the company's before one without company), the same number. A sequence
        gone since falls back to Odoo's look-up."""
        self.check_access_rights('read')
        company_id = self.env.context.get('force_company') or self.env.user.company_id.id
        sequence_id = self._hotline_sequence_id(code, company_id)
        if sequence_id:
            try:
                sequence = self.browse(sequence_id)
                if sequence.use_date_range and sequence.implementation == 'standard':
                    day = self.env.context.get('ir_sequence_date') or fields.Date.today()
                    found = self._hotline_date_range(sequence_id, day)
                    if found:
                        # what the range's _next does for a standard sequence, without
                        # looking the range up and reading it again
                        range_id, date_from = found
                        number = _select_nextval(
                            self.env.cr, 'ir_sequence_%03d_%03d' % (sequence_id, range_id))
                        return sequence.with_context(
                            ir_sequence_date_range=date_from).get_next_char(number)
                return sequence._next()
            except MissingError:
                self.clear_caches()
        return self.next_by_code(code)

    @api.model
    @tools.ormcache('sequence_id', 'day')
    def _hotline_date_range(self, sequence_id, day):
        """(id, first day) of the sequence's range holding ``day``, None when it has none
        yet (``_next`` then makes it, which clears this cache)."""
        found = self.env['ir.sequence.date_range'].sudo().search([
            ('sequence_id', '=', sequence_id), ('date_from', '<=', day),
            ('date_to', '>=', day)], limit=1)
        return (found.id, found.date_from) if found else None

    @api.model
    @tools.ormcache('code', 'company_id')
    def _hotline_sequence_id(self, code, company_id):
        return self.search([('code', '=', code), ('company_id', 'in', [company_id, False])],
                           order='company_id', limit=1).id

    # the look-up above is kept until a sequence changes
    @api.model
    def create(self, vals):
        self.clear_caches()
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if {'code', 'company_id', 'active'} & set(vals):
            self.clear_caches()
        return super().write(vals)

    @api.multi
    def unlink(self):
        self.clear_caches()
        return super().unlink()

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


class IrSequenceDateRange(models.Model):
    _inherit = 'ir.sequence.date_range'

    # IrSequence._hotline_date_range is kept until a range changes
    @api.model
    def create(self, vals):
        self.clear_caches()
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if {'sequence_id', 'date_from', 'date_to'} & set(vals):
            self.clear_caches()
        return super().write(vals)

    @api.multi
    def unlink(self):
        self.clear_caches()
        return super().unlink()
