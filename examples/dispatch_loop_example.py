#!/usr/bin/env python3
"""DS-1, UN-2, CB-1…CB-3, IF-1: drive one request through the whole dispatch loop over
XML-RPC, as the demo users of each role (see docs/API-dispatch.md).

Python 3 standard library only. Every step prints one JSON line on stdout with the request's
state and which demo users can see it (``visible``):

  register → dispatch (office) → sign + forward (东城区) → sign + forward (和平街道) →
  sign + handle + complete (朝阳社区) → complete (街道) → complete (区) → audit → callback
  unsatisfied → re-handle → complete → audit → callback unsatisfied again (special
  supervision) → re-handle → unit leader opinion → complete → audit → callback satisfied.

Refused steps (an agent dispatching, a unit auditing, completing before the leader's
opinion) are printed with the fault code and message the server gave.

Exit codes: 0 success, 1 unexpected answer, 3 authentication failed, 4 server unreachable.

    python3 examples/dispatch_loop_example.py --url http://localhost:8069 --db hotline
"""
import argparse
import json
import socket
import sys
import xmlrpc.client

EXIT_FAILURE = 1
EXIT_AUTH = 3
EXIT_UNREACHABLE = 4
# The demo logins (password = login) and the role they play.
WATCHERS = ['dispatcher', 'unit_handler', 'street_handler', 'community_handler',
            'xicheng_handler']


class ExampleError(Exception):
    def __init__(self, step, message, code=EXIT_FAILURE):
        super().__init__(message)
        self.step, self.message, self.code = step, message, code


def emit(step, **data):
    print(json.dumps(dict(step=step, **data), ensure_ascii=False, sort_keys=True), flush=True)


def fault_text(fault):
    text = (fault.faultString or '').strip()
    if 'Traceback' not in text:
        return text
    # Other errors carry the server's traceback: keep its last lines (the error itself).
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return ' | '.join(lines[-4:])


class Hotline:
    def __init__(self, url, db):
        self.url, self.db = url.rstrip('/'), db
        self.common = xmlrpc.client.ServerProxy(self.url + '/xmlrpc/2/common', allow_none=True)
        self.models = xmlrpc.client.ServerProxy(self.url + '/xmlrpc/2/object', allow_none=True)
        self.uids = {}

    def uid(self, login):
        if login not in self.uids:
            uid = self.common.authenticate(self.db, login, login, {})
            if not uid:
                raise ExampleError('authenticate', 'authentication failed for %r' % login,
                                   EXIT_AUTH)
            self.uids[login] = uid
        return self.uids[login]

    def call(self, login, model, method, args, kwargs=None):
        return self.models.execute_kw(self.db, self.uid(login), login, model, method, args,
                                      kwargs or {})

    def refused(self, login, model, method, args, kwargs=None):
        """Call a method that must be refused; return the fault code and message."""
        try:
            self.call(login, model, method, args, kwargs)
        except xmlrpc.client.Fault as fault:
            return {'fault_code': fault.faultCode, 'message': fault_text(fault)}
        raise ExampleError(method, '%s was allowed to call %s' % (login, method))


