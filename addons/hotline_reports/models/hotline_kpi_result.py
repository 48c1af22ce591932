# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime

import pytz
from dateutil.relativedelta import relativedelta
from psycopg2 import sql

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.hotline_core.models.hotline_ticket import (
    DONE_STATES as TICKET_DONE,
    DRAFT_STATES as TICKET_DRAFT,
)
from odoo.addons.hotline_dispatch.models.hotline_ticket_assignment import (
    ACTIVE_STATES as ASSIGNMENT_ACTIVE,
    DONE_STATES as ASSIGNMENT_DONE,
)

from ..report.hotline_ticket_report import tree_closure_sql, view_sql
from .hotline_kpi_scheme import INDICATOR_RULES, INDICATORS

HOTLINE_TZ = 'Asia/Shanghai'
RATE_FIELDS = [code for code, _label in INDICATORS if code not in ('volume', 'card_count')]

# Rate of each unit indicator from the counts of kpi_counts (NULL when nothing to rate).
UNIT_RATES = {
    'sign_rate': ('n_sign', 'n_assign'),
    'redispatch_rate': ('n_redispatch', 'n_main'),
    'ontime_rate': ('n_ontime', 'n_due'),
    'sentback_rate': ('n_sentback', 'n_main'),
    'satisfaction_rate': ('n_sat', 'n_cb'),
    'response_rate': ('n_response', 'n_main'),
    'resolution_rate': ('n_solved', 'n_done_main'),
    'direct_rate': ('n_direct', 'n_tickets'),
}
GROUP_RATES = {
    'answer_rate': ('n_timely', 'n_offered'),
    'accuracy_rate': ('n_accurate', 'n_dispatched'),
    'online_rate': ('n_online', 'n_tickets'),
    'satisfaction_rate': ('n_sat', 'n_cb'),
}
UNIT_COUNTS = ['n_assign', 'n_sign', 'n_main', 'n_redispatch', 'n_due', 'n_ontime',
               'n_sentback', 'n_response', 'n_done_main', 'n_solved', 'n_sat', 'n_cb',
               'n_tickets', 'n_direct', 'n_cards']


def _rate_sql(rates, alias):
    return ', '.join(
        'ROUND(100.0 * {a}.{n} / NULLIF({a}.{d}, 0), 2) AS {f}'.format(a=alias, n=n, d=d, f=f)
        for f, (n, d) in sorted(rates.items()))


