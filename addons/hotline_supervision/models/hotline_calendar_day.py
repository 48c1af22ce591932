# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime
import math

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.hotline_core.models.hotline_ticket import HOTLINE_TZ

# The working-day index covers these years; deadlines outside are refused with a clear error.
INDEX_FIRST_DAY = datetime.date(2000, 1, 1)
INDEX_LAST_DAY = datetime.date(2060, 12, 31)
DAY_TYPES = [
    ('holiday', 'Public holiday (day off)'),
    ('workday', 'Adjusted working day (调休上班)'),
]


class HotlineWorkdayIndex(models.Model):
    """SV-2: one row per calendar day from 2000 to 2060 — whether it is a working day and
    ``idx``, the number of working days up to and including it (its id is the day's number
    from 2000-01-01). Rebuilt in one statement by ``hotline.calendar.day`` on every change of
    the calendar; read in SQL by the deadline arithmetic and the supervision scan. The model
    gives the table a registry entry, access rules and its removal on uninstall."""
    _name = 'hotline.workday.index'
    _description = 'Working-day Index'
    _auto = False
    _log_access = False
    _order = 'day'
    _rec_name = 'day'

    day = fields.Date(readonly=True)
    workday = fields.Boolean('Working Day', readonly=True)
    idx = fields.Integer('Working Days Since 2000', readonly=True)

    @api.model_cr
    def init(self):
        cr = self._cr
        cr.execute("""
            CREATE TABLE IF NOT EXISTS hotline_workday_index (
                id integer,
                day date PRIMARY KEY,
                workday boolean NOT NULL,
                idx integer NOT NULL)""")
        # databases from before this model: the table had no id (the rebuild fills it)
        cr.execute('ALTER TABLE hotline_workday_index ADD COLUMN IF NOT EXISTS id integer')
        cr.execute('CREATE INDEX IF NOT EXISTS hotline_workday_index_idx '
                   'ON hotline_workday_index (idx) WHERE workday')


