"""Issue 17: hotline_cti against a real Asterisk 20 — routing by Odoo's caller lookup (AG-10,
AG-12: blacklist and office hours) and the agent's pause and after-call work both ways (AG-2,
AG-7, MO-1).

The shipped docs/asterisk dialplan asks ``/hotline_cti/lookup?fmt=dialplan`` over HTTP (CURL)
on the test server; the tests change the blacklist, the office-hours rule of the dialled line
and the queue's after-call work in the database (committed, restored at the end) rather than
depend on the clock, and check the database and Asterisk itself (``queue show``, ``core show
channels``, AMI events). See tests/realpbx.py.
"""
import time

import realpbx

from odoo import SUPERUSER_ID, api

HARASSER = '13900004001'
CITIZEN = '13900004002'


class TestRealRouting(realpbx.RealPbxCase):

    # ------------------------------------------------------------------ helpers
    def env_do(self, function):
        """Run ``function(env)`` as superuser and commit (the PBX and the bridge are other
        processes)."""
        with api.Environment.manage(), self.registry.cursor() as cr:
            return function(api.Environment(cr, SUPERUSER_ID, {}))

    def blacklist(self, number, routing, agent=None):
        entry_id = self.env_do(lambda env: env['hotline.blacklist'].create({
            'phone': number, 'block_type': 'inbound', 'routing': routing,
            'agent_id': agent and self.seats[agent]['id'],
            'reason': 'issue 17 test: harassing calls'}).id)
        self.addCleanup(self.env_do, lambda env: env['hotline.blacklist'].browse(
            entry_id).unlink())
        return entry_id

    def route_12345(self, hours, closed_route='voicemail', duty_number=False,
                    open_route='queue', open_target='12345'):
        """The office-hours rule of the dialled line 12345 (none in the demo data: always
        open), with ``hours`` as (weekday, from, to) and no public holidays."""
        def write(env):
            Route = env['hotline.cti.route']
            route = Route.search([('number', '=', '12345')]) or Route.create({
                'name': 'issue 17 test', 'number': '12345'})
            route.write({'cn_holidays': False, 'closed_route': closed_route,
                         'duty_number': duty_number,
                         'open_route': open_route, 'open_target': open_target,
                         'hours_ids': [(5, 0, 0)] + [
                             (0, 0, {'dayofweek': str(day), 'hour_from': start,
                                     'hour_to': end}) for day, start, end in hours]})
            return route.id
        route_id = self.env_do(write)
        self.addCleanup(self.env_do, lambda env: env['hotline.cti.route'].browse(
            route_id).unlink())
        return route_id

    def lookup(self, number):
        return self._get('http://127.0.0.1:%d/hotline_cti/lookup?fmt=dialplan&token=%s&'
                         'number=%s&line=12345' % (self.http_port, self.token, number))

    def call_in(self, number):
        """A citizen calls 12345; the trunk side's channel name from its Newchannel event (a
        rejected call may end before the CLI would see it)."""
        since = self.watcher.mark()
        self.ami('Originate', Channel='Local/%s@hotline-test-citizen' % number,
                 Context='from-pstn', Exten='12345', Priority='1', CallerID='<%s>' % number,
                 Timeout='30000', Async='true')
        return self.watcher.wait(
            lambda e: e.get('Event') == 'Newchannel' and e.get('Channel', '').startswith(
                'Local/%s@hotline-test-citizen' % number) and e['Channel'].endswith(';1'),
            since=since, what='the citizen\'s channel')['Channel']

    def ran(self, channel, application, since=None):
        """The Newexten events of ``channel`` running ``application``."""
        return self.watcher.seen(lambda e: e.get('Event') == 'Newexten' and
                                 e.get('Channel') == channel and
                                 e.get('Application') == application,
                                 since=self.since if since is None else since)

    def wait_app(self, channel, application, what):
        return self.watcher.wait(lambda e: e.get('Event') == 'Newexten' and
                                 e.get('Channel') == channel and
                                 e.get('Application') == application,
                                 since=self.since, what=what)

    def joined(self, channel, since=None):
        return self.watcher.seen(lambda e: e.get('Event') == 'QueueCallerJoin' and
                                 e.get('Channel') == channel,
                                 since=self.since if since is None else since)

    def member_line(self, login):
        """The line of ``login``'s phone in `queue show 12345`."""
        lines = [line for line in self.pbx.cli('queue show 12345').splitlines()
                 if realpbx.PHONE[login] in line]
        return lines and lines[0]

    def wait_member(self, login, paused, what):
        def look():
            line = self.member_line(login)
            return line and ('(paused' in line) == paused and line
        return realpbx.wait_for(look, what=what)

    def speaking(self, number):
        """The citizen ``number``'s phone sends audio (tests/asterisk: CITIZEN_<number>)."""
        self.ami('Setvar', Variable='CITIZEN_%s' % number, Value='speaks')
        self.addCleanup(self.ami, 'Setvar', Variable='CITIZEN_%s' % number, Value='')

    def leave_message(self, channel, seconds=2.5):
        """The (speaking) caller talks for ``seconds`` after VoiceMail started (by the PBX's
        event clock, same machine), longer than the shipped mailbox's ``minsecs = 1`` (a
        shorter message is discarded, VMSTATUS is not SUCCESS and no call-back request is
        made), then hangs up."""
        start = self.wait_app(channel, 'VoiceMail', 'the caller in VoiceMail')
        realpbx.wait_for(lambda: time.time() - float(start['Timestamp']) >= seconds,
                         what='a message of %s s' % seconds)
        self.hang_up_citizen(channel.split('@')[0][len('Local/'):])

    def blacklist_notes(self, entry_id, uniqueid):
        """The chatter notes of a blacklist entry naming the call ``uniqueid``."""
        return [body for (body,) in self.query(
            "SELECT body FROM mail_message WHERE model = 'hotline.blacklist' AND res_id = %s "
            "AND body LIKE %s", [entry_id, '%%' + uniqueid + '%%'])]

    def new_tickets(self, number):
        """Requests created during this class with ``number`` as the caller."""
        return self.query("SELECT id FROM hotline_ticket WHERE id > %s AND caller_number "
                          "LIKE %s", [self.max_ticket_id, '%%' + number])

    def voicemail_ticket(self, call):
        return self.query("SELECT caller_number, channel FROM hotline_ticket WHERE id = %s",
                          [call['ticket_id']]) if call['ticket_id'] else []

    # ------------------------------------------------------------------ AG-10 blacklist
    def test_blacklisted_caller_rejected(self):
        """AG-10, CZ-4, AG-12: a number on the blacklist (no inbound calls, routing "reject")
        calls 12345 while an agent is free: the dialplan's CURL lookup answers blocked, the
        call is hung up with cause 21 (call rejected) in the blocked-reject extension and
        never joins the queue; no agent's phone rings; the call record ends without an
        answer (IVR only, no queue time, no agent)."""
        self.blacklist(HARASSER, 'reject')
        self.assertEqual(self.lookup(HARASSER).split('|')[1:3], ['1', 'reject'])
        self.login_agent('agent')
        citizen = self.call_in(HARASSER)
        hangup = self.watcher.wait(lambda e: e.get('Event') == 'Hangup' and
                                   e.get('Channel') == citizen, since=self.since,
                                   what='the blacklisted call hung up')
        self.assertEqual(hangup.get('Cause'), '21', 'AG-10: not rejected: %r' % hangup)
        self.assertTrue(self.watcher.seen(lambda e: e.get('Event') == 'Newexten' and
                                          e.get('Channel') == citizen and
                                          e.get('Exten') == 'blocked-reject',
                                          since=self.since))
        self.assertFalse(self.joined(citizen), 'AG-10: the blacklisted caller was queued')
        self.assertFalse(self.watcher.seen(lambda e: e.get('Event') == 'AgentCalled',
                                           since=self.since), 'an agent was rung')
        call = self.wait_call(lambda c: c['state'] == 'done', 'channel = %s', [citizen],
                              what='the call record ended')
        self.assertEqual((call['caller_number'], call['disposition'], call['agent_id'],
                          call['answer_date']), (HARASSER, 'ivr', None, None))
        self.assertEqual(self.query("SELECT queue_date FROM hotline_cti_call WHERE id = %s",
                                    [call['id']]), [(None,)])
        self.assertEqual(self.seat('agent')['state'], 'idle')
        realpbx.wait_for(lambda: not self.pbx.channels(), what='no channel left')

    def test_blacklisted_caller_to_voicemail_and_menu(self):
        """AG-10, AG-11, CZ-4: routing "voicemail" sends the blacklisted caller to the
        mailbox (VoiceMail running on the channel in `core show channels`, no queue join
        although agent 1001 is free); the call record is the voicemail's (disposition
        voicemail) but, the caller being blacklisted, no call-back request is made: the
        message is noted on the blacklist entry instead (docs/asterisk/README.md). Routing
        "menu" plays the set menu (blocked-menu) and hangs up, never queued. An unlisted
        number still reaches the agent: the lookup, not the dialplan, decided."""
        entry_id = self.blacklist(HARASSER, 'voicemail')
        self.speaking(HARASSER)
        self.login_agent('agent')
        citizen = self.call_in(HARASSER)
        realpbx.wait_for(lambda: [c for c in self.pbx.channels()
                                  if c['channel'] == citizen and c['app'] == 'VoiceMail'],
                         what='the blacklisted caller in VoiceMail')
        self.assertTrue(self.watcher.seen(lambda e: e.get('Event') == 'Newexten' and
                                          e.get('Channel') == citizen and
                                          e.get('Exten') == 'blocked-voicemail',
                                          since=self.since))
        self.assertFalse(self.joined(citizen), 'AG-10: the blacklisted caller was queued')
        self.assertEqual(self.seat('agent')['state'], 'idle')
        self.leave_message(citizen)
        call = self.wait_call(lambda c: c['state'] == 'done' and
                              c['disposition'] == 'voicemail', 'channel = %s', [citizen],
                              what='the voicemail recorded')
        realpbx.wait_for(lambda: self.blacklist_notes(entry_id, call['uniqueid']),
                         what='the voicemail noted on the blacklist entry')
        call = self.calls('id = %s', [call['id']])[0]
        self.assertEqual((call['disposition'], call['agent_id'], call['ticket_id']),
                         ('voicemail', None, None))
        self.assertEqual(self.new_tickets(HARASSER), [],
                         'AG-10: a call-back request for a blacklisted caller')
        realpbx.wait_for(lambda: not self.pbx.channels(), what='no channel left')
        # the same number, now routed to the set menu
        self.env_do(lambda env: env['hotline.blacklist'].browse(entry_id).write(
            {'routing': 'menu'}))
        self.assertEqual(self.lookup(HARASSER).split('|')[1:3], ['1', 'menu'])
        since = self.watcher.mark()
        citizen = self.call_in(HARASSER)
        played = self.watcher.wait(lambda e: e.get('Event') == 'Newexten' and
                                   e.get('Channel') == citizen and
                                   e.get('Application') == 'Playback', since=since,
                                   what='the menu played')
        self.assertEqual((played.get('Exten'), played.get('AppData')),
                         ('blocked-menu', 'hotline/blocked-menu'))
        self.watcher.wait(lambda e: e.get('Event') == 'Hangup' and
                          e.get('Channel') == citizen, since=since, what='hung up')
        self.assertFalse(self.joined(citizen, since), 'AG-10: the menu caller was queued')
        call = self.wait_call(lambda c: c['state'] == 'done', 'channel = %s', [citizen])
        self.assertEqual((call['disposition'], call['agent_id']), ('ivr', None))
        # an unlisted number reaches the free agent
        since = self.watcher.mark()
        citizen = self.call_in(CITIZEN)
        self.watcher.wait(lambda e: e.get('Event') == 'QueueCallerJoin' and
                          e.get('Channel') == citizen, since=since, what='queued')
        self.wait_call(lambda c: c['state'] == 'talking', 'channel = %s', [citizen])
        self.wait_seat('agent', 'talking')

    def test_blacklisted_caller_to_designated_agent(self):
        """AG-10, AG-12, CZ-4: routing "agent" rings the agent designated on the blacklist
        entry in Odoo (1002 here), not a number written in the dialplan nor the queue: the
        lookup's 8th field is 1002's phone, the citizen's channel runs Dial() of it in
        blocked-agent (`core show channels`: Dial on the citizen's channel, 1002's phone up),
        no QueueCallerJoin, no AgentCalled, agent 1001 (free in the queue) not rung. 1002
        gets the pop-up and answers: the call record is answered by 1002, never queued, the
        seat talking, then in after-call work when 1002 hangs up. With 1002 signed out the
        lookup names no phone and the caller reaches the voicemail instead."""
        entry_id = self.blacklist(HARASSER, 'agent', agent='leader')
        phone = realpbx.PHONE['leader']
        self.login_agent('agent')
        self.login_agent('leader')
        info = self.lookup(HARASSER).split('|')
        self.assertEqual(info[1:3] + info[7:], ['1', 'agent', phone])
        citizen = self.call_in(HARASSER)
        dialled = self.watcher.wait(lambda e: e.get('Event') == 'DialBegin' and
                                    e.get('Channel') == citizen, since=self.since,
                                    what='the designated agent dialled')
        # DialString: the Dial() argument without its technology (Local/, PJSIP/)
        self.assertEqual((dialled.get('Exten'), dialled.get('DialString')),
                         ('blocked-agent', phone.split('/', 1)[1]))
        call = self.wait_call(lambda c: c['state'] == 'talking', 'channel = %s', [citizen],
                              what='answered by the designated agent 1002')
        channels = self.pbx.channels()
        self.assertTrue([c for c in channels if c['channel'] == citizen and
                         c['app'] == 'Dial' and c['data'].startswith(phone + ',')], channels)
        self.assertTrue([c for c in channels if c['channel'].startswith(phone + '-') and
                         c['state'] == 'Up'], channels)
        self.assertFalse([c for c in channels if c['channel'].startswith(
            realpbx.PHONE['agent'] + '-')], 'the agent 1001 was rung: %r' % channels)
        self.assertFalse(self.joined(citizen), 'AG-10: the blacklisted caller was queued')
        self.assertFalse(self.watcher.seen(lambda e: e.get('Event') == 'AgentCalled',
                                           since=self.since), 'a queue member was rung')
        self.assertEqual((call['agent_id'], call['disposition'], call['caller_number']),
                         (self.seats['leader']['id'], 'answered', HARASSER))
        self.assertTrue(call['agent_channel'].startswith(phone + '-'), call)
        self.assertEqual(self.query("SELECT queue_date FROM hotline_cti_call WHERE id = %s",
                                    [call['id']]), [(None,)])
        self.assertTrue(self.popups('leader', call['uniqueid']), 'AG-3: no pop-up for 1002')
        self.assertEqual(self.wait_seat('leader', 'talking')['call_id'], call['id'])
        self.assertEqual(self.seat('agent')['state'], 'idle')
        self.hang_up_phone('leader')
        done = self.wait_call(lambda c: c['state'] == 'done', 'id = %s', [call['id']])
        self.assertEqual((done['disposition'], done['agent_id']),
                         ('answered', self.seats['leader']['id']))
        self.wait_seat('leader', 'wrapup')
        realpbx.wait_for(lambda: not self.pbx.channels(), what='no channel left')
        # the designated agent signed out: no phone in the answer, the caller to voicemail
        self.seat_call('leader', 'action_logout')
        self.wait_seat('leader', 'logout')
        info = self.lookup(HARASSER).split('|')
        self.assertEqual(info[1:3] + info[7:], ['1', 'agent', ''])
        since = self.watcher.mark()
        citizen = self.call_in(HARASSER)
        self.watcher.wait(lambda e: e.get('Event') == 'Newexten' and
                          e.get('Channel') == citizen and e.get('Application') == 'VoiceMail',
                          since=since, what='the voicemail with the designated agent out')
        self.assertFalse(self.watcher.seen(lambda e: e.get('Event') == 'DialBegin' and
                                           e.get('Channel') == citizen, since=since))
        self.assertFalse(self.joined(citizen, since))
        self.assertEqual(self.query("SELECT agent_id FROM hotline_blacklist WHERE id = %s",
                                    [entry_id]), [(self.seats['leader']['id'],)])

    # ------------------------------------------------------------------ AG-12 office hours
    def test_office_hours_closed_then_open(self):
        """AG-12: the 12345 line's office-hours rule is set in the database so that now is
        outside it (opening hours on no day, closed route voicemail): the lookup answers
        closed, the dialplan goes to closed-voicemail and the mailbox, the caller is not
        queued though agent 1001 is free; the call record is the voicemail's with a
        call-back request. Closed route "ivr": the self-service IVR answers (FastAGI
        ivr_status), not queued. Opening hours 0–24 on every weekday: the next call is
        queued and answered by 1001."""
        self.route_12345([])
        self.speaking(CITIZEN)
        self.assertEqual(self.lookup(CITIZEN).split('|')[4:6], ['0', 'voicemail'])
        self.login_agent('agent')
        citizen = self.call_in(CITIZEN)
        realpbx.wait_for(lambda: [c for c in self.pbx.channels()
                                  if c['channel'] == citizen and c['app'] == 'VoiceMail'],
                         what='the caller in VoiceMail')
        self.assertTrue(self.watcher.seen(lambda e: e.get('Event') == 'Newexten' and
                                          e.get('Channel') == citizen and
                                          e.get('Exten') == 'closed-voicemail',
                                          since=self.since))
        self.assertFalse(self.joined(citizen), 'AG-12: queued outside office hours')
        self.leave_message(citizen)
        call = self.wait_call(lambda c: c['state'] == 'done' and c['ticket_id'],
                              'channel = %s', [citizen], what='the voicemail recorded')
        self.assertEqual(call['disposition'], 'voicemail')
        self.assertEqual(self.voicemail_ticket(call), [('+86' + CITIZEN, 'phone')])
        realpbx.wait_for(lambda: not self.pbx.channels(), what='no channel left')
        self.assertEqual(self.seat('agent')['state'], 'idle')
        # closed, to the self-service IVR
        self.route_12345([], closed_route='ivr')
        since = self.watcher.mark()
        citizen = self.call_in(CITIZEN)
        agi = self.watcher.wait(lambda e: e.get('Event') == 'Newexten' and
                                e.get('Channel') == citizen and
                                e.get('Application') == 'AGI', since=since,
                                what='the IVR')
        self.assertEqual(agi.get('Exten'), 'closed-ivr')
        self.assertTrue(agi.get('AppData', '').endswith('/ivr_status'), agi)
        self.assertFalse(self.joined(citizen, since))
        self.hang_up_citizen(CITIZEN)
        realpbx.wait_for(lambda: not self.pbx.channels(), what='no channel left')
        # open every day, all day: queued
        self.route_12345([(day, 0, 24) for day in range(7)])
        self.assertEqual(self.lookup(CITIZEN).split('|')[4:6], ['1', 'queue'])
        since = self.watcher.mark()
        citizen = self.call_in(CITIZEN)
        join = self.watcher.wait(lambda e: e.get('Event') == 'QueueCallerJoin' and
                                 e.get('Channel') == citizen, since=since, what='queued')
        self.assertEqual(join.get('Queue'), '12345')
        call = self.wait_call(lambda c: c['state'] == 'talking', 'channel = %s', [citizen])
        self.assertEqual(call['agent_id'], self.seats['agent']['id'])
        self.wait_seat('agent', 'talking')

    def forwarded(self, citizen):
        rows = self.query("SELECT forward_number, queue_date, agent_id FROM hotline_cti_call "
                          "WHERE id > %s AND channel = %s", [self.max_call_id, citizen])
        return rows and rows[0]

    def assert_forwarded(self, citizen, number, exten):
        """The call went out on the outside line to ``number`` from the extension ``exten``,
        in Asterisk (the citizen's channel in Dial(), the far end's channel up) and in the
        call record (forward_number, never queued, no agent), with agent 1001 free and not
        rung."""
        trunk = 'Local/%s@hotline-test-pstn' % number
        far = realpbx.wait_for(lambda: [c for c in self.pbx.channels()
                                        if c['channel'].startswith(trunk + '-') and
                                        c['channel'].endswith(';2') and c['state'] == 'Up'],
                               what='%s answered on the outside line' % number)
        self.assertEqual(far[0]['exten'], number)
        self.assertTrue([c for c in self.pbx.channels() if c['channel'] == citizen and
                         c['app'] == 'Dial' and c['data'].startswith(trunk + ',')])
        self.assertEqual([e.get('Exten') for e in self.ran(citizen, 'Dial')], [exten])

        def forwarded():
            row = self.forwarded(citizen)
            return row if row and row[0] else None
        row = realpbx.wait_for(forwarded, what='the call record forwarded to %s' % number)
        self.assertEqual(row, (number, None, None))
        self.assertFalse(self.joined(citizen), 'AG-12: the call was queued')
        self.assertFalse(self.watcher.seen(lambda e: e.get('Event') == 'AgentCalled',
                                           since=self.since), 'an agent was rung')
        self.assertEqual(self.seat('agent')['state'], 'idle')
        self.hang_up_citizen(CITIZEN)
        call = self.wait_call(lambda c: c['state'] == 'done', 'channel = %s', [citizen])
        self.assertEqual((call['agent_id'], call['answer_date']), (None, None))
        realpbx.wait_for(lambda: not self.pbx.channels(), what='no channel left')

    def test_office_hours_closed_to_duty_number(self):
        """AG-12: the 12345 line is closed now (opening hours on no day) with the closed
        route "duty number" 13900004999: the lookup answers closed/duty/13900004999, the
        dialplan's closed-duty dials it on the outside line (``${TRUNK}`` — here
        Local/13900004999@hotline-test-pstn): the duty phone's channel is up in `core show
        channels`, the caller is not queued though agent 1001 is free; the call record says
        forwarded to 13900004999, never queued, no agent."""
        duty = '13900004999'
        self.route_12345([], closed_route='duty', duty_number=duty)
        self.assertEqual(self.lookup(CITIZEN).split('|')[4:7], ['0', 'duty', duty])
        self.login_agent('agent')
        citizen = self.call_in(CITIZEN)
        self.assert_forwarded(citizen, duty, 'closed-duty')

    def test_office_hours_open_direct_number(self):
        """AG-12, AG-8: the 12345 line is open all day with the open route "direct number"
        88886666 (not the queue): the lookup answers open/dial/88886666, the dialplan's
        direct extension records the call (MixMonitor) and dials the number on the outside
        line: its channel is up in `core show channels`, the caller is not queued though
        agent 1001 is free; the call record says forwarded to 88886666, never queued, no
        agent."""
        direct = '88886666'
        self.route_12345([(day, 0, 24) for day in range(7)], open_route='dial',
                         open_target=direct)
        self.assertEqual(self.lookup(CITIZEN).split('|')[4:7], ['1', 'dial', direct])
        self.login_agent('agent')
        citizen = self.call_in(CITIZEN)
        self.watcher.wait(lambda e: e.get('Event') == 'Newexten' and
                          e.get('Channel') == citizen and e.get('Exten') == 'direct' and
                          e.get('Application') == 'MixMonitor', since=self.since,
                          what='AG-8: the direct call recorded')
        self.assert_forwarded(citizen, direct, 'direct')

    # ------------------------------------------------------------------ AG-1 a burst
    def test_burst_rings_every_idle_agent_at_once(self):
        """AG-1, MO-2: four idle agents, four callers arriving at once: within a few seconds
        every caller is offered to an agent of its own (four AgentCalled, four distinct
        callers and members; `queue show 12345` has the four calls; four call records
        ringing, each with its own seat, every seat ringing). The phones ring without being
        picked up (PHONE_<ext> noanswer), as a person takes seconds to pick up. This is what
        ``autofill = yes`` in the shipped docs/asterisk/queues.conf does: run with that line
        removed from a scratch copy, this test FAILS (Asterisk 20.20.1: only the head caller
        rang — 1 of 4 callers offered within the window — while three agents stayed idle)."""
        extra = self.extra_seats(['dispatcher', 'office_leader'])
        logins = ['agent', 'leader'] + list(extra)
        phones = dict(realpbx.PHONE, **{k: v['extension'] for k, v in extra.items()})
        for login in logins:
            ext = phones[login].split('/')[1].split('@')[0]
            self.ami('Setvar', Variable='PHONE_%s' % ext, Value='noanswer')
            self.addCleanup(self.ami, 'Setvar', Variable='PHONE_%s' % ext, Value='')
        self.login_agent('agent')
        self.login_agent('leader')
        self.rpc('leader', 'hotline.cti.agent', 'action_login',
                 [v['id'] for v in extra.values()])
        realpbx.wait_for(lambda: self.pbx.cli('queue show 12345').count(
            '@hotline-phones') == 4, what='four members in queue 12345')
        seat_ids = [self.seats[login]['id'] for login in ('agent', 'leader')] + [
            v['id'] for v in extra.values()]
        realpbx.wait_for(lambda: self.query(
            "SELECT COUNT(*) FROM hotline_cti_agent WHERE id IN %s AND state = 'idle'",
            [tuple(seat_ids)]) == [(4,)], what='four seats idle')
        callers = ['1390000401%d' % i for i in range(4)]
        for number in callers:
            self.ami('Originate', Channel='Local/%s@hotline-test-citizen' % number,
                     Context='from-pstn', Exten='12345', Priority='1',
                     CallerID='<%s>' % number, Timeout='30000', Async='true')

        def joined():
            return {e.get('CallerIDNum'): float(e['Timestamp']) for e in self.watcher.seen(
                lambda e: e.get('Event') == 'QueueCallerJoin', since=self.since)}
        realpbx.wait_for(lambda: len(joined()) == 4, what='four callers in queue 12345')
        last_join = max(joined().values())

        def offered():
            return {e.get('CallerIDNum'): e.get('MemberName') for e in self.watcher.seen(
                lambda e: e.get('Event') == 'AgentCalled', since=self.since)}
        try:
            realpbx.wait_for(lambda: len(offered()) == 4, timeout=8,
                             what='every caller offered to an agent')
        except AssertionError:
            self.fail('AG-1: %d of 4 callers offered to an agent within 8 s of joining '
                      'while 4 agents were idle (queues.conf autofill?): %r\n%s' % (
                          len(offered()), offered(), self.pbx.cli('queue show 12345')))
        rung = offered()
        self.assertEqual(sorted(rung), sorted(callers))
        self.assertEqual(len(set(rung.values())), 4, rung)
        first_offers = {}
        for e in self.watcher.seen(lambda e: e.get('Event') == 'AgentCalled',
                                   since=self.since):
            first_offers.setdefault(e['CallerIDNum'], float(e['Timestamp']))
        self.assertLess(max(first_offers.values()) - last_join, 5.0, first_offers)
        self.assertIn('has 4 calls', self.pbx.cli('queue show 12345'))

        def ringing():
            found = [c for c in self.calls() if c['state'] == 'ringing' and
                     c['caller_number'] in callers and c['agent_id']]
            return len(found) == 4 and found
        ringing = realpbx.wait_for(ringing, what='four call records ringing')
        self.assertEqual(sorted(c['agent_id'] for c in ringing), sorted(seat_ids))
        realpbx.wait_for(lambda: self.query(
            "SELECT COUNT(*) FROM hotline_cti_agent WHERE id IN %s AND state = 'ringing'",
            [tuple(seat_ids)]) == [(4,)], what='four seats ringing')

    def extra_seats(self, logins):
        """Seats for the demo users ``logins`` with the phones 8003, 8004 … of
        tests/asterisk (queue 12345), removed from the queue and deleted afterwards."""
        def create(env):
            server = env.ref('hotline_cti.pbx_main')
            queue = env.ref('hotline_cti.queue_12345')
            seats = {}
            for i, login in enumerate(logins):
                user = env['res.users'].search([('login', '=', login)])
                seat = env['hotline.cti.agent'].create({
                    'user_id': user.id, 'agent_number': '10%02d' % (i + 3),
                    'extension': 'Local/80%02d@hotline-phones' % (i + 3),
                    'server_id': server.id, 'queue_ids': [(6, 0, queue.ids)]})
                seats[login] = {'id': seat.id, 'extension': seat.extension}
            return seats
        seats = self.env_do(create)

        def remove():
            self.pbx.cli('channel request hangup all')
            for seat in seats.values():
                try:
                    self.ami('QueueRemove', Queue='12345', Interface=seat['extension'])
                except realpbx.AmiError:
                    pass
            ids = tuple(seat['id'] for seat in seats.values())
            try:
                # clean-up, not the test: on a loaded machine the bridge may take longer to
                # apply the QueueRemove; the seats are removed below either way
                realpbx.wait_for(lambda: self.query(
                    "SELECT COUNT(*) FROM hotline_cti_agent WHERE id IN %s AND "
                    "state != 'logout'", [ids]) == [(0,)], what='extra seats logged out',
                    timeout=60)
            except AssertionError:
                pass
            finally:
                self.execute("UPDATE hotline_cti_call SET agent_id = NULL WHERE agent_id IN "
                             "%s", [ids])
                self.env_do(lambda env: env['hotline.cti.agent'].browse(ids).unlink())
        self.addCleanup(remove)
        return seats

    # ------------------------------------------------------------------ AG-2 pause
    def test_pause_from_odoo_then_ready(self):
        """AG-2, MO-1: agent 1001 置忙 from Odoo (action_pause, reason 开会): `queue show`
        has the member paused with the reason, the seat is paused with the reason; a call
        while 1002 is free is offered to 1002 only (no AgentCalled for 1001). 1002 then
        pauses and 1001 置闲 (action_ready): the member is not paused, the seat idle, and
        the next call is offered to and answered by 1001."""
        self.login_agent('agent')
        self.login_agent('leader')
        self.seat_call('agent', 'action_pause', '开会')
        line = self.wait_member('agent', True, 'member 1001 paused on the PBX')
        self.assertIn('开会', line)
        self.assertEqual(self.wait_seat('agent', 'paused')['pause_reason'], '开会')
        self.assertFalse(self.wait_member('leader', False, 'member 1002 not paused') is None)
        citizen = self.call_in(CITIZEN)
        call = self.wait_call(lambda c: c['state'] == 'talking', 'channel = %s', [citizen],
                              what='answered by 1002')
        self.assertEqual(call['agent_id'], self.seats['leader']['id'])
        self.assertFalse(self.watcher.seen(lambda e: e.get('Event') == 'AgentCalled' and
                                           e.get('MemberName') == '1001', since=self.since),
                         'AG-2: a call was offered to the paused agent')
        self.assertEqual(self.seat('agent')['state'], 'paused')
        self.hang_up_phone('leader')
        realpbx.wait_for(lambda: not self.pbx.channels(), what='no channel left')
        self.seat_call('leader', 'action_pause', '培训')
        self.wait_member('leader', True, 'member 1002 paused on the PBX')
        self.seat_call('agent', 'action_ready')
        self.wait_member('agent', False, 'member 1001 unpaused on the PBX')
        self.assertEqual(self.wait_seat('agent', 'idle')['pause_reason'], None)
        since = self.watcher.mark()
        citizen = self.call_in(CITIZEN)
        called = self.watcher.wait(lambda e: e.get('Event') == 'AgentCalled', since=since,
                                   what='a call offered')
        self.assertEqual(called.get('MemberName'), '1001')
        call = self.wait_call(lambda c: c['state'] == 'talking', 'channel = %s', [citizen])
        self.assertEqual(call['agent_id'], self.seats['agent']['id'])
        self.wait_seat('agent', 'talking')

    def test_pause_on_the_pbx_shows_in_odoo(self):
        """AG-2, AG-7, MO-1: a pause made on the PBX side (AMI QueuePause sent directly, as
        a supervisor's phone or a feature code would, reason 班长示忙) shows in Odoo: the
        seat is paused with that reason; unpaused on the PBX, the seat is idle again and
        the queue offers it calls."""
        self.login_agent('agent')
        self.ami('QueuePause', Queue='12345', Interface=realpbx.PHONE['agent'],
                 Paused='true', Reason='班长示忙')
        self.wait_member('agent', True, 'member 1001 paused on the PBX')
        self.assertEqual(self.wait_seat('agent', 'paused')['pause_reason'], '班长示忙')
        self.ami('QueuePause', Queue='12345', Interface=realpbx.PHONE['agent'],
                 Paused='false')
        self.wait_member('agent', False, 'member 1001 unpaused on the PBX')
        self.wait_seat('agent', 'idle')
        citizen = self.call_in(CITIZEN)
        call = self.wait_call(lambda c: c['state'] == 'talking', 'channel = %s', [citizen])
        self.assertEqual(call['agent_id'], self.seats['agent']['id'])

    # ------------------------------------------------------------------ AG-2 after-call work
    def test_after_call_work_until_ready(self):
        """AG-2: the queue's after-call work is "until ready" (话后处理时长 0 in Odoo): when
        agent 1001's answered call ends, the seat is in after-call work and the bridge
        pauses the member on the PBX (reason ACW, `queue show`); a call meanwhile is not
        offered to 1001 (it goes to voicemail: joinempty, nobody free). 置闲 from Odoo ends
        it: the member is not paused, the seat idle, and the next call is offered to
        1001."""
        queue_id = self.env_do(lambda env: env.ref('hotline_cti.queue_12345').id)
        saved = self.query("SELECT wrapup_time FROM hotline_cti_queue WHERE id = %s",
                           [queue_id])[0][0]
        self.env_do(lambda env: env['hotline.cti.queue'].browse(queue_id).write(
            {'wrapup_time': 0}))
        self.addCleanup(self.env_do, lambda env: env['hotline.cti.queue'].browse(
            queue_id).write({'wrapup_time': saved}))
        self.login_agent('agent')
        citizen = self.call_in(CITIZEN)
        call = self.wait_call(lambda c: c['state'] == 'talking', 'channel = %s', [citizen])
        self.hang_up_phone('agent')
        self.wait_call(lambda c: c['state'] == 'done', 'id = %s', [call['id']])
        line = self.wait_member('agent', True, 'member 1001 paused for after-call work')
        self.assertIn('ACW', line)
        self.wait_seat('agent', 'wrapup')
        realpbx.wait_for(lambda: not self.pbx.channels(), what='no channel left')
        since = self.watcher.mark()
        citizen = self.call_in(CITIZEN)
        self.watcher.wait(lambda e: e.get('Event') == 'Newexten' and
                          e.get('Channel') == citizen and e.get('Application') == 'VoiceMail',
                          since=since, what='voicemail while 1001 is in after-call work')
        self.assertFalse(self.watcher.seen(lambda e: e.get('Event') == 'AgentCalled',
                                           since=since), 'offered during after-call work')
        self.assertEqual(self.seat('agent')['state'], 'wrapup')
        self.hang_up_citizen(CITIZEN)
        realpbx.wait_for(lambda: not self.pbx.channels(), what='no channel left')
        self.seat_call('agent', 'action_ready')
        self.wait_member('agent', False, 'member 1001 unpaused on the PBX')
        self.wait_seat('agent', 'idle')
        # the PBX's own wrapuptime (queues.conf 15 s) may still hold the next offer a while
        since = self.watcher.mark()
        citizen = self.call_in(CITIZEN)
        called = self.watcher.wait(lambda e: e.get('Event') == 'AgentCalled', since=since,
                                   timeout=45, what='a call offered after ready')
        self.assertEqual(called.get('MemberName'), '1001')
        self.wait_seat('agent', 'talking', timeout=45)

    def test_after_call_work_timed(self):
        """AG-2: with the shipped 15 s after-call work (queues.conf wrapuptime and the Odoo
        queue's 话后处理时长 alike), the seat is in after-call work when the call ends, the
        member is not paused on the PBX (Asterisk's wrapuptime holds calls), and Odoo shows
        the agent idle again by itself after the 15 s."""
        self.assertEqual(self.query(
            "SELECT wrapup_time FROM hotline_cti_queue WHERE id = %s",
            [self.env_do(lambda env: env.ref('hotline_cti.queue_12345').id)]), [(15,)])
        self.login_agent('agent')
        citizen = self.call_in(CITIZEN)
        call = self.wait_call(lambda c: c['state'] == 'talking', 'channel = %s', [citizen])
        self.hang_up_phone('agent')
        self.wait_call(lambda c: c['state'] == 'done', 'id = %s', [call['id']])
        self.wait_seat('agent', 'wrapup')
        self.assertNotIn('(paused', self.member_line('agent'))
        self.wait_seat('agent', 'idle', timeout=45)
