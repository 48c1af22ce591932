#!/usr/bin/env python
"""Load test of a city's day (issue 9) against production mode: two Odoo nodes with workers
behind nginx (tools/cluster.py) on the embedded PostgreSQL, database ``hotline_load``, and the
CTI bridge service following a test PBX that speaks AMI (bench/load_pbx.py).

    .venv/bin/python bench/load_day.py --scale 0.01 --new      # 1 % of a day: a smoke run
    .venv/bin/python bench/load_day.py --scale 1 --clients 8   # the whole day (hours here)

A day at scale 1: 100,000 requests registered (agents over XML-RPC on the phone, e-mail, SMS
and WeChat channels, and the mobile app over the JSON API), 20,000 portal look-ups (number +
password) among them, for 40 % of the requests the office's dispatch, the unit's sign-for and
completion, the audit and the call-back (XML-RPC, the business methods of docs/API-dispatch.md),
and 200,000 AMI call events that the bridge turns into call records and screen pops, paced
with the registrations. Each operation is timed; errors are counted.

A day may take longer than the machine is free: it is replayed in sittings. Each run goes on
with the day in ``bench/out/load_day/`` (``--minutes`` ends a sitting on time; a killed sitting
loses nothing: the journal holds every acknowledgement, requests stored but not acknowledged
are found by title and not registered twice, half-done loops go on from the request's state).
When the last registration and loop are done, the database is reconciled with the journal:
every acknowledged registration there exactly once, every closed loop ``done``, every call of
the PBX recorded once. Results: bench/out/load_day.json and a Markdown table.
"""
import argparse
import collections
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
import xmlrpc.client

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'tools'))
import cluster as cluster_tool  # noqa: E402

DB = 'hotline_load'
CHANNELS = ['phone'] * 60 + ['email'] * 5 + ['sms'] * 5 + ['wechat'] * 5
TYPES = ['consult', 'complaint', 'report', 'help', 'suggestion']
TOPICS = ['幸福路路灯不亮', '小区供水压力不足', '餐馆油烟扰民', '公交站台破损', '违章停车堵塞消防通道',
          '夜间施工噪声', '共享单车乱停放', '楼道堆放杂物', '电梯经常停运', '菜市场价格不明码标价']
APP_TOKEN = 'demo-app-token-12345'


def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100.0 * (len(values) - 1))))]


class Stats(object):
    def __init__(self):
        self.lock = threading.Lock()
        self.times = collections.defaultdict(list)
        self.errors = collections.Counter()

    def timed(self, name, fn, *args):
        started = time.time()
        try:
            result = fn(*args)
        except Exception:
            with self.lock:
                self.errors[name] += 1
            raise
        with self.lock:
            self.times[name].append(time.time() - started)
        return result


class Rpc(object):
    """One user's XML-RPC connection through the proxy (a client keeps its connection)."""

    def __init__(self, url, login):
        self.url, self.login = url, login
        self.uid = xmlrpc.client.ServerProxy(url + '/xmlrpc/2/common').authenticate(
            DB, login, login, {})
        if not self.uid:
            raise RuntimeError('cannot log in as %s' % login)
        self.proxy = xmlrpc.client.ServerProxy(url + '/xmlrpc/2/object', allow_none=True)

    def __call__(self, model, method, *args, **kwargs):
        return self.proxy.execute_kw(DB, self.uid, self.login, model, method, list(args), kwargs)


# Straight to the server: an http_proxy of the environment must not carry loopback traffic.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def app_call(url, path, body):
    request = urllib.request.Request(url + '/api/hotline/v1' + path,
                                     data=json.dumps(body).encode(), method='POST', headers={
                                         'Content-Type': 'application/json',
                                         'Authorization': 'Bearer ' + APP_TOKEN})
    with OPENER.open(request, timeout=60) as response:
        return json.loads(response.read().decode())


