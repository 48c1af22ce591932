#!/usr/bin/env python3
# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""A test SMS gateway that answers like Kannel's smsbox HTTP interface (Kannel 1.4/1.5).

As a client sees it (Kannel User's Guide, "Sending SMS messages" and "Delivery reports"):

* ``GET`` or ``POST /cgi-bin/sendsms`` with ``username``, ``password``, ``from``, ``to``,
  ``text``, ``charset``, ``coding``, ``smsc``, ``dlr-mask``, ``dlr-url``;
* success: HTTP 202, body ``0: Accepted for delivery`` (or ``3: Queued for later delivery``
  when the SMSC link is down and the message is stored);
* wrong account: HTTP 403 ``Authorization failed for sendsms``; missing receiver: HTTP 400;
  a number refused by the allow/deny lists: HTTP 403 ``Number(s) has/have been denied.``;
  temporary failure: HTTP 503 ``4: Temporal failure, try again later.``;
* later, for each report type in ``dlr-mask`` that happens, an HTTP GET of ``dlr-url`` with
  Kannel's escapes substituted (``%d`` report type, ``%A`` SMSC answer, ``%T`` time,
  ``%p`` receiver, ``%P`` sender), URL-encoded;
* an SMS from a phone (MO) is passed to the ``get-url`` of the sms-service with ``%p``,
  ``%P``, ``%a`` (text), ``%T``, ``%I`` (message id) substituted.

