# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import json
import time

import odoo

from odoo.addons.hotline_core.tests import http_case
from odoo.addons.hotline_core.tests.common import HotlineCase

from ..bridge.runner import Bridge
from .ami_pbx import AmiTestPbx


class CtiCase(HotlineCase):
    """hotline_core's fixtures plus a test PBX on a free loopback port, the PBX record
    pointing at it, a queue 12345, two agent seats and a team leader."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pbx = AmiTestPbx().start()
        cls.server = cls.env['asterisk.server'].create({
            'name': 'Test PBX', 'ip_address': '127.0.0.1', 'port': cls.pbx.port,
            'login': 'hotline', 'password': 's3cret', 'context': 'hotline-agents',
            'cti_enabled': True,
        })
        cls.queue = cls.env['hotline.cti.queue'].create({'name': '12345',
                                                         'server_id': cls.server.id})
        cls.agent2 = cls._user('t_agent2', 'group_hotline_agent')
        cls.leader = cls._user('t_leader', 'group_hotline_team_leader')
        Agent = cls.env['hotline.cti.agent']
        cls.seat = Agent.create({'user_id': cls.agent.id, 'agent_number': '7001',
                                 'extension': 'PJSIP/7001', 'server_id': cls.server.id,
                                 'queue_ids': [(6, 0, cls.queue.ids)]})
        cls.seat2 = Agent.create({'user_id': cls.agent2.id, 'agent_number': '7002',
                                  'extension': 'PJSIP/7002', 'server_id': cls.server.id,
                                  'queue_ids': [(6, 0, cls.queue.ids)]})
        cls.leader_seat = Agent.create({'user_id': cls.leader.id, 'agent_number': '7009',
                                        'extension': 'PJSIP/7009', 'server_id': cls.server.id,
                                        'queue_ids': [(6, 0, cls.queue.ids)]})

    @classmethod
    def tearDownClass(cls):
        cls.pbx.stop()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.pbx.reset()
        self.bridge = None

    def tearDown(self):
        if self.bridge:
            self.bridge.stop()
        super().tearDown()

    def start_bridge(self):
        self.bridge = Bridge.from_server(self.server, backoff=(0.05, 0.5)).start()
        self.assertTrue(self.pbx.wait_clients(1), 'the bridge did not log in to the test PBX')
        self.pump_until(lambda items: any(k == 'resync' for k, _d in items))
        return self.bridge

    def connect_call(self, number='13800138000', holdtime=0):
        """Bridge started, agent 7001 logged in, an inbound call queued, rung and answered
        by 7001 and applied: returns the caller's test-PBX channel and the call record."""
        self.start_bridge()
        self.seat.action_login()
        ch = self.pbx.new_inbound(number)
        self.pbx.queue_join(ch)
        self.pbx.agent_called(ch, 'PJSIP/7001', '7001')
        self.pbx.agent_connect(ch, 'PJSIP/7001', '7001', holdtime=holdtime)
        self.pump_event('AgentConnect')
        return ch, self.env['hotline.cti.call'].search([('uniqueid', '=', ch['Uniqueid'])])

    def pump_until(self, condition, timeout=5.0):
        """Apply the bridge's items until ``condition(all items so far)`` holds."""
        seen = []
        deadline = time.time() + timeout
        while time.time() < deadline:
            seen += self.bridge.pump(self.env, timeout=0.05)
            if condition(seen):
                return seen
        self.fail('bridge items never met the condition; got %s' % [
            (k, d.get('Event') if isinstance(d, dict) else d) for k, d in seen])

    def pump_event(self, name, timeout=5.0):
        return self.pump_until(lambda items: any(
            k == 'event' and d.get('Event') == name for k, d in items), timeout)

    def bus_messages(self, user, kind=None):
        channel = json.dumps((self.env.cr.dbname, 'hotline.cti', user.partner_id.id),
                             separators=(',', ':'))
        rows = self.env['bus.bus'].sudo().search([('channel', '=', channel)], order='id')
        messages = [json.loads(r.message) for r in rows]
        return [m for m in messages if not kind or m.get('type') == kind]


class CtiHttpCase(http_case.HotlineHttpCase):
    """The live server's base URL and its cursor: Odoo 11's HttpCase serves requests with
    ``registry.test_cr``, so fixtures the HTTP requests must see are written through it."""

    def setUp(self):
        super().setUp()
        self.base = 'http://127.0.0.1:%s' % odoo.tools.config['http_port']
