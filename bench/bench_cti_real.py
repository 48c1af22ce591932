"""AG-3 against a real Asterisk 20 (issue 17): screen-pop latency from the PBX raising AgentCalled
to the bus notification that carries the pop-up, the sibling of bench_cti.py (test peer).

    .venv/bin/python bench/bench_cti_real.py --conf CONF --template TEMPLATE
        [--agents 20] [--rate 10] [--seconds 2] [--db hotline_bench_cti_real]

The real Asterisk (``HOTLINE_ASTERISK`` or ``../shared/asterisk``, see tests/realpbx.py) runs the
shipped ``docs/asterisk`` configuration plus the test phones and citizens of ``tests/asterisk/``
in a run folder of its own, with AMI on a free loopback port. Without an Asterisk the script says
so and exits 0.

The database is a fresh copy of ``--template`` (hotline_core + hotline_cti + demo data), dropped
at the end. ``--agents`` seats are created with the phones ``Local/8NNN@hotline-phones``: the test
configuration answers any ``_8XXX`` there, so up to 1,000 phones; the PHONE_8NNN globals are set
to ``noanswer``, so each phone rings (AgentCalled) and stays ringing. The seats are logged in as
Odoo does it (``action_login``: QueueAdd); with ``ringinuse = no`` a ringing member takes no
second call, so at most one call per agent can ring at once and the burst is capped at
``--agents`` calls. The calls are AMI ``Originate``s of ``Local/139…@hotline-test-citizen`` into
``from-pstn``, extension ``agent`` (the queue step of the shipped dialplan: the caller lookup and
the IVR menu before it are skipped, they are not part of the pop-up path and would need the HTTP
server and a key press), at ``--rate`` calls per second.

The bridge runs in this process exactly as bench_cti.py runs it (``serve``: a transaction per
batch, committed, interval 0.05 s). A separate PostgreSQL connection LISTENs on ``imbus`` like
Odoo's long-polling dispatcher and, on each NOTIFY, reads the new ``bus_bus`` rows as the
dispatcher does; latency = time the row of the ``popup`` message of that call (matched by the
call's Uniqueid) is read − ``Timestamp`` header of the AgentCalled event (the shipped
manager.conf has ``timestampevents = yes``; the test's own AMI session reads the same events).
No network beyond loopback.
"""
import argparse
import json
import os
import secrets
import select
import shutil
import statistics
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, 'tests'))

from bench_cti import percentile  # noqa: E402 — bench/ is the script's folder


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--agents', type=int, default=20)
    parser.add_argument('--rate', type=float, default=10.0, help='calls per second')
    parser.add_argument('--seconds', type=float, default=2.0, help='burst length')
    parser.add_argument('--db', default='hotline_bench_cti_real')
    parser.add_argument('--template', default='hotline_test_cti_template')
    parser.add_argument('--conf', default=os.path.join(ROOT, '.local', 'odoo.conf'))
    args = parser.parse_args()
    if not 1 <= args.agents <= 1000:
        parser.error('--agents: 1 to 1000 (the phones 8000-8999 of tests/asterisk)')
    calls = int(args.rate * args.seconds)
    if calls > args.agents:
        parser.error('%d calls for %d agents: with ringinuse = no each agent rings for one '
                     'call at a time; lower --rate/--seconds or raise --agents'
                     % (calls, args.agents))

    import odoo
    from odoo import SUPERUSER_ID, api
    odoo.tools.config.parse_config(['-c', args.conf, '--log-level=warn'])
    odoo.netsvc.init_logger()
    import realpbx
    script, where = realpbx.asterisk_here()
    if not script:
        print('no real Asterisk at %s (set HOTLINE_ASTERISK to an asterisk-here script or its '
              'folder): nothing measured' % where)
        return 0
    import psycopg2

    conf = odoo.tools.config
    dsn = dict(host=conf['db_host'], port=conf['db_port'] or 5432, user=conf['db_user'],
               password=conf['db_password'])
    admin = psycopg2.connect(dbname='postgres', **dsn)
    admin.autocommit = True
    with admin.cursor() as cr:
        cr.execute('DROP DATABASE IF EXISTS "%s"' % args.db)
        cr.execute('CREATE DATABASE "%s" TEMPLATE "%s"' % (args.db, args.template))
    rundir = tempfile.mkdtemp(prefix='hotline-bench-pbx-')
    pbx = None
    try:
        ami_port = realpbx.free_port()
        secret, test_secret = secrets.token_hex(12), secrets.token_hex(12)
        site = os.path.join(rundir, 'site')
        os.makedirs(site)
        # nothing listens on the HTTP and AGI ports: the dialplan steps using them are skipped
        realpbx.write_site(site, ami_port, secret, test_secret, realpbx.free_port(),
                           realpbx.free_port(), secrets.token_hex(12))
        pbx = realpbx.Asterisk(script, os.path.join(rundir, 'pbx'), [realpbx.SHIPPED, site])
        pbx.start()
        return run(args, calls, odoo, api, SUPERUSER_ID, psycopg2, dsn, realpbx, pbx,
                   ami_port, secret, test_secret)
    finally:
        if pbx:
            pbx.stop()
        shutil.rmtree(rundir, ignore_errors=True)
        odoo.sql_db.close_db(args.db)
        with admin.cursor() as cr:
            cr.execute('DROP DATABASE IF EXISTS "%s"' % args.db)
        admin.close()


