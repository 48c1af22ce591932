"""IF-1: the XML-RPC example of docs/API.md runs against a live server.

The example script is run as a separate process (as an integrator would run it) against the
HTTP server that conftest.py starts inside the pytest process.

Note on cursors (Odoo 11): HttpCase puts the registry in test mode with a cursor of its own,
``registry.test_cr``, which every HTTP request uses and which is rolled back at the end of the
test. The test's ``self.cr`` / ``self.env`` is a *different* transaction: it does not see what
the requests wrote. So the checks below read the server's cursor (``server_query``), holding
its lock only while no request runs, and nothing is written through ``self.env`` before the
subprocess (an uncommitted write there could block the server and so the test).
"""
import json
import os
import re
import subprocess
import sys

import live  # tests/live.py

import odoo
from odoo.tests.common import get_db_name

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, 'examples', 'xmlrpc_example.py')
NUMBER_RE = re.compile(r'^12345-\d{8}-\d{5}$')


class TestXmlrpcExample(live.LiveServerCase):

    def setUp(self):
        super().setUp()
        self.url = 'http://127.0.0.1:%s' % odoo.tools.config['http_port']
        self.db = get_db_name()

    def _run_example(self, *extra, timeout=180):
        cmd = [sys.executable, EXAMPLE, '--url', self.url, '--db', self.db] + list(extra)
        env = dict(os.environ, PYTHONIOENCODING='utf-8')
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=timeout, env=env)
        stdout, stderr = proc.stdout.decode('utf-8'), proc.stderr.decode('utf-8')
        lines = [json.loads(line) for line in stdout.splitlines() if line.strip()]
        return proc.returncode, {line['step']: line for line in lines}, stdout, stderr

    def test_example_registers_request(self):
        """IF-1, CZ-1, TK-1: the example authenticates as an agent, finds demo citizen 张建华 by
        phone, registers and submits a request, reads it back two ways and shows that an
        invalid phone is refused with a clear message; the request is in the database,
        submitted and linked to the citizen."""
        rc, steps, stdout, stderr = self._run_example('--user', 'agent', '--password', 'agent')
        self.assertEqual(rc, 0, 'example failed:\n%s\n%s' % (stdout, stderr))
        self.assertEqual(
            list(steps), ['authenticate', 'find_citizen', 'register', 'status', 'search_read',
                          'invalid_phone', 'done'])

        agent = self.env.ref('hotline_core.user_agent')
        zhang = self.env.ref('hotline_core.citizen_zhang')
        self.assertEqual(steps['authenticate']['uid'], agent.id)

        # CZ-1: the caller's number finds the citizen's profile
        found = steps['find_citizen']
        self.assertEqual(found['partner_ids'][0], zhang.id)
        self.assertEqual(found['citizens'][0]['name'], '张建华')

        # TK-1: a numbered request, submitted to the office
        registered = steps['register']
        self.assertRegex(registered['name'], NUMBER_RE)
        self.assertEqual(registered['state'], 'submitted')

        status = steps['status']
        self.assertEqual(status['name'], registered['name'])
        self.assertEqual(status['state'], 'submitted')
        self.assertEqual(status['process_state'], 'unprocessed')
        self.assertEqual(len(status['steps']), 2, status['steps'])  # registered, submitted

        record = steps['search_read']['record']
        self.assertEqual(record['id'], registered['id'])
        self.assertEqual(record['state'], 'submitted')
        self.assertEqual(record['partner_id'][0], zhang.id)
        self.assertEqual(record['contact_phone'], '+8613812340001')  # E.164
        self.assertEqual((record['ticket_type'], record['channel']), ('report', 'app'))

        # invalid input: a fault naming the number and the field, not a bare traceback
        invalid = steps['invalid_phone']
        self.assertEqual(invalid['phone'], '12345abc')
        self.assertIn('12345abc', invalid['message'])
        self.assertNotIn('Traceback', invalid['message'])
        self.assertRegex(invalid['message'], r'(?i)phone|电话')
        self.assertEqual(steps['done'], {'step': 'done', 'ok': True, 'name': registered['name']})

        # the request is in the database, as the server wrote it
        rows = self.server_query("""
            SELECT t.name, t.state, t.process_state, t.partner_id, t.user_id, t.title,
                   (SELECT count(*) FROM hotline_ticket_step s WHERE s.ticket_id = t.id) AS steps
              FROM hotline_ticket t WHERE t.id = %s""", [registered['id']])
        self.assertEqual(len(rows), 1)
        row = rows[0]
        self.assertEqual(row['name'], registered['name'])
        self.assertEqual((row['state'], row['process_state']), ('submitted', 'unprocessed'))
        self.assertEqual(row['partner_id'], zhang.id)
        self.assertEqual(row['user_id'], agent.id)
        self.assertEqual(row['steps'], 2)
        self.assertIn('XML-RPC', row['title'])
        # and the refused request left nothing behind
        bad = self.server_query(
            "SELECT count(*) AS n FROM hotline_ticket WHERE contact_phone = %s", ['12345abc'])
        self.assertEqual(bad[0]['n'], 0)

    def test_bad_password_fails_clearly(self):
        """IF-1: a wrong password stops the example at authentication with exit code 3 and a
        sentence saying so; nothing is registered."""
        before = self.server_query('SELECT count(*) AS n FROM hotline_ticket')[0]['n']
        rc, steps, stdout, stderr = self._run_example('--user', 'agent', '--password', 'wrong')
        self.assertEqual(rc, 3, stdout + stderr)
        self.assertEqual(list(steps), ['error'])
        self.assertEqual(steps['error']['failed_step'], 'authenticate')
        self.assertIn('authentication failed', steps['error']['message'])
        self.assertIn("'agent'", steps['error']['message'])
        self.assertIn('wrong login or password', stderr)
        self.assertNotIn('Traceback', stdout + stderr)
        after = self.server_query('SELECT count(*) AS n FROM hotline_ticket')[0]['n']
        self.assertEqual(after, before)

    def test_unit_user_cannot_register(self):
        """IF-1, NF-2: the API applies the user's rights: a unit handler may not create
        requests and gets an access-error fault (code 4), not a traceback."""
        rc, steps, stdout, stderr = self._run_example(
            '--user', 'unit_handler', '--password', 'unit_handler')
        self.assertEqual(rc, 1, stdout + stderr)
        self.assertEqual(steps['error']['failed_step'], 'call')
        self.assertEqual(steps['error']['fault_code'], 4, steps['error'])
        self.assertIn('hotline.ticket', steps['error']['message'])
        self.assertNotIn('Traceback', stdout + stderr)
