# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime

from odoo import fields
from odoo.exceptions import UserError, ValidationError

from .common import DispatchCase


def _hours_from_now(value):
    delta = fields.Datetime.from_string(value) - datetime.datetime.now()
    return delta.total_seconds() / 3600.0


class ProcessCase(DispatchCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.standard = cls.env.ref('hotline_dispatch.process_standard')
        # these tests own the rules: whatever the demo switched on is off
        cls.env['hotline.dispatch.rule'].search([]).write({'enabled': False})

    @classmethod
    def _template(cls, steps, code='T_COMPLAINT', ticket_type='complaint'):
        """A published template for complaints (the type of the test requests): ``steps``
        are (name, state, extra values); ``fail`` names another step by name."""
        Template = cls.env['hotline.process.template']
        template = Template.create({'name': '测试流程%s' % code, 'code': code,
                                    'ticket_type': ticket_type})
        made = {}
        for sequence, (name, state, extra) in enumerate(steps, 1):
            extra = dict(extra)
            fail = extra.pop('fail', None)
            made[name] = cls.env['hotline.process.step'].create(dict(
                extra, template_id=template.id, sequence=sequence * 10, name=name,
                state_code=state, fail_step_id=made[fail].id if fail else False))
        template.write({'state': 'published'})
        return template

    @classmethod
    def _loop_steps(cls, audit_fail='办理', callback_fail=None, review=None, sign=None,
                    with_audit=True):
        steps = [('登记', 'draft', {}),
                 ('审阅', 'submitted', review or {}),
                 ('签收', 'dispatched', dict({'time_limit_hours': 10}, **(sign or {}))),
                 ('办理', 'in_progress', {'time_limit_hours': 50})]
        if with_audit:
            steps.append(('审核', 'to_audit', {'control_rule': 'audit_passed',
                                             'fail': audit_fail}))
        steps.append(('回访', 'to_callback', {'control_rule': 'satisfied',
                                            'fail': callback_fail}))
        steps.append(('办结', 'done', {}))
        return steps

    def _to_audit(self, ticket):
        main = self._assignment(ticket, self.district_a, 'main')
        main.sudo(self.unit_a_user).action_sign()
        main.sudo(self.unit_a_user).action_complete('已修复。')
        ticket.invalidate_cache()
        return main


class TestControlRules(ProcessCase):

    def test_failed_audit_goes_back_to_the_step_the_template_names(self):
        """FL-1: the control rule "audit passed?" of the audit step, failing, sends the
        request back to the step its template names: here the unit's signing (单位签收) —
        the main unit must sign for it again — not the default handling step."""
        self._template(self._loop_steps(audit_fail='签收'))
        ticket = self._dispatched(main=self.district_a)
        main = self._to_audit(ticket)
        self.assertEqual(ticket.state, 'to_audit')
        ticket.sudo(self.dispatcher).action_audit(False, '结果不实')
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'dispatched')
        self.assertEqual(main.state, 'to_sign')
        trail = ticket.step_ids.mapped('name')
        self.assertTrue(any('签收' in name for name in trail), trail)
        main.sudo(self.unit_a_user).action_sign()
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'in_progress')

    def test_failed_audit_back_to_office_review(self):
        """FL-1: with "if not, back to 审阅", a failed audit puts the request back in the
        office's review (submitted) and cancels the units' open work."""
        self._template(self._loop_steps(audit_fail='审阅'))
        ticket = self._dispatched(main=self.district_a)
        main = self._to_audit(ticket)
        ticket.sudo(self.dispatcher).action_audit(False, '派错了')
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'submitted')
        self.assertIn(main.state, ('done', 'cancelled'))
        ticket.sudo(self.dispatcher).action_dispatch(self.district_b.id)
        self.assertEqual(ticket.dispatch_count, 2)

    def test_unsatisfied_citizen_sent_back_to_handling_by_the_process(self):
        """FL-1, CB-2: a template whose callback step says "if not satisfied, back to 办理"
        sends the request straight back to the main unit; the standard process leaves it
        with the office (callback_failed)."""
        self._template(self._loop_steps(callback_fail='办理'))
        ticket = self._dispatched(main=self.district_a)
        main = self._to_audit(ticket)
        ticket.sudo(self.dispatcher).action_audit(True)
        ticket.sudo(self.agent).action_callback(False, '路灯还是不亮')
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'in_progress')
        self.assertEqual(main.state, 'in_progress')
        self.assertEqual(ticket.dissatisfied_count, 1)
        self.assertIn('callback_unsatisfied', ticket.step_ids.mapped('action'))
        # the standard process: back to the office
        self.env['hotline.process.template'].search([('code', '=', 'T_COMPLAINT')]).write(
            {'state': 'retired'})
        other = self._dispatched(main=self.district_a)
        self.assertEqual(other.process_template_id, self.standard)
        self._to_audit(other)
        other.sudo(self.dispatcher).action_audit(True)
        other.sudo(self.agent).action_callback(False, '不满意')
        other.invalidate_cache()
        self.assertEqual(other.state, 'callback_failed')

    def test_second_dissatisfaction_through_the_process_needs_the_leader(self):
        """FL-1, CB-3: sent back by the process the second time, the request is under
        special supervision and the unit leader's opinion comes before completing."""
        self._template(self._loop_steps(callback_fail='办理'))
        ticket = self._dispatched(main=self.district_a)
        main = self._to_audit(ticket)
        for round_ in (1, 2):
            ticket.sudo(self.dispatcher).action_audit(True)
            ticket.sudo(self.agent).action_callback(False, '第%d次不满意' % round_)
            ticket.invalidate_cache()
            if round_ == 1:
                main.sudo(self.unit_a_user).action_complete('再次处理。')
                ticket.invalidate_cache()
        self.assertTrue(ticket.special_supervision)
        self.assertEqual(ticket.state, 'in_progress')
        with self.assertRaisesRegex(UserError, 'leader|领导'):
            main.sudo(self.unit_a_user).action_complete('第三次处理。')
        main.sudo(self.manager_a).action_leader_opinion('由分管副区长督办。')
        main.sudo(self.unit_a_user).action_complete('第三次处理。')
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'to_audit')

    def test_step_decides_the_allowed_actions(self):
        """FL-1: the step the request is in decides what may be done: a review step that
        allows only dispatching and returning refuses the office's direct close, with a
        message naming the step and what is allowed."""
        self._template(self._loop_steps(review={'action_codes': 'dispatch,return_agent'}))
        ticket = self._submitted()
        with self.assertRaisesRegex(UserError, '审阅'):
            ticket.sudo(self.dispatcher).action_office_close('不需要办理')
        self.assertEqual(ticket.state, 'submitted')
        ticket.sudo(self.dispatcher).action_dispatch(self.district_a.id)
        self.assertEqual(ticket.state, 'dispatched')

    def test_template_without_audit_skips_it(self):
        """FL-1: a process without an audit step sends the unit's result straight to the
        callback; the trail says the step was skipped."""
        self._template(self._loop_steps(with_audit=False))
        ticket = self._dispatched(main=self.district_a)
        self._to_audit(ticket)
        self.assertEqual(ticket.state, 'to_callback')
        skip = ticket.step_ids.filtered(lambda s: s.action == 'process_skip')
        self.assertEqual(len(skip), 1)
        self.assertEqual(skip.state_from, 'to_audit')

    def test_control_rule_configuration_is_checked(self):
        """FL-1: a control rule belongs to the step that decides it and can only send the
        request back to a step it can really go back to; a timed step needs its times."""
        template = self.env['hotline.process.template'].create(
            {'name': '草稿', 'code': 'T_DRAFT'})
        Step = self.env['hotline.process.step']
        closing = Step.create({'template_id': template.id, 'name': '办结',
                               'state_code': 'done'})
        with self.assertRaises(ValidationError):
            Step.create({'template_id': template.id, 'name': '签收',
                         'state_code': 'dispatched', 'control_rule': 'audit_passed'})
        with self.assertRaises(ValidationError):
            Step.create({'template_id': template.id, 'name': '审核', 'state_code': 'to_audit',
                         'control_rule': 'audit_passed', 'fail_step_id': closing.id})
        with self.assertRaises(ValidationError):
            Step.create({'template_id': template.id, 'name': '签收', 'state_code': 'dispatched',
                         'dispatch_mode': 'timed', 'dispatch_times': '25:00'})
        with self.assertRaises(ValidationError):
            Step.create({'template_id': template.id, 'name': '审阅', 'state_code': 'submitted',
                         'action_codes': 'dispatch,fly_away'})

    def test_running_request_keeps_its_versions_rules(self):
        """FL-2: a request started on version 1 follows version 1's control rule after
        version 2 (different "if not" step) is published; a new request follows version 2."""
        v1 = self._template(self._loop_steps(audit_fail='办理'))
        old = self._dispatched(main=self.district_a)
        action = v1.sudo(self.office_leader).action_new_version()
        v2 = self.env['hotline.process.template'].browse(action['res_id'])
        audit = v2.step_ids.filtered(lambda s: s.state_code == 'to_audit')
        audit.write({'fail_step_id': v2.step_ids.filtered(
            lambda s: s.state_code == 'submitted').id})
        v2.sudo(self.office_leader).action_submit_approval()
        v2.sudo(self.office_leader).action_approve()
        new = self._dispatched(main=self.district_a)
        self.assertEqual((old.process_template_id, new.process_template_id), (v1, v2))
        for ticket in (old, new):
            self._to_audit(ticket)
            ticket.sudo(self.dispatcher).action_audit(False, '不通过')
            ticket.invalidate_cache()
        self.assertEqual(old.state, 'in_progress')   # v1: back to the unit
        self.assertEqual(new.state, 'submitted')     # v2: back to the office


