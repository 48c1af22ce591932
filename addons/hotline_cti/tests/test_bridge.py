# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""AG-3, AG-9, AG-2: the AMI bridge against a test PBX speaking Asterisk 16's wire protocol."""
import time
from unittest import mock

import psycopg2

from odoo.addons.hotline_core.tests import waiting

from .common import CtiCase


class TestBridge(CtiCase):

    def _call(self, channel):
        return self.env['hotline.cti.call'].search([('uniqueid', '=', channel['Uniqueid'])])

    def test_answered_call_recorded_and_linked_to_citizen(self):
        """AG-9, AG-3: an inbound queue call answered by an agent leaves a complete call
        record — enter/queue/ring/answer/end times, wait and talk time, agent, queue,
        disposition answered — linked to the citizen found by the caller's number."""
        self.start_bridge()
        self.seat.sudo().write({'state': 'idle'})
        ch = self.pbx.new_inbound('13800138000')
        self.pbx.queue_join(ch)
        self.pbx.agent_called(ch, 'PJSIP/7001', '7001')
        self.pump_event('AgentCalled')
        self.assertEqual(self.seat.state, 'ringing')
        self.pbx.agent_connect(ch, 'PJSIP/7001', '7001', holdtime=7, ringtime=3)
        self.pump_event('AgentConnect')
        self.assertEqual(self.seat.state, 'talking')
        self.assertEqual(self.seat.current_caller, '13800138000')
        self.pbx.agent_complete(ch, 'PJSIP/7001', '7001', holdtime=7, talktime=95)
        self.pump_event('Hangup')
        call = self._call(ch)
        self.assertEqual(len(call), 1)
        self.assertEqual(call.partner_id, self.citizen, 'AG-3: caller not matched to citizen')
        self.assertEqual(call.caller_number, '13800138000')
        self.assertEqual(call.queue_id, self.queue)
        self.assertEqual(call.agent_id, self.seat)
        self.assertEqual(call.disposition, 'answered')
        self.assertEqual(call.state, 'done')
        self.assertEqual((call.wait_time, call.talk_time), (7, 95))
        for fname in ('enter_date', 'queue_date', 'ring_date', 'answer_date', 'end_date'):
            self.assertTrue(call[fname], 'AG-9: %s missing' % fname)
        self.assertLessEqual(call.enter_date, call.queue_date)
        self.assertLessEqual(call.ring_date, call.answer_date)
        self.assertLessEqual(call.answer_date, call.end_date)
        self.assertEqual(self.seat.state, 'wrapup', 'AG-2: no after-call work after the call')
        self.assertEqual(self.seat.calls_today, 1, 'AG-4: answered call not counted today')
        self.assertEqual(self.seat.last_call_duration, 95)
        # CZ-3: the call is in the citizen's contact history
        history = self.env['hotline.contact.history'].search(
            [('partner_id', '=', self.citizen.id), ('kind', '=', 'call')])
        self.assertEqual(history.mapped('res_id'), [call.id])

    def test_abandoned_call_recorded_with_wait_time(self):
        """AG-9, MO-2: a caller who hangs up while waiting is recorded as abandoned with the
        seconds waited; the ringing agent goes back to idle; the queue counts it."""
        self.start_bridge()
        self.seat.sudo().write({'state': 'idle'})
        ch = self.pbx.new_inbound('13911112222')
        self.pbx.queue_join(ch)
        self.pbx.agent_called(ch, 'PJSIP/7001', '7001')
        self.pump_event('AgentCalled')
        self.pbx.queue_abandon(ch, holdtime=23)
        self.pump_until(lambda items: sum(1 for k, d in items if k == 'event' and
                                          d.get('Event') == 'Hangup') >= 2)
        call = self._call(ch)
        self.assertEqual(call.disposition, 'abandoned')
        self.assertEqual(call.wait_time, 23)
        self.assertFalse(call.answer_date)
        self.assertFalse(call.partner_id, 'unknown number must not be matched to a citizen')
        self.assertEqual(self.seat.state, 'idle')
        self.assertEqual(self.queue.calls_abandoned, 1)
        self.assertEqual(self.queue.calls_waiting, 0)
        self.assertTrue(self.bus_messages(self.agent, 'abandoned'),
                        'AG-3: the popup of an abandoned call was not withdrawn')

    def test_reconnect_after_drop_mid_call_keeps_record_complete(self):
        """AG-9, AG-1: the PBX drops the manager connection mid-call; the caller hangs up
        while the bridge is away; the bridge reconnects with backoff, resyncs with
        QueueStatus/CoreShowChannels, and the call record is still complete."""
        self.start_bridge()
        self.seat.sudo().write({'state': 'idle'})
        ch = self.pbx.new_inbound('13800138000')
        self.pbx.queue_join(ch)
        self.pbx.agent_called(ch, 'PJSIP/7001', '7001')
        self.pbx.agent_connect(ch, 'PJSIP/7001', '7001', holdtime=4)
        connected_at = time.monotonic()
        self.pump_event('AgentConnect')
        self.assertEqual(self.server.cti_state, 'connected')
        # the network drops; the PBX refuses connections for a moment (restart)
        self.pbx.refuse = True
        refused = self.pbx.refused
        self.pbx.drop()
        self.pump_until(lambda items: any(k == 'disconnected' for k, _d in items))
        self.assertEqual(self.server.cti_state, 'disconnected',
                         'AG-4: the status bar must show the PBX connection lost')
        # the bridge tries again (with backoff) and is refused while the PBX restarts
        waiting.wait_for(lambda: self.pbx.refused > refused,
                         'the bridge trying to reconnect to the restarting PBX')
        # the citizen talks for a second at least (the talk time checked below), then hangs up;
        # nobody hears this Hangup
        time.sleep(max(0.0, 1.0 - (time.monotonic() - connected_at)))
        self.pbx.hangup(ch, silent=True)
        self.pbx.refuse = False
        self.assertTrue(self.pbx.wait_clients(1, timeout=10), 'the bridge did not reconnect')
        self.pump_until(lambda items: any(k == 'resync' for k, _d in items))
        self.assertGreaterEqual(self.bridge.client.reconnects, 1)
        self.assertEqual(self.server.cti_state, 'connected')
        call = self._call(ch)
        self.assertEqual(call.state, 'done', 'AG-9: the call stayed open after the resync')
        self.assertEqual(call.disposition, 'answered')
        self.assertTrue(call.end_date)
        self.assertGreaterEqual(call.talk_time, 1)
        self.assertEqual(call.wait_time, 4)
        # the PBX still has the agent as a member? No: the test PBX lost nothing but the
        # call; the agent, not a queue member, is logged out by the resync
        self.assertEqual(self.seat.state, 'logout')
        sent = [a.get('Action') for a in self.pbx.actions]
        self.assertGreaterEqual(sent.count('QueueStatus'), 2)
        self.assertGreaterEqual(sent.count('CoreShowChannels'), 2)

    def test_waiting_call_survives_resync(self):
        """AG-9, MO-2: a caller still waiting when the bridge reconnects stays waiting (the
        resync finds it in QueueStatus) and is answered later."""
        self.start_bridge()
        ch = self.pbx.new_inbound('13800138000')
        self.pbx.queue_join(ch)
        self.pump_event('QueueCallerJoin')
        self.pbx.drop()
        self.assertTrue(self.pbx.wait_clients(1, timeout=10))
        self.pump_until(lambda items: any(k == 'resync' for k, _d in items))
        call = self._call(ch)
        self.assertEqual(call.state, 'queued')
        self.assertEqual(self.queue.calls_waiting, 1)

    def test_pause_on_phone_shows_in_odoo(self):
        """AG-2: a QueueMemberPause from the PBX (pause from the phone) sets the agent
        paused with the reason; unpause sets idle."""
        self.start_bridge()
        self.pbx.members[('12345', 'PJSIP/7002')] = {
            'Interface': 'PJSIP/7002', 'MemberName': '7002', 'Paused': '0',
            'PausedReason': '', 'CallsTaken': 0}
        self.seat2.sudo().write({'state': 'idle'})
        member = self.pbx.members[('12345', 'PJSIP/7002')]
        member.update({'Paused': '1', 'PausedReason': '培训'})
        self.pbx.emit('QueueMemberPause', self.pbx._member_headers('12345', member),
                      'agent,all')
        self.pump_event('QueueMemberPause')
        self.assertEqual((self.seat2.state, self.seat2.pause_reason), ('paused', '培训'))

    def test_item_that_fails_is_skipped_alone_and_lost_batch_applied_again(self):
        """AG-9, issue 9 (fault drill): an event the bridge cannot apply (tried: an
        unexpected error while applying QueueCallerJoin) is skipped on its own — the
        Newchannel before it and the AgentCalled after it, in the same batch, are kept; a
        batch whose transaction is lost (the database went away before the commit) is
        applied again, first and in order, so no call is lost."""
        self.start_bridge()
        self.seat.sudo().write({'state': 'idle'})
        Call = type(self.env['hotline.cti.call'])
        apply_item = Call._cti_handle

        def failing_join(this, server, kind, data):
            if kind == 'event' and data.get('Event') == 'QueueCallerJoin':
                raise ValueError('an event this code does not expect')
            return apply_item(this, server, kind, data)
        ch = self.pbx.new_inbound('13800138000')
        self.pbx.queue_join(ch)
        self.pbx.agent_called(ch, 'PJSIP/7001', '7001')
        with mock.patch.object(Call, '_cti_handle', failing_join):
            self.pump_event('AgentCalled')
        call = self._call(ch)
        self.assertEqual(len(call), 1, 'the Newchannel of the batch was lost')
        self.assertFalse(call.queue_date, 'the failing QueueCallerJoin was applied')
        self.assertEqual(self.seat.state, 'ringing', 'the AgentCalled of the batch was lost')
        self.assertEqual(self.bridge.skipped, 1)
        self.bridge.committed()

        # a lost transaction: what the batch applied is rolled back, then applied again
        self.pbx.agent_connect(ch, 'PJSIP/7001', '7001', holdtime=4)
        with self.assertRaises(psycopg2.OperationalError):
            with self.env.cr.savepoint():
                self.pump_event('AgentConnect')
                self.assertEqual(self.seat.state, 'talking')
                raise psycopg2.OperationalError('server closed the connection unexpectedly')
        self.bridge.rolled_back()
        self.env.clear()
        self.assertEqual(self.seat.state, 'ringing')
        self.assertFalse(self._call(ch).answer_date)
        self.pump_event('AgentConnect')
        self.assertEqual(self.seat.state, 'talking')
        self.assertTrue(self._call(ch).answer_date, 'the lost AgentConnect was not applied')