class HotlineKpiResult(models.Model):
    """KP-1…KP-4: the indicators, score and rank of one unit or agent group for one period
    and scheme. Rows are written set-based by ``_compute_period`` (wizard and monthly job)."""
    _name = 'hotline.kpi.result'
    _description = 'Assessment Result'
    _inherit = ['mail.thread', 'mail.activity.mixin']
    _order = 'date_from desc, scheme_id, is_total desc, unit_type, rank, id'
    _rec_name = 'display_target'

    scheme_id = fields.Many2one(
        'hotline.kpi.scheme', 'Scheme', required=True, index=True, ondelete='cascade',
        readonly=True)
    target = fields.Selection(related='scheme_id.target', store=True, readonly=True)
    period = fields.Char(required=True, index=True, readonly=True, help='Year and month.')
    date_from = fields.Date('From', required=True, readonly=True)
    date_to = fields.Date('To', required=True, readonly=True)
    unit_id = fields.Many2one('hotline.unit', 'Unit', index=True, readonly=True)
    unit_type = fields.Selection(related='unit_id.unit_type', store=True, readonly=True)
    agent_group_id = fields.Many2one(
        'hotline.agent.group', 'Agent Group', index=True, readonly=True)
    is_total = fields.Boolean(
        'Whole Centre', readonly=True,
        help='The acceptance centre, scored from its agent groups.')
    from_children = fields.Boolean(
        'Scored from Sub-units', readonly=True,
        help='The score is the average of the sub-units’ scores weighted by their volume.')
    display_target = fields.Char('Assessed', compute='_compute_display_target')
    volume = fields.Integer(readonly=True, group_operator='sum')
    sign_rate = fields.Float('Timely Sign-for Rate (%)', readonly=True, group_operator='avg')
    redispatch_rate = fields.Float('Re-dispatch Rate (%)', readonly=True, group_operator='avg')
    ontime_rate = fields.Float(
        'On-time Completion Rate (%)', readonly=True, group_operator='avg')
    sentback_rate = fields.Float('Sent-back Rate (%)', readonly=True, group_operator='avg')
    satisfaction_rate = fields.Float(
        'Satisfaction Rate (%)', readonly=True, group_operator='avg')
    card_count = fields.Integer('Warnings and Cards', readonly=True)
    response_rate = fields.Float('Response Rate (%)', readonly=True, group_operator='avg')
    resolution_rate = fields.Float('Resolution Rate (%)', readonly=True, group_operator='avg')
    direct_rate = fields.Float('Direct-resolution Rate (%)', readonly=True,
                               group_operator='avg')
    answer_rate = fields.Float('Timely Answer Rate (%)', readonly=True, group_operator='avg')
    accuracy_rate = fields.Float('Dispatch Accuracy (%)', readonly=True, group_operator='avg')
    online_rate = fields.Float('Online Resolution Rate (%)', readonly=True,
                               group_operator='avg')
    score = fields.Float(readonly=True, group_operator='avg', digits=(16, 2))
    # issue #16: a group's row shows no rank (a sum or minimum of ranks means nothing)
    rank = fields.Integer(readonly=True, group_operator=False,
                          help='Among units of the same type, or among agent groups.')
    state = fields.Selection([('draft', 'Draft'), ('published', 'Published')],
                             default='draft', required=True, readonly=True,
                             track_visibility='onchange')
    improvement_note = fields.Text('Improvement Notes', readonly=True)

    @api.depends('unit_id', 'agent_group_id', 'is_total')
    def _compute_display_target(self):
        for result in self:
            if result.is_total:
                result.display_target = _('Acceptance centre')
            else:
                result.display_target = (result.unit_id.complete_name
                                         or result.agent_group_id.name or '')

    @api.model_cr
    def init(self):
        """KP-2, KP-4: indexes the monthly assessment needs on the tables it reads
        (assignments by dispatch date, callbacks by date, failed audits and re-handling by
        request and unit)."""
        cr = self._cr
        for name, table, definition in [
            ('hotline_ticket_assignment_create_date_idx', 'hotline_ticket_assignment',
             '(create_date)'),
            ('hotline_ticket_step_callback_date_idx', 'hotline_ticket_step',
             "(date) WHERE action IN ('callback_satisfied', 'callback_unsatisfied')"),
            ('hotline_ticket_step_sentback_idx', 'hotline_ticket_step',
             "(ticket_id, unit_id) WHERE action IN ('audit_fail', 'rehandle')"),
        ]:
            query = sql.SQL('CREATE INDEX IF NOT EXISTS {} ON {} {}').format(
                sql.Identifier(name), sql.Identifier(table), sql.SQL(definition))
            cr.execute(query.as_string(cr._obj))

    # ------------------------------------------------------------------ periods
    @api.model
    def _month_bounds(self, month):
        """First and last day of the month of ``month`` (a date) and the UTC instants that
        bound it in the hotline's time zone."""
        first = month.replace(day=1)
        after = first + relativedelta(months=1)
        tz = pytz.timezone(HOTLINE_TZ)

        def utc(day):
            local = tz.localize(datetime.datetime.combine(day, datetime.time.min))
            return fields.Datetime.to_string(local.astimezone(pytz.utc).replace(tzinfo=None))
        return first, after - datetime.timedelta(days=1), utc(first), utc(after)

    @api.model
    def _params(self, scheme, month):
        first, last, start, end = self._month_bounds(month)
        ICP = self.env['ir.config_parameter'].sudo()
        return {
            'scheme': scheme.id, 'start': start, 'end': end,
            'now': fields.Datetime.now(), 'period': first.strftime('%Y-%m'),
            'date_from': fields.Date.to_string(first), 'date_to': fields.Date.to_string(last),
            'sign_hours': float(ICP.get_param('hotline_reports.sign_hours', '24')),
            'response_hours': float(ICP.get_param('hotline_reports.response_hours', '24')),
            'response_hours_urgent': float(
                ICP.get_param('hotline_reports.response_hours_urgent', '2')),
            'timely_seconds': int(ICP.get_param('hotline_reports.timely_answer_seconds', '15')),
            'uid': self.env.uid,
            # issue 20: the states counted, as the models name them
            'assignment_active': ASSIGNMENT_ACTIVE, 'assignment_done': ASSIGNMENT_DONE,
            'ticket_done': TICKET_DONE, 'ticket_draft': TICKET_DRAFT,
        }

    # ------------------------------------------------------------------ scoring SQL
    def _score_sql(self, rates_table, key):
        """SQL scoring every row of ``rates_table`` (key, one column per indicator) with the
        scheme's lines: sum(weight × line score) / sum(weight) over the indicators that have
        a value. Directions come from INDICATOR_RULES (code constants, not user input)."""
        directions = ', '.join("('%s', '%s')" % (code, rule[1])
                               for code, rule in sorted(INDICATOR_RULES.items()))
        values = ', '.join("('%s', r.%s::float)" % (code, code)
                           for code, _label in INDICATORS)
        return """
            SELECT r.{key} AS key,
                   ROUND((SUM(l.weight * CASE d.direction
                        WHEN 'up' THEN v.value
                        WHEN 'down' THEN 100 - v.value
                        WHEN 'penalty' THEN GREATEST(0, 100 - l.penalty * v.value)
                        WHEN 'max' THEN 100.0 * v.value / NULLIF(m.max_volume, 0)
                        END) / NULLIF(SUM(l.weight), 0))::numeric, 2) AS score
              FROM {table} r
              CROSS JOIN LATERAL (VALUES {values}) AS v(indicator, value)
              JOIN hotline_kpi_scheme_line l
                ON l.scheme_id = %(scheme)s AND l.indicator = v.indicator
              JOIN (VALUES {directions}) AS d(indicator, direction)
                ON d.indicator = v.indicator
              CROSS JOIN (SELECT MAX(volume) AS max_volume FROM {table}) m
             WHERE v.value IS NOT NULL
             GROUP BY r.{key}""".format(key=key, table=rates_table, values=values,
                                        directions=directions)

    def _unit_counts_sql(self):
        """KP-2, KP-4: per unit, the counts behind every unit indicator, from the unit's own
        assignments dispatched in the period, the callbacks and direct resolutions of the
        period and the cards (``_kpi_card_sql``)."""
        return """
        WITH asg AS (
            SELECT a.id, a.unit_id, a.role, a.ticket_id, a.state, a.create_date,
                   a.date_signed, a.date_done, a.date_deadline, a.solved, t.urgent
              FROM hotline_ticket_assignment a
              JOIN hotline_ticket t ON t.id = a.ticket_id
             WHERE a.role IN ('main', 'co')
               AND a.create_date >= %(start)s AND a.create_date < %(end)s
        ), by_asg AS (
            SELECT unit_id,
                   COUNT(*) AS n_assign,
                   COUNT(*) FILTER (WHERE date_signed <= create_date
                                    + make_interval(secs => %(sign_hours)s * 3600)) AS n_sign,
                   COUNT(*) FILTER (WHERE role = 'main') AS n_main,
                   COUNT(*) FILTER (WHERE role = 'main' AND EXISTS (
                       SELECT 1 FROM hotline_ticket_assignment b
                        WHERE b.ticket_id = asg.ticket_id AND b.role = 'main'
                          AND b.id > asg.id)) AS n_redispatch,
                   COUNT(*) FILTER (WHERE date_done IS NOT NULL
                                    OR (date_deadline < %(now)s
                                        AND state IN %(assignment_active)s)
                                    ) AS n_due,
                   COUNT(*) FILTER (WHERE date_done <= date_deadline) AS n_ontime,
                   COUNT(*) FILTER (WHERE role = 'main' AND EXISTS (
                       SELECT 1 FROM hotline_ticket_step s
                        WHERE s.ticket_id = asg.ticket_id AND s.unit_id = asg.unit_id
                          AND s.action IN ('audit_fail', 'rehandle'))) AS n_sentback,
                   COUNT(*) FILTER (WHERE role = 'main' AND date_signed <= create_date
                                    + make_interval(secs => 3600 * CASE WHEN urgent
                                        THEN %(response_hours_urgent)s
                                        ELSE %(response_hours)s END)) AS n_response,
                   COUNT(*) FILTER (WHERE role = 'main' AND state IN %(assignment_done)s)
                       AS n_done_main,
                   COUNT(*) FILTER (WHERE role = 'main' AND state IN %(assignment_done)s
                                    AND solved)
                       AS n_solved
              FROM asg GROUP BY unit_id
        ), by_cb AS (
            SELECT t.main_unit_id AS unit_id,
                   COUNT(*) FILTER (WHERE s.action = 'callback_satisfied') AS n_sat,
                   COUNT(*) AS n_cb
              FROM hotline_ticket_step s
              JOIN hotline_ticket t ON t.id = s.ticket_id
             WHERE s.action IN ('callback_satisfied', 'callback_unsatisfied')
               AND s.date >= %(start)s AND s.date < %(end)s AND t.main_unit_id IS NOT NULL
             GROUP BY t.main_unit_id
        ), by_ticket AS (
            SELECT COALESCE(t.bureau_id, l.unit_id) AS unit_id,
                   COUNT(*) AS n_tickets,
                   COUNT(*) FILTER (WHERE t.state IN %(ticket_done)s AND t.dispatch_count = 0)
                       AS n_direct
              FROM hotline_ticket t
              LEFT JOIN hotline_location l ON l.id = t.location_id
             WHERE t.register_date >= %(start)s AND t.register_date < %(end)s
               AND t.state NOT IN %(ticket_draft)s AND COALESCE(t.bureau_id, l.unit_id) IS NOT NULL
             GROUP BY 1
        ), by_card AS ({cards}
        ), units AS (
            SELECT unit_id FROM by_asg UNION SELECT unit_id FROM by_cb
            UNION SELECT unit_id FROM by_ticket UNION SELECT unit_id FROM by_card
        )
        SELECT u.unit_id,
               COALESCE(a.n_assign, 0) AS n_assign, COALESCE(a.n_sign, 0) AS n_sign,
               COALESCE(a.n_main, 0) AS n_main, COALESCE(a.n_redispatch, 0) AS n_redispatch,
               COALESCE(a.n_due, 0) AS n_due, COALESCE(a.n_ontime, 0) AS n_ontime,
               COALESCE(a.n_sentback, 0) AS n_sentback,
               COALESCE(a.n_response, 0) AS n_response,
               COALESCE(a.n_done_main, 0) AS n_done_main, COALESCE(a.n_solved, 0) AS n_solved,
               COALESCE(c.n_sat, 0) AS n_sat, COALESCE(c.n_cb, 0) AS n_cb,
               COALESCE(k.n_tickets, 0) AS n_tickets, COALESCE(k.n_direct, 0) AS n_direct,
               COALESCE(d.n_cards, 0) AS n_cards
          FROM units u
          LEFT JOIN by_asg a ON a.unit_id = u.unit_id
          LEFT JOIN by_cb c ON c.unit_id = u.unit_id
          LEFT JOIN by_ticket k ON k.unit_id = u.unit_id
          LEFT JOIN by_card d ON d.unit_id = u.unit_id
         WHERE u.unit_id IS NOT NULL""".format(cards=self._kpi_card_sql())

    @api.model
    def _kpi_card_sql(self):
        """KP-2: per unit, the warnings and cards issued in the period (columns unit_id,
        n_cards). None without a supervision module; hotline_reports_supervision adds them."""
        return "SELECT NULL::integer AS unit_id, 0::bigint AS n_cards WHERE FALSE"

    # ------------------------------------------------------------------ computation
    @api.model
    def _compute_period(self, scheme, month):
        """KP-1…KP-4: (re)compute the results of ``scheme`` for the month of ``month`` in a
        few set-based statements: earlier draft results of that scheme and period are
        replaced; published ones are kept as published."""
        # NF-2: the statements below bypass the ORM, and the assessment wizard, a transient
        # model, is open to every user: whoever may not create and delete results is refused
        # here, before anything is replaced.
        self.check_access_rights('create')
        self.check_access_rights('unlink')
        params = self._params(scheme, month)
        cr = self.env.cr
        cr.execute("SELECT 1 FROM hotline_kpi_result WHERE scheme_id = %(scheme)s "
                   "AND period = %(period)s AND state = 'published' LIMIT 1", params)
        if cr.fetchone():
            raise UserError(_('The results of %(scheme)s for %(period)s are published; they '
                              'are not recomputed.') % {'scheme': scheme.name,
                                                        'period': params['period']})
        cr.execute("DELETE FROM hotline_kpi_result WHERE scheme_id = %(scheme)s "
                   "AND period = %(period)s", params)
        if scheme.target == 'unit':
            self._compute_units(params)
        else:
            self._compute_agent_groups(params)
        self.invalidate_cache()
        return self.search([('scheme_id', '=', scheme.id), ('period', '=', params['period'])])

    def _insert_columns(self):
        return ('scheme_id, target, period, date_from, date_to, state, create_uid, create_date, '
                'write_uid, write_date')

    def _insert_values(self):
        return ("%(scheme)s, (SELECT target FROM hotline_kpi_scheme WHERE id = %(scheme)s), "
                "%(period)s, %(date_from)s, %(date_to)s, 'draft', %(uid)s, %(now)s, %(uid)s, "
                "%(now)s")

    def _compute_units(self, params):
        """KP-2, KP-4: own figures per unit, then every unit that has figures in its subtree
        gets the rates of its subtree's counts and, when sub-units contribute, the
        volume-weighted average of their scores (parents scored from their children)."""
        cr = self.env.cr
        cr.execute("DROP TABLE IF EXISTS kpi_counts, kpi_own, kpi_own_score")
        cr.execute("CREATE TEMP TABLE kpi_counts AS " + self._unit_counts_sql(), params)
        cr.execute(view_sql(cr, """CREATE TEMP TABLE kpi_own AS
                      SELECT unit_id, n_assign + n_tickets + n_cb AS volume,
                             n_cards AS card_count, NULL::float AS answer_rate,
                             NULL::float AS accuracy_rate, NULL::float AS online_rate,
                             {rates}
                        FROM kpi_counts c""", rates=_rate_sql(UNIT_RATES, 'c')))
        cr.execute("CREATE TEMP TABLE kpi_own_score AS " + self._score_sql('kpi_own', 'unit_id'),
                   params)
        sums = ', '.join('SUM(c.%s) AS %s' % (name, name) for name in UNIT_COUNTS)
        cr.execute("""
            INSERT INTO hotline_kpi_result ({cols}, unit_id, from_children, volume,
                   card_count, {rate_cols}, score)
            SELECT {vals}, t.unit_id, t.from_children, t.volume, t.n_cards, {rates}, t.score
              FROM (
                SELECT p.id AS unit_id, bool_or(c.unit_id != p.id) AS from_children,
                       SUM(o.volume) AS volume, {sums},
                       ROUND(SUM(GREATEST(o.volume, 1) * s.score)
                             / NULLIF(SUM(GREATEST(o.volume, 1)) FILTER (
                                      WHERE s.score IS NOT NULL), 0), 2) AS score
                  FROM ({closure}) tc
                  JOIN hotline_unit p ON p.id = tc.ancestor_id
                  JOIN hotline_unit u ON u.id = tc.id
                  JOIN kpi_counts c ON c.unit_id = u.id
                  JOIN kpi_own o ON o.unit_id = u.id
                  LEFT JOIN kpi_own_score s ON s.key = u.id
                 GROUP BY p.id) t""".format(
            cols=self._insert_columns(), vals=self._insert_values(),
            rate_cols=', '.join(sorted(UNIT_RATES)), rates=', '.join(
                'ROUND(100.0 * t.{n} / NULLIF(t.{d}, 0), 2)'.format(n=n, d=d)
                for _f, (n, d) in sorted(UNIT_RATES.items())), sums=sums,
            closure=tree_closure_sql('hotline_unit')), params)
        # rank among units of the same type (districts with districts, streets with streets)
        cr.execute("""
            UPDATE hotline_kpi_result r SET rank = x.rank, unit_type = x.unit_type
              FROM (SELECT r2.id, u.unit_type, RANK() OVER (
                           PARTITION BY u.unit_type ORDER BY r2.score DESC NULLS LAST) AS rank
                      FROM hotline_kpi_result r2 JOIN hotline_unit u ON u.id = r2.unit_id
                     WHERE r2.scheme_id = %(scheme)s AND r2.period = %(period)s) x
             WHERE r.id = x.id""", params)
        cr.execute("DROP TABLE kpi_counts, kpi_own, kpi_own_score")

    def _compute_agent_groups(self, params):
        """KP-1: per agent group (its agents' requests and calls) the timely answer rate,
        volume, dispatch accuracy, online resolution and satisfaction; the whole centre is
        the volume-weighted average of its groups' scores."""
        cr = self.env.cr
        cr.execute("DROP TABLE IF EXISTS kpi_group, kpi_group_score")
        cr.execute("""
            CREATE TEMP TABLE kpi_group AS
            WITH members AS (
                SELECT r.group_id, r.user_id FROM hotline_agent_group_user_rel r
                  JOIN hotline_agent_group g ON g.id = r.group_id AND g.active
            ), tickets AS (
                SELECT m.group_id, COUNT(*) AS n_tickets,
                       COUNT(*) FILTER (WHERE t.dispatch_count > 0) AS n_dispatched,
                       COUNT(*) FILTER (WHERE t.dispatch_count > 0 AND t.dispatch_accurate)
                           AS n_accurate,
                       COUNT(*) FILTER (WHERE t.state IN %(ticket_done)s AND t.dispatch_count = 0)
                           AS n_online
                  FROM hotline_ticket t JOIN members m ON m.user_id = t.user_id
                 WHERE t.register_date >= %(start)s AND t.register_date < %(end)s
                   AND t.state NOT IN %(ticket_draft)s
                 GROUP BY m.group_id
            ), callbacks AS (
                SELECT m.group_id,
                       COUNT(*) FILTER (WHERE s.action = 'callback_satisfied') AS n_sat,
                       COUNT(*) AS n_cb
                  FROM hotline_ticket_step s
                  JOIN hotline_ticket t ON t.id = s.ticket_id
                  JOIN members m ON m.user_id = t.user_id
                 WHERE s.action IN ('callback_satisfied', 'callback_unsatisfied')
                   AND s.date >= %(start)s AND s.date < %(end)s
                 GROUP BY m.group_id
            ), calls AS (
                -- one pass over the month's calls, grouped by agent and queue first; the
                -- few (agent, queue) pairs are then matched to the groups
                SELECT g.id AS group_id, SUM(c.n) AS n_offered, SUM(c.n_timely) AS n_timely
                  FROM (SELECT agent_user_id, queue_id, COUNT(*) AS n,
                               COUNT(*) FILTER (WHERE disposition = 'answered'
                                                AND wait_time <= %(timely_seconds)s)
                                   AS n_timely
                          FROM hotline_cti_call
                         WHERE direction = 'inbound'
                           AND disposition IN ('answered', 'abandoned')
                           AND enter_date >= %(start)s AND enter_date < %(end)s
                         GROUP BY agent_user_id, queue_id) c
                  JOIN hotline_agent_group g ON g.active AND (
                       EXISTS (SELECT 1 FROM members m
                                WHERE m.group_id = g.id AND m.user_id = c.agent_user_id)
                       OR (c.agent_user_id IS NULL AND EXISTS (
                           SELECT 1 FROM hotline_agent_group_queue_rel q
                            WHERE q.group_id = g.id AND q.queue_id = c.queue_id)))
                 GROUP BY g.id
            )
            SELECT g.id AS group_id, COALESCE(t.n_tickets, 0) AS n_tickets,
                   COALESCE(t.n_dispatched, 0) AS n_dispatched,
                   COALESCE(t.n_accurate, 0) AS n_accurate, COALESCE(t.n_online, 0) AS n_online,
                   COALESCE(b.n_sat, 0) AS n_sat, COALESCE(b.n_cb, 0) AS n_cb,
                   COALESCE(c.n_offered, 0) AS n_offered, COALESCE(c.n_timely, 0) AS n_timely
              FROM hotline_agent_group g
              LEFT JOIN tickets t ON t.group_id = g.id
              LEFT JOIN callbacks b ON b.group_id = g.id
              LEFT JOIN calls c ON c.group_id = g.id
             WHERE g.active""", params)
        cr.execute(view_sql(cr, """
            CREATE TEMP TABLE kpi_group_rates AS
            SELECT g.group_id, g.n_tickets AS volume, NULL::float AS sign_rate,
                   NULL::float AS redispatch_rate, NULL::float AS ontime_rate,
                   NULL::float AS sentback_rate, NULL::integer AS card_count,
                   NULL::float AS response_rate, NULL::float AS resolution_rate,
                   NULL::float AS direct_rate, {rates}
              FROM kpi_group g""", rates=_rate_sql(GROUP_RATES, 'g')))
        cr.execute("CREATE TEMP TABLE kpi_group_score AS "
                   + self._score_sql('kpi_group_rates', 'group_id'), params)
        cr.execute("""
            INSERT INTO hotline_kpi_result ({cols}, agent_group_id, volume, {rate_cols}, score,
                                            rank)
            SELECT {vals}, r.group_id, r.volume, {rates}, s.score,
                   RANK() OVER (ORDER BY s.score DESC NULLS LAST)
              FROM kpi_group_rates r LEFT JOIN kpi_group_score s ON s.key = r.group_id
            """.format(cols=self._insert_columns(), vals=self._insert_values(),
                       rate_cols=', '.join(sorted(GROUP_RATES)),
                       rates=', '.join('r.%s' % f for f in sorted(GROUP_RATES))), params)
        cr.execute("""
            INSERT INTO hotline_kpi_result ({cols}, is_total, volume, {rate_cols}, score)
            SELECT {vals}, TRUE, SUM(g.n_tickets), {rates},
                   ROUND(SUM(GREATEST(g.n_tickets, 1) * s.score)
                         / NULLIF(SUM(GREATEST(g.n_tickets, 1)) FILTER (
                                  WHERE s.score IS NOT NULL), 0), 2)
              FROM kpi_group g LEFT JOIN kpi_group_score s ON s.key = g.group_id
            """.format(cols=self._insert_columns(), vals=self._insert_values(),
                       rate_cols=', '.join(sorted(GROUP_RATES)),
                       rates=', '.join('ROUND(100.0 * SUM(g.{n}) / NULLIF(SUM(g.{d}), 0), 2)'
                                       .format(n=n, d=d)
                                       for _f, (n, d) in sorted(GROUP_RATES.items()))),
                   params)
        cr.execute("DROP TABLE kpi_group, kpi_group_rates, kpi_group_score")

    @api.model
    def _cron_assess_last_month(self):
        """KP-3: the monthly job: score the previous month with every scheme marked
        'assess every month' (published periods are left alone)."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        month = today.replace(day=1) - relativedelta(months=1)
        for scheme in self.env['hotline.kpi.scheme'].search([('auto_monthly', '=', True)]):
            if not self.search_count([('scheme_id', '=', scheme.id),
                                      ('period', '=', month.strftime('%Y-%m')),
                                      ('state', '=', 'published')]):
                self._compute_period(scheme, month)
        return True

    @api.multi
    def _raw_values(self, names):
        """KP-4, ST-5: the stored indicator values with None where an indicator had
        nothing to rate (the ORM reads those as 0.0), for the workbook and the print."""
        names = [name for name in names if name in self._fields and self._fields[name].store]
        if not self:
            return {}
        self.env.cr.execute('SELECT id, %s FROM hotline_kpi_result WHERE id IN %%s' % ', '.join(
            names), [tuple(self.ids)])
        return {row[0]: dict(zip(names, row[1:])) for row in self.env.cr.fetchall()}

    # ------------------------------------------------------------------ actions
    @api.multi
    def action_publish(self):
        """KP-4: publish the ranking of these results (units then see them)."""
        self.write({'state': 'published'})
        return True

    @api.multi
    def action_unpublish(self):
        self.write({'state': 'draft'})
        return True

    @api.multi
    def action_send_note(self):
        """KP-3: open the wizard that sends improvement notes to the assessed unit."""
        return {
            'type': 'ir.actions.act_window',
            'res_model': 'hotline.kpi.note',
            'view_mode': 'form',
            'target': 'new',
            'context': {'default_result_ids': [(6, 0, self.ids)]},
        }
