# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""AG-10, AG-12, CZ-4: a blacklisted caller routed "to an agent" reaches the seat designated on
the blacklist entry (the real PBX: tests/test_pbx_real_routing.py)."""
from .common import CtiCase


class TestBlacklistRouting(CtiCase):

    def _lookup(self, number):
        return self.env['hotline.cti.call']._cti_lookup(number)

    def test_designated_agent_phone_in_the_lookup(self):
        """AG-10, AG-12: routing "agent" answers the designated seat's phone (its queue
        member interface) while that seat is signed in and free; nothing when the entry names
        no seat (e.g. a batch import), the seat is signed out or on a call — the dialplan then
        sends the caller to the voicemail. Other routings never carry a phone."""
        entry = self.env['hotline.blacklist'].create({
            'phone': '13600008888', 'block_type': 'inbound', 'routing': 'agent',
            'agent_id': self.leader_seat.id, 'reason': '骚扰电话'})
        self.leader_seat.write({'state': 'idle'})
        info = self._lookup('13600008888')
        self.assertEqual((info['blocked'], info['routing'], info['block_target']),
                         (True, 'agent', 'PJSIP/7009'))
        self.leader_seat.write({'state': 'paused'})
        self.assertEqual(self._lookup('13600008888')['block_target'], 'PJSIP/7009')
        for state in ('talking', 'ringing', 'logout'):
            self.leader_seat.write({'state': state})
            self.assertEqual(self._lookup('13600008888')['block_target'], '', state)
        self.leader_seat.write({'state': 'idle'})
        entry.agent_id = False
        self.assertEqual(self._lookup('13600008888')['block_target'], '')
        entry.write({'routing': 'voicemail', 'agent_id': self.leader_seat.id})
        self.assertEqual(self._lookup('13600008888')['block_target'], '')
        self.assertEqual(self._lookup('13800138000')['block_target'], '')
