# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""AG-1, AG-2, AG-4, AG-5, AG-6, AG-7: agent and supervisor actions reach the PBX as AMI
actions; help requests and team-leader messages."""
import json
import re
import socket

from odoo.exceptions import AccessError, UserError

from .common import CtiCase


class TestAgentActions(CtiCase):

    def _last(self, action):
        return [a for a in self.pbx.actions if a.get('Action') == action][-1]

    def test_login_pause_ready_logout(self):
        """AG-1, AG-2, AG-4: the agent logs in (QueueAdd), pauses with a reason
        (QueuePause), gets ready and logs out (QueueRemove); the PBX's queue membership and
        the state in the status bar follow."""
        seat = self.seat.sudo(self.agent)
        seat.action_login()
        self.assertIn(('12345', 'PJSIP/7001'), self.pbx.members, 'AG-1: not a queue member')
        self.assertEqual(self._last('QueueAdd')['MemberName'], '7001')
        self.assertEqual(seat.cti_my_status()['state'], 'idle')
        seat.action_pause('午餐')
        self.assertEqual(self.pbx.members[('12345', 'PJSIP/7001')]['Paused'], '1')
        self.assertEqual(self._last('QueuePause')['Reason'], '午餐')
        status = seat.cti_my_status()
        self.assertEqual((status['state'], status['pause_reason']), ('paused', '午餐'))
        seat.action_ready()
        self.assertEqual(self.pbx.members[('12345', 'PJSIP/7001')]['Paused'], '0')
        self.assertEqual(seat.state, 'idle')
        seat.action_logout()
        self.assertNotIn(('12345', 'PJSIP/7001'), self.pbx.members)
        self.assertEqual(seat.state, 'logout')
        self.assertTrue(self.bus_messages(self.agent, 'state'),
                        'AG-4: the status bar was not told of the state changes')
        self.assertFalse(self.bus_messages(self.agent2, 'state'),
                         'another agent received this agent\'s state')

    def test_pbx_refusal_is_a_clear_error(self):
        """AG-1: logging out of a queue the PBX does not have the agent in shows the PBX's
        reason; a wrong AMI secret likewise."""
        with self.assertRaisesRegex(UserError, 'Not there'):
            self.seat.sudo(self.agent).action_logout()
        self.server.password = 'wrong'
        with self.assertRaisesRegex(UserError, 'Authentication failed'):
            self.seat.sudo(self.agent).action_login()

    def test_unreachable_pbx_is_said_in_chinese(self):
        """AG-1, NF-1 (issue 16): when the PBX cannot be reached, the agent reads a
        Chinese sentence saying what to do — not "[Errno 111] Connection refused"."""
        with socket.socket() as probe:  # a port nobody listens on
            probe.bind(('127.0.0.1', 0))
            self.server.port = probe.getsockname()[1]
        with self.assertRaises(UserError) as caught:
            self.seat.sudo(self.agent).with_context(lang='zh_CN').action_login()
        message = caught.exception.name
        self.assertIn('暂时无法连接话务系统', message)
        self.assertFalse(re.search('[A-Za-z]', message), message)

    def test_click_to_dial_originates_from_agent_phone(self):
        """AG-5: click-to-dial rings the agent's own extension, then dials the number."""
        self.seat.sudo(self.agent).action_dial('138-0013-8000')
        originate = self._last('Originate')
        self.assertEqual(originate['Channel'], 'PJSIP/7001')
        self.assertEqual(originate['Exten'], '13800138000')
        self.assertEqual(originate['Context'], 'hotline-agents')

    def test_click2dial_from_phone_field_uses_agent_seat(self):
        """AG-5: base_phone's click-to-dial on any phone field goes through the agent seat."""
        self.env['phone.common'].sudo(self.agent).click2dial('0571-87654321')
        self.assertEqual(self._last('Originate')['Channel'], 'PJSIP/7001')

    def test_transfer_and_hangup_current_call(self):
        """AG-5, AG-7: transfer to an agent number dials that seat's phone (the channel
        variable HOTLINE_TRANSFER_TO, context hotline-transfer), not the outside line; a
        colleague who cannot take a call now is refused and nothing reaches the PBX; the
        transferring agent's talk ends; hang-up (强拆) ends the call."""
        ch, _call = self.connect_call(holdtime=2)
        self.seat2.state = 'paused'
        with self.assertRaisesRegex(UserError, '7002'):
            self.seat.sudo(self.agent).action_transfer('7002')
        self.assertFalse([a for a in self.pbx.actions if a.get('Action') == 'Redirect'])
        self.seat2.state = 'idle'
        self.seat.sudo(self.agent).action_transfer('7002')
        setvar = self._last('Setvar')
        self.assertEqual((setvar['Channel'], setvar['Variable'], setvar['Value']),
                         (ch['Channel'], 'HOTLINE_TRANSFER_TO', 'PJSIP/7002'))
        redirect = self._last('Redirect')
        self.assertEqual((redirect['Channel'], redirect['Context'], redirect['Exten']),
                         (ch['Channel'], 'hotline-transfer', '7002'))
        self.assertEqual(self.seat.state, 'wrapup')
        self.seat.sudo(self.leader).action_hangup()
        self.pump_event('Hangup')
        self.assertNotIn(ch['Uniqueid'], self.pbx.channels)
        call = self.env['hotline.cti.call'].search([('uniqueid', '=', ch['Uniqueid'])])
        self.assertEqual(call.state, 'done')
        self.assertEqual(call.transfer_agent_id, self.seat2)
        # AG-5: the colleague's popup carries the call (and its request once saved)
        transferred = self.bus_messages(self.agent2, 'popup')
        self.assertEqual(transferred[-1]['call']['id'], call.id)

    def test_supervisor_listen_whisper_barge(self):
        """AG-7: the team leader's phone is connected to the agent's with ChanSpy in the
        chosen mode; an agent may not spy on a colleague."""
        seat = self.seat.sudo(self.leader)
        for method, options in (('action_listen', 'qE'), ('action_whisper', 'qEw'),
                                ('action_barge', 'qEB')):
            getattr(seat, method)()
            originate = self._last('Originate')
            self.assertEqual(originate['Channel'], 'PJSIP/7009')
            self.assertEqual(originate['Application'], 'ChanSpy')
            self.assertEqual(originate['Data'], 'PJSIP/7001,%s' % options)
        with self.assertRaises(AccessError):
            self.seat.sudo(self.agent2).action_listen()

    def test_agent_cannot_change_colleague_seat(self):
        """AG-7: force busy / idle / logout of someone else's seat is for team leaders."""
        with self.assertRaises(AccessError):
            self.seat.sudo(self.agent2).action_pause('x')
        self.seat.sudo(self.leader).action_login()
        self.seat.sudo(self.leader).action_force_busy()
        self.assertEqual(self.seat.state, 'paused')
        self.assertEqual(self.pbx.members[('12345', 'PJSIP/7001')]['Paused'], '1')
        # AG-7 示闲 / 强制签出: the team leader sets the agent idle, then logs them out
        self.seat.sudo(self.leader).action_ready()
        self.assertEqual(self.seat.state, 'idle')
        self.assertEqual(self.pbx.members[('12345', 'PJSIP/7001')]['Paused'], '0')
        self.seat.sudo(self.leader).action_logout()
        self.assertEqual(self.seat.state, 'logout')
        self.assertNotIn(('12345', 'PJSIP/7001'), self.pbx.members)
        with self.assertRaises(AccessError):
            self.seat.sudo(self.agent2).action_hold()


