# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""A small Asterisk Manager Interface client (no Odoo import).

Why not py-Asterisk's ``Asterisk.Manager`` (which asterisk_click2dial uses for its one-shot
Originate)? Its event loop runs user callbacks in its own reader thread, it has no reconnect, and
it gives no hook to resynchronise state after a drop. The bridge needs exactly those three, so this
client keeps the wire protocol in one place:

* ``AmiClient.run`` — the long-running side: connect, read the banner, ``Login``, resync with
  ``QueueStatus`` and ``CoreShowChannels`` (the resulting lists are handed over as one
  ``('resync', data)`` item), then every event as an ``('event', dict)`` item, reconnecting with
  exponential backoff when the PBX drops the connection.
* ``ami_action`` — the short-lived side used by Odoo requests (agent buttons, supervisor actions):
  connect, log in, send one action, wait for its response (and its event list), log off.
"""
import itertools
import logging
import queue
import socket
import threading
import time

_logger = logging.getLogger(__name__)

EOL = b'\r\n'
EOM = b'\r\n\r\n'


class AmiError(Exception):
    """The PBX refused an action or could not be reached (``unreachable``: no connection
    to the manager interface — network down, PBX stopped, wrong address)."""

    def __init__(self, message, unreachable=False):
        super(AmiError, self).__init__(message)
        self.unreachable = unreachable


def encode_action(action, action_id, headers=None):
    lines = ['Action: %s' % action, 'ActionID: %s' % action_id]
    for key, value in (headers or {}).items():
        if value is None:
            continue
        if isinstance(value, (list, tuple)):  # repeated headers, e.g. Variable
            lines.extend('%s: %s' % (key, v) for v in value)
        else:
            lines.append('%s: %s' % (key, value))
    return ('\r\n'.join(lines) + '\r\n\r\n').encode('utf-8')


def parse_message(raw):
    """One AMI message (bytes without the terminating blank line) → dict. Repeated keys
    (ChanVariable, Output) keep their last value; keys keep Asterisk's spelling."""
    message = {}
    for line in raw.decode('utf-8', 'replace').split('\r\n'):
        if not line:
            continue
        key, sep, value = line.partition(':')
        if not sep:
            continue
        message[key.strip()] = value.strip()
    return message


class AmiConnection(object):
    """One TCP connection to the AMI: banner, login, framed reads and writes."""

    def __init__(self, host, port, username, secret, timeout=10.0):
        self.host, self.port = host, int(port)
        self.username, self.secret = username, secret
        self.timeout = timeout
        self.sock = None
        self.banner = None
        self._buffer = b''
        self._ids = itertools.count(1)
        self._write_lock = threading.Lock()

    def connect(self, events=True):
        self.sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.banner = self._read_line()
        if not self.banner.startswith('Asterisk Call Manager/'):
            raise AmiError('not an Asterisk manager: %r' % self.banner)
        response = self.action('Login', Username=self.username, Secret=self.secret,
                               Events='on' if events else 'off')
        if response.get('Response') != 'Success':
            raise AmiError('login refused: %s' % response.get('Message'))
        return self

    def close(self):
        if self.sock:
            try:
                self.sock.close()
            except OSError:  # closing: the socket is gone already; pylint: disable=except-pass
                pass
            self.sock = None

    def _read_line(self):
        while EOL not in self._buffer:
            self._fill()
        line, self._buffer = self._buffer.split(EOL, 1)
        return line.decode('utf-8', 'replace')

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError('the PBX closed the manager connection')
        self._buffer += chunk

    def read_message(self):
        while EOM not in self._buffer:
            self._fill()
        raw, self._buffer = self._buffer.split(EOM, 1)
        return parse_message(raw)

    def send(self, action, headers=None):
        action_id = 'odoo-%d' % next(self._ids)
        with self._write_lock:
            self.sock.sendall(encode_action(action, action_id, headers))
        return action_id

    def action(self, action, on_other=None, **headers):
        """Send ``action`` and read until its response (and, for list actions, until the
        list's ``EventList: Complete`` event). Other messages read meanwhile go to
        ``on_other``. Returns the response; list events are in ``response['events']``."""
        action_id = self.send(action, headers)
        response, events = None, []
        while True:
            message = self.read_message()
            if message.get('ActionID') != action_id:
                if on_other:
                    on_other(message)
                continue
            if 'Response' in message:
                response = message
                if message.get('EventList') != 'start':
                    response['events'] = events
                    return response
            elif message.get('EventList') == 'Complete':
                response['events'] = events
                return response
            else:
                events.append(message)


