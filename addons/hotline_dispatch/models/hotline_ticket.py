# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""DS-1…DS-3, UN-2…UN-5, CB-1…CB-4: the dispatch loop's fields of a request, its rows of the
transition table and the write guard.

The rest of the loop is split by concern, each file extending ``hotline.ticket``:
- ``hotline_ticket_process.py``: the process template's steps, checks, trail and diagram
  (FL-1…FL-3);
- ``hotline_ticket_dispatch_stat.py``: the learned dispatch suggestions and accuracy (DS-5);
- ``hotline_ticket_auto_dispatch.py``: automatic and timed dispatch (DS-4);
- ``hotline_ticket_actions.py``: the office's and the units' actions.
"""
import datetime

import psycopg2

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.hotline_core.models.hotline_ticket import STATES as CORE_STATES
from odoo.addons.hotline_core.tools.text import title_keywords
from odoo.addons.hotline_core.tools.workflow import Transition

# PostgreSQL's "lock_not_available", raised by FOR UPDATE NOWAIT.
LOCK_NOT_AVAILABLE = '55P03'
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
# the request's states where its main unit has it, and those where the office may dispatch
# or close it
UNIT_STATES = ('dispatched', 'in_progress')
OFFICE_STATES = ('submitted', 'returned', 'to_audit', 'callback_failed')
# the main unit reported its result; the office audits it or calls the citizen back
ANSWERING_STATES = ('to_audit', 'to_callback')
SUBMITTED_STATES = ('submitted',)
TO_CALLBACK_STATES = ('to_callback',)


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
    unit_result = fields.Text(readonly=True, copy=False,
                              help='The result the main unit reported to the office.')
    dispatch_count = fields.Integer('Dispatches', default=0, readonly=True, copy=False)
    return_count = fields.Integer('Returns by Units', default=0, readonly=True, copy=False)
    dissatisfied_count = fields.Integer(
        'Unsatisfied Callbacks', default=0, readonly=True, copy=False)
    urge_count = fields.Integer('Urged', default=0, readonly=True, copy=False)
    special_supervision = fields.Boolean(
        readonly=True, copy=False, index=True,
        track_visibility='onchange',
        help='Set when the citizen is unsatisfied a second time (特别督办): the unit leader '
             'must give an opinion before the unit handles the request again.')
    hot_qa_pushed = fields.Boolean(
        'Pushed to Hot Q&A', readonly=True, copy=False,
        help='The office proposed this closed request for the hot Q&A of the website (CB-4); '
             'the website module decides what it shows.')

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

    def _transition(self, action, opinion=None, vals=None, label=None):
        """FL-1: besides the transition table, the process template of each request decides:
        the step it is in may limit the actions, no step may be jumped over, and entering a
        step starts its time limit (or skips it when the template leaves it out)."""
        self = self.with_context(hotline_workflow=True)
        for ticket in self:
            ticket._process_check(action)
        return super()._transition(action, opinion=opinion, vals=vals, label=label)

    def _transition_values(self, action, transition, values):
        # the step's deadline goes with the transition's own write (one write, one
        # audit-log line per transition)
        values = super()._transition_values(action, transition, values)
        values['step_deadline'] = self._process_step_deadline(values['state'])
        return values

    def _transition_target(self, action, transition, vals):
        if action == 'process_skip':
            return self._process_next_state()
        return super()._transition_target(action, transition, vals)

    def _after_transition(self, action, transition, state_from, **kwargs):
        res = super()._after_transition(action, transition, state_from, **kwargs)
        # what the process does next is a step of its own, with its own chatter line
        self.with_context(hotline_tracking=None)._process_enter()
        return res

    # ------------------------------------------------------------------ state machine
    @api.model
    def _get_transitions(self):
        """DS-1…DS-3, UN-2, CB-1…CB-3: the dispatch loop's rows of the one transition table."""
        transitions = super()._get_transitions()
        office = 'hotline_core.group_hotline_dispatcher'
        unit = 'hotline_core.group_hotline_unit_handler'
        transitions.update({
            'ask_leader': Transition(('submitted', 'returned'), 'leader_pending', office,
                                     _('Leader instructions requested')),
            'leader_instruct': Transition(('leader_pending',), 'submitted',
                                          'hotline_core.group_hotline_office_leader',
                                          _('Leader instructions given')),
            'return_agent': Transition(('submitted',), 'draft', office,
                                       _('Returned to the agent for rewriting')),
            'dispatch': Transition(OFFICE_STATES, 'dispatched', office, _('Dispatched')),
            'office_close': Transition(OFFICE_STATES, 'done', office, _('Closed by the office')),
            'sign': Transition(('dispatched',), 'in_progress', unit, _('Signed for')),
            'send_up': Transition(UNIT_STATES, 'dispatched', unit,
                                  _('Sent up to the parent unit')),
            'unit_return': Transition(UNIT_STATES, 'returned', unit,
                                      _('Returned to the office')),
            'report': Transition(('in_progress',), 'to_audit', unit,
                                 _('Result reported to the office')),
            'audit_pass': Transition(('to_audit',), 'to_callback', office, _('Audit passed')),
            'audit_fail': Transition(('to_audit',), 'in_progress', office,
                                     _('Audit failed, back to the unit')),
            'callback_satisfied': Transition(('to_callback',), 'done',
                                             'hotline_core.group_hotline_agent',
                                             _('Callback: citizen satisfied')),
            'callback_unsatisfied': Transition(('to_callback',), 'callback_failed',
                                               'hotline_core.group_hotline_agent',
                                               _('Callback: citizen unsatisfied')),
            'rehandle': Transition(('callback_failed',), 'in_progress', office,
                                   _('Sent back to the unit for re-handling')),
            # FL-1: where a failed control rule sends the request when its process says so
            # (fired by the process on behalf of whoever decided the rule).
            'process_back_sign': Transition(
                ('to_audit', 'callback_failed'), 'dispatched', office,
                _('Back to the unit to sign for again (process rule)')),
            'process_back_review': Transition(
                ('to_audit',), 'submitted', office,
                _('Back to the office review (process rule)')),
            # FL-1: a state the request's process leaves out is passed on at once to the
            # next step the process has (_process_enter); the system takes this step on
            # behalf of whoever entered the state, hence no group
            'process_skip': Transition(SKIPPABLE_STATES, None, None, _('Step skipped')),
        })
        return transitions

    @api.model
    def _state_groups(self):
        return dict(super()._state_groups(), main_path=MAIN_PATH, skippable=SKIPPABLE_STATES,
                    unit=UNIT_STATES, office=OFFICE_STATES, answering=ANSWERING_STATES,
                    submitted=SUBMITTED_STATES, to_callback=TO_CALLBACK_STATES)

    @api.model
    def _transition_buttons(self):
        buttons = super()._transition_buttons()
        buttons['action_open_dispatch_wizard'] = 'dispatch'
        # the office's opinion wizard fires the action its button names
        buttons.update({('action_open_office_wizard', action): action for action in (
            'ask_leader', 'leader_instruct', 'return_agent', 'office_close', 'audit_pass',
            'audit_fail', 'callback_satisfied', 'callback_unsatisfied', 'rehandle', 'urge')})
        return buttons

    @api.model
    def _transition_button_states(self):
        # UN-5: urging changes no state; the office urges while the units have the request
        return dict(super()._transition_button_states(), urge=UNIT_STATES)

    @api.model
    def _chatter_actions(self):
        """TK-9: the steps that also go to the chatter: the dispatch loop's transitions
        (this class's rows of the table, not core's) and its steps without a transition."""
        return set(self._get_transitions()) - set(super()._get_transitions()) - {
            'process_skip'} | {
            'unit_sign', 'unit_entry', 'unit_forward', 'unit_complete', 'unit_return_parent',
            'unit_add_units', 'unit_send_back', 'extension_request', 'extension_approved',
            'extension_refused', 'leader_opinion', 'urge', 'hot_qa_pushed', 'co_opinion'}

    @api.model
    def _process_state_map(self):
        mapping = super()._process_state_map()
        mapping['leader_pending'] = 'unprocessed'
        return mapping

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
        """The offices' and units' queues read requests by main unit and state."""
        res = super().init()
        self._cr.execute(
            'CREATE INDEX IF NOT EXISTS hotline_ticket_main_unit_state_idx '
            'ON hotline_ticket (main_unit_id, state)')
        return res

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
