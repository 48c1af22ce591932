"""The real-PBX test harness (issue 17): a real Asterisk with the shipped ``docs/asterisk``
configuration, the real bridge process (``odoo-bin hotline-cti``, as ``./hotline cti`` starts it)
and the Odoo test server, all three on the test database.

Where the Asterisk is: ``HOTLINE_ASTERISK`` (an ``asterisk-here`` script, or a folder holding
one), else ``../shared/asterisk/asterisk-here`` beside the checkout (as in CI). Without one the
tests say so and are skipped; so they are when that Asterisk cannot run on this machine's
processor (it dies of an illegal instruction: a build for instructions the processor lacks).
Any other failure to start it fails the tests.

How the processes share data: the bridge is another process, so it cannot see a test's
uncommitted transaction (nor the live server's ``registry.test_cr`` of an HttpCase). These tests
are therefore plain ``unittest`` cases that commit their fixtures to the test database (a fresh
copy of the template at every ``./hotline test``) and restore them at the end, like
``tests/test_cti_bridge_cli.py``; the users act over XML-RPC on the in-process test server
(``odoo.tests.common.PORT``), which also answers the dialplan's caller lookup (CURL), and the
bridge's FastAGI serves the IVR and the agent-number announcement.

Every wait is a condition with a deadline (database polling, AMI events, the CLI), no sleep.
Import the module (``import realpbx``), not the classes, so that pytest does not collect them.
"""
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.request
import xmlrpc.client

import psycopg2

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tests.common import get_db_name

from odoo.addons.hotline_cti.bridge.ami import AmiConnection, AmiError, ami_action

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, 'tests', 'asterisk')
SHIPPED = os.path.join(ROOT, 'docs', 'asterisk')
PHONE = {'agent': 'Local/8001@hotline-phones', 'leader': 'Local/8002@hotline-phones'}
DEADLINE = 30.0


def asterisk_here():
    """(path of the asterisk-here script or None, where it was looked for)."""
    where = os.environ.get('HOTLINE_ASTERISK') or os.path.join(
        os.path.dirname(ROOT), 'shared', 'asterisk')
    path = os.path.join(where, 'asterisk-here') if os.path.isdir(where) else where
    return (path if os.path.isfile(path) and os.access(path, os.X_OK) else None), where


def cpu_name():
    """The processor's model name (``/proc/cpuinfo``), for messages."""
    try:
        with open('/proc/cpuinfo') as cpuinfo:
            for line in cpuinfo:
                if line.startswith('model name'):
                    return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return 'unknown processor'


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout=DEADLINE, what='condition', interval=0.05):
    """Poll ``predicate`` until it returns something true; fail with ``what`` and the last
    value at the deadline."""
    deadline = time.time() + timeout
    value = None
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError('%s not met within %ss; last value: %r' % (what, timeout, value))


def write_site(site, ami_port, secret, test_secret, http_port, agi_port, token):
    """The site folder of a run: the shipped manager.conf on loopback and ``ami_port``
    with this run's ``secret`` plus the test user, and the test phones and citizens
    (tests/asterisk/) with their @NAME@ values filled in."""
    values = {'HTTP_PORT': http_port, 'AGI_PORT': agi_port,
              'LOOKUP_TOKEN': token, 'TEST_SECRET': test_secret}

    def render(text):
        return re.sub(r'@([A-Z_]+)@', lambda m: str(values.get(m.group(1), m.group(0))),
                      text)
    with open(os.path.join(SHIPPED, 'manager.conf')) as f:
        manager = f.read()
    # the shipped manager.conf, on loopback and a free port, with a secret of this run
    manager = re.sub(r'(?m)^port = .*$', 'port = %d' % ami_port, manager)
    manager = re.sub(r'(?m)^bindaddr = .*$', 'bindaddr = 127.0.0.1', manager)
    manager = re.sub(r'(?m)^secret = .*$', 'secret = %s' % secret, manager)
    manager = re.sub(r'(?m)^permit = .*$', '', manager)
    manager = manager.replace('deny = 0.0.0.0/0.0.0.0',
                              'deny = 0.0.0.0/0.0.0.0\npermit = 127.0.0.1/255.255.255.255')
    with open(os.path.join(FIXTURES, 'manager-test-user.conf')) as f:
        manager += '\n' + render(f.read())
    with open(os.path.join(site, 'manager.conf'), 'w') as f:
        f.write(manager)
    with open(os.path.join(FIXTURES, 'extensions-site.conf')) as f:
        site_conf = render(f.read())
    with open(os.path.join(site, 'extensions-site.conf'), 'w') as f:
        f.write(site_conf)


