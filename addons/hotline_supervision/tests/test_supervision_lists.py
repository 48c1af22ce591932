# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tools.safe_eval import safe_eval

from .common import SupervisionCase, utc
from .test_cards import DEADLINE, DISPATCHED


class TestSupervisionLists(SupervisionCase):
    """SV-5, TK-8: the supervision lists and the marks staff set on replies."""

    def _list(self, xmlid, user=None):
        action = self.env.ref('hotline_supervision.%s' % xmlid)
        Model = self.env[action.res_model].sudo(user or self.supervisor)
        return Model.search(safe_eval(action.domain or '[]'))

    def test_mark_reply_perfunctory_and_back(self):
        """TK-8: the supervisor marks a handled request's reply perfunctory with a reason; it
        appears in the list of perfunctory and wrong replies and on the trail; the mark
        can be lifted."""
        ticket = self._dispatch_at(DEADLINE, DISPATCHED)
        ticket.sudo(self.unit_a_user).action_sign()
        with self.assertRaisesRegex(UserError, 'wrong with|问题'):
            ticket.sudo(self.supervisor).action_mark_supervision('perfunctory')
        ticket.sudo(self.supervisor).action_mark_supervision('perfunctory', '答复敷衍，未核实。')
        self.assertEqual(ticket.supervision_state, 'perfunctory')
        self.assertEqual(ticket.supervision_note, '答复敷衍，未核实。')
        self.assertIn(ticket, self._list('hotline_ticket_action_violations'))
        self.assertEqual(ticket.step_ids.sorted('id')[-1].action, 'supervision_mark')
        ticket.sudo(self.supervisor).action_mark_supervision('normal')
        self.assertNotIn(ticket, self._list('hotline_ticket_action_violations'))

    def test_units_and_agents_cannot_mark(self):
        """TK-8, NF-2: only supervisors and the office mark replies."""
        ticket = self._dispatch_at(DEADLINE, DISPATCHED)
        ticket.sudo(self.unit_a_user).action_sign()
        for user in (self.unit_a_user, self.agent):
            with self.assertRaises(AccessError):
                ticket.sudo(user).action_mark_supervision('wrong', '错误')

    def test_a_yellow_card_does_not_hide_a_staff_mark(self):
        """TK-8: a reply marked wrong stays 'wrong' when the scan issues a yellow card."""
        ticket = self._dispatch_at(DEADLINE, DISPATCHED)
        ticket.sudo(self.unit_a_user).action_sign()
        ticket.sudo(self.dispatcher).action_mark_supervision('wrong', '答复与诉求不符。')
        self.Card._scan(now=utc('2026-03-03 09:00'))
        self.assertEqual(ticket.supervision_state, 'wrong')
        self.assertEqual(ticket.card_level, 'yellow')

    def test_lists(self):
        """SV-5: late reports, acceptance overdue, non-accepted complaints, repeated and
        dissatisfied requests each list what they say."""
        late = self._dispatch_at(utc('2026-03-02 23:59'), DISPATCHED)
        late.sudo(self.unit_a_user).action_sign()
        late.sudo(self.unit_a_user).action_complete('已处理。')
        self.assertIn(late.assignment_ids.filtered(lambda a: a.role == 'main'),
                      self._list('hotline_ticket_assignment_action_late_reports'))
        unsigned = self._dispatch_at(utc('2026-03-02 23:59'), DISPATCHED)
        self.env.cr.execute(
            'UPDATE hotline_ticket_assignment SET date_sign_deadline = %s WHERE ticket_id = %s',
            [utc('2026-02-27 23:59'), unsigned.id])
        self.assertIn(unsigned.assignment_ids,
                      self._list('hotline_ticket_assignment_action_sign_late'))
        refused = self._ticket()
        reason = self.env['hotline.not.accepted.reason'].search([], limit=1)
        refused.action_not_accept(reason.id, '非本热线受理范围')
        self.assertIn(refused, self._list('hotline_ticket_action_not_accepted_complaints'))
        # the same phone and category as the requests above, within the window
        self.assertIn(refused, self._list('hotline_ticket_action_repeats'))
        other = self._ticket(contact_phone='13911112222', contact_name='另一市民',
                             category_id=self.env['hotline.category'].create(
                                 {'name': '孤立分类'}).id)
        self.assertNotIn(other, self._list('hotline_ticket_action_repeats'))
        self.assertFalse(other.is_repeat)
        self.assertTrue(refused.is_repeat)
        self.assertNotIn(late, self._list('hotline_ticket_action_dissatisfied'))

    def test_office_runs_the_scan_now(self):
        """SV-3: the office's 立即扫描 runs the same scan and opens the card list; a unit
        user may not run it."""
        action = self.env['hotline.supervision.card'].sudo(self.dispatcher).action_scan_now()
        self.assertEqual(action['res_model'], 'hotline.supervision.card')
        with self.assertRaises(AccessError):
            self.env['hotline.supervision.card'].sudo(self.unit_a_user).action_scan_now()
