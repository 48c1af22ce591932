#!/usr/bin/env python
"""Production mode on one machine: several Odoo nodes (prefork workers, a gevent bus each) on
one PostgreSQL and one shared filestore, behind nginx.

    tools/cluster.py --config .local/odoo.conf --db hotline start --nodes 2
    tools/cluster.py --config .local/odoo.conf --db hotline status
    tools/cluster.py --config .local/odoo.conf --db hotline stop

Node i listens on 127.0.0.1:BASE+10*(i-1) (HTTP) and the next port (long polling); only node 1
runs the cron threads. nginx listens on --proxy-port and spreads requests over the nodes
(deploy/nginx/hotline.conf.tmpl). Everything a node writes (configuration, log, pid) is in
--dir (default: <data_dir>/../cluster). ``./hotline cluster`` wraps this for the demo database.
"""
import argparse
import configparser
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEMPLATE = os.path.join(ROOT, 'deploy', 'nginx', 'hotline.conf.tmpl')
NGINX = shutil.which('nginx') or '/usr/sbin/nginx'


class Cluster(object):

    def __init__(self, config, db, directory=None, base_port=8400, proxy_port=8080,
                 nodes=2, workers=2, python=sys.executable, node_ports=None):
        self.config, self.db, self.python = config, db, python
        self.base = configparser.ConfigParser(interpolation=None)
        self.base.read(config)
        data_dir = self.base.get('options', 'data_dir', fallback=os.path.join(ROOT, '.local'))
        self.dir = directory or os.path.join(os.path.dirname(data_dir.rstrip('/')), 'cluster')
        self.base_port, self.proxy_port = base_port, proxy_port
        self.nodes, self.workers = nodes, workers
        self.node_ports = node_ports  # [(http, longpolling), ...] instead of BASE+10*(i-1)

    # ------------------------------------------------------------------ layout
    def ports(self, index):
        """(http, longpolling) of node ``index`` (1-based)."""
        if self.node_ports:
            return self.node_ports[index - 1]
        http = self.base_port + 10 * (index - 1)
        return http, http + 1

    def _path(self, name):
        return os.path.join(self.dir, name)

    def node_config(self, index):
        http, bus = self.ports(index)
        cfg = configparser.ConfigParser(interpolation=None)
        cfg.read_dict({'options': dict(self.base.items('options'))})
        cfg['options'].update({
            'http_interface': '127.0.0.1', 'http_port': str(http), 'longpolling_port': str(bus),
            'workers': str(self.workers),
            # one node runs the scheduled actions; the others only serve requests
            'max_cron_threads': '1' if index == 1 else '0',
            'proxy_mode': 'True', 'list_db': 'False',
            # production mode: a module installed or updated from a node loads no demo data
            'without_demo': 'all',
            'db_name': self.db, 'dbfilter': '^%s$' % self.db,
            'logfile': self._path('node%d.log' % index),
            'pidfile': self._path('node%d.pid' % index),
            'limit_memory_soft': str(2 * 1024 ** 3), 'limit_memory_hard': str(3 * 1024 ** 3),
        })
        path = self._path('node%d.conf' % index)
        with open(path, 'w') as f:
            f.write('; written by tools/cluster.py from %s\n' % self.config)
            cfg.write(f)
        return path

    def nginx_config(self):
        upstream_http = '\n'.join('    server 127.0.0.1:%d max_fails=1 fail_timeout=5s;'
                                  % self.ports(i)[0] for i in range(1, self.nodes + 1))
        upstream_bus = '\n'.join('    server 127.0.0.1:%d max_fails=1 fail_timeout=5s;'
                                 % self.ports(i)[1] for i in range(1, self.nodes + 1))
        with open(TEMPLATE) as f:
            site = f.read()
        for key, value in (('upstream_http', upstream_http),
                           ('upstream_longpolling', upstream_bus),
                           ('listen', '127.0.0.1:%d' % self.proxy_port),
                           ('server_name', 'localhost'), ('tls', '')):
            site = site.replace('{{%s}}' % key, value)
        tmp = self._path('nginx-tmp')
        os.makedirs(tmp, exist_ok=True)
        os.chmod(tmp, 0o777)  # nginx's workers drop root for "nobody"
        main = """daemon on;
pid {d}/nginx.pid;
error_log {d}/nginx-error.log;
worker_processes 1;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log {d}/nginx-access.log;
    client_body_temp_path {t}/body;
    proxy_temp_path {t}/proxy;
    fastcgi_temp_path {t}/fastcgi;
    uwsgi_temp_path {t}/uwsgi;
    scgi_temp_path {t}/scgi;
{site}
}}
""".format(d=self.dir, t=tmp, site=site)
        path = self._path('nginx.conf')
        with open(path, 'w') as f:
            f.write(main)
        return path

    # ------------------------------------------------------------------ processes
    def _pid(self, name):
        try:
            with open(self._path(name)) as f:
                pid = int(f.read().strip())
            os.kill(pid, 0)
            return pid
        except (OSError, ValueError):
            return None

    def start(self, proxy=True, timeout=120):
        os.makedirs(self.dir, exist_ok=True)
        for index in range(1, self.nodes + 1):
            if self._pid('node%d.pid' % index):
                continue
            conf = self.node_config(index)
            subprocess.Popen([self.python, os.path.join(ROOT, 'tools', 'odoo-bin'), '-c', conf],
                             cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
        if proxy and not self._pid('nginx.pid'):
            if not os.path.exists(NGINX):
                raise RuntimeError('nginx is not installed (apt-get install nginx)')
            conf = self.nginx_config()
            subprocess.run([NGINX, '-t', '-q', '-c', conf, '-p', self.dir], check=True)
            subprocess.run([NGINX, '-c', conf, '-p', self.dir], check=True)
        deadline = time.time() + timeout
        for index in range(1, self.nodes + 1):
            for port in self.ports(index):
                while not self.healthy(port):
                    if time.time() > deadline:
                        raise RuntimeError('node %d did not answer on port %d; see %s' % (
                            index, port, self._path('node%d.log' % index)))
                    time.sleep(0.5)
        return self

    def stop(self, timeout=30):
        pids = [self._pid('node%d.pid' % i) for i in range(1, self.nodes + 1)]
        nginx = self._pid('nginx.pid')
        for pid in [p for p in pids + [nginx] if p]:
            os.kill(pid, signal.SIGTERM)
        deadline = time.time() + timeout
        for pid in [p for p in pids + [nginx] if p]:
            while time.time() < deadline:
                try:
                    os.kill(pid, 0)
                except OSError:
                    break
                time.sleep(0.2)
            else:
                try:
                    os.killpg(pid, signal.SIGKILL)
                except OSError:
                    pass

    def node_pids(self, index):
        """The master and its children (workers, gevent bus, cron) of node ``index``."""
        master = self._pid('node%d.pid' % index)
        if not master:
            return None, []
        out = subprocess.run(['pgrep', '-P', str(master)], stdout=subprocess.PIPE,
                             universal_newlines=True).stdout.split()
        return master, [int(p) for p in out]

    @staticmethod
    def healthy(port, host='127.0.0.1'):
        request = urllib.request.Request(
            'http://%s:%d/web/webclient/version_info' % (host, port),
            data=json.dumps({'jsonrpc': '2.0', 'params': {}}).encode(),
            headers={'Content-Type': 'application/json'})
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status == 200
        except OSError:
            return False

    def status(self):
        rows = []
        for index in range(1, self.nodes + 1):
            http, bus = self.ports(index)
            rows.append('node %d  pid %-7s http 127.0.0.1:%d %-4s bus :%d %s' % (
                index, self._pid('node%d.pid' % index) or '-', http,
                'up' if self.healthy(http) else 'down', bus, 'up' if self.healthy(bus) else 'down'))
        rows.append('nginx   pid %-7s http://127.0.0.1:%d %s' % (
            self._pid('nginx.pid') or '-', self.proxy_port,
            'up' if self.healthy(self.proxy_port) else 'down'))
        return '\n'.join(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--config', required=True)
    parser.add_argument('--db', required=True)
    parser.add_argument('--dir')
    parser.add_argument('--nodes', type=int, default=2)
    parser.add_argument('--workers', type=int, default=2)
    parser.add_argument('--base-port', type=int, default=8400)
    parser.add_argument('--proxy-port', type=int, default=8080)
    parser.add_argument('command', choices=('start', 'stop', 'status'))
    args = parser.parse_args()
    cluster = Cluster(args.config, args.db, args.dir, args.base_port, args.proxy_port,
                      args.nodes, args.workers)
    if args.command == 'start':
        cluster.start()
    elif args.command == 'stop':
        cluster.stop()
    print(cluster.status())
    return 0


if __name__ == '__main__':
    sys.exit(main())
