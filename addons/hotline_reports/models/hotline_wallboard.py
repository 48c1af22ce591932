# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime

import pytz

from odoo import _, api, fields, models

from odoo.addons.hotline_core.models.hotline_ticket import DONE_STATES, DRAFT_STATES

from ..report.hotline_ticket_report import CATEGORY_ROOT_SQL

HOTLINE_TZ = 'Asia/Shanghai'
WALLBOARD_GROUPS = (
    'hotline_core.group_hotline_team_leader',
    'hotline_core.group_hotline_office_leader',
    'hotline_core.group_hotline_supervisor',
)


class HotlineWallboard(models.AbstractModel):
    """MO-3: the figures of the big screen (大屏), computed in a few aggregate queries."""
    _name = 'hotline.wallboard'
    _description = 'Wallboard Figures'

    @api.model
    def _wallboard_allowed(self):
        user = self.env.user
        return any(user.has_group(group) for group in WALLBOARD_GROUPS)

    @api.model
    def _wallboard_data(self, now=None):
        """MO-3: totals of today (hotline time), the last 24 hours by hour, today's requests
        by category group and by channel, hot issues (most frequent categories of the last
        24 hours and ongoing spike alerts) and today's service level against the target."""
        tz = pytz.timezone(HOTLINE_TZ)
        now = fields.Datetime.from_string(now or fields.Datetime.now())
        local_now = pytz.utc.localize(now).astimezone(tz)
        midnight = tz.localize(datetime.datetime.combine(local_now.date(), datetime.time.min))
        today_utc = midnight.astimezone(pytz.utc).replace(tzinfo=None)
        # 24 whole hours ending with the current one
        hour_start = local_now.replace(minute=0, second=0, microsecond=0)
        first_hour = (hour_start - datetime.timedelta(hours=23)).astimezone(pytz.utc).replace(
            tzinfo=None)
        params = {'today': fields.Datetime.to_string(today_utc),
                  'now': fields.Datetime.to_string(now),
                  'first_hour': fields.Datetime.to_string(first_hour),
                  'draft': DRAFT_STATES, 'done': DONE_STATES}
        cr = self.env.cr
        cr.execute("""
            SELECT COUNT(*),
                   COUNT(*) FILTER (WHERE state IN %(done)s),
                   COUNT(*) FILTER (WHERE dispatch_count > 0),
                   COUNT(*) FILTER (WHERE urgent)
              FROM hotline_ticket
             WHERE register_date >= %(today)s AND register_date <= %(now)s
               AND state NOT IN %(draft)s""", params)
        tickets, closed, dispatched, urgent = cr.fetchone()
        cr.execute("""
            SELECT COUNT(*) FILTER (WHERE disposition IN ('answered', 'abandoned')),
                   COUNT(*) FILTER (WHERE disposition = 'answered'),
                   COUNT(*) FILTER (WHERE disposition = 'abandoned'),
                   COUNT(*) FILTER (WHERE disposition = 'answered'
                                    AND COALESCE(wait_time, 0) <= 15),
                   COUNT(*) FILTER (WHERE state IN ('queued', 'ringing'))
              FROM hotline_cti_call
             WHERE direction = 'inbound' AND enter_date >= %(today)s
               AND enter_date <= %(now)s""", params)
        offered, answered, abandoned, within_15, waiting = cr.fetchone()
        cr.execute("""
            SELECT to_char(date_trunc('hour', register_date AT TIME ZONE 'UTC'
                                      AT TIME ZONE 'Asia/Shanghai'), 'HH24'), COUNT(*)
              FROM hotline_ticket
             WHERE register_date >= %(first_hour)s AND register_date <= %(now)s
               AND state NOT IN %(draft)s
             GROUP BY 1""", params)
        ticket_hours = dict(cr.fetchall())
        cr.execute("""
            SELECT to_char(date_trunc('hour', enter_date AT TIME ZONE 'UTC'
                                      AT TIME ZONE 'Asia/Shanghai'), 'HH24'), COUNT(*)
              FROM hotline_cti_call
             WHERE direction = 'inbound' AND enter_date >= %(first_hour)s
               AND enter_date <= %(now)s
             GROUP BY 1""", params)
        call_hours = dict(cr.fetchall())
        hours = []
        for i in range(24):
            label = (hour_start - datetime.timedelta(hours=23 - i)).strftime('%H')
            hours.append({'hour': label, 'tickets': ticket_hours.get(label, 0),
                          'calls': call_hours.get(label, 0)})
        cr.execute("""
            WITH category_root AS ({category_root})
            SELECT COALESCE(r.root_id, 0), COUNT(*)
              FROM hotline_ticket t
              LEFT JOIN category_root r ON r.category_id = t.category_id
             WHERE t.register_date >= %(today)s AND t.register_date <= %(now)s
               AND t.state NOT IN %(draft)s
             GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 8""".format(category_root=CATEGORY_ROOT_SQL),
                   params)
        Category = self.env['hotline.category'].sudo()
        by_category = [{'name': Category.browse(cid).name if cid else _('Uncategorised'),
                        'count': n} for cid, n in cr.fetchall()]
        cr.execute("""
            SELECT channel, COUNT(*) FROM hotline_ticket
             WHERE register_date >= %(today)s AND register_date <= %(now)s
               AND state NOT IN %(draft)s
             GROUP BY 1 ORDER BY 2 DESC, 1""", params)
        channel_rows = cr.fetchall()
        channels = dict(self.env['hotline.ticket']._fields['channel']._description_selection(
            self.env))
        by_channel = [{'name': channels.get(code, code), 'count': n}
                      for code, n in channel_rows]
        cr.execute("""
            SELECT category_id, COUNT(*) FROM hotline_ticket
             WHERE register_date >= %(first_hour)s AND register_date <= %(now)s
               AND state NOT IN %(draft)s AND category_id IS NOT NULL
             GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 6""", params)
        hot = [{'name': Category.browse(cid).complete_name, 'count': n}
               for cid, n in cr.fetchall()]
        alerts = self.env['hotline.spike.alert'].sudo().search(
            [('state', '=', 'active')], limit=5)
        target = float(self.env['ir.config_parameter'].sudo().get_param(
            'hotline_reports.service_level_target', '90'))
        level = round(100.0 * within_15 / offered, 1) if offered else None
        return {
            'time': local_now.strftime('%Y-%m-%d %H:%M:%S'),
            'totals': {
                'tickets': tickets, 'closed': closed, 'dispatched': dispatched,
                'urgent': urgent, 'offered': offered, 'answered': answered,
                'abandoned': abandoned, 'waiting': waiting,
                'answer_rate': round(100.0 * answered / offered, 1) if offered else None,
            },
            'hours': hours,
            'by_category': by_category,
            'by_channel': by_channel,
            'hot': hot,
            'alerts': [{'name': '%s · %s' % (a.location_id.name, a.category_id.name),
                        'count': a.count} for a in alerts],
            'service_level': {'value': level, 'target': target, 'seconds': 15,
                              'ok': level is not None and level >= target},
        }
