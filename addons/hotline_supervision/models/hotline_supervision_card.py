# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime
import logging

import psycopg2

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.hotline_dispatch.models.hotline_ticket import ANSWERING_STATES
from odoo.addons.hotline_dispatch.models.hotline_ticket_assignment import DONE_STATES, OPEN_STATES

_logger = logging.getLogger(__name__)

LEVELS = [
    ('prewarning', 'Pre-warning'),
    ('share_warning', 'Time-share warning'),
    ('delay', 'Delay warning'),
    ('yellow', 'Yellow card'),
    ('red', 'Red card'),
]
# Severity order: the highest level of a request shows on it and colours the lists.
LEVEL_ORDER = ['prewarning', 'share_warning', 'delay', 'yellow', 'red']
REASONS = [
    ('deadline', 'Deadline near'),
    ('elapsed', 'Time elapsed since dispatch'),
    ('overdue', 'Overdue'),
    ('not_answered', 'Handled, citizen not answered in time'),
]
# Who is texted for each level (SV-3, SV-4, SV-7).
SMS_ROLES = {
    'prewarning': ('handler',),
    'share_warning': ('handler',),
    'delay': ('handler',),
    'yellow': ('handler', 'chief'),
    'red': ('handler', 'director'),
}

# SV-3, SV-4, SV-7, SV-6: every card due now, for one range of assignment ids, inserted in one
# statement. Only assignments are read (the policy is copied onto them at dispatch), plus the
# few requests waiting for audit or callback. The anti-join skips the cards already issued
# (cheaper than letting the unique index refuse them one by one); the unique constraint
# (ticket, assignment, level) still makes a concurrent run (its INSERT waits for the first
# transaction, then is refused) or a run after an interrupted one issue nothing twice;
# RETURNING gives only the cards issued now.
SCAN_SQL = """
WITH clock AS (
    SELECT %(now)s::timestamp AS now,
           (SELECT idx FROM hotline_workday_index WHERE day = %(today)s) AS tidx
), open_a AS MATERIALIZED (
    SELECT a.id, a.ticket_id, a.unit_id, a.date_deadline, w.idx AS didx,
           COALESCE(p.prewarning_days, 1) AS prewarning_days,
           CASE WHEN p.share_warning_percent > 0
                THEN a.create_date + (a.date_deadline - a.create_date)
                                     * (p.share_warning_percent / 100.0) END AS share_at,
           CASE WHEN COALESCE(p.delay_warning_days, %(delay_days)s) > 0
                THEN a.create_date + COALESCE(p.delay_warning_days, %(delay_days)s)
                                     * interval '1 day' END AS delay_at,
           COALESCE(p.red_overdue_days, 3) AS red_days,
           COALESCE(p.red_after_yellow_days, 2) AS red_after
      FROM hotline_ticket_assignment a
      LEFT JOIN hotline_time_policy p ON p.id = a.time_policy_id
      JOIN hotline_workday_index w
        ON w.day = (a.date_deadline AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
     WHERE a.state IN %(open_states)s AND a.role IN ('main', 'co')
       AND a.date_deadline IS NOT NULL AND a.id BETWEEN %(lo)s AND %(hi)s
), due AS (
    SELECT o.ticket_id, o.id AS assignment_id, o.unit_id, 'prewarning' AS level,
           'deadline' AS reason, o.date_deadline, 0 AS overdue_days
      FROM open_a o, clock c
     WHERE o.prewarning_days > 0 AND c.now < o.date_deadline
       AND c.tidx > o.didx - o.prewarning_days
    UNION ALL
    SELECT o.ticket_id, o.id, o.unit_id, 'share_warning', 'elapsed', o.date_deadline, 0
      FROM open_a o, clock c
     WHERE c.now >= o.share_at AND c.now < o.date_deadline
    UNION ALL
    SELECT o.ticket_id, o.id, o.unit_id, 'delay', 'elapsed', o.date_deadline,
           GREATEST(c.tidx - o.didx, 0)
      FROM open_a o, clock c
     WHERE c.now >= o.delay_at
    UNION ALL
    SELECT o.ticket_id, o.id, o.unit_id, 'yellow', 'overdue', o.date_deadline,
           GREATEST(c.tidx - o.didx, 0)
      FROM open_a o, clock c
     WHERE c.now > o.date_deadline
    UNION ALL
    -- SV-3: red at N working days overdue, once the yellow card is M working days old
    SELECT o.ticket_id, o.id, o.unit_id, 'red', 'overdue', o.date_deadline, c.tidx - o.didx
      FROM open_a o
      CROSS JOIN clock c
      JOIN hotline_supervision_card y
        ON y.assignment_id = o.id AND y.level = 'yellow' AND y.ticket_id = o.ticket_id
      JOIN hotline_workday_index yw
        ON yw.day = (y.date_issued AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
     WHERE c.now > o.date_deadline AND c.tidx - o.didx >= o.red_days
       AND c.tidx - yw.idx >= o.red_after
    UNION ALL
    -- SV-3: the unit finished, but the citizen was not answered by the request's deadline.
    SELECT t.id, a.id, a.unit_id, 'yellow', 'not_answered', t.date_deadline,
           GREATEST(c.tidx - w.idx, 0)
      FROM hotline_ticket t
      JOIN hotline_ticket_assignment a
        ON a.ticket_id = t.id AND a.role = 'main' AND a.parent_id IS NULL
       AND a.state IN %(done_states)s
      JOIN hotline_workday_index w
        ON w.day = (t.date_deadline AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
      CROSS JOIN clock c
     WHERE t.state IN %(answering_states)s AND t.date_deadline < c.now
       AND a.id BETWEEN %(lo)s AND %(hi)s
)
INSERT INTO hotline_supervision_card
       (create_uid, create_date, write_uid, write_date, ticket_id, assignment_id, unit_id,
        level, reason, date_issued, date_deadline, overdue_days)
SELECT %(uid)s, %(now)s, %(uid)s, %(now)s, d.ticket_id, d.assignment_id, d.unit_id,
       d.level, d.reason, %(now)s, d.date_deadline, d.overdue_days
  FROM due d
 WHERE NOT EXISTS (SELECT 1 FROM hotline_supervision_card x
                    WHERE x.assignment_id = d.assignment_id AND x.level = d.level)
ON CONFLICT (ticket_id, assignment_id, level) DO NOTHING
RETURNING id
"""

