#!/usr/bin/env python
"""Benchmark: request registration throughput, hotline.ticket vs OCA helpdesk.ticket.

    .venv/bin/python bench/bench_registration.py [--n 2000] [--rpc-n 500] [--port 8269]
                                                 [--workers 0,2] [--skip-inproc] [--skip-rpc]

Baseline: OCA helpdesk_mgmt 11.0 (odoo11-addon-helpdesk-mgmt==11.0.1.12.0, pinned in
bench/requirements-bench.txt, installed with pip --no-deps if missing; its Odoo dependencies are
mail and portal, both part of Odoo 11).

Database ``hotline_bench_reg`` (created or reused) holds hotline_core and helpdesk_mgmt, no demo;
with ``--all-modules`` it holds every hotline module of addons/ and helpdesk_mgmt (use another
``--db``: the figures then include what every module adds to a registration).

Callers: every run draws its phone numbers from a run-specific seed (printed), so the first-time
rows register callers the database has never seen (the report counts the citizen profiles the
run created to show it); the repeat rows register again callers registered earlier in the same
run. helpdesk.ticket has no caller profile: its one row is the peer of both.

(a) in-process: N creates of hotline.ticket as an agent (group Agent) for first-time callers,
    N for repeat callers, and N creates of helpdesk.ticket as a helpdesk user (group Helpdesk /
    User), one commit per record (each registration is its own transaction, as over RPC);
    records/s, ms per record, SQL statements per record (and by statement and table), and the
    ratio hotline / helpdesk. The three alternate in 4 chunks (a fresh environment each).
(b) XML-RPC against a real Odoo HTTP server started here on 127.0.0.1:PORT (workers=0, then
    workers=2): hotline.ticket ``create`` (first-time and repeat callers), ``hotline_register``
    (first-time) and helpdesk.ticket ``create``,
    with 1 client and with 4 concurrent clients (threads), RPC-N records per scenario in total
    (4 clients: RPC-N/4 each), in 4 chunks alternating between the scenarios; records/s,
    p50/p95 latency. The server is stopped afterwards.

Prints the tables and writes bench/out/registration.md.
"""
import argparse
import collections
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import xmlrpc.client

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _common as C  # noqa: E402

DB = 'hotline_bench_reg'
MODULES = ['hotline_core', 'helpdesk_mgmt']
REQ_FILE = os.path.join(C.BENCH, 'requirements-bench.txt')

TITLES = ['小区电梯故障停运', '夜间施工噪音扰民', '路灯不亮', '物业乱收费', '垃圾清运不及时',
          '医保报销咨询', '社保缴纳咨询', '占道经营', '道路积水', '供暖不热', '拖欠工资',
          '房屋漏水', '公交线路调整咨询', '学位申请咨询', '餐饮油烟污染', '预付卡退费难']
PLACES = ['阳光花园小区', '幸福里社区', '和平街道', '滨江路', '人民公园', '解放路菜市场',
          '金色家园', '翠苑一区', '城南汽车站', '文化广场', '世纪新城', '工人新村']
SURNAMES = list('王李张刘陈杨黄赵吴周徐孙马朱胡郭')
GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '建华', '志强']
TYPES = ['consult'] * 5 + ['complaint'] * 3 + ['help', 'suggestion', 'report']
CHANNELS = ['phone'] * 7 + ['web', 'wechat', 'app']
MOBILE_PREFIXES = ['138', '139', '137', '136', '135', '150', '151', '158', '186', '187', '189',
                   '133', '153', '180', '181', '177', '199']


def ensure_helpdesk_package():
    import importlib.util
    spec = importlib.util.find_spec('odoo')
    path = os.path.join(os.path.dirname(spec.origin), 'addons', 'helpdesk_mgmt',
                        '__manifest__.py')
    if os.path.exists(path):
        return
    C.log('installing %s (pip --no-deps)' % REQ_FILE)
    subprocess.check_call([C.PY, '-m', 'pip', 'install', '-q', '--disable-pip-version-check',
                           '--no-deps', '-r', REQ_FILE])


