"""Production mode (issue 9, NF-6): two Odoo nodes with prefork workers and a gevent bus each,
on one PostgreSQL and one shared filestore, behind nginx (tools/cluster.py,
deploy/nginx/hotline.conf.tmpl) — started as separate processes on the test database.

Shown here: requests are spread over both nodes and a session opened on one is valid on the
other; a team leader's message and a call's screen pop sent through node 1 (or by the CTI
bridge, which is a process of its own) reach the agent whose browser long-polls node 2; a killed
worker is replaced by its node's master and nothing the proxy accepted is lost.
"""
import os
import signal
import socket
import sys
import threading
import time
import unittest
import uuid
import xmlrpc.client

import requests

import odoo
import odoo.tests.common

from odoo.addons.hotline_core.tests import waiting

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                'tools'))
import cluster as cluster_tool  # noqa: E402 (tools/cluster.py)

DB = odoo.tests.common.get_db_name()


def _free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def _session(base, login):
    """A browser-like session logged in through ``base`` (cookie session_id)."""
    session = requests.Session()
    reply = session.post(base + '/web/session/authenticate', json={
        'jsonrpc': '2.0', 'params': {'db': DB, 'login': login, 'password': login}}, timeout=30)
    reply.raise_for_status()
    assert reply.json()['result']['uid'], reply.text
    return session