def ami_action(host, port, username, secret, action, timeout=5.0, **headers):
    """One action on a fresh connection (agent and supervisor buttons). Raises AmiError when
    the PBX is unreachable or answers ``Response: Error``."""
    conn = AmiConnection(host, port, username, secret, timeout=timeout)
    try:
        conn.connect(events=False)
        response = conn.action(action, **headers)
        try:
            conn.send('Logoff')
        # the answer is in; a failed Logoff changes nothing; pylint: disable-next=except-pass
        except OSError:
            pass
    except (OSError, ConnectionError) as e:
        raise AmiError(str(e), unreachable=True)
    finally:
        conn.close()
    if response.get('Response') == 'Error':
        raise AmiError(response.get('Message') or 'error')
    return response


class AmiClient(object):
    """The bridge's long-running connection. ``items`` receives ``('connected', banner)``,
    ``('resync', {'queue_status': [...], 'channels': [...]})``, ``('event', dict)`` and
    ``('disconnected', reason)`` tuples, in order, for the Odoo side to process."""

    def __init__(self, host, port, username, secret, backoff=(0.5, 30.0), timeout=10.0):
        self.host, self.port, self.username, self.secret = host, port, username, secret
        self.backoff_min, self.backoff_max = backoff
        self.timeout = timeout
        self.items = queue.Queue()
        self.connected = threading.Event()
        self.reconnects = 0
        self._stop = threading.Event()
        self._conn = None
        self._thread = None

    def start(self):
        self._thread = threading.Thread(target=self.run, name='hotline-cti-ami', daemon=True)
        self._thread.start()
        return self

    def stop(self):
        """Stop at once: ``shutdown`` wakes the reader blocked in ``recv`` (a bare ``close``
        from another thread does not, and SIGTERM then waited for the join's 5 s)."""
        self._stop.set()
        conn = self._conn
        if conn and conn.sock:
            try:
                conn.sock.shutdown(socket.SHUT_RDWR)
            except OSError:  # stopping: the socket is gone already; pylint: disable=except-pass
                pass
            conn.close()
        if self._thread:
            self._thread.join(5)

    def run(self):
        delay = self.backoff_min
        first = True
        while not self._stop.is_set():
            conn = AmiConnection(self.host, self.port, self.username, self.secret,
                                 timeout=self.timeout)
            try:
                conn.connect()
                self._conn = conn
                if not first:
                    self.reconnects += 1
                first = False
                delay = self.backoff_min
                self._session(conn)
            except (OSError, ConnectionError, AmiError) as e:
                if self._stop.is_set():
                    break
                was_connected = self.connected.is_set()
                self.connected.clear()
                if was_connected:
                    self.items.put(('disconnected', str(e)))
                _logger.warning('AMI %s:%s: %s; retrying in %.1fs', self.host, self.port, e,
                                delay)
                self._stop.wait(delay)
                delay = min(delay * 2, self.backoff_max)
            finally:
                conn.close()
                self._conn = None

    def _session(self, conn):
        buffered = []
        # Asterisk accepts manager logins while it is still booting (queue members not yet
        # reloaded from its database): a resync then would log every agent out. It sends
        # FullyBooted at login once booted, or when the boot ends; wait for it (a PBX that
        # never says it, within the timeout, is resynchronised all the same).
        try:
            while True:
                message = conn.read_message()
                if message.get('Event') == 'FullyBooted':
                    break
                buffered.append(message)
        except socket.timeout:
            _logger.warning('AMI %s:%s: no FullyBooted event; resynchronising anyway',
                            self.host, self.port)
        # Resync first: what is in the queues and on the channels right now. Events that
        # arrive while the lists are read are kept and passed on after them, in order.
        status = conn.action('QueueStatus', on_other=buffered.append)
        channels = conn.action('CoreShowChannels', on_other=buffered.append)
        conn.sock.settimeout(None)
        self.connected.set()
        self.items.put(('connected', conn.banner))
        self.items.put(('resync', {'queue_status': status['events'],
                                   'channels': channels['events']}))
        for message in buffered:
            if 'Event' in message:
                self.items.put(('event', message))
        while not self._stop.is_set():
            message = conn.read_message()
            if 'Event' in message:
                message.setdefault('_received', '%.6f' % time.time())
                self.items.put(('event', message))
