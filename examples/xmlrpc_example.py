#!/usr/bin/env python3
"""IF-1: how a partner system talks to the 12345 hotline over XML-RPC (see docs/API.md).

Python 3 standard library only. Steps, each printed as one JSON line on stdout:

  authenticate   /xmlrpc/2/common authenticate → uid
  find_citizen   res.partner.hotline_find_by_phone(number) → the citizen's profile (CZ-1)
  register       hotline.ticket.hotline_register(vals, submit=True) → {id, name, state} (TK-1)
  status         hotline.ticket.hotline_status(number) → state and trail
  search_read    the same request read with plain search_read
  invalid_phone  hotline_register with an invalid contact phone → a fault with a clear message
  done           {"ok": true}

Exit codes: 0 success, 1 unexpected answer or fault, 3 authentication failed,
4 server not reachable. Errors are printed as a JSON line ({"step": "error", ...}) and as a
sentence on stderr.

    python3 examples/xmlrpc_example.py --url http://localhost:8069 --db hotline \\
        --user agent --password agent
"""
import argparse
import ast
import json
import re
import socket
import sys
import xmlrpc.client

EXIT_FAILURE = 1
EXIT_AUTH = 3
EXIT_UNREACHABLE = 4

TICKET_FIELDS = ['name', 'title', 'state', 'process_state', 'supervision_state', 'ticket_type',
                 'channel', 'partner_id', 'contact_name', 'contact_phone', 'register_date']


class ExampleError(Exception):
    def __init__(self, step, message, code=EXIT_FAILURE):
        super().__init__(message)
        self.step, self.message, self.code = step, message, code


def emit(step, **data):
    print(json.dumps(dict(step=step, **data), ensure_ascii=False, sort_keys=True), flush=True)


def fault_message(fault):
    """The human-readable message of an Odoo XML-RPC fault.

    Warnings, access errors and access denials (faultCode 2, 4, 3) carry the message itself.
    Other errors (faultCode 1, e.g. a ValidationError in Odoo 11) carry the server's
    traceback, whose last line is ``odoo.exceptions.ValidationError: ('message', None)``.
    """
    text = (fault.faultString or '').strip()
    if fault.faultCode in (2, 3, 4) or 'Traceback' not in text:
        return _unwrap(text)
    last = text.splitlines()[-1]
    match = re.match(r'^[\w.]+: (.*)$', last, re.S)
    return _unwrap(match.group(1) if match else last)


def _unwrap(text):
    """('message', None) → message; anything else unchanged."""
    if text.startswith('(') and text.endswith(')'):
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            return text
        if isinstance(value, tuple) and value and isinstance(value[0], str):
            return value[0]
    return text


class Hotline:
    """A thin client: authenticate once, then call model methods with execute_kw."""

    def __init__(self, url, db, user, password, lang=None):
        self.url, self.db, self.user, self.password = url.rstrip('/'), db, user, password
        self.context = {'lang': lang} if lang else {}
        self.common = xmlrpc.client.ServerProxy(self.url + '/xmlrpc/2/common', allow_none=True)
        self.models = xmlrpc.client.ServerProxy(self.url + '/xmlrpc/2/object', allow_none=True)
        self.uid = None

    def authenticate(self):
        try:
            version = self.common.version()
            uid = self.common.authenticate(self.db, self.user, self.password, {})
        except (ConnectionError, socket.timeout, socket.gaierror) as exc:
            raise ExampleError('authenticate', 'cannot reach %s: %s' % (self.url, exc),
                               EXIT_UNREACHABLE)
        except xmlrpc.client.Fault as fault:
            # e.g. an unknown database
            raise ExampleError('authenticate', 'authentication failed for user %r on database '
                               '%r: %s' % (self.user, self.db, fault_message(fault)), EXIT_AUTH)
        if not uid:
            raise ExampleError('authenticate', 'authentication failed for user %r on database %r: '
                               'wrong login or password' % (self.user, self.db), EXIT_AUTH)
        self.uid = uid
        return uid, version.get('server_version')

    def call(self, model, method, *args, **kwargs):
        if self.context:
            kwargs.setdefault('context', self.context)
        return self.models.execute_kw(self.db, self.uid, self.password, model, method,
                                      list(args), kwargs)