class TestCluster(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        ports = [(_free_port(), _free_port()) for _i in range(2)]
        cls.cluster = cluster_tool.Cluster(
            odoo.tools.config.rcfile, DB, directory=os.path.join(
                odoo.tools.config['data_dir'], 'cluster-' + DB),
            proxy_port=_free_port(), nodes=2, workers=2, node_ports=ports)
        try:
            cls.cluster.start(timeout=180)
        except Exception:
            cls.cluster.stop()
            raise
        cls.proxy = 'http://127.0.0.1:%d' % cls.cluster.proxy_port
        cls.node1 = 'http://127.0.0.1:%d' % ports[0][0]
        cls.node2 = 'http://127.0.0.1:%d' % ports[1][0]
        cls.bus2 = 'http://127.0.0.1:%d' % ports[1][1]

    @classmethod
    def tearDownClass(cls):
        cls.cluster.stop()
        # the drill's requests were committed by the nodes: remove them for the tests after this
        with odoo.registry(DB).cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env['hotline.ticket'].search([('title', 'like', '集群演练工单')]).unlink()

    def _rpc(self, base, login, model, method, *args):
        common = xmlrpc.client.ServerProxy(base + '/xmlrpc/2/common')
        uid = common.authenticate(DB, login, login, {})
        models = xmlrpc.client.ServerProxy(base + '/xmlrpc/2/object')
        return models.execute_kw(DB, uid, login, model, method, list(args))

    def _poll(self, session, result, stop_when, last=0, limit=30, polling=None):
        """Long-poll node 2's bus as a browser does, until ``stop_when(message)``; sets the
        event ``polling`` as the first poll is sent."""
        deadline = time.time() + limit
        while time.time() < deadline:
            if polling is not None:
                polling.set()
            reply = session.post(self.bus2 + '/longpolling/poll', json={
                'jsonrpc': '2.0', 'method': 'call',
                'params': {'channels': [], 'last': last, 'options': {}}}, timeout=70)
            for note in reply.json().get('result', []):
                last = max(last, note['id'])
                if stop_when(note['message']):
                    result['message'] = note['message']
                    result['received'] = time.time()
                    return

    def test_requests_spread_over_nodes_with_one_session(self):
        """NF-6: through the proxy, requests reach both nodes; the session opened on one node
        is the same user on the other (sessions live in the shared filestore)."""
        session = _session(self.proxy, 'agent')
        nodes = set()
        # nginx rests a node for 5 s after an error (fail_timeout; a drill may just have
        # killed one of its workers): keep asking for up to 30 s
        deadline = time.time() + 30
        while len(nodes) < 2 and time.time() < deadline:
            reply = session.post(self.proxy + '/web/session/get_session_info',
                                 json={'jsonrpc': '2.0', 'params': {}}, timeout=30)
            self.assertEqual(reply.json()['result']['username'], 'agent')
            nodes.add(reply.headers['X-Hotline-Node'])
            time.sleep(0.3)
        self.assertEqual(len(nodes), 2, nodes)
        # the proxy hides Odoo's database manager
        self.assertEqual(requests.get(self.proxy + '/web/database/manager').status_code, 404)

    def test_leader_message_reaches_agent_on_other_node(self):
        """AG-6, NF-6: a team leader's message sent through node 1 reaches the agent whose
        browser long-polls node 2 (PostgreSQL NOTIFY carries the bus across nodes)."""
        agent_session = _session(self.node2, 'agent')
        agent_id = self._rpc(self.node1, 'admin', 'hotline.cti.agent', 'search',
                             [('user_id.login', '=', 'agent')])[0]
        body = '集群演练 %s' % uuid.uuid4().hex[:8]
        result = {}
        polling = threading.Event()
        poller = threading.Thread(target=self._poll, args=(
            agent_session, result,
            lambda m: isinstance(m, dict) and (m.get('message') or {}).get('body') == body),
            kwargs={'polling': polling})
        poller.start()
        # the poll is on its way to node 2 (a message sent before it arrives is still in it:
        # a first poll, last = 0, returns the bus messages of the last 50 s)
        self.assertTrue(polling.wait(30), "the agent's poll did not start")
        sent = time.time()
        self._rpc(self.node1, 'leader', 'hotline.cti.message', 'cti_send', [agent_id], body)
        poller.join(40)
        self.assertIn('message', result, 'the message never reached node 2')
        self.assertEqual(result['message']['type'], 'message')
        latency = result['received'] - sent
        print('\ncross-node bus latency: %.0f ms' % (latency * 1000))
        self.assertLess(latency, 5.0)

    def _http_workers(self, index):
        """The HTTP worker processes of node ``index`` (named by setproctitle)."""
        _master, children = self.cluster.node_pids(index)
        workers = []
        for pid in children:
            try:
                with open('/proc/%d/cmdline' % pid, 'rb') as f:
                    if b'WorkerHTTP' in f.read():
                        workers.append(pid)
            except OSError:
                pass
        return workers

    def _register(self, title):
        """An integrator's careful client: on a failed call it looks the request up before
        sending it again, so a retry never registers it twice."""
        for _attempt in range(10):
            try:
                return self._rpc(self.proxy, 'agent', 'hotline.ticket', 'create', {
                    'title': title, 'content': '进程被杀后不能丢单。',
                    'caller_number': '13812340001'})
            except (OSError, xmlrpc.client.ProtocolError, xmlrpc.client.Fault):
                time.sleep(0.5)
                found = self._rpc(self.proxy, 'agent', 'hotline.ticket', 'search',
                                  [('title', '=', title)])
                if found:
                    return found[0]
        raise AssertionError('%s was never registered' % title)

    def test_killed_worker_is_replaced_and_nothing_is_lost(self):
        """Issue 9 fault drill: while requests are registered through the proxy, an HTTP
        worker of each node is killed (SIGKILL) mid-stream; the masters start new ones, and every
        request the client registered is in the database exactly once."""
        before = {1: self._http_workers(1), 2: self._http_workers(2)}
        self.assertEqual([len(before[1]), len(before[2])], [2, 2])
        titles, errors = [], []

        def writer():
            try:
                for _i in range(30):
                    title = '集群演练工单 %s' % uuid.uuid4().hex[:8]
                    self._register(title)
                    titles.append(title)
            except Exception as exc:  # reported by the main thread
                errors.append(exc)
        thread = threading.Thread(target=writer)
        thread.start()
        # mid-stream: a worker of each node killed while the client is registering
        waiting.wait_for(lambda: len(titles) >= 5 or not thread.is_alive(),
                         'the first 5 requests registered', timeout=120)
        os.kill(before[1][0], signal.SIGKILL)
        waiting.wait_for(lambda: len(titles) >= 10 or not thread.is_alive(),
                         '5 more requests registered', timeout=120)
        os.kill(before[2][0], signal.SIGKILL)
        thread.join(180)
        self.assertFalse(errors, errors)
        self.assertEqual(len(titles), 30)
        for index in (1, 2):  # the master respawns within its 1-second loop
            for _i in range(40):
                now = self._http_workers(index)
                if len(now) == 2 and before[index][0] not in now:
                    break
                time.sleep(0.5)
            self.assertEqual(len(now), 2)
            self.assertNotIn(before[index][0], now)
        found = self._rpc(self.node1, 'admin', 'hotline.ticket', 'search_read',
                          [('title', 'in', titles)], ['title'])
        self.assertEqual(sorted(r['title'] for r in found), sorted(titles))
