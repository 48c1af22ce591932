"""Issue 17: hotline_cti against a real Asterisk 20 — the agent's and the team leader's call
control (AG-5, AG-7, AG-9): hold / retrieve, three-way calls and the ConfBridge room ending with
the agent, transfers, click-to-dial with hold, listen / whisper / barge / force release.

Each test acts as the user over XML-RPC and checks the database and Asterisk itself
(``confbridge list``, ``core show channels``, AMI events). See tests/realpbx.py.
"""
import xmlrpc.client

import realpbx

CITIZEN = '13900001001'
OUTSIDE = '13900003333'


class TestRealCallControl(realpbx.RealPbxCase):

    def answered_call(self, login='agent'):
        """A citizen's call answered by ``login``'s phone: (call dict, citizen channel)."""
        self.login_agent(login)
        citizen = self.dial_in(CITIZEN)
        call = self.wait_call(lambda c: c['state'] == 'talking' and c['agent_channel'],
                              'channel = %s', [citizen], what='the call answered')
        self.wait_seat(login, 'talking')
        return call, citizen

    def room(self, call_id):
        return '%06d' % call_id

    def room_members(self, call_id):
        """Channels in the call's ConfBridge room (`confbridge list <room>`)."""
        out = self.pbx.cli('confbridge list %s' % self.room(call_id))
        return [line.split()[0] for line in out.splitlines()
                if line.startswith(('Local/', 'PJSIP/'))]

    def test_hold_retrieve_and_the_room_ends_with_the_agent(self):
        """AG-5: 保持 puts the citizen alone in the call's room with music, 恢复 brings the
        agent's leg back into it; when the agent hangs up, the room ends and the citizen is
        not left alone with music (the room's agent is marked, the others end_marked)."""
        call, citizen = self.answered_call()
        self.seat_call('agent', 'action_hold')
        self.watcher.wait(lambda e: e.get('Event') == 'MusicOnHoldStart' and
                          e.get('Channel') == citizen, since=self.since, what='music on hold')
        realpbx.wait_for(lambda: self.room_members(call['id']) == [citizen],
                         what='the citizen alone in the room')
        held = self.wait_call(lambda c: c['on_hold'], 'id = %s', [call['id']])
        self.assertEqual(held['state'], 'talking')
        self.wait_seat('agent', 'hold')
        self.seat_call('agent', 'action_retrieve')
        realpbx.wait_for(lambda: len(self.room_members(call['id'])) == 2,
                         what='the agent back in the room')
        self.assertIn(call['agent_channel'], self.room_members(call['id']))
        self.wait_call(lambda c: not c['on_hold'], 'id = %s', [call['id']])
        self.wait_seat('agent', 'talking')
        self.hang_up_phone('agent')
        self.watcher.wait(lambda e: e.get('Event') == 'ConfbridgeEnd' and
                          e.get('Conference') == self.room(call['id']), since=self.since,
                          what='the room ended')
        realpbx.wait_for(lambda: not self.pbx.channels(),
                         what='no channel left (the citizen alone with music)')
        done = self.wait_call(lambda c: c['state'] == 'done', 'id = %s', [call['id']])
        self.assertEqual(done['disposition'], 'answered')
        self.wait_seat('agent', 'wrapup')

    def test_three_way_call_ends_with_the_agent_and_records_no_phantom(self):
        """AG-5: 三方通话 — citizen, agent and the added number meet in the call's room; the
        added party's leg is no inbound call record; when the agent leaves, the room ends
        for the citizen and the added party too."""
        call, citizen = self.answered_call()
        self.seat_call('agent', 'action_conference', '139-0000-2222')
        realpbx.wait_for(lambda: len(self.room_members(call['id'])) == 3,
                         what='three in the room')
        self.assertIn(citizen, self.room_members(call['id']))
        record = self.wait_call(lambda c: True, 'id = %s', [call['id']])
        self.assertEqual(record['state'], 'talking')
        self.assertEqual(self.query("SELECT conference_number FROM hotline_cti_call "
                                    "WHERE id = %s", [call['id']]), [('13900002222',)])
        self.assertEqual([c['id'] for c in self.calls('id > %s', [self.last_call_id])],
                         [call['id']], 'the added party created a call record')
        self.hang_up_phone('agent')
        self.watcher.wait(lambda e: e.get('Event') == 'ConfbridgeEnd' and
                          e.get('Conference') == self.room(call['id']), since=self.since,
                          what='the room ended')
        realpbx.wait_for(lambda: not self.pbx.channels(), what='no channel left')
        self.wait_call(lambda c: c['state'] == 'done', 'id = %s', [call['id']])
        self.assertEqual(len(self.calls('id > %s', [self.last_call_id])), 1)

    def test_transfer_to_an_agent_number(self):
        """AG-5: transfer to agent number 1002 rings 1002's phone (not the outside line); the
        transferring agent's talk ends at once (after-call work); 1002 is talking with the
        citizen; a paused colleague is refused with a clear error and nothing moves."""
        call, citizen = self.answered_call()
        self.login_agent('leader')
        self.seat_call('leader', 'action_pause', '培训')
        self.wait_seat('leader', 'paused')
        with self.assertRaises(xmlrpc.client.Fault) as refused:
            self.seat_call('agent', 'action_transfer', '1002')
        self.assertIn('1002', refused.exception.faultString)
        self.assertEqual(self.seat('agent')['state'], 'talking')
        self.assertIn(citizen, [c['channel'] for c in self.pbx.channels()])
        self.seat_call('leader', 'action_ready')
        self.wait_seat('leader', 'idle')
        since = self.watcher.mark()
        self.seat_call('agent', 'action_transfer', '1002')
        dial = self.watcher.wait(lambda e: e.get('Event') == 'DialEnd' and
                                 e.get('Channel') == citizen, since=since,
                                 what='the colleague dialled')
        self.assertEqual(dial.get('DialStatus'), 'ANSWER')
        self.assertTrue(dial['DestChannel'].startswith(realpbx.PHONE['leader']),
                        'AG-5: the transfer went to %s' % dial['DestChannel'])
        self.assertFalse(self.watcher.seen(
            lambda e: e.get('Event') == 'DialBegin' and 'hotline-test-pstn' in e.get(
                'DestChannel', ''), since=since), 'the transfer reached the outside line')
        self.wait_seat('leader', 'talking')
        self.wait_seat('agent', 'wrapup')
        transferred = self.wait_call(lambda c: c['transfer_agent_id'], 'id = %s', [call['id']])
        self.assertEqual(transferred['transfer_agent_id'], self.seats['leader']['id'])
        realpbx.wait_for(lambda: not self.channel_of(realpbx.PHONE['agent'] + '-'),
                         what='the transferring agent\'s leg ended')
        self.hang_up_phone('leader')
        self.wait_call(lambda c: c['state'] == 'done', 'id = %s', [call['id']])
        self.wait_seat('leader', 'wrapup')
        realpbx.wait_for(lambda: not self.pbx.channels(), what='no channel left')

    def test_transfer_to_an_outside_number(self):
        """AG-5, AG-12: transfer to an outside number dials it on the trunk; the agent's part
        ends at once; the call ends when the citizen hangs up."""
        call, citizen = self.answered_call()
        since = self.watcher.mark()
        self.seat_call('agent', 'action_transfer', OUTSIDE)
        dial = self.watcher.wait(lambda e: e.get('Event') == 'DialEnd' and
                                 e.get('Channel') == citizen, since=since,
                                 what='the outside number dialled')
        self.assertTrue(dial['DestChannel'].startswith('Local/%s@hotline-test-pstn' % OUTSIDE))
        self.wait_seat('agent', 'wrapup')
        self.hang_up_citizen(CITIZEN)
        self.wait_call(lambda c: c['state'] == 'done', 'id = %s', [call['id']])
        realpbx.wait_for(lambda: not self.pbx.channels(), what='no channel left')

    def test_transfer_back_to_the_queue(self):
        """AG-5: transfer to the queue (12345): the citizen waits in the queue again and the
        next free agent (1002) answers."""
        call, citizen = self.answered_call()
        self.login_agent('leader')
        self.seat_call('agent', 'action_transfer', '12345')
        self.wait_seat('agent', 'wrapup')
        join = self.watcher.wait(lambda e: e.get('Event') == 'QueueCallerJoin' and
                                 e.get('Channel') == citizen and e.get('Context') ==
                                 'from-pstn', since=self.since + 0, what='back in the queue')
        self.assertEqual(join.get('Queue'), '12345')
        self.wait_seat('leader', 'talking')
        record = self.wait_call(lambda c: c['agent_id'] == self.seats['leader']['id'],
                                'id = %s', [call['id']])
        self.assertEqual(record['state'], 'talking')

    def test_click_to_dial_then_hold(self):
        """AG-5, AG-9: click-to-dial rings the agent's phone, then the number; the record
        learns the agent's own leg although Asterisk announced it before the click's
        transaction committed, so 保持 works on the outbound call (music for the far end)."""
        self.login_agent('agent')
        call_id = self.seat_call('agent', 'action_dial', OUTSIDE)
        call = self.wait_call(lambda c: c['state'] == 'talking' and c['agent_channel'],
                              'id = %s', [call_id], what='the outbound call answered')
        self.assertEqual(call['direction'], 'outbound')
        self.assertTrue(call['agent_channel'].startswith(realpbx.PHONE['agent']))
        self.assertTrue(call['channel'].startswith('Local/%s@hotline-test-pstn' % OUTSIDE))
        self.seat_call('agent', 'action_hold')
        self.watcher.wait(lambda e: e.get('Event') == 'MusicOnHoldStart' and
                          e.get('Channel') == call['channel'], since=self.since,
                          what='music for the far end')
        self.wait_seat('agent', 'hold')
        self.seat_call('agent', 'action_retrieve')
        realpbx.wait_for(lambda: len(self.room_members(call_id)) == 2, what='retrieved')
        self.hang_up_phone('agent')
        realpbx.wait_for(lambda: not self.pbx.channels(), what='no channel left')
        done = self.wait_call(lambda c: c['state'] == 'done', 'id = %s', [call_id])
        self.assertEqual(done['disposition'], 'answered')
        self.assertEqual(len(self.calls('id > %s', [self.last_call_id])), 1)

    def test_supervisor_listen_whisper_barge_and_force_release(self):
        """AG-7: the team leader's phone is connected to agent 1001's call with ChanSpy in
        each mode (listen qE, whisper qEw, barge qEB); no call record is made for the
        leader's phone; 强拆 ends the agent's call, and with it every spy (option E)."""
        call, citizen = self.answered_call()
        for method, options in (('action_listen', 'qE'), ('action_whisper', 'qEw'),
                                ('action_barge', 'qEB')):
            since = self.watcher.mark()
            self.rpc('leader', 'hotline.cti.agent', method, [self.seats['agent']['id']])
            start = self.watcher.wait(lambda e: e.get('Event') == 'ChanSpyStart',
                                      since=since, what='ChanSpy %s' % method)
            self.assertTrue(start['SpyeeChannel'].startswith(realpbx.PHONE['agent']))
            self.assertTrue(start['SpyerChannel'].startswith(realpbx.PHONE['leader']))
            data = '%s,%s' % (realpbx.PHONE['agent'], options)
            realpbx.wait_for(lambda: [c for c in self.pbx.channels()
                                      if c['app'] == 'ChanSpy' and c['data'] == data],
                             what='ChanSpy(%s) on the leader\'s phone' % data)
        self.assertEqual([c['id'] for c in self.calls('id > %s', [self.last_call_id])],
                         [call['id']], 'the leader\'s phone created a call record')
        self.rpc('leader', 'hotline.cti.agent', 'action_hangup', [self.seats['agent']['id']])
        self.wait_call(lambda c: c['state'] == 'done', 'id = %s', [call['id']])
        realpbx.wait_for(lambda: not self.pbx.channels(),
                         what='no channel left (spies end with the call)')