def run(args, calls, odoo, api, SUPERUSER_ID, psycopg2, dsn, realpbx, pbx, ami_port, secret,
        test_secret):
    from odoo.addons.hotline_cti.bridge.ami import ami_action
    from odoo.addons.hotline_cti.bridge.runner import Bridge, serve

    def ami(action, **headers):
        return ami_action('127.0.0.1', ami_port, 'hotline-test', test_secret, action,
                          timeout=10, **headers)

    watcher = realpbx.AmiWatcher(ami_port, test_secret).start()
    registry = odoo.registry(args.db)
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {'tracking_disable': True,
                                                 'no_reset_password': True})
        server = env.ref('hotline_cti.pbx_main')
        server.write({'ip_address': '127.0.0.1', 'port': ami_port, 'login': 'hotline',
                      'password': secret, 'cti_enabled': True, 'context': 'hotline-agents'})
        env['asterisk.server'].search([('id', '!=', server.id)]).write({'cti_enabled': False})
        queue = env.ref('hotline_cti.queue_12345')
        group = env.ref('hotline_core.group_hotline_agent')
        partners = {}   # agent number → partner id (the bus channel's last element)
        seats = env['hotline.cti.agent']
        for i in range(args.agents):
            user = env['res.users'].create({'name': '压测坐席%02d' % i, 'login': 'bench%02d' % i,
                                            'groups_id': [(6, 0, group.ids)]})
            seats |= env['hotline.cti.agent'].create({
                'user_id': user.id, 'agent_number': '9%03d' % i,
                'extension': 'Local/8%03d@hotline-phones' % i, 'server_id': server.id,
                'queue_ids': [(6, 0, queue.ids)], 'state': 'logout'})
            partners['9%03d' % i] = user.partner_id.id
        bridge = Bridge.from_server(server).start()
    stop = threading.Event()
    loop = threading.Thread(target=serve, args=(registry, [bridge], stop, 0.05), daemon=True)
    loop.start()
    try:
        realpbx.wait_for(lambda: 'hotline' in pbx.cli('manager show connected'), timeout=60,
                         what='the bridge logged in to the PBX')
        for i in range(args.agents):
            ami('Setvar', Variable='PHONE_8%03d' % i, Value='noanswer')
        with api.Environment.manage(), registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env['hotline.cti.agent'].browse(seats.ids).action_login()
        realpbx.wait_for(lambda: pbx.cli('queue show 12345').count('@hotline-phones')
                         >= args.agents, what='%d members in queue 12345' % args.agents)
        realpbx.wait_for(lambda: registry_count(registry, api, SUPERUSER_ID, seats.ids) ==
                         args.agents, what='the seats idle in Odoo')
        return measure(args, calls, psycopg2, dsn, odoo, pbx, watcher, ami, partners)
    finally:
        pbx.cli('channel request hangup all')
        stop.set()
        loop.join(5)
        bridge.stop()
        watcher.stop()


def registry_count(registry, api, SUPERUSER_ID, ids):
    with api.Environment.manage(), registry.cursor() as cr:
        cr.execute("SELECT count(*) FROM hotline_cti_agent WHERE id IN %s AND state = 'idle'",
                   [tuple(ids)])
        return cr.fetchone()[0]


