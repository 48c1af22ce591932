"""The PBX's share of a city's day (about 200,000 AMI call events) for the load replay.

Used by ``bench/load_day.py``::

    from load_pbx import PbxTraffic
    pbx = PbxTraffic(ROOT, CONF, DB, agents=50, state_file='bench/out/pbx_state.json')
    pbx.prepare()                  # pbx_main → this test PBX; bench agents pbxagentNN
    pbx.start()                    # test PBX here, ``odoo-bin hotline-cti`` as its own process
    pbx.pace(lambda: events_due)   # events the day should have had by now (cumulative)
    ...
    result = pbx.stop(settle=30)   # dict: counts, popup latency, reconciliation

or alone::

    .venv/bin/python bench/load_pbx.py --db hotline_pbxdev --events 3000 --seconds 60

The PBX is ``AmiTestPbx`` (addons/hotline_cti/tests/ami_pbx.py, AMI as Asterisk 16) run in this
process; the bridge is the production service (``odoo-bin hotline-cti``) in a separate process,
restarted (and counted) if it dies. Calls are emitted whole, in three kinds:

* answered (8 in 10): Newchannel, QueueCallerJoin, Newchannel (agent leg), AgentCalled,
  QueueCallerLeave, AgentConnect, AgentComplete, Hangup (agent leg), Hangup — 9 events;
* abandoned in the queue (1 in 10): Newchannel, QueueCallerJoin, QueueCallerAbandon,
  QueueCallerLeave, Hangup — 5 events;
* ring-no-answer, then answered by the next agent (1 in 10): Newchannel, QueueCallerJoin,
  Newchannel, AgentCalled, AgentRingNoAnswer, Hangup (first agent's leg), then the 7 events of
  an answer from Newchannel (agent leg) on — 13 events.

Callers are 1990 + 7 digits of the call counter; agents are taken round-robin. Popup latency is
the time from AgentCalled leaving the PBX to the NOTIFY on ``imbus`` after which the agent's
``popup`` bus message for that very call (uniqueid) is in ``bus_bus``.

A day is replayed in several sittings: ``state_file`` keeps the counters and every sitting's
uniqueid prefix (Asterisk's ``systemname-`` form, unique per sitting), so that each sitting
resumes the counts and reconciles the calls it emitted (one ended ``hotline_cti_call`` row per
call, answered ones with an agent).
"""
import argparse
import configparser
import itertools
import json
import os
import select
import signal
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'addons', 'hotline_cti', 'tests'))

from ami_pbx import AmiTestPbx  # noqa: E402  (plain sockets, no Odoo import)

QUEUE = '12345'
TICK = 0.05
STATE_EVERY = 2.0
# events per call of each kind (see the module docstring)
EVENTS = {'answered': 9, 'abandoned': 5, 'rna': 13}
POPUPS = {'answered': 1, 'abandoned': 0, 'rna': 2}

PREPARE_SCRIPT = r'''
import json
server = env.ref('hotline_cti.pbx_main')
server.write({'ip_address': '127.0.0.1', 'port': %(port)d, 'login': 'hotline',
              'password': 's3cret', 'cti_enabled': True})
queue = env.ref('hotline_cti.queue_12345')
group = env.ref('hotline_core.group_hotline_agent')
Users = env['res.users'].with_context(tracking_disable=True, no_reset_password=True)
Agent = env['hotline.cti.agent']
agents = []
for i in range(%(agents)d):
    login = 'pbxagent%%02d' %% i
    user = Users.search([('login', '=', login)], limit=1)
    if not user:
        user = Users.create({'name': 'PBX load agent %%02d' %% i, 'login': login,
                             'groups_id': [(6, 0, group.ids)]})
    elif group not in user.groups_id:
        user.write({'groups_id': [(4, group.id)]})
    number = '97%%02d' %% i
    agent = Agent.search([('user_id', '=', user.id)], limit=1)
    vals = {'agent_number': number, 'extension': 'PJSIP/' + number, 'server_id': server.id,
            'queue_ids': [(6, 0, queue.ids)]}
    if agent:
        agent.write(vals)
    else:
        vals.update(user_id=user.id, state='idle')
        agent = Agent.create(vals)
    agents.append({'number': number, 'interface': 'PJSIP/' + number,
                   'partner_id': user.partner_id.id})
env.cr.commit()
print('LOADPBX_JSON ' + json.dumps({'server_id': server.id, 'agents': agents}))
'''


