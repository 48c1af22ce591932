# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""A test PBX speaking the Asterisk Manager Interface as Asterisk 20 does (AMI 9.0.0).

Checked against a capture of a real Asterisk 20.20.1 running docs/asterisk
(``../shared/asterisk/captures``, tests/test_pbx_peer_fidelity.py): the banner, the fields of
each event type in Asterisk's order, ``RingTime`` of AgentRingNoAnswer in milliseconds,
``LoginTime``/``Wrapuptime`` on member events, QueueMemberStatus when a member's state changes,
and a trunk channel created with ``<unknown>`` caller ID that learns it in ``NewCallerid``.

Written from Asterisk's documentation (docs.asterisk.org, Asterisk 16 "AMI Actions" and
"AMI Events": QueueCallerJoin, AgentCalled, AgentConnect, AgentComplete, QueueCallerAbandon,
QueueCallerLeave, Newchannel, Hangup, QueueMemberAdded/Removed/Pause, QueueStatus's
QueueParams/QueueMember/QueueEntry/QueueStatusComplete, CoreShowChannel(s), OriginateResponse),
not from the bridge: ``Key: Value`` lines ended by CRLF, a blank line after each message,
``Response``/``ActionID`` on replies, ``EventList: start``/``Complete`` on list actions, the
channel snapshot headers in Asterisk's order, ``timestampevents = yes``.

It keeps the state a real PBX would report after a reconnect (channels, queue members, callers
waiting) and can drop every manager connection on command (``drop()``).

