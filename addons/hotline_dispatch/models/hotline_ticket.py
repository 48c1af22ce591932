# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime

import psycopg2
import pytz

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html_escape

from odoo.addons.hotline_core.models.hotline_ticket import HOTLINE_TZ, STATES as CORE_STATES
from odoo.addons.hotline_core.tools.text import title_keywords

# PostgreSQL's "lock_not_available", raised by FOR UPDATE NOWAIT.
LOCK_NOT_AVAILABLE = '55P03'
ACTIVE_ASSIGNMENT_STATES = ('to_sign', 'in_progress', 'forwarded')
DISPATCH_STATES = [
    ('leader_pending', 'Awaiting leader instructions'),
    ('dispatched', 'Dispatched, to sign for'),
    ('in_progress', 'Being handled'),
    ('returned', 'Returned by the unit'),
    ('to_audit', 'Result reported, to audit'),
    ('to_callback', 'To call back'),
    ('callback_failed', 'Citizen unsatisfied'),
]
# FL-1: the states a process template's steps follow, in the order of the loop; the office's
# audit and callback steps are skipped when a template leaves them out.
MAIN_PATH = ('draft', 'submitted', 'dispatched', 'in_progress', 'to_audit', 'to_callback',
             'done')
SKIPPABLE_STATES = ('to_audit', 'to_callback')
UNIT_STATES = ('dispatched', 'in_progress')


def _with_dispatch_states(states):
    """hotline_core's states with the dispatch loop's inserted after "submitted"."""
    keys = [key for key, __ in states]
    at = keys.index('submitted') + 1 if 'submitted' in keys else len(states)
    return list(states[:at]) + DISPATCH_STATES + list(states[at:])