class TestStepTimeLimits(ProcessCase):

    def test_dispatch_deadline_from_the_units_steps(self):
        """FL-1: without a deadline from the caller, the main unit gets the serial time
        limits of the units' steps (standard: sign 24 h + handle 120 h); co-units their own
        parallel step (24 h + 72 h); a deadline passed by the caller wins."""
        ticket = self._dispatched(main=self.district_a, co=[self.bureau])
        main = self._assignment(ticket, self.district_a, 'main')
        co = self._assignment(ticket, self.bureau, 'co')
        self.assertAlmostEqual(_hours_from_now(main.date_deadline), 144, delta=0.2)
        self.assertAlmostEqual(_hours_from_now(co.date_deadline), 96, delta=0.2)
        self.assertEqual(ticket.date_deadline, main.date_deadline)
        explicit = fields.Datetime.to_string(datetime.datetime.now() + datetime.timedelta(
            days=3))
        other = self._submitted()
        other.sudo(self.dispatcher).action_dispatch(
            self.district_a.id, co_unit_ids=[self.bureau.id], deadline=explicit)
        self.assertEqual(self._assignment(other, self.district_a, 'main').date_deadline,
                         explicit)
        self.assertEqual(self._assignment(other, self.bureau, 'co').date_deadline, explicit)

    def test_parallel_steps_count_once(self):
        """FL-1: parallel steps run at once — the longest of a column counts, serial
        columns add up."""
        self._template([('签收', 'dispatched', {'time_limit_hours': 10}),
                        ('办理', 'in_progress', {'time_limit_hours': 30}),
                        ('现场核查', 'in_progress', {'time_limit_hours': 40, 'parallel': True}),
                        ('办结', 'done', {})])
        ticket = self._dispatched(main=self.district_a)
        main = self._assignment(ticket, self.district_a, 'main')
        self.assertAlmostEqual(_hours_from_now(main.date_deadline), 50, delta=0.2)

    def test_step_deadline_and_late_step_in_the_diagram(self):
        """FL-1, FL-3: entering a step starts its time limit; a current step past it shows
        red ("over time") in the diagram."""
        ticket = self._dispatched(main=self.district_a)
        self.assertAlmostEqual(_hours_from_now(ticket.step_deadline), 24, delta=0.2)
        self._assignment(ticket, self.district_a, 'main').sudo(self.unit_a_user).action_sign()
        self.assertAlmostEqual(_hours_from_now(ticket.step_deadline), 120, delta=0.2)
        self.assertNotIn('o_hotline_step_late', ticket.process_diagram)
        ticket.sudo().write({'step_deadline': '2020-01-01 00:00:00'})
        ticket.invalidate_cache()
        diagram = ticket.sudo(self.unit_a_user).process_diagram
        current = diagram.split('o_hotline_step_current')[1].split('</div>')[0]
        self.assertIn('单位办理', current)
        self.assertIn('超时', diagram)

    def test_co_unit_step_shown_while_co_units_work(self):
        """FL-3: the co-units' parallel step is current while a co-unit works and passed
        once they all answered; without co-units it stays grey."""
        alone = self._dispatched(main=self.district_a)
        self.assertNotIn('协办单位答复</strong><br/>', alone.process_diagram.split(
            'o_hotline_step_current')[-1].split('</div>')[0])
        ticket = self._dispatched(main=self.district_a, co=[self.bureau])
        co = self._assignment(ticket, self.bureau, 'co')
        co.sudo(self.bureau_user).action_sign()
        ticket.invalidate_cache()
        diagram = ticket.process_diagram
        currents = [part.split('</div>')[0] for part in diagram.split(
            'o_hotline_step_current')[1:]]
        self.assertTrue(any('协办单位答复' in part for part in currents))
        co.sudo(self.bureau_user).action_complete('同意。')
        ticket.invalidate_cache()
        currents = [part.split('</div>')[0] for part in ticket.process_diagram.split(
            'o_hotline_step_current')[1:]]
        self.assertFalse(any('协办单位答复' in part for part in currents))

    def test_co_unit_answering_after_its_deadline_is_late(self):
        """UN-3: co-units answer before their own deadline; an opinion after it is
        marked late."""
        ticket = self._dispatched(main=self.district_a, co=[self.bureau])
        co = self._assignment(ticket, self.bureau, 'co')
        co.sudo(self.bureau_user).action_sign()
        co.sudo().write({'date_deadline': '2020-01-01 00:00:00'})
        self.assertTrue(co.is_overdue)
        co.sudo(self.bureau_user).action_complete('同意。')
        self.assertTrue(co.late)


