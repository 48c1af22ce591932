# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime

from odoo import fields
from odoo.exceptions import AccessError, ValidationError

from .common import DispatchCase


class TestAutoDispatch(DispatchCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sub_category = cls.env['hotline.category'].create({
            'name': '电梯', 'parent_id': cls.category.id})
        Rule = cls.env['hotline.dispatch.rule']
        # switch off whatever the demo data switched on: these tests own the rules
        Rule.search([]).write({'enabled': False})
        cls.general = Rule.create({
            'name': '测试分类 → 乙区', 'category_ids': [(6, 0, cls.category.ids)],
            'main_unit_id': cls.district_b.id, 'enabled': True})
        cls.specific = Rule.create({
            'name': '电梯投诉 → 甲区', 'ticket_type': 'complaint',
            'category_ids': [(6, 0, cls.category.ids)], 'keywords': '电梯，扶梯',
            'main_unit_id': cls.district_a.id, 'cc_unit_ids': [(6, 0, cls.bureau.ids)],
            'opinion': '请甲区督促物业维修。', 'enabled': True})

    def test_best_matching_rule_dispatches_and_explains(self):
        """DS-4: on submission the most specific matching rule dispatches without a person;
        the request says which rule and why, on the form and on the trail."""
        ticket = self._submitted(category_id=self.sub_category.id)
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'dispatched')
        self.assertEqual(ticket.main_unit_id, self.district_a)
        self.assertEqual(ticket.auto_dispatch_rule_id, self.specific)
        self.assertIn('电梯投诉 → 甲区', ticket.auto_dispatch_note)
        self.assertIn('电梯', ticket.auto_dispatch_note)  # the keyword found
        self.assertIn(self.bureau, ticket.unit_ids)
        step = ticket.step_ids.filtered(lambda s: s.action == 'dispatch')
        self.assertIn(ticket.auto_dispatch_note, step.opinion)
        self.assertIn('请甲区督促物业维修。', step.opinion)
        # a request the specific rule does not match falls to the general one
        other = self._submitted(title='小区路灯不亮', content='路灯坏了一个月。')
        other.invalidate_cache()
        self.assertEqual(other.main_unit_id, self.district_b)

    def test_no_rule_matches_stays_with_office(self):
        """DS-4: a request no switched-on rule matches stays with the office."""
        self.general.enabled = False
        ticket = self._submitted(title='小区路灯不亮', content='路灯坏了一个月。')
        ticket.invalidate_cache()
        self.assertEqual(ticket.state, 'submitted')
        self.assertFalse(ticket.auto_dispatch_note)

    def test_rule_needs_a_condition(self):
        """DS-4: a rule without any condition would match everything: refused."""
        with self.assertRaises(ValidationError):
            self.env['hotline.dispatch.rule'].create({
                'name': '全部', 'main_unit_id': self.district_a.id})

    def test_try_rule_against_past_requests(self):
        """DS-4: before switching a rule on, the office sees how many past requests it would
        have matched and where they actually went."""
        self.general.enabled = self.specific.enabled = False
        for unit in (self.district_a, self.district_a, self.district_b):
            self._ticket().sudo().write({'state': 'done', 'main_unit_id': unit.id,
                                         'dispatch_count': 1})
        self._ticket(title='路灯不亮', content='路灯坏了').sudo().write({
            'state': 'done', 'main_unit_id': self.district_b.id, 'dispatch_count': 1})
        self.specific.action_try()
        self.assertEqual(self.specific.try_count, 3)
        self.assertAlmostEqual(self.specific.try_agree, 66.7, places=1)
        self.assertIn(self.district_a.complete_name + ': 2', self.specific.try_result)
        self.assertIn(self.district_b.complete_name + ': 1', self.specific.try_result)


class TestSuggestions(DispatchCase):

    def _past(self, unit, title='小区电梯故障', returned=False, **vals):
        ticket = self._ticket(title=title, **vals)
        ticket.sudo().write({'state': 'done', 'main_unit_id': unit.id,
                             'dispatch_count': 2 if returned else 1,
                             'return_count': 1 if returned else 0})
        return ticket

    def test_suggestions_learn_from_right_dispatches_only(self):
        """DS-5: the top units come from past requests closed without being returned or
        re-dispatched (category, location and title words), best first, with scores."""
        other_category = self.env['hotline.category'].create({'name': '噪音'})
        for __ in range(3):
            self._past(self.district_a)
        self._past(self.street_a, title='电梯故障无人修')
        for __ in range(5):
            self._past(self.district_b, returned=True)   # wrong dispatches teach nothing
        self._past(self.bureau, title='工地噪音扰民', category_id=other_category.id)
        self.env['hotline.ticket']._refresh_dispatch_stats()
        ticket = self._submitted(title='电梯又坏了')
        suggestions = ticket.hotline_suggest_units()
        self.assertLessEqual(len(suggestions), 3)
        self.assertEqual(suggestions[0]['unit_id'], self.district_a.id)
        self.assertEqual([s['unit_id'] for s in suggestions][:2],
                         [self.district_a.id, self.street_a.id])
        self.assertNotIn(self.district_b.id, [s['unit_id'] for s in suggestions])
        self.assertGreater(suggestions[0]['score'], suggestions[1]['score'])
        self.assertIn(self.district_a.complete_name, ticket.dispatch_suggestion)
        noise = self._submitted(title='夜间噪音', category_id=other_category.id)
        self.assertEqual(noise.hotline_suggest_units()[0]['unit_id'], self.bureau.id)

    def test_dispatch_accuracy(self):
        """DS-5: accuracy = share of dispatched requests not returned nor re-dispatched."""
        since = fields.Datetime.to_string(datetime.datetime.now() - datetime.timedelta(seconds=5))
        right = self._dispatched(main=self.district_a)
        wrong = self._dispatched(main=self.district_a)
        wrong.sudo(self.unit_a_user).action_unit_return(self.reason.id)
        wrong.sudo(self.dispatcher).action_dispatch(self.district_b.id)
        self._submitted()  # not dispatched: not counted
        Ticket = self.env['hotline.ticket']
        result = Ticket.sudo(self.dispatcher).hotline_dispatch_accuracy(date_from=since)
        with self.assertRaises(AccessError):  # it counts every unit's requests
            Ticket.sudo(self.unit_a_user).hotline_dispatch_accuracy()
        self.assertEqual(result, {'dispatched': 2, 'accurate': 1, 'accuracy': 50.0})
        right.invalidate_cache()
        self.assertTrue(right.dispatch_accurate)
        self.assertFalse(wrong.dispatch_accurate)