class HotlineTicket(models.Model):
    """DS-1…DS-3, UN-2…UN-5, CB-1…CB-4: the dispatch loop of a request."""
    _inherit = 'hotline.ticket'

    # The loop's states go between "submitted" and the closing states, so that the status
    # bar reads in the order a request travels (selection_add would append them after
    # "closed").
    state = fields.Selection(selection=_with_dispatch_states(CORE_STATES))
    assignment_ids = fields.One2many(
        'hotline.ticket.assignment', 'ticket_id', 'Assignments', readonly=True)
    handling_ids = fields.One2many(
        'hotline.ticket.handling', 'ticket_id', 'Handling Entries', readonly=True)
    extension_ids = fields.One2many(
        'hotline.ticket.extension', 'ticket_id', 'Extension Requests', readonly=True)
    main_unit_id = fields.Many2one(
        'hotline.unit', 'Main Unit', readonly=True, index=True, copy=False,
        track_visibility='onchange', help='The unit the office dispatched the request to.')
    default_main_unit_id = fields.Many2one(
        'hotline.unit', 'Suggested Main Unit', compute='_compute_default_main_unit_id',
        help='Vertically managed bureau: the bureau itself; otherwise the district of the '
             'location.')
    leader_instruction = fields.Text('Leader Instructions', readonly=True, copy=False)
    unit_result = fields.Text('Unit Result', readonly=True, copy=False,
                              help='The result the main unit reported to the office.')
    dispatch_count = fields.Integer('Dispatches', default=0, readonly=True, copy=False)
    return_count = fields.Integer('Returns by Units', default=0, readonly=True, copy=False)
    dissatisfied_count = fields.Integer(
        'Unsatisfied Callbacks', default=0, readonly=True, copy=False)
    urge_count = fields.Integer('Urged', default=0, readonly=True, copy=False)
    special_supervision = fields.Boolean(
        'Special Supervision', readonly=True, copy=False, index=True,
        track_visibility='onchange',
        help='Set when the citizen is unsatisfied a second time (特别督办): the unit leader '
             'must give an opinion before the unit handles the request again.')
    hot_qa_pushed = fields.Boolean(
        'Pushed to Hot Q&A', readonly=True, copy=False,
        help='The office proposed this closed request for the hot Q&A of the website (CB-4); '
             'the website module decides what it shows.')
    auto_dispatch_rule_id = fields.Many2one(
        'hotline.dispatch.rule', 'Auto-dispatch Rule', readonly=True, copy=False)
    auto_dispatch_note = fields.Text(
        'Auto-dispatch Explanation', readonly=True, copy=False,
        help='Why the request was dispatched without a person (DS-4).')
    dispatch_accurate = fields.Boolean(
        'Dispatched Right First Time', compute='_compute_dispatch_accurate', store=True,
        help='Dispatched once and never returned by the unit (DS-5 accuracy).')
    process_template_id = fields.Many2one(
        'hotline.process.template', 'Process', readonly=True, copy=False,
        help='The process template (and version) the request follows from registration.')
    process_diagram = fields.Html(
        'Process Diagram', compute='_compute_process_diagram', sanitize=False,
        help='Steps passed (who, when), the current step and those to come.')
    step_deadline = fields.Datetime(
        'Step Deadline', readonly=True, copy=False, index=True,
        help='When the current step of the process must be finished (its time limit).')
    dispatch_scheduled = fields.Datetime(
        'Automatic Dispatch At', readonly=True, copy=False, index=True,
        help='Timed dispatch: when the rules will dispatch the request unless the office '
             'does it first.')
    content_keywords = fields.Char(
        'Content Keywords', readonly=True, copy=False,
        help='Words of the content (jieba), learned by the dispatch suggestions.')
    dispatch_suggestion = fields.Text(
        'Suggested Units', compute='_compute_dispatch_suggestion',
        help='The three units past requests like this one went to (closed without being '
             'returned or re-dispatched), with their score.')

    # Changed only by the action_* methods (through _transition or with the same context):
    # never written directly, e.g. by a unit user over XML-RPC.
    _WORKFLOW_FIELDS = {
        'state', 'unit_ids', 'main_unit_id', 'special_supervision', 'dissatisfied_count',
        'dispatch_count', 'return_count', 'urge_count', 'unit_result', 'leader_instruction',
        'auto_dispatch_rule_id', 'auto_dispatch_note', 'process_template_id', 'hot_qa_pushed',
        'step_deadline', 'dispatch_scheduled',
    }

    @api.multi
    def write(self, vals):
        """One place per rule: the workflow fields change only through the transition table
        and the loop's actions, so a direct write cannot skip a check."""
        if (self.env.uid != SUPERUSER_ID and not self.env.context.get('hotline_workflow')
                and self._WORKFLOW_FIELDS.intersection(vals)
                and not self.env.user.has_group('hotline_core.group_hotline_admin')):
            raise AccessError(_(
                'The state and the dispatch data of a request change only through its actions '
                '(dispatch, sign for, complete, audit, callback…).'))
        if 'content' in vals:
            vals = dict(vals, content_keywords=title_keywords(vals['content']) or '')
        return super().write(vals)

    def _transition(self, action, opinion=None, vals=None):
        """FL-1: besides the transition table, the process template of each request decides:
        the step it is in may limit the actions, no step may be jumped over, and entering a
        step starts its time limit (or skips it when the template leaves it out)."""
        self = self.with_context(hotline_workflow=True)
        to_state = self._get_transitions()[action][1]
        for ticket in self:
            ticket._process_check(action)
        for ticket in self:
            # the step's deadline goes with the transition's own write (one write, one
            # audit-log line per transition)
            values = dict(vals or {}, step_deadline=ticket._process_step_deadline(to_state))
            super(HotlineTicket, ticket)._transition(action, opinion=opinion, vals=values)
            ticket._process_enter()
        return True

    # ------------------------------------------------------------------ state machine
    @api.model
    def _get_transitions(self):
        """DS-1…DS-3, UN-2, CB-1…CB-3: the dispatch loop's rows of the one transition table."""
        transitions = super()._get_transitions()
        office = 'hotline_core.group_hotline_dispatcher'
        unit = 'hotline_core.group_hotline_unit_handler'
        transitions.update({
            'ask_leader': (('submitted', 'returned'), 'leader_pending', office,
                           _('Leader instructions requested')),
            'leader_instruct': (('leader_pending',), 'submitted',
                                'hotline_core.group_hotline_office_leader',
                                _('Leader instructions given')),
            'return_agent': (('submitted',), 'draft', office,
                             _('Returned to the agent for rewriting')),
            'dispatch': (('submitted', 'returned', 'to_audit', 'callback_failed'),
                         'dispatched', office, _('Dispatched')),
            'office_close': (('submitted', 'returned', 'to_audit', 'callback_failed'),
                             'done', office, _('Closed by the office')),
            'sign': (('dispatched',), 'in_progress', unit, _('Signed for')),
            'send_up': (('dispatched', 'in_progress'), 'dispatched', unit,
                        _('Sent up to the parent unit')),
            'unit_return': (('dispatched', 'in_progress'), 'returned', unit,
                            _('Returned to the office')),
            'report': (('in_progress',), 'to_audit', unit, _('Result reported to the office')),
            'audit_pass': (('to_audit',), 'to_callback', office, _('Audit passed')),
            'audit_fail': (('to_audit',), 'in_progress', office,
                           _('Audit failed, back to the unit')),
            'callback_satisfied': (('to_callback',), 'done',
                                   'hotline_core.group_hotline_agent',
                                   _('Callback: citizen satisfied')),
            'callback_unsatisfied': (('to_callback',), 'callback_failed',
                                     'hotline_core.group_hotline_agent',
                                     _('Callback: citizen unsatisfied')),
            'rehandle': (('callback_failed',), 'in_progress', office,
                         _('Sent back to the unit for re-handling')),
            # FL-1: where a failed control rule sends the request when its process says so
            # (fired by the process on behalf of whoever decided the rule).
            'process_back_sign': (('to_audit', 'callback_failed'), 'dispatched', office,
                                  _('Back to the unit to sign for again (process rule)')),
            'process_back_review': (('to_audit',), 'submitted', office,
                                    _('Back to the office review (process rule)')),
        })
        return transitions

    @api.model
    def _process_state_map(self):
        mapping = super()._process_state_map()
        mapping['leader_pending'] = 'unprocessed'
        return mapping

    # ------------------------------------------------------------------ process (FL-1)
    def _process_last_state(self):
        """The state of the template step the request is in, or was in last (a request
        returned or waiting for its leader is still "at" the step it left)."""
        self.ensure_one()
        template = self.process_template_id
        if template._column_of(self.state) is not None:
            return self.state
        for step in self.step_ids.sorted('id', reverse=True):
            if template._column_of(step.state_to) is not None:
                return step.state_to
        return None

    def _process_check(self, action):
        """FL-1: refuse an action the request's current step does not allow, or one that
        would jump over a step of its process."""
        template = self.process_template_id
        if not template:
            return
        transitions = self._get_transitions()
        __, to_state, __, label = transitions[action]
        step = template._step_of(self.state)
        allowed = step._action_list() if step else []
        if allowed and action not in allowed:
            names = [transitions[code][3] for code in allowed if code in transitions]
            raise UserError(_(
                'Request %s is in step "%s" of the process "%s": "%s" is not allowed there '
                '(allowed: %s).') % (self.name, step.name, template.name, label,
                                     '、'.join(names)))
        if self._process_state_map().get(to_state) == 'done':
            return  # closing is always an explicit, separately checked decision
        target = template._column_of(to_state)
        current = template._column_of(self._process_last_state() or self.state)
        if target is not None and current is not None and target > current + 1:
            between = template._columns()[current + 1]
            raise UserError(_(
                'Request %s: the process "%s" goes through step "%s" first.') % (
                    self.name, template.name, between[0].name))

    def _process_enter(self):
        """FL-1: the request entered a state. A state the template leaves out (audit,
        callback) is passed on to the next step the template has (with that step's
        deadline); a clean close teaches the dispatch suggestions (DS-5)."""
        template = self.process_template_id
        if template and self.state in SKIPPABLE_STATES and not template._step_of(self.state):
            skipped = self.state
            later = [s for s in MAIN_PATH[MAIN_PATH.index(skipped) + 1:]
                     if template._step_of(s)]
            target = later[0] if later else 'done'
            values = {'state': target}
            if self._process_state_map().get(target) == 'done':
                values['date_done'] = fields.Datetime.now()
            labels = dict(self._fields['state']._description_selection(self.env))
            self.with_context(hotline_workflow=True).write(dict(
                values, step_deadline=self._process_step_deadline(target)))
            self._log_step('process_skip', _('Step "%s" is not in the process "%s": skipped')
                           % (labels.get(skipped), template.name), state_from=skipped)
        if self.state == 'done':
            self._learn_dispatch()

    def _process_step_deadline(self, state):
        """FL-1: when the step of ``state`` must be finished if entered now (False: no
        process, no such step or no time limit)."""
        template = self.process_template_id
        step = template._step_of(state) if template else False
        if not (step and step.time_limit_hours):
            return False
        return fields.Datetime.to_string(
            datetime.datetime.now() + datetime.timedelta(hours=step.time_limit_hours))

    def _process_fail_step(self, rule):
        """FL-1: the step a failed control rule ``rule`` sends the request back to, per its
        process template; an empty recordset when the template does not say."""
        template = self.process_template_id
        state = self.env['hotline.process.step']._RULE_STATES[rule]
        step = template._step_of(state) if template else False
        if step and step.control_rule == rule:
            return step.fail_step_id
        return self.env['hotline.process.step']

    def _process_deadline(self, role='main'):
        """FL-1: deadline of the units' steps (signing + handling) of the request's process,
        from now; False when its template sets no time limit for them."""
        template = self.process_template_id
        hours = template._span_hours(UNIT_STATES, role=role) if template else 0
        if not hours:
            return False
        return fields.Datetime.to_string(
            datetime.datetime.now() + datetime.timedelta(hours=hours))

    def _log_step(self, action, label=None, opinion=None, unit=None, state_from=None):
        """TK-9: every dispatch-loop step also names its unit and goes to the chatter."""
        if not unit and self.env.context.get('hotline_step_unit_id'):
            unit = self.env['hotline.unit'].browse(self.env.context['hotline_step_unit_id'])
        # Core writes the trail in the acting user's language; the chatter follows it.
        self = self.with_context(lang=self.env.context.get('lang') or self.env.user.lang)
        label = label or self._step_labels().get(action, action)
        res = super(HotlineTicket, self)._log_step(
            action, label, opinion=opinion, unit=unit, state_from=state_from)
        if action in self._chatter_actions():
            body = label
            if unit:
                body = '%s · %s' % (body, unit.complete_name)
            for ticket in self:
                ticket.message_post(body='<p>%s</p>%s' % (
                    body, ('<p>%s</p>' % opinion) if opinion else ''),
                    tracking_value_ids=ticket._pop_tracking())
        return res

    @api.model
    def _chatter_actions(self):
        return set(self._get_transitions()) - set(super()._get_transitions()) | {
            'unit_sign', 'unit_entry', 'unit_forward', 'unit_complete', 'unit_return_parent',
            'unit_add_units', 'unit_send_back', 'extension_request', 'extension_approved',
            'extension_refused', 'leader_opinion', 'urge', 'hot_qa_pushed', 'co_opinion'}

    def _dispatch_log(self, action, label, opinion=None, unit=None):
        """TK-9: a step of the loop that does not change the request's state."""
        for ticket in self:
            ticket._log_step(action, label, opinion=opinion, unit=unit,
                             state_from=ticket.state)

    def _lock_for_update(self):
        """Concurrency: lock the requests' rows so two people cannot act on the same request
        at once; the second one is told at once instead of waiting or acting twice."""
        if not self.ids:
            return
        try:
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    'SELECT id FROM hotline_ticket WHERE id IN %s FOR UPDATE NOWAIT',
                    [tuple(self.ids)])
        except psycopg2.OperationalError as error:
            if error.pgcode != LOCK_NOT_AVAILABLE:
                raise
            raise UserError(_(
                'Someone else is working on this request right now. Reload it and try '
                'again in a moment.'))
        # What we read before the lock may be stale: the state checks must see the row now.
        self.invalidate_cache()

    # ------------------------------------------------------------------ init
    @api.model_cr
    def init(self):
        """DS-5: the tables of learned dispatch statistics: hits per feature and unit (built
        by the nightly run, folded into by ``_fold_dispatch_stats``), and the hits learned
        since (one row each, only ever inserted: closes running at the same moment never
        update the same row, so they never fail on each other)."""
        super().init()
        self._cr.execute("""
            CREATE TABLE IF NOT EXISTS hotline_dispatch_stat (
                feature varchar NOT NULL,
                unit_id integer NOT NULL,
                hits integer NOT NULL,
                PRIMARY KEY (feature, unit_id))""")
        self._cr.execute("""
            CREATE TABLE IF NOT EXISTS hotline_dispatch_stat_new (
                feature varchar NOT NULL,
                unit_id integer NOT NULL)""")
        self._cr.execute(
            'CREATE INDEX IF NOT EXISTS hotline_dispatch_stat_new_feature_idx '
            'ON hotline_dispatch_stat_new (feature)')
        self._cr.execute(
            'CREATE INDEX IF NOT EXISTS hotline_ticket_main_unit_state_idx '
            'ON hotline_ticket (main_unit_id, state)')

    # ------------------------------------------------------------------ process (FL)
    @api.model
    def create(self, vals):
        """FL-2: a new request follows the process template published now, and keeps that
        version whatever is published later."""
        if not vals.get('process_template_id'):
            template = self.env['hotline.process.template']._for_type(
                vals.get('ticket_type') or self._fields['ticket_type'].default(self))
            vals = dict(vals, process_template_id=template.id or False)
        if vals.get('content'):
            vals = dict(vals, content_keywords=title_keywords(vals['content']) or '')
        return super().create(vals)

    @api.depends('state', 'step_ids', 'process_template_id')
    def _compute_process_diagram(self):
        """FL-3: the request's process as a row of steps: passed ones (green, with who and
        when), the current one (blue; red when over its time limit), those to come (grey);
        parallel steps share a column."""
        now = fields.Datetime.now()
        for ticket in self:
            template = ticket.process_template_id
            if not template:
                ticket.process_diagram = False
                continue
            # issue 16: a passed step names who acted at it — who moved the request on from
            # it (signed for it, handled it, audited it…) — not who handed it over; the
            # last one (closing) names who closed it; a current one says since when it waits
            entered, acted, before = {}, {}, None
            for step in ticket.step_ids.sorted('id'):
                state_from = step.state_from or before
                if step.state_to != state_from:
                    if state_from in entered and state_from not in acted:
                        acted[state_from] = step
                    entered[step.state_to] = step  # the last time it entered the state
                    acted.pop(step.state_to, None)
                before = step.state_to
            co_parts = ticket.assignment_ids.filtered(
                lambda a: a.role == 'co' and a.state != 'cancelled')
            # a request in a side state (returned, citizen unsatisfied, waiting for the
            # leader) is still at the step it left: shown current, with the side state
            at_state, side_state = ticket.state, False
            if template._column_of(ticket.state) is None and ticket.state != 'done':
                at_state = ticket._process_last_state() or ticket.state
                # labels in the reader's language, as the rest of the diagram (_())
                reader = self.with_context(lang=self.env.context.get('lang') or
                                           self.env.user.lang)
                side_state = dict(self._fields['state']._description_selection(
                    reader.env)).get(ticket.state)
            html = []
            for column in template._columns():
                boxes = []
                for step in column:
                    trail = entered.get(step.state_code)
                    current = at_state == step.state_code
                    late = bool(current and ticket.step_deadline and ticket.step_deadline < now)
                    if step.unit_role == 'co':
                        # the co-units' parallel step: current while one of them is at work
                        working = co_parts.filtered(
                            lambda a: a.state in ACTIVE_ASSIGNMENT_STATES)
                        current = bool(working)
                        late = any(working.mapped('is_overdue'))
                        trail = trail if co_parts and not working else False
                    if current:
                        color = '#f2dede;border:2px solid #d9534f' if late else \
                            '#d9edf7;border:2px solid #337ab7'
                        kind = 'current'
                    elif trail:
                        color, kind = '#dff0d8;border:1px solid #5cb85c', 'passed'
                    else:
                        color, kind = '#f5f5f5;border:1px dashed #999', 'future'
                    lines = ['<strong>%s</strong>' % html_escape(step.name)]
                    if step.time_limit_hours:
                        lines.append(_('limit %sh') % ('%g' % step.time_limit_hours))
                    if trail and kind == 'current':
                        lines.append(_('since %s') % ticket._process_time(trail.date))
                    elif trail and kind == 'passed':
                        actor = acted.get(step.state_code) or trail
                        lines.append('%s %s' % (html_escape(actor.user_id.name),
                                                ticket._process_time(actor.date)))
                    if current and side_state and step.unit_role != 'co':
                        lines.append('<em>%s</em>' % html_escape(side_state))
                    if late:
                        lines.append('<span style="color:#d9534f">%s</span>' % _('over time'))
                    boxes.append(
                        '<div class="o_hotline_step o_hotline_step_%s" style="background:%s;'
                        'border-radius:4px;padding:4px 8px;margin:2px 0;min-width:90px">%s'
                        '</div>' % (kind + (' o_hotline_step_late' if late else ''), color,
                                    '<br/>'.join(lines)))
                html.append('<div style="display:inline-block;vertical-align:middle">%s</div>'
                            % ''.join(boxes))
            ticket.process_diagram = (
                '<div class="o_hotline_process" style="white-space:nowrap;overflow-x:auto">'
                '<div style="color:#777">%s v%d</div>%s</div>' % (
                    html_escape(template.name), template.version,
                    '<span style="margin:0 4px">→</span>'.join(html)))

    def _process_time(self, value):
        """A date of the process diagram, in the reader's time zone (MM-DD HH:MM)."""
        return fields.Datetime.context_timestamp(
            self, fields.Datetime.from_string(value)).strftime('%m-%d %H:%M')

    # ------------------------------------------------------------------ computes
    @api.model
    def _create_precomputed(self, vals):
        """Issue 19: a new request is dispatched once at the earliest after its create."""
        known = super()._create_precomputed(vals)
        known['dispatch_accurate'] = (vals.get('dispatch_count') == 1
                                      and not vals.get('return_count'))
        return known

    @api.depends('dispatch_count', 'return_count')
    def _compute_dispatch_accurate(self):
        for ticket in self:
            ticket.dispatch_accurate = ticket.dispatch_count == 1 and not ticket.return_count

    @api.depends('category_id', 'location_id', 'title_keywords', 'content_keywords')
    def _compute_dispatch_suggestion(self):
        for ticket in self:
            lines = ['%d. %s  %d%%' % (rank, s['unit_name'], s['score'])
                     for rank, s in enumerate(ticket.hotline_suggest_units(), 1)]
            ticket.dispatch_suggestion = '\n'.join(lines) or False

    # ------------------------------------------------------------------ DS-5 learning
    # Weights of the features of a request: its category, its location, its title words and
    # its content words (jieba; a weight is shared between all words of the title / content).
    _SUGGEST_WEIGHTS = {'c': 2.0, 'l': 1.5, 'w': 2.0, 'k': 1.0}

    @api.model
    def _refresh_dispatch_stats(self):
        """DS-5: relearn, in one set-based statement, which units past requests went to —
        only requests closed after one dispatch, never returned and without an unsatisfied
        callback count as right. Content keywords missing (requests from before this
        feature) are filled first, a batch per night."""
        self._backfill_content_keywords()
        cr = self._cr
        cr.execute('DELETE FROM hotline_dispatch_stat')
        # what was learned since is in the requests read below (those closed after this
        # transaction began stay in the table, as their requests are not read)
        cr.execute('DELETE FROM hotline_dispatch_stat_new')
        cr.execute("""
            WITH good AS (
                SELECT main_unit_id AS unit_id, category_id, location_id, title_keywords,
                       content_keywords
                  FROM hotline_ticket
                 WHERE state = 'done' AND main_unit_id IS NOT NULL
                   AND dispatch_count = 1 AND COALESCE(return_count, 0) = 0
                   AND COALESCE(dissatisfied_count, 0) = 0
            ), feats AS (
                SELECT 'c' || category_id AS feature, unit_id FROM good
                 WHERE category_id IS NOT NULL
                UNION ALL
                SELECT 'l' || location_id, unit_id FROM good WHERE location_id IS NOT NULL
                UNION ALL
                SELECT 'w' || w, unit_id
                  FROM good, unnest(string_to_array(title_keywords, ' ')) AS w
                 WHERE w <> ''
                UNION ALL
                SELECT 'k' || w, unit_id
                  FROM good, unnest(string_to_array(content_keywords, ' ')) AS w
                 WHERE w <> ''
            ), counts AS (
                SELECT feature, unit_id, count(*) AS hits FROM feats GROUP BY feature, unit_id
            )
            INSERT INTO hotline_dispatch_stat (feature, unit_id, hits)
            SELECT feature, unit_id, hits FROM counts""")
        return True

    @api.model
    def _fold_dispatch_stats(self):
        """DS-5: move the hits learned since into the statistics, in one statement (a cron
        every quarter of an hour keeps the table of new hits short)."""
        self._cr.execute("""
            WITH moved AS (DELETE FROM hotline_dispatch_stat_new RETURNING feature, unit_id)
            INSERT INTO hotline_dispatch_stat (feature, unit_id, hits)
            SELECT feature, unit_id, count(*) FROM moved GROUP BY feature, unit_id
            ON CONFLICT (feature, unit_id)
            DO UPDATE SET hits = hotline_dispatch_stat.hits + EXCLUDED.hits""")
        return True

    @api.model
    def _backfill_content_keywords(self, limit=20000):
        """DS-5: segment the content of up to ``limit`` requests that have no content
        keywords yet (one jieba run per distinct text, one UPDATE for all)."""
        self._cr.execute("""
            SELECT content, array_agg(id) FROM (
                SELECT id, content FROM hotline_ticket
                 WHERE content_keywords IS NULL AND content IS NOT NULL LIMIT %s) t
             GROUP BY content""", [limit])
        rows = self._cr.fetchall()
        if not rows:
            return 0
        ids, words = [], []
        for content, ticket_ids in rows:
            keywords = title_keywords(content) or ''
            ids += ticket_ids
            words += [keywords] * len(ticket_ids)
        self._cr.execute("""
            UPDATE hotline_ticket t SET content_keywords = v.words
              FROM unnest(%s::int[], %s::varchar[]) AS v(id, words)
             WHERE t.id = v.id""", [ids, words])
        self.invalidate_cache(['content_keywords'], ids)
        return len(ids)

    def _learn_dispatch(self):
        """DS-5: a request just closed cleanly (one dispatch, never returned, citizen not
        unsatisfied) teaches the suggestions at once: its features count one more hit for
        its main unit (one INSERT of new hits: no row is updated, so two requests closed at
        the same moment with common words do not make each other fail and start again; the
        nightly rebuild gives the same figures)."""
        self.ensure_one()
        if not (self.main_unit_id and self.dispatch_count == 1 and not self.return_count
                and not self.dissatisfied_count):
            return
        features = list(self._suggest_features())
        if not features:
            return
        self._cr.execute("""
            INSERT INTO hotline_dispatch_stat_new (feature, unit_id)
            SELECT f, %s FROM unnest(%s::varchar[]) AS f""", [self.main_unit_id.id, features])

    def _suggest_features(self):
        self.ensure_one()
        weights = self._SUGGEST_WEIGHTS
        features = {}
        if self.category_id:
            features['c%d' % self.category_id.id] = weights['c']
        if self.location_id:
            features['l%d' % self.location_id.id] = weights['l']
        words = [w for w in (self.title_keywords or '').split() if w]
        for word in words:
            features['w' + word] = weights['w'] / len(words)
        content = self.content_keywords
        if content is False and self.content:   # not segmented yet (older request)
            content = title_keywords(self.content) or ''
        words = [w for w in (content or '').split() if w]
        for word in words:
            features['k' + word] = weights['k'] / len(words)
        return features

    @api.multi
    def hotline_suggest_units(self, limit=3):
        """DS-5: the units most likely to be right for this request, best first:
        ``[{'unit_id', 'unit_name', 'score'}]`` (score in %, from the learned statistics)."""
        self.ensure_one()
        features = self._suggest_features()
        if not features:
            return []
        # share of a unit in a feature = its hits / the feature's hits (all units)
        self._cr.execute("""
            WITH f AS (
                SELECT * FROM unnest(%s::varchar[], %s::double precision[])
                    AS f(feature, weight)
            ), hits AS (
                SELECT feature, unit_id, sum(hits) AS hits
                  FROM (SELECT s.feature, s.unit_id, s.hits
                          FROM hotline_dispatch_stat s JOIN f ON f.feature = s.feature
                        UNION ALL
                        SELECT n.feature, n.unit_id, 1
                          FROM hotline_dispatch_stat_new n JOIN f ON f.feature = n.feature) h
                 GROUP BY feature, unit_id
            ), shares AS (
                SELECT feature, unit_id,
                       hits::double precision / sum(hits) OVER (PARTITION BY feature) AS share
                  FROM hits
            )
            SELECT s.unit_id, sum(s.share * f.weight) AS score
              FROM shares s
              JOIN f ON f.feature = s.feature
              JOIN hotline_unit u ON u.id = s.unit_id AND u.active
             GROUP BY s.unit_id
             ORDER BY score DESC, s.unit_id
             LIMIT %s""", [list(features), list(features.values()), limit])
        rows = self._cr.fetchall()
        total = sum(features.values())
        units = {u.id: u for u in self.env['hotline.unit'].sudo().browse([r[0] for r in rows])}
        return [{'unit_id': unit_id, 'unit_name': units[unit_id].complete_name,
                 'score': int(round(100.0 * score / total))} for unit_id, score in rows]

    @api.model
    def hotline_dispatch_accuracy(self, date_from=None, date_to=None):
        """DS-5: dispatch accuracy — share of dispatched requests (registered in the period)
        that were neither returned by the unit nor re-dispatched. Centre roles only: it
        counts every unit's requests."""
        user = self.env.user
        if self.env.uid != SUPERUSER_ID and not (
                user.has_group('hotline_core.group_hotline_dispatcher')
                or user.has_group('hotline_core.group_hotline_supervisor')):
            raise AccessError(_('Only the hotline office and supervisors see dispatch '
                                'accuracy.'))
        where, params = ['dispatch_count > 0'], []
        if date_from:
            where.append('register_date >= %s')
            params.append(date_from)
        if date_to:
            where.append('register_date < %s')
            params.append(date_to)
        self._cr.execute("""
            SELECT count(*),
                   count(*) FILTER (WHERE dispatch_count = 1 AND COALESCE(return_count, 0) = 0)
              FROM hotline_ticket WHERE """ + ' AND '.join(where), params)
        dispatched, accurate = self._cr.fetchone()
        return {'dispatched': dispatched, 'accurate': accurate,
                'accuracy': round(100.0 * accurate / dispatched, 1) if dispatched else 0.0}

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
             WHERE state = 'submitted' AND dispatch_scheduled IS NOT NULL
               AND dispatch_scheduled <= (now() AT TIME ZONE 'UTC')
             ORDER BY dispatch_scheduled, id
             LIMIT %s
               FOR UPDATE SKIP LOCKED""", [limit])
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
            note = _('Dispatched automatically by rule "%s": %s.') % (
                rule.name, '; '.join(reasons))
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
                    'Rule "%s" could not dispatch: %s') % (rule.name, error.name))

    @api.depends('bureau_id', 'location_id')
    def _compute_default_main_unit_id(self):
        for ticket in self:
            ticket.default_main_unit_id = ticket._default_main_unit()

    def _default_main_unit(self):
        """DS-2: vertical bureau → the city bureau; otherwise the district of the location
        (the unit responsible for it), else the bureau."""
        self.ensure_one()
        if self.bureau_id.is_vertical:
            return self.bureau_id
        if self.location_id:
            district = self.location_id._get_district()
            if district.unit_id:
                return district.unit_id
            if self.location_id.unit_id:
                return self.location_id.unit_id._get_city_bureau()
        return self.bureau_id

    def _main_assignment(self):
        """The office's main assignment now in charge (not cancelled nor returned)."""
        self.ensure_one()
        mains = self.assignment_ids.filtered(
            lambda a: a.role == 'main' and not a.parent_id
            and a.state not in ('cancelled', 'returned'))
        return mains.sorted('id')[-1:] if mains else mains

    @api.model
    def _default_deadline(self):
        days = self.env['ir.config_parameter'].sudo().get_param(
            'hotline.dispatch_default_days', '7')
        try:
            days = max(int(days), 1)
        except ValueError:
            days = 7
        return fields.Datetime.to_string(
            datetime.datetime.now() + datetime.timedelta(days=days))

    # ------------------------------------------------------------------ notifications
    def _office_users(self):
        return self.env.ref('hotline_core.group_hotline_dispatcher').sudo().users

    def _notify_office(self, message):
        """UN-5: pop-up for the office (unit returned, completed, asked for more time)."""
        users = self._office_users().filtered(lambda u: u.id != self.env.uid)
        # Notifying other users is the point; web_notify refuses it to non-superusers.
        users.sudo().notify_info(message, title=_('12345 Hotline'))

    # ------------------------------------------------------------------ office actions
    @api.multi
    def action_dispatch(self, main_unit_id, co_unit_ids=None, cc_unit_ids=None,
                        opinion=None, deadline=None):
        """DS-1, CB-1: dispatch to one main unit, co-units and CC units at once (several
        levels allowed); the main unit's parent is copied for supervision. Dispatching
        again (after a return, a failed audit or dissatisfaction) cancels what the units
        still had open and counts as a re-dispatch (DS-5 accuracy)."""
        Unit = self.env['hotline.unit']
        main = Unit.browse(main_unit_id).exists() if main_unit_id else Unit
        if not main:
            raise UserError(_('Choose the main unit (主办单位) to dispatch the request to.'))
        co = Unit.browse(co_unit_ids or []).exists() - main
        cc = Unit.browse(cc_unit_ids or []).exists() - main - co
        supervisor = main.parent_id if main.parent_id.parent_id else Unit
        if supervisor and supervisor not in co | cc:
            cc_supervise = supervisor
        else:
            cc_supervise = Unit
        self._lock_for_update()
        Assignment = self.env['hotline.ticket.assignment']
        auto = {}
        if self.env.context.get('hotline_auto_rule_id'):
            # DS-4: a rule dispatches: its explanation goes with the dispatch's own write
            auto = {'auto_dispatch_rule_id': self.env.context['hotline_auto_rule_id'],
                    'auto_dispatch_note': self.env.context.get('hotline_auto_note')}
        for ticket in self:
            # FL-1: without a deadline from the caller (e.g. a time-limit policy), the time
            # limits of the units' steps in the request's process give it; co-units answer
            # by the end of their own (parallel) step.
            if isinstance(deadline, datetime.datetime):
                deadline = fields.Datetime.to_string(deadline)
            main_deadline = deadline or ticket._process_deadline() or self._default_deadline()
            co_deadline = min(main_deadline, ticket._process_deadline('co') or main_deadline)
            previous = ticket.assignment_ids.filtered(lambda a: a.role == 'main')
            ticket.with_context(hotline_step_unit_id=main.id)._transition(
                'dispatch', opinion=opinion, vals=dict({
                    'main_unit_id': main.id,
                    'date_deadline': main_deadline,
                    'dispatch_scheduled': False,
                    'unit_ids': [(4, u.id) for u in main | co | cc | cc_supervise],
                    'dispatch_count': ticket.dispatch_count + 1,
                    'unit_result': False,
                }, **auto))
            # Assignments are written only by these checked methods (users have read access).
            open_ones = ticket.assignment_ids.sudo().filtered(
                lambda a: a.state in ACTIVE_ASSIGNMENT_STATES + ('done', 'cc'))
            open_ones.write({'state': 'cancelled'})
            vals = {'ticket_id': ticket.id, 'opinion': opinion,
                    'date_deadline': main_deadline,
                    'dispatched_by': self.env.uid, 'redispatch': bool(previous)}
            main_assignment = Assignment.sudo().create(dict(vals, unit_id=main.id, role='main'))
            others = Assignment.sudo()
            for unit in co:
                others |= Assignment.sudo().create(dict(
                    vals, unit_id=unit.id, role='co', parent_id=main_assignment.id,
                    date_deadline=co_deadline))
            for unit in cc | cc_supervise:
                others |= Assignment.sudo().create(dict(
                    vals, unit_id=unit.id, role='cc', parent_id=main_assignment.id,
                    state='cc', supervise=unit == cc_supervise))
            for assignment in main_assignment | others:
                assignment._announce()
        return True

    @api.multi
    def action_ask_leader(self, opinion=None):
        """DS-3: the office asks its leader for instructions before dispatching."""
        self._lock_for_update()
        return self._transition('ask_leader', opinion=opinion)

    @api.multi
    def action_leader_instruct(self, opinion):
        """DS-3: the office leader's instructions are recorded; the request is back with the
        office, ready to dispatch."""
        if not (opinion or '').strip():
            raise UserError(_('Write the leader instructions.'))
        self._lock_for_update()
        return self._transition('leader_instruct', opinion=opinion,
                                vals={'leader_instruction': opinion})

    @api.multi
    def action_return_to_agent(self, opinion=None):
        """DS-3: the office sends the request back to the agent to be rewritten."""
        if not (opinion or '').strip():
            raise UserError(_('Say what the agent should rewrite.'))
        self._lock_for_update()
        res = self._transition('return_agent', opinion=opinion)
        for ticket in self:
            if ticket.user_id and ticket.user_id != self.env.user:
                ticket.user_id.sudo().notify_warning(
                    _('Request %s was returned for rewriting: %s') % (ticket.name, opinion),
                    title=_('12345 Hotline'))
        return res

    @api.multi
    def action_office_close(self, opinion=None):
        """DS-3, CB-3: the office closes the request directly; under special supervision
        only the office leader may approve closing."""
        if not (opinion or '').strip():
            raise UserError(_('Write why the office closes the request.'))
        self._lock_for_update()
        if any(self.mapped('special_supervision')) and self.env.uid != SUPERUSER_ID \
                and not self.env.user.has_group('hotline_core.group_hotline_office_leader'):
            raise AccessError(_(
                'This request is under special supervision: only the office leader may '
                'approve closing it without a satisfied citizen.'))
        res = self._transition('office_close', opinion=opinion, vals={'reply': opinion})
        self._cancel_open_assignments()
        return res

    def _cancel_open_assignments(self):
        # Checked by the caller's transition; users only read assignments.
        self.mapped('assignment_ids').sudo().filtered(
            lambda a: a.state in ACTIVE_ASSIGNMENT_STATES).write({'state': 'cancelled'})

    @api.multi
    def action_audit(self, passed, opinion=None):
        """CB-1: audit of the main unit's result: pass → callback queue; fail → back to the
        main unit (to re-dispatch elsewhere, use action_dispatch)."""
        self._lock_for_update()
        if passed:
            return self._transition('audit_pass', opinion=opinion)
        if not (opinion or '').strip():
            raise UserError(_('Say why the result does not pass the audit.'))
        for ticket in self:
            fail_step = ticket._process_fail_step('audit_passed')
            if fail_step:
                ticket._process_send_back(fail_step, opinion)
                continue
            main = ticket._main_assignment()
            ticket.with_context(hotline_step_unit_id=main.unit_id.id)._transition(
                'audit_fail', opinion=opinion)
            main.sudo().write({'state': 'in_progress'})
            main._notify_unit(_('Request %s failed the audit and is back with you: %s') % (
                ticket.name, opinion))
        return True

    def _process_send_back(self, fail_step, opinion):
        """FL-1: a control rule failed (audit not passed, citizen unsatisfied): the request
        goes back to the step its process names — the main unit's handling, its signing, or
        the office's review."""
        self.ensure_one()
        self._dispatch_log('process_rule_failed', _(
            'Control rule failed: back to step "%s"') % fail_step.name, opinion=opinion)
        main = self._main_assignment()
        target = fail_step.state_code
        if target == 'submitted' or not main:
            if self.state == 'to_audit':
                self._cancel_open_assignments()
                self._transition('process_back_review', opinion=opinion)
            # callback_failed is already the office's review of an unsatisfied citizen
            return
        if target == 'in_progress':
            if self.state == 'to_audit':
                self.with_context(hotline_step_unit_id=main.unit_id.id)._transition(
                    'audit_fail', opinion=opinion)
                main.sudo().write({'state': 'in_progress'})
                main._notify_unit(_('Request %s failed the audit and is back with you: %s')
                                  % (self.name, opinion))
            else:
                # The citizen's dissatisfaction was recorded by the agent; the process,
                # approved by the office leader, sends the request back on the office's
                # behalf.
                self.sudo().action_rehandle(opinion=opinion)
            return
        # back to signing: the main unit signs for the request again
        self.sudo().with_context(hotline_step_unit_id=main.unit_id.id)._transition(
            'process_back_sign', opinion=opinion)
        main.sudo().write({
            'state': 'to_sign',
            'leader_opinion_required': self.special_supervision,
            'leader_opinion': False,
        })
        main._announce()

    @api.multi
    def action_callback(self, satisfied, opinion=None):
        """CB-2, CB-3: the agent calls the citizen back. Satisfied → closed and archived;
        unsatisfied → back to the office; the second time → special supervision."""
        self._lock_for_update()
        if satisfied:
            return self._transition('callback_satisfied', opinion=opinion,
                                    vals={'reply': self.unit_result or self.reply}
                                    if len(self) == 1 else None)
        if not (opinion or '').strip():
            raise UserError(_("Write what the citizen is unsatisfied with."))
        for ticket in self:
            count = ticket.dissatisfied_count + 1
            ticket._transition('callback_unsatisfied', opinion=opinion, vals={
                'dissatisfied_count': count,
                'special_supervision': ticket.special_supervision or count >= 2,
            })
            if count >= 2:
                ticket._dispatch_log('special_supervision',
                                     _('Special supervision (second dissatisfaction)'))
            ticket._notify_office(_('Request %s: the citizen is unsatisfied.') % ticket.name)
            fail_step = ticket._process_fail_step('satisfied')
            if fail_step:
                ticket._process_send_back(fail_step, opinion)
        return True

    @api.multi
    def action_rehandle(self, opinion=None):
        """CB-2, CB-3: the office sends an unsatisfied request back to its main unit; under
        special supervision the unit leader must give an opinion before the redo."""
        self._lock_for_update()
        for ticket in self:
            main = ticket._main_assignment()
            if not main:
                raise UserError(_('Request %s has no main unit to send it back to: '
                                  'dispatch it instead.') % ticket.name)
            ticket.with_context(hotline_step_unit_id=main.unit_id.id)._transition(
                'rehandle', opinion=opinion)
            main.sudo().write({
                'state': 'in_progress',
                'leader_opinion_required': ticket.special_supervision,
                'leader_opinion': False,
            })
            message = _('Request %s is back with you for re-handling.') % ticket.name
            if ticket.special_supervision:
                message += ' ' + _('Special supervision: your leader must give an opinion '
                                   'first.')
            main._notify_unit(message)
        return True

    @api.multi
    def action_urge(self, message=None):
        """UN-5: the office urges (催办) the units handling the request."""
        if self.env.uid != SUPERUSER_ID and not self.env.user.has_group(
                'hotline_core.group_hotline_dispatcher'):
            raise AccessError(_('Only the hotline office can urge units.'))
        self._lock_for_update()
        for ticket in self:
            targets = ticket.assignment_ids.filtered(
                lambda a: a.state in ('to_sign', 'in_progress') and a.role != 'cc')
            if not targets:
                raise UserError(_('Request %s: no unit is handling it now.') % ticket.name)
            ticket.with_context(hotline_workflow=True).write(
                {'urge_count': ticket.urge_count + 1})
            for assignment in targets:
                assignment.sudo().write({'urge_count': assignment.urge_count + 1})
                ticket._dispatch_log('urge', _('Urged'), opinion=message,
                                     unit=assignment.unit_id)
                assignment._notify_unit(
                    _('Urgent: the office urges you to handle request %s. %s') % (
                        ticket.name, message or ''), warning=True)
        return True

    @api.multi
    def action_push_hot_qa(self):
        """CB-4: a closed request becomes a hot Q&A candidate for the website (CH-8)."""
        if self.env.uid != SUPERUSER_ID and not self.env.user.has_group(
                'hotline_core.group_hotline_dispatcher'):
            raise AccessError(_('Only the hotline office can push requests to hot Q&A.'))
        for ticket in self:
            if ticket.state != 'done':
                raise UserError(_('Only closed requests can be pushed to hot Q&A.'))
            ticket.with_context(hotline_workflow=True).write({'hot_qa_pushed': True})
            ticket._dispatch_log('hot_qa_pushed', _('Pushed to hot Q&A'))
        return True

    # ------------------------------------------------------------------ unit actions (RPC)
    def _my_assignment(self, unit_id=None, roles=('main', 'co'), states=None):
        """The assignment of the current user's unit (or of ``unit_id``) on this request."""
        self.ensure_one()
        user = self.env.user
        candidates = self.assignment_ids.filtered(
            lambda a: a.role in roles and (not states or a.state in states))
        if unit_id:
            candidates = candidates.filtered(lambda a: a.unit_id.id == unit_id)
        elif self.env.uid != SUPERUSER_ID:
            candidates = candidates.filtered(
                lambda a: user in a.unit_id.user_ids or user == a.unit_id.manager_id)
        candidates = candidates.sorted('id')
        if not candidates:
            raise AccessError(_(
                'Request %s is not assigned to your unit: you cannot act on it.') % self.name)
        return candidates[-1]

    @api.multi
    def action_sign(self, unit_id=None):
        """UN-2 (XML-RPC): sign for the request on behalf of one's unit."""
        return self._my_assignment(unit_id, states=('to_sign',)).action_sign()

    @api.multi
    def action_add_entry(self, solution, cause=None, outcome='solved', unit_id=None):
        """UN-2 (XML-RPC): record a handling entry."""
        return self._my_assignment(unit_id, states=('in_progress',)).action_add_entry(
            solution, cause=cause, outcome=outcome)

    @api.multi
    def action_complete(self, result, solved=True, commitment_date=None, unit_id=None):
        """UN-2, UN-3, UN-4 (XML-RPC): complete one's part with its result."""
        return self._my_assignment(unit_id, states=('in_progress',)).action_complete(
            result, solved=solved, commitment_date=commitment_date)

    @api.multi
    def action_unit_return(self, reason_id, detail=None, suggested_unit_id=None,
                           unit_id=None):
        """UN-2 (XML-RPC): return the request (to the office or the forwarding unit)."""
        return self._my_assignment(
            unit_id, roles=('main',), states=('to_sign', 'in_progress')).action_return(
                reason_id, detail=detail, suggested_unit_id=suggested_unit_id)

    @api.multi
    def action_forward(self, main_unit_id, co_unit_ids=None, cc_unit_ids=None, opinion=None,
                       deadline=None, unit_id=None):
        """UN-2 (XML-RPC): forward one level down."""
        return self._my_assignment(unit_id, roles=('main',), states=('in_progress',)) \
            .action_forward(main_unit_id, co_unit_ids=co_unit_ids, cc_unit_ids=cc_unit_ids,
                            opinion=opinion, deadline=deadline)

    @api.multi
    def action_send_up(self, opinion, unit_id=None):
        """UN-2 (XML-RPC): send the request up to the parent unit."""
        return self._my_assignment(
            unit_id, roles=('main',), states=('to_sign', 'in_progress')).action_send_up(opinion)

    @api.multi
    def action_request_extension(self, new_deadline, reason, unit_id=None):
        """UN-4 (XML-RPC): ask the office for more time."""
        return self._my_assignment(unit_id, states=('to_sign', 'in_progress')) \
            .action_request_extension(new_deadline, reason)

    @api.multi
    def action_leader_opinion(self, opinion, unit_id=None):
        """CB-3 (XML-RPC): the unit leader's opinion under special supervision."""
        return self._my_assignment(unit_id, roles=('main',)).action_leader_opinion(opinion)

    # ------------------------------------------------------------------ wizards
    @api.multi
    def action_open_dispatch_wizard(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'name': _('Dispatch'),
            'res_model': 'hotline.dispatch.wizard',
            'view_mode': 'form',
            'target': 'new',
            'context': {'default_ticket_id': self.id, 'default_mode': 'dispatch',
                        'default_main_unit_id': self._default_main_unit().id},
        }

    @api.multi
    def action_open_office_wizard(self):
        """Opens the opinion wizard for one office action (context key ``wizard_action``)."""
        self.ensure_one()
        action = self.env.context.get('wizard_action')
        return {
            'type': 'ir.actions.act_window',
            'name': _('Decision'),
            'res_model': 'hotline.assignment.wizard',
            'view_mode': 'form',
            'target': 'new',
            'context': {'default_ticket_id': self.id, 'default_action': action},
        }
