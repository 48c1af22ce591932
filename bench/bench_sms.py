"""SM-5: SMS throughput end to end — outbox → test Kannel gateway (real HTTP) → delivery
report back to a real Odoo server (real HTTP) — with 1 and 2 concurrent senders.

    .venv/bin/python bench/bench_sms.py [--n 2000] [--senders 1,2] [--db hotline_bench_sms]
        [--template hl_t_sms_template] [--http-port 8291] [--peer-port 13190]

The database is a fresh copy of the test template of hotline_sms (create it once with
``HOTLINE_MODULES=hotline_core,hotline_dispatch,hotline_sms HOTLINE_TEST_DB=hl_t_sms
./hotline test addons/hotline_sms/tests``), dropped at the end. Started as processes:
the test Kannel peer (addons/hotline_sms/tests/kannel_peer.py, the one of the module's tests)
and Odoo (tools/odoo-bin, threaded, no cron) to receive the delivery reports. In this process:
``queue_messages`` of N Chinese texts (one statement), then ``_cron_send`` in 1 or 2 threads
(each its own transactions; SKIP LOCKED shares the rows), until every message is delivered
(the peer reports "SMSC accepted" then "delivered": 2 callbacks per message).
Prints queue rate, hand-off rate (queued → accepted by the gateway), end-to-end rate
(queued → delivered) and checks that the gateway got each message exactly once.
Loopback only.
"""
import argparse
import contextlib
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
from bench._common import (  # noqa: E402
    LOCAL_CONF,
    ODOO_BIN,
    OUT,
    PY,
    log,
    odoo_env_vars,
    pg_connect,
    write_conf,
)

PEER = os.path.join(ROOT, 'addons', 'hotline_sms', 'tests', 'kannel_peer.py')


def test_conf(template_db):
    """The test configuration ./hotline wrote for ``template_db`` (its database settings)."""
    return os.path.join(os.path.dirname(LOCAL_CONF), 'odoo-test-%s.conf' % template_db.replace(
        '_template', ''))


def recreate_db(db, template):
    conn = pg_connect()
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute('DROP DATABASE IF EXISTS %s' % db)
        cr.execute('CREATE DATABASE %s TEMPLATE %s' % (db, template))
    conn.close()


def drop_db(db):
    conn = pg_connect()
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute('DROP DATABASE IF EXISTS %s' % db)
    conn.close()


@contextlib.contextmanager
def conn_tries(db):
    conn = pg_connect(db)
    try:
        with conn.cursor() as cr:
            yield cr
    finally:
        conn.close()


