"""CH-12, SM-1, SM-2, SM-4, SM-5: the SMS loop across modules, over real HTTP — a citizen's
SMS becomes a request and is acknowledged; the agent submits it, the dispatcher (XML-RPC)
dispatches it to a district; the district's contact gets the reminder through the gateway
and its delivery report comes back.

Runs against the live test server and the test Kannel peer process of hotline_sms.
"""
import xmlrpc.client

import odoo
from odoo.tests.common import get_db_name

from odoo.addons.hotline_sms.tests import common


class TestSmsLoop(common.SmsLiveCase):

    def test_sms_request_dispatched_and_unit_texted(self):
        """CH-12, SM-2, SM-4: SMS in → request + acknowledgement; dispatched over XML-RPC
        by the dispatcher → the unit's contact texted once, delivered."""
        port = odoo.tests.common.PORT
        inbound = 'http://127.0.0.1:%d/hotline_sms/inbound/%d/%s' % (
            port, self.gateway_id, common.TOKEN)
        self.peer.control('mode', get_url=inbound + '?from=%p&to=%P&text=%a&ts=%T&id=%I')
        self.peer.control('mo', **{'from': '13812340001', 'to': '10690012345',
                                   'text': '和平街道幸福路井盖丢失，很危险'})
        with self.server_env() as env:
            ticket = env['hotline.ticket'].search([('caller_number', '=', '+8613812340001'),
                                                   ('channel', '=', 'sms')])
            self.assertEqual(len(ticket), 1)
            name, ticket_id = ticket.name, ticket.id
            ticket.sudo(env.ref('hotline_core.user_agent')).action_submit()
            district = env.ref('hotline_core.unit_district_dongcheng')
            district_id, district_phone = district.id, district.contact_phone
        self.assertEqual(self.send_queue(), 1)
        ack = self.peer.control('messages')['messages'][0]
        self.assertIn(name, ack['text'])
        rpc = xmlrpc.client.ServerProxy('http://127.0.0.1:%d/xmlrpc/2/object' % port)
        uid = xmlrpc.client.ServerProxy(
            'http://127.0.0.1:%d/xmlrpc/2/common' % port).authenticate(
            get_db_name(), 'dispatcher', 'dispatcher', {})
        self.assertTrue(uid)
        rpc.execute_kw(get_db_name(), uid, 'dispatcher', 'hotline.ticket', 'action_dispatch',
                       [[ticket_id], district_id], {'opinion': '请尽快处理'})
        self.assertEqual(self.send_queue(), 1)
        self.assertEqual(self.send_queue(), 0)
        reminder = self.peer.control('messages')['messages'][1]
        self.assertEqual(reminder['to'], district_phone)
        self.assertIn(name, reminder['text'])
        self.assertIn('东城区', reminder['text'])
        self.assertTrue(self.wait_for([('ticket_id', '=', ticket_id), ('kind', '=', 'dispatch'),
                                       ('state', '=', 'delivered')], 1))