class Asterisk(object):
    """One Asterisk in its own run folder (``asterisk-here start|cli|stop``)."""

    def __init__(self, script, rundir, confdirs):
        self.script, self.rundir, self.confdirs = script, rundir, confdirs

    def start(self):
        done = subprocess.run([self.script, 'start', self.rundir] + self.confdirs,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)
        if done.returncode in (128 + signal.SIGILL, -signal.SIGILL) \
                or b'Illegal instruction' in done.stderr:
            raise unittest.SkipTest(
                'the Asterisk of %s cannot run on this processor (%s): it died of an '
                'illegal instruction, built for instructions this processor lacks; the '
                'real-PBX tests are skipped' % (self.script, cpu_name()))
        done.check_returncode()

    def stop(self):
        subprocess.run([self.script, 'stop', self.rundir], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=60)

    def cli(self, command):
        return subprocess.run([self.script, 'cli', self.rundir, command],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              timeout=30).stdout.decode('utf-8', 'replace')

    def log(self):
        try:
            with open(os.path.join(self.rundir, 'log', 'messages.log'), errors='replace') as f:
                return f.read()
        except OSError:
            return ''

    def channels(self):
        """`core show channels concise`: one dict per channel."""
        rows = []
        for line in self.cli('core show channels concise').splitlines():
            parts = line.split('!')
            if len(parts) > 6:
                rows.append({'channel': parts[0], 'context': parts[1], 'exten': parts[2],
                             'state': parts[4], 'app': parts[5], 'data': parts[6]})
        return rows


class AmiWatcher(object):
    """The test's own AMI session (user hotline-test, every event): keeps what it reads."""

    def __init__(self, port, secret):
        self.port, self.secret = port, secret
        self.events = []
        self._cond = threading.Condition()
        self._conn = None
        self._stop = False
        self._thread = None

    def start(self):
        self._conn = AmiConnection('127.0.0.1', self.port, 'hotline-test', self.secret)
        self._conn.connect()
        self._conn.sock.settimeout(None)
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()
        return self

    def _read(self):
        try:
            while not self._stop:
                message = self._conn.read_message()
                with self._cond:
                    self.events.append(message)
                    self._cond.notify_all()
        except (OSError, ConnectionError):
            pass

    def stop(self):
        self._stop = True
        if self._conn and self._conn.sock:
            try:
                self._conn.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self._conn.close()
        if self._thread:
            self._thread.join(5)

    def mark(self):
        with self._cond:
            return len(self.events)

    def wait(self, predicate, since=0, timeout=DEADLINE, what='AMI event'):
        """The first event from index ``since`` on for which ``predicate(event)`` holds."""
        deadline = time.time() + timeout
        with self._cond:
            while True:
                for event in self.events[since:]:
                    if predicate(event):
                        return event
                left = deadline - time.time()
                if left <= 0:
                    raise AssertionError('%s not seen within %ss' % (what, timeout))
                self._cond.wait(min(left, 0.5))

    def seen(self, predicate, since=0):
        with self._cond:
            return [e for e in self.events[since:] if predicate(e)]


