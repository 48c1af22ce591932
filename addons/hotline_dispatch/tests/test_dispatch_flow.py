# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime
import json

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import DispatchCase


def _later(days):
    return fields.Datetime.to_string(datetime.datetime.now() + datetime.timedelta(days=days))


class TestOfficeDispatch(DispatchCase):

    def test_dispatch_main_co_cc_and_parent_copied(self):
        """DS-1, TK-9: one main unit, co-units and CC units at several levels at once; the
        main unit's parent is copied for supervision; every unit can see the request; the
        dispatch is on the trail with its unit and opinion, and in the chatter."""
        ticket = self._dispatched(main=self.street_a, co=[self.bureau], cc=[self.district_b])
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'dispatched')
        self.assertEqual(ticket.process_state, 'in_process')
        roles = {(a.unit_id, a.role, a.state) for a in ticket.assignment_ids}
        self.assertEqual(roles, {
            (self.street_a, 'main', 'to_sign'),
            (self.bureau, 'co', 'to_sign'),
            (self.district_b, 'cc', 'cc'),
            (self.district_a, 'cc', 'cc'),  # parent of the main unit, for supervision
        })
        self.assertTrue(self._assignment(ticket, self.district_a).supervise)
        self.assertEqual(ticket.unit_ids,
                         self.street_a | self.bureau | self.district_b | self.district_a)
        self.assertTrue(ticket.date_deadline)
        step = ticket.step_ids.filtered(lambda s: s.action == 'dispatch')
        self.assertEqual(step.unit_id, self.street_a)
        self.assertEqual(step.opinion, '请尽快办理。')
        self.assertEqual(step.user_id, self.dispatcher)
        self.assertTrue(ticket.message_ids.filtered(lambda m: '请尽快办理' in (m.body or '')))
        for user in (self.street_a_user, self.bureau_user, self.unit_b_user, self.unit_a_user):
            self.assertTrue(self._visible(user, ticket), user.login)
        # the main unit's users got a to-do with the deadline
        activities = self.env['mail.activity'].search([
            ('res_model', '=', 'hotline.ticket'), ('res_id', '=', ticket.id)])
        self.assertIn(self.street_a_user, activities.mapped('user_id'))

    def test_step_and_its_changes_are_one_chatter_line(self):
        """TK-9: a step of the loop is one line in the chatter — its text (step, unit,
        opinion) with the changes it made (state, main unit) — not a line for the text and
        another for the changes."""
        ticket = self._submitted().with_context(tracking_disable=False)
        before = ticket.sudo().message_ids
        ticket.sudo(self.dispatcher).action_dispatch(self.district_a.id, opinion='请尽快办理。')
        ticket.invalidate_cache()
        lines = ticket.sudo().message_ids - before
        self.assertEqual(len(lines), 1, lines.mapped('body'))
        self.assertIn('请尽快办理。', lines.body)
        changes = {v.field: v.new_value_char for v in lines.tracking_value_ids}
        self.assertIn('state', changes)
        self.assertEqual(changes.get('main_unit_id'), self.district_a.name)

    def test_unit_rules_do_not_grow_with_the_units_history(self):
        """NF-2, issue 9 (found by the load test: signing for took longer every hour): the
        units' rules on assignments and handling entries are conditions on units, not lists
        of the ids of every assignment or request the unit ever had. Tried: 5 more requests
        dispatched to district A; the rules' SQL parameters stay the same."""
        def rule_params(model):
            return self._rule_params(model, self.unit_a_user)
        models = ('hotline.ticket.assignment', 'hotline.ticket.handling')
        first = self._dispatched(main=self.district_a)
        before = {model: rule_params(model) for model in models}
        for _i in range(5):
            self._dispatched(main=self.district_a)
        for model in models:
            self.assertEqual(rule_params(model), before[model], model)
        # what the rule lets through is unchanged: the unit's own, not district B's
        Assignment = self.env['hotline.ticket.assignment']
        self.assertTrue(Assignment.sudo(self.unit_a_user).search(
            [('ticket_id', '=', first.id)]))
        self.assertFalse(Assignment.sudo(self.unit_b_user).search(
            [('ticket_id', '=', first.id)]))

    def test_agent_cannot_dispatch(self):
        """DS-1, NF-2: an agent cannot dispatch; the request stays with the office."""
        ticket = self._submitted()
        with self.assertRaises(AccessError):
            ticket.sudo(self.agent).action_dispatch(self.district_a.id)
        with self.assertRaises(AccessError):
            ticket.sudo(self.unit_a_user).action_dispatch(self.district_a.id)
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'submitted')
        self.assertFalse(ticket.assignment_ids)

    def test_dispatch_needs_main_unit_and_right_state(self):
        """DS-1: no main unit → clear refusal; a draft cannot be dispatched."""
        ticket = self._submitted()
        with self.assertRaisesRegex(UserError, 'main unit|主办单位'):
            ticket.sudo(self.dispatcher).action_dispatch(False)
        draft = self._ticket()
        with self.assertRaises(UserError):
            draft.sudo(self.dispatcher).action_dispatch(self.district_a.id)

    def test_default_main_unit(self):
        """DS-2: vertical bureau → the bureau; non-vertical → the district of the location."""
        city = self.env['hotline.location'].create({'name': '测试市', 'location_type': 'city'})
        district = self.env['hotline.location'].create({
            'name': '甲区', 'location_type': 'district', 'parent_id': city.id,
            'unit_id': self.district_a.id})
        street = self.env['hotline.location'].create({
            'name': '一街道', 'location_type': 'street', 'parent_id': district.id,
            'unit_id': self.street_a.id})
        vertical = self._submitted(bureau_id=self.tax.id, location_id=street.id)
        self.assertEqual(vertical.default_main_unit_id, self.tax)
        local = self._submitted(bureau_id=self.bureau.id, location_id=street.id)
        self.assertEqual(local.default_main_unit_id, self.district_a)
        wizard = local.sudo(self.dispatcher).action_open_dispatch_wizard()
        self.assertEqual(wizard['context']['default_main_unit_id'], self.district_a.id)
        # editable: the office may still choose another main unit
        local.sudo(self.dispatcher).action_dispatch(self.bureau.id)
        local.invalidate_cache()
        self.assertEqual(local.main_unit_id, self.bureau)

    def test_return_to_agent_and_leader_instructions(self):
        """DS-3: return to the agent for rewriting; ask the leader, whose instructions are
        recorded before the dispatch; only the office leader gives them."""
        ticket = self._submitted()
        ticket.sudo(self.dispatcher).action_return_to_agent('请补充事发地址。')
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'draft')
        self.assertEqual(ticket.step_ids[0].opinion, '请补充事发地址。')
        ticket.action_submit()
        ticket.sudo(self.dispatcher).action_ask_leader('涉及多个部门，请领导批示。')
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'leader_pending')
        with self.assertRaises(UserError):
            ticket.sudo(self.dispatcher).action_dispatch(self.district_a.id)
        with self.assertRaises(AccessError):
            ticket.sudo(self.dispatcher).action_leader_instruct('同意派甲区。')
        ticket.sudo(self.office_leader).action_leader_instruct('同意派甲区办理。')
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'submitted')
        self.assertEqual(ticket.leader_instruction, '同意派甲区办理。')
        ticket.sudo(self.dispatcher).action_dispatch(self.district_a.id)
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'dispatched')

    def test_office_closes_directly(self):
        """DS-3: the office closes a request that needs no dispatch, with its reason."""
        ticket = self._submitted()
        with self.assertRaises(UserError):
            ticket.sudo(self.dispatcher).action_office_close('')
        ticket.sudo(self.dispatcher).action_office_close('已电话解释政策。')
        ticket.invalidate_cache()
        self.assertEqual((ticket.state, ticket.process_state), ('done', 'done'))
        self.assertTrue(ticket.date_done)


