# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime
import logging

import babel.dates
import chinese_calendar
import pytz
from babel.core import Locale, UnknownLocaleError, get_global

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

_logger = logging.getLogger(__name__)
DEFAULT_TZ = 'Asia/Shanghai'


WEEKDAYS = [('0', 'Monday'), ('1', 'Tuesday'), ('2', 'Wednesday'), ('3', 'Thursday'),
            ('4', 'Friday'), ('5', 'Saturday'), ('6', 'Sunday')]


class HotlineCtiRoute(models.Model):
    """AG-12: the office hours of a line (the 12345 number itself or a unit's own line
    reached through the PBX) and where calls go when it is closed: opening hours per
    weekday, the statutory holidays and make-up working days of China (``chinesecalendar``),
    and the line's own closing days."""
    _name = 'hotline.cti.route'
    _description = 'Office Hours Routing'
    _order = 'number'

    name = fields.Char(required=True)
    number = fields.Char('Dialled Number', required=True, index=True,
                         help='The number the caller dialled (${EXTEN} in the dialplan), '
                              'e.g. 12345 or a unit\'s direct line.')
    unit_id = fields.Many2one('hotline.unit', 'Unit', ondelete='cascade',
                              help='The unit whose line this is (empty: the hotline centre).')
    hours_ids = fields.One2many('hotline.cti.route.hours', 'route_id', 'Opening Hours',
                                copy=True)
    closure_ids = fields.One2many('hotline.cti.route.closure', 'route_id', 'Closing Days',
                                  copy=True)
    cn_holidays = fields.Boolean(
        'Chinese Public Holidays', default=True,
        help='Closed on statutory holidays; open on make-up working days (调休) with '
             'Monday\'s hours.')
    tz = fields.Selection('_tz_get', 'Time Zone', required=True, default=DEFAULT_TZ)
    open_route = fields.Selection([('queue', 'Queue'), ('dial', 'Direct Number')],
                                  'When Open', required=True, default='queue')
    open_target = fields.Char(required=True, default='12345',
                              help='Queue name or number to dial while open.')
    closed_route = fields.Selection([
        ('voicemail', 'Voicemail (becomes a call-back request)'),
        ('ivr', 'Self-service IVR'),
        ('duty', 'Duty Number'),
    ], 'When Closed', required=True, default='voicemail')
    duty_number = fields.Char(help='Dialled when closed, for "Duty Number".')
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('number_uniq', 'unique(number)', 'A dialled number has one office-hours rule.'),
    ]

    @api.model
    def _tz_get(self):
        """AG-12: the time zones a line may keep its hours in, named in the user's
        language (中国（上海）时间, not Asia/Shanghai), ordered by that name. The IANA
        zones Babel names by a place: its aliases (US/…, Canada/…) and zones it does not
        know (UTC, names newer than its data) would show twice or in English."""
        territories = get_global('zone_territories')
        aliases = get_global('zone_aliases')
        locale = (self.env.lang or 'en_US').replace('-', '_')
        try:
            Locale.parse(locale)
        except (ValueError, UnknownLocaleError):
            locale = 'en_US'
        zones = [tz for tz in pytz.common_timezones
                 if '/' in tz and tz.split('/')[0] not in ('US', 'Canada')
                 and aliases.get(tz, tz) in territories]
        if DEFAULT_TZ not in zones:
            zones.append(DEFAULT_TZ)
        choices = [(tz, babel.dates.get_timezone_location(tz, locale=locale)) for tz in zones]
        return sorted(choices, key=lambda choice: (choice[0] != DEFAULT_TZ, choice[1]))

    @api.constrains('closed_route', 'duty_number')
    def _check_duty_number(self):
        for route in self:
            if route.closed_route == 'duty' and not (route.duty_number or '').strip():
                raise ValidationError(_('Give the duty number to dial when the line is '
                                        'closed.'))

    def _weekday(self, day):
        """The weekday whose hours apply on ``day`` (a date), or None when closed all day."""
        if day in self.closure_ids.mapped(lambda c: fields.Date.from_string(c.date)):
            return None
        weekday = day.weekday()
        if self.cn_holidays:
            try:
                workday = chinese_calendar.is_workday(day)
            except NotImplementedError:  # a year the library has no data for yet
                _logger.warning('chinesecalendar has no data for %s: weekdays only', day)
                return weekday
            if not workday and weekday < 5:
                return None          # statutory holiday
            if workday and weekday >= 5:
                return 0             # make-up working day: Monday's hours
        return weekday

    def _is_open(self, when=None):
        """AG-12: is the line open at ``when`` (UTC naive datetime, default now)?"""
        self.ensure_one()
        when = when or datetime.datetime.utcnow()
        local = pytz.utc.localize(when).astimezone(pytz.timezone(self.tz)).replace(
            tzinfo=None)
        weekday = self._weekday(local.date())
        if weekday is None:
            return False
        hour = local.hour + local.minute / 60.0 + local.second / 3600.0
        return any(int(h.dayofweek) == weekday and h.hour_from <= hour < h.hour_to
                   for h in self.hours_ids)

    @api.model
    def _cti_route(self, line, when=None):
        """AG-12: where a call to ``line`` goes now: ``(open, route, target)``; lines
        without a rule are always open to the 12345 queue."""
        route = self.search([('number', '=', line)], limit=1) if line else self.browse()
        if not route:
            return True, 'queue', '12345'
        if route._is_open(when):
            return True, route.open_route, route.open_target
        target = route.duty_number if route.closed_route == 'duty' else ''
        return False, route.closed_route, target or ''


class HotlineCtiRouteHours(models.Model):
    """AG-12: one opening period of a line on one weekday."""
    _name = 'hotline.cti.route.hours'
    _description = 'Opening Hours'
    _order = 'dayofweek, hour_from'

    route_id = fields.Many2one('hotline.cti.route', required=True, ondelete='cascade',
                               index=True)
    dayofweek = fields.Selection(WEEKDAYS, 'Day', required=True, default='0')
    hour_from = fields.Float('Opens At', required=True, default=9.0)
    hour_to = fields.Float('Closes At', required=True, default=17.0)

    @api.constrains('hour_from', 'hour_to')
    def _check_hours(self):
        for hours in self:
            if not 0 <= hours.hour_from < hours.hour_to <= 24:
                raise ValidationError(_('Opening hours run from 0:00 to 24:00 and end after '
                                        'they start.'))


class HotlineCtiRouteClosure(models.Model):
    """AG-12: a day a line is closed besides the public holidays (e.g. a unit's move)."""
    _name = 'hotline.cti.route.closure'
    _description = 'Closing Day'
    _order = 'date'

    route_id = fields.Many2one('hotline.cti.route', required=True, ondelete='cascade',
                               index=True)
    date = fields.Date(required=True)
    name = fields.Char('Reason')