class HotlineCalendarDay(models.Model):
    """SV-2: the exceptions to "Monday to Friday are working days": public holidays that fall
    on weekdays (or weekends) and the weekend days worked in exchange (调休).

    Every change rebuilds ``hotline_workday_index``, a table with one row per calendar day
    (2000–2060): whether it is a working day and ``idx``, the number of working days up to and
    including it. Working days between two dates are then ``idx(b) - idx(a)``, so both the
    deadline arithmetic and the set-based supervision scan read the same table.
    """
    _name = 'hotline.calendar.day'
    _description = 'Working-day Calendar Exception'
    _order = 'date'
    _rec_name = 'date'

    date = fields.Date(required=True, index=True)
    day_type = fields.Selection(DAY_TYPES, 'Type', required=True, default='holiday')
    name = fields.Char('Holiday', help='The holiday the day off or the worked day belongs to.')
    year = fields.Integer(compute='_compute_year', store=True, index=True)
    weekday = fields.Char(compute='_compute_year')

    _sql_constraints = [
        ('date_uniq', 'unique(date)', 'A day can be in the calendar only once.'),
    ]

    @api.depends('date')
    def _compute_year(self):
        names = [_('Monday'), _('Tuesday'), _('Wednesday'), _('Thursday'), _('Friday'),
                 _('Saturday'), _('Sunday')]
        for day in self:
            date = fields.Date.from_string(day.date) if day.date else None
            day.year = date.year if date else 0
            day.weekday = names[date.weekday()] if date else False

    @api.constrains('date', 'day_type')
    def _check_date(self):
        for day in self:
            date = fields.Date.from_string(day.date)
            if not INDEX_FIRST_DAY <= date <= INDEX_LAST_DAY:
                raise ValidationError(_(
                    '%(date)s: the working-day calendar covers %(first)s to %(last)s only.') % {
                    'date': day.date, 'first': INDEX_FIRST_DAY, 'last': INDEX_LAST_DAY})
            if day.day_type == 'workday' and date.weekday() < 5:
                raise ValidationError(_(
                    '%s is a weekday, which is a working day anyway: only a Saturday or a '
                    'Sunday can be an adjusted working day.') % day.date)

    # ------------------------------------------------------------------ index
    @api.model_cr
    def init(self):
        self._rebuild_workday_index()

    @api.model
    def _rebuild_workday_index(self):
        """SV-2: one statement recomputes the whole index from the exception table."""
        cr = self._cr
        # Serialise rebuilds: two imports at once must not interleave their DELETE/INSERT.
        cr.execute('LOCK TABLE hotline_workday_index IN EXCLUSIVE MODE')
        cr.execute('DELETE FROM hotline_workday_index')
        cr.execute("""
            INSERT INTO hotline_workday_index (id, day, workday, idx)
            SELECT d - %s::date + 1, d, w, sum(w::int) OVER (ORDER BY d)
              FROM (SELECT g::date AS d,
                           COALESCE(c.day_type = 'workday',
                                    extract(isodow FROM g) < 6) AS w
                      FROM generate_series(%s::date, %s::date, interval '1 day') g
                      LEFT JOIN hotline_calendar_day c ON c.date = g::date) days""",
                   [INDEX_FIRST_DAY, INDEX_FIRST_DAY, INDEX_LAST_DAY])

    @api.model
    def create(self, vals):
        day = super().create(vals)
        if not self.env.context.get('hotline_defer_index'):
            self._rebuild_workday_index()
        return day

    @api.multi
    def write(self, vals):
        res = super().write(vals)
        if {'date', 'day_type'} & set(vals) and not self.env.context.get('hotline_defer_index'):
            self._rebuild_workday_index()
        return res

    @api.multi
    def unlink(self):
        res = super().unlink()
        if not self.env.context.get('hotline_defer_index'):
            self._rebuild_workday_index()
        return res

    @api.model
    def import_year(self, year, days):
        """SV-2: replace the exceptions of ``year`` by ``days`` ({date: (type, name)}) and
        rebuild the index once; returns the action listing the year's days.

        NF-2: only who may edit the calendar (office leader, hotline admin) imports: the
        rebuild locks the index exclusively, and an empty year unlinks nothing, so without
        this check any internal user could force it over RPC (a denial of service)."""
        self._check_calendar_editor()
        deferred = self.with_context(hotline_defer_index=True)
        deferred.search([('year', '=', year)]).unlink()
        for date in sorted(days):
            day_type, name = days[date]
            deferred.create({'date': fields.Date.to_string(date), 'day_type': day_type,
                             'name': name})
        self._rebuild_workday_index()
        action = self.env.ref('hotline_supervision.hotline_calendar_day_action').read()[0]
        action['domain'] = [('year', '=', year)]
        return action

    @api.model
    def _check_calendar_editor(self):
        for operation in ('create', 'write', 'unlink'):
            self.check_access_rights(operation)

    @api.model
    def import_package_year(self, year):
        """SV-2: import ``year`` from the chinese_calendar package (as the wizard does);
        NF-2: calendar editors only (see ``import_year``)."""
        self._check_calendar_editor()
        wizard = self.env['hotline.calendar.import'].create({'source': 'package', 'year': year})
        return wizard.action_import()

    # ------------------------------------------------------------------ arithmetic
    @api.model
    def _tz(self):
        return pytz.timezone(self.env.user.company_id.partner_id.tz or HOTLINE_TZ)

    @api.model
    def _local(self, value):
        """A UTC datetime (string or naive datetime) as a naive local datetime."""
        if isinstance(value, str):
            value = fields.Datetime.from_string(value)
        return pytz.utc.localize(value).astimezone(self._tz()).replace(tzinfo=None)

    @api.model
    def _utc(self, local):
        """A naive local datetime as the UTC string Odoo stores."""
        aware = self._tz().localize(local)
        return fields.Datetime.to_string(aware.astimezone(pytz.utc).replace(tzinfo=None))

    @api.model
    def _check_in_index(self, *dates):
        for date in dates:
            if not INDEX_FIRST_DAY <= date <= INDEX_LAST_DAY:
                raise UserError(_(
                    '%(date)s is outside the working-day calendar (%(first)s to %(last)s).') % {
                    'date': date, 'first': INDEX_FIRST_DAY, 'last': INDEX_LAST_DAY})

    @api.model
    def is_workday(self, date):
        """SV-2: whether ``date`` (a date or 'YYYY-MM-DD') is a working day."""
        if isinstance(date, str):
            date = fields.Date.from_string(date)
        self._check_in_index(date)
        self._cr.execute('SELECT workday FROM hotline_workday_index WHERE day = %s', [date])
        return self._cr.fetchone()[0]

    @api.model
    def workdays_between(self, date_from, date_to):
        """SV-2: working days after ``date_from`` up to and including ``date_to``."""
        self._check_in_index(date_from, date_to)
        self._cr.execute("""
            SELECT (SELECT idx FROM hotline_workday_index WHERE day = %s)
                 - (SELECT idx FROM hotline_workday_index WHERE day = %s)""",
                         [date_to, date_from])
        return self._cr.fetchone()[0]

    @api.model
    def add_workdays(self, date, days):
        """SV-2: the ``days``-th working day after ``date`` (``date`` itself not counted)."""
        self._check_in_index(date)
        self._cr.execute("""
            SELECT day FROM hotline_workday_index
             WHERE workday AND idx = (SELECT idx FROM hotline_workday_index WHERE day = %s) + %s
             ORDER BY day LIMIT 1""", [date, days])
        row = self._cr.fetchone()
        if not row:
            raise UserError(_(
                '%(days)d working days after %(date)s is beyond the working-day calendar.')
                % {'days': days, 'date': date})
        # Odoo's cursor returns dates as strings
        return fields.Date.from_string(row[0]) if isinstance(row[0], str) else row[0]

    @api.model
    def _work_hours(self):
        """The working hours of a working day (local time), from the system parameters
        ``hotline.work_day_start`` / ``hotline.work_day_end`` (hours, default 9 and 17)."""
        get = self.env['ir.config_parameter'].sudo().get_param
        try:
            start = float(get('hotline.work_day_start', '9'))
            end = float(get('hotline.work_day_end', '17'))
        except ValueError:
            start, end = 9.0, 17.0
        if not 0 <= start < end <= 24:
            start, end = 9.0, 17.0
        return start, end

    @api.model
    def deadline(self, start, amount, unit='workday'):
        """SV-1, SV-2: the deadline (UTC string) ``amount`` working days or working hours
        after ``start`` (UTC).

        - working days: the end (23:59:59 local time) of the ``amount``-th working day after
          the day of ``start``; a fraction of a day counts as a whole day;
        - working hours: counted inside the working hours of working days only.
        """
        local = self._local(start)
        if unit == 'workday':
            day = self.add_workdays(local.date(), int(math.ceil(amount)))
            return self._utc(datetime.datetime.combine(day, datetime.time(23, 59, 59)))
        begin, end = self._work_hours()
        remaining = datetime.timedelta(hours=amount)
        day = local.date()
        moment = local
        for __ in range(int(amount / (end - begin)) * 3 + 400):  # bounded walk over the days
            day_begin = datetime.datetime.combine(day, datetime.time()) + \
                datetime.timedelta(hours=begin)
            day_end = datetime.datetime.combine(day, datetime.time()) + \
                datetime.timedelta(hours=end)
            if self.is_workday(day):
                frm = max(moment, day_begin)
                if frm < day_end:
                    if frm + remaining <= day_end:
                        return self._utc(frm + remaining)
                    remaining -= day_end - frm
            day += datetime.timedelta(days=1)
        raise UserError(_('No deadline could be found within the working-day calendar.'))