class TestUnitHandling(DispatchCase):

    def test_sign_forward_complete_through_levels(self):
        """UN-2, TK-9: the district signs and forwards to a street (not two levels down);
        the street signs, records handling entries and completes; the district gets it back
        and reports to the office."""
        ticket = self._dispatched(main=self.district_a)
        district = self._assignment(ticket, self.district_a, 'main')
        district.sudo(self.unit_a_user).action_sign()
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'in_progress')
        self.assertEqual(district.state, 'in_progress')
        self.assertTrue(district.date_signed)
        with self.assertRaisesRegex(UserError, 'one level down|下一级'):
            district.sudo(self.unit_a_user).action_forward(self.community_a.id)
        ticket.sudo(self.unit_a_user).action_forward(
            self.street_a.id, cc_unit_ids=[self.street_a2.id], opinion='请一街道办理。')
        ticket.invalidate_cache()
        self.assertEqual(district.state, 'forwarded')
        street = self._assignment(ticket, self.street_a, 'main')
        self.assertEqual((street.parent_id, street.state), (district, 'to_sign'))
        self.assertIn(self.street_a, ticket.unit_ids)
        self.assertTrue(self._visible(self.street_a_user, ticket))
        ticket.sudo(self.street_a_user).action_sign()
        ticket.sudo(self.street_a_user).action_add_entry(
            '已联系物业维修。', cause='电梯主板损坏', outcome='partly')
        ticket.sudo(self.street_a_user).action_add_entry('电梯已修复。', outcome='solved')
        ticket.sudo(self.street_a_user).action_complete('电梯已修复并通过检验。')
        ticket.invalidate_cache()
        self.assertEqual(street.state, 'done')
        self.assertEqual(len(ticket.handling_ids), 2)
        self.assertEqual(district.state, 'in_progress')
        self.assertEqual(ticket.state, 'in_progress')  # not yet with the office
        ticket.sudo(self.unit_a_user).action_complete('经核实，电梯已修复。')
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'to_audit')
        self.assertEqual(ticket.unit_result, '经核实，电梯已修复。')
        units_on_trail = ticket.step_ids.mapped('unit_id')
        self.assertIn(self.street_a, units_on_trail)
        self.assertIn(self.district_a, units_on_trail)

    def test_unit_cannot_act_on_another_units_request(self):
        """UN-2, NF-2: a unit cannot sign for, handle or even see another unit's request."""
        ticket = self._dispatched(main=self.district_a)
        assignment = self._assignment(ticket, self.district_a, 'main')
        self.assertFalse(self._visible(self.unit_b_user, ticket))
        with self.assertRaises(AccessError):
            assignment.sudo(self.unit_b_user).action_sign()
        with self.assertRaises(AccessError):
            ticket.sudo(self.unit_b_user).action_sign(unit_id=self.district_a.id)
        # the street below sees nothing of its district's request until it is forwarded
        with self.assertRaises(AccessError):
            assignment.sudo(self.street_a_user).action_sign()
        assignment.invalidate_cache()
        self.assertEqual(assignment.state, 'to_sign')

    def test_return_to_office_with_reason(self):
        """UN-2: the main unit returns the request with a reason from the dictionary and a
        suggested unit; the office sees it returned and may dispatch again."""
        ticket = self._dispatched(main=self.district_a, co=[self.bureau])
        assignment = self._assignment(ticket, self.district_a, 'main')
        with self.assertRaisesRegex(UserError, 'reason|退单原因'):
            assignment.sudo(self.unit_a_user).action_return(False)
        assignment.sudo(self.unit_a_user).action_return(
            self.reason.id, detail='应由乙区办理', suggested_unit_id=self.district_b.id)
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'returned')
        self.assertEqual(ticket.return_count, 1)
        self.assertEqual(assignment.suggested_unit_id, self.district_b)
        self.assertEqual(
            ticket.assignment_ids.filtered(lambda a: a.unit_id == self.bureau).state,
            'cancelled')
        self.assertIn(self.reason.name, ticket.step_ids[0].opinion)
        ticket.sudo(self.dispatcher).action_dispatch(self.district_b.id)
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'dispatched')
        self.assertEqual(ticket.dispatch_count, 2)
        self.assertTrue(self._assignment(ticket, self.district_b, 'main').redispatch)

    def test_send_up_to_parent(self):
        """UN-2: a street dispatched directly sends the request up to its district, which
        becomes the main unit."""
        ticket = self._dispatched(main=self.street_a)
        ticket.sudo(self.street_a_user).action_send_up('涉及全区，请区里统筹。')
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'dispatched')
        self.assertEqual(ticket.main_unit_id, self.district_a)
        self.assertEqual(self._assignment(ticket, self.district_a, 'main').state, 'to_sign')
        self.assertEqual(self._assignment(ticket, self.street_a, 'main').state, 'returned')

    def test_co_unit_rules(self):
        """UN-3: the main unit waits for its co-units; a co-unit submits its opinion, may add
        further units, cannot return, forward or close the request; the main unit can send
        the co-unit's work back for redo."""
        ticket = self._dispatched(main=self.district_a, co=[self.bureau])
        main = self._assignment(ticket, self.district_a, 'main')
        co = self._assignment(ticket, self.bureau, 'co')
        main.sudo(self.unit_a_user).action_sign()
        co.sudo(self.bureau_user).action_sign()
        with self.assertRaisesRegex(UserError, self.bureau.name):
            main.sudo(self.unit_a_user).action_complete('已办结')
        # a co-unit cannot close, return or forward
        with self.assertRaises(AccessError):
            ticket.sudo(self.bureau_user).action_office_close('我们办完了')
        with self.assertRaises(UserError):
            co.sudo(self.bureau_user).action_return(self.reason.id)
        with self.assertRaises(UserError):
            co.sudo(self.bureau_user).action_forward(self.district_b.id)
        # a co-unit brings in another unit, which answers to the main unit
        co.sudo(self.bureau_user).action_add_units(co_unit_ids=[self.district_b.id],
                                                   cc_unit_ids=[self.street_a2.id])
        extra = self._assignment(ticket, self.district_b, 'co')
        self.assertEqual(extra.parent_id, main)
        copied = self._assignment(ticket, self.street_a2, 'cc')
        self.assertEqual((copied.parent_id, copied.state), (main, 'cc'))
        self.assertIn(self.street_a2, ticket.unit_ids)
        self.assertTrue(self._visible(self.unit_b_user, ticket))
        co.sudo(self.bureau_user).action_complete('住建局意见：由物业负责维修。')
        ticket.invalidate_cache()
        self.assertEqual(co.state, 'done')
        self.assertEqual(ticket.state, 'in_progress')  # a co-unit's opinion does not close
        main.sudo(self.unit_a_user).invalidate_cache()
        co.sudo(self.unit_a_user).action_send_back('请补充维修时限。')
        self.assertEqual(co.state, 'in_progress')
        with self.assertRaises(AccessError):  # only the main unit sends back
            co.sudo(self.unit_b_user).action_send_back('x')
        co.sudo(self.bureau_user).action_complete('物业承诺三日内修复。')
        extra.sudo(self.unit_b_user).action_sign()
        extra.sudo(self.unit_b_user).action_complete('乙区无意见。')
        main.sudo(self.unit_a_user).action_complete('已督促物业修复。')
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'to_audit')

    def test_commitment_date_required_when_not_solved(self):
        """UN-4: completing without solving needs a commitment date."""
        ticket = self._dispatched(main=self.district_a)
        main = self._assignment(ticket, self.district_a, 'main')
        main.sudo(self.unit_a_user).action_sign()
        with self.assertRaisesRegex(UserError, 'commits|承诺'):
            main.sudo(self.unit_a_user).action_complete('需协调资金', solved=False)
        date = fields.Date.to_string(datetime.date.today() + datetime.timedelta(days=30))
        main.sudo(self.unit_a_user).action_complete('需协调资金', solved=False,
                                                    commitment_date=date)
        self.assertEqual(main.commitment_date, date)

    def test_extension_moves_deadline(self):
        """UN-4: a unit asks for more time; only the office decides; approval moves the
        unit's and the request's deadline, refusal keeps it."""
        ticket = self._dispatched(main=self.district_a)
        main = self._assignment(ticket, self.district_a, 'main')
        old = main.date_deadline
        wanted = _later(20)
        ext_id = ticket.sudo(self.unit_a_user).action_request_extension(wanted, '需招标采购')
        extension = self.env['hotline.ticket.extension'].browse(ext_id)
        self.assertEqual(extension.state, 'pending')
        with self.assertRaises(AccessError):
            extension.sudo(self.unit_a_user).action_approve()
        extension.sudo(self.dispatcher).action_approve('同意延期')
        ticket.invalidate_cache()
        self.assertEqual(extension.state, 'approved')
        self.assertEqual(main.date_deadline, wanted)
        self.assertEqual(ticket.date_deadline, wanted)
        self.assertNotEqual(old, wanted)
        again = self.env['hotline.ticket.extension'].browse(
            main.sudo(self.unit_a_user).action_request_extension(_later(40), '再延期'))
        again.sudo(self.dispatcher).action_refuse('不同意')
        ticket.invalidate_cache()
        self.assertEqual((again.state, ticket.date_deadline), ('refused', wanted))

    def test_urge(self):
        """UN-5: the office urges the handling units; units cannot urge."""
        ticket = self._dispatched(main=self.district_a)
        with self.assertRaises(AccessError):
            ticket.sudo(self.unit_a_user).action_urge()
        ticket.sudo(self.dispatcher).action_urge('市民多次来电，请加快办理。')
        ticket.invalidate_cache()
        self.assertEqual(ticket.urge_count, 1)
        self.assertEqual(self._assignment(ticket, self.district_a, 'main').urge_count, 1)
        self.assertEqual(ticket.step_ids[0].action, 'urge')


