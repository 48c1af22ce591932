# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""DS-1…DS-3, UN-2…UN-5, CB-1…CB-4: what the office and the units do with a request — the
office's actions, the units' actions on a request over XML-RPC, and the wizards' openers."""
import datetime

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .hotline_ticket_assignment import ACTIVE_STATES as ACTIVE_ASSIGNMENT_STATES, OPEN_STATES


class HotlineTicketActions(models.Model):
    """The office's and the units' actions on a request."""
    _inherit = 'hotline.ticket'

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
            open_ones._transition('cancel')
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
                    _('Request %(ticket)s was returned for rewriting: %(opinion)s') % {
                        'ticket': ticket.name, 'opinion': opinion},
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
            lambda a: a.state in ACTIVE_ASSIGNMENT_STATES)._transition('cancel')

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
            main.sudo()._transition('reopen')
            main._notify_unit(_(
                'Request %(ticket)s failed the audit and is back with you: %(opinion)s') % {
                    'ticket': ticket.name, 'opinion': opinion})
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
                main.sudo()._transition('reopen')
                main._notify_unit(_(
                    'Request %(ticket)s failed the audit and is back with you: %(opinion)s') % {
                        'ticket': self.name, 'opinion': opinion})
            else:
                # The citizen's dissatisfaction was recorded by the agent; the process,
                # approved by the office leader, sends the request back on the office's
                # behalf.
                self.sudo().action_rehandle(opinion=opinion)
            return
        # back to signing: the main unit signs for the request again
        self.sudo().with_context(hotline_step_unit_id=main.unit_id.id)._transition(
            'process_back_sign', opinion=opinion)
        main.sudo()._transition('sign_again', vals={
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
            main.sudo()._transition('reopen', vals={
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
                lambda a: a.state in OPEN_STATES and a.role != 'cc')
            if not targets:
                raise UserError(_('Request %s: no unit is handling it now.') % ticket.name)
            ticket.with_context(hotline_workflow=True).write(
                {'urge_count': ticket.urge_count + 1})
            for assignment in targets:
                assignment.sudo().write({'urge_count': assignment.urge_count + 1})
                ticket._dispatch_log('urge', _('Urged'), opinion=message,
                                     unit=assignment.unit_id)
                assignment._notify_unit(
                    _('Urgent: the office urges you to handle request %(ticket)s. %(message)s')
                    % {'ticket': ticket.name, 'message': message or ''}, warning=True)
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
            unit_id, roles=('main',), states=OPEN_STATES).action_return(
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
            unit_id, roles=('main',), states=OPEN_STATES).action_send_up(opinion)

    @api.multi
    def action_request_extension(self, new_deadline, reason, unit_id=None):
        """UN-4 (XML-RPC): ask the office for more time."""
        return self._my_assignment(unit_id, states=OPEN_STATES) \
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