def measure(args, calls, psycopg2, dsn, odoo, pbx, watcher, ami, partners):
    # a LISTEN imbus connection, as Odoo's long-polling dispatcher has; on each NOTIFY it reads
    # the new bus rows (the dispatcher's poll) and notes when each call's pop-up was seen
    bus = psycopg2.connect(dbname=args.db, **dsn)
    bus.autocommit = True
    listen = psycopg2.connect(dbname='postgres', **dsn)
    listen.autocommit = True
    listen.cursor().execute('LISTEN imbus')
    with bus.cursor() as cr:
        cr.execute('SELECT COALESCE(MAX(id), 0) FROM bus_bus')
        last = [cr.fetchone()[0]]
    seen = {}       # Uniqueid → (time the pop-up row was read, partner id of its channel)
    done = threading.Event()

    def listener():
        while not done.is_set():
            if select.select([listen], [], [], 0.2) == ([], [], []):
                continue
            listen.poll()
            now = time.time()
            if not listen.notifies:
                continue
            del listen.notifies[:]
            with bus.cursor() as cr:
                cr.execute('SELECT id, channel, message FROM bus_bus WHERE id > %s ORDER BY id',
                           [last[0]])
                for row_id, channel, message in cr.fetchall():
                    last[0] = row_id
                    message = json.loads(message)
                    if message.get('type') == 'popup':
                        uniqueid = message.get('call', {}).get('uniqueid')
                        seen.setdefault(uniqueid, (now, json.loads(channel)[-1]))
    watcher_thread = threading.Thread(target=listener, daemon=True)
    watcher_thread.start()

    since = watcher.mark()
    queries_before = odoo.sql_db.sql_counter
    interval = 1.0 / args.rate
    start = time.time()
    for n in range(calls):
        delay = start + n * interval - time.time()
        if delay > 0:
            time.sleep(delay)
        number = '139%08d' % n
        ami('Originate', Channel='Local/%s@hotline-test-citizen' % number, Context='from-pstn',
            Exten='agent', Priority='1', CallerID='<%s>' % number, Timeout='30000',
            Async='true')
    sent = time.time() - start

    def called():
        # the first AgentCalled of each caller channel (a later one would be a re-ring)
        first = {}
        for e in watcher.seen(lambda e: e.get('Event') == 'AgentCalled', since=since):
            first.setdefault(e.get('Uniqueid'), e)
        return first
    deadline = time.time() + 30
    while time.time() < deadline:
        rung = called()
        if len(rung) >= calls and all(u in seen for u in rung):
            break
        time.sleep(0.05)
    queries = odoo.sql_db.sql_counter - queries_before
    if len(called()) < calls:
        sys.stderr.write('not every call rang an agent; the queue now:\n%s\n' % pbx.cli(
            'queue show 12345'))
        counts = {}
        for e in watcher.seen(lambda e: True, since=since):
            counts[e.get('Event')] = counts.get(e.get('Event'), 0) + 1
        sys.stderr.write('AMI events of the burst: %r\n' % sorted(counts.items()))
    done.set()
    watcher_thread.join(5)
    rung = called()
    latencies, missing, stamped, wrong_agent = [], 0, 0, 0
    for uniqueid, event in rung.items():
        if 'Timestamp' not in event:
            continue
        stamped += 1
        if uniqueid not in seen:
            missing += 1
            continue
        at, partner = seen[uniqueid]
        if partners.get(event.get('MemberName')) != partner:
            wrong_agent += 1
        latencies.append(at - float(event['Timestamp']))
    listen.close()
    bus.close()
    ms = [x * 1000 for x in latencies]
    print('pbx=real Asterisk (%s) agents=%d calls=%d burst=%.1f calls/s over %.2fs' % (
        pbx.cli('core show version').split('built')[0].strip(), args.agents, calls,
        calls / sent, sent))
    print('AgentCalled raised %d of %d calls (%d with a Timestamp header)' % (
        len(rung), calls, stamped))
    if ms:
        figures = (statistics.median(ms), percentile(ms, 95), max(ms), len(ms), calls,
                   missing)
        print('popup latency AgentCalled -> bus NOTIFY: median %.1f ms, p95 %.1f ms, '
              'max %.1f ms, pops %d of %d calls, missing %d' % figures)
    else:
        print('no pop-up received (missing %d)' % missing)
    if wrong_agent:
        print('pop-ups on another agent\'s channel than AgentCalled named: %d' % wrong_agent)
    print('SQL statements per call (every event the real PBX sends the bridge, incl. bus): '
          '%.1f' % (float(queries) / max(calls, 1)))
    ok = ms and not missing and not wrong_agent and len(rung) == calls == stamped
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
