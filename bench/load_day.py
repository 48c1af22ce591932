#!/usr/bin/env python
"""Load test of a city's day (issue 9) against production mode: two Odoo nodes with workers
behind nginx (tools/cluster.py) on the embedded PostgreSQL, database ``hotline_load``.

    .venv/bin/python bench/load_day.py --scale 0.01          # 1 % of a day: a smoke run
    .venv/bin/python bench/load_day.py --scale 1 --clients 16  # the whole day (hours here)

A day at scale 1: 100,000 requests registered (agents over XML-RPC on the phone, e-mail, SMS and
WeChat channels, and the mobile app over the JSON API), 20,000 portal look-ups (number +
password), and for 40 % of the requests the office's dispatch, the unit's sign-for and
completion, the audit and the call-back (XML-RPC, the business methods of docs/API-dispatch.md).
Each operation is timed; errors are counted; afterwards the database is reconciled with what the
clients were told: every registration acknowledged is there exactly once, every dispatched
request reached ``done``. Results: bench/out/load_day.json and a Markdown table.

Not replayed here (measured on their own in bench/): the 200,000 call events of the PBX
(bench/bench_cti.py) and the SMS traffic (bench/bench_sms.py).
"""
import argparse
import collections
import json
import os
import random
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
                        '-i', ','.join(modules), '--stop-after-init', '--log-level=warn',
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


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--scale', type=float, default=0.01)
    parser.add_argument('--clients', type=int, default=8)
    parser.add_argument('--nodes', type=int, default=2)
    parser.add_argument('--workers', type=int, default=2)
    parser.add_argument('--conf', default=os.path.join(ROOT, '.local', 'odoo.conf'))
    parser.add_argument('--proxy-port', type=int, default=8092)
    args = parser.parse_args()

    registrations = int(100000 * args.scale)
    lookups = int(20000 * args.scale)
    loop_share = 0.4
    prepare(args, args.conf)
    cluster = cluster_tool.Cluster(args.conf, DB, directory=os.path.join(
        ROOT, '.local', 'cluster-load'), base_port=8500, proxy_port=args.proxy_port,
        nodes=args.nodes, workers=args.workers)
    cluster.start()
    url = 'http://127.0.0.1:%d' % args.proxy_port
    stats = Stats()
    tag = uuid.uuid4().hex[:8]
    registered, app_numbers, looped = [], [], []
    lock = threading.Lock()
    admin = Rpc(url, 'admin')

    def register(rpc, i):
        channel = random.choice(CHANNELS + ['app'] * 25)
        title = '%s %s-%d' % (random.choice(TOPICS), tag, i)
        if channel == 'app':
            answer = stats.timed('register (app JSON API)', app_call, url, '/requests', {
                'ticket_type': random.choice(TYPES), 'title': title,
                'content': '负载测试：%s' % title, 'contact_name': '负载测试',
                'contact_phone': '137%08d' % (i % 10 ** 8)})
            with lock:
                app_numbers.append((answer['number'], answer['password']))
                registered.append(title)
            return None
        ticket_id = stats.timed('register (agent XML-RPC)', rpc, 'hotline.ticket', 'create', {
            'title': title, 'content': '负载测试：%s' % title, 'channel': channel,
            'ticket_type': random.choice(TYPES), 'caller_number': '138%08d' % (i % 10 ** 8)})
        with lock:
            registered.append(title)
        return ticket_id

    def loop(users, ticket_id):
        """The closed loop of one request, as each actor does it."""
        agent, dispatcher, handler = users['agent'], users['dispatcher'], users['unit_handler']
        stats.timed('submit to the office', agent, 'hotline.ticket', 'action_submit', [ticket_id])
        stats.timed('dispatch', dispatcher, 'hotline.ticket', 'action_dispatch', [ticket_id],
                    users['unit'])
        stats.timed('unit: sign for', handler, 'hotline.ticket', 'action_sign', [ticket_id])
        stats.timed('unit: complete', handler, 'hotline.ticket', 'action_complete', [ticket_id],
                    '已现场处理完毕。')
        stats.timed('office: audit', dispatcher, 'hotline.ticket', 'action_audit', [ticket_id],
                    True)
        stats.timed('agent: call back', agent, 'hotline.ticket', 'action_callback', [ticket_id],
                    True)
        with lock:
            looped.append(ticket_id)

    work = list(range(registrations))
    work_lock = threading.Lock()
    failures = []

    def client():
        users = {login: Rpc(url, login) for login in ('agent', 'dispatcher', 'unit_handler')}
        users['unit'] = users['unit_handler']('res.users', 'read', [users['unit_handler'].uid],
                                              ['hotline_unit_ids'])[0]['hotline_unit_ids'][0]
        while True:
            with work_lock:
                if not work:
                    return
                i = work.pop()
            try:
                ticket_id = register(users['agent'], i)
                if ticket_id and random.random() < loop_share / 0.75:
                    loop(users, ticket_id)
            except Exception as exc:  # counted per operation in stats; kept for the report
                failures.append(repr(exc)[:300])

    print('load: %d registrations, %d look-ups, %d clients, %d nodes × %d workers' % (
        registrations, lookups, args.clients, args.nodes, args.workers), flush=True)
    started = time.time()
    threads = [threading.Thread(target=client) for _i in range(args.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    registered_s = time.time() - started

    def lookup_client(pairs):
        for number, password in pairs:
            try:
                stats.timed('portal look-up (app JSON API)', app_call, url, '/requests/lookup',
                            {'number': number, 'password': password})
            except Exception as exc:
                failures.append(repr(exc)[:300])
    pairs = [random.choice(app_numbers) for _i in range(lookups)] if app_numbers else []
    chunks = [pairs[i::args.clients] for i in range(args.clients)]
    started_lookups = time.time()
    threads = [threading.Thread(target=lookup_client, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    lookups_s = time.time() - started_lookups

    stored = admin('hotline.ticket', 'search_read', [('title', 'like', ' %s-' % tag)],
                   fields=['title', 'state'])
    titles = [r['title'] for r in stored]
    done = admin('hotline.ticket', 'search_count', [('id', 'in', looped), ('state', '=', 'done')])
    cluster.stop()
    result = {
        'scale': args.scale, 'clients': args.clients, 'nodes': args.nodes,
        'workers': args.workers, 'registrations_acknowledged': len(registered),
        'registrations_stored': len(titles), 'duplicates': len(titles) - len(set(titles)),
        'lost': len(set(registered) - set(titles)), 'loops_completed': len(looped),
        'loops_done_in_db': done, 'registration_phase_s': round(registered_s, 1),
        'lookup_phase_s': round(lookups_s, 1), 'failures': failures[:10],
        'operations': {name: {
            'count': len(times), 'errors': stats.errors[name],
            'per_s': round(len(times) / (registered_s if 'look-up' not in name else lookups_s), 1),
            'median_ms': round(1000 * percentile(times, 50)),
            'p95_ms': round(1000 * percentile(times, 95)),
            'p99_ms': round(1000 * percentile(times, 99))}
            for name, times in sorted(stats.times.items())},
        'failed_operations': dict(stats.errors),
    }
    os.makedirs(os.path.join(ROOT, 'bench', 'out'), exist_ok=True)
    with open(os.path.join(ROOT, 'bench', 'out', 'load_day.json'), 'w') as f:
        json.dump(result, f, indent=2, ensure_ascii=False)
    print('| operation | count | errors | per s | median ms | p95 ms | p99 ms |')
    print('|---|---|---|---|---|---|---|')
    for name, row in result['operations'].items():
        print('| %s | %d | %d | %s | %d | %d | %d |' % (
            name, row['count'], row['errors'], row['per_s'], row['median_ms'], row['p95_ms'],
            row['p99_ms']))
    summary = {k: v for k, v in result.items() if k != 'operations'}
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    ok = not result['lost'] and not result['duplicates'] and done == len(looped)
    print('reconciled: nothing lost, nothing doubled' if ok else 'RECONCILIATION FAILED')
    return 0 if ok else 1


if __name__ == '__main__':
    raise SystemExit(main())