def prepare(args, conf):
    """The database with every module and the demo data (once), and limits fit for a load
    test from one address: the portal's per-address rate limits and the log-in protection
    would otherwise (rightly) stop a single machine sending a city's traffic."""
    py = sys.executable
    helper = os.path.join(ROOT, 'tools', 'hotline_db.py')
    if subprocess.run([py, helper, '--config', conf, 'exists', DB]).returncode != 0:
        print('creating %s with every module (a few minutes)' % DB, flush=True)
        subprocess.run([py, helper, '--config', conf, 'create', DB], check=True)
        modules = sorted(m for m in os.listdir(os.path.join(ROOT, 'addons'))
                         if os.path.isfile(os.path.join(ROOT, 'addons', m, '__manifest__.py')))
        subprocess.run([py, os.path.join(ROOT, 'tools', 'odoo-bin'), '-c', conf, '-d', DB,
                        '-i', ','.join(modules), '--load-language=zh_CN',
                        '--stop-after-init', '--log-level=warn',
                        '--max-cron-threads=0'], check=True)
        subprocess.run([py, helper, '--config', conf, 'finish', DB], check=True)
    params = {'hotline_portal.rate_api_ip': '1000000/60',
              'hotline_portal.rate_submit_phone': '1000000/60',
              'hotline_portal.rate_lookup_number': '1000000/60',
              'hotline.login_whitelist': '127.0.0.1'}
    code = ''.join("env['ir.config_parameter'].set_param(%r, %r)\n" % kv for kv in params.items())
    subprocess.run([py, os.path.join(ROOT, 'tools', 'odoo-bin'), 'shell', '-c', conf, '-d', DB,
                    '--log-level=warn'], input=code + 'env.cr.commit()\n', check=True,
                   universal_newlines=True, stdout=subprocess.DEVNULL)


class Day(object):
    """The day's progress on disk, so that it can be replayed in several sittings (a sitting
    is one run of this script; a machine may not be free for the hours a whole day takes):

    - ``state.json``: the day's tag, size and loop share, fixed when the day starts;
    - ``journal.log``: one line per acknowledgement a client received (``R`` registration
      with its request id or app number/password, ``L`` a loop closed, ``K`` a look-up
      answered), appended and flushed at once — what the reconciliation checks against;
    - ``sitting-N.json``: each sitting's timings and errors, rewritten every 30 s.
    """

    def __init__(self, directory):
        self.dir = directory
        os.makedirs(directory, exist_ok=True)
        self.lock = threading.Lock()
        self.state = None
        if os.path.exists(self._path('state.json')):
            with open(self._path('state.json')) as f:
                self.state = json.load(f)
        self.registered = {}    # index → ('agent', ticket id) | ('app', number, password)
        self.looped = set()     # request ids whose loop is closed
        self.lookups = 0
        if os.path.exists(self._path('journal.log')):
            with open(self._path('journal.log')) as f:
                for line in f:
                    self._replay(line.rstrip('\n').split('\t'))
        self._journal = open(self._path('journal.log'), 'a', buffering=1)

    def _path(self, name):
        return os.path.join(self.dir, name)

    def _replay(self, parts):
        if parts[0] == 'R' and len(parts) >= 4:
            self.registered[int(parts[1])] = tuple(
                [parts[2], int(parts[3]) if parts[2] == 'agent' else parts[3]] + parts[4:5])
        elif parts[0] == 'L' and len(parts) == 2:
            self.looped.add(int(parts[1]))
        elif parts[0] == 'K':
            self.lookups += 1
        # a line cut short by a kill is ignored: its operation counts as not acknowledged

    def start(self, scale, loop_share):
        self.state = {'tag': uuid.uuid4().hex[:8], 'scale': scale, 'loop_share': loop_share,
                      'registrations': int(100000 * scale), 'lookups': int(20000 * scale),
                      'call_events': int(200000 * scale), 'started': time.time()}
        with open(self._path('state.json'), 'w') as f:
            json.dump(self.state, f, indent=2)

    def write(self, *parts):
        with self.lock:
            self._journal.write('\t'.join(str(p) for p in parts) + '\n')
            self._replay([str(p) for p in parts])

    def sittings(self):
        found = []
        for name in sorted(os.listdir(self.dir)):
            if name.startswith('sitting-') and name.endswith('.json'):
                with open(self._path(name)) as f:
                    found.append(json.load(f))
        return sorted(found, key=lambda s: s['number'])

    def save_sitting(self, sitting):
        path = self._path('sitting-%d.json' % sitting['number'])
        with open(path + '.tmp', 'w') as f:
            json.dump(sitting, f, ensure_ascii=False)
        os.replace(path + '.tmp', path)