class TestTimedAndAutomaticDispatch(ProcessCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls.env['hotline.dispatch.rule'].create({
            'name': '路灯 → 乙区', 'keywords': '路灯', 'main_unit_id': cls.district_b.id,
            'enabled': True})

    def _due(self, ticket):
        self.env.cr.execute(
            "UPDATE hotline_ticket SET dispatch_scheduled = (now() AT TIME ZONE 'UTC') - "
            "interval '1 minute' WHERE id = %s", [ticket.id])
        ticket.invalidate_cache()

    def test_timed_step_waits_for_its_time_then_the_rule_dispatches(self):
        """FL-1, DS-4: with a timed dispatch step, a submitted request waits for the next
        dispatch time (Beijing time) instead of being dispatched at once; when it is due,
        the cron dispatches it by the best rule and explains it; running the cron again
        dispatches nothing twice."""
        self._template(self._loop_steps(sign={'dispatch_mode': 'timed',
                                              'dispatch_times': '08:30, 14:00'}))
        ticket = self._submitted(title='小区路灯不亮', content='路灯坏了一个月。')
        self.assertEqual(ticket.state, 'submitted')
        self.assertTrue(ticket.dispatch_scheduled)
        local = fields.Datetime.context_timestamp(
            ticket.with_context(tz='Asia/Shanghai'),
            fields.Datetime.from_string(ticket.dispatch_scheduled))
        self.assertIn(local.strftime('%H:%M'), ('08:30', '14:00'))
        self.assertGreater(ticket.dispatch_scheduled, fields.Datetime.now())
        self.assertLess(_hours_from_now(ticket.dispatch_scheduled), 24)
        Ticket = self.env['hotline.ticket']
        Ticket._cron_timed_dispatch()            # not due yet: nothing happens
        self.assertEqual(ticket.state, 'submitted')
        self._due(ticket)
        Ticket._cron_timed_dispatch()
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'dispatched')
        self.assertEqual(ticket.main_unit_id, self.district_b)
        self.assertIn('路灯 → 乙区', ticket.auto_dispatch_note)
        self.assertFalse(ticket.dispatch_scheduled)
        Ticket._cron_timed_dispatch()
        ticket.invalidate_cache()
        self.assertEqual(ticket.dispatch_count, 1)
        self.assertEqual(len(ticket.assignment_ids.filtered(lambda a: a.role == 'main')), 1)

    def test_timed_request_dispatched_by_hand_first_is_left_alone(self):
        """FL-1: the office may dispatch a waiting request by hand; the cron then leaves
        it alone. A due request no rule matches stays with the office and says why."""
        self._template(self._loop_steps(sign={'dispatch_mode': 'timed',
                                              'dispatch_times': '08:30'}))
        by_hand = self._submitted(title='小区路灯不亮')
        by_hand.sudo(self.dispatcher).action_dispatch(self.district_a.id)
        self.assertFalse(by_hand.dispatch_scheduled)
        nobody = self._submitted(title='噪音扰民', content='夜间施工')
        self._due(nobody)
        self.assertEqual(self.env['hotline.ticket']._cron_timed_dispatch(), 1)
        by_hand.invalidate_cache()
        nobody.invalidate_cache()
        self.assertEqual((by_hand.main_unit_id, by_hand.dispatch_count), (self.district_a, 1))
        self.assertEqual(nobody.state, 'submitted')
        self.assertFalse(nobody.dispatch_scheduled)
        self.assertIn('auto_dispatch_none', nobody.step_ids.mapped('action'))

    def test_manual_step_never_dispatches_by_rule(self):
        """FL-1: a manual dispatch step leaves every request to a person, even when a
        switched-on rule matches; an automatic one lets the rule act at once."""
        self._template(self._loop_steps(sign={'dispatch_mode': 'manual'}))
        manual = self._submitted(title='小区路灯不亮')
        self.assertEqual((manual.state, manual.dispatch_scheduled), ('submitted', False))
        self.env['hotline.process.template'].search([('code', '=', 'T_COMPLAINT')]).write(
            {'state': 'retired'})
        automatic = self._submitted(title='小区路灯不亮')    # standard: automatic
        automatic.invalidate_cache()
        self.assertEqual(automatic.main_unit_id, self.district_b)


