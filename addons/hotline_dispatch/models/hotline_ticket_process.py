# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""FL-1…FL-3: the process a request follows — its template's steps, their checks and time
limits, the trail and chatter of each step, and the process diagram."""
import datetime

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError

from .hotline_ticket import MAIN_PATH, SKIPPABLE_STATES, UNIT_STATES
from .hotline_ticket_assignment import ACTIVE_STATES as ACTIVE_ASSIGNMENT_STATES


class HotlineTicketProcess(models.Model):
    """FL-1…FL-3, TK-9: a request's process template, steps and trail."""
    _inherit = 'hotline.ticket'

    process_template_id = fields.Many2one(
        'hotline.process.template', 'Process', readonly=True, copy=False,
        help='The process template (and version) the request follows from registration.')
    # not sanitized: rendered from this module's template, every value escaped; the
    # sanitizer would only parse and re-serialise it at every read
    process_diagram = fields.Html(
        compute='_compute_process_diagram', sanitize=False,
        help='Steps passed (who, when), the current step and those to come.')
    step_deadline = fields.Datetime(
        readonly=True, copy=False, index=True,
        help='When the current step of the process must be finished (its time limit).')

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
        transition = transitions[action]
        to_state = transition.to_state
        if to_state is None:
            return  # the process's own step (a skipped state), decided by the process
        step = template._step_of(self.state)
        allowed = step._action_list() if step else []
        if allowed and action not in allowed:
            names = [transitions[code].label for code in allowed if code in transitions]
            raise UserError(_(
                'Request %(ticket)s is in step "%(step)s" of the process "%(process)s": '
                '"%(action)s" is not allowed there (allowed: %(allowed)s).') % {
                    'ticket': self.name, 'step': step.name, 'process': template.name,
                    'action': transition.label, 'allowed': '、'.join(names)})
        if self._process_state_map().get(to_state) == 'done':
            return  # closing is always an explicit, separately checked decision
        target = template._column_of(to_state)
        current = template._column_of(self._process_last_state() or self.state)
        if target is not None and current is not None and target > current + 1:
            between = template._columns()[current + 1]
            raise UserError(_(
                'Request %(ticket)s: the process "%(process)s" goes through step '
                '"%(step)s" first.') % {
                    'ticket': self.name, 'process': template.name, 'step': between[0].name})

    def _process_enter(self):
        """FL-1: the request entered a state. A state the template leaves out (audit,
        callback) is passed on to the next step the template has (with that step's
        deadline); a clean close teaches the dispatch suggestions (DS-5)."""
        template = self.process_template_id
        if template and self.state in SKIPPABLE_STATES and not template._step_of(self.state):
            labels = dict(self._fields['state']._description_selection(self.env))
            # the step entered next does what entering it does (this method, again)
            self.with_context(hotline_workflow=True)._transition(
                'process_skip', label=_('Step "%(step)s" is not in the process "%(process)s": '
                                        'skipped') % {
                    'step': labels.get(self.state), 'process': template.name})
            return
        if self.state == 'done':
            self._learn_dispatch()

    def _process_next_state(self):
        """FL-1: the state of the next step the request's process has after the skipped
        state the request is in."""
        template = self.process_template_id
        later = [s for s in MAIN_PATH[MAIN_PATH.index(self.state) + 1:]
                 if template._step_of(s)]
        return later[0] if later else 'done'

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
        res = super(HotlineTicketProcess, self)._log_step(
            action, label, opinion=opinion, unit=unit, state_from=state_from)
        if action in self._chatter_action_set():
            # the template rendered into the body, as message_post_with_view does, but
            # posted here: the step's tracked changes go in the same message
            body = self.env['ir.qweb'].render('hotline_dispatch.hotline_ticket_message_step', {
                'label': label, 'unit': unit, 'opinion': opinion}).decode()
            for ticket in self:
                ticket.message_post(body=body, tracking_value_ids=ticket._pop_tracking())
        return res

    @api.model
    @tools.ormcache()
    def _chatter_action_set(self):
        """``_chatter_actions`` once per server (issue 19: it builds the whole table of
        transitions, with their translated labels, at every step written, registration
        included); modules change it only by code."""
        return frozenset(self._chatter_actions())

    def _dispatch_log(self, action, label, opinion=None, unit=None):
        """TK-9: a step of the loop that does not change the request's state."""
        for ticket in self:
            ticket._log_step(action, label, opinion=opinion, unit=unit,
                             state_from=ticket.state)

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
            columns = []
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
                    # the colour of each kind (and of a late step) is in process_diagram.less
                    if current:
                        kind = 'current'
                    elif trail:
                        kind = 'passed'
                    else:
                        kind = 'future'
                    lines = []
                    if step.time_limit_hours:
                        lines.append(_('limit %sh') % ('%g' % step.time_limit_hours))
                    if trail and kind == 'current':
                        lines.append(_('since %s') % ticket._process_time(trail.date))
                    elif trail and kind == 'passed':
                        actor = acted.get(step.state_code) or trail
                        lines.append('%s %s' % (actor.user_id.name,
                                                ticket._process_time(actor.date)))
                    boxes.append({
                        'name': step.name, 'kind': kind, 'late': late, 'lines': lines,
                        'side_state': current and step.unit_role != 'co' and side_state})
                columns.append(boxes)
            # rendered in the reader's language, as the labels above (_())
            reader = self.with_context(lang=self.env.context.get('lang') or self.env.user.lang)
            ticket.process_diagram = reader.env['ir.qweb'].render(
                'hotline_dispatch.hotline_ticket_process_diagram',
                {'template': template, 'columns': columns}).decode()

    def _local_time(self, value):
        """A date and time for a trail line or a message, in the reader's time zone (the
        database keeps UTC): "2027-03-07 18:00", the time the person typed and reads."""
        return fields.Datetime.context_timestamp(
            self, fields.Datetime.from_string(value)).strftime('%Y-%m-%d %H:%M')

    def _process_time(self, value):
        """A date of the process diagram, in the reader's time zone (MM-DD HH:MM)."""
        return fields.Datetime.context_timestamp(
            self, fields.Datetime.from_string(value)).strftime('%m-%d %H:%M')
