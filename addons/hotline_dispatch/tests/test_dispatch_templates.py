# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError

from .common import DispatchCase


class TestProcessTemplates(DispatchCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.standard = cls.env.ref('hotline_dispatch.process_standard')

    def _new_version(self, template):
        action = template.sudo(self.office_leader).action_new_version()
        return self.env['hotline.process.template'].browse(action['res_id'])

    def test_lifecycle_and_running_requests_keep_their_version(self):
        """FL-2: draft → approval → published; publishing version 2 retires version 1;
        a request registered before keeps version 1, a new one follows version 2; a
        suspended template is given to no new request; only the office leader manages."""
        self.assertEqual(self.standard.state, 'published')
        before = self._ticket()
        self.assertEqual(before.process_template_id, self.standard)
        v2 = self._new_version(self.standard)
        self.assertEqual((v2.version, v2.state), (self.standard.version + 1, 'draft'))
        self.assertEqual(len(v2.step_ids), len(self.standard.step_ids))
        with self.assertRaises(AccessError):
            v2.sudo(self.dispatcher).action_submit_approval()
        v2.sudo(self.office_leader).action_submit_approval()
        self.assertEqual(v2.state, 'pending')
        v2.sudo(self.office_leader).action_approve()
        self.assertEqual((v2.state, self.standard.state), ('published', 'retired'))
        self.assertEqual(before.process_template_id, self.standard)   # keeps its version
        after = self._ticket()
        self.assertEqual(after.process_template_id, v2)
        v2.sudo(self.office_leader).action_suspend()
        self.assertFalse(self._ticket().process_template_id)
        v2.sudo(self.office_leader).action_resume()
        self.assertEqual(self._ticket().process_template_id, v2)

    def test_published_steps_cannot_change(self):
        """FL-2: a published template's steps are frozen: change a new version instead."""
        step = self.standard.step_ids[:1]
        with self.assertRaises(ValidationError):
            step.sudo(self.office_leader).write({'time_limit_hours': 1})
        draft = self._new_version(self.standard)
        draft.step_ids[:1].sudo(self.office_leader).write({'time_limit_hours': 1})
        self.assertEqual(draft.step_ids[:1].time_limit_hours, 1)
        self.assertNotEqual(step.time_limit_hours, 1)

    def test_diagram_shows_passed_current_and_future_steps(self):
        """FL-3: the request shows the steps it passed (with who did them), the current one
        and those to come, in the template's order."""
        ticket = self._dispatched(main=self.district_a)
        ticket.sudo(self.unit_a_user).action_sign()
        ticket.invalidate_cache()
        diagram = ticket.sudo(self.unit_a_user).process_diagram
        self.assertIn('标准诉求办理流程', diagram)
        self.assertIn('o_hotline_step_current', diagram)
        current = diagram.split('o_hotline_step_current')[1].split('</div>')[0]
        self.assertIn('单位办理', current)
        passed = diagram.split('o_hotline_step_current')[0]
        for name in ('登记', '热线办审阅', '单位签收'):
            self.assertIn(name, passed)
        self.assertIn(self.dispatcher.name, passed)   # who dispatched it
        self.assertEqual(diagram.count('o_hotline_step_passed'), 3)
        # audit, callback, closing — and the co-units' parallel step: no co-unit here
        self.assertEqual(diagram.count('o_hotline_step_future'), 4)
        self.assertLess(diagram.index('热线办审阅'), diagram.index('回访'))

    def test_diagram_keeps_a_returned_request_at_its_step(self):
        """FL-3: a request in a side state (returned by the unit) is shown at the step it
        left, with the side state named."""
        ticket = self._dispatched(main=self.district_a)
        ticket.sudo(self.unit_a_user).action_unit_return(self.reason.id)
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'returned')
        diagram = ticket.sudo(self.dispatcher).process_diagram
        current = diagram.split('o_hotline_step_current')[1].split('</div>')[0]
        self.assertIn('单位签收', current)
        self.assertIn('单位已退单', current)   # the side state, in Chinese

    def test_requests_from_before_follow_the_standard_process(self):
        """FL-2: requests registered before hotline_dispatch was installed (the demo
        requests of hotline_core) follow the standard process and show its diagram."""
        elevator = self.env.ref('hotline_core.t_elevator')
        self.assertEqual(elevator.process_template_id, self.standard)
        diagram = elevator.process_diagram
        self.assertIn('o_hotline_step_current', diagram)
        self.assertIn('o_hotline_step_passed', diagram)