class TestSuggestionLearning(ProcessCase):

    def _close_cleanly(self, unit, title, content, **vals):
        ticket = self._dispatched(main=unit, title=title, content=content, **vals)
        main = ticket.assignment_ids.filtered(lambda a: a.role == 'main')
        user = {self.district_a: self.unit_a_user, self.district_b: self.unit_b_user}[unit]
        main.sudo(user).action_sign()
        main.sudo(user).action_complete('已处理。')
        ticket.sudo(self.dispatcher).action_audit(True)
        ticket.sudo(self.agent).action_callback(True)
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'done')
        return ticket

    def test_content_words_teach_and_a_clean_close_learns_at_once(self):
        """DS-5: suggestions learn from the content's words too (jieba), and a request
        closed cleanly teaches them at once, without waiting for the nightly rebuild."""
        Ticket = self.env['hotline.ticket']
        Ticket._refresh_dispatch_stats()
        # title and category teach nothing here: only the content's words can
        probe = self._submitted(title='市民来电', content='窨井盖板破损，行人容易跌落。',
                                category_id=False)
        self.assertIn('窨井盖', probe.content_keywords.split())
        self.assertNotIn(self.district_b.id,
                         [s['unit_id'] for s in probe.hotline_suggest_units()])
        self._close_cleanly(self.district_b, '市民来电', '小区门口窨井盖板破损无人管。',
                            category_id=False)
        probe.invalidate_cache()
        suggestions = probe.hotline_suggest_units()
        self.assertEqual(suggestions[0]['unit_id'], self.district_b.id)
        # the hits learned at once, folded in by the cron, are what the nightly rebuild learns
        Ticket._fold_dispatch_stats()
        self.env.cr.execute('SELECT count(*) FROM hotline_dispatch_stat_new')
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        self.assertEqual(probe.hotline_suggest_units(), suggestions)
        self.env.cr.execute('SELECT feature, unit_id, hits FROM hotline_dispatch_stat '
                            "WHERE feature LIKE 'k%%' ORDER BY 1, 2")
        incremental = self.env.cr.fetchall()
        self.assertIn(('k窨井盖', self.district_b.id, 1), incremental)
        Ticket._refresh_dispatch_stats()
        self.env.cr.execute('SELECT feature, unit_id, hits FROM hotline_dispatch_stat '
                            "WHERE feature LIKE 'k%%' ORDER BY 1, 2")
        self.assertEqual(self.env.cr.fetchall(), incremental)
        self.assertEqual(probe.hotline_suggest_units(), suggestions)

    def test_unclean_close_teaches_nothing(self):
        """DS-5: a request returned by a unit and re-dispatched does not teach, even when
        it closes satisfied."""
        Ticket = self.env['hotline.ticket']
        Ticket._refresh_dispatch_stats()
        ticket = self._dispatched(main=self.district_a, title='市民来电',
                                  content='窨井盖板破损。')
        ticket.sudo(self.unit_a_user).action_unit_return(self.reason.id)
        ticket.sudo(self.dispatcher).action_dispatch(self.district_b.id)
        main = self._assignment(ticket, self.district_b, 'main')
        main.sudo(self.unit_b_user).action_sign()
        main.sudo(self.unit_b_user).action_complete('已处理。')
        ticket.sudo(self.dispatcher).action_audit(True)
        ticket.sudo(self.agent).action_callback(True)
        self.env.cr.execute("SELECT (SELECT count(*) FROM hotline_dispatch_stat "
                            "        WHERE feature = %s) + "
                            "       (SELECT count(*) FROM hotline_dispatch_stat_new "
                            "        WHERE feature = %s)", ['k窨井盖', 'k窨井盖'])
        self.assertEqual(self.env.cr.fetchone()[0], 0)

    def test_older_requests_get_their_content_words_in_the_nightly_run(self):
        """DS-5: requests from before content learning (no keywords yet) are segmented by
        the nightly run, a batch at a time, in one UPDATE."""
        ticket = self._ticket(content='窨井盖板破损。')
        self.env.cr.execute('UPDATE hotline_ticket SET content_keywords = NULL WHERE id = %s',
                            [ticket.id])
        ticket.invalidate_cache()
        self.assertFalse(ticket.content_keywords)
        self.assertGreaterEqual(self.env['hotline.ticket']._backfill_content_keywords(), 1)
        ticket.invalidate_cache()
        self.assertIn('窨井盖', ticket.content_keywords.split())

    def test_rule_that_cannot_dispatch_leaves_the_request_with_the_office(self):
        """DS-4, FL-1: when the request's process refuses the rule's dispatch (here the
        review step allows no dispatch), the submission still succeeds, the request stays
        with the office and its trail says why."""
        self.env['hotline.dispatch.rule'].create({
            'name': '路灯 → 乙区', 'keywords': '路灯', 'main_unit_id': self.district_b.id,
            'enabled': True})
        self._template(self._loop_steps(review={'action_codes': 'return_agent,office_close'},
                                        sign={'dispatch_mode': 'automatic'}))
        ticket = self._submitted(title='小区路灯不亮')
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'submitted')
        self.assertFalse(ticket.assignment_ids)
        failed = ticket.step_ids.filtered(lambda s: s.action == 'auto_dispatch_failed')
        self.assertEqual(len(failed), 1)
        self.assertIn('路灯 → 乙区', failed.name)

    def _box(self, ticket, name):
        """The text of the diagram's box of the step ``name``."""
        ticket.invalidate_cache()
        diagram = ticket.sudo(self.unit_a_user).with_context(lang='zh_CN').process_diagram
        for part in diagram.split('<div class="o_hotline_step ')[1:]:
            box = part.split('</div>')[0]
            if '<strong>%s</strong>' % name in box:
                return box
        self.fail('no step %s in the diagram:\n%s' % (name, diagram))

    def test_diagram_names_who_acted_at_each_step(self):
        """FL-3, issue 16: each passed step of the diagram names who acted at it, not who
        handed the request over. Tried: the dispatcher dispatches, the district's handler
        signs for it: 单位签收 named the dispatcher ("单位签收 张伟 08:19" though 陈静 signed);
        now it names the handler, 热线办审阅 the dispatcher, and the current step names
        nobody (it says since when it waits)."""
        ticket = self._dispatched(main=self.district_a)
        self.assertNotEqual(self.dispatcher.name, self.unit_a_user.name)
        waiting = self._box(ticket, '单位签收')
        self.assertIn('o_hotline_step_current', 'o_hotline_step_' + waiting)
        self.assertNotIn(self.dispatcher.name, waiting)
        self.assertIn('自 ', waiting)
        self._assignment(ticket, self.district_a, 'main').sudo(self.unit_a_user).action_sign()
        signed = self._box(ticket, '单位签收')
        self.assertIn(self.unit_a_user.name, signed)
        self.assertNotIn(self.dispatcher.name, signed)
        reviewed = self._box(ticket, '热线办审阅')
        self.assertIn(self.dispatcher.name, reviewed)
        self.assertNotIn(self.unit_a_user.name, reviewed)
        self.assertIn(self.agent.name, self._box(ticket, '登记'))