class TestAuditCallback(DispatchCase):

    def _reported(self):
        ticket = self._dispatched(main=self.district_a)
        ticket.sudo(self.unit_a_user).action_sign()
        ticket.sudo(self.unit_a_user).action_complete('已处理完毕。')
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'to_audit')
        return ticket

    def test_unit_cannot_audit(self):
        """CB-1, NF-2: a unit cannot audit its own result."""
        ticket = self._reported()
        with self.assertRaises(AccessError):
            ticket.sudo(self.unit_a_user).action_audit(True)
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'to_audit')

    def test_audit_fail_back_to_unit_then_pass(self):
        """CB-1: fail → back to the main unit with the opinion; pass → callback queue."""
        ticket = self._reported()
        with self.assertRaises(UserError):
            ticket.sudo(self.dispatcher).action_audit(False)
        ticket.sudo(self.dispatcher).action_audit(False, '答复过于简单。')
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'in_progress')
        self.assertEqual(self._assignment(ticket, self.district_a, 'main').state, 'in_progress')
        ticket.sudo(self.unit_a_user).action_complete('已详细答复。')
        ticket.sudo(self.dispatcher).action_audit(True, '同意。')
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'to_callback')

    def test_audit_redispatch_to_other_unit(self):
        """CB-1: the office re-dispatches an audited request to another unit."""
        ticket = self._reported()
        ticket.sudo(self.dispatcher).action_dispatch(self.bureau.id, opinion='改派住建局。')
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'dispatched')
        self.assertEqual(self._assignment(ticket, self.bureau, 'main').state, 'to_sign')
        self.assertFalse(ticket.assignment_ids.filtered(
            lambda a: a.unit_id == self.district_a and a.state == 'done'))

    def test_callback_satisfied_closes(self):
        """CB-2: satisfied → closed and archived (history)."""
        ticket = self._reported()
        ticket.sudo(self.dispatcher).action_audit(True)
        with self.assertRaises(AccessError):
            ticket.sudo(self.unit_a_user).action_callback(True)
        ticket.sudo(self.agent).action_callback(True, '市民表示满意。')
        ticket.invalidate_cache()
        self.assertEqual((ticket.state, ticket.process_state), ('done', 'done'))
        self.assertTrue(ticket.date_done)
        self.assertEqual(ticket.reply, '已处理完毕。')

    def test_second_dissatisfaction_special_supervision(self):
        """CB-2, CB-3: unsatisfied → back to the office and re-handled; the second time →
        special supervision: the unit leader's opinion is required before the redo; closing
        needs a satisfied citizen or the office leader."""
        ticket = self._reported()
        ticket.sudo(self.dispatcher).action_audit(True)
        ticket.sudo(self.agent).action_callback(False, '电梯仍有异响。')
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'callback_failed')
        self.assertFalse(ticket.special_supervision)
        ticket.sudo(self.dispatcher).action_rehandle('请再次核查。')
        ticket.sudo(self.unit_a_user).action_complete('已更换部件。')
        ticket.sudo(self.dispatcher).action_audit(True)
        ticket.sudo(self.agent).action_callback(False, '仍不满意。')
        ticket.invalidate_cache()
        self.assertTrue(ticket.special_supervision)
        self.assertEqual(ticket.dissatisfied_count, 2)
        ticket.sudo(self.dispatcher).action_rehandle('特别督办。')
        with self.assertRaisesRegex(UserError, 'leader|领导'):
            ticket.sudo(self.unit_a_user).action_complete('再次处理。')
        with self.assertRaises(AccessError):  # a handler is not the leader
            ticket.sudo(self.unit_a_user).action_leader_opinion('我同意')
        ticket.sudo(self.manager_a).action_leader_opinion('区领导：限期彻底整改。')
        ticket.sudo(self.unit_a_user).action_complete('已彻底整改。')
        ticket.sudo(self.dispatcher).action_audit(True)
        ticket.sudo(self.agent).action_callback(False, '还是不满意。')
        with self.assertRaises(AccessError):
            ticket.sudo(self.dispatcher).action_office_close('多次处理，予以办结。')
        ticket.sudo(self.office_leader).action_office_close('多次处理，经领导批准办结。')
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'done')
        self.assertTrue(ticket.step_ids.filtered(lambda s: s.action == 'special_supervision'))

    def test_push_hot_qa(self):
        """CB-4: only a closed request can be pushed to hot Q&A, by the office."""
        ticket = self._reported()
        with self.assertRaises(UserError):
            ticket.sudo(self.dispatcher).action_push_hot_qa()
        ticket.sudo(self.dispatcher).action_audit(True)
        ticket.sudo(self.agent).action_callback(True)
        with self.assertRaises(AccessError):
            ticket.sudo(self.agent).action_push_hot_qa()
        ticket.sudo(self.dispatcher).action_push_hot_qa()
        ticket.invalidate_cache()
        self.assertTrue(ticket.hot_qa_pushed)