class TestAfterCallWork(CtiCase):

    def _answered_call(self):
        ch, _call = self.connect_call()
        self.pbx.agent_complete(ch, 'PJSIP/7001', '7001', talktime=30)
        self.pump_event('Hangup')

    def test_after_call_work_until_ready(self):
        """AG-2 话后处理: with the queue's after-call work time 0, the PBX offers the agent no
        call after a call (QueuePause, reason ACW) and the agent stays in after-call work —
        not 'paused' — until 置闲, which offers calls again."""
        self.queue.wrapup_time = 0
        self._answered_call()
        member = self.pbx.members[('12345', 'PJSIP/7001')]
        self.assertEqual((member['Paused'], member['PausedReason']), ('1', 'ACW'))
        self.bridge.pump(self.env, timeout=0.3)  # the PBX's QueueMemberPause (ACW)
        self.assertEqual(self.seat.state, 'wrapup')
        self.assertFalse(self.seat.pause_reason)
        self.seat.sudo(self.agent).action_ready()
        self.assertEqual(member['Paused'], '0')
        self.assertEqual(self.seat.state, 'idle')
        # after a reconnect the PBX's ACW pause is read back as after-call work
        self.pbx.members[('12345', 'PJSIP/7001')].update(Paused='1', PausedReason='ACW')
        self.pbx.drop()
        self.pump_until(lambda items: any(k == 'resync' for k, _d in items))
        self.assertEqual(self.seat.state, 'wrapup')

    def test_after_call_work_time_runs_out(self):
        """AG-2: with an after-call work time (here 1 s; the PBX's wrapuptime), the agent is
        idle again by itself once it has run out, and the PBX's pause is not touched."""
        self.queue.wrapup_time = 1
        self._answered_call()
        self.assertEqual(self.seat.state, 'wrapup')
        self.assertEqual(self.pbx.members[('12345', 'PJSIP/7001')]['Paused'], '0')
        deadline = time.time() + 5
        while self.seat.state == 'wrapup' and time.time() < deadline:
            self.bridge.pump(self.env, timeout=0.2)
            self.seat.invalidate_cache()
        self.assertEqual(self.seat.state, 'idle')
        self.assertTrue(self.bus_messages(self.agent, 'state'))


