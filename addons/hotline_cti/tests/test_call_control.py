# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""AG-5, AG-9, MO-1, MO-2: hold / retrieve / conference of the call in hand, and click-to-dial
calls recorded as outbound, against the test PBX (Asterisk's Redirect, Originate, ConfBridge
and Dial events)."""
import time
from unittest import mock

from odoo.exceptions import UserError

from ..bridge import runner
from .common import CtiCase


class TestHoldConference(CtiCase):

    def _last(self, action):
        return [a for a in self.pbx.actions if a.get('Action') == action][-1]

    def test_hold_and_retrieve(self):
        """AG-5 保持/恢复: hold puts the caller alone in the call's ConfBridge room with music
        (one Redirect with ExtraChannel: the agent's leg waits, neither is hung up); retrieve
        brings the agent into the room, the music stops; the status bar and the call record
        follow, and the hold time is kept."""
        ch, call = self.connect_call(holdtime=3)
        agent_leg = ch['_agent']
        room = call._cti_room()
        self.seat.sudo(self.agent).action_hold()
        redirect = self._last('Redirect')
        self.assertEqual((redirect['Channel'], redirect['Context'], redirect['Exten']),
                         (ch['Channel'], 'hotline-hold', room))
        self.assertEqual((redirect['ExtraChannel'], redirect['ExtraContext'],
                          redirect['ExtraExten']), (agent_leg['Channel'], 'hotline-held', room))
        self.pump_event('MusicOnHoldStart')
        self.assertEqual([c['Channel'] for c in self.pbx.rooms[room]], [ch['Channel']],
                         'the caller is not alone in the hold room')
        self.assertIn(ch['Uniqueid'], self.pbx.channels, 'hold hung the caller up')
        self.assertIn(agent_leg['Uniqueid'], self.pbx.channels, 'hold hung the agent up')
        self.assertTrue(call.on_hold)
        self.assertEqual(self.seat.state, 'hold')
        self.assertEqual(self.bus_messages(self.agent, 'state')[-1]['agent']['state'], 'hold')
        with self.assertRaisesRegex(UserError, '已在保持中'):
            self.seat.sudo(self.agent).action_hold()

        self.seat.sudo(self.agent).action_retrieve()
        redirect = self._last('Redirect')
        self.assertEqual((redirect['Channel'], redirect['Context'], redirect['Exten']),
                         (agent_leg['Channel'], 'hotline-conf-agent', room))
        self.assertNotIn('ExtraChannel', redirect)
        self.pump_event('MusicOnHoldStop')
        self.assertEqual(len(self.pbx.rooms[room]), 2, 'the agent did not rejoin the caller')
        self.assertFalse(call.on_hold)
        self.assertEqual(self.seat.state, 'talking')
        with self.assertRaisesRegex(UserError, '未在保持中'):
            self.seat.sudo(self.agent).action_retrieve()

        self.pbx.agent_complete(ch, 'PJSIP/7001', '7001', holdtime=3, talktime=40)
        self.pump_event('Hangup')
        self.assertEqual((call.state, call.disposition, call.talk_time),
                         ('done', 'answered', 40))
        self.assertGreaterEqual(call.hold_time, 0)
        self.assertEqual(self.seat.state, 'wrapup')

    def test_hold_from_the_phone_is_seen(self):
        """AG-5, MO-1: a hold made on the agent's phone (Asterisk plays music to the caller:
        MusicOnHoldStart) shows the agent on hold in the grid; music while queued does not."""
        self.start_bridge()
        self.seat.action_login()
        ch = self.pbx.new_inbound('13800138000')
        self.pbx.queue_join(ch)
        self.pbx.emit('MusicOnHoldStart', self.pbx._snapshot(ch) + [('Class', 'default')])
        self.pump_event('MusicOnHoldStart')
        call = self.env['hotline.cti.call'].search([('uniqueid', '=', ch['Uniqueid'])])
        self.assertFalse(call.on_hold, 'queue music counted as hold')
        self.pbx.agent_called(ch, 'PJSIP/7001', '7001')
        self.pbx.agent_connect(ch, 'PJSIP/7001', '7001')
        self.pump_event('AgentConnect')
        self.pbx.emit('MusicOnHoldStart', self.pbx._snapshot(ch) + [('Class', 'default')])
        self.pump_event('MusicOnHoldStart')
        self.assertEqual(self.seat.state, 'hold')
        grid = {row['agent_number']: row for row in self.env['hotline.cti.agent']._cti_grid_rows()}
        self.assertEqual(grid['7001']['state'], 'hold')
        self.assertEqual(self.queue.agents_hold, 1)
        self.pbx.emit('MusicOnHoldStop', self.pbx._snapshot(ch))
        self.pump_event('MusicOnHoldStop')
        self.assertEqual(self.seat.state, 'talking')

    def test_three_way_conference(self):
        """AG-5 三方通话: caller and agent are moved into the call's ConfBridge room (Dual
        Redirect) and the third party is dialled into it (Originate of a Local channel);
        from hold, only the agent's leg moves."""
        ch, call = self.connect_call(holdtime=3)
        room = call._cti_room()
        with self.assertRaisesRegex(UserError, '号码'):
            self.seat.sudo(self.agent).action_conference(' - ')
        self.assertFalse([a for a in self.pbx.actions if a.get('Action') == 'Redirect'],
                         'a refused conference still reached the PBX')
        self.seat.sudo(self.agent).action_conference('139-0000-1111')
        redirect = self._last('Redirect')
        self.assertEqual((redirect['Context'], redirect['Exten'], redirect['ExtraContext'],
                          redirect['ExtraExten']),
                         ('hotline-conf', room, 'hotline-conf-agent', room))
        originate = self._last('Originate')
        self.assertEqual(originate['Channel'], 'Local/13900001111@hotline-agents')
        self.assertEqual((originate['Context'], originate['Exten']), ('hotline-conf', room))
        # Originate is asynchronous (Async: true): the party joins after the response
        deadline = time.time() + 10
        while len(self.pbx.rooms.get(room, [])) < 3 and time.time() < deadline:
            time.sleep(0.01)
        members = [c['Channel'] for c in self.pbx.rooms[room]]
        self.assertEqual(len(members), 3)
        self.assertEqual(members[:2], [ch['Channel'], ch['_agent']['Channel']])
        self.assertTrue(members[2].startswith('Local/13900001111@hotline-agents'))
        self.pump_event('ConfbridgeJoin')
        self.assertEqual(call.conference_number, '13900001111')
        self.assertEqual(self.seat.state, 'talking')
        # a fourth party from hold: the agent's leg rejoins, the caller is not moved again
        self.seat.sudo(self.agent).action_hold()
        self.seat.sudo(self.agent).action_conference('13900002222')
        redirect = self._last('Redirect')
        self.assertEqual(redirect['Channel'], ch['_agent']['Channel'])
        self.assertNotIn('ExtraChannel', redirect)
        self.assertEqual(call.conference_number, '13900001111,13900002222')
        self.assertFalse(call.on_hold)

    def test_transfer_from_hold_frees_the_agent(self):
        """AG-5: a caller on hold transferred to a colleague leaves the hold room for the
        dialplan, and the agent's waiting leg is hung up (the agent is free)."""
        ch, call = self.connect_call(holdtime=3)
        agent_leg = ch['_agent']
        self.seat2.state = 'idle'  # AG-5: only a colleague who can take a call is rung
        self.seat.sudo(self.agent).action_hold()
        self.seat.sudo(self.agent).action_transfer('7002')
        redirect = self._last('Redirect')
        self.assertEqual((redirect['Channel'], redirect['Context'], redirect['Exten']),
                         (ch['Channel'], 'hotline-transfer', '7002'))
        self.assertEqual(self.seat.state, 'wrapup', 'AG-5: the transferring agent still talks')
        self.assertNotIn(agent_leg['Uniqueid'], self.pbx.channels, 'agent leg left waiting')
        self.assertIn(ch['Uniqueid'], self.pbx.channels, 'the caller was hung up')
        self.assertFalse(self.pbx.rooms, 'the caller is still in the hold room')
        self.assertFalse(call.on_hold)

    def test_controls_need_a_call(self):
        """AG-5: hold, retrieve and conference without a call in hand say so."""
        for method, args in (('action_hold', ()), ('action_retrieve', ()),
                             ('action_conference', ('13900001111',))):
            with self.assertRaisesRegex(UserError, '7001'):
                getattr(self.seat.sudo(self.agent), method)(*args)
        self.assertFalse(self.pbx.actions)


