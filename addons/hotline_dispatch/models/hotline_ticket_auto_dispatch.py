# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""DS-4, FL-1: automatic and timed dispatch by the switched-on dispatch rules."""
import datetime

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.hotline_core.models.hotline_ticket import HOTLINE_TZ

from .hotline_ticket import SUBMITTED_STATES


class HotlineTicketAutoDispatch(models.Model):
    """DS-4: dispatch without a person, at once or at the dispatch step's time of day."""
    _inherit = 'hotline.ticket'

    auto_dispatch_rule_id = fields.Many2one(
        'hotline.dispatch.rule', 'Auto-dispatch Rule', readonly=True, copy=False)
    auto_dispatch_note = fields.Text(
        'Auto-dispatch Explanation', readonly=True, copy=False,
        help='Why the request was dispatched without a person (DS-4).')
    dispatch_scheduled = fields.Datetime(
        'Automatic Dispatch At', readonly=True, copy=False, index=True,
        help='Timed dispatch: when the rules will dispatch the request unless the office '
             'does it first.')

    # ------------------------------------------------------------------ DS-4 auto-dispatch
    @api.multi
    def action_submit(self):
        res = super().action_submit()
        for ticket in self:
            mode, step = ticket._dispatch_mode()
            if mode == 'automatic':
                ticket._auto_dispatch()
            elif mode == 'timed':
                ticket._schedule_dispatch(step)
        return res

    def _dispatch_mode(self):
        """FL-1, DS-4: how the request is dispatched, per the dispatch step (the step of
        state "dispatched") of its process: ``(mode, step)``. Without a process, switched-on
        rules act at once, as configured."""
        self.ensure_one()
        template = self.process_template_id
        step = template._step_of('dispatched') if template else False
        return (step.dispatch_mode if step else 'automatic'), step

    def _schedule_dispatch(self, step):
        """FL-1: timed dispatch — the request waits for the next time of day of its dispatch
        step; then the rules dispatch it (``_cron_timed_dispatch``) unless the office has
        dispatched it by hand."""
        self.ensure_one()
        tz = pytz.timezone(self.env.user.tz or HOTLINE_TZ)
        now = datetime.datetime.now(pytz.utc).astimezone(tz)
        hours = step._dispatch_hours()
        when = None
        for day in (0, 1):
            for hour, minute in hours:
                candidate = (now + datetime.timedelta(days=day)).replace(
                    hour=hour, minute=minute, second=0, microsecond=0)
                if candidate > now:
                    when = candidate
                    break
            if when:
                break
        utc = fields.Datetime.to_string(when.astimezone(pytz.utc).replace(tzinfo=None))
        self.with_context(hotline_workflow=True).write({'dispatch_scheduled': utc})
        self._dispatch_log('dispatch_scheduled', _('Automatic dispatch scheduled for %s') %
                           when.strftime('%Y-%m-%d %H:%M'))

    @api.model
    def _cron_timed_dispatch(self, limit=500):
        """FL-1, DS-4: dispatch the requests whose timed dispatch is due. One query picks
        them and locks their rows (SKIP LOCKED): two runs at once, or one run twice, never
        dispatch a request twice; a request the office dispatched meanwhile is no longer
        "submitted" and is left alone."""
        self._cr.execute("""
            SELECT id FROM hotline_ticket
             WHERE state IN %s AND dispatch_scheduled IS NOT NULL
               AND dispatch_scheduled <= (now() AT TIME ZONE 'UTC')
             ORDER BY dispatch_scheduled, id
             LIMIT %s
               FOR UPDATE SKIP LOCKED""", [SUBMITTED_STATES, limit])
        tickets = self.browse([row[0] for row in self._cr.fetchall()])
        if not tickets:
            return 0
        tickets.with_context(hotline_workflow=True).write({'dispatch_scheduled': False})
        tickets._auto_dispatch(explain_miss=True)
        return len(tickets)

    def _auto_dispatch(self, explain_miss=False):
        """DS-4: the best-matching switched-on rule dispatches the request without a
        person, and the request says why. A request no rule matches stays with the office
        (with ``explain_miss``, its trail says so)."""
        Rule = self.env['hotline.dispatch.rule'].sudo()
        if not explain_miss and not Rule.search_count([('enabled', '=', True)]):
            return
        for ticket in self:
            # one request at a time: the dispatch empties the cache, which must not make
            # every other request of a cron batch be read again
            ticket = ticket.with_prefetch()
            rule, reasons = Rule._best_rule(ticket)
            if not rule:
                if explain_miss:
                    ticket._dispatch_log('auto_dispatch_none', _(
                        'No dispatch rule matches: the office dispatches it by hand.'))
                continue
            note = _('Dispatched automatically by rule "%(rule)s": %(reasons)s.') % {
                'rule': rule.name, 'reasons': '; '.join(reasons)}
            opinion = '%s\n%s' % (note, rule.opinion) if rule.opinion else note
            # Rules are configuration kept by the administrators; the submitting agent may
            # not dispatch, the rule does it on the office's behalf and says so on the trail.
            try:
                with self.env.cr.savepoint():
                    ticket.sudo().with_context(
                        hotline_auto_rule_id=rule.id, hotline_auto_note=note).action_dispatch(
                            rule.main_unit_id.id, co_unit_ids=rule.co_unit_ids.ids,
                            cc_unit_ids=rule.cc_unit_ids.ids, opinion=opinion)
            except (UserError, ValidationError) as error:
                # e.g. the rule's unit was archived: the request stays with the office,
                # which reads why on the trail
                ticket.invalidate_cache()
                ticket._dispatch_log('auto_dispatch_failed', _(
                    'Rule "%(rule)s" could not dispatch: %(error)s') % {
                        'rule': rule.name, 'error': error.name})