def percentile(values, p):
    values = sorted(values)
    if not values:
        return None
    k = (len(values) - 1) * p / 100.0
    f = int(k)
    c = min(f + 1, len(values) - 1)
    return values[f] + (values[c] - values[f]) * (k - f)


def read_conf(conf):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(conf)
    return dict(parser.items('options'))


class SittingPbx(AmiTestPbx):
    """The test PBX with Asterisk's ``systemname`` uniqueids (``name-epoch.seq``), unique per
    sitting, and its state lists read under the lock the call generator holds."""

    def __init__(self, system, **kw):
        super(SittingPbx, self).__init__(**kw)
        self.system = system
        self.calls_lock = threading.RLock()
        self._useq = itertools.count(1)

    def _uniqueid(self):
        return '%s.%d' % (self.system, next(self._useq))

    def _action_queuestatus(self, session, action):
        with self.calls_lock:
            return super(SittingPbx, self)._action_queuestatus(session, action)

    def _action_coreshowchannels(self, session, action):
        with self.calls_lock:
            return super(SittingPbx, self)._action_coreshowchannels(session, action)

    def event_clients(self):
        with self._lock:
            return sum(1 for s in self.sessions if s.authenticated and s.events)


class PbxTraffic(object):
    """See the module docstring."""

    def __init__(self, root, conf, db, agents=50, state_file=None):
        self.root, self.conf, self.db = root, conf, db
        self.agent_count = agents
        self.state_file = state_file
        self.options = read_conf(conf)
        self.dsn = dict(host=self.options.get('db_host') or None,
                        port=int(self.options.get('db_port') or 5432),
                        user=self.options.get('db_user'),
                        password=self.options.get('db_password'))
        self.state = {'events_emitted': 0, 'calls_emitted': 0, 'sittings': []}
        if state_file and os.path.exists(state_file):
            with open(state_file) as f:
                self.state.update(json.load(f))
        # a prefix no earlier sitting had, even two sittings in the same second
        last = max([s['epoch'] for s in self.state['sittings']] or [0])
        epoch = max(int(time.time()), last + 1)
        # uniqueids of the sitting: '<prefix>.<seq>'; its callers: 1990 + 7 digits of
        # first_call .. first_call + calls - 1
        self.sitting = {'prefix': 'loadpbx-%d' % epoch, 'epoch': epoch, 'calls': 0,
                        'events': 0, 'first_call': self.state['calls_emitted'],
                        'started': time.time(), 'stopped': None}
        self.state['sittings'].append(self.sitting)
        self.pbx = SittingPbx('loadpbx-%d' % epoch)
        self.events_emitted = self.state['events_emitted']
        self.calls_emitted = self.state['calls_emitted']
        self.agents = []
        self.server_id = None
        self.bridge = None
        self.bridge_restarts = 0
        self.log_path = None
        self.calls = {}         # uniqueid → kind, this sitting
        self.rung = {}          # (uniqueid, agent channel) → time AgentCalled left the PBX
        self.popped = {}        # (uniqueid, agent channel) → time its NOTIFY arrived
        self.start_id = 0
        self.backlog_max = 0
        self._stopping = threading.Event()
        self._emitting = threading.Event()
        self._threads = []
        self._paced_since = None
        self._paced_until = None
        self._events_at_pace = self.events_emitted
        self._calls_at_pace = self.calls_emitted

    # ------------------------------------------------------------------ setup
    def _connect(self):
        import psycopg2
        return psycopg2.connect(dbname=self.db, **self.dsn)

    def _odoo_bin(self, *args):
        # a worktree uses the main checkout's venv (HOTLINE_VENV), as ./hotline does
        venv = os.environ.get('HOTLINE_VENV') or os.path.join(self.root, '.venv')
        return [os.path.join(venv, 'bin', 'python'),
                os.path.join(self.root, 'tools', 'odoo-bin'),
                '--addons-path=%s' % self.options['addons_path']] + list(args)

    def prepare(self):
        """Idempotent: pbx_main → this PBX's port with Bridge Events; bench agents exist."""
        script = PREPARE_SCRIPT % {'port': self.pbx.port, 'agents': self.agent_count}
        cmd = self._odoo_bin('shell', '-c', self.conf, '-d', self.db, '--log-level=warn')
        out = subprocess.run(cmd, input=script.encode(), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, cwd=self.root, timeout=300)
        line = [x for x in out.stdout.decode('utf-8', 'replace').splitlines()
                if x.startswith('LOADPBX_JSON ')]
        if out.returncode or not line:
            raise RuntimeError('prepare failed: %s' % out.stderr.decode('utf-8', 'replace'))
        data = json.loads(line[-1].split(' ', 1)[1])
        self.server_id = data['server_id']
        self.agents = data['agents']
        for agent in self.agents:
            agent['channel'] = json.dumps([self.db, 'hotline.cti', agent['partner_id']],
                                          separators=(',', ':'))
            # logged in to the queue before the bridge starts (its resync reads them idle)
            self.pbx.members[(QUEUE, agent['interface'])] = {
                'Interface': agent['interface'], 'MemberName': agent['number'],
                'Paused': '0', 'PausedReason': '', 'CallsTaken': 0}
        return self

    def start(self):
        if not self.agents:
            raise RuntimeError('prepare() first')
        self.pbx.start()
        out_dir = os.path.join(self.root, 'bench', 'out')
        os.makedirs(out_dir, exist_ok=True)
        self.log_path = os.path.join(out_dir, 'load_pbx_bridge_%s.log' % self.sitting['epoch'])
        conn = self._connect()
        with conn.cursor() as cr:
            cr.execute('SELECT COALESCE(MAX(id), 0) FROM hotline_cti_call')
            self.start_id = cr.fetchone()[0]
            cr.execute('SELECT COALESCE(MAX(id), 0) FROM bus_bus')
            bus_id = cr.fetchone()[0]
        conn.close()
        self._start_bridge()
        self._wait_bridge(120)
        for target, args in ((self._listen, (bus_id,)), (self._watch, ())):
            thread = threading.Thread(target=target, args=args, daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def _start_bridge(self):
        log = open(self.log_path, 'ab')
        self.bridge = subprocess.Popen(
            self._odoo_bin('hotline-cti', '-c', self.conf, '-d', self.db),
            stdout=log, stderr=subprocess.STDOUT, cwd=self.root)
        log.close()

    def _wait_bridge(self, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.pbx.event_clients():
                return True
            if self.bridge.poll() is not None:
                raise RuntimeError('the bridge exited (%s); see %s' % (
                    self.bridge.returncode, self.log_path))
            time.sleep(0.1)
        raise RuntimeError('the bridge did not connect; see %s' % self.log_path)

    # ------------------------------------------------------------------ threads
    def _listen(self, bus_id):
        """LISTEN imbus as the long-polling dispatcher does; after each wake, the agents'
        new bus messages tell which call's popup has arrived."""
        import psycopg2
        listen = psycopg2.connect(dbname='postgres', **self.dsn)
        listen.autocommit = True
        listen.cursor().execute('LISTEN imbus')
        reader = self._connect()
        reader.autocommit = True
        channels = {a['channel'] for a in self.agents}
        mine = list(channels)
        while not self._stopping.is_set():
            if select.select([listen], [], [], 0.2) == ([], [], []):
                continue
            listen.poll()
            now = time.time()
            woken = False
            while listen.notifies:
                payload = listen.notifies.pop().payload
                if not woken and any(c in payload for c in mine):
                    woken = True
            if not woken:
                continue
            with reader.cursor() as cr:
                cr.execute('SELECT id, channel, message FROM bus_bus WHERE id > %s AND '
                           'channel = ANY(%s) ORDER BY id', (bus_id, mine))
                for row_id, channel, message in cr.fetchall():
                    bus_id = max(bus_id, row_id)
                    message = json.loads(message)
                    if message.get('type') == 'popup':
                        key = (message['call']['uniqueid'], channel)
                        self.popped.setdefault(key, now)
        listen.close()
        reader.close()

    def _watch(self):
        """Restart the bridge if it dies; every few seconds, note the backlog (calls emitted
        but not yet ended in the database) and save the state file."""
        conn = self._connect()
        conn.autocommit = True
        saved = 0
        while not self._stopping.wait(0.5):
            if self.bridge.poll() is not None and not self._stopping.is_set():
                self.bridge_restarts += 1
                self._start_bridge()
            if time.time() - saved >= STATE_EVERY:
                saved = time.time()
                self.backlog_max = max(self.backlog_max,
                                       self.sitting['calls'] - self._ended(conn))
                self.save_state()
        conn.close()

    def _ended(self, conn):
        with conn.cursor() as cr:
            cr.execute("SELECT COUNT(*) FROM hotline_cti_call WHERE id > %s AND "
                       "server_id = %s AND uniqueid LIKE %s AND state = 'done'",
                       (self.start_id, self.server_id, self.sitting['prefix'] + '.%'))
            return cr.fetchone()[0]

    def save_state(self):
        if not self.state_file:
            return
        self.state.update(events_emitted=self.events_emitted, calls_emitted=self.calls_emitted)
        tmp = self.state_file + '.tmp'
        with open(tmp, 'w') as f:
            json.dump(self.state, f, indent=1)
        os.replace(tmp, self.state_file)

    # ------------------------------------------------------------------ calls
    def _ring(self, channel, agent):
        self.rung[(channel['Uniqueid'], agent['channel'])] = time.time()
        self.pbx.agent_called(channel, agent['interface'], agent['number'])

    def _call(self):
        """Emit one whole call; returns the number of events emitted."""
        pbx, n = self.pbx, self.calls_emitted
        kind = {0: 'abandoned', 5: 'rna'}.get(n % 10, 'answered')
        agent = self.agents[n % len(self.agents)]
        with pbx.calls_lock:
            channel = pbx.new_inbound('1990%07d' % (n % 10 ** 7))
            pbx.queue_join(channel)
            if kind == 'abandoned':
                pbx.queue_abandon(channel, holdtime=20 + n % 40)
            else:
                if kind == 'rna':
                    self._ring(channel, agent)
                    pbx.agent_ring_no_answer(channel, agent['interface'], agent['number'])
                    agent = self.agents[(n + 1) % len(self.agents)]
                self._ring(channel, agent)
                pbx.agent_connect(channel, agent['interface'], agent['number'],
                                  holdtime=5 + n % 30, ringtime=3)
                pbx.agent_complete(channel, agent['interface'], agent['number'],
                                   holdtime=5 + n % 30, talktime=60 + n % 240)
        self.calls[channel['Uniqueid']] = kind
        self.calls_emitted += 1
        self.events_emitted += EVENTS[kind]
        self.sitting['calls'] += 1
        self.sitting['events'] += EVENTS[kind]
        return EVENTS[kind]

    def pace(self, target_fn):
        """Emit whole calls every ~50 ms until ``events_emitted >= target_fn()``."""
        self._emitting.set()
        self._paced_since = time.time()
        self._events_at_pace = self.events_emitted
        self._calls_at_pace = self.calls_emitted

        def emitter():
            while self._emitting.is_set():
                tick = time.time()
                target = target_fn()
                while self._emitting.is_set() and self.events_emitted < target:
                    if not self.pbx.event_clients():
                        break   # the bridge is (re)starting: no calls while nobody listens
                    self._call()
                time.sleep(max(TICK - (time.time() - tick), 0.001))
            self._paced_until = time.time()
        thread = threading.Thread(target=emitter, daemon=True, name='load-pbx-emitter')
        thread.start()
        self._threads.append(thread)
        return thread

    # ------------------------------------------------------------------ stop
    def stop(self, settle=30):
        self._emitting.clear()
        for thread in self._threads:
            if thread.name == 'load-pbx-emitter':
                thread.join(30)
        paced = (self._paced_until or time.time()) - (self._paced_since or time.time())
        conn = self._connect()
        conn.autocommit = True
        settle_start = time.time()
        deadline = settle_start + settle
        while time.time() < deadline:
            if self._ended(conn) >= self.sitting['calls'] and \
                    len(self.popped) >= len(self.rung):
                break
            time.sleep(0.2)
        settled = time.time() - settle_start
        time.sleep(0.3)     # the listener's last wake
        self._stopping.set()
        for thread in self._threads:
            thread.join(10)
        self._stop_bridge()
        self.pbx.stop()
        self.sitting['stopped'] = time.time()
        result = self._reconcile(conn)
        conn.close()
        self.save_state()
        events = self.events_emitted - self._events_at_pace
        calls = self.calls_emitted - self._calls_at_pace
        ms = [(self.popped[k] - t) * 1000 for k, t in self.rung.items() if k in self.popped]
        result.update({
            'prefix': self.sitting['prefix'],
            'calls_emitted': calls, 'events_emitted': events,
            'events_emitted_total': self.events_emitted,
            'calls_emitted_total': self.calls_emitted,
            'seconds': round(paced, 2),
            'events_per_s': round(events / paced, 1) if paced > 0 else None,
            'calls_per_s': round(calls / paced, 2) if paced > 0 else None,
            'settle_s': round(settled, 2), 'backlog_max_calls': self.backlog_max,
            'popups_expected': len(self.rung), 'popups_received': len(ms),
            'popups_missing': len(self.rung) - len(ms),
            'popup_ms': {k: round(v, 1) if v is not None else None for k, v in (
                ('p50', percentile(ms, 50)), ('p95', percentile(ms, 95)),
                ('p99', percentile(ms, 99)), ('max', max(ms) if ms else None))},
            'bridge_restarts': self.bridge_restarts, 'bridge_log': self.log_path,
        })
        result['ok'] = not (result['lost'] or result['doubled'] or result['not_ended'] or
                            result['wrong'] or result['popups_missing'])
        return result

    def _stop_bridge(self):
        if self.bridge and self.bridge.poll() is None:
            self.bridge.send_signal(signal.SIGTERM)
            try:
                self.bridge.wait(15)
            except subprocess.TimeoutExpired:
                self.bridge.kill()
                self.bridge.wait(5)

    def _reconcile(self, conn):
        """Every call of this sitting: exactly one row, ended, with the disposition of its
        kind, answered ones with an agent."""
        with conn.cursor() as cr:
            cr.execute('SELECT uniqueid, state, disposition, agent_id FROM hotline_cti_call '
                       'WHERE id > %s AND server_id = %s AND uniqueid LIKE %s',
                       (self.start_id, self.server_id, self.sitting['prefix'] + '.%'))
            rows = cr.fetchall()
        seen = {}
        for row in rows:
            seen.setdefault(row[0], []).append(row)
        lost = [u for u in self.calls if u not in seen]
        doubled = [u for u, r in seen.items() if len(r) > 1]
        extra = [u for u in seen if u not in self.calls]
        not_ended, wrong = [], []
        for uniqueid, kind in self.calls.items():
            for _u, state, disposition, agent_id in seen.get(uniqueid, []):
                if state != 'done':
                    not_ended.append(uniqueid)
                expect = 'abandoned' if kind == 'abandoned' else 'answered'
                if disposition != expect or (expect == 'answered' and not agent_id):
                    wrong.append(uniqueid)
        return {'calls_recorded': len([u for u in self.calls if u in seen]),
                'lost': len(lost), 'doubled': len(doubled), 'not_ended': len(not_ended),
                'wrong': len(wrong), 'extra_rows': len(extra),
                'examples': {'lost': lost[:3], 'doubled': doubled[:3],
                             'not_ended': not_ended[:3], 'wrong': wrong[:3],
                             'extra_rows': extra[:3]}}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--db', required=True)
    parser.add_argument('--events', type=int, default=3000, help='events in this sitting')
    parser.add_argument('--seconds', type=float, default=60.0)
    parser.add_argument('--agents', type=int, default=50)
    parser.add_argument('--settle', type=float, default=30.0)
    parser.add_argument('--state-file')
    parser.add_argument('--conf', default=os.path.join(ROOT, '.local', 'odoo.conf'))
    args = parser.parse_args()
    traffic = PbxTraffic(ROOT, args.conf, args.db, agents=args.agents,
                         state_file=args.state_file)
    traffic.prepare()
    try:
        traffic.start()
        base, began = traffic.events_emitted, time.time()
        traffic.pace(lambda: base + int(args.events * min(
            (time.time() - began) / args.seconds, 1.0)))
        while traffic.events_emitted < base + args.events and \
                time.time() < began + args.seconds * 3:
            time.sleep(0.2)
        result = traffic.stop(settle=args.settle)
    finally:
        traffic._stopping.set()
        traffic._stop_bridge()
        traffic.pbx.stop()
    print(json.dumps(result, indent=1, sort_keys=True))
    return 0 if result['ok'] else 1


if __name__ == '__main__':
    sys.exit(main())
