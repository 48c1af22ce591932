# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""A live Odoo server plus the test Kannel peer as a separate process.

The HTTP requests of the live server (delivery reports, received SMS) use
``registry.test_cr``; so do the SMS sender's own transactions (``registry.cursor()``
returns it in test mode). The test therefore reads and writes through ``server_env()``,
never through ``self.env`` (another transaction that would not see them).
"""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import odoo

from odoo.addons.hotline_core.tests import http_case

PEER = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'kannel_peer.py')
TOKEN = 'test-token-3f9a7c'


def free_port(first=13100, last=13199):
    for port in range(first, last + 1):
        with socket.socket() as sock:
            try:
                sock.bind(('127.0.0.1', port))
            except OSError:
                continue
            return port
    raise RuntimeError('no free port in %d-%d' % (first, last))


class KannelPeerProcess(object):
    """``python kannel_peer.py`` on a free port of 13100-13199; ``stop()`` takes the
    gateway down, ``start()`` brings it back on the same port."""

    def __init__(self, username='hotline', password='secret'):
        self.username, self.password = username, password
        self.port = free_port()
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(
            [sys.executable, PEER, '--port', str(self.port), '--username', self.username,
             '--password', self.password], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        line = self.proc.stdout.readline().decode()
        assert line.startswith('READY'), line + self.proc.stderr.read().decode()
        return self

    def stop(self):
        if self.proc:
            self.proc.terminate()
            self.proc.wait(10)
            self.proc = None

    @property
    def url(self):
        return 'http://127.0.0.1:%d' % self.port

    def control(self, path, **params):
        query = urllib.parse.urlencode(params)
        with urllib.request.urlopen('%s/__peer/%s?%s' % (self.url, path, query),
                                    timeout=30) as response:
            data = response.read().decode()
        return json.loads(data) if path in ('messages', 'mo') else data


class SmsLiveCase(http_case.HotlineHttpCase):
    server_context = {'lang': 'zh_CN', 'tz': 'Asia/Shanghai'}
    peer = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.peer = KannelPeerProcess().start()

    @classmethod
    def tearDownClass(cls):
        cls.peer.stop()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        if self.peer.proc is None:
            self.peer.start()
        self.peer.control('reset')
        with self.server_env() as env:
            env['hotline.sms.gateway'].search([]).write({'active': False})
            self.gateway_id = env['hotline.sms.gateway'].create({
                'name': 'Kannel test peer', 'provider': 'kannel', 'url': self.peer.url,
                'username': 'hotline', 'password': 'secret', 'sender': '10690012345',
                'timeout': 2, 'token': TOKEN,
                'callback_url': 'http://127.0.0.1:%d' % odoo.tests.common.PORT,
            }).id
            params = env['ir.config_parameter']
            params.set_param('hotline_sms.retry_delay', '30')
            params.set_param('hotline_sms.signature', '青川12345')
            # Nothing queued by the demo data or other tests goes out in these tests.
            env.cr.execute("UPDATE hotline_sms_message SET state = 'failed' "
                           "WHERE state IN ('queued', 'sending')")

    def send_queue(self):
        with self.server_env() as env:
            return env['hotline.sms.message']._cron_send()

    def read_messages(self, domain):
        with self.server_env() as env:
            return env['hotline.sms.message'].search(domain, order='id').read(
                ['number', 'body', 'state', 'tries', 'error', 'dlr_status', 'ticket_id',
                 'kind', 'next_try', 'gateway_answer'])

    def wait_for(self, domain, count, timeout=15):
        """Wait until ``count`` messages match (delivery reports arrive asynchronously)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self.server_env() as env:
                if env['hotline.sms.message'].search_count(domain) >= count:
                    return True
            time.sleep(0.1)
        return False

    def make_due(self):
        """Time passes: every waiting retry becomes due."""
        with self.server_env() as env:
            env.cr.execute("UPDATE hotline_sms_message SET next_try = now() at time zone "
                           "'UTC' - interval '1 second' WHERE state = 'queued'")
