# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""AG-11: a FastAGI server (Asterisk ``AGI(agi://host:4573/ivr_status)``), no Odoo import.

Asterisk opens a TCP connection, sends its ``agi_*: value`` variables and a blank line, then
answers each command line with ``200 result=<value> [(data)]`` (``511``/``520`` on errors,
``HANGUP`` when the caller hangs up). One thread per call."""
import logging
import re
import socket
import socketserver
import threading

_logger = logging.getLogger(__name__)
RESULT_RE = re.compile(r'^200 result=(-?\w*)(?: \((.*)\))?')


class AgiHangup(Exception):
    """The caller hung up (or Asterisk closed the connection)."""


class AgiSession(object):
    def __init__(self, rfile, wfile):
        self.rfile, self.wfile = rfile, wfile
        self.env = {}
        while True:
            line = self._readline()
            if not line:
                break
            key, _sep, value = line.partition(':')
            self.env[key.strip()] = value.strip()

    def _readline(self):
        raw = self.rfile.readline()
        if not raw:
            raise AgiHangup()
        return raw.decode('utf-8', 'replace').rstrip('\r\n')

    def command(self, text):
        """Send one AGI command; returns (result, data). Raises AgiHangup."""
        self.wfile.write((text + '\n').encode('utf-8'))
        self.wfile.flush()
        line = self._readline()
        if line.startswith('HANGUP'):
            raise AgiHangup()
        match = RESULT_RE.match(line)
        if not match:
            raise AgiHangup() if not line else ValueError('AGI error: %s' % line)
        if match.group(1) == '-1':
            raise AgiHangup()
        return match.group(1), match.group(2)

    def answer(self):
        return self.command('ANSWER')

    def get_data(self, prompt, timeout_ms=6000, max_digits=20):
        result, _data = self.command('GET DATA %s %d %d' % (prompt, timeout_ms, max_digits))
        return result

    def stream_file(self, path):
        return self.command('STREAM FILE %s ""' % path)

    def get_variable(self, name):
        """A channel variable, '' when unset (``200 result=0``)."""
        result, data = self.command('GET VARIABLE %s' % name)
        return (data or '').strip() if result == '1' else ''

    def say_digits(self, digits):
        return self.command('SAY DIGITS %s ""' % digits)

    def set_variable(self, name, value):
        return self.command('SET VARIABLE %s "%s"' % (name, str(value).replace('"', "'")))

    def hangup(self):
        try:
            self.command('HANGUP')
        # the caller hung up first: the call is over anyway; pylint: disable-next=except-pass
        except AgiHangup:
            pass


class FastAgiServer(socketserver.ThreadingTCPServer):
    """``handler(session)`` is called for every call, in the connection's thread."""
    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, address, handler):
        self.agi_handler = handler

        class _Handler(socketserver.StreamRequestHandler):
            def handle(inner):
                try:
                    session = AgiSession(inner.rfile, inner.wfile)
                    self.agi_handler(session)
                # the caller hung up or the PBX left; pylint: disable-next=except-pass
                except (AgiHangup, ConnectionError, socket.timeout):
                    pass
                except Exception:
                    _logger.exception('FastAGI: the script failed')
        super().__init__(address, _Handler)

    def start(self):
        # a short poll: stop() (SIGTERM) returns within 0.1 s instead of 0.5 s
        threading.Thread(target=self.serve_forever, kwargs={'poll_interval': 0.1},
                         daemon=True, name='hotline-fastagi').start()
        return self

    def stop(self):
        self.shutdown()
        self.server_close()