def ensure_masters(registry):
    import odoo
    with C.odoo_env(registry, odoo.SUPERUSER_ID, commit=True) as env:
        Users = env['res.users'].with_context(no_reset_password=True)
        Cat = env['hotline.category']
        for i, name in enumerate(['城乡建设', '物业管理', '环境保护', '交通运输', '劳动保障',
                                  '医疗卫生', '教育', '城市管理'], 1):
            if not Cat.search([('code', '=', 'RC%02d' % i)]):
                Cat.create({'name': name, 'code': 'RC%02d' % i})
        hd_chan = env['helpdesk.ticket.channel'].search([('name', '=', 'Phone')], limit=1) \
            or env['helpdesk.ticket.channel'].create({'name': 'Phone'})
        hd_cat = env['helpdesk.ticket.category'].search([('name', '=', 'Bench')], limit=1) \
            or env['helpdesk.ticket.category'].create({'name': 'Bench'})
        users = {}
        for login, group in [('bench_agent', 'hotline_core.group_hotline_agent'),
                             ('bench_helpdesk', 'helpdesk_mgmt.group_helpdesk_user')]:
            user = Users.with_context(active_test=False).search([('login', '=', login)])
            if not user:
                user = Users.create({'name': login, 'login': login, 'password': login,
                                     'groups_id': [(6, 0, [env.ref(group).id])],
                                     'tz': 'Asia/Shanghai'})
            if not user.email:  # mail.thread needs the author's address to log messages
                user.email = '%s@bench.example' % login
            users[login] = user.id
        return {'agent': users['bench_agent'], 'helpdesk': users['bench_helpdesk'],
                'categories': Cat.search([('code', '=like', 'RC%')]).ids,
                'hd_channel': hd_chan.id, 'hd_category': hd_cat.id}


RUN_SEED = int(time.time() * 1000) % (2 ** 31)
ROUNDS = 4  # each scenario runs in this many chunks, alternating with the others
# (name, phone) of the callers registered as first-time callers in this run
REGISTERED = []


class ValGen:
    """Realistic registration values. First-time callers: a fresh valid Chinese mobile from
    a run-specific seed; repeat callers (``repeat=True``): a caller registered earlier in
    this run, with his name."""

    def __init__(self, seed, categories, hd_channel, hd_category, repeat=False):
        self.rng = random.Random('%d-%s' % (RUN_SEED, seed))
        self.categories = categories
        self.hd_channel, self.hd_category = hd_channel, hd_category
        self.repeat = repeat

    def _person(self):
        r = self.rng
        if self.repeat and REGISTERED:
            return r.choice(REGISTERED)
        name = r.choice(SURNAMES) + r.choice(GIVEN)
        phone = r.choice(MOBILE_PREFIXES) + '%08d' % r.randrange(10 ** 8)
        return name, phone

    def _text(self):
        r = self.rng
        place, title = r.choice(PLACES), r.choice(TITLES)
        return (place + title,
                '来电人反映%s%s，已持续一段时间，影响正常生活，希望有关部门尽快核实处理并给予答复。'
                % (place, title))

    def hotline(self, remember=True):
        name, phone = self._person()
        if remember and not self.repeat:
            REGISTERED.append((name, phone))
        title, content = self._text()
        return {'title': title, 'content': content, 'ticket_type': self.rng.choice(TYPES),
                'channel': self.rng.choice(CHANNELS), 'contact_name': name,
                'contact_phone': phone, 'category_id': self.rng.choice(self.categories)}

    def helpdesk(self):
        name, phone = self._person()
        title, content = self._text()
        return {'name': title, 'description': '<p>%s</p><p>联系电话 %s</p>' % (content, phone),
                'partner_name': name, 'partner_email': 'c%s@example.cn' % phone,
                'channel_id': self.hd_channel, 'category_id': self.hd_category}


# ---------------------------------------------------------------- (a) in-process
_STATEMENT = re.compile(r'\s*(SELECT|INSERT\s+INTO|UPDATE|DELETE\s+FROM|WITH|SAVEPOINT|RELEASE'
                        r'|ROLLBACK|COMMIT)\b\s*(?:.*?\bFROM\s+)?"?(\w+)?', re.I | re.S)