class TestVisibility(DispatchCase):

    def test_street_request_visible_to_district_not_sibling(self):
        """NF-2, UN-1: a request handled by a street is visible to its district and not to a
        sibling district; the assignments follow the same rule."""
        ticket = self._dispatched(main=self.district_a)
        ticket.sudo(self.unit_a_user).action_sign()
        ticket.sudo(self.unit_a_user).action_forward(self.street_a.id)
        # the district (and its manager) see it, the street sees it, the sibling does not
        for user in (self.unit_a_user, self.manager_a, self.street_a_user):
            self.assertTrue(self._visible(user, ticket), user.login)
        self.assertFalse(self._visible(self.unit_b_user, ticket))
        Assignment = self.env['hotline.ticket.assignment']
        self.assertFalse(Assignment.sudo(self.unit_b_user).search([('ticket_id', '=', ticket.id)]))
        street_sees = Assignment.sudo(self.street_a_user).search([('ticket_id', '=', ticket.id)])
        self.assertIn(self.street_a, street_sees.mapped('unit_id'))
        with self.assertRaises(AccessError):
            ticket.sudo(self.unit_b_user).read(['title'])

    def test_workflow_fields_cannot_be_written_directly(self):
        """NF-2, UN-2: a unit user (who may edit a visible request's details) cannot skip
        the checks by writing the state or the dispatch data directly, e.g. over XML-RPC."""
        ticket = self._dispatched(main=self.district_a)
        ticket.sudo(self.unit_a_user).write({'urgent': True})   # details: allowed
        for vals in ({'state': 'done'}, {'special_supervision': False},
                     {'unit_ids': [(4, self.district_b.id)]}):
            with self.assertRaises(AccessError):
                ticket.sudo(self.unit_a_user).write(vals)
        with self.assertRaises(AccessError):
            ticket.sudo(self.dispatcher).write({'state': 'to_callback'})
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'dispatched')
        self.assertNotIn(self.district_b, ticket.unit_ids)

    def test_unit_user_without_unit_sees_no_assignment(self):
        """NF-2: a unit handler not yet attached to a unit sees no assignment, handling
        entry or extension (and gets no error)."""
        self._dispatched(main=self.district_a)
        lonely = self._user('t_lonely', 'group_hotline_unit_handler')
        for model in ('hotline.ticket.assignment', 'hotline.ticket.handling',
                      'hotline.ticket.extension'):
            self.assertFalse(self.env[model].sudo(lonely).search([]), model)

    def test_office_sees_all_assignments(self):
        """NF-2: the office and supervisors see every assignment."""
        ticket = self._dispatched(main=self.district_a, co=[self.district_b])
        for user in (self.dispatcher, self.supervisor, self.agent):
            found = self.env['hotline.ticket.assignment'].sudo(user).search(
                [('ticket_id', '=', ticket.id)])
            self.assertEqual(len(found), 2, user.login)

    def test_wizards_call_the_same_actions(self):
        """DS-1, UN-2: the dispatch and step wizards go through the same checked methods."""
        ticket = self._submitted()
        wizard = self.env['hotline.dispatch.wizard'].sudo(self.dispatcher).create({
            'ticket_id': ticket.id, 'mode': 'dispatch', 'main_unit_id': self.district_a.id,
            'opinion': '向导派单'})
        wizard.action_confirm()
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'dispatched')
        main = self._assignment(ticket, self.district_a, 'main')
        main.sudo(self.unit_a_user).action_sign()
        step = self.env['hotline.assignment.wizard'].sudo(self.unit_b_user).create({
            'ticket_id': ticket.id, 'assignment_id': main.id, 'action': 'complete',
            'opinion': '越权'})
        with self.assertRaises(AccessError):
            step.action_confirm()


