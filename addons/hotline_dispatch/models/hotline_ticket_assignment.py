# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""A unit's part of a request (hotline.ticket.assignment, DS-1, UN-2 … UN-4): its
fields, its transition table and the unit's actions (sign, handle, forward down, send up, return,
complete, co-unit opinion, extension request).

Longer than ~500 lines on purpose: every unit action is a button of the same form that fires one
transition of the table above it, with its own checks and trail text; they are read together
when a transition changes. Extensions, handling notes and the part mixin are in files of their
own.
"""
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.hotline_core.tools.workflow import Transition

ROLES = [
    ('main', 'Main unit'),
    ('co', 'Co-unit'),
    ('cc', 'Copied'),
]
STATES = [
    ('to_sign', 'To sign for'),
    ('in_progress', 'In progress'),
    ('forwarded', 'Forwarded down'),
    ('done', 'Completed'),
    ('returned', 'Returned'),
    ('cc', 'For information'),
    ('cancelled', 'Cancelled'),
]
# Named groups of the states above, for the other modules' domains and SQL (state codes are
# typed here only): the unit still has to answer; it is handling or must sign for it.
ACTIVE_STATES = ('to_sign', 'in_progress', 'forwarded')
OPEN_STATES = ('to_sign', 'in_progress')
DONE_STATES = ('done',)
RETURNED_STATES = ('returned',)
CANCELLED_STATES = ('cancelled',)
TO_SIGN_STATES = ('to_sign',)
IN_PROGRESS_STATES = ('in_progress',)


class HotlineTicketAssignment(models.Model):
    """DS-1, UN-2…UN-4: one unit's part in a request — main unit, co-unit or copy — as
    dispatched by the office or forwarded by a unit above (``parent_id``).

    Users only read assignments; every change goes through the ``action_*`` methods below,
    which check that the acting user belongs to the assignment's unit, and lock the request.
    """
    _name = 'hotline.ticket.assignment'
    _inherit = ['hotline.workflow.mixin']
    _description = 'Request Assignment'
    _order = 'id desc'
    _rec_name = 'unit_id'

    # -- identity and relations
    ticket_id = fields.Many2one(
        'hotline.ticket', 'Request', required=True, index=True, ondelete='cascade')
    unit_id = fields.Many2one('hotline.unit', 'Unit', required=True, index=True)
    role = fields.Selection(ROLES, required=True, default='main', index=True)
    parent_id = fields.Many2one(
        'hotline.ticket.assignment', 'Reports To', index=True, ondelete='cascade',
        help='The assignment of the unit this one answers to: the forwarding unit, or the '
             'main unit for co-units and copies.')
    child_ids = fields.One2many('hotline.ticket.assignment', 'parent_id', 'Sub-assignments')
    # NF-2: what the units' record rule reads — the unit above and the units below, kept on
    # the row itself, so that the rule is a condition on units (a short list) and never a
    # list of the ids of every assignment a unit ever had
    parent_unit_id = fields.Many2one(
        'hotline.unit', 'Unit Above', related='parent_id.unit_id', store=True, index=True,
        readonly=True)
    child_unit_ids = fields.Many2many(
        'hotline.unit', 'hotline_assignment_child_unit_rel', 'assignment_id', 'unit_id',
        'Units Below', compute='_compute_child_unit_ids', store=True)
    dispatched_by = fields.Many2one('res.users', 'Sent By', readonly=True)
    supervise = fields.Boolean('For Supervision', help='Parent of the main unit, copied.')
    redispatch = fields.Boolean('Re-dispatch', help='The request had been dispatched before.')
    # -- ticket data for lists and desks
    ticket_name = fields.Char(related='ticket_id.name', readonly=True)
    ticket_title = fields.Char(related='ticket_id.title', readonly=True)
    ticket_state = fields.Selection(related='ticket_id.state', readonly=True)
    special_supervision = fields.Boolean(related='ticket_id.special_supervision',
                                         readonly=True)
    # -- what the citizen asked, shown on the assignment so that a unit signs for a request
    # knowing what it is (issue 16, UN-2); related fields read the request as the system
    # would, which is what the unit may see: the assignment is its own part in that request
    ticket_type = fields.Selection(related='ticket_id.ticket_type', readonly=True)
    ticket_channel = fields.Selection(related='ticket_id.channel', readonly=True)
    ticket_register_date = fields.Datetime(related='ticket_id.register_date', readonly=True)
    ticket_category_id = fields.Many2one(related='ticket_id.category_id', readonly=True)
    ticket_urgent = fields.Boolean(related='ticket_id.urgent', readonly=True)
    ticket_content = fields.Text(related='ticket_id.content', readonly=True)
    ticket_location_id = fields.Many2one(related='ticket_id.location_id', readonly=True)
    ticket_address = fields.Char(related='ticket_id.address', readonly=True)
    ticket_contact_name = fields.Char(
        'Contact Name', compute='_compute_ticket_contact',
        help='Hidden when the citizen asked not to be identified to units.')
    ticket_contact_phone = fields.Char('Contact Phone', compute='_compute_ticket_contact')
    ticket_contact_address = fields.Char('Contact Address', compute='_compute_ticket_contact')
    # -- state
    state = fields.Selection(STATES, required=True, default='to_sign', index=True)
    opinion = fields.Text('Instructions', help='Opinion of whoever sent the request here.')
    date_deadline = fields.Datetime('Deadline', index=True)
    date_signed = fields.Datetime('Signed On', readonly=True)
    date_done = fields.Datetime('Completed On', readonly=True)
    commitment_date = fields.Date(
        help='When the unit promises to solve what it could not solve at '
             'once (UN-4).')
    result = fields.Text('Result / Opinion')
    solved = fields.Boolean()
    late = fields.Boolean('Submitted Late', readonly=True)
    return_reason_id = fields.Many2one('hotline.return.reason', 'Return Reason')
    return_detail = fields.Text('Return Details')
    suggested_unit_id = fields.Many2one('hotline.unit', 'Suggested Unit')
    leader_opinion_required = fields.Boolean()
    leader_opinion = fields.Text('Unit Leader Opinion')
    urge_count = fields.Integer('Urged')
    handling_ids = fields.One2many('hotline.ticket.handling', 'assignment_id',
                                   'Handling Entries')
    extension_ids = fields.One2many('hotline.ticket.extension', 'assignment_id',
                                    'Extension Requests')
    is_overdue = fields.Boolean(compute='_compute_is_overdue', search='_search_is_overdue')

    @api.depends('child_ids.unit_id')
    def _compute_child_unit_ids(self):
        for assignment in self:
            assignment.child_unit_ids = assignment.child_ids.mapped('unit_id')

    @api.depends('ticket_id.contact_name', 'ticket_id.contact_phone',
                 'ticket_id.contact_address', 'ticket_id.anonymous')
    def _compute_ticket_contact(self):
        """UN-2: the citizen's contact as the unit needs it to handle the request, unless
        the citizen asked not to be identified to units (then a word saying so)."""
        hidden = _('(anonymous: ask the hotline office)')
        # sudo: the user reads this assignment (the units' record rule let them), and these
        # three fields of its request are what that unit needs to call the citizen back
        for assignment in self:
            ticket = assignment.sudo().ticket_id
            if ticket.anonymous:
                assignment.ticket_contact_name = hidden
                assignment.ticket_contact_phone = hidden
                assignment.ticket_contact_address = hidden
            else:
                assignment.ticket_contact_name = ticket.contact_name
                assignment.ticket_contact_phone = ticket.contact_phone
                assignment.ticket_contact_address = ticket.contact_address

    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for assignment in self:
            assignment.is_overdue = bool(
                assignment.date_deadline and assignment.date_deadline < now
                and assignment.state in ACTIVE_STATES)

    def _search_is_overdue(self, operator, value):
        domain = ['&', ('date_deadline', '<', fields.Datetime.now()),
                  ('state', 'in', ACTIVE_STATES)]
        if (operator in ('=', '==')) == bool(value):
            return domain
        return ['!'] + domain

    # ------------------------------------------------------------------ helpers
    def _check_member(self, manager=False):
        """UN-2: only the staff of the assignment's unit (or its manager) may act on it."""
        if self.env.uid == SUPERUSER_ID:
            return
        user = self.env.user
        for assignment in self:
            unit = assignment.unit_id
            if manager:
                allowed = user == unit.manager_id or (
                    user in unit.user_ids
                    and user.has_group('hotline_core.group_hotline_unit_manager'))
            else:
                allowed = user in unit.user_ids or user == unit.manager_id
            if not allowed or not user.has_group('hotline_core.group_hotline_unit_handler'):
                if manager:
                    raise AccessError(_(
                        'Only the leader of %s can give this opinion.') % unit.complete_name)
                raise AccessError(_(
                    'You do not belong to %(unit)s: you cannot act on its part of request '
                    '%(ticket)s.') % {
                        'unit': unit.complete_name, 'ticket': assignment.ticket_id.name})

    # ------------------------------------------------------------------ state machine
    @api.model
    def _get_transitions(self):
        """UN-2, UN-3, DS-1, CB-1…CB-3: the one table of an assignment's states. No group:
        the actions check that the user belongs to the unit (``_check_member``), the
        request's transition checks the office's role, then the assignment follows."""
        return {
            'sign': Transition(('to_sign',), 'in_progress', None, _('Sign for')),
            'complete': Transition(('in_progress',), 'done', None, _('Complete')),
            'return': Transition(OPEN_STATES, 'returned', None, _('Return')),
            'send_up': Transition(OPEN_STATES, 'returned', None, _('Send up')),
            'forward': Transition(('in_progress',), 'forwarded', None, _('Forward')),
            'send_back': Transition(('done',), 'in_progress', None, _('Send back')),
            # the unit below answered (completed, returned, sent up): the forwarding unit
            # has the request again
            'resume': Transition(('forwarded', 'in_progress'), 'in_progress', None,
                                 _('Back from the unit below')),
            # the office sends the main unit's completed part back (audit failed, citizen
            # unsatisfied), to handle again or, by its process, to sign for again
            'reopen': Transition(('done',), 'in_progress', None, _('Handle again')),
            'sign_again': Transition(('done',), 'to_sign', None, _('Sign for again')),
            # the office dispatched again, closed the request, or the main unit returned it
            'cancel': Transition(ACTIVE_STATES + ('done', 'cc'), 'cancelled', None,
                                 _('Cancel')),
        }

    @api.model
    def _state_groups(self):
        return dict(super()._state_groups(), active=ACTIVE_STATES, open=OPEN_STATES,
                    done=DONE_STATES, returned=RETURNED_STATES, cancelled=CANCELLED_STATES,
                    to_sign=TO_SIGN_STATES, in_progress=IN_PROGRESS_STATES)

    @api.model
    def _transition_buttons(self):
        return {'action_sign': 'sign'}

    def _transition_refusal(self, action, transition):
        return _('%(unit)s of request %(ticket)s is "%(state)s": "%(action)s" is not possible '
                 'now.') % {
            'unit': self.unit_id.complete_name, 'ticket': self.ticket_id.name,
            'state': self._state_label(), 'action': transition.label}

    def _check_state(self, states, what):
        """For the actions that do not change the state (record handling, add units,
        request an extension): refuse them outside ``states``."""
        labels = dict(self._fields['state']._description_selection(self.env))
        for assignment in self:
            if assignment.state not in states:
                raise UserError(_(
                    '%(unit)s of request %(ticket)s is "%(state)s": "%(action)s" is not possible '
                    'now.') % {
                        'unit': assignment.unit_id.complete_name,
                        'ticket': assignment.ticket_id.name,
                        'state': labels[assignment.state], 'action': what})

    def _check_role(self, roles, what):
        for assignment in self:
            if assignment.role not in roles:
                raise UserError(_('Only the main unit can do "%(action)s" on request %(ticket)s.')
                                % {'action': what, 'ticket': assignment.ticket_id.name})

    def _log(self, action, label, opinion=None, unit=None):
        for assignment in self:
            assignment.ticket_id._dispatch_log(action, label, opinion=opinion,
                                               unit=unit or assignment.unit_id)

    def _unit_users(self):
        return (self.mapped('unit_id.user_ids') | self.mapped('unit_id.manager_id')).filtered(
            'active')

    def _notify_unit(self, message, warning=False):
        """UN-5: pop-up for the unit's users."""
        users = self.sudo()._unit_users().filtered(lambda u: u.id != self.env.uid)
        # Notifying other users is the point; web_notify refuses it to non-superusers.
        if warning:
            users.sudo().notify_warning(message, title=_('12345 Hotline'))
        else:
            users.sudo().notify_info(message, title=_('12345 Hotline'))

    def _announce(self):
        """UN-5: a new assignment pops up for its unit and becomes a to-do with its deadline
        (mail activity) for the unit's users."""
        todo = self.env.ref('mail.mail_activity_data_todo')
        model = self.env['ir.model']._get('hotline.ticket')
        for assignment in self:
            role = dict(self._fields['role']._description_selection(self.env))[assignment.role]
            assignment._notify_unit(_('New request %(ticket)s for your unit (%(role)s): %(title)s')
                                    % {'ticket': assignment.ticket_id.name, 'role': role,
                                       'title': assignment.ticket_id.title})
            if assignment.role == 'cc':
                continue
            deadline = fields.Date.to_string(
                fields.Datetime.from_string(assignment.date_deadline or fields.Datetime.now()))
            for user in assignment.sudo()._unit_users():
                # The activity belongs to the unit's user, created on the office's behalf.
                self.env['mail.activity'].sudo().create({
                    'res_model_id': model.id,
                    'res_id': assignment.ticket_id.id,
                    'activity_type_id': todo.id,
                    'user_id': user.id,
                    'date_deadline': deadline,
                    'summary': _('Sign for and handle request %s') % assignment.ticket_id.name,
                })

    def _close_activities(self):
        """The unit's to-dos end once one of its users has signed. The trail and the chatter
        already say who signed and when, so they are removed rather than marked done: a
        "done" note per unit user (action_feedback renders a template for each) would repeat
        that line as many times as the unit has users, and cost more than the signing."""
        for assignment in self:
            self.env['mail.activity'].sudo().search([
                ('res_model', '=', 'hotline.ticket'),
                ('res_id', '=', assignment.ticket_id.id),
                ('user_id', 'in', assignment.sudo()._unit_users().ids),
            ]).unlink()

    def _create_children(self, main_unit=None, co_units=None, cc_units=None, anchor=None,
                         opinion=None, deadline=None):
        """Create forwarded / added assignments below ``anchor`` and give their units sight
        of the request."""
        Assignment = self.env['hotline.ticket.assignment']
        ticket = self.ticket_id
        vals = {'ticket_id': ticket.id, 'opinion': opinion,
                'date_deadline': deadline or self.date_deadline,
                'dispatched_by': self.env.uid}
        created = Assignment.sudo()
        # Creation is reached only through the checked action methods.
        if main_unit:
            anchor = Assignment.sudo().create(dict(
                vals, unit_id=main_unit.id, role='main', parent_id=self.id))
            created |= anchor
        for unit in co_units or []:
            created |= Assignment.sudo().create(dict(
                vals, unit_id=unit.id, role='co', parent_id=anchor.id))
        for unit in cc_units or []:
            created |= Assignment.sudo().create(dict(
                vals, unit_id=unit.id, role='cc', parent_id=anchor.id, state='cc'))
        units = created.mapped('unit_id')
        # unit_ids is what the record rules read: every unit involved must be in it.
        ticket.sudo().write({'unit_ids': [(4, u.id) for u in units]})
        created._announce()
        return created

    @api.model
    def _cron_remind(self):
        """UN-5: periodic pop-ups — each unit's users hear how many of its requests are
        overdue, the agents how many citizens wait for a callback. Counted with read_group
        (one query each), never record by record."""
        groups = self.read_group(
            [('is_overdue', '=', True), ('role', '!=', 'cc')], ['unit_id'], ['unit_id'])
        Unit = self.env['hotline.unit']
        for group in groups:
            unit = Unit.browse(group['unit_id'][0])
            users = (unit.user_ids | unit.manager_id).filtered('active')
            # Notifying other users is the point; web_notify refuses it to non-superusers.
            users.sudo().notify_warning(
                _('%(count)d requests of %(unit)s are overdue.') % {
                    'count': group['unit_id_count'], 'unit': unit.complete_name},
                title=_('12345 Hotline'))
        callbacks = self.env['hotline.ticket'].search_count([('state', '=', 'to_callback')])
        if callbacks:
            agents = self.env.ref('hotline_core.group_hotline_agent').sudo().users
            agents.sudo().notify_info(
                _('%d citizens are waiting for a callback.') % callbacks,
                title=_('12345 Hotline'))
        return True

    # ------------------------------------------------------------------ unit actions
    @api.multi
    def action_sign(self):
        """UN-2: the unit signs for the request (签收)."""
        for assignment in self:
            assignment._check_member()
            ticket = assignment.ticket_id
            ticket._lock_for_update()
            assignment._check_transition('sign')
            assignment.sudo()._transition('sign', vals={'date_signed': fields.Datetime.now()})
            if assignment.role == 'main' and not assignment.parent_id \
                    and ticket.state == 'dispatched':
                ticket.with_context(hotline_step_unit_id=assignment.unit_id.id)._transition(
                    'sign')
            else:
                assignment._log('unit_sign', _('Signed for'))
            assignment._close_activities()
        return True

    @api.multi
    def action_add_entry(self, solution, cause=None, outcome='solved'):
        """UN-2: record a handling entry (cause, solution, outcome); several are allowed."""
        self.ensure_one()
        self._check_member()
        self.ticket_id._lock_for_update()
        self._check_state(('in_progress',), _('Record handling'))
        if not (solution or '').strip():
            raise UserError(_('Describe what was done (the solution).'))
        entry = self.env['hotline.ticket.handling'].sudo().create({
            'assignment_id': self.id, 'cause': cause, 'solution': solution,
            'outcome': outcome, 'user_id': self.env.uid})
        self._log('unit_entry', _('Handling recorded'), opinion=solution)
        return entry.id

    @api.multi
    def action_complete(self, result, solved=True, commitment_date=None):
        """UN-2, UN-3, UN-4: complete one's part.

        Main unit: its co-units must have answered; under special supervision the leader's
        opinion comes first; if not solved at once a commitment date is required. A
        forwarded main unit reports to the unit above; the office's main unit reports to
        the office (request → to audit). A co-unit submits its opinion to the main unit."""
        self.ensure_one()
        self._check_member()
        ticket = self.ticket_id
        ticket._lock_for_update()
        self._check_transition('complete')
        self._check_role(('main', 'co'), _('Complete'))
        if not (result or '').strip():
            raise UserError(_('Write the result of the handling.'))
        if not solved and not commitment_date:
            raise UserError(_(
                'The request is not solved yet: give the date by which your unit commits to '
                'solve it.'))
        if self.leader_opinion_required and not self.leader_opinion:
            raise UserError(_(
                'Request %s is under special supervision: your unit leader must give an '
                'opinion before it is handled again.') % ticket.name)
        if self.role == 'main':
            waiting = self.child_ids.filtered(
                lambda a: a.role in ('main', 'co') and a.state in ACTIVE_STATES)
            if waiting:
                raise UserError(_('Wait for %s to answer before completing.') % ', '.join(
                    waiting.mapped('unit_id.complete_name')))
        now = fields.Datetime.now()
        self.sudo()._transition('complete', vals={
            'result': result, 'solved': bool(solved),
            'commitment_date': commitment_date or False, 'date_done': now,
            'late': bool(self.date_deadline and self.date_deadline < now),
        })
        if self.role == 'co':
            self._log('co_opinion', _('Co-unit opinion submitted'), opinion=result)
            self.parent_id._notify_unit(_('Request %(ticket)s: %(unit)s submitted its opinion.') % {
                'ticket': ticket.name, 'unit': self.unit_id.complete_name})
        elif self.parent_id:
            self.parent_id.sudo()._transition('resume')
            self._log('unit_complete', _('Completed, reported to %s') %
                      self.parent_id.unit_id.complete_name, opinion=result)
            self.parent_id._notify_unit(
                _('Request %(ticket)s: %(unit)s completed its handling.') % {
                    'ticket': ticket.name, 'unit': self.unit_id.complete_name})
        else:
            ticket.with_context(hotline_step_unit_id=self.unit_id.id)._transition(
                'report', opinion=result, vals={'unit_result': result})
            ticket._notify_office(_('Request %(ticket)s: %(unit)s reported its result.') % {
                'ticket': ticket.name, 'unit': self.unit_id.complete_name})
        return True

    @api.multi
    def action_return(self, reason_id, detail=None, suggested_unit_id=None):
        """UN-2: the main unit sends the request back — to the office, or to the unit that
        forwarded it — with a reason from the dictionary and a suggested unit."""
        self.ensure_one()
        self._check_member()
        ticket = self.ticket_id
        ticket._lock_for_update()
        self._check_transition('return')
        self._check_role(('main',), _('Return'))
        reason = self.env['hotline.return.reason'].browse(reason_id or []).exists()
        if not reason:
            raise UserError(_('Choose the reason for returning the request.'))
        suggested = self.env['hotline.unit'].browse(suggested_unit_id or []).exists()
        self.sudo()._transition('return', vals={
            'return_reason_id': reason.id, 'return_detail': detail,
            'suggested_unit_id': suggested.id})
        self.child_ids.sudo().filtered(
            lambda a: a.state in OPEN_STATES + ('cc',))._transition('cancel')
        opinion = reason.name + ('：%s' % detail if detail else '')
        if suggested:
            opinion += ' ' + _('(suggested unit: %s)') % suggested.complete_name
        if self.parent_id:
            self.parent_id.sudo()._transition('resume')
            self._log('unit_return_parent', _('Returned to %s') %
                      self.parent_id.unit_id.complete_name, opinion=opinion)
            self.parent_id._notify_unit(_('Request %(ticket)s was returned by %(unit)s.') % {
                'ticket': ticket.name, 'unit': self.unit_id.complete_name})
        else:
            ticket._cancel_open_assignments()
            ticket.with_context(hotline_step_unit_id=self.unit_id.id)._transition(
                'unit_return', opinion=opinion, vals={'return_count': ticket.return_count + 1})
            ticket._notify_office(_('Request %(ticket)s was returned by %(unit)s.') % {
                'ticket': ticket.name, 'unit': self.unit_id.complete_name})
        return True

    @api.multi
    def action_forward(self, main_unit_id, co_unit_ids=None, cc_unit_ids=None, opinion=None,
                       deadline=None):
        """UN-2: forward one level down (district → street or district bureau; street →
        community) to one main unit and any co/CC units, all sub-units of this unit."""
        self.ensure_one()
        self._check_member()
        self.ticket_id._lock_for_update()
        self._check_transition('forward')
        self._check_role(('main',), _('Forward'))
        Unit = self.env['hotline.unit']
        main = Unit.browse(main_unit_id or []).exists()
        if not main:
            raise UserError(_('Choose the unit to forward the request to.'))
        co = Unit.browse(co_unit_ids or []).exists() - main
        cc = Unit.browse(cc_unit_ids or []).exists() - main - co
        wrong = (main | co | cc).filtered(lambda u: u.parent_id != self.unit_id)
        if wrong:
            raise UserError(_('%(unit)s can only forward one level down, to its own sub-units; '
                              'not to %(wrong)s.') % {
                                  'unit': self.unit_id.complete_name,
                                  'wrong': ', '.join(wrong.mapped('complete_name'))})
        if deadline and self.date_deadline and deadline > self.date_deadline:
            raise UserError(_('The sub-unit deadline cannot be later than your own.'))
        self.sudo()._transition('forward')
        self._create_children(main_unit=main, co_units=co, cc_units=cc, opinion=opinion,
                              deadline=deadline)
        self._log('unit_forward', _('Forwarded to %s') % main.complete_name, opinion=opinion)
        return True

    @api.multi
    def action_send_up(self, opinion):
        """UN-2: send the request up to the parent unit (back to the forwarding unit, or,
        for a unit the office dispatched to directly, to its parent unit as new main unit)."""
        self.ensure_one()
        self._check_member()
        ticket = self.ticket_id
        ticket._lock_for_update()
        self._check_transition('send_up')
        self._check_role(('main',), _('Send up'))
        if not (opinion or '').strip():
            raise UserError(_('Say why the request goes up to the parent unit.'))
        if self.parent_id:
            self.sudo()._transition('send_up', vals={'return_detail': opinion})
            self.parent_id.sudo()._transition('resume')
            self._log('unit_return_parent', _('Sent up to %s') %
                      self.parent_id.unit_id.complete_name, opinion=opinion)
            self.parent_id._notify_unit(_('Request %(ticket)s was sent up by %(unit)s.') % {
                'ticket': ticket.name, 'unit': self.unit_id.complete_name})
            return True
        parent = self.unit_id.parent_id
        if not parent.parent_id:
            raise UserError(_('%s has no parent unit to send the request up to; return it to '
                              'the office instead.') % self.unit_id.complete_name)
        self.sudo()._transition('send_up', vals={'return_detail': opinion})
        ticket.with_context(hotline_step_unit_id=self.unit_id.id)._transition(
            'send_up', opinion=opinion, vals={'main_unit_id': parent.id})
        new = self.env['hotline.ticket.assignment'].sudo().create({
            'ticket_id': ticket.id, 'unit_id': parent.id, 'role': 'main',
            'opinion': opinion, 'date_deadline': self.date_deadline,
            'dispatched_by': self.env.uid})
        ticket.sudo().write({'unit_ids': [(4, parent.id)]})
        new._announce()
        return True

    @api.multi
    def action_add_units(self, co_unit_ids=None, cc_unit_ids=None, opinion=None):
        """UN-3: the main unit or a co-unit brings in further co/CC units; they answer to
        the main unit."""
        self.ensure_one()
        self._check_member()
        self.ticket_id._lock_for_update()
        self._check_state(('in_progress',), _('Add units'))
        self._check_role(('main', 'co'), _('Add units'))
        anchor = self if self.role == 'main' else self.parent_id
        Unit = self.env['hotline.unit']
        existing = anchor.child_ids.filtered(lambda a: a.state != 'cancelled').mapped('unit_id')
        co = Unit.browse(co_unit_ids or []).exists() - existing - anchor.unit_id
        cc = Unit.browse(cc_unit_ids or []).exists() - existing - anchor.unit_id - co
        if not co and not cc:
            raise UserError(_('Choose at least one unit not already involved.'))
        anchor._create_children(co_units=co, cc_units=cc, anchor=anchor, opinion=opinion)
        self._log('unit_add_units', _('Units added: %s') % ', '.join(
            (co | cc).mapped('complete_name')), opinion=opinion)
        return True

    @api.multi
    def action_send_back(self, opinion):
        """UN-3: the main unit sends a co-unit's opinion back to be redone."""
        self.ensure_one()
        self.parent_id._check_member()
        self.ticket_id._lock_for_update()
        self._check_role(('co',), _('Send back'))
        self._check_transition('send_back')
        if not (opinion or '').strip():
            raise UserError(_('Say what the co-unit should redo.'))
        self.sudo()._transition('send_back')
        self._log('unit_send_back', _('Co-unit opinion sent back for redo'), opinion=opinion)
        self._notify_unit(_('Request %(ticket)s: the main unit sent your opinion back: '
                            '%(opinion)s') % {'ticket': self.ticket_id.name, 'opinion': opinion},
                          warning=True)
        return True

    @api.multi
    def action_request_extension(self, new_deadline, reason):
        """UN-4: ask the office for a later deadline (申请延期)."""
        self.ensure_one()
        self._check_member()
        self.ticket_id._lock_for_update()
        self._check_state(OPEN_STATES, _('Request an extension'))
        if not (reason or '').strip():
            raise UserError(_('Give the reason for the extension.'))
        if not new_deadline or (self.date_deadline and new_deadline <= self.date_deadline):
            raise UserError(_('The requested deadline must be later than the current one.'))
        if self.extension_ids.filtered(lambda e: e.state == 'pending'):
            raise UserError(_('An extension request is already waiting for the office.'))
        extension = self.env['hotline.ticket.extension'].sudo().create({
            'assignment_id': self.id, 'reason': reason, 'new_deadline': new_deadline,
            'old_deadline': self.date_deadline, 'user_id': self.env.uid})
        self._log('extension_request', _('Extension requested until %s')
                  % self.ticket_id._local_time(new_deadline), opinion=reason)
        self.ticket_id._notify_office(_('Request %(ticket)s: %(unit)s asks for an extension.') % {
            'ticket': self.ticket_id.name, 'unit': self.unit_id.complete_name})
        return extension.id

    @api.multi
    def action_leader_opinion(self, opinion):
        """CB-3: under special supervision the unit leader records an opinion before the
        request is handled again."""
        self.ensure_one()
        self._check_member(manager=True)
        self.ticket_id._lock_for_update()
        if not (opinion or '').strip():
            raise UserError(_('Write the leader opinion.'))
        self.sudo().write({'leader_opinion': opinion})
        self._log('leader_opinion', _('Unit leader opinion'), opinion=opinion)
        return True

    @api.multi
    def action_open_wizard(self):
        """Opens the opinion wizard for one unit action (context key ``wizard_action``)."""
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'name': _('Handle'),
            'res_model': 'hotline.assignment.wizard',
            'view_mode': 'form',
            'target': 'new',
            'context': {'default_assignment_id': self.id,
                        'default_ticket_id': self.ticket_id.id,
                        'default_action': self.env.context.get('wizard_action')},
        }

    @api.multi
    def action_open_forward_wizard(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'name': _('Forward'),
            'res_model': 'hotline.dispatch.wizard',
            'view_mode': 'form',
            'target': 'new',
            'context': {'default_assignment_id': self.id,
                        'default_ticket_id': self.ticket_id.id,
                        'default_mode': self.env.context.get('dispatch_mode', 'forward')},
        }