def statement_kind(query):
    """('INSERT', 'mail_message'), ('SELECT', 'res_partner') … of one SQL statement."""
    q = query.decode() if isinstance(query, bytes) else str(query)
    m = _STATEMENT.match(q)
    if not m:
        return ('other', q.split(None, 1)[0][:20] if q.strip() else '')
    verb = m.group(1).split()[0].upper()
    if verb in ('INSERT', 'UPDATE', 'DELETE'):
        t = re.match(r'\s*\w+(?:\s+(?:INTO|FROM))?\s+"?(\w+)', q, re.I)
        return (verb, t.group(1) if t else '')
    if verb == 'SELECT':
        t = re.search(r'\bFROM\s+"?(\w+)', q, re.I)
        return (verb, t.group(1) if t else q.split(None, 2)[1][:30])
    return (verb, '')


class StatementCounter:
    """Counts the statements of one cursor by (statement, table) while active."""

    def __init__(self):
        import collections

        from odoo import sql_db
        self.counts = collections.Counter()
        self.cursor = None
        self._orig = sql_db.Cursor.execute
        counter = self

        def execute(cr, query, params=None, log_exceptions=None):
            if cr is counter.cursor:
                counter.counts[statement_kind(query)] += 1
            return counter._orig(cr, query, params, log_exceptions)
        sql_db.Cursor.execute = execute

    def close(self):
        from odoo import sql_db
        sql_db.Cursor.execute = self._orig