def wait_http(url, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except Exception:
            time.sleep(0.5)
    raise SystemExit('no answer from %s' % url)


def peer(port, path):
    with urllib.request.urlopen('http://127.0.0.1:%d/__peer/%s' % (port, path),
                                timeout=30) as r:
        data = r.read().decode()
    return json.loads(data) if path == 'messages' else data


def run(registry, n, senders, peer_port, http_port):
    import odoo
    from odoo import SUPERUSER_ID, api
    peer(peer_port, 'reset')
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {'lang': 'zh_CN'})
        cr.execute("UPDATE hotline_sms_message SET state = 'failed' "
                   "WHERE state IN ('queued', 'sending')")
        env['hotline.sms.gateway'].search([]).write({'active': False})
        env['ir.config_parameter'].set_param('hotline_sms.retry_delay', '1')
        env['hotline.sms.gateway'].create({
            'name': 'bench', 'url': 'http://127.0.0.1:%d' % peer_port, 'username': 'hotline',
            'password': 'secret', 'sender': '10690012345', 'token': 'bench-token',
            'callback_url': 'http://127.0.0.1:%d' % http_port})
        cr.commit()
        t0 = time.time()
        ids = env['hotline.sms.message'].queue_messages([{
            'number': '+86139%08d' % i,
            'body': '【青川12345】您的工单12345-20261124-%05d已受理，我们将尽快办理。' % i,
            'kind': 'bench', 'dedupe_key': 'bench:%d:%d:%d' % (senders, n, i)}
            for i in range(n)]).ids
        cr.commit()
        t_queue = time.time() - t0
    t1 = time.time()

    def sender():
        # As the cron would, run again until nothing is left (a retry waits 1 s here).
        deadline = time.time() + 900
        with api.Environment.manage(), registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {'lang': 'zh_CN'})
            while time.time() < deadline:
                handed = env['hotline.sms.message']._cron_send(batch=50, max_batches=10 ** 6)
                cr.execute("SELECT count(*) FROM hotline_sms_message WHERE id = ANY(%s) "
                           "AND state IN ('queued', 'sending')", [ids])
                left = cr.fetchone()[0]
                cr.commit()
                if not left:
                    break
                if not handed:
                    time.sleep(0.5)
    threads = [threading.Thread(target=sender) for _ in range(senders)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    t_sent = time.time() - t1
    deadline = time.time() + 600
    conn = pg_connect(registry.db_name)
    conn.autocommit = True
    delivered = 0
    while time.time() < deadline:
        with conn.cursor() as cr:
            cr.execute("SELECT count(*) FROM hotline_sms_message "
                       "WHERE id = ANY(%s) AND state = 'delivered'", [ids])
            delivered = cr.fetchone()[0]
        if delivered == n:
            break
        time.sleep(0.05)
    t_done = time.time() - t1
    with conn.cursor() as cr:
        cr.execute("SELECT state, count(*) FROM hotline_sms_message WHERE id = ANY(%s) "
                   "GROUP BY state", [ids])
        states = dict(cr.fetchall())
    conn.close()
    with conn_tries(registry.db_name) as cr:
        cr.execute("SELECT sum(tries) FROM hotline_sms_message WHERE id = ANY(%s)", [ids])
        attempts = cr.fetchone()[0]
    got = peer(peer_port, 'messages')
    texts = [m['text'] for m in got['messages']]
    del odoo
    return {'n': n, 'senders': senders, 'queue_s': t_queue, 'queue_rate': n / t_queue,
            'handoff_s': t_sent, 'handoff_rate': n / t_sent, 'e2e_s': t_done,
            'e2e_rate': delivered / t_done, 'delivered': delivered, 'states': states,
            'gateway_received': len(texts), 'gateway_distinct': len(set(texts)),
            'attempts': attempts, 'callbacks': len(got['callbacks']),
            'callbacks_ok': sum(1 for c in got['callbacks'] if c['code'] == 200)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--n', type=int, default=2000)
    parser.add_argument('--senders', default='1,2')
    parser.add_argument('--db', default='hotline_bench_sms')
    parser.add_argument('--template', default='hl_t_sms_template')
    parser.add_argument('--http-port', type=int, default=8291)
    parser.add_argument('--peer-port', type=int, default=13190)
    parser.add_argument('--keep', action='store_true', help='keep the database')
    args = parser.parse_args()
    conf = write_conf('bench_sms', http_port=args.http_port, base=test_conf(args.template))
    log('copying %s to %s' % (args.template, args.db))
    recreate_db(args.db, args.template)
    procs = []
    try:
        procs.append(subprocess.Popen(
            [PY, PEER, '--port', str(args.peer_port)], stdout=subprocess.PIPE))
        assert procs[-1].stdout.readline().startswith(b'READY')
        logfile = os.path.join(OUT, 'bench_sms_server.log')
        procs.append(subprocess.Popen(
            [PY, ODOO_BIN, '-c', conf, '-d', args.db, '--db-filter=^%s$' % args.db,
             '--logfile=' + logfile], cwd=ROOT, env=odoo_env_vars(), start_new_session=True))
        wait_http('http://127.0.0.1:%d/web/login' % args.http_port)
        log('gateway peer on %d, Odoo on %d' % (args.peer_port, args.http_port))
        import odoo
        odoo.tools.config.parse_config(['-c', conf, '-d', args.db, '--log-level=warn'])
        registry = odoo.registry(args.db)
        results = []
        for senders in [int(s) for s in args.senders.split(',')]:
            log('%d messages, %d sender(s)' % (args.n, senders))
            result = run(registry, args.n, senders, args.peer_port, args.http_port)
            log(json.dumps(result, ensure_ascii=False))
            results.append(result)
        lines = ['| senders | N | queue_messages | queued → gateway accepted | '
                 'queued → delivered (DLR back) | gateway got / distinct | attempts | '
                 'DLR callbacks OK |', '|---|---|---|---|---|---|---|---|']
        for r in results:
            lines.append('| %d | %d | %.2f s (%.0f msg/s) | %.1f s (%.0f msg/s) | '
                         '%.1f s (%.0f msg/s) | %d / %d | %d | %d / %d |' % (
                             r['senders'], r['n'], r['queue_s'], r['queue_rate'],
                             r['handoff_s'], r['handoff_rate'], r['e2e_s'], r['e2e_rate'],
                             r['gateway_received'], r['gateway_distinct'], r['attempts'],
                             r['callbacks_ok'], r['callbacks']))
        text = '\n'.join(lines)
        print(text)
        with open(os.path.join(OUT, 'sms.md'), 'w') as f:
            f.write(text + '\n')
    finally:
        for proc in reversed(procs):
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
        if not args.keep:
            try:
                import odoo
                odoo.sql_db.close_db(args.db)
            except Exception:
                pass
            drop_db(args.db)


if __name__ == '__main__':
    main()