class TestSeveralPbx(CtiCase):

    def test_two_pbx_followed_at_once(self):
        """AG-1: two PBXs bridged at once — each call is recorded with the PBX it came from,
        even when both PBXs give the same Uniqueid."""
        from ..bridge.runner import Bridge
        from .ami_pbx import AmiTestPbx
        other_pbx = AmiTestPbx().start()
        self.addCleanup(other_pbx.stop)
        other = self.env['asterisk.server'].create({
            'name': 'Second PBX', 'ip_address': '127.0.0.1', 'port': other_pbx.port,
            'login': 'hotline', 'password': 's3cret', 'context': 'hotline-agents',
            'cti_enabled': True})
        self.start_bridge()
        second = Bridge.from_server(other, backoff=(0.05, 0.5)).start()
        self.addCleanup(second.stop)
        self.assertTrue(other_pbx.wait_clients(1))
        first_ch = self.pbx.new_inbound('13800138000')
        other_ch = other_pbx.new_inbound('13911112222')
        other_ch['Uniqueid'] = other_ch['Linkedid'] = first_ch['Uniqueid']
        other_pbx.emit('Newchannel', other_pbx._snapshot(other_ch))
        self.pump_event('Newchannel')
        deadline = time.time() + 5
        Call = self.env['hotline.cti.call']
        while time.time() < deadline and not Call.search(
                [('server_id', '=', other.id), ('uniqueid', '=', first_ch['Uniqueid'])]):
            second.pump(self.env, timeout=0.1)
        calls = Call.search([('uniqueid', '=', first_ch['Uniqueid'])])
        self.assertEqual(sorted((c.server_id.name, c.caller_number) for c in calls),
                         [('Second PBX', '13911112222'), ('Test PBX', '13800138000')])