def bench_inproc(registry, ids, n):
    """The three scenarios alternate in ROUNDS chunks, so that a change of the machine's
    load (other sessions' tests on the same cores) hits them alike. Each chunk has an
    environment (cache) of its own, as a request of the server has: one scenario does not
    invalidate the cache of another."""
    scenarios = [
        ('hotline.ticket create, first-time caller', 'hotline.ticket', ids['agent'],
         'hotline', False),
        ('hotline.ticket create, repeat caller', 'hotline.ticket', ids['agent'],
         'hotline', True),
        ('helpdesk.ticket create', 'helpdesk.ticket', ids['helpdesk'], 'helpdesk', False)]
    counter = StatementCounter()
    state = {label: {'vg': ValGen(1, ids['categories'], ids['hd_channel'],
                                  ids['hd_category'], repeat),
                     'lat': [], 'queries': 0, 'counts': collections.Counter()}
             for label, model, uid, gen, repeat in scenarios}
    per_chunk = [n // ROUNDS + (1 if k < n % ROUNDS else 0) for k in range(ROUNDS)]
    try:
        for chunk in per_chunk:
            for label, model, uid, gen, repeat in scenarios:
                st = state[label]
                with C.odoo_env(registry, uid, commit=True) as env:
                    for _ in range(3):  # warm-up (caches, prepared plans), rolled back
                        env[model].create(st['vg'].hotline(remember=False)
                                          if gen == 'hotline' else st['vg'].helpdesk())
                    env.cr.rollback()
                    env.cache.invalidate()
                    counter.counts = st['counts']
                    for _ in range(chunk):
                        vals = getattr(st['vg'], gen)()
                        q0 = env.cr.sql_log_count
                        counter.cursor = env.cr
                        t0 = time.perf_counter()
                        env[model].create(vals)
                        counter.cursor = None
                        env.cr.commit()
                        st['lat'].append(time.perf_counter() - t0)
                        st['queries'] += env.cr.sql_log_count - q0
    finally:
        counter.close()
    results = {}
    for label, *_ in scenarios:
        st = state[label]
        elapsed = sum(st['lat'])
        s = C.summary_ms(st['lat'])
        results[label] = {'n': n, 'elapsed': elapsed, 'rps': n / elapsed, 'lat': s,
                          'queries': st['queries'] / float(n),
                          'by_table': {k: v / float(n) for k, v in st['counts'].items()}}
        C.log('%s: %d in %.1f s = %.1f records/s, p50 %.1f ms, %.1f statements/record'
              % (label, n, elapsed, n / elapsed, s['p50'], st['queries'] / float(n)))
    return results


def count_side_effects(registry):
    """Rows a registration writes besides the request itself (last in-process run)."""
    import odoo
    with C.odoo_env(registry, odoo.SUPERUSER_ID) as env:
        cr = env.cr
        out = {}
        for model, table in [('hotline.ticket', 'hotline_ticket'),
                             ('helpdesk.ticket', 'helpdesk_ticket')]:
            cr.execute('SELECT count(*) FROM %s' % table)
            n = cr.fetchone()[0]
            cr.execute('SELECT count(*) FROM mail_message WHERE model = %s', [model])
            msgs = cr.fetchone()[0]
            cr.execute('SELECT count(*) FROM mail_tracking_value v JOIN mail_message m '
                       'ON m.id = v.mail_message_id WHERE m.model = %s', [model])
            tracking = cr.fetchone()[0]
            cr.execute('SELECT count(*) FROM mail_followers WHERE res_model = %s', [model])
            followers = cr.fetchone()[0]
            cr.execute("SELECT count(*), count(DISTINCT l.id) FROM auditlog_log l "
                       "JOIN ir_model m ON m.id = l.model_id WHERE m.model = %s", [model])
            audit = cr.fetchone()[0]
            cr.execute("SELECT count(*) FROM auditlog_log_line ll JOIN auditlog_log l "
                       "ON l.id = ll.log_id JOIN ir_model m ON m.id = l.model_id "
                       "WHERE m.model = %s", [model])
            audit_lines = cr.fetchone()[0]
            out[model] = {'rows': n, 'messages': msgs, 'tracking': tracking,
                          'followers': followers, 'audit_logs': audit,
                          'audit_lines': audit_lines}
        cr.execute("SELECT count(*) FROM auditlog_log l JOIN ir_model m ON m.id = l.model_id "
                   "WHERE m.model = 'res.partner'")
        out['res.partner audit logs'] = cr.fetchone()[0]
        cr.execute('SELECT count(*) FROM hotline_ticket_step')
        out['hotline steps'] = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM res_partner WHERE hotline_resource_type = 'citizen'")
        out['citizens'] = cr.fetchone()[0]
    return out


# ---------------------------------------------------------------- (b) XML-RPC
def free_port(preferred):
    for port in [preferred] + list(range(preferred + 10, preferred + 200, 10)):
        ok = True
        for p in (port, port + 3):
            with socket.socket() as s:
                try:
                    s.bind(('127.0.0.1', p))
                except OSError:
                    ok = False
        if ok:
            return port
    raise SystemExit('no free loopback port near %d' % preferred)


class Server:
    def __init__(self, conf, port, workers):
        self.conf, self.port, self.workers = conf, port, workers
        self.proc = None
        self.logfile = os.path.join(C.OUT, 'server_w%d.log' % workers)

    def __enter__(self):
        cmd = [C.PY, C.ODOO_BIN, '-c', self.conf, '-d', DB, '--db-filter=^%s$' % DB,
               '--http-interface=127.0.0.1', '--http-port=%d' % self.port,
               '--longpolling-port=%d' % (self.port + 3), '--workers=%d' % self.workers,
               '--max-cron-threads=0', '--logfile=' + self.logfile, '--log-level=warn']
        if self.workers:
            cmd += ['--limit-memory-soft=2147483648', '--limit-memory-hard=2684354560',
                    '--limit-request=100000']
        C.log('starting Odoo HTTP server on 127.0.0.1:%d (workers=%d)'
              % (self.port, self.workers))
        self.proc = subprocess.Popen(cmd, cwd=C.ROOT, env=C.odoo_env_vars(),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     start_new_session=True)
        deadline = time.time() + 120
        common = xmlrpc.client.ServerProxy('http://127.0.0.1:%d/xmlrpc/2/common' % self.port)
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit('Odoo server exited; see %s' % self.logfile)
            try:
                common.version()
                return self
            except (OSError, xmlrpc.client.Error):
                time.sleep(0.5)
        self.__exit__(None, None, None)
        raise SystemExit('Odoo server did not answer within 120 s; see %s' % self.logfile)

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            C.log('stopping the server (pid %d)' % self.proc.pid)
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)


