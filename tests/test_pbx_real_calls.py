"""Issue 17: hotline_cti against a real Asterisk 20 — inbound calls (AG-1, AG-3, AG-8, AG-9,
AG-10, AG-13).

The shipped docs/asterisk configuration runs in a real Asterisk (tests/realpbx.py), the bridge
runs as its own process (``odoo-bin hotline-cti``), the agents act over XML-RPC on the test
server; each test checks the database and Asterisk itself (``queue show``, ``core show
channels``, AMI events). Skipped, saying so, where no Asterisk is present.
"""
import json

import realpbx

ZHANG = '13812340001'   # hotline_core demo citizen 张建华


class TestRealInbound(realpbx.RealPbxCase):

    def test_answered_late_caller_id_popup_and_announcement(self):
        """AG-1, AG-3, AG-9, AG-10, AG-13: a citizen whose channel is created before its caller
        ID is set (Newchannel says <unknown>, NewCallerid brings the number) reaches agent
        1001: the call record has the number, the citizen and the name the dialplan set from
        the lookup; the pop-up reaches agent 1001 only and shows the citizen; the caller's
        own channel hears "agent number 1001" (AGI on the caller's side, not the member's);
        when the agent hangs up the record ends answered with the PBX's times and the seat
        goes to after-call work; the queue shows the call taken."""
        self.login_agent('agent')
        citizen = self.dial_in(ZHANG)
        newchannel = self.watcher.wait(lambda e: e.get('Event') == 'Newchannel' and
                                       e.get('Channel') == citizen, since=self.since)
        self.assertEqual(newchannel.get('CallerIDNum'), '<unknown>',
                         'the scenario needs the late caller ID of a real trunk')
        call = self.wait_call(lambda c: c['state'] == 'talking', 'channel = %s', [citizen],
                              what='the call answered')
        self.assertEqual((call['caller_number'], call['caller_name']), (ZHANG, '张建华'))
        partner = self.query("SELECT name FROM res_partner WHERE id = %s",
                             [call['partner_id']])
        self.assertEqual(partner, [('张建华',)], 'AG-3: the citizen is found by the number')
        self.assertEqual(call['agent_id'], self.seats['agent']['id'])
        self.assertTrue(call['agent_channel'].startswith(realpbx.PHONE['agent']))
        popups = self.popups('agent', call['uniqueid'])
        self.assertTrue(popups, 'AG-3: no pop-up for the ringing agent')
        self.assertEqual(json.loads(popups[-1])['call']['partner_name'], '张建华')
        self.assertFalse(self.popups('leader', call['uniqueid']),
                         'AG-3: the pop-up reached another agent')
        # AG-13: the announcement runs on the caller's channel with the agent number
        said = self.watcher.wait(
            lambda e: e.get('Event') == 'AGIExecStart' and
            e.get('Command', '').startswith('SAY DIGITS'), since=self.since,
            what='the agent number said')
        self.assertEqual(said.get('Channel'), citizen, 'AG-13: said on the agent\'s side')
        self.assertIn('1001', said.get('Command'))
        self.assertEqual(self.seat('agent')['state'], 'talking')
        self.assertIn('Up', [c['state'] for c in self.pbx.channels()
                             if c['channel'] == citizen])
        self.hang_up_phone('agent')
        call = self.wait_call(lambda c: c['state'] == 'done', 'id = %s', [call['id']])
        self.assertEqual(call['disposition'], 'answered')
        complete = self.watcher.wait(lambda e: e.get('Event') == 'AgentComplete' and
                                     e.get('Channel') == citizen, since=self.since)
        self.assertEqual(call['talk_time'], int(complete['TalkTime']))
        self.assertEqual(call['wait_time'], int(complete['HoldTime']))
        self.wait_seat('agent', 'wrapup')
        realpbx.wait_for(lambda: not self.pbx.channels(), what='both legs ended')
        self.assertRegex(self.pbx.cli('queue show 12345'), r'has taken 1 calls')
        self.assertEqual(len(self.calls('id > %s', [self.last_call_id])), 1,
                         'one call, one record (no phantom)')

    def test_abandoned_while_ringing(self):
        """AG-3, AG-9: the citizen hangs up while waiting, agent 1001's phone ringing: the
        record ends abandoned with the PBX's wait, the ringing agent is told and is idle
        again; Asterisk has no caller waiting and no channel left."""
        self.ami('Setvar', Variable='PHONE_8001', Value='noanswer')
        self.addCleanup(self.ami, 'Setvar', Variable='PHONE_8001', Value='')
        self.login_agent('agent')
        citizen = self.dial_in(ZHANG)
        self.wait_call(lambda c: c['state'] == 'ringing', 'channel = %s', [citizen],
                       what='the call ringing')
        self.wait_seat('agent', 'ringing')
        self.assertIn(citizen, self.pbx.cli('queue show 12345'))
        self.hang_up_citizen(ZHANG)
        call = self.wait_call(lambda c: c['state'] == 'done', 'channel = %s', [citizen])
        abandon = self.watcher.wait(lambda e: e.get('Event') == 'QueueCallerAbandon' and
                                    e.get('Channel') == citizen, since=self.since)
        self.assertEqual(call['disposition'], 'abandoned')
        self.assertEqual(call['wait_time'], int(abandon['HoldTime']))
        self.assertEqual(call['caller_number'], ZHANG)
        self.wait_seat('agent', 'idle')
        self.assertTrue(self.query("SELECT 1 FROM bus_bus WHERE message LIKE %s",
                                   ['%%"type":"abandoned"%%%s%%' % call['uniqueid']]))
        realpbx.wait_for(lambda: not self.pbx.channels(), what='no channel left')
        self.assertNotIn(citizen, self.pbx.cli('queue show 12345'))

    def test_everyone_paused_goes_to_voicemail(self):
        """AG-2, AG-12: with every agent paused the queue takes no caller (joinempty): the
        citizen is not queued but sent to voicemail (the shipped fallback)."""
        self.login_agent('agent')
        self.seat_call('agent', 'action_pause', '开会')
        realpbx.wait_for(lambda: 'paused' in self.pbx.cli('queue show 12345'),
                         what='the member paused on the PBX')
        self.wait_seat('agent', 'paused')
        citizen = self.dial_in(ZHANG)
        self.watcher.wait(lambda e: e.get('Event') == 'Newexten' and
                          e.get('Channel') == citizen and e.get('Application') == 'VoiceMail',
                          since=self.since, what='voicemail')
        self.assertFalse(self.watcher.seen(lambda e: e.get('Event') == 'QueueCallerJoin' and
                                           e.get('Channel') == citizen, since=self.since))
        self.hang_up_citizen(ZHANG)
        call = self.wait_call(lambda c: c['state'] == 'done', 'channel = %s', [citizen])
        self.assertNotEqual(call['disposition'], 'answered')
        self.assertEqual(self.seat('agent')['state'], 'paused')

    def test_ring_no_answer_then_next_agent(self):
        """AG-3, AG-9: agent 1001's phone rings and is not answered (queue timeout): the seat
        is idle again, the call rings 1002 who answers; the record ends with 1002."""
        self.ami('Setvar', Variable='PHONE_8001', Value='noanswer')
        self.addCleanup(self.ami, 'Setvar', Variable='PHONE_8001', Value='')
        self.login_agent('agent')
        citizen = self.dial_in(ZHANG)
        self.wait_seat('agent', 'ringing')
        self.login_agent('leader')
        noanswer = self.watcher.wait(lambda e: e.get('Event') == 'AgentRingNoAnswer',
                                     since=self.since, timeout=40)
        self.assertEqual(noanswer.get('MemberName'), '1001')
        self.assertGreaterEqual(int(noanswer['RingTime']), 1000, 'RingTime is in ms')
        call = self.wait_call(lambda c: c['state'] == 'talking', 'channel = %s', [citizen],
                              timeout=60, what='answered by 1002')
        self.assertEqual(call['agent_id'], self.seats['leader']['id'])
        self.assertIn(self.seat('agent')['state'], ('idle', 'ringing'))
        self.hang_up_phone('leader')
        self.wait_call(lambda c: c['state'] == 'done' and c['disposition'] == 'answered',
                       'id = %s', [call['id']])
        self.wait_seat('leader', 'wrapup')

    def test_ivr_menu_key_answers_at_once(self):
        """AG-11: in the menu, key 0 reaches the queue at once (the menu has its own context;
        with _X. beside the keys every key waited ~5 s for more digits). Measured as the
        PBX's own clock between the DTMF end and the queue join, far below the 5 s timeout."""
        self.ami('Setvar', Variable='PHONE_8001', Value='noanswer')
        self.addCleanup(self.ami, 'Setvar', Variable='PHONE_8001', Value='')
        self.login_agent('agent')
        citizen = self.dial_in(ZHANG)
        phone = realpbx.wait_for(
            lambda: self.channel_of('Local/%s@hotline-test-citizen-' % ZHANG),
            what='the citizen\'s phone')
        self.watcher.wait(lambda e: e.get('Event') == 'Newexten' and
                          e.get('Channel') == citizen and e.get('Application') == 'WaitExten'
                          or (e.get('Event') == 'Newexten' and e.get('Channel') == citizen and
                              e.get('Application') == 'BackGround'),
                          since=self.since, what='the menu playing')
        self.ami('PlayDTMF', Channel=phone, Digit='0', Duration='100')
        dtmf = self.watcher.wait(lambda e: e.get('Event') == 'DTMFEnd' and
                                 e.get('Channel') == citizen, since=self.since)
        join = self.watcher.wait(lambda e: e.get('Event') == 'QueueCallerJoin' and
                                 e.get('Channel') == citizen, since=self.since)
        self.assertLess(float(join['Timestamp']) - float(dtmf['Timestamp']), 2.0,
                        'AG-11: the key waited for more digits')
        self.wait_call(lambda c: c['state'] in ('queued', 'ringing'), 'channel = %s',
                       [citizen])
        self.assertFalse(self.watcher.seen(
            lambda e: e.get('Event') == 'Newexten' and e.get('Channel') == citizen and
            e.get('Context') == 'from-pstn' and e.get('Priority') == '1' and
            e.get('Exten') == '0', since=self.since), 'the key restarted the inbound flow')