def run(hotline):
    def unit(code):
        ids = hotline.call('dispatcher', 'hotline.unit', 'search', [[('code', '=', code)]])
        if not ids:
            raise ExampleError('setup', 'demo unit %s not found' % code)
        return ids[0]

    district, street, community = unit('QC-DC'), unit('QC-DC-HP'), unit('QC-DC-HP-CY')
    location = hotline.call('dispatcher', 'hotline.location', 'search',
                            [[('code', '=', 'L-DC-HP-CY')]])
    ticket = hotline.call('agent', 'hotline.ticket', 'hotline_register', [{
        'title': '朝阳社区5号楼下水道堵塞（XML-RPC 派单示例）',
        'content': '5号楼下水道堵塞一周，污水外溢，物业不处理。',
        'ticket_type': 'complaint', 'channel': 'app',
        'contact_name': '刘芳', 'contact_phone': '13812349876',
        'location_id': location[0] if location else False,
    }], {'submit': True})
    tid = ticket['id']

    def step(name, **extra):
        state = hotline.call('dispatcher', 'hotline.ticket', 'read', [[tid]], {
            'fields': ['state', 'special_supervision', 'dissatisfied_count', 'main_unit_id']})[0]
        visible = {login: bool(hotline.call(login, 'hotline.ticket', 'search_count',
                                            [[('id', '=', tid)]]))
                   for login in WATCHERS}
        emit(name, id=tid, name=ticket['name'], state=state['state'],
             special_supervision=state['special_supervision'], visible=visible, **extra)

    T = 'hotline.ticket'
    step('register')
    default = hotline.call('dispatcher', T, 'read', [[tid]], {
        'fields': ['default_main_unit_id']})[0]['default_main_unit_id']
    step('agent_cannot_dispatch', **hotline.refused('agent', T, 'action_dispatch',
                                                    [[tid], district]))
    hotline.call('dispatcher', T, 'action_dispatch', [[tid], district],
                 {'opinion': '请东城区督促物业疏通下水道。'})
    step('dispatch', default_main_unit=default and default[1])
    hotline.call('unit_handler', T, 'action_sign', [[tid]])
    step('district_sign')
    hotline.call('unit_handler', T, 'action_forward', [[tid], street],
                 {'opinion': '请和平街道办理。'})
    step('forward_street')
    hotline.call('street_handler', T, 'action_sign', [[tid]])
    hotline.call('street_handler', T, 'action_forward', [[tid], community],
                 {'opinion': '请朝阳社区现场核查。'})
    step('forward_community')
    hotline.call('community_handler', T, 'action_sign', [[tid]])
    hotline.call('community_handler', T, 'action_add_entry', [[tid], '联系物业疏通管道'],
                 {'cause': '管道被杂物堵塞', 'outcome': 'solved'})
    hotline.call('community_handler', T, 'action_complete', [[tid], '已疏通，污水已清理。'])
    step('community_complete')
    hotline.call('street_handler', T, 'action_complete', [[tid], '街道已核实社区办理结果。'])
    hotline.call('unit_handler', T, 'action_complete', [[tid], '已疏通下水道并清理现场。'])
    step('district_report')
    step('unit_cannot_audit', **hotline.refused('unit_handler', T, 'action_audit', [[tid], True]))
    rounds = [('first', '三天后又堵了。'), ('second', '问题反复出现，仍不满意。')]
    for number, (label, complaint) in enumerate(rounds, 1):
        hotline.call('dispatcher', T, 'action_audit', [[tid], True], {'opinion': '审核通过'})
        step('audit_pass_%d' % number)
        hotline.call('agent', T, 'action_callback', [[tid], False], {'opinion': complaint})
        step('callback_unsatisfied_%d' % number)
        hotline.call('dispatcher', T, 'action_rehandle', [[tid]],
                     {'opinion': '请重新办理（%s）。' % label})
        step('rehandle_%d' % number)
        if number == 2:
            step('complete_needs_leader_opinion', **hotline.refused(
                'unit_handler', T, 'action_complete', [[tid], '再次疏通']))
            hotline.call('unit_manager', T, 'action_leader_opinion',
                         [[tid], '区领导批示：彻底更换排污管道。'])
            step('leader_opinion')
        hotline.call('unit_handler', T, 'action_complete',
                     [[tid], '第%d次重新办理：已更换排污管道。' % number])
        step('district_report_%d' % (number + 1))
    hotline.call('dispatcher', T, 'action_audit', [[tid], True], {'opinion': '审核通过'})
    hotline.call('agent', T, 'action_callback', [[tid], True], {'opinion': '市民满意。'})
    step('callback_satisfied')
    status = hotline.call('agent', T, 'hotline_status', [ticket['name']])
    emit('done', ok=True, name=ticket['name'], state=status['state'],
         steps=len(status['steps']))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--url', default='http://localhost:8069')
    parser.add_argument('--db', default='hotline')
    args = parser.parse_args(argv)
    try:
        run(Hotline(args.url, args.db))
    except ExampleError as error:
        emit('error', failed_step=error.step, message=error.message)
        print('dispatch example: %s' % error.message, file=sys.stderr)
        return error.code
    except xmlrpc.client.Fault as fault:
        emit('error', failed_step='call', fault_code=fault.faultCode, message=fault_text(fault))
        print('dispatch example: the server refused a call: %s' % fault_text(fault),
              file=sys.stderr)
        return EXIT_FAILURE
    except (ConnectionError, socket.error) as error:
        emit('error', failed_step='connect', message=str(error))
        print('dispatch example: cannot reach %s (%s)' % (args.url, error), file=sys.stderr)
        return EXIT_UNREACHABLE
    return 0


if __name__ == '__main__':
    sys.exit(main())