def rpc_scenario(port, login, model, method, gen_name, total, clients, ids, seed,
                 repeat=False):
    url = 'http://127.0.0.1:%d/xmlrpc/2/' % port
    uid = xmlrpc.client.ServerProxy(url + 'common').authenticate(DB, login, login, {})
    if not uid:
        raise SystemExit('cannot log in as %s' % login)
    per_client = total // clients
    lat, errors = [], []
    lock = threading.Lock()

    def work(k):
        proxy = xmlrpc.client.ServerProxy(url + 'object', allow_none=True)
        vg = ValGen(seed * 100 + k, ids['categories'], ids['hd_channel'], ids['hd_category'],
                    repeat)
        mine = []
        for _ in range(per_client):
            vals = getattr(vg, gen_name)()
            t0 = time.perf_counter()
            try:
                proxy.execute_kw(DB, uid, login, model, method, [vals])
            except Exception as e:  # noqa: BLE001 — count and go on, bounded loop
                with lock:
                    errors.append(repr(e)[:300])
            mine.append(time.perf_counter() - t0)
        with lock:
            lat.extend(mine)

    # warm-up: one call per client, not measured
    proxy = xmlrpc.client.ServerProxy(url + 'object', allow_none=True)
    vg = ValGen(seed * 100 + 99, ids['categories'], ids['hd_channel'], ids['hd_category'],
                repeat)
    for _ in range(max(2, clients)):
        proxy.execute_kw(DB, uid, login, model, method, [getattr(vg, gen_name)()])
    threads = [threading.Thread(target=work, args=(k,)) for k in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(600)
    elapsed = time.perf_counter() - t0
    ok = len(lat) - len(errors)
    return {'n': len(lat), 'ok': ok, 'errors': errors, 'elapsed': elapsed,
            'rps': ok / elapsed if elapsed else 0, 'lat': C.summary_ms(lat) if lat else None,
            'lat_raw': lat}


def bench_rpc(conf, ids, total, port, workers_list):
    scenarios = [('hotline.ticket create, first-time', 'bench_agent', 'hotline.ticket', 'create',
                  'hotline', False),
                 ('hotline.ticket create, repeat', 'bench_agent', 'hotline.ticket', 'create',
                  'hotline', True),
                 ('hotline.ticket hotline_register, first-time', 'bench_agent',
                  'hotline.ticket', 'hotline_register', 'hotline', False),
                 ('helpdesk.ticket create', 'bench_helpdesk', 'helpdesk.ticket', 'create',
                  'helpdesk', False)]
    rows = []
    seed = 10
    for workers in workers_list:
        with Server(conf, port, workers):
            # every worker warm before anything is measured: each scenario from as many
            # clients at once as there are workers, twice over (the one-call warm-up of a
            # scenario may reach one worker only, and the other then served the first
            # measured calls cold: a few calls of half a second made the first scenario,
            # the hotline's first-time caller, measure 0.83-0.89 against 1.10-1.16)
            for label, login, model, method, gen, repeat in scenarios:
                seed += 1
                rpc_scenario(port, login, model, method, gen, 4 * max(workers, 1),
                             2 * max(workers, 1), ids, seed, repeat)
            for clients in (1, 4):
                # the scenarios alternate in ROUNDS chunks, so that a change of the
                # machine's load hits them alike
                parts = {}
                for _ in range(ROUNDS):
                    for label, login, model, method, gen, repeat in scenarios:
                        seed += 1
                        parts.setdefault(label, []).append(rpc_scenario(
                            port, login, model, method, gen, total // ROUNDS, clients, ids,
                            seed, repeat))
                for label, *_ in scenarios:
                    chunks = parts[label]
                    elapsed = sum(c['elapsed'] for c in chunks)
                    ok = sum(c['ok'] for c in chunks)
                    lat = [x for c in chunks for x in c['lat_raw']]
                    r = {'n': len(lat), 'ok': ok, 'elapsed': elapsed,
                         'errors': [e for c in chunks for e in c['errors']],
                         'rps': ok / elapsed if elapsed else 0,
                         'lat': C.summary_ms(lat) if lat else None,
                         'workers': workers, 'clients': clients, 'label': label}
                    rows.append(r)
                    C.log('workers=%d clients=%d %s: %d ok in %.1f s = %.1f records/s, '
                          'p50 %.1f ms, p95 %.1f ms%s' % (
                              workers, clients, label, r['ok'], r['elapsed'], r['rps'],
                              r['lat']['p50'], r['lat']['p95'],
                              (', %d errors: %s' % (len(r['errors']), r['errors'][0]))
                              if r['errors'] else ''))
    return rows


# ---------------------------------------------------------------- report
def fmt(x):
    return '%.1f' % x


def by_table_table(inproc):
    keys = sorted({k for v in inproc.values() for k in v['by_table']},
                  key=lambda k: (-max(v['by_table'].get(k, 0) for v in inproc.values()), k))
    labels = list(inproc)
    rows = [['%s %s' % k] + ['%.2f' % inproc[label]['by_table'].get(k, 0) for label in labels]
            for k in keys]
    rows.append(['**total**'] + ['**%.1f**' % sum(inproc[label]['by_table'].values())
                                 for label in labels])
    return C.md_table(['statement, table'] + labels, rows)


def report(inproc, effects, rpc, args, modules):
    lines = ['# Registration throughput: hotline.ticket vs OCA helpdesk.ticket', '',
             C.machine_notes() + '; load average before the run %s' % args.load_before, '',
             'Database `%s` (%s, no demo data). Users: `bench_agent` (hotline Agent) and '
             '`bench_helpdesk` (Helpdesk User). Run seed %d (phone numbers of the first-time '
             'callers).' % (DB, ', '.join(modules), RUN_SEED), '']
    if inproc:
        d = inproc['helpdesk.ticket create']
        lines += ['## (a) In-process ORM create, one commit per record, N=%d'
                  % d['n'], '',
                  C.md_table(['model', 'records/s', 'p50 ms', 'p95 ms', 'max ms',
                              'SQL statements / record', 'ratio to helpdesk (records/s)'],
                             [[k, fmt(v['rps']), fmt(v['lat']['p50']), fmt(v['lat']['p95']),
                               fmt(v['lat']['max']), fmt(v['queries']),
                               '%.2f' % (v['rps'] / d['rps'])]
                              for k, v in inproc.items()]), '',
                  'SQL statements per record, by statement and table:', '',
                  by_table_table(inproc), '']
        if effects:
            lines += ['Rows written alongside (whole database after the run): ']
            for model in ('hotline.ticket', 'helpdesk.ticket'):
                e = effects[model]
                lines.append('- %s: %s requests, %s mail messages, %s tracking values, %s '
                             'followers, %s audit logs with %s audit lines'
                             % (model, e['rows'], e['messages'], e['tracking'], e['followers'],
                                e['audit_logs'], e['audit_lines']))
            lines.append('- hotline also: %s trail steps, %s citizen partners (+ %s res.partner '
                         'audit logs)' % (effects['hotline steps'], effects['citizens'],
                                          effects['res.partner audit logs']))
            lines.append('- citizen profiles created by this run: %d for %d first-time '
                         'registrations (in-process)' % (
                             effects['citizens'] - args.citizens_before,
                             inproc['hotline.ticket create, first-time caller']['n']))
            lines.append('')
    if rpc:
        lines += ['## (b) XML-RPC against a real server (127.0.0.1:%d), %d records per scenario '
                  '(4 clients: %d each)' % (args.port, args.rpc_n, args.rpc_n // 4), '']
        table = []
        for r in rpc:
            table.append([r['workers'], r['clients'], r['label'], r['ok'], len(r['errors']),
                          fmt(r['rps']), fmt(r['lat']['p50']), fmt(r['lat']['p95']),
                          fmt(r['lat']['max'])])
        lines.append(C.md_table(['workers', 'clients', 'call', 'ok', 'errors', 'records/s',
                                 'p50 ms', 'p95 ms', 'max ms'], table))
        lines += ['', 'Ratios hotline / helpdesk (records/s):', '']
        for workers in sorted({r['workers'] for r in rpc}):
            for clients in (1, 4):
                sel = {r['label']: r for r in rpc
                       if r['workers'] == workers and r['clients'] == clients}
                hd = sel.get('helpdesk.ticket create')
                if not hd or not hd['rps']:
                    continue
                lines.append('- workers=%d, %d client(s): %s' % (workers, clients, ', '.join(
                    '%s %.2f' % (label.replace('hotline.ticket ', ''), r['rps'] / hd['rps'])
                    for label, r in sel.items() if r is not hd)))
        errs = [e for r in rpc for e in r['errors']]
        if errs:
            lines += ['', 'First errors:', ''] + ['    ' + e for e in errs[:5]]
    return '\n'.join(lines) + '\n'


def analyze(dbname):
    """VACUUM ANALYZE before the XML-RPC part: the in-process part has just filled the tables
    of both sides, and in a database made for this run PostgreSQL's own analyse of them
    would otherwise start during the first XML-RPC scenario (the hotline's first-time
    caller, which measured 0.83 and 0.94 in the first run on new databases, 1.10 and 1.16
    in the next), and the plans would change half-way."""
    conn = C.pg_connect(dbname)
    try:
        conn.autocommit = True
        with conn.cursor() as cr:
            t0 = time.time()
            cr.execute('VACUUM ANALYZE')
        C.log('VACUUM ANALYZE of %s in %.1f s' % (dbname, time.time() - t0))
    finally:
        conn.close()


def main():
    global DB
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument('--db', default=DB)
    ap.add_argument('--n', type=int, default=2000, help='in-process records per model')
    ap.add_argument('--rpc-n', type=int, default=500, help='XML-RPC records per scenario')
    ap.add_argument('--port', type=int, default=8269)
    ap.add_argument('--workers', default='0,2', help='comma-separated worker counts')
    ap.add_argument('--skip-inproc', action='store_true')
    ap.add_argument('--skip-rpc', action='store_true')
    ap.add_argument('--all-modules', action='store_true',
                    help='every hotline module of addons/ (use another --db)')
    ap.add_argument('--base-conf', help='server settings to start from (default '
                    '.local/odoo.conf; e.g. the test configuration of a worktree)')
    args = ap.parse_args()
    DB = args.db
    if args.base_conf:
        C.set_base_conf(args.base_conf)
    modules = list(MODULES)
    if args.all_modules:
        addons = os.path.join(C.ROOT, 'addons')
        modules = sorted(m for m in os.listdir(addons)
                         if os.path.exists(os.path.join(addons, m, '__manifest__.py'))) \
            + ['helpdesk_mgmt']
    with open('/proc/loadavg') as f:
        args.load_before = ' '.join(f.read().split()[:3])
    ensure_helpdesk_package()
    args.port = free_port(args.port)
    conf = C.ensure_conf(http_port=args.port)
    C.ensure_database(DB, modules, conf)
    registry = C.start_odoo(conf, DB)
    ids = ensure_masters(registry)
    inproc = effects = None
    args.citizens_before = count_side_effects(registry)['citizens']
    C.log('run seed %d' % RUN_SEED)
    if not args.skip_inproc:
        inproc = bench_inproc(registry, ids, args.n)
        effects = count_side_effects(registry)
    rpc = None
    if not args.skip_rpc:
        analyze(DB)
        rpc = bench_rpc(conf, ids, args.rpc_n, args.port,
                        [int(w) for w in args.workers.split(',') if w.strip()])
    text = report(inproc, effects, rpc, args, modules)
    path = os.path.join(C.OUT, 'registration_%s.md' % DB)
    with open(path, 'w') as f:
        f.write(text)
    print(text)
    C.log('written %s' % path)


if __name__ == '__main__':
    main()