def plan(tag, index, loop_share):
    """What registration ``index`` of the day is: the same in every sitting."""
    rng = random.Random('%s-%d' % (tag, index))
    channel = rng.choice(CHANNELS + ['app'] * 25)
    title = '%s %s-%d' % (rng.choice(TOPICS), tag, index)
    loop = channel != 'app' and rng.random() < loop_share / 0.75
    return channel, title, rng.choice(TYPES), loop


# The closed loop, as each actor does it: (state the request is in, label, actor, method, args)
LOOP = [
    ('draft', 'submit to the office', 'agent', 'action_submit', ()),
    ('submitted', 'dispatch', 'dispatcher', 'action_dispatch', ('unit',)),
    ('dispatched', 'unit: sign for', 'unit_handler', 'action_sign', ()),
    ('in_progress', 'unit: complete', 'unit_handler', 'action_complete', ('已现场处理完毕。',)),
    ('to_audit', 'office: audit', 'dispatcher', 'action_audit', (True,)),
    ('to_callback', 'agent: call back', 'agent', 'action_callback', (True,)),
]


def table(operations):
    lines = ['| operation | count | errors | per s | median ms | p95 ms | p99 ms |',
             '|---|---|---|---|---|---|---|']
    for name, row in operations.items():
        lines.append('| %s | %d | %d | %s | %s | %s | %s |' % (
            name, row['count'], row['errors'], row['per_s'], row['median_ms'], row['p95_ms'],
            row['p99_ms']))
    return '\n'.join(lines)


def summarize(times, errors, seconds):
    return {name: {
        'count': len(values), 'errors': errors.get(name, 0),
        'per_s': round(len(values) / seconds, 2) if seconds else None,
        'median_ms': round(1000 * percentile(values, 50)),
        'p95_ms': round(1000 * percentile(values, 95)),
        'p99_ms': round(1000 * percentile(values, 99))}
        for name, values in sorted(times.items()) if values}