class TestAgentMessages(CtiCase):

    def test_leader_message_pushed_and_kept_until_read(self):
        """AG-6: a team leader's message reaches the agent's channel at once and stays
        unread (shown at the next login) until the agent has seen it; agents cannot send."""
        Message = self.env['hotline.cti.message']
        Message.sudo(self.leader).cti_send(self.seat.ids, '请注意：今天暴雨，积水来电优先处理')
        pushed = self.bus_messages(self.agent, 'message')
        self.assertEqual(pushed[0]['message']['body'], '请注意：今天暴雨，积水来电优先处理')
        self.assertFalse(self.bus_messages(self.agent2, 'message'))
        unread = Message.sudo(self.agent).cti_unread()
        self.assertEqual(len(unread), 1)
        self.assertFalse(Message.sudo(self.agent2).cti_unread())
        Message.sudo(self.agent).cti_mark_read([unread[0]['id']])
        self.assertFalse(Message.sudo(self.agent).cti_unread())
        with self.assertRaises(AccessError):
            Message.sudo(self.agent).cti_send(self.seat2.ids, 'x')

    def test_help_request_reaches_leaders_monitor(self):
        """AG-6: an agent's help request is sent to the team leaders' monitor channel and
        listed for them."""
        message_id = self.env['hotline.cti.message'].sudo(self.agent).cti_help()
        channel = json.dumps((self.env.cr.dbname, 'hotline.cti.monitor'),
                             separators=(',', ':'))
        rows = self.env['bus.bus'].sudo().search([('channel', '=', channel)])
        helps = [json.loads(r.message) for r in rows if '"help"' in r.message]
        self.assertEqual(helps[-1]['message']['agent_number'], '7001')
        self.assertIn(message_id, self.env['hotline.cti.message'].sudo(self.leader).search(
            [('kind', '=', 'help')]).ids)
