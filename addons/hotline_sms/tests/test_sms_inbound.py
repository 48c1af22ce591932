# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""SM-2, CH-12: an SMS from a citizen's phone, passed on by the gateway (Kannel get-url),
becomes a request with channel SMS and is acknowledged with the request number."""
import odoo

from .common import TOKEN, SmsLiveCase


class TestSmsInbound(SmsLiveCase):

    def setUp(self):
        super().setUp()
        self.inbound = 'http://127.0.0.1:%d/hotline_sms/inbound/%d/%s' % (
            odoo.tests.common.PORT, self.gateway_id, TOKEN)
        # As in kannel.conf's sms-service: get-url = ".../inbound/<id>/<token>?from=%p..."
        self.peer.control('mode', get_url=self.inbound +
                          '?from=%p&to=%P&text=%a&ts=%T&id=%I')

    def mo(self, sender, text, to='1069001234505'):
        answer = self.peer.control('mo', **{'from': sender, 'to': to, 'text': text})
        self.assertEqual(answer['code'], 200)
        self.assertEqual(answer['body'], '', 'Kannel must not send a reply of its own')

    def tickets(self, number):
        with self.server_env() as env:
            return env['hotline.ticket'].search([('caller_number', '=', number)]).read(
                ['name', 'channel', 'content', 'partner_id', 'state', 'title'])

    def test_inbound_sms_creates_request_and_acknowledges_with_number(self):
        """CH-12, SM-2 (must show): an SMS from a known citizen creates a request with
        channel SMS linked to him; he gets an SMS with the request number."""
        self.mo('13812340001', '幸福路 12号门口路灯不亮，晚上很黑，请尽快修理')
        tickets = self.tickets('+8613812340001')
        self.assertEqual(len(tickets), 1)
        ticket = tickets[0]
        self.assertEqual(ticket['channel'], 'sms')
        self.assertEqual(ticket['content'], '幸福路 12号门口路灯不亮，晚上很黑，请尽快修理')
        with self.server_env() as env:
            zhang = env.ref('hotline_core.citizen_zhang')
            self.assertEqual(ticket['partner_id'][0], zhang.id)
            received = env['hotline.sms.message'].search(
                [('direction', '=', 'in'), ('ticket_id', '=', ticket['id'])])
            self.assertEqual((received.state, received.extension, received.partner_id),
                             ('received', '05', zhang))
        self.assertEqual(self.send_queue(), 1)
        acks = self.peer.control('messages')['messages']
        self.assertEqual(len(acks), 1)
        self.assertEqual(acks[0]['to'], '+8613812340001')
        self.assertIn(ticket['name'], acks[0]['text'])
        self.assertIn('青川12345', acks[0]['text'])
        self.assertEqual(acks[0]['from'], '1069001234505',
                         'the acknowledgement answers on the extension the citizen used')

    def test_second_sms_within_window_is_added_to_the_open_request(self):
        """CH-12: a second SMS from the same number within the window adds to the request
        instead of opening another, without a second acknowledgement; after the window a
        new SMS opens a new request."""
        self.mo('13912340002', '小区垃圾三天没人清运')
        self.mo('13912340002', '补充：在幸福小区 3 号楼旁边')
        tickets = self.tickets('+8613912340002')
        self.assertEqual(len(tickets), 1)
        self.assertIn('补充：在幸福小区 3 号楼旁边', tickets[0]['content'])
        self.assertIn('小区垃圾三天没人清运', tickets[0]['content'])
        self.assertEqual(self.send_queue(), 1)
        with self.server_env() as env:
            env.cr.execute("UPDATE hotline_sms_message SET date = date - interval '2 hours' "
                           "WHERE direction = 'in' AND number = '+8613912340002'")
        self.mo('13912340002', '另一件事：路口红绿灯坏了')
        self.assertEqual(len(self.tickets('+8613912340002')), 2)

    def test_unknown_number_gets_a_citizen_profile(self):
        """CH-12, CZ-1: an SMS from an unknown mobile creates the citizen's profile."""
        self.mo('+86 177 0000 1234', '咨询社保卡补办需要什么材料')
        ticket = self.tickets('+8617700001234')[0]
        with self.server_env() as env:
            partner = env['res.partner'].browse(ticket['partner_id'][0])
            self.assertEqual(partner.mobile, '+8617700001234')
            self.assertIn('1234', partner.name)

    def test_repeated_callback_creates_one_request(self):
        """SM-2: the gateway calling twice for the same SMS (same message id) creates one
        request and one acknowledgement."""
        url = self.inbound + '?from=13712340005&to=10690012345&text=%E5%99%AA%E9%9F%B3' \
                             '&ts=1795000000&id=kannel-77'
        self.assertEqual(self.url_open(url).status_code, 200)
        self.assertEqual(self.url_open(url).status_code, 200)
        self.assertEqual(len(self.tickets('+8613712340005')), 1)
        with self.server_env() as env:
            self.assertEqual(env['hotline.sms.message'].search_count(
                [('kind', '=', 'ack'), ('number', '=', '+8613712340005')]), 1)

    def test_post_form_callback_accepted(self):
        """SM-2: a gateway that posts the fields as a form is understood too."""
        response = self.url_open(self.inbound, data={
            'from': '18612340004', 'to': '10690012345', 'text': '噪音扰民'})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.tickets('+8618612340004')[0]['content'], '噪音扰民')

    def test_forged_or_bad_inbound_refused(self):
        """SM-2 (bad input): a callback without the right token is refused (403) and
        creates nothing; one without sender is refused (400); a sender that is no phone
        number is logged with the reason but opens no request."""
        forged = self.inbound.replace(TOKEN, 'guess') + '?from=13812340001&text=forged'
        self.assertEqual(self.url_open(forged).status_code, 403)
        self.assertEqual(self.url_open(self.inbound + '?text=nobody').status_code, 400)
        self.assertEqual(self.url_open(self.inbound + '?from=BANK&text=ad').status_code, 200)
        with self.server_env() as env:
            logged = env['hotline.sms.message'].search([('number', '=', 'BANK')])
            self.assertIn('不是有效的电话号码', logged.error)
            self.assertFalse(logged.ticket_id)
            self.assertFalse(env['hotline.ticket'].search([('content', '=', 'forged')]))