# A yellow or red card makes a normal request "overdue" (TK-8's supervision dimension).
MARK_SQL = """
UPDATE hotline_ticket t
   SET supervision_state = 'overdue'
  FROM hotline_supervision_card c
 WHERE c.id = ANY(%(ids)s) AND c.level IN ('yellow', 'red') AND t.id = c.ticket_id
   AND t.supervision_state = 'normal'
"""

RECIPIENTS_SQL = """
SELECT c.id, c.level, c.reason, c.ticket_id, c.unit_id, t.name, t.title, u.complete_name,
       c.date_deadline, c.overdue_days,
       COALESCE(NULLIF(hp.mobile, ''), u.contact_phone), hp.id,
       cp.mobile, cp.id, dp.mobile, dp.id
  FROM hotline_supervision_card c
  JOIN hotline_ticket t ON t.id = c.ticket_id
  JOIN hotline_unit u ON u.id = c.unit_id
  JOIN hotline_ticket_assignment a ON a.id = c.assignment_id
  LEFT JOIN res_users hu ON hu.id = a.signed_by
  LEFT JOIN res_partner hp ON hp.id = hu.partner_id
  LEFT JOIN res_users cu ON cu.id = COALESCE(u.section_chief_id, u.manager_id)
  LEFT JOIN res_partner cp ON cp.id = cu.partner_id
  LEFT JOIN res_users du ON du.id = COALESCE(u.director_id, u.manager_id)
  LEFT JOIN res_partner dp ON dp.id = du.partner_id
 WHERE c.id = ANY(%s)
 ORDER BY c.id
"""


