#!/usr/bin/env python
"""Fault drill (issue 9): PostgreSQL restarts while requests are being registered.

    .venv/bin/python bench/drill_postgres.py [--requests 300] [--clients 4]

Runs on a PostgreSQL cluster and an Odoo cluster of its own (``.local/drill``, port 54339,
database ``drill``, one node with 2 workers behind nginx on 8090), so the embedded cluster of
``./hotline`` and its test databases are never touched. While ``--clients`` threads register
requests over XML-RPC through nginx — each a careful integrator that looks a request up before
sending it again after a failed call — PostgreSQL is stopped (fast shutdown) and started again.
Printed: how long requests failed, how many calls failed and were retried, and the reconciliation:
every request the clients registered is in the database exactly once. Results also go to
bench/out/drill_postgres.json.
"""
import argparse
import json
import os
import subprocess
import threading
import time
import uuid
import xmlrpc.client

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENV = dict(os.environ, HOTLINE_LOCAL=os.path.join(ROOT, '.local', 'drill'),
           HOTLINE_PGPORT='54339', HOTLINE_DB='drill', HOTLINE_MODULES='hotline_core',
           HOTLINE_PROXY_PORT='8090', HOTLINE_HTTP_PORT='8089')
URL = 'http://127.0.0.1:8090'
DB = 'drill'


def hotline(*args):
    subprocess.run([os.path.join(ROOT, 'hotline')] + list(args), env=ENV, check=True,
                   stdout=subprocess.DEVNULL)


class Client(threading.Thread):

    def __init__(self, count, tag, failures):
        super().__init__()
        self.count, self.tag, self.failures = count, tag, failures
        self.titles = []

    def _call(self, *args):
        common = xmlrpc.client.ServerProxy(URL + '/xmlrpc/2/common')
        uid = common.authenticate(DB, 'agent', 'agent', {})
        if not uid:
            raise OSError('log-in failed')
        proxy = xmlrpc.client.ServerProxy(URL + '/xmlrpc/2/object')
        return proxy.execute_kw(DB, uid, 'agent', *args)

    def run(self):
        for _i in range(self.count):
            title = '故障演练 %s %s' % (self.tag, uuid.uuid4().hex[:10])
            for _attempt in range(120):
                try:
                    found = self._call('hotline.ticket', 'search', [[('title', '=', title)]])
                    if not found:
                        self._call('hotline.ticket', 'create', [{
                            'title': title, 'content': '数据库重启时登记的诉求。',
                            'caller_number': '13812340001'}])
                    self.titles.append(title)
                    break
                except (OSError, xmlrpc.client.Error) as exc:
                    self.failures.append((time.time(), type(exc).__name__))
                    time.sleep(0.5)
            else:
                raise RuntimeError('gave up on %s' % title)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--requests', type=int, default=300)
    parser.add_argument('--clients', type=int, default=4)
    parser.add_argument('--down', type=float, default=3.0, help='seconds PostgreSQL stays down')
    args = parser.parse_args()

    hotline('cluster', 'start', '--nodes', '1', '--workers', '2')
    tag = time.strftime('%H%M%S')
    failures = []
    clients = [Client(args.requests // args.clients, tag, failures)
               for _i in range(args.clients)]
    started = time.time()
    for client in clients:
        client.start()
    time.sleep(3)
    stopped = time.time()
    subprocess.run([os.path.join(ROOT, 'hotline'), 'stop'], env=ENV, check=True,
                   stdout=subprocess.DEVNULL)
    time.sleep(args.down)
    hotline('setup')  # starts the drill's PostgreSQL again
    restarted = time.time()
    for client in clients:
        client.join()
    finished = time.time()

    titles = [t for client in clients for t in client.titles]
    common = xmlrpc.client.ServerProxy(URL + '/xmlrpc/2/common')
    uid = common.authenticate(DB, 'admin', 'admin', {})
    proxy = xmlrpc.client.ServerProxy(URL + '/xmlrpc/2/object')
    rows = proxy.execute_kw(DB, uid, 'admin', 'hotline.ticket', 'search_read',
                            [[('title', 'like', '故障演练 %s ' % tag)]], {'fields': ['title']})
    stored = [r['title'] for r in rows]
    after = [t for t, _kind in failures if t >= restarted]
    result = {
        'requests_registered': len(titles), 'rows_in_database': len(stored),
        'duplicates': len(stored) - len(set(stored)),
        'lost': len(set(titles) - set(stored)),
        'failed_calls_retried': len(failures),
        'failure_kinds': sorted({kind for _t, kind in failures}),
        'postgres_down_s': round(restarted - stopped, 1),
        'errors_after_restart_s': round(max(after) - restarted, 1) if after else 0.0,
        'total_s': round(finished - started, 1),
    }
    os.makedirs(os.path.join(ROOT, 'bench', 'out'), exist_ok=True)
    with open(os.path.join(ROOT, 'bench', 'out', 'drill_postgres.json'), 'w') as f:
        json.dump(result, f, indent=2)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    hotline('cluster', 'stop', '--nodes', '1')
    ok = (result['lost'] == 0 and result['duplicates'] == 0 and
          result['rows_in_database'] == args.requests // args.clients * args.clients)
    print('drill passed: nothing lost, nothing doubled' if ok else 'DRILL FAILED')
    return 0 if ok else 1


if __name__ == '__main__':
    raise SystemExit(main())