class TestDesk(DispatchCase):

    def _count(self, user, xmlid):
        queue = self.env.ref('hotline_dispatch.%s' % xmlid).sudo(user)
        queue.invalidate_cache()  # as a page reload would
        return queue.count

    def test_desk_counters_follow_the_work(self):
        """UN-5, NF-2 (each role's desk): a unit's "to sign for" counter shows the requests
        dispatched to it, not to other units; it moves to "in progress" once signed; the
        office's "to review" and "to audit" counters follow the request; units do not see
        the office's queues."""
        before_review = self._count(self.dispatcher, 'queue_office_to_review')
        ticket = self._submitted()
        self.assertEqual(self._count(self.dispatcher, 'queue_office_to_review'),
                         before_review + 1)
        ticket.sudo(self.dispatcher).action_dispatch(self.district_a.id)
        self.assertEqual(self._count(self.dispatcher, 'queue_office_to_review'), before_review)
        self.assertEqual(self._count(self.unit_a_user, 'queue_unit_to_sign'), 1)
        self.assertEqual(self._count(self.unit_b_user, 'queue_unit_to_sign'), 0)
        ticket.sudo(self.unit_a_user).action_sign()
        self.assertEqual(self._count(self.unit_a_user, 'queue_unit_to_sign'), 0)
        self.assertEqual(self._count(self.unit_a_user, 'queue_unit_in_progress'), 1)
        before_audit = self._count(self.dispatcher, 'queue_office_to_audit')
        ticket.sudo(self.unit_a_user).action_complete('已办结。')
        self.assertEqual(self._count(self.dispatcher, 'queue_office_to_audit'), before_audit + 1)
        queues = self.env['hotline.desk.queue'].sudo(self.unit_a_user).search([])
        self.assertIn(self.env.ref('hotline_dispatch.queue_unit_to_sign'), queues)
        self.assertNotIn(self.env.ref('hotline_dispatch.queue_office_to_audit'), queues)
        # overdue: the deadline has passed while the unit still handles the request
        self.assertEqual(self._count(self.unit_a_user, 'queue_unit_overdue'), 0)
        self._assignment(ticket, self.district_a, 'main').sudo().write({
            'state': 'in_progress', 'date_deadline': '2020-01-01 00:00:00'})
        self.assertEqual(self._count(self.unit_a_user, 'queue_unit_overdue'), 1)
        self.assertEqual(self._count(self.unit_b_user, 'queue_unit_overdue'), 0)
        action = self.env.ref('hotline_dispatch.queue_unit_in_progress').sudo(
            self.unit_a_user).action_open()
        self.assertEqual(action['res_model'], 'hotline.ticket.assignment')

    def test_menu_counters_per_user(self):
        """Issue #3 (counters in the menu): each desk menu entry gets the count of its
        queue for the user asking; a unit user gets no office entry."""
        to_sign = self.env.ref('hotline_dispatch.hotline_ticket_assignment_menu_to_sign')
        to_review = self.env.ref('hotline_dispatch.hotline_ticket_menu_to_review')
        Queue = self.env['hotline.desk.queue']
        before = Queue.sudo(self.unit_a_user).hotline_menu_counts()
        self.assertNotIn(to_review.id, before)
        self._dispatched(main=self.district_a)
        self.assertEqual(Queue.sudo(self.unit_a_user).hotline_menu_counts()[to_sign.id],
                         [before[to_sign.id][0] + 1, True])
        self.assertEqual(Queue.sudo(self.unit_b_user).hotline_menu_counts()[to_sign.id][0], 0)
        self.assertIn(to_review.id, Queue.sudo(self.dispatcher).hotline_menu_counts())


class TestReminders(DispatchCase):

    def test_overdue_and_callback_reminders_pop_up(self):
        """UN-5: the reminder pops up for the users of a unit with overdue requests (and not
        for other units), and for agents when citizens wait for a callback."""
        ticket = self._dispatched(main=self.district_a)
        self._assignment(ticket, self.district_a, 'main').sudo().write(
            {'date_deadline': '2020-01-01 00:00:00'})
        other = self._dispatched(main=self.district_b)
        other.sudo(self.unit_b_user).action_sign()
        other.sudo(self.unit_b_user).action_complete('已办结。')
        other.sudo(self.dispatcher).action_audit(True)
        self.env['bus.bus'].search([]).unlink()
        self.env['hotline.ticket.assignment']._cron_remind()
        messages = self.env['bus.bus'].search([])
        channels = {m.channel for m in messages}
        self.assertIn('"notify_warning_%d"' % self.unit_a_user.id, channels)
        self.assertNotIn('"notify_warning_%d"' % self.unit_b_user.id, channels)
        self.assertIn('"notify_info_%d"' % self.agent.id, channels)
        text = ' '.join(json.loads(m.message)['message'] for m in messages)
        self.assertIn(self.district_a.complete_name, text)
