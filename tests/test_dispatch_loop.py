"""DS-1, UN-2, UN-3, CB-1…CB-3, NF-2, IF-1: one request through the whole dispatch loop over
XML-RPC, run as an integrator would run it (examples/dispatch_loop_example.py against the
live server that conftest.py starts), checking at every step who can see the request.

As in test_xmlrpc_example.py, the HTTP requests use the registry's test cursor, so the
database checks read that cursor (``server_query``), not ``self.env``.
"""
import json
import os
import subprocess
import sys

import live  # tests/live.py

import odoo
from odoo.tests.common import get_db_name

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, 'examples', 'dispatch_loop_example.py')


def seen(step):
    return {login for login, visible in step['visible'].items() if visible}


class TestDispatchLoop(live.LiveServerCase):

    def setUp(self):
        super().setUp()
        self.url = 'http://127.0.0.1:%s' % odoo.tools.config['http_port']
        self.db = get_db_name()

    def test_request_travels_the_whole_loop(self):
        """DS-1, DS-2, UN-2, CB-1, CB-2, CB-3, NF-2, IF-1: registration → dispatch → forward
        to a street and a community → completion back up → audit → unsatisfied callback →
        re-handling → second dissatisfaction (special supervision, leader opinion first) →
        satisfied callback → closed; at each step exactly the right units see it; wrong
        actors are refused with a clear fault."""
        proc = subprocess.run(
            [sys.executable, EXAMPLE, '--url', self.url, '--db', self.db],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300,
            env=dict(os.environ, PYTHONIOENCODING='utf-8'))
        stdout, stderr = proc.stdout.decode('utf-8'), proc.stderr.decode('utf-8')
        self.assertEqual(proc.returncode, 0, 'example failed:\n%s\n%s' % (stdout, stderr))
        steps = {}
        for line in stdout.splitlines():
            if line.strip():
                data = json.loads(line)
                steps[data['step']] = data

        office = {'dispatcher'}
        # registered and submitted: only the office (no unit) sees it
        self.assertEqual(steps['register']['state'], 'submitted')
        self.assertEqual(seen(steps['register']), office)
        # an agent cannot dispatch: access fault, not a traceback
        refused = steps['agent_cannot_dispatch']
        self.assertEqual(refused['fault_code'], 4, refused)
        self.assertNotIn('Traceback', refused['message'])
        # DS-2: the location's district is suggested; after dispatch the district sees it,
        # not the street below it yet, nor the other district
        self.assertEqual(steps['dispatch']['default_main_unit'], '东城区人民政府')
        self.assertEqual(steps['dispatch']['state'], 'dispatched')
        self.assertEqual(seen(steps['dispatch']), office | {'unit_handler'})
        self.assertEqual(steps['district_sign']['state'], 'in_progress')
        self.assertEqual(seen(steps['forward_street']),
                         office | {'unit_handler', 'street_handler'})
        self.assertEqual(seen(steps['forward_community']),
                         office | {'unit_handler', 'street_handler', 'community_handler'})
        self.assertEqual(steps['community_complete']['state'], 'in_progress')
        self.assertEqual(steps['district_report']['state'], 'to_audit')
        # a unit cannot audit
        self.assertIn(steps['unit_cannot_audit']['fault_code'], (2, 4))
        self.assertEqual(steps['audit_pass_1']['state'], 'to_callback')
        self.assertEqual(steps['callback_unsatisfied_1']['state'], 'callback_failed')
        self.assertFalse(steps['callback_unsatisfied_1']['special_supervision'])
        self.assertEqual(steps['rehandle_1']['state'], 'in_progress')
        self.assertEqual(steps['district_report_2']['state'], 'to_audit')
        # second dissatisfaction: special supervision, the leader speaks first
        self.assertTrue(steps['callback_unsatisfied_2']['special_supervision'])
        blocked = steps['complete_needs_leader_opinion']
        self.assertEqual(blocked['fault_code'], 2, blocked)
        self.assertRegex(blocked['message'], 'leader|领导')
        self.assertEqual(steps['district_report_3']['state'], 'to_audit')
        closed = steps['callback_satisfied']
        self.assertEqual(closed['state'], 'done')
        # the sibling district never saw it; every unit involved still does
        for name, data in steps.items():
            if 'visible' in data:
                self.assertFalse(data['visible']['xicheng_handler'], name)
        self.assertEqual(seen(closed), office | {'unit_handler', 'street_handler',
                                                 'community_handler'})
        self.assertEqual(steps['done']['state'], 'done')

        # the trail, as the server wrote it: every unit step names its unit
        rows = self.server_query("""
            SELECT s.action, s.state_label, u.code FROM hotline_ticket_step s
              LEFT JOIN hotline_unit u ON u.id = s.unit_id
             WHERE s.ticket_id = %s ORDER BY s.id""", [closed['id']])
        actions = [r['action'] for r in rows]
        for action in ('register', 'submit', 'dispatch', 'sign', 'unit_forward', 'unit_entry',
                       'unit_complete', 'report', 'audit_pass', 'callback_unsatisfied',
                       'special_supervision', 'rehandle', 'leader_opinion',
                       'callback_satisfied'):
            self.assertIn(action, actions)
        units = {r['code'] for r in rows if r['action'] in ('sign', 'unit_sign')}
        self.assertEqual(units, {'QC-DC', 'QC-DC-HP', 'QC-DC-HP-CY'})
        self.assertEqual(actions.count('callback_unsatisfied'), 2)
        # NF-1: the trail reads in the users' language even though the calls carried no
        # language context
        labels = {r['action']: r['state_label'] for r in rows}
        self.assertEqual(labels['dispatch'], '已派单待签收')
        self.assertEqual(labels['callback_satisfied'], '已办结')
