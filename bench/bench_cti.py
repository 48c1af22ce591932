"""AG-3: screen-pop latency, from the PBX raising AgentCalled to the bus notification that wakes
the agent's long-polling request, with 50 agents and a burst of calls.

    .venv/bin/python bench/bench_cti.py [--agents 50] [--rate 20] [--seconds 5]
        [--db hotline_bench_cti] [--template hotline_test_cti_template]

The database is a fresh copy of the test template (hotline_core + hotline_cti + demo data; run
``HOTLINE_MODULES=hotline_core,hotline_cti HOTLINE_TEST_DB=hotline_test_cti ./hotline test``
once to create it), dropped at the end. A test PBX on 127.0.0.1 (the one of the module's tests,
speaking AMI as Asterisk 16) raises, for each call, Newchannel, QueueCallerJoin and AgentCalled to
one of the agents, at ``--rate`` calls per second. The bridge runs exactly as
``odoo-bin hotline-cti`` does (``serve``: a transaction per batch, committed). A separate
PostgreSQL connection LISTENs on ``imbus`` like Odoo's long-polling dispatcher; latency =
time the NOTIFY carrying the agent's channel arrives − ``Timestamp`` header of AgentCalled.
No network beyond loopback.
"""
import argparse
import json
import os
import select
import statistics
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100.0
    f = int(k)
    c = min(f + 1, len(values) - 1)
    return values[f] + (values[c] - values[f]) * (k - f)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--agents', type=int, default=50)
    parser.add_argument('--rate', type=float, default=20.0, help='calls per second')
    parser.add_argument('--seconds', type=float, default=5.0, help='burst length')
    parser.add_argument('--db', default='hotline_bench_cti')
    parser.add_argument('--template', default='hotline_test_cti_template')
    parser.add_argument('--conf', default=os.path.join(ROOT, '.local', 'odoo.conf'))
    args = parser.parse_args()

    import odoo
    from odoo import SUPERUSER_ID, api
    odoo.tools.config.parse_config(['-c', args.conf, '--log-level=warn'])
    odoo.netsvc.init_logger()
    import psycopg2

    from odoo.addons.hotline_cti.bridge.runner import Bridge, serve
    from odoo.addons.hotline_cti.tests.ami_pbx import AmiTestPbx

    conf = odoo.tools.config
    dsn = dict(host=conf['db_host'], port=conf['db_port'] or 5432, user=conf['db_user'],
               password=conf['db_password'])
    admin = psycopg2.connect(dbname='postgres', **dsn)
    admin.autocommit = True
    with admin.cursor() as cr:
        cr.execute('DROP DATABASE IF EXISTS "%s"' % args.db)
        cr.execute('CREATE DATABASE "%s" TEMPLATE "%s"' % (args.db, args.template))
    try:
        return run(args, odoo, api, SUPERUSER_ID, psycopg2, dsn, Bridge, serve, AmiTestPbx)
    finally:
        odoo.sql_db.close_db(args.db)
        with admin.cursor() as cr:
            cr.execute('DROP DATABASE IF EXISTS "%s"' % args.db)
        admin.close()