Test controls under ``/__peer/`` (not Kannel's): ``mode?send=accept|queue|reject|tempfail|
timeout&dlr=delivered|undelivered|none``, ``messages`` (JSON of what was accepted),
``mo?from=…&to=…&text=…`` (inject an SMS from a phone), ``reset``.
Run: ``python kannel_peer.py --port 13140 --username hotline --password secret
[--get-url URL]``; it prints ``READY <port>`` once listening. "Down" is the process stopped.
"""
import argparse
import itertools
import json
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DLR_DELIVERED, DLR_UNDELIVERED, DLR_SMSC_ACK = 1, 2, 8


class Peer(object):
    def __init__(self, username, password, get_url=None, timeout_delay=30.0):
        self.username, self.password = username, password
        self.get_url = get_url
        self.send_mode = 'accept'
        self.dlr_mode = 'delivered'
        self.timeout_delay = timeout_delay
        self.messages = []          # accepted sendsms requests, as dicts
        self.requests = 0           # every sendsms request, accepted or not
        self.callbacks = []         # (url, status code) of every dlr / MO call made
        self.ids = itertools.count(1)
        self.lock = threading.Lock()

    # -- Kannel's side
    def sendsms(self, params):
        with self.lock:
            self.requests += 1
        if params.get('username') != self.username or params.get('password') != self.password:
            return 403, 'Authorization failed for sendsms'
        if not params.get('to'):
            return 400, 'Missing receiver number, rejected'
        mode = self.send_mode
        if mode == 'timeout':
            time.sleep(self.timeout_delay)
            return 503, '4: Temporal failure, try again later.'
        if mode == 'tempfail':
            return 503, '4: Temporal failure, try again later.'
        if mode == 'reject':
            return 403, 'Number(s) has/have been denied.'
        text = params.get('text', '')
        message = {'id': next(self.ids), 'from': params.get('from'), 'to': params['to'],
                   'text': text, 'coding': params.get('coding'),
                   'charset': params.get('charset'), 'dlr_mask': params.get('dlr-mask'),
                   'dlr_url': params.get('dlr-url'), 'smsc': params.get('smsc')}
        with self.lock:
            self.messages.append(message)
        if message['dlr_url'] and self.dlr_mode != 'none':
            threading.Thread(target=self._report, args=(message, self.dlr_mode),
                             daemon=True).start()
        if mode == 'queue':
            return 202, '3: Queued for later delivery'
        return 202, '0: Accepted for delivery'

    def _report(self, message, dlr_mode):
        mask = int(message['dlr_mask'] or 0)
        reports = [(DLR_SMSC_ACK, 'ACK/')]
        if dlr_mode == 'delivered':
            reports.append((DLR_DELIVERED, 'id:%d sub:001 dlvrd:001 stat:DELIVRD err:000'
                            % message['id']))
        else:
            reports.append((DLR_UNDELIVERED, 'id:%d sub:001 dlvrd:000 stat:UNDELIV err:001'
                            % message['id']))
        for status, answer in reports:
            if not mask & status:
                continue
            time.sleep(0.02)
            url = self.substitute(message['dlr_url'], {
                'd': str(status), 'A': answer, 'T': str(int(time.time())),
                'p': message['to'], 'P': message['from'] or '', 'I': str(message['id'])})
            self.call(url)

    def mo(self, sender, receiver, text):
        """An SMS from a phone: call the get-url as the sms-service would."""
        url = self.substitute(self.get_url, {
            'p': sender, 'P': receiver, 'a': ' '.join(text.split()), 'b': text,
            'T': str(int(time.time())), 'I': 'mo-%d' % next(self.ids)})
        return self.call(url)

    @staticmethod
    def substitute(template, values):
        out, i = [], 0
        while i < len(template):
            char = template[i]
            if char == '%' and i + 1 < len(template):
                key = template[i + 1]
                if key in values:
                    out.append(urllib.parse.quote(values[key], safe=''))
                    i += 2
                    continue
            out.append(char)
            i += 1
        return ''.join(out)

    def call(self, url):
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                code, body = response.status, response.read().decode('utf-8', 'replace')
        except urllib.error.HTTPError as error:
            code, body = error.code, error.read().decode('utf-8', 'replace')
        except Exception as error:  # the callback target is down: Kannel logs and goes on
            code, body = 0, str(error)
        with self.lock:
            self.callbacks.append({'url': url, 'code': code, 'body': body})
        return code, body


class Handler(BaseHTTPRequestHandler):
    server_version = 'Kannel/1.4.5'
    sys_version = ''
    protocol_version = 'HTTP/1.1'

    def log_message(self, *args):
        pass

    def _params(self):
        parsed = urllib.parse.urlsplit(self.path)
        query = parsed.query
        if self.command == 'POST':
            length = int(self.headers.get('Content-Length') or 0)
            body = self.rfile.read(length).decode('utf-8', 'replace')
            if 'x-www-form-urlencoded' in (self.headers.get('Content-Type') or ''):
                query = '&'.join(q for q in (query, body) if q)
        return parsed.path, dict(urllib.parse.parse_qsl(query, keep_blank_values=True))

    def _answer(self, code, text, ctype='text/html'):
        data = text.encode('utf-8')
        self.send_response(code)
        self.send_header('Content-Type', ctype)
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        peer = self.server.peer
        path, params = self._params()
        if path == '/cgi-bin/sendsms':
            return self._answer(*peer.sendsms(params))
        if path == '/__peer/mode':
            peer.send_mode = params.get('send', peer.send_mode)
            peer.dlr_mode = params.get('dlr', peer.dlr_mode)
            if 'get_url' in params:
                peer.get_url = params['get_url']
            return self._answer(200, 'ok', 'text/plain')
        if path == '/__peer/messages':
            with peer.lock:
                data = {'messages': peer.messages, 'requests': peer.requests,
                        'callbacks': peer.callbacks}
                return self._answer(200, json.dumps(data), 'application/json')
        if path == '/__peer/reset':
            with peer.lock:
                peer.messages, peer.callbacks, peer.requests = [], [], 0
            peer.send_mode, peer.dlr_mode = 'accept', 'delivered'
            return self._answer(200, 'ok', 'text/plain')
        if path == '/__peer/mo':
            code, body = peer.mo(params['from'], params['to'], params['text'])
            return self._answer(200, json.dumps({'code': code, 'body': body}),
                                'application/json')
        return self._answer(404, 'Unknown request.')

    do_POST = do_GET


def serve(port, username, password, get_url=None, host='127.0.0.1'):
    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    server.peer = Peer(username, password, get_url)
    return server


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--port', type=int, default=13013)
    parser.add_argument('--username', default='hotline')
    parser.add_argument('--password', default='secret')
    parser.add_argument('--get-url', default=None)
    args = parser.parse_args(argv)
    server = serve(args.port, args.username, args.password, args.get_url)
    # the READY line on stdout is how the tests learn the port; pylint: disable-next=print-used
    print('READY %d' % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:  # Ctrl-C stops the test gateway; pylint: disable=except-pass
        pass
    return 0


if __name__ == '__main__':
    sys.exit(main())