class HotlineSupervisionCard(models.Model):
    """SV-3, SV-4, SV-7: a warning or a card (预警, 延时提示, 黄牌, 红牌) issued to a unit on one
    request, once per request, assignment and level (SV-6)."""
    _name = 'hotline.supervision.card'
    _description = 'Supervision Card'
    _order = 'date_issued desc, id desc'
    _rec_name = 'level'

    ticket_id = fields.Many2one(
        'hotline.ticket', 'Request', required=True, index=True, ondelete='cascade',
        readonly=True)
    assignment_id = fields.Many2one(
        'hotline.ticket.assignment', 'Assignment', required=True, index=True,
        ondelete='cascade', readonly=True)
    unit_id = fields.Many2one('hotline.unit', 'Unit', required=True, index=True, readonly=True)
    level = fields.Selection(LEVELS, required=True, index=True, readonly=True)
    reason = fields.Selection(REASONS, required=True, readonly=True)
    date_issued = fields.Datetime('Issued On', required=True, index=True, readonly=True)
    date_deadline = fields.Datetime('Deadline', readonly=True)
    overdue_days = fields.Integer('Working Days Overdue', readonly=True)
    ticket_title = fields.Char(related='ticket_id.title', readonly=True)
    ticket_state = fields.Selection(related='ticket_id.state', readonly=True)
    assignment_state = fields.Selection(related='assignment_id.state', readonly=True)

    @api.model_cr
    def init(self):
        # the scan's anti-join and red-card join look cards up by assignment and level
        self._cr.execute('CREATE INDEX IF NOT EXISTS hotline_supervision_card_a_level_idx '
                         'ON hotline_supervision_card (assignment_id, level)')

    _sql_constraints = [
        ('once_uniq', 'unique(ticket_id, assignment_id, level)',
         'A card of each level is issued once per request and unit.'),
    ]

    @api.multi
    def name_get(self):
        """SV-3: a card is named by its level as the user reads it and its request
        (红牌 · 12345-…), not by the level's code ("red") — the name heads its form and
        every link to it."""
        labels = dict(self._fields['level']._description_selection(self.env))
        return [(card.id, '%s · %s' % (labels.get(card.level, card.level),
                                       card.ticket_id.name or ''))
                for card in self]

    # ------------------------------------------------------------------ scan
    @api.model
    def _cron_scan(self):
        """SV-3, SV-6: the scheduled scan; each batch is committed with its text messages,
        so a job killed halfway keeps what it finished and the next run completes the rest
        without issuing anything twice."""
        return self._scan(commit=True)

    @api.model
    def _scan(self, now=None, batch_size=500000, commit=False):
        """SV-3, SV-4, SV-7, SV-6: issue every warning and card due at ``now`` (default: now)
        over all open assignments, in batches of ``batch_size`` assignment ids; each batch is
        one INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING, followed by the text messages
        of the cards it issued (set-based, deduplicated). Returns the cards issued."""
        cr = self.env.cr
        now = now or fields.Datetime.now()
        Calendar = self.env['hotline.calendar.day']
        tz = Calendar._tz().zone
        today = Calendar._local(now).date()
        Calendar._check_in_index(today)
        delay_days = self._default_delay_days()
        cr.execute('SELECT min(id), max(id) FROM hotline_ticket_assignment')
        lo, top = cr.fetchone()
        issued = []
        if lo is None:
            return self.browse()
        while lo <= top:
            hi = lo + batch_size - 1
            params = {'now': now, 'today': today, 'tz': tz, 'lo': lo, 'hi': hi,
                      'uid': self.env.uid, 'delay_days': delay_days,
                      'open_states': OPEN_STATES, 'done_states': DONE_STATES,
                      'answering_states': ANSWERING_STATES}
            for attempt in range(1, 6):
                try:
                    ids = self._scan_batch(params)
                    break
                except psycopg2.extensions.TransactionRollbackError:
                    # A concurrent scan committed cards this transaction's snapshot cannot
                    # see (Odoo runs REPEATABLE READ): the unique index refused them. In
                    # the cron, retry the batch in a new transaction, which sees them and
                    # issues nothing twice; otherwise the caller's transaction fails whole.
                    if not commit or attempt == 5:
                        raise
                    cr.rollback()
            if commit:
                # Infrastructure, not business code: the cron keeps each finished batch.
                cr.commit()  # pylint: disable=invalid-commit
            self._after_batch(ids)
            issued += ids
            lo = hi + 1
        self.invalidate_cache()
        self.env['hotline.ticket'].invalidate_cache()
        self.env['hotline.ticket.assignment'].invalidate_cache()
        if issued:
            _logger.info('Supervision scan: %d warnings and cards issued', len(issued))
        return self.browse(issued)

    @api.model
    def _scan_batch(self, params):
        """One batch: the cards (one statement), the marks on requests and assignments,
        their text messages and pop-ups, all in the caller's transaction."""
        cr = self.env.cr
        cr.execute(SCAN_SQL, params)
        ids = [row[0] for row in cr.fetchall()]
        if ids:
            cr.execute(MARK_SQL, {'ids': ids})
            self._send_sms(ids)
            self._notify_units(ids)
        return ids

    @api.model
    def _highest(self, levels):
        """The most serious of ``levels`` (False when empty)."""
        ranked = [level for level in LEVEL_ORDER if level in set(levels)]
        return ranked[-1] if ranked else False

    def _after_batch(self, ids):
        """Hook called after each (committed) batch; tests interrupt the scan here."""

    @api.model
    def _default_delay_days(self):
        """SV-4: days after dispatch of the first delay warning for requests without a
        policy (system parameter ``hotline.delay_warning_days``, default 7)."""
        value = self.env['ir.config_parameter'].sudo().get_param(
            'hotline.delay_warning_days', '7')
        try:
            return max(int(value), 0)
        except ValueError:
            return 7

    # ------------------------------------------------------------------ messages
    @api.model
    def _sms_texts(self):
        return {
            ('prewarning', 'deadline'): _(
                '12345 Hotline pre-warning: request %(number)s "%(title)s" is due on '
                '%(deadline)s. Please finish it in time.'),
            ('share_warning', 'elapsed'): _(
                '12345 Hotline warning: most of the time limit of request %(number)s '
                '"%(title)s" has passed (due on %(deadline)s).'),
            ('delay', 'elapsed'): _(
                '12345 Hotline delay warning: request %(number)s "%(title)s" was dispatched '
                'to %(unit)s a week ago and is not finished (due on %(deadline)s).'),
            ('yellow', 'overdue'): _(
                '12345 Hotline YELLOW CARD: request %(number)s "%(title)s" of %(unit)s was '
                'due on %(deadline)s and is overdue. Handle it at once.'),
            ('yellow', 'not_answered'): _(
                '12345 Hotline YELLOW CARD: request %(number)s "%(title)s" was handled by '
                '%(unit)s, but the citizen was not answered by %(deadline)s.'),
            ('red', 'overdue'): _(
                '12345 Hotline RED CARD: request %(number)s "%(title)s" of %(unit)s is '
                '%(days)s working days overdue (due on %(deadline)s).'),
        }

    def _sms_rows(self, ids):
        """The text messages of the cards ``ids``: one row per card and recipient (handler;
        section chief for yellow, director for red), with a dedupe key per card and role."""
        lang = self.env.user.lang or 'zh_CN'
        texts = self.with_context(lang=lang)._sms_texts()
        Calendar = self.env['hotline.calendar.day']
        self.env.cr.execute(RECIPIENTS_SQL, [list(ids)])
        rows, seen = [], set()
        for (card_id, level, reason, ticket_id, unit_id, number, title, unit_name, deadline,
             days, handler_no, handler_partner, chief_no, chief_partner, director_no,
             director_partner) in self.env.cr.fetchall():
            title = title or ''
            body = texts[(level, reason)] % {
                'number': number,
                'title': title if len(title) <= 20 else title[:19] + '…',
                'unit': unit_name,
                'deadline': Calendar._local(deadline).strftime('%Y-%m-%d %H:%M')
                if deadline else '',
                'days': days,
            }
            recipients = {
                'handler': (handler_no, handler_partner),
                'chief': (chief_no, chief_partner),
                'director': (director_no, director_partner),
            }
            for role in SMS_ROLES[level]:
                phone, partner = recipients[role]
                # one message per person even when the handler is also the chief
                if not phone or (card_id, phone) in seen:
                    continue
                seen.add((card_id, phone))
                rows.append({
                    'number': phone, 'body': body, 'ticket_id': ticket_id,
                    'unit_id': unit_id, 'partner_id': partner, 'kind': level,
                    'dedupe_key': 'supervision:%d:%s' % (card_id, role),
                })
        return rows

    @api.model
    def _send_sms(self, ids):
        """SV-3, SV-6: queue the text messages of the cards just issued, in the same
        transaction as the cards (the platform sends them later, outside it)."""
        rows = self._sms_rows(ids)
        if not rows:
            return rows
        # The scan runs as the scheduler; queueing is the SMS platform's public API.
        Sms = self.env['hotline.sms.message'].sudo()
        for start in range(0, len(rows), 5000):
            Sms.queue_messages(rows[start:start + 5000])
        return rows

    @api.model
    def _notify_units(self, ids):
        """UN-5: one pop-up per unit with the number of warnings and cards it just got."""
        self.env.cr.execute("""
            SELECT unit_id, count(*) FILTER (WHERE level IN ('yellow', 'red')), count(*)
              FROM hotline_supervision_card WHERE id = ANY(%s) GROUP BY unit_id""",
                            [list(ids)])
        counts = self.env.cr.fetchall()
        if len(counts) > 500:  # a first scan over a whole backlog: the lists say it better
            return
        units = self.env['hotline.unit'].sudo().browse([row[0] for row in counts])
        for unit, (__, cards, total) in zip(units, counts):
            users = (unit.user_ids | unit.manager_id).filtered('active')
            if not users:
                continue
            card = self.with_context(lang=users[0].lang or 'zh_CN')
            # Notifying other users is the point; web_notify refuses it to non-superusers.
            users.sudo().notify_warning(
                card._notify_text() % {
                    'unit': unit.complete_name, 'total': total, 'cards': cards},
                title=card._notify_title())

    def _notify_text(self):
        return _('%(unit)s: %(total)d new warnings, of which %(cards)d yellow or red cards.')

    def _notify_title(self):
        return _('12345 Hotline')

    # ------------------------------------------------------------------ demo
    @api.model
    def _demo_overdue(self, water, elevator, price):
        """Demo: move three dispatched demo requests back in time and scan, so that the
        demo shows a red card (water), a yellow card (elevator, street level) and a
        pre-warning plus a delay warning (price)."""
        Calendar = self.env['hotline.calendar.day']
        cr = self.env.cr
        now = fields.Datetime.now()
        today = Calendar._local(now).date()
        if not Calendar.is_workday(today):
            return False  # the demo story needs a working day; cards come with the cron
        week_ago = fields.Datetime.to_string(
            fields.Datetime.from_string(now) - datetime.timedelta(days=8))
        past = {}
        for ticket_id, days in ((water, 5), (elevator, 1)):
            cr.execute('SELECT max(day) FROM hotline_workday_index WHERE workday AND idx = '
                       '(SELECT idx FROM hotline_workday_index WHERE day = %s) - %s',
                       [today, days])
            day = fields.Date.from_string(cr.fetchone()[0])
            past[ticket_id] = Calendar._utc(datetime.datetime.combine(
                day, datetime.time(23, 59, 59)))
        for ticket_id, deadline in past.items():
            cr.execute("""UPDATE hotline_ticket_assignment SET date_deadline = %s,
                                 create_date = %s
                           WHERE ticket_id = %s AND state IN %s""",
                       [deadline, week_ago, ticket_id, OPEN_STATES])
            cr.execute('UPDATE hotline_ticket SET date_deadline = %s WHERE id = %s',
                       [deadline, ticket_id])
        end_today = Calendar._utc(datetime.datetime.combine(today, datetime.time(23, 59, 59)))
        cr.execute("""UPDATE hotline_ticket_assignment SET date_deadline = %s, create_date = %s
                       WHERE ticket_id = %s AND state IN %s""",
                   [end_today, week_ago, price, OPEN_STATES])
        cr.execute('UPDATE hotline_ticket SET date_deadline = %s WHERE id = %s',
                   [end_today, price])
        # The yellow card of the water request was issued the day after its deadline.
        first_overdue = fields.Datetime.to_string(
            fields.Datetime.from_string(past[water]) + datetime.timedelta(hours=10))
        self._scan(now=first_overdue)
        self._scan()
        return True

    # ------------------------------------------------------------------ UI
    @api.multi
    def action_open_ticket(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'res_model': 'hotline.ticket',
            'res_id': self.ticket_id.id,
            'view_mode': 'form',
        }

    @api.model
    def _scan_now_allowed(self):
        return self.env.uid == SUPERUSER_ID or self.env.user.has_group(
            'hotline_core.group_hotline_dispatcher')

    @api.model
    def action_scan_now(self):
        """SV-3: the office runs the scan at once (same code as the scheduler)."""
        if not self._scan_now_allowed():
            raise AccessError(_('Only the hotline office can run the supervision scan.'))
        # The office may run it; the scan itself writes as the scheduler does.
        self.sudo()._scan()
        return self.env.ref('hotline_supervision.hotline_supervision_card_action').read()[0]