def report(day):
    """The day so far, in Markdown: one row per sitting, then the timings of all sittings."""
    state = day.state or {}
    lines = ['Day `%s`, scale %s: %d of %d registrations acknowledged, %d loops closed, '
             '%d look-ups.' % (state.get('tag'), state.get('scale'), len(day.registered),
                               state.get('registrations', 0), len(day.looped), day.lookups),
             '',
             '| sitting | commit | min | clients | registrations | loops | look-ups | '
             'business calls/s | errors | PBX events (/s) | calls recorded / lost / doubled '
             '| pop-up p50 / p95 ms | load avg |',
             '|---|---|---|---|---|---|---|---|---|---|---|---|---|']
    times, errors = collections.defaultdict(list), collections.Counter()
    for sitting in day.sittings():
        counts = {name: len(values) for name, values in sitting['times'].items()}
        for name, values in sitting['times'].items():
            times[name].extend(values)
        errors.update(sitting['errors'])
        registrations = sum(n for name, n in counts.items() if name.startswith('register'))
        pbx = sitting.get('pbx') or {}
        popup = pbx.get('popup_ms') or {}
        lines.append('| %d | %s | %.0f | %d | %d | %d | %d | %.1f | %d | %s | %s | %s | %s |' % (
            sitting['number'], sitting.get('commit', '?'), sitting['seconds'] / 60.0,
            sitting['clients'], registrations, counts.get('agent: call back', 0),
            counts.get('portal look-up (app JSON API)', 0),
            sum(counts.values()) / max(sitting['seconds'], 1), sum(sitting['errors'].values()),
            '%d (%.1f)' % (pbx['events_emitted'], pbx['events_per_s']) if pbx else '—',
            '%d / %d / %d' % (pbx['calls_recorded'], pbx['lost'], pbx['doubled'])
            if pbx else '—',
            '%s / %s' % (popup.get('p50'), popup.get('p95')) if pbx else '—',
            '%.1f' % (sitting.get('load') or [0])[0]))
    seconds = sum(s['seconds'] for s in day.sittings())
    lines += ['', 'All sittings (%.0f min):' % (seconds / 60.0), '',
              table(summarize(times, errors, seconds))]
    return '\n'.join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--scale', type=float, default=0.01)
    parser.add_argument('--clients', type=int, default=8)
    parser.add_argument('--nodes', type=int, default=2)
    parser.add_argument('--workers', type=int, default=2)
    parser.add_argument('--minutes', type=float, default=0,
                        help='end this sitting after so many minutes (the day goes on at the '
                             'next run); 0: until the day is done')
    parser.add_argument('--new', action='store_true',
                        help='start a new day even if the last one is unfinished')
    parser.add_argument('--no-pbx', action='store_true', help='leave out the call events')
    parser.add_argument('--day-dir', default=os.path.join(ROOT, 'bench', 'out', 'load_day'))
    parser.add_argument('--conf', default=os.path.join(ROOT, '.local', 'odoo.conf'))
    parser.add_argument('--proxy-port', type=int, default=8092)
    parser.add_argument('--report', action='store_true',
                        help='print the day so far (sittings and timings) and stop')
    args = parser.parse_args()

    day = Day(args.day_dir)
    if args.report:
        print(report(day))
        return 0
    if args.new or not day.state or day.state.get('finished'):
        if day.state and not day.state.get('finished'):
            print('abandoning the unfinished day %s' % day.state['tag'])
        for name in os.listdir(args.day_dir):
            os.remove(os.path.join(args.day_dir, name))
        day = Day(args.day_dir)
        day.start(args.scale, 0.4)
    state = day.state
    tag, share = state['tag'], state['loop_share']
    sitting_no = len(day.sittings()) + 1
    print('day %s (scale %s): sitting %d; %d of %d registrations, %d loops closed, %d look-ups '
          'so far' % (tag, state['scale'], sitting_no, len(day.registered),
                      state['registrations'], len(day.looped), day.lookups), flush=True)

    prepare(args, args.conf)
    pbx = None
    if not args.no_pbx and state['call_events']:
        import load_pbx
        pbx = load_pbx.PbxTraffic(ROOT, args.conf, DB,
                                  state_file=os.path.join(args.day_dir, 'pbx.json'))
        pbx.prepare()
    cluster = cluster_tool.Cluster(args.conf, DB, directory=os.path.join(
        ROOT, '.local', 'cluster-load'), base_port=8500, proxy_port=args.proxy_port,
        nodes=args.nodes, workers=args.workers)
    cluster.start()
    url = 'http://127.0.0.1:%d' % args.proxy_port
    admin = Rpc(url, 'admin')
    stats = Stats()
    failures = []

    # Requests stored by the server whose acknowledgement the last sitting did not receive
    # (killed mid-call): found by their title, journaled, not registered again (docs/API.md).
    stored = admin('hotline.ticket', 'search_read', [('title', 'like', ' %s-' % tag)],
                   fields=['title', 'name'])
    recovered = 0
    for row in stored:
        index = int(row['title'].rsplit('-', 1)[1])
        if index not in day.registered:
            channel = plan(tag, index, share)[0]
            day.write('R', index, *(('app', row['name']) if channel == 'app'
                                    else ('agent', row['id'])))
            recovered += 1
    if recovered:
        print('recovered %d registrations stored without acknowledgement' % recovered)

    def register(rpc, index):
        channel, title, ticket_type, loop = plan(tag, index, share)
        if channel == 'app':
            answer = stats.timed('register (app JSON API)', app_call, url, '/requests', {
                'ticket_type': ticket_type, 'title': title,
                'content': '负载测试：%s' % title, 'contact_name': '负载测试',
                'contact_phone': '137%08d' % (index % 10 ** 8)})
            day.write('R', index, 'app', answer['number'], answer['password'])
            return None
        ticket_id = stats.timed('register (agent XML-RPC)', rpc, 'hotline.ticket', 'create', {
            'title': title, 'content': '负载测试：%s' % title, 'channel': channel,
            'ticket_type': ticket_type, 'caller_number': '138%08d' % (index % 10 ** 8)})
        day.write('R', index, 'agent', ticket_id)
        return ticket_id if loop else None

    def close_loop(users, ticket_id, from_state='draft'):
        states = [step[0] for step in LOOP]
        for _state, label, actor, method, extra in LOOP[states.index(from_state):]:
            extra = tuple(users['unit'] if a == 'unit' else a for a in extra)
            stats.timed(label, users[actor], 'hotline.ticket', method, [ticket_id], *extra)
        day.write('L', ticket_id)

    def lookup():
        with day.lock:
            apps = [v for v in day.registered.values() if v[0] == 'app' and len(v) == 3]
        if apps:
            number, password = random.choice(apps)[1:]
            stats.timed('portal look-up (app JSON API)', app_call, url, '/requests/lookup',
                        {'number': number, 'password': password})
            day.write('K')

    # Loops the last sitting left half-way: go on from the state each request is in.
    to_loop = [v[1] for i, v in day.registered.items()
               if v[0] == 'agent' and plan(tag, i, share)[3] and v[1] not in day.looped]
    half_way = admin('hotline.ticket', 'search_read', [('id', 'in', to_loop)],
                     fields=['state']) if to_loop else []
    pending = [(row['id'], row['state']) for row in half_way
               if row['state'] != 'done']
    for row in half_way:
        if row['state'] == 'done':
            day.write('L', row['id'])
    work = [i for i in range(state['registrations']) if i not in day.registered]
    random.shuffle(work)
    work_lock = threading.Lock()
    stop = threading.Event()
    lookup_every = state['registrations'] // max(state['lookups'], 1)

    def client():
        users = {login: Rpc(url, login) for login in ('agent', 'dispatcher', 'unit_handler')}
        users['unit'] = users['unit_handler']('res.users', 'read', [users['unit_handler'].uid],
                                              ['hotline_unit_ids'])[0]['hotline_unit_ids'][0]
        while not stop.is_set():
            with work_lock:
                if pending:
                    job = ('loop',) + pending.pop()
                elif work:
                    job = ('register', work.pop())
                else:
                    return
            try:
                if job[0] == 'loop':
                    close_loop(users, job[1], job[2])
                    continue
                ticket_id = register(users['agent'], job[1])
                if ticket_id:
                    close_loop(users, ticket_id)
                if lookup_every and job[1] % lookup_every == 0 \
                        and day.lookups < state['lookups']:
                    lookup()
            except Exception as exc:  # counted per operation in stats; kept for the report
                failures.append(repr(exc)[:300])

    commit = subprocess.run(['git', 'describe', '--always', '--dirty'], cwd=ROOT,
                            stdout=subprocess.PIPE, universal_newlines=True).stdout.strip()
    sitting = {'number': sitting_no, 'commit': commit, 'clients': args.clients,
               'nodes': args.nodes,
               'workers': args.workers, 'started': time.time(), 'seconds': 0,
               'times': {}, 'errors': {}, 'failures': [], 'recovered': recovered}

    def save(final=False):
        with stats.lock:
            sitting.update(seconds=round(time.time() - sitting['started'], 1),
                           times={k: list(v) for k, v in stats.times.items()},
                           errors=dict(stats.errors), failures=failures[:20],
                           load=os.getloadavg())
        day.save_sitting(sitting)

    registrations_before = len(day.registered)
    if pbx:
        # the events still due are spread over the registrations still due (a sitting
        # without the PBX leaves its share to the following ones)
        pbx.start()
        emitted, to_go = pbx.events_emitted, max(len(work), 1)
        pbx.pace(lambda: emitted + int((state['call_events'] - emitted) * min(
            1.0, (len(day.registered) - registrations_before) / to_go)))
    print('sitting %d: %d registrations to go, %d loops half-way; %d clients, %d nodes × %d '
          'workers%s' % (sitting_no, len(work), len(pending), args.clients, args.nodes,
                         args.workers, ', with the PBX' if pbx else ''), flush=True)
    threads = [threading.Thread(target=client, daemon=True) for _i in range(args.clients)]
    for thread in threads:
        thread.start()
    deadline = sitting['started'] + 60 * args.minutes if args.minutes else None

    def end_sitting(signum, _frame):
        print('signal %d: the clients finish their current request' % signum, flush=True)
        stop.set()
    # also in the background, where a shell leaves SIGINT ignored
    signal.signal(signal.SIGTERM, end_sitting)
    signal.signal(signal.SIGINT, end_sitting)
    while any(t.is_alive() for t in threads):
        for thread in threads:
            thread.join(30.0 / len(threads))
        save()
        done = len(day.registered) - registrations_before
        elapsed = time.time() - sitting['started']
        print('%s  %d/%d registered (%.1f/s), %d loops closed, %d look-ups, %d errors, '
              'load %.1f' % (time.strftime('%H:%M:%S'), len(day.registered),
                             state['registrations'], done / elapsed, len(day.looped),
                             day.lookups, sum(stats.errors.values()), os.getloadavg()[0]),
              flush=True)
        if deadline and time.time() > deadline and not stop.is_set():
            print('sitting time is up: the clients finish their current request',
                  flush=True)
            stop.set()
    if pbx:
        sitting['pbx'] = pbx.stop()
    save()
    finished = len(day.registered) >= state['registrations'] and not [
        1 for i, v in day.registered.items()
        if v[0] == 'agent' and plan(tag, i, share)[3] and v[1] not in day.looped]
    print(table(summarize(sitting['times'], sitting['errors'], sitting['seconds'])))
    if not finished:
        cluster.stop()
        print('the day goes on at the next run of this command (%d of %d registrations)' % (
            len(day.registered), state['registrations']))
        return 0
    return reconcile(args, day, admin, cluster)