class RealPbxCase(unittest.TestCase):
    """Starts Asterisk, the bridge process and the fixtures once per class; each test starts
    with both agents logged out and no channel on the PBX."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        script, where = asterisk_here()
        if not script:
            raise unittest.SkipTest(
                'no real Asterisk at %s (set HOTLINE_ASTERISK to an asterisk-here script or '
                'its folder): the real-PBX tests are skipped' % where)
        cls._cleanups_cls = []
        try:
            cls._set_up_class(script)
        except BaseException:
            cls._tear_down_class()
            raise

    @classmethod
    def _set_up_class(cls, script):
        cls.db = get_db_name()
        cls.registry = odoo.registry(cls.db)
        cls.http_port = int(odoo.tests.common.PORT)
        cls.ami_port, cls.agi_port = free_port(), free_port()
        cls.secret, cls.test_secret = secrets.token_hex(12), secrets.token_hex(12)
        cls.token = secrets.token_hex(12)
        cls.rundir = tempfile.mkdtemp(prefix='hotline-pbx-')
        cls._cleanups_cls.append(lambda: shutil.rmtree(cls.rundir, ignore_errors=True))
        site = os.path.join(cls.rundir, 'site')
        os.makedirs(site)
        write_site(site, cls.ami_port, cls.secret, cls.test_secret, cls.http_port,
                   cls.agi_port, cls.token)
        cls._commit_fixtures()
        # the caller lookup the dialplan will CURL answers (the first request of a test server
        # loads its routes; the PBX gives the lookup a few seconds only)
        url = 'http://127.0.0.1:%d/hotline_cti/lookup?fmt=dialplan&token=%s&number=%s' % (
            cls.http_port, cls.token, '13812340001')
        wait_for(lambda: cls._get(url).startswith('张建华|'), timeout=60,
                 what='the caller lookup answering')
        cls.pbx = Asterisk(script, os.path.join(cls.rundir, 'pbx'), [SHIPPED, site])
        cls.pbx.start()
        cls._cleanups_cls.append(cls.pbx.stop)
        cls.watcher = AmiWatcher(cls.ami_port, cls.test_secret).start()
        cls._cleanups_cls.append(cls.watcher.stop)
        cls.start_bridge()

    @classmethod
    def start_bridge(cls):
        config = odoo.tools.config
        command = [sys.executable, os.path.join(ROOT, 'tools', 'odoo-bin'),
                   '--addons-path=%s' % config['addons_path'], 'hotline-cti',
                   '-c', config.rcfile, '-d', cls.db, '--interval', '0.05',
                   '--agi-port', str(cls.agi_port)]
        cls.bridge_log = open(os.path.join(cls.rundir, 'bridge.log'), 'ab')
        cls.bridge = subprocess.Popen(command, cwd=ROOT, stdout=cls.bridge_log,
                                      stderr=subprocess.STDOUT)
        cls._cleanups_cls.append(cls.stop_bridge)
        wait_for(lambda: 'hotline' in cls.manager_users() and cls.query(
            "SELECT cti_state FROM asterisk_server WHERE id = %s",
            [cls.server_id]) == [('connected',)], timeout=90,
            what='the bridge logged in to the PBX')
        # the FastAGI server listens
        wait_for(lambda: cls._port_open(cls.agi_port), what='the bridge\'s FastAGI port')

    @staticmethod
    def _get(url):
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.read().decode('utf-8')
        except OSError:
            return ''

    @staticmethod
    def _port_open(port):
        with socket.socket() as sock:
            sock.settimeout(0.5)
            return sock.connect_ex(('127.0.0.1', port)) == 0

    @classmethod
    def stop_bridge(cls):
        process = getattr(cls, 'bridge', None)
        if process and process.poll() is None:
            process.terminate()
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        if getattr(cls, 'bridge_log', None):
            cls.bridge_log.close()

    @classmethod
    def manager_users(cls):
        return cls.pbx.cli('manager show connected')

    @classmethod
    def _commit_fixtures(cls):
        with api.Environment.manage(), cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            server = env.ref('hotline_cti.pbx_main')
            cls.server_id = server.id
            cls._saved_server = server.read(['ip_address', 'port', 'login', 'password',
                                             'cti_enabled', 'context'])[0]
            del cls._saved_server['id']
            server.write({'ip_address': '127.0.0.1', 'port': cls.ami_port, 'login': 'hotline',
                          'password': cls.secret, 'cti_enabled': True,
                          'context': 'hotline-agents'})
            # only this PBX is followed by the bridge
            others = env['asterisk.server'].search([('cti_enabled', '=', True),
                                                    ('id', '!=', server.id)])
            cls._saved_others = others.ids
            others.write({'cti_enabled': False})
            Param = env['ir.config_parameter']
            cls._saved_token = Param.get_param('hotline_cti.lookup_token')
            Param.set_param('hotline_cti.lookup_token', cls.token)
            cls.seats = {}
            cls._saved_seats = {}
            for login, interface in PHONE.items():
                seat = env.ref('hotline_cti.agent_%s' % login)
                cls._saved_seats[seat.id] = seat.extension
                seat.write({'extension': interface, 'state': 'logout',
                            'current_call_id': False})
                cls.seats[login] = {'id': seat.id, 'number': seat.agent_number,
                                    'partner': seat.user_id.partner_id.id}
            cls.max_call_id = env['hotline.cti.call'].search(
                [], order='id desc', limit=1).id or 0
            cls.max_ticket_id = env['hotline.ticket'].search(
                [], order='id desc', limit=1).id or 0

    @classmethod
    def _restore_fixtures(cls):
        with api.Environment.manage(), cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env['hotline.cti.agent'].browse(list(cls._saved_seats)).write(
                {'state': 'logout', 'current_call_id': False})
            for seat_id, extension in cls._saved_seats.items():
                env['hotline.cti.agent'].browse(seat_id).write({'extension': extension})
            env['hotline.cti.call'].search([('id', '>', cls.max_call_id)]).unlink()
            env['asterisk.server'].browse(cls.server_id).write(cls._saved_server)
            env['asterisk.server'].browse(cls._saved_others).write({'cti_enabled': True})
            env['ir.config_parameter'].set_param('hotline_cti.lookup_token',
                                                 cls._saved_token or '')

    @classmethod
    def tearDownClass(cls):
        cls._tear_down_class()
        super().tearDownClass()

    @classmethod
    def _tear_down_class(cls):
        for cleanup in reversed(getattr(cls, '_cleanups_cls', [])):
            try:
                cleanup()
            except Exception:  # noqa: BLE001 — clean up the rest all the same
                pass
        if hasattr(cls, '_saved_seats'):
            cls._restore_fixtures()

    # ------------------------------------------------------------------ per test
    def setUp(self):
        super().setUp()
        self.reset_pbx()
        self.since = self.watcher.mark()
        self.last_call_id = (self.query("SELECT MAX(id) FROM hotline_cti_call")[0][0] or 0)

    def tearDown(self):
        if any(error for _test, error in (getattr(self._outcome, 'errors', None) or [])):
            events = '\n'.join(
                '%s %s %s %s' % (e.get('Event'), e.get('Channel', ''), e.get('Uniqueid', ''),
                                 e.get('DestChannel', e.get('Application', '')))
                for e in self.watcher.seen(lambda e: e.get('Event') not in (
                    'VarSet', 'Newexten', 'DeviceStateChange', 'NewConnectedLine', 'DTMFBegin',
                    'SoftHangupRequest', 'HangupRequest', 'DialState', 'LocalBridge',
                    'Newstate', 'SuccessfulAuth', 'QueueMemberStatus'), since=self.since))
            sys.stderr.write('\n--- AMI events ---\n%s\n--- bridge log (tail) ---\n%s\n'
                             '--- PBX log (tail) ---\n%s\n' % (
                                 events[-6000:], self.bridge_tail(), self.pbx.log()[-3000:]))
        super().tearDown()

    def bridge_tail(self, size=4000):
        try:
            with open(os.path.join(self.rundir, 'bridge.log'), errors='replace') as f:
                return f.read()[-size:]
        except OSError:
            return ''

    def reset_pbx(self):
        """Both agents out of the queue, no channel left, seats logged out in Odoo."""
        self.pbx.cli('channel request hangup all')
        for interface in PHONE.values():
            try:
                self.ami('QueueRemove', Queue='12345', Interface=interface)
            except AmiError:
                pass  # not a member
        wait_for(lambda: not self.pbx.channels(), what='no channel left on the PBX')
        wait_for(lambda: 'No Members' in self.pbx.cli('queue show 12345'),
                 what='no member left in queue 12345')
        # the bridge has applied the removals before the seats are reset
        wait_for(lambda: all(s == 'logout' for (s,) in self.query(
            "SELECT state FROM hotline_cti_agent WHERE id IN %s",
            [tuple(s['id'] for s in self.seats.values())])) or self._force_logout(),
            what='seats logged out')

    def _force_logout(self):
        # seats that were not members (no QueueMemberRemoved event) are reset directly
        try:
            self.execute("UPDATE hotline_cti_agent SET state = 'logout', "
                         "current_call_id = NULL WHERE id IN %s",
                         [tuple(s['id'] for s in self.seats.values())])
        except psycopg2.Error:
            pass  # the bridge wrote the row meanwhile: look again
        return False

    # ------------------------------------------------------------------ helpers
    @classmethod
    def query(cls, query, params=()):
        with api.Environment.manage(), cls.registry.cursor() as cr:
            cr.execute(query, params)
            return cr.fetchall()

    @classmethod
    def execute(cls, query, params=()):
        with api.Environment.manage(), cls.registry.cursor() as cr:
            cr.execute(query, params)

    def ami(self, action, **headers):
        """One action as the test (user hotline-test)."""
        return ami_action('127.0.0.1', self.ami_port, 'hotline-test', self.test_secret,
                          action, timeout=10, **headers)

    def rpc(self, login, model, method, *args, **kwargs):
        """XML-RPC as the demo user ``login`` (password = login) on the live test server."""
        base = 'http://127.0.0.1:%d/xmlrpc/2/' % self.http_port
        uid = xmlrpc.client.ServerProxy(base + 'common').authenticate(
            self.db, login, login, {})
        self.assertTrue(uid, 'cannot log in as %s' % login)
        return xmlrpc.client.ServerProxy(base + 'object', allow_none=True).execute_kw(
            self.db, uid, login, model, method, list(args), kwargs)

    def seat_call(self, login, method, *args):
        return self.rpc(login, 'hotline.cti.agent', method, [self.seats[login]['id']], *args)

    def login_agent(self, login):
        """AG-1: the agent signs in from Odoo; the PBX has the member, Odoo shows idle."""
        self.seat_call(login, 'action_login')
        interface = PHONE[login]
        wait_for(lambda: interface in self.pbx.cli('queue show 12345'),
                 what='%s in queue 12345' % interface)
        self.wait_seat(login, 'idle')

    def seat(self, login):
        rows = self.query("""SELECT a.state, a.current_call_id, a.pause_reason
                               FROM hotline_cti_agent a WHERE a.id = %s""",
                          [self.seats[login]['id']])
        return dict(zip(('state', 'call_id', 'pause_reason'), rows[0]))

    def wait_seat(self, login, state, timeout=DEADLINE):
        return wait_for(lambda: self.seat(login)['state'] == state and self.seat(login),
                        timeout=timeout, what='seat %s %s (now %s)' % (
                            login, state, self.seat(login)['state']))

    CALL_FIELDS = ('id', 'uniqueid', 'state', 'disposition', 'caller_number', 'caller_name',
                   'partner_id', 'agent_id', 'agent_channel', 'channel', 'direction',
                   'wait_time', 'talk_time', 'on_hold', 'hold_time', 'answer_date',
                   'end_date', 'transfer_agent_id', 'ticket_id')

    def calls(self, where='TRUE', params=()):
        rows = self.query("SELECT %s FROM hotline_cti_call WHERE id > %%s AND (%s) ORDER BY id"
                          % (', '.join(self.CALL_FIELDS), where),
                          [self.max_call_id] + list(params))
        return [dict(zip(self.CALL_FIELDS, row)) for row in rows]

    def wait_call(self, predicate, where='TRUE', params=(), timeout=DEADLINE, what='call'):
        def look():
            found = [c for c in self.calls(where, params) if predicate(c)]
            return found and found[-1]
        try:
            return wait_for(look, timeout=timeout, what=what)
        except AssertionError as e:
            raise AssertionError('%s; calls: %r' % (e, self.calls(where, params)[-3:]))

    def dial_in(self, number, exten='12345'):
        """A citizen calls the hotline from ``number`` (the trunk side of the call is the
        Local channel's ;1 half, which runs from-pstn; the caller ID is set after the channel
        is created, as on a real trunk that sends it late)."""
        self.ami('Originate', Channel='Local/%s@hotline-test-citizen' % number,
                 Context='from-pstn', Exten=exten, Priority='1', CallerID='<%s>' % number,
                 Timeout='30000', Async='true')
        return wait_for(lambda: [c for c in self.pbx.channels()
                                 if c['channel'].startswith('Local/%s@hotline-test-citizen'
                                                            % number)
                                 and c['channel'].endswith(';1')],
                        what='the citizen\'s channel')[0]['channel']

    def channel_of(self, prefix, half=';2'):
        """The PBX channel whose name starts with ``prefix`` (e.g. an agent's phone)."""
        found = [c['channel'] for c in self.pbx.channels()
                 if c['channel'].startswith(prefix) and c['channel'].endswith(half)]
        return found and found[0]

    def hang_up_phone(self, login):
        """The agent puts the phone down (the phone's side of the Local channel)."""
        channel = wait_for(lambda: self.channel_of(PHONE[login] + '-'),
                           what='the phone of %s' % login)
        self.ami('Hangup', Channel=channel)

    def hang_up_citizen(self, number):
        channel = wait_for(lambda: self.channel_of('Local/%s@hotline-test-citizen-' % number),
                           what='the citizen %s' % number)
        self.ami('Hangup', Channel=channel)

    def popups(self, login, uniqueid):
        rows = self.query("SELECT message FROM bus_bus WHERE channel LIKE %s "
                          "AND message LIKE %s", ['%%"hotline.cti",%d]' %
                                                  self.seats[login]['partner'],
                                                  '%%"type":"popup"%%%s%%' % uniqueid])
        return [r[0] for r in rows]