def run(args, odoo, api, SUPERUSER_ID, psycopg2, dsn, Bridge, serve, AmiTestPbx):
    registry = odoo.registry(args.db)
    pbx = AmiTestPbx().start()
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {'tracking_disable': True,
                                                 'no_reset_password': True})
        server = env.ref('hotline_cti.pbx_main')
        server.write({'ip_address': '127.0.0.1', 'port': pbx.port, 'login': 'hotline',
                      'password': 's3cret', 'cti_enabled': True})
        queue = env.ref('hotline_cti.queue_12345')
        group = env.ref('hotline_core.group_hotline_agent')
        channels = {}
        for i in range(args.agents):
            user = env['res.users'].create({'name': '压测坐席%02d' % i, 'login': 'bench%02d' % i,
                                            'groups_id': [(6, 0, group.ids)]})
            env['hotline.cti.agent'].create({
                'user_id': user.id, 'agent_number': '9%03d' % i,
                'extension': 'PJSIP/9%03d' % i, 'server_id': server.id,
                'queue_ids': [(6, 0, queue.ids)], 'state': 'idle'})
            channels[i] = json.dumps([args.db, 'hotline.cti', user.partner_id.id],
                                     separators=(',', ':'))
        bridge = Bridge.from_server(server).start()
    stop = threading.Event()
    target = serve
    if os.environ.get('BENCH_PROFILE'):
        import cProfile

        def target(*a):
            profile = cProfile.Profile()
            profile.runcall(serve, *a)
            profile.dump_stats(os.environ['BENCH_PROFILE'])
    loop = threading.Thread(target=target, args=(registry, [bridge], stop, 0.05), daemon=True)
    loop.start()
    assert pbx.wait_clients(1), 'bridge did not connect'
    time.sleep(0.5)

    # a LISTEN imbus connection, as Odoo's long-polling dispatcher has
    listen = psycopg2.connect(dbname='postgres', **dsn)
    listen.autocommit = True
    listen.cursor().execute('LISTEN imbus')
    woken = {}      # agent channel → [times notified]
    done = threading.Event()

    def listener():
        while not done.is_set():
            if select.select([listen], [], [], 0.2) == ([], [], []):
                continue
            listen.poll()
            now = time.time()
            while listen.notifies:
                for channel in json.loads(listen.notifies.pop().payload):
                    woken.setdefault(json.dumps(channel, separators=(',', ':')), []).append(now)
    watcher = threading.Thread(target=listener, daemon=True)
    watcher.start()

    calls = int(args.rate * args.seconds)
    # SQL statements the bridge runs per call (load-independent, unlike the latencies)
    queries_before = odoo.sql_db.sql_counter
    rung = {}       # agent index → [AgentCalled timestamps]
    interval = 1.0 / args.rate
    start = time.time()
    for n in range(calls):
        target = start + n * interval
        delay = target - time.time()
        if delay > 0:
            time.sleep(delay)
        i = n % args.agents
        ch = pbx.new_inbound('139%08d' % n)
        pbx.queue_join(ch)
        rung.setdefault(i, []).append(time.time())
        pbx.agent_called(ch, 'PJSIP/9%03d' % i, '9%03d' % i)
    sent = time.time() - start
    deadline = time.time() + 30
    while time.time() < deadline:
        if all(len(woken.get(channels[i], [])) >= len(times) for i, times in rung.items()):
            break
        time.sleep(0.05)
    queries = odoo.sql_db.sql_counter - queries_before
    done.set()
    stop.set()
    loop.join(5)
    bridge.stop()
    pbx.stop()
    latencies = []
    missing = 0
    for i, times in rung.items():
        notified = sorted(woken.get(channels[i], []))
        for t in times:
            later = [w for w in notified if w >= t]
            if not later:
                missing += 1
                continue
            latencies.append(later[0] - t)
            notified.remove(later[0])
    watcher.join(5)     # the listener polls the connection until it sees ``done``
    listen.close()
    ms = [x * 1000 for x in latencies]
    print('pbx=test peer agents=%d calls=%d burst=%.1f calls/s over %.2fs' % (
        args.agents, calls, calls / sent, sent))
    if ms:
        figures = (statistics.median(ms), percentile(ms, 95), max(ms), len(ms), calls,
                   missing)
        print('popup latency AgentCalled -> bus NOTIFY: median %.1f ms, p95 %.1f ms, '
              'max %.1f ms, pops %d of %d calls, missing %d' % figures)
    else:
        print('no notification received (missing %d)' % missing)
    print('SQL statements per call (Newchannel + QueueCallerJoin + AgentCalled, incl. bus): '
          '%.1f' % (float(queries) / max(calls, 1)))
    return 0 if ms and not missing else 1


if __name__ == '__main__':
    sys.exit(main())