class TestOutbound(CtiCase):

    def test_click_to_dial_from_request_recorded_outbound(self):
        """AG-5, AG-9, MO-1, MO-2: click-to-dial from a request's phone field leaves an
        outbound call record (agent, number, times, disposition) linked to the request and
        its citizen; the agent shows 'outbound' in the grid and the queue monitor counts
        the agent and the call; afterwards the agent is back where they were."""
        self.start_bridge()
        self.seat.action_login()
        self.pump_event('QueueMemberAdded')
        ticket = self._ticket(partner_id=self.citizen.id)
        self.env['phone.common'].sudo(self.agent).with_context(
            click2dial_model='hotline.ticket', click2dial_id=ticket.id).click2dial('13800138000')
        originate = [a for a in self.pbx.actions if a.get('Action') == 'Originate'][-1]
        call = self.env['hotline.cti.call'].search([('uniqueid', '=', originate['ChannelId'])])
        self.assertEqual(len(call), 1, 'AG-9: no call record for the click-to-dial')
        self.assertEqual((call.direction, call.caller_number, call.agent_id, call.ticket_id,
                          call.partner_id), ('outbound', '13800138000', self.seat, ticket,
                                             self.citizen))
        self.assertEqual(self.seat.state, 'outbound')
        self.assertEqual(self.seat.current_call_id, call)
        self.pump_event('DialBegin')
        self.assertTrue(call.agent_channel.startswith('PJSIP/7001-'))
        self.assertTrue(call.channel.startswith('PJSIP/trunk-'), 'far end leg not noted')
        grid = {row['agent_number']: row for row in self.env['hotline.cti.agent']._cti_grid_rows()}
        self.assertEqual((grid['7001']['state'], grid['7001']['caller']),
                         ('outbound', '13800138000'))
        self.assertEqual(self.queue.agents_outbound, 1)
        self.pbx.far_end(call.uniqueid, 'ANSWER')
        self.pump_event('DialEnd')
        self.assertEqual((call.state, call.disposition), ('talking', 'answered'))
        self.assertTrue(call.answer_date)
        self.pbx.hangup(self.pbx.channels[call.uniqueid])
        self.pump_until(lambda items: sum(1 for k, d in items if k == 'event' and
                                          d.get('Event') == 'Hangup') >= 2)
        self.assertEqual(call.state, 'done')
        self.assertTrue(call.end_date)
        self.assertLessEqual(call.enter_date, call.answer_date)
        self.assertEqual(self.seat.state, 'idle', 'AG-5: agent not back to idle')
        self.assertEqual((self.queue.calls_outbound, self.queue.calls_outbound_answered), (1, 1))
        self.assertEqual(self.queue.calls_offered, 0, 'MO-2: outbound counted as offered')
        self.assertEqual(self.seat.calls_today, 0, 'AG-4: outbound counted as answered')
        self.assertIn(call, ticket.call_ids)

    def _pump_until_waiting(self, event, timeout=5.0):
        """Pump the bridge until ``event`` of the PBX waits for its call record."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            self.bridge.pump(self.env, timeout=0.05)
            if any(kind == 'event' and data.get('Event') == event
                   for (kind, data), _since in self.bridge._waiting):
                return
        self.fail('%s did not wait for its call record' % event)

    def test_events_before_the_click_commits_wait_for_the_record(self):
        """AG-5, AG-9 (issue 17 item 3): Asterisk announces the click-to-dial's channels
        about 10 ms after the Originate, before the web request that sent it has committed
        the call record (on a loaded server, even the answer comes first). Tried: the record
        hidden from the bridge while the PBX's DialBegin and the far end's answer arrive —
        the bridge applies neither and skips none; once the record is there it applies them
        in their order, so the record learns the agent's own leg and is answered, and 保持
        works on the outbound call."""
        self.start_bridge()
        self.seat.action_login()
        self.pump_event('QueueMemberAdded')
        call = self.env['hotline.cti.call'].browse(
            self.seat.sudo(self.agent).action_dial('13800138000'))
        uniqueid = call.uniqueid
        # what the bridge's transaction sees while the click's transaction is not committed
        call.write({'uniqueid': 'hl-click-not-committed'})
        self._pump_until_waiting('DialBegin')
        self.pbx.far_end(uniqueid, 'ANSWER')
        self._pump_until_waiting('DialEnd')
        self.assertEqual((call.agent_channel, call.channel, call.state), (False, False, 'ringing'))
        self.assertEqual(self.bridge.skipped, 0, 'an early event was dropped')
        call.write({'uniqueid': uniqueid})   # the click commits
        self.pump_event('DialEnd')
        self.assertFalse(self.bridge._waiting)
        self.assertTrue(call.agent_channel.startswith('PJSIP/7001-'), 'agent leg not learnt')
        self.assertTrue(call.channel.startswith('PJSIP/trunk-'), 'far end leg not learnt')
        self.assertEqual((call.state, call.disposition), ('talking', 'answered'))
        self.seat.sudo(self.agent).action_hold()
        redirect = [a for a in self.pbx.actions if a.get('Action') == 'Redirect'][-1]
        self.assertEqual(redirect['ExtraChannel'], call.agent_channel)

    def test_events_of_a_lost_click_wait_no_longer_than_the_limit(self):
        """AG-5, AG-9: a click whose transaction was lost after the Originate never commits
        its record. Tried: the record removed while the PBX dials — its events wait no
        longer than RECORD_WAIT, are then applied as they are (no record is invented, no
        event is skipped) and the call's later events are applied at once."""
        self.start_bridge()
        self.seat.action_login()
        self.pump_event('QueueMemberAdded')
        call = self.env['hotline.cti.call'].browse(
            self.seat.sudo(self.agent).action_dial('13800138000'))
        uniqueid = call.uniqueid
        self.seat.sudo().write({'current_call_id': False})
        call.unlink()
        self._pump_until_waiting('DialBegin')
        with mock.patch.object(runner, 'RECORD_WAIT', 0.0):
            self.pump_event('DialBegin')
        self.assertFalse(self.bridge._waiting)
        self.pbx.far_end(uniqueid, 'ANSWER')
        self.pump_event('DialEnd')
        self.assertFalse(self.bridge._waiting, 'a later event of the lost call waited again')
        self.assertEqual(self.bridge.skipped, 0)
        self.assertFalse(self.env['hotline.cti.call'].search([('uniqueid', '=', uniqueid)]))

    def test_outbound_busy_and_unanswered(self):
        """AG-9: a busy far end, and an agent who does not pick up their own phone, give
        outbound records 'busy' and 'not answered'; a paused agent stays paused after."""
        self.start_bridge()
        self.seat.action_login()
        self.seat.action_pause('回访')
        call_id = self.seat.sudo(self.agent).action_dial('13900001111')
        call = self.env['hotline.cti.call'].browse(call_id)
        self.pump_event('DialBegin')
        self.pbx.far_end(call.uniqueid, 'BUSY')
        self.pump_until(lambda items: sum(1 for k, d in items if k == 'event' and
                                          d.get('Event') == 'Hangup') >= 2)
        self.assertEqual((call.state, call.disposition, call.talk_time), ('done', 'busy', 0))
        self.assertEqual((self.seat.state, self.seat.pause_reason), ('paused', '回访'))
        self.pbx.agent_answers = False
        call = self.env['hotline.cti.call'].browse(
            self.seat.sudo(self.agent).action_dial('13900002222'))
        self.pump_event('Hangup')
        self.assertEqual((call.state, call.disposition), ('done', 'noanswer'))
        self.assertFalse(call.partner_id)

    def test_blacklisted_number_not_dialled(self):
        """AG-10: a number blacklisted for outbound calls (or both ways) is not dialled: the
        agent reads why, the PBX gets no Originate and no call record is left; an
        inbound-only entry does not stop the call."""
        Blacklist = self.env['hotline.blacklist']
        Blacklist.create({'phone': '13600008888', 'block_type': 'both', 'routing': 'reject',
                          'reason': '恶意骚扰'})
        Blacklist.create({'phone': '13600007777', 'block_type': 'inbound',
                          'routing': 'voicemail', 'reason': '重复来电'})
        Call = self.env['hotline.cti.call']
        before = Call.search_count([])
        with self.assertRaisesRegex(UserError, '13600008888'):
            self.seat.sudo(self.agent).action_dial('136-0000-8888')
        self.assertFalse([a for a in self.pbx.actions if a.get('Action') == 'Originate'])
        self.assertEqual(Call.search_count([]), before)
        self.assertEqual(self.seat.state, 'logout')
        self.seat.sudo(self.agent).action_dial('13600007777')
        self.assertEqual([a['Exten'] for a in self.pbx.actions if a.get('Action') == 'Originate'],
                         ['13600007777'])
