"""Issue 17: the project's AMI test peer (addons/hotline_cti/tests/ami_pbx.py) speaks as the
real Asterisk 20.20.1 does — checked against the capture of a real session with the shipped
docs/asterisk configuration (``../shared/asterisk/captures``, or ``$HOTLINE_ASTERISK/captures``):
the banner, and for every event type both emit, the fields in Asterisk's order; RingTime of
AgentRingNoAnswer in milliseconds; the late caller ID of a trunk channel (NewCallerid)."""
import glob
import json
import os
import socket
import time
import unittest

import realpbx

from odoo.addons.hotline_cti.bridge.ami import AmiConnection
from odoo.addons.hotline_cti.tests.ami_pbx import AmiTestPbx

_WHERE = os.environ.get('HOTLINE_ASTERISK') or os.path.join(
    os.path.dirname(realpbx.ROOT), 'shared', 'asterisk')


def _capture():
    folder = _WHERE if os.path.isdir(_WHERE) else os.path.dirname(_WHERE)
    files = sorted(glob.glob(os.path.join(folder, 'captures', '*-ami-events.jsonl')))
    return files and files[-1]


class TestPeerFidelity(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        path = _capture()
        if not path:
            raise unittest.SkipTest('no capture of a real Asterisk under %s/captures: the '
                                    'test peer is not compared' % _WHERE)
        cls.real, cls.banner = {}, None
        with open(path, encoding='utf-8') as f:
            for line in f:
                pairs = json.loads(line)['m']
                if pairs and pairs[0][0] == '_raw':
                    cls.banner = pairs[0][1]
                fields = dict(pairs)
                if 'Event' in fields:
                    cls.real.setdefault(fields['Event'], set()).add(
                        tuple(k for k, _v in pairs))

    def _session(self, pbx):
        """Drive the peer through the scenarios the fast tests use and read every event."""
        conn = AmiConnection('127.0.0.1', pbx.port, 'hotline', 's3cret').connect()
        banner = conn.banner
        events = []

        def keep(message):
            if 'Event' in message:
                events.append(message)
        conn.action('QueueAdd', on_other=keep, Queue='12345', Interface='PJSIP/7001',
                    MemberName='7001')
        conn.action('QueuePause', on_other=keep, Interface='PJSIP/7001', Paused='true',
                    Reason='午餐')
        conn.action('QueuePause', on_other=keep, Interface='PJSIP/7001', Paused='false')
        ch = pbx.new_inbound('13800138000')
        pbx.queue_join(ch)
        pbx.agent_called(ch, 'PJSIP/7001', '7001')
        pbx.agent_ring_no_answer(ch, 'PJSIP/7001', '7001', ringtime=15)
        pbx.agent_called(ch, 'PJSIP/7001', '7001')
        pbx.agent_connect(ch, 'PJSIP/7001', '7001', holdtime=3, ringtime=2)
        pbx.agent_complete(ch, 'PJSIP/7001', '7001', holdtime=3, talktime=30)
        other = pbx.new_inbound('13911112222')
        pbx.queue_join(other)
        pbx.queue_abandon(other, holdtime=4)
        conn.action('Originate', on_other=keep, Channel='PJSIP/7001', Context='hotline-agents',
                    Exten='13900001111', Priority='1', Async='true', ChannelId='hl-out-1-1')
        pbx.far_end('hl-out-1-1')
        conn.action('QueueRemove', on_other=keep, Queue='12345', Interface='PJSIP/7001')
        conn.sock.settimeout(0.5)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                message = conn.read_message()
            except socket.timeout:
                break
            if 'Event' in message:
                events.append(message)
        conn.close()
        return banner, events

    def test_peer_matches_real_asterisk(self):
        """Issue 17: banner, per-event field sets and orders, units."""
        with AmiTestPbx() as pbx:
            banner, events = self._session(pbx)
        self.assertEqual(banner, self.banner)
        compared = set()
        for event in events:
            name = event['Event']
            if name not in self.real:
                continue
            keys = tuple(event)
            self.assertIn(keys, self.real[name],
                          'the test peer\'s %s differs from Asterisk 20\'s:\n%s\nreal:\n%s' % (
                              name, keys, '\n'.join(map(str, self.real[name]))))
            compared.add(name)
        for name in ('Newchannel', 'NewCallerid', 'QueueCallerJoin', 'AgentCalled',
                     'AgentRingNoAnswer', 'AgentConnect', 'AgentComplete',
                     'QueueCallerAbandon', 'QueueCallerLeave', 'QueueMemberAdded',
                     'QueueMemberPause', 'QueueMemberRemoved', 'QueueMemberStatus', 'Hangup',
                     'DialBegin', 'DialEnd'):
            self.assertIn(name, compared, '%s was not compared' % name)
        ring = [e for e in events if e['Event'] == 'AgentRingNoAnswer'][0]
        self.assertEqual(ring['RingTime'], '15000', 'RingTime is in milliseconds')
        first = [e for e in events if e['Event'] == 'Newchannel'][0]
        self.assertEqual(first['CallerIDNum'], '<unknown>')
        late = [e for e in events if e['Event'] == 'NewCallerid'][0]
        self.assertEqual((late['Uniqueid'], late['CallerIDNum']),
                         (first['Uniqueid'], '13800138000'))
