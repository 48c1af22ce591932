# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""SM-4: dispatch reminders to the unit's contact; SM-1: sending from the compose window;
NF-2: who may send and who reads which SMS."""
from odoo.exceptions import AccessError, UserError

from odoo.addons.hotline_dispatch.tests.common import DispatchCase


class TestSmsDispatch(DispatchCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.district_a.contact_phone = '13900009901'
        cls.district_b.contact_phone = '13900009902'
        cls.bureau.contact_phone = '0571-88880000'   # a landline: no SMS possible
        cls.Sms = cls.env['hotline.sms.message']

    def _sms(self, ticket):
        return self.Sms.search([('ticket_id', '=', ticket.id), ('kind', '=', 'dispatch')])

    def test_dispatch_texts_main_and_co_unit_contacts_once(self):
        """SM-4: dispatching texts the contact phone of the main unit and of each co-unit
        (not copied units) with the request number, title, unit and deadline; announcing
        the same assignments again queues nothing more."""
        ticket = self._dispatched(main=self.district_a, co=[self.district_b],
                                  cc=[self.street_a], title='井盖缺失')
        sms = self._sms(ticket)
        self.assertEqual(sorted(sms.mapped('number')), ['+8613900009901', '+8613900009902'])
        self.assertEqual(set(sms.mapped('state')), {'queued'})
        main = sms.filtered(lambda m: m.unit_id == self.district_a)
        self.assertIn(ticket.name, main.body)
        self.assertIn('井盖缺失', main.body)
        self.assertIn('甲区', main.body)
        self.assertRegex(main.body, r'\d{4}-\d{2}-\d{2} \d{2}:\d{2}')
        ticket.assignment_ids._announce()
        self.assertEqual(len(self._sms(ticket)), 2)

    def test_unit_with_landline_gets_failed_sms_with_reason(self):
        """SM-4 (bad input): a unit whose contact phone is a landline cannot be texted: the
        reminder is logged as failed with the reason and the dispatch goes through."""
        ticket = self._dispatched(main=self.bureau)
        sms = self._sms(ticket)
        self.assertEqual(sms.state, 'failed')
        self.assertIn('固定电话', sms.error)
        self.assertEqual(ticket.state, 'dispatched')

    def test_compose_group_send_with_template_and_phrase(self):
        """SM-1: the agent sends one text to typed numbers, a contact and a recipient group
        (one SMS per distinct number); the template fills in the request; the log shows one
        line per recipient, the bad number with its reason."""
        group = self.env['hotline.sms.group'].create({
            'name': '测试组', 'unit_ids': [(6, 0, [self.district_a.id, self.district_b.id])]})
        template = self.env['hotline.sms.template'].create({
            'name': '测试模板', 'body': '{citizen}您好，工单{request}已受理。', 'extension': '07'})
        phrase = self.env['hotline.sms.phrase'].create({'name': '感谢', 'body': '谢谢！'})
        ticket = self._ticket()
        wizard = self.env['hotline.sms.compose'].sudo(self.agent).with_context(
            default_ticket_id=ticket.id).create({})
        self.assertEqual(wizard.numbers, ticket.contact_phone)
        wizard.template_id = template
        wizard._onchange_template_id()
        wizard.phrase_id = phrase
        wizard._onchange_phrase_id()
        wizard.write({'numbers': '%s，12345678901x, 13900009901' % wizard.numbers,
                      'group_ids': [(6, 0, group.ids)]})
        self.assertEqual(wizard.body, '%s您好，工单%s已受理。谢谢！' % (
            ticket.contact_name, ticket.name))
        action = wizard.action_send()
        logged = self.Sms.search(action['domain'])
        self.assertEqual(len(logged), 4)   # citizen, bad number, unit A (typed + group), B
        self.assertEqual(sorted(logged.mapped('state')), ['failed', 'queued', 'queued',
                                                          'queued'])
        self.assertEqual(set(logged.mapped('extension')), {'07'})
        self.assertEqual(set(logged.mapped('kind')), {'group'})

    def test_compose_refuses_empty_and_too_long_text(self):
        """SM-1 (bad input): an empty text, no recipient or a text over the allowed number
        of parts is refused with a clear message; nothing is queued."""
        Compose = self.env['hotline.sms.compose'].sudo(self.agent)
        count = self.Sms.search_count([])
        with self.assertRaisesRegex(UserError, '短信内容为空'):
            Compose.create({'numbers': '13812345678', 'body': '  '}).action_send()
        with self.assertRaisesRegex(UserError, '至少填写一个接收人'):
            Compose.create({'body': '你好'}).action_send()
        with self.assertRaisesRegex(UserError, '最多允许 5 条'):
            Compose.create({'numbers': '13812345678', 'body': '长' * 400}).action_send()
        self.assertEqual(self.Sms.search_count([]), count)

    def test_units_read_only_their_sms_and_cannot_send(self):
        """NF-2: a unit handler reads the SMS to his unit and its sub-units and about
        requests dispatched to them, not another district's nor his parent unit's; he cannot
        send; the supervisor reads all."""
        ticket_a = self._dispatched(main=self.district_a)
        ticket_b = self._dispatched(main=self.district_b)
        sms_a, sms_b = self._sms(ticket_a), self._sms(ticket_b)
        visible = self.Sms.sudo(self.unit_a_user).search([('kind', '=', 'dispatch')])
        self.assertIn(sms_a, visible)
        self.assertNotIn(sms_b, visible)
        self.assertFalse(self.Sms.sudo(self.unit_b_user).search([('id', '=', sms_a.id)]))
        # A district sees the SMS of its streets; a street not those of its district.
        self.street_a.contact_phone = '13900009903'
        sms_street = self._sms(self._dispatched(main=self.street_a))
        self.assertTrue(sms_street)
        self.assertIn(sms_street, self.Sms.sudo(self.unit_a_user).search([]))
        street_sees = self.Sms.sudo(self.street_a_user).search([])
        self.assertIn(sms_street, street_sees)
        self.assertNotIn(sms_a, street_sees)
        with self.assertRaises(AccessError):
            self.env['hotline.sms.compose'].sudo(self.unit_a_user).create({
                'numbers': '13812345678', 'body': '你好'}).action_send()
        with self.assertRaises(AccessError):
            sms_a.sudo(self.unit_a_user).write({'body': '改'})
        self.assertEqual(self.Sms.sudo(self.supervisor).search_count(
            [('id', 'in', (sms_a | sms_b).ids)]), 2)

    def test_unit_rule_does_not_grow_with_the_units_history(self):
        """NF-2, issue 9: the units' rule on the SMS log is one sub-select on the request's
        units, not the ids of every request the unit can see inlined into each query (the
        SMS count on the request's form runs it each time a unit opens a request). Tried: 30
        more requests for district A; the rule's SQL parameters stay the same, and a message
        to the unit about no request is still seen by it and by no other district."""
        before = self._rule_params('hotline.sms.message', self.unit_a_user)
        for i in range(30):
            self.env['hotline.ticket'].create({'title': '历史诉求 %d' % i, 'content': '已办结',
                                               'unit_ids': [(6, 0, self.district_a.ids)]})
        self.assertEqual(self._rule_params('hotline.sms.message', self.unit_a_user), before)
        to_unit = self.Sms.create({'number': '+8613900009901', 'unit_id': self.district_a.id,
                                   'body': '请于今日下班前报送周报。'})
        self.assertIn(to_unit, self.Sms.sudo(self.unit_a_user).search([]))
        self.assertNotIn(to_unit, self.Sms.sudo(self.unit_b_user).search([]))
        self.test_units_read_only_their_sms_and_cannot_send()
