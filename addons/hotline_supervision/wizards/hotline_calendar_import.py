# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import base64
import csv
import datetime
import io

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# What a CSV may write in the "type" column.
TYPE_WORDS = {
    'holiday': 'holiday', '休': 'holiday', '假': 'holiday', '放假': 'holiday', '节假日': 'holiday',
    'workday': 'workday', '班': 'workday', '上班': 'workday', '调休上班': 'workday',
}


class HotlineCalendarImport(models.TransientModel):
    """SV-2: import the holidays and adjusted working days of a year, from the
    ``chinese_calendar`` package or from a CSV file (date,type,name). The year's days are
    replaced as a whole; a bad file changes nothing and says which line is wrong."""
    _name = 'hotline.calendar.import'
    _description = 'Import Holidays'

    source = fields.Selection([
        ('package', 'chinese_calendar package (State Council notices)'),
        ('csv', 'CSV file'),
    ], required=True, default='package')
    year = fields.Integer(required=True, default=lambda s: fields.Date.from_string(
        fields.Date.context_today(s)).year)
    data = fields.Binary('File')
    filename = fields.Char()

    @api.model
    def _package_days(self, year):
        try:
            import chinese_calendar
        except ImportError:
            raise UserError(_('The chinese_calendar package is not installed on the server.'))
        days = {}
        for date, holiday in chinese_calendar.holidays.items():
            if date.year == year:
                days[date] = ('holiday', _holiday_name(holiday))
        for date, holiday in chinese_calendar.workdays.items():
            if date.year == year:
                days[date] = ('workday', _holiday_name(holiday))
        if not days:
            years = sorted({d.year for d in chinese_calendar.holidays})
            raise UserError(_('The chinese_calendar package on the server knows the holidays '
                              'of %(first)s to %(last)s, not of %(year)s. Import a CSV file '
                              'instead.') % {'first': years[0], 'last': years[-1], 'year': year})
        return days

    @api.model
    def _csv_days(self, year, data):
        """Parse ``date,type,name`` lines (header optional; dates YYYY-MM-DD or YYYY/MM/DD)."""
        if not data:
            raise UserError(_('Choose the CSV file to import.'))
        raw = base64.b64decode(data)
        try:
            text = raw.decode('utf-8-sig')
        except UnicodeDecodeError:
            try:
                text = raw.decode('gb18030')
            except UnicodeDecodeError:
                raise UserError(_('The file is not a text (CSV) file in UTF-8 or GBK.'))
        days = {}
        for number, row in enumerate(csv.reader(io.StringIO(text)), 1):
            cells = [cell.strip() for cell in row]
            if not any(cells):
                continue
            if number == 1 and cells[0].lower() in ('date', '日期'):
                continue
            if len(cells) < 2:
                raise UserError(_('Line %d: write the date and the type (holiday or workday), '
                                  'separated by a comma.') % number)
            try:
                date = datetime.datetime.strptime(cells[0].replace('/', '-'), '%Y-%m-%d').date()
            except ValueError:
                raise UserError(_('Line %(line)d: "%(text)s" is not a date like 2026-02-16.') % {
                    'line': number, 'text': cells[0]})
            if date.year != year:
                raise UserError(_('Line %(line)d: %(date)s is not in %(year)d.') % {
                    'line': number, 'date': date, 'year': year})
            day_type = TYPE_WORDS.get(cells[1].lower())
            if not day_type:
                raise UserError(_('Line %(line)d: the type must be "holiday" (休) or "workday" '
                                  '(班), not "%(text)s".') % {'line': number, 'text': cells[1]})
            if day_type == 'workday' and date.weekday() < 5:
                raise UserError(_('Line %(line)d: %(date)s is a weekday; only a Saturday or '
                                  'Sunday can be an adjusted working day.') % {
                                      'line': number, 'date': date})
            if date in days:
                raise UserError(_('Line %(line)d: %(date)s appears twice.') % {
                    'line': number, 'date': date})
            days[date] = (day_type, cells[2] if len(cells) > 2 else False)
        if not days:
            raise UserError(_('The file holds no day to import.'))
        return days

    @api.multi
    def action_import(self):
        """SV-2: replace the year's calendar days; returns the calendar list of the year."""
        self.ensure_one()
        if not 2000 <= self.year <= 2060:
            raise UserError(_('Choose a year between 2000 and 2060.'))
        if self.source == 'package':
            days = self._package_days(self.year)
        else:
            days = self._csv_days(self.year, self.data)
        return self.env['hotline.calendar.day'].import_year(self.year, days)


HOLIDAY_NAMES = {
    "New Year's Day": '元旦',
    'Spring Festival': '春节',
    'Tomb-sweeping Day': '清明节',
    'Labour Day': '劳动节',
    'Dragon Boat Festival': '端午节',
    'National Day': '国庆节',
    'Mid-autumn Festival': '中秋节',
    'Anti-Fascist 70th Day': '抗战胜利70周年纪念日',
}


def _holiday_name(holiday):
    """The Chinese name of a chinese_calendar holiday (the package gives English names)."""
    name = getattr(holiday, 'value', holiday)
    return HOLIDAY_NAMES.get(name, name)