def run(args):
    api = Hotline(args.url, args.db, args.user, args.password, args.lang)

    uid, version = api.authenticate()
    emit('authenticate', uid=uid, user=args.user, db=args.db, server_version=version)

    # CZ-1: who is calling? Numbers are matched in any form (13812340001, +86 138 1234 0001…).
    partner_ids = api.call('res.partner', 'hotline_find_by_phone', args.phone, limit=5)
    citizens = api.call('res.partner', 'read', partner_ids, fields=['name', 'mobile', 'phone']) \
        if partner_ids else []
    emit('find_citizen', phone=args.phone, partner_ids=partner_ids, citizens=citizens)
    if not partner_ids:
        raise ExampleError('find_citizen', 'no citizen has the number %s' % args.phone)

    # TK-1: register the request and hand it to the hotline office at once.
    vals = {
        'title': args.title,
        'content': args.content,
        'ticket_type': 'report',
        'channel': 'app',
        'contact_phone': args.phone,
        'partner_id': partner_ids[0],
    }
    registered = api.call('hotline.ticket', 'hotline_register', vals, submit=True)
    emit('register', **registered)

    status = api.call('hotline.ticket', 'hotline_status', registered['name'])
    if not status:
        raise ExampleError('status', 'request %s not found' % registered['name'])
    emit('status', **status)

    records = api.call('hotline.ticket', 'search_read', [('name', '=', registered['name'])],
                       fields=TICKET_FIELDS, limit=1)
    if not records:
        raise ExampleError('search_read', 'request %s not found' % registered['name'])
    emit('search_read', record=records[0])

    # Invalid input is refused with a fault whose message says what is wrong.
    bad = dict(vals, contact_phone=args.invalid_phone, partner_id=False)
    try:
        api.call('hotline.ticket', 'hotline_register', bad)
    except xmlrpc.client.Fault as fault:
        emit('invalid_phone', phone=args.invalid_phone, fault_code=fault.faultCode,
             message=fault_message(fault))
    else:
        raise ExampleError('invalid_phone', 'the invalid phone %r was accepted'
                           % args.invalid_phone)

    emit('done', ok=True, name=registered['name'])


def main(argv=None):
    parser = argparse.ArgumentParser(
        description='Register a citizen request in the 12345 hotline over XML-RPC (IF-1).')
    parser.add_argument('--url', default='http://localhost:8069')
    parser.add_argument('--db', default='hotline')
    parser.add_argument('--user', default='agent')
    parser.add_argument('--password', default='agent')
    parser.add_argument('--phone', default='13812340001',
                        help="the citizen's phone (default: demo citizen 张建华)")
    parser.add_argument('--invalid-phone', default='12345abc')
    parser.add_argument('--title', default='青川路路灯不亮（XML-RPC 示例）')
    parser.add_argument('--content', default='青川路与新华路交叉口的路灯连续三晚不亮，夜间行人不便。')
    parser.add_argument('--lang', default='',
                        help='language of labels and messages, e.g. zh_CN or en_US '
                             "(default: the user's language)")
    parser.add_argument('--timeout', type=float, default=60, help='seconds per call')
    args = parser.parse_args(argv)
    if hasattr(sys.stdout, 'reconfigure'):
        sys.stdout.reconfigure(encoding='utf-8')
        sys.stderr.reconfigure(encoding='utf-8')
    socket.setdefaulttimeout(args.timeout)
    try:
        run(args)
    except ExampleError as exc:
        emit('error', failed_step=exc.step, message=exc.message, exit_code=exc.code)
        print('error (%s): %s' % (exc.step, exc.message), file=sys.stderr)
        return exc.code
    except xmlrpc.client.Fault as fault:
        message = fault_message(fault)
        emit('error', failed_step='call', fault_code=fault.faultCode, message=message,
             exit_code=EXIT_FAILURE)
        print('error: the server answered with a fault: %s' % message, file=sys.stderr)
        return EXIT_FAILURE
    except (ConnectionError, socket.timeout, xmlrpc.client.ProtocolError) as exc:
        emit('error', failed_step='call', message=str(exc), exit_code=EXIT_UNREACHABLE)
        print('error: %s' % exc, file=sys.stderr)
        return EXIT_UNREACHABLE
    return 0


if __name__ == '__main__':
    sys.exit(main())