def reconcile(args, day, admin, cluster):
    """The whole day against the database: every acknowledged registration stored exactly
    once, every closed loop ``done``, the PBX's calls all recorded; figures of all sittings."""
    state = day.state
    tag = state['tag']
    stored = admin('hotline.ticket', 'search_read', [('title', 'like', ' %s-' % tag)],
                   fields=['title'])
    done = admin('hotline.ticket', 'search_count', [('id', 'in', sorted(day.looped)),
                                                    ('state', '=', 'done')])
    cluster.stop()
    indices = collections.Counter(int(r['title'].rsplit('-', 1)[1]) for r in stored)
    lost = [i for i in day.registered if i not in indices]
    doubled = [i for i, n in indices.items() if n > 1]
    looped = sorted(day.looped)
    sittings = day.sittings()
    times, errors = collections.defaultdict(list), collections.Counter()
    for sitting in sittings:
        for name, values in sitting['times'].items():
            times[name].extend(values)
        errors.update(sitting['errors'])
    seconds = sum(s['seconds'] for s in sittings)
    pbx = [s['pbx'] for s in sittings if s.get('pbx')]
    result = {
        'tag': tag, 'scale': state['scale'], 'sittings': [
            {k: s.get(k) for k in ('number', 'commit', 'clients', 'nodes', 'workers', 'seconds',
                                   'load', 'recovered', 'failures', 'pbx')}
            for s in sittings],
        'replay_seconds': round(seconds), 'registrations_acknowledged': len(day.registered),
        'registrations_stored': sum(indices.values()), 'lost': len(lost),
        'duplicates': len(doubled), 'loops_closed': len(looped), 'loops_done_in_db': done,
        'lookups': day.lookups,
        'business_calls_per_s': round(sum(len(v) for v in times.values()) / seconds, 1),
        'operations': summarize(times, errors, seconds),
        'failed_operations': dict(errors),
    }
    os.makedirs(os.path.join(ROOT, 'bench', 'out'), exist_ok=True)
    with open(os.path.join(ROOT, 'bench', 'out', 'load_day.json'), 'w') as f:
        json.dump(result, f, indent=2, ensure_ascii=False)
    print(table(result['operations']))
    print(json.dumps({k: v for k, v in result.items() if k != 'operations'}, indent=2,
                     ensure_ascii=False))
    pbx_ok = all(not p.get('lost') and not p.get('doubled') for p in pbx)
    ok = not lost and not doubled and done == len(looped) and pbx_ok
    state['finished'] = time.time()
    with open(os.path.join(args.day_dir, 'state.json'), 'w') as f:
        json.dump(state, f, indent=2)
    print('reconciled: nothing lost, nothing doubled' if ok else 'RECONCILIATION FAILED')
    return 0 if ok else 1


if __name__ == '__main__':
    raise SystemExit(main())
