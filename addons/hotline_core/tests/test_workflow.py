# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import re

from odoo.exceptions import AccessError, UserError

from .common import HotlineCase


class TestWorkflow(HotlineCase):

    def test_registration_numbers_links_citizen_and_logs_step(self):
        """TK-1, TK-9, CZ-1: a new request gets 12345-YYYYMMDD-NNNNN, is linked to the
        caller's profile, and its trail starts with the registration."""
        ticket = self._ticket()
        self.assertRegex(ticket.name, r'^12345-\d{8}-\d{5}$')
        other = self._ticket()
        self.assertEqual(int(other.name[-5:]), int(ticket.name[-5:]) + 1)
        self.assertEqual(ticket.partner_id, self.citizen)
        self.assertEqual(ticket.state, 'draft')
        self.assertEqual(ticket.process_state, 'unprocessed')
        self.assertEqual(ticket.step_ids.mapped('action'), ['register'])
        self.assertEqual(ticket.step_ids.user_id, self.agent)

    def test_trail_is_written_in_the_acting_users_language(self):
        """TK-9, NF-1: a call without a language (XML-RPC) writes the trail in the user's
        language."""
        self.agent.lang = 'zh_CN'
        ticket = self.env['hotline.ticket'].sudo(self.agent).with_context(lang=None).create({
            'title': '路灯不亮', 'content': '三天了', 'contact_name': '测试市民',
            'contact_phone': '13800138000'})
        ticket.sudo(self.agent).with_context(lang=None).action_submit()
        self.assertEqual(ticket.step_ids.sorted('id').mapped('name'), ['登记', '提交热线办'])
        self.assertEqual(ticket.step_ids.sorted('id')[-1].state_label, '已提交热线办')

    def test_unknown_caller_gets_a_new_citizen_profile(self):
        """CZ-1: the first request of an unknown caller creates their profile."""
        ticket = self._ticket(contact_name='新来电人', contact_phone='15900159000')
        self.assertEqual(ticket.partner_id.name, '新来电人')
        self.assertEqual(ticket.partner_id.mobile, '+8615900159000')
        self.assertEqual(ticket.partner_id.hotline_resource_type, 'citizen')
        again = self._ticket(contact_name='新来电人', contact_phone='159 0015 9000')
        self.assertEqual(again.partner_id, ticket.partner_id)
        self.assertEqual(ticket.partner_id.create_uid, self.agent)  # audit names the agent
        landline = self._ticket(contact_name='座机来电人', contact_phone='010-65001234')
        self.assertEqual(landline.partner_id.phone, '+861065001234')
        self.assertFalse(landline.partner_id.mobile)

    def test_self_service_request_not_linked_by_typed_phone(self):
        """CZ-1, CH-2 (privacy): a website/WeChat/app/e-mail request filed by the system
        (superuser) with a citizen's phone is not linked to that citizen's profile (anyone
        can type a number) and creates no profile; with a verified number (context), when
        an agent registers it, or by phone, it is linked."""
        partners_before = self.env['res.partner'].search_count([])
        values = {'title': '路灯不亮', 'content': '三天了', 'contact_name': '冒名者',
                  'contact_phone': '13800138000'}
        Ticket = self.env['hotline.ticket'].sudo()
        for channel in ('web', 'wechat', 'app', 'email'):
            ticket = Ticket.create(dict(values, channel=channel))
            self.assertFalse(ticket.partner_id, channel)
            self.assertEqual(ticket.contact_phone, '+8613800138000')
        self.assertEqual(self.env['res.partner'].search_count([]), partners_before)
        verified = Ticket.with_context(hotline_phone_verified=True).create(
            dict(values, channel='web'))
        self.assertEqual(verified.partner_id, self.citizen)
        self.assertEqual(self._ticket(channel='web').partner_id, self.citizen)  # an agent
        self.assertEqual(Ticket.create(dict(values, channel='phone')).partner_id,
                         self.citizen)

    def test_request_copies_contact_data_from_profile(self):
        """CZ-1: a request for a known citizen copies their data from the profile."""
        ticket = self._ticket(contact_name=False, contact_phone=False,
                              partner_id=self.citizen.id)
        self.assertEqual(ticket.contact_name, '测试市民')
        self.assertEqual(ticket.contact_phone, '+8613800138000')

    def test_submit_and_resolve(self):
        """TK-4, TK-8: submit hands over to the office; a consult is answered and archived
        only with an answer; each step is on the trail."""
        ticket = self._ticket()
        ticket.sudo(self.agent).action_submit()
        self.assertEqual(ticket.state, 'submitted')
        consult = self._ticket(ticket_type='consult')
        with self.assertRaises(UserError):
            consult.sudo(self.agent).action_resolve()
        consult.write({'reply': '已告知办理流程。'})
        consult.sudo(self.agent).action_resolve()
        self.assertEqual((consult.state, consult.process_state), ('done', 'done'))
        self.assertTrue(consult.date_done)
        self.assertEqual(consult.step_ids[0].action, 'resolve')
        self.assertEqual(consult.step_ids[0].opinion, '已告知办理流程。')
        with self.assertRaises(UserError):
            consult.sudo(self.agent).action_submit()

    def test_not_accepted_flow_needs_office_confirmation(self):
        """TK-5: the agent proposes not to accept with a reason; only the office confirms,
        which closes the request; the office may also reject the proposal."""
        reason = self.env.ref('hotline_core.reason_not_government')
        ticket = self._ticket()
        wizard = self.env['hotline.ticket.not.accept'].sudo(self.agent).create({
            'ticket_ids': [(6, 0, ticket.ids)], 'reason_id': reason.id,
            'detail': '不属于政府职能'})
        wizard.action_confirm()
        self.assertEqual(ticket.state, 'refuse_pending')
        self.assertEqual(ticket.process_state, 'unprocessed')
        self.assertEqual(ticket.not_accepted_reason_id, reason)
        with self.assertRaises(AccessError):
            ticket.sudo(self.agent).action_confirm_not_accept()
        ticket.sudo(self.dispatcher).action_confirm_not_accept()
        self.assertEqual((ticket.state, ticket.process_state), ('refused', 'done'))
        self.assertEqual(ticket.step_ids[0].user_id, self.dispatcher)
        self.assertEqual(ticket.step_ids[1].opinion, '不属于政府职能')

        other = self._ticket()
        other.sudo(self.agent).action_not_accept(reason.id, '重复来电')
        other.sudo(self.dispatcher).action_reject_not_accept()
        self.assertEqual(other.state, 'submitted')
        self.assertFalse(other.not_accepted_reason_id)
        with self.assertRaises(UserError):
            other.sudo(self.agent).action_not_accept(False)

    def test_extended_fields_offered_by_bureau_and_required_on_submit(self):
        """TK-3: extended fields configured for a bureau appear on its requests, typed
        values are validated, required ones block submission until filled."""
        from odoo.exceptions import ValidationError
        field = self.env['hotline.ticket.field'].create({
            'name': '纳税人识别号', 'field_type': 'char', 'bureau_id': self.bureau.id,
            'required': True})
        amount = self.env['hotline.ticket.field'].create({
            'name': '金额', 'field_type': 'float', 'ticket_type': 'complaint'})
        elsewhere = self.env['hotline.ticket.field'].create({
            'name': '其他局字段', 'field_type': 'char', 'bureau_id': self.district_b.id})
        consult_only = self.env['hotline.ticket.field'].create({
            'name': '咨询字段', 'field_type': 'char', 'ticket_type': 'consult'})
        ticket = self.env['hotline.ticket'].new({'bureau_id': self.bureau.id,
                                                 'ticket_type': 'complaint'})
        ticket._onchange_extended_fields()
        offered = ticket.field_value_ids.mapped('field_id')
        self.assertIn(field, offered)
        self.assertIn(amount, offered)
        self.assertNotIn(elsewhere, offered)
        self.assertNotIn(consult_only, offered)
        saved = self._ticket(bureau_id=self.bureau.id, field_value_ids=[
            (0, 0, {'field_id': field.id}), (0, 0, {'field_id': amount.id, 'value': '12.5'})])
        with self.assertRaises(UserError):
            saved.sudo(self.agent).action_submit()
        with self.assertRaises(ValidationError), self.cr.savepoint():
            saved.field_value_ids.filtered(lambda v: v.field_id == amount).value = '十二元'
        saved.field_value_ids.filtered(lambda v: v.field_id == field).value = '91330100X'
        saved.sudo(self.agent).action_submit()
        self.assertEqual(saved.state, 'submitted')

    def test_integrator_register_and_status(self):
        """IF-1: hotline_register creates (and submits) a request; hotline_status tells its
        state and steps by number."""
        result = self.env['hotline.ticket'].sudo(self.agent).hotline_register({
            'title': '路灯不亮', 'content': '滨江路路灯坏了一周', 'ticket_type': 'report',
            'channel': 'app', 'contact_name': '周先生', 'contact_phone': '18800188000'},
            submit=True)
        self.assertTrue(re.match(r'^12345-\d{8}-\d{5}$', result['name']))
        self.assertEqual(result['state'], 'submitted')
        status = self.env['hotline.ticket'].sudo(self.agent).hotline_status(result['name'])
        self.assertEqual(status['state'], 'submitted')
        self.assertEqual([s['action'] for s in status['steps']], ['register', 'submit'])
        self.assertFalse(self.env['hotline.ticket'].hotline_status('12345-00000000-00000'))

    def test_contact_history_lists_requests_newest_first(self):
        """CZ-3: the citizen's contact history shows their requests, newest first."""
        first = self._ticket(title='第一次来电')
        second = self._ticket(title='第二次来电')
        first.write({'register_date': '2026-01-01 08:00:00'})
        history = self.citizen.hotline_history_ids
        self.assertEqual(history.mapped('ticket_id')[:2], second | first)
        self.assertEqual(history[0].ticket_id, second)
        self.assertEqual(history[0].kind, 'ticket')
