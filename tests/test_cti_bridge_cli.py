"""AG-1, AG-3, AG-9: the production bridge command, ``odoo-bin hotline-cti``, as a process.

Like the browser test, this commits its fixtures to the test database (a fresh copy per run)
and restores them: the command runs in its own process with its own transactions. A test PBX
on 127.0.0.1 rings the demo agent 1001, drops the manager connection mid-call, and ends the
call while the bridge reconnects; the call record must be complete and the popup on the agent's
channel only.
"""
import json
import os
import subprocess
import sys
import time
import unittest

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tests.common import get_db_name

from odoo.addons.hotline_cti.tests.ami_pbx import AmiTestPbx

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CALLER = '13812340001'      # hotline_core demo citizen 张建华


class TestBridgeCommand(unittest.TestCase):

    def setUp(self):
        self.registry = odoo.registry(get_db_name())
        self.pbx = AmiTestPbx(secret='cli-secret').start()
        self.addCleanup(self.pbx.stop)
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            server = env.ref('hotline_cti.pbx_main')
            self.saved = server.read(['ip_address', 'port', 'login', 'password',
                                      'cti_enabled'])[0]
            del self.saved['id']
            server.write({'ip_address': '127.0.0.1', 'port': self.pbx.port,
                          'login': 'hotline', 'password': 'cli-secret', 'cti_enabled': True})
            self.server_id = server.id
            self.agent_partner = env.ref('hotline_core.user_agent').partner_id.id
            self.leader_partner = env.ref('hotline_core.user_leader').partner_id.id
        self.addCleanup(self._restore)
        config = odoo.tools.config
        command = [sys.executable, os.path.join(ROOT, 'tools', 'odoo-bin'),
                   '--addons-path=%s' % config['addons_path'], 'hotline-cti',
                   '-c', config.rcfile, '-d', get_db_name(), '--interval', '0.05']
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE)
        self.addCleanup(self._stop_process)

    def _stop_process(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process.stderr.close()

    def _restore(self):
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env['hotline.cti.call'].search([('server_id', '=', self.server_id),
                                            ('caller_number', '=', CALLER),
                                            ('ticket_id', '=', False)]).unlink()
            env['asterisk.server'].browse(self.server_id).write(self.saved)
            env.ref('hotline_cti.agent_agent').write({'state': 'logout',
                                                      'current_call_id': False})

    def _query(self, query, params=()):
        with api.Environment.manage(), self.registry.cursor() as cr:
            cr.execute(query, params)
            return cr.fetchall()

    def _wait(self, query, params, predicate, timeout=10.0):
        deadline = time.time() + timeout
        rows = None
        while time.time() < deadline:
            rows = self._query(query, params)
            if predicate(rows):
                return rows
            time.sleep(0.1)
        self.fail('condition not met within %ss; last rows: %r' % (timeout, rows))

    def test_command_survives_drop_and_completes_call(self):
        """AG-1, AG-3, AG-9: the command logs in, pops the screen of the ringing agent only,
        survives a dropped manager connection mid-call, and the call record ends complete
        (wait and talk time from the PBX, citizen found by number); SIGTERM stops it."""
        if not self.pbx.wait_clients(1, timeout=60):
            self.fail('the command did not log in: %s' % self.process.stderr.read(4000))
        channel = self.pbx.new_inbound(CALLER)
        self.pbx.queue_join(channel)
        self.pbx.agent_called(channel, 'PJSIP/8001', '1001')
        self.pbx.agent_connect(channel, 'PJSIP/8001', '1001', holdtime=6, ringtime=2)
        self._wait("SELECT state FROM hotline_cti_call WHERE uniqueid = %s",
                   [channel['Uniqueid']], lambda rows: rows and rows[0][0] == 'talking')
        self.pbx.drop()
        self.assertTrue(self.pbx.wait_clients(1, timeout=15), 'the command did not reconnect')
        self.pbx.agent_complete(channel, 'PJSIP/8001', '1001', holdtime=6, talktime=48)
        rows = self._wait("""
            SELECT c.state, c.disposition, c.wait_time, c.talk_time, p.name,
                   c.answer_date IS NOT NULL, c.end_date IS NOT NULL
              FROM hotline_cti_call c LEFT JOIN res_partner p ON p.id = c.partner_id
             WHERE c.uniqueid = %s""", [channel['Uniqueid']],
                          lambda rows: rows and rows[0][0] == 'done')
        self.assertEqual(rows[0], ('done', 'answered', 6, 48, '张建华', True, True))
        popups = self._query("SELECT channel FROM bus_bus WHERE message LIKE %s",
                             ['%%"type":"popup"%%%s%%' % channel['Uniqueid']])
        channels = {tuple(json.loads(c)[1:]) for (c,) in popups}
        self.assertEqual(channels, {('hotline.cti', self.agent_partner)},
                         'AG-3: the popup must reach agent 1001 only')
        self.process.terminate()
        self.assertEqual(self.process.wait(15), 0)
