"""Ring a demo agent from a test PBX, to see the screen pop without an Asterisk (AG-3).

    # 1. a test PBX speaking AMI on 127.0.0.1:5038 (the demo PBX record points there)
    .venv/bin/python examples/cti_demo_call.py --port 5038 --caller 13812340001 --agent 1001
    # 2. in another shell, with "Bridge Events" ticked on the demo PBX (secret: change-me):
    .venv/bin/python tools/odoo-bin --addons-path=ADDONS hotline-cti -c .local/odoo.conf -d hotline
    # 3. log in as agent/agent: press Enter in the first shell to ring agent 1001.

Loopback only; the PBX is the one of hotline_cti's tests (addons/hotline_cti/tests/ami_pbx.py).
"""
import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'addons', 'hotline_cti', 'tests'))

from ami_pbx import AmiTestPbx  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--port', type=int, default=5038)
    parser.add_argument('--secret', default='change-me')
    parser.add_argument('--caller', default='13812340001')
    parser.add_argument('--agent', default='1001')
    parser.add_argument('--extension', default='PJSIP/8001')
    args = parser.parse_args()
    pbx = AmiTestPbx(secret=args.secret)
    pbx.listener.close()    # rebind on the requested port
    import socket
    pbx.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    pbx.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    pbx.listener.bind(('127.0.0.1', args.port))
    pbx.listener.listen(8)
    pbx.port = args.port
    pbx.start()
    print('test PBX on 127.0.0.1:%d; waiting for the bridge to log in…' % args.port)
    pbx.wait_clients(1, timeout=3600)
    pbx.members[('12345', args.extension)] = {
        'Interface': args.extension, 'MemberName': args.agent, 'Paused': '0',
        'PausedReason': '', 'CallsTaken': 0}
    while True:
        if input('Enter: ring agent %s with %s (q: quit) ' % (args.agent, args.caller)) == 'q':
            break
        channel = pbx.new_inbound(args.caller)
        pbx.queue_join(channel)
        pbx.agent_called(channel, args.extension, args.agent)
        input('Enter: the agent answers ')
        pbx.agent_connect(channel, args.extension, args.agent, holdtime=5, ringtime=3)
        input('Enter: hang up ')
        pbx.agent_complete(channel, args.extension, args.agent, holdtime=5, talktime=60)
    pbx.stop()


if __name__ == '__main__':
    main()