AG-5 hold / retrieve / conference and click-to-dial follow the same documentation: ``Redirect``
with ``ExtraChannel`` ("Dual Redirect successful"; "ExtraChannel specified does not exist"),
``Originate`` with ``ChannelId`` (Asterisk 13+: the Uniqueid of the originated channel) and Local
channels; the events Asterisk raises when channels leave a bridge and run the dialplan of
docs/asterisk/extensions.conf — ``BridgeLeave``, ``ConfbridgeStart``/``ConfbridgeJoin``/
``ConfbridgeLeave``, ``MusicOnHoldStart``/``MusicOnHoldStop`` (ConfBridge user profile with
``music_on_hold_when_empty``), ``DialBegin``/``DialEnd`` of the click-to-dial ``Dial()``,
``OriginateResponse``. The dialplan contexts it knows are those of ``DIALPLAN``.
"""
import itertools
import socket
import threading
import time

BANNER = 'Asterisk Call Manager/9.0.0\r\n'
CHANNEL_KEYS = ('Channel', 'ChannelState', 'ChannelStateDesc', 'CallerIDNum', 'CallerIDName',
                'ConnectedLineNum', 'ConnectedLineName', 'Language', 'AccountCode', 'Context',
                'Exten', 'Priority', 'Uniqueid', 'Linkedid')
STATE_DESC = {'0': 'Down', '4': 'Ring', '5': 'Ringing', '6': 'Up'}
# docs/asterisk/extensions.conf: what each context does with a redirected channel
# (ConfBridge room = ${EXTEN}; user profile with / without music when alone)
DIALPLAN = {
    'hotline-hold': ('confbridge', 'hotline_held'),     # music on hold while alone
    'hotline-conf': ('confbridge', 'hotline_member'),
    'hotline-conf-agent': ('confbridge', 'hotline_agent'),   # marked: the room ends with it
    'hotline-held': ('wait', None),                     # the agent's leg waits in silence
}
CONF_PROFILES_MOH = ('hotline_held',)


def frame(pairs):
    return ''.join('%s: %s\r\n' % (k, v) for k, v in pairs) + '\r\n'


class Session(object):
    def __init__(self, sock):
        self.sock = sock
        self.authenticated = False
        self.events = True
        self.lock = threading.Lock()

    def send(self, text):
        with self.lock:
            self.sock.sendall(text.encode('utf-8'))


class AmiTestPbx(object):
    """``with AmiTestPbx() as pbx:`` — listens on 127.0.0.1, a free port."""

    def __init__(self, username='hotline', secret='s3cret'):
        self.username, self.secret = username, secret
        self.sessions = []
        self.actions = []           # every action received, as dicts (for assertions)
        self.channels = {}          # uniqueid → channel snapshot dict
        self.members = {}           # (queue, interface) → member dict
        self.entries = {}           # queue → [uniqueid waiting]
        self.refuse = False         # True: accept and close at once (PBX restarting)
        self.refused = 0            # connections closed at once while refusing
        self.rooms = {}             # ConfBridge room → [channel dicts]
        self.agent_answers = True   # click-to-dial: the agent picks up the phone
        self.dialled = {}           # click-to-dial Uniqueid → the far end's channel
        self._ids = itertools.count(1)
        self._seq = itertools.count(42)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(('127.0.0.1', 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]

    def reset(self):
        """Forget calls, members and actions (between tests sharing one PBX)."""
        self.drop()
        self.actions[:] = []
        self.channels.clear()
        self.members.clear()
        self.entries.clear()
        self.rooms.clear()
        self.dialled.clear()
        self.refuse = False
        self.agent_answers = True

    # ------------------------------------------------------------------ server
    def start(self):
        threading.Thread(target=self._accept, daemon=True, name='test-pbx').start()
        return self

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        self._stop.set()
        try:
            self.listener.close()
        except OSError:  # the listener is closed already; pylint: disable=except-pass
            pass
        self.drop()

    def drop(self):
        """The network drops / the PBX restarts: every manager connection is cut."""
        with self._lock:
            sessions, self.sessions = self.sessions, []
        for session in sessions:
            try:
                session.sock.shutdown(socket.SHUT_RDWR)
            except OSError:  # the client hung up already; pylint: disable=except-pass
                pass
            session.sock.close()

    def wait_clients(self, count=1, timeout=10.0):
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self._lock:
                if sum(1 for s in self.sessions if s.authenticated) >= count:
                    return True
            time.sleep(0.01)
        return False

    def _accept(self):
        while not self._stop.is_set():
            try:
                sock, _addr = self.listener.accept()
            except OSError:
                return
            if self.refuse:
                sock.close()
                self.refused += 1
                continue
            session = Session(sock)
            with self._lock:
                self.sessions.append(session)
            threading.Thread(target=self._serve, args=(session,), daemon=True).start()

    def _serve(self, session):
        buffer = b''
        try:
            session.send(BANNER)
            while True:
                while b'\r\n\r\n' not in buffer:
                    chunk = session.sock.recv(65536)
                    if not chunk:
                        return
                    buffer += chunk
                raw, buffer = buffer.split(b'\r\n\r\n', 1)
                action = {}
                for line in raw.decode('utf-8').split('\r\n'):
                    key, _sep, value = line.partition(':')
                    action[key.strip()] = value.strip()
                if not self._handle(session, action):
                    return
        except OSError:
            return
        finally:
            with self._lock:
                if session in self.sessions:
                    self.sessions.remove(session)
            try:
                session.sock.close()
            except OSError:  # the socket is closed already; pylint: disable=except-pass
                pass

    # ------------------------------------------------------------------ actions
    def _reply(self, session, action, response='Success', **headers):
        pairs = [('Response', response)]
        if action.get('ActionID'):
            pairs.append(('ActionID', action['ActionID']))
        pairs += list(headers.items())
        session.send(frame(pairs))

    def _handle(self, session, action):
        name = action.get('Action', '').lower()
        self.actions.append(action)
        if name == 'login':
            if action.get('Username') == self.username and action.get('Secret') == self.secret:
                session.authenticated = True
                session.events = action.get('Events', 'on').lower() != 'off'
                self._reply(session, action, Message='Authentication accepted')
                if session.events:
                    session.send(frame([('Event', 'FullyBooted'), ('Privilege', 'system,all'),
                                        ('Uptime', '3600'), ('LastReload', '3600'),
                                        ('Status', 'Fully Booted')]))
                return True
            self._reply(session, action, 'Error', Message='Authentication failed')
            return False  # Asterisk closes the session after a failed login
        if not session.authenticated:
            self._reply(session, action, 'Error', Message='Missing action in request')
            return True
        handler = getattr(self, '_action_%s' % name, None)
        if handler is None:
            self._reply(session, action, 'Error', Message='Invalid/unknown command')
            return True
        return handler(session, action) is not False

    def _action_logoff(self, session, action):
        self._reply(session, action, 'Goodbye', Message='Thanks for all the fish.')
        return False

    def _action_setvar(self, session, action):
        """Setvar: a channel variable (e.g. HOTLINE_TRANSFER_TO) or, without Channel, a
        global one."""
        if action.get('Channel') and not self._find_channel(action['Channel']):
            self._reply(session, action, 'Error', Message='No such channel')
            return
        if not action.get('Variable'):
            self._reply(session, action, 'Error', Message='No variable specified')
            return
        channel = self._find_channel(action['Channel']) if action.get('Channel') else None
        if channel is not None:
            channel.setdefault('_vars', {})[action['Variable']] = action.get('Value', '')
        self._reply(session, action, Message='Variable Set')

    def _action_ping(self, session, action):
        self._reply(session, action, Ping='Pong', Timestamp='%.6f' % time.time())

    def _member_headers(self, queue, member):
        return [('Queue', queue), ('MemberName', member['MemberName']),
                ('Interface', member['Interface']), ('StateInterface', member['Interface']),
                ('Membership', 'dynamic'), ('Penalty', '0'),
                ('CallsTaken', str(member['CallsTaken'])), ('LastCall', '0'),
                ('LastPause', '0'), ('LoginTime', str(member.get('LoginTime', 0))),
                ('InCall', member.get('InCall', '0')), ('Status', member.get('Status', '1')),
                ('Paused', member['Paused']), ('PausedReason', member['PausedReason']),
                ('Ringinuse', '0'), ('Wrapuptime', '0')]

    def _member_status(self, queue, interface, status, in_call=None):
        """QueueMemberStatus: the member's device state changed (1 idle, 2 in use, 6
        ringing), as Asterisk 20 reports it."""
        member = self.members.get((queue, interface))
        if not member:
            return
        member['Status'] = status
        if in_call is not None:
            member['InCall'] = in_call
        self.emit('QueueMemberStatus', self._member_headers(queue, member), 'agent,all')

    def _action_queueadd(self, session, action):
        key = (action.get('Queue'), action.get('Interface'))
        if key in self.members:
            self._reply(session, action, 'Error',
                        Message='Unable to add interface: Already there')
            return
        member = {'Interface': key[1], 'MemberName': action.get('MemberName') or key[1],
                  'Paused': '1' if action.get('Paused', '').lower() in ('true', '1', 'yes')
                  else '0', 'PausedReason': '', 'CallsTaken': 0,
                  'LoginTime': int(time.time())}
        self.members[key] = member
        self._reply(session, action, Message='Added interface to queue')
        self.emit('QueueMemberAdded', self._member_headers(key[0], member), 'agent,all')

    def _action_queueremove(self, session, action):
        key = (action.get('Queue'), action.get('Interface'))
        member = self.members.pop(key, None)
        if not member:
            self._reply(session, action, 'Error',
                        Message='Unable to remove interface: Not there')
            return
        self._reply(session, action, Message='Removed interface from queue')
        self.emit('QueueMemberRemoved', self._member_headers(key[0], member), 'agent,all')

    def _action_queuepause(self, session, action):
        interface = action.get('Interface')
        paused = action.get('Paused', '').lower() in ('true', '1', 'yes')
        found = [(q, m) for (q, i), m in self.members.items() if i == interface and
                 (not action.get('Queue') or q == action['Queue'])]
        if not found:
            self._reply(session, action, 'Error', Message='Interface not found')
            return
        for queue, member in found:  # applied before the response, as Asterisk does
            member['Paused'] = '1' if paused else '0'
            member['PausedReason'] = action.get('Reason', '') if paused else ''
        self._reply(session, action, Message='Interface %s successfully' % (
            'paused' if paused else 'unpaused'))
        for queue, member in found:
            self.emit('QueueMemberPause', self._member_headers(queue, member), 'agent,all')

    def _action_originate(self, session, action):
        if not action.get('Channel'):
            self._reply(session, action, 'Error', Message='Channel not specified')
            return
        if action.get('Exten') and not action.get('Context'):
            self._reply(session, action, 'Error', Message='Context not specified')
            return
        self._reply(session, action, Message='Originate successfully queued')
        if action['Channel'].startswith('Local/'):
            self._originate_local(action)
        elif action.get('Application'):
            uniqueid = action.get('ChannelId') or self._uniqueid()
            self.emit('OriginateResponse', [
                ('ActionID', action.get('ActionID', '')), ('Response', 'Success'),
                ('Channel', action['Channel'] + '-%08x' % next(self._ids)),
                ('Application', action.get('Application', '')),
                ('Data', action.get('Data', '')),
                ('Reason', '4'), ('Uniqueid', uniqueid),
                ('CallerIDNum', '<unknown>'), ('CallerIDName', '<unknown>')], 'call,all')
        else:
            self._originate_dial(action)

    def _new_channel(self, name, uniqueid=None, linkedid=None, state='4', context='',
                     exten='', caller='<unknown>', connected='<unknown>'):
        uniqueid = uniqueid or self._uniqueid()
        channel = {
            'Channel': name, 'ChannelState': state, 'ChannelStateDesc': STATE_DESC[state],
            'CallerIDNum': caller, 'CallerIDName': '<unknown>', 'ConnectedLineNum': connected,
            'ConnectedLineName': '<unknown>', 'Language': 'zh', 'AccountCode': '',
            'Context': context, 'Exten': exten, 'Priority': '1', 'Uniqueid': uniqueid,
            'Linkedid': linkedid or uniqueid, '_since': time.time(),
        }
        self.channels[uniqueid] = channel
        self.emit('Newchannel', self._snapshot(channel))
        return channel

    def _newstate(self, channel, state):
        channel.update({'ChannelState': state, 'ChannelStateDesc': STATE_DESC[state]})
        self.emit('Newstate', self._snapshot(channel))

    def _originate_dial(self, action):
        """Click-to-dial: the agent's phone rings (Uniqueid = ChannelId); when it is picked
        up, OriginateResponse, then the dialplan's Dial() to the number: DialBegin and the
        far end's channel (linked to the agent's)."""
        agent = self._new_channel('%s-%08x' % (action['Channel'], next(self._ids)),
                                  uniqueid=action.get('ChannelId'), state='0',
                                  context=action['Context'], exten=action.get('Exten', ''))
        agent['_interface'] = action['Channel']

        def response(result, reason):  # Asterisk 20's order
            return [('ActionID', action.get('ActionID', '')), ('Response', result),
                    ('Channel', agent['Channel']), ('Context', action['Context']),
                    ('Exten', action.get('Exten', '')), ('Reason', reason),
                    ('Uniqueid', agent['Uniqueid']),
                    ('CallerIDNum', '<unknown>'), ('CallerIDName', '<unknown>')]
        if not self.agent_answers:
            self.emit('OriginateResponse', response('Failure', '3'), 'call,all')
            self.hangup(agent, cause='19')
            return
        self._newstate(agent, '6')
        self.emit('OriginateResponse', response('Success', '4'), 'call,all')
        far = self._new_channel('PJSIP/trunk-%08x' % next(self._ids),
                                linkedid=agent['Uniqueid'], state='0', context='from-trunk',
                                exten=action.get('Exten', ''), caller=action.get('Exten', ''),
                                connected=agent['CallerIDNum'])
        agent['_agent'] = far  # hung up with the agent's leg
        self.dialled[agent['Uniqueid']] = far
        self.emit('DialBegin', self._snapshot(agent) + self._snapshot(far, 'Dest') + [
            ('DialString', 'trunk/%s' % action.get('Exten', ''))])

    def far_end(self, uniqueid, status='ANSWER'):
        """The dialled party of a click-to-dial call answers (or is BUSY / NOANSWER)."""
        agent = self.channels[uniqueid]
        far = self.dialled[uniqueid]
        if status == 'ANSWER':
            self._newstate(far, '6')
        self.emit('DialEnd', self._snapshot(agent) + self._snapshot(far, 'Dest') + [
            ('DialStatus', status)])
        if status != 'ANSWER':
            self.hangup(agent, cause='17' if status == 'BUSY' else '19')
        return far

    def _originate_local(self, action):
        """Conference: ``Local/<number>@<context>``: two half channels; the ;2 half dials the
        number, the ;1 half runs Context/Exten (the ConfBridge room) once it answers."""
        base = 'Local/%s-%08x' % (action['Channel'][len('Local/'):], next(self._ids))
        one = self._new_channel(base + ';1', uniqueid=action.get('ChannelId'), state='0',
                                context=action.get('Context', ''),
                                exten=action.get('Exten', ''))
        two = self._new_channel(base + ';2', linkedid=one['Linkedid'], state='4',
                                context=action['Channel'].split('@')[-1],
                                exten=action['Channel'][len('Local/'):].split('@')[0])
        one['_agent'] = two
        self._newstate(one, '6')
        self.emit('OriginateResponse', [
            ('ActionID', action.get('ActionID', '')), ('Response', 'Success'),
            ('Channel', one['Channel']), ('Context', action.get('Context', '')),
            ('Exten', action.get('Exten', '')), ('Reason', '4'), ('Uniqueid', one['Uniqueid']),
            ('CallerIDNum', '<unknown>'), ('CallerIDName', '<unknown>')], 'call,all')
        self._run_dialplan(one, action.get('Context', ''), action.get('Exten', ''))

    def _find_channel(self, name):
        for channel in self.channels.values():
            if channel['Channel'] == name:
                return channel
        return None

    def _action_redirect(self, session, action):
        if not action.get('Channel'):
            self._reply(session, action, 'Error', Message='Channel not specified')
            return
        channel = self._find_channel(action.get('Channel'))
        if not channel:
            self._reply(session, action, 'Error', Message='Channel specified does not exist')
            return
        extra = None
        if action.get('ExtraChannel'):
            extra = self._find_channel(action['ExtraChannel'])
            if not extra:
                self._reply(session, action, 'Error',
                            Message='ExtraChannel specified does not exist')
                return
        self._reply(session, action, Message='Dual Redirect successful' if extra else
                    'Redirect successful')
        moves = [(channel, action.get('Context'), action.get('Exten'))]
        if extra:
            moves.append((extra, action.get('ExtraContext') or action.get('Context'),
                          action.get('ExtraExten') or action.get('Exten')))
        for moved, _context, _exten in moves:
            self._leave_room(moved)
            if moved.get('_bridged'):
                moved.pop('_bridged')
                self.emit('BridgeLeave', [
                    ('BridgeUniqueid', moved.get('_bridge', '')), ('BridgeType', 'basic'),
                    ('BridgeTechnology', 'simple_bridge'), ('BridgeCreator', '<unknown>'),
                    ('BridgeName', '<unknown>'), ('BridgeNumChannels', '1'),
                    ('BridgeVideoSourceMode', 'none')] + self._snapshot(moved))
        for moved, context, exten in moves:
            self._run_dialplan(moved, context, exten)

    # ------------------------------------------------------------------ dialplan (AG-5)
    def _bridge_headers(self, room):
        return [('Conference', room), ('BridgeUniqueid', 'conf-%s' % room),
                ('BridgeType', 'base'), ('BridgeTechnology', 'softmix'),
                ('BridgeCreator', 'ConfBridge'), ('BridgeName', room),
                ('BridgeNumChannels', str(len(self.rooms.get(room, [])))),
                ('BridgeVideoSourceMode', 'none')]

    def _run_dialplan(self, channel, context, exten):
        channel.update({'Context': context or '', 'Exten': exten or '', 'Priority': '1'})
        step = DIALPLAN.get(context)
        if not step:
            return
        kind, profile = step
        channel['_app'] = 'ConfBridge' if kind == 'confbridge' else 'Wait'
        self.emit('Newexten', self._snapshot(channel) + [
            ('Extension', exten or ''), ('Application', channel['_app']),
            ('AppData', '%s,hotline_bridge,%s' % (exten, profile) if profile else '1800')],
            'dialplan,all')
        if kind != 'confbridge':
            return
        members = self.rooms.setdefault(exten, [])
        if not members:
            self.emit('ConfbridgeStart', self._bridge_headers(exten))
        for other in members:
            if other.get('_moh'):
                other.pop('_moh')
                self.emit('MusicOnHoldStop', self._snapshot(other))
        members.append(channel)
        channel['_room'] = exten
        self.emit('ConfbridgeJoin', self._bridge_headers(exten) + self._snapshot(channel) +
                  [('Admin', 'No'), ('Muted', 'No')])
        if len(members) == 1 and profile in CONF_PROFILES_MOH:
            channel['_moh'] = True
            self.emit('MusicOnHoldStart', self._snapshot(channel) + [('Class', 'default')])

    def _leave_room(self, channel):
        room = channel.pop('_room', None)
        if room is None:
            return
        if channel.pop('_moh', None):
            self.emit('MusicOnHoldStop', self._snapshot(channel))
        members = self.rooms.get(room, [])
        if channel in members:
            members.remove(channel)
        self.emit('ConfbridgeLeave', self._bridge_headers(room) + self._snapshot(channel) +
                  [('Admin', 'No')])
        if not members:
            self.rooms.pop(room, None)
            self.emit('ConfbridgeEnd', self._bridge_headers(room))

    def _action_hangup(self, session, action):
        channel = self._find_channel(action.get('Channel'))
        if not channel:
            self._reply(session, action, 'Error', Message='No such channel')
            return
        self.hangup(channel, cause='16')  # gone when the client reads the response
        self._reply(session, action, Message='Channel Hungup')

    def _action_queuestatus(self, session, action):
        action_id = action.get('ActionID', '')
        self._reply(session, action, EventList='start', Message='Queue status will follow')
        count = 0
        queues = sorted({q for q, _i in self.members} | set(self.entries))
        for queue in queues:
            waiting = self.entries.get(queue, [])
            session.send(frame([
                ('Event', 'QueueParams'), ('Queue', queue), ('Max', '0'),
                ('Strategy', 'rrmemory'), ('Calls', str(len(waiting))), ('Holdtime', '0'),
                ('TalkTime', '0'), ('Completed', '0'), ('Abandoned', '0'),
                ('ServiceLevel', '20'), ('ServicelevelPerf', '0.0'),
                ('ServicelevelPerf2', '0.0'), ('Weight', '0'), ('ActionID', action_id)]))
            count += 1
            for (q, interface), member in sorted(self.members.items()):
                if q != queue:
                    continue
                session.send(frame([
                    ('Event', 'QueueMember'), ('Queue', queue),
                    ('Name', member['MemberName']), ('Location', interface),
                    ('StateInterface', interface), ('Membership', 'dynamic'),
                    ('Penalty', '0'), ('CallsTaken', str(member['CallsTaken'])),
                    ('LastCall', '0'), ('LastPause', '0'), ('InCall', '0'), ('Status', '1'),
                    ('Paused', member['Paused']), ('PausedReason', member['PausedReason']),
                    ('ActionID', action_id)]))
                count += 1
            for position, uniqueid in enumerate(waiting, 1):
                channel = self.channels[uniqueid]
                session.send(frame([
                    ('Event', 'QueueEntry'), ('Queue', queue), ('Position', str(position)),
                    ('Channel', channel['Channel']), ('Uniqueid', uniqueid),
                    ('CallerIDNum', channel['CallerIDNum']),
                    ('CallerIDName', channel['CallerIDName']),
                    ('ConnectedLineNum', '<unknown>'), ('ConnectedLineName', '<unknown>'),
                    ('Wait', str(int(time.time() - channel['_since']))), ('Priority', '0'),
                    ('ActionID', action_id)]))
                count += 1
        session.send(frame([('Event', 'QueueStatusComplete'), ('ActionID', action_id),
                            ('EventList', 'Complete'), ('ListItems', str(count))]))

    def _action_coreshowchannels(self, session, action):
        action_id = action.get('ActionID', '')
        self._reply(session, action, EventList='start', Message='Channels will follow')
        channels = list(self.channels.values())
        for channel in channels:
            session.send(frame(
                [('Event', 'CoreShowChannel'), ('ActionID', action_id)] +
                [(k, channel[k]) for k in CHANNEL_KEYS] +
                [('Application', channel.get('_app', 'Queue')),
                 ('ApplicationData', channel.get('_appdata', '')),
                 ('Duration', time.strftime('%H:%M:%S', time.gmtime(
                     time.time() - channel['_since']))),
                 ('BridgeId', '')]))
        session.send(frame([('Event', 'CoreShowChannelsComplete'), ('ActionID', action_id),
                            ('EventList', 'Complete'), ('ListItems', str(len(channels)))]))

    # ------------------------------------------------------------------ events
    def emit(self, event, headers, privilege='call,all'):
        text = frame([('Event', event), ('Privilege', privilege),
                      ('Timestamp', '%.6f' % time.time())] + list(headers))
        with self._lock:
            sessions = [s for s in self.sessions if s.authenticated and s.events]
        for session in sessions:
            try:
                session.send(text)
            except OSError:  # a client that left gets no more events; pylint: disable=except-pass
                pass

    def _uniqueid(self):
        return '%d.%d' % (int(time.time()), next(self._seq))

    def _snapshot(self, channel, prefix=''):
        return [(prefix + k, channel[k]) for k in CHANNEL_KEYS]

    def new_inbound(self, caller_number, exten='12345', caller_name='<unknown>',
                    late_callerid=True):
        """A call from the PSTN trunk enters the dialplan: Newchannel. ``late_callerid``: as
        Asterisk 20 does for a channel whose caller ID is set after it was created, the
        Newchannel says ``<unknown>`` and NewCallerid brings the number (and name)."""
        uniqueid = self._uniqueid()
        channel = {
            'Channel': 'PJSIP/trunk-%08x' % next(self._ids), 'ChannelState': '4',
            'ChannelStateDesc': 'Ring', 'CallerIDNum': caller_number,
            'CallerIDName': caller_name, 'ConnectedLineNum': '<unknown>',
            'ConnectedLineName': '<unknown>', 'Language': 'zh', 'AccountCode': '',
            'Context': 'from-pstn', 'Exten': exten, 'Priority': '1', 'Uniqueid': uniqueid,
            'Linkedid': uniqueid, '_since': time.time(),
        }
        self.channels[uniqueid] = channel
        if late_callerid:
            self.emit('Newchannel', self._snapshot(dict(channel, CallerIDNum='<unknown>',
                                                        CallerIDName='<unknown>')))
            self.set_callerid(channel, caller_number, caller_name)
        else:
            self.emit('Newchannel', self._snapshot(channel))
        return channel

    def set_callerid(self, channel, number=None, name=None):
        """The channel's caller ID is set (trunk, dialplan CALLERID()): NewCallerid."""
        if number is not None:
            channel['CallerIDNum'] = number
        if name is not None:
            channel['CallerIDName'] = name
        self.emit('NewCallerid', self._snapshot(channel) + [
            ('CID-CallingPres', '0 (Presentation Allowed, Not Screened)')])

    def _set_up(self, channel):
        channel.update({'ChannelState': '6', 'ChannelStateDesc': 'Up'})

    def queue_join(self, channel, queue='12345'):
        """Queue() application: QueueCallerJoin."""
        self._set_up(channel)
        channel.update({'_app': 'Queue', '_appdata': queue, '_queue': queue})
        waiting = self.entries.setdefault(queue, [])
        waiting.append(channel['Uniqueid'])
        self.emit('QueueCallerJoin', self._snapshot(channel) + [
            ('Queue', queue), ('Position', str(len(waiting))), ('Count', str(len(waiting)))],
            'agent,all')

    def _agent_channel(self, channel, interface):
        agent = channel.get('_agent')
        if not agent or agent['_interface'] != interface:
            uniqueid = self._uniqueid()
            agent = {
                'Channel': '%s-%08x' % (interface, next(self._ids)), 'ChannelState': '5',
                'ChannelStateDesc': 'Ringing', 'CallerIDNum': interface.split('/')[-1],
                'CallerIDName': '<unknown>', 'ConnectedLineNum': channel['CallerIDNum'],
                'ConnectedLineName': channel['CallerIDName'], 'Language': 'zh',
                'AccountCode': '', 'Context': 'from-queue', 'Exten': channel['Exten'],
                'Priority': '1', 'Uniqueid': uniqueid, 'Linkedid': channel['Linkedid'],
                '_since': time.time(), '_interface': interface, '_app': 'AppQueue',
            }
            channel['_agent'] = agent
            self.channels[uniqueid] = agent
            self.emit('Newchannel', self._snapshot(agent))
        return agent

    def agent_called(self, channel, interface, member_name, queue='12345'):
        """The queue rings a member: AgentCalled."""
        agent = self._agent_channel(channel, interface)
        self.emit('AgentCalled', self._snapshot(channel) + self._snapshot(agent, 'Dest') + [
            ('Queue', queue), ('Interface', interface), ('MemberName', member_name)],
            'agent,all')
        self._member_status(queue, interface, '6')

    def agent_ring_no_answer(self, channel, interface, member_name, queue='12345',
                             ringtime=15):
        """The member did not answer within the queue's timeout. ``ringtime`` in seconds;
        Asterisk 20 sends ``RingTime`` in milliseconds."""
        agent = self._agent_channel(channel, interface)
        self.emit('AgentRingNoAnswer', self._snapshot(channel) + self._snapshot(agent, 'Dest') +
                  [('Queue', queue), ('Interface', interface), ('MemberName', member_name),
                   ('RingTime', str(int(ringtime * 1000)))], 'agent,all')
        self._member_status(queue, interface, '1')
        self.hangup(agent, cause='19')
        channel.pop('_agent', None)

    def _leave(self, channel, queue):
        waiting = self.entries.get(queue, [])
        if channel['Uniqueid'] in waiting:
            position = waiting.index(channel['Uniqueid']) + 1
            waiting.remove(channel['Uniqueid'])
            self.emit('QueueCallerLeave', self._snapshot(channel) + [
                ('Queue', queue), ('Position', str(position)), ('Count', str(len(waiting)))],
                'agent,all')

    def agent_connect(self, channel, interface, member_name, queue='12345', holdtime=0,
                      ringtime=0):
        """The member answers: QueueCallerLeave, then AgentConnect."""
        agent = self._agent_channel(channel, interface)
        self._set_up(agent)
        self._leave(channel, queue)
        bridge = 'bridge-%s' % channel['Uniqueid']
        for leg in (channel, agent):
            leg.update({'_bridged': True, '_bridge': bridge})
        channel['_app'] = 'Queue'
        self.emit('AgentConnect', self._snapshot(channel) + self._snapshot(agent, 'Dest') + [
            ('Queue', queue), ('Interface', interface), ('MemberName', member_name),
            ('HoldTime', str(holdtime)), ('RingTime', str(ringtime))], 'agent,all')
        self._member_status(queue, interface, '2', in_call='1')

    def agent_complete(self, channel, interface, member_name, queue='12345', holdtime=0,
                       talktime=0, reason='caller'):
        """The bridged call ends: AgentComplete, then both channels hang up."""
        agent = channel.get('_agent') or self._agent_channel(channel, interface)
        self.emit('AgentComplete', self._snapshot(channel) + self._snapshot(agent, 'Dest') + [
            ('Queue', queue), ('Interface', interface), ('MemberName', member_name),
            ('HoldTime', str(holdtime)), ('TalkTime', str(talktime)), ('Reason', reason)],
            'agent,all')
        member = self.members.get((queue, interface))
        if member:
            member['CallsTaken'] += 1
        self._member_status(queue, interface, '1', in_call='0')
        self.hangup(channel)

    def queue_abandon(self, channel, queue='12345', holdtime=0):
        """The caller hangs up while waiting: QueueCallerAbandon, QueueCallerLeave, Hangup."""
        waiting = self.entries.get(queue, [])
        position = waiting.index(channel['Uniqueid']) + 1 if channel['Uniqueid'] in waiting \
            else 1
        agent = channel.pop('_agent', None)
        if agent:
            self.hangup(agent, cause='16')
        self.emit('QueueCallerAbandon', self._snapshot(channel) + [
            ('Queue', queue), ('Position', str(position)),
            ('OriginalPosition', str(position)), ('HoldTime', str(holdtime))], 'agent,all')
        self._leave(channel, queue)
        self.hangup(channel)

    def hangup(self, channel, cause='16', silent=False):
        """Hangup of a channel (and of the agent leg bridged to it). ``silent``: the PBX
        does it while no manager is connected (the event reaches nobody)."""
        agent = channel.pop('_agent', None)
        if agent:
            self.hangup(agent, cause, silent)
        if not silent:
            self._leave_room(channel)
        self.channels.pop(channel['Uniqueid'], None)
        for waiting in self.entries.values():
            if channel['Uniqueid'] in waiting:
                waiting.remove(channel['Uniqueid'])
        if not silent:
            self.emit('Hangup', self._snapshot(channel) + [
                ('Cause', cause), ('Cause-txt', {'16': 'Normal Clearing', '17': 'User busy',
                                                 '19': 'No user responding'}.get(cause, ''))])
