# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""AG-9, IF-3, NF-2: who sees which call records, agent seats and the AMI secret."""
from odoo.exceptions import AccessError

from .common import CtiCase


class TestCtiSecurity(CtiCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Call = cls.env['hotline.cti.call']
        cls.ticket_a = cls.env['hotline.ticket'].create({
            'title': '路灯不亮', 'content': '小区路灯坏了一周。', 'ticket_type': 'complaint',
            'channel': 'phone', 'contact_name': '测试市民', 'contact_phone': '13800138000',
            'category_id': cls.category.id, 'unit_ids': [(6, 0, cls.district_a.ids)]})
        cls.call_own = Call.create({'uniqueid': 's.1', 'server_id': cls.server.id,
                                    'agent_id': cls.seat.id, 'ticket_id': cls.ticket_a.id,
                                    'partner_id': cls.citizen.id})
        cls.call_other = Call.create({'uniqueid': 's.2', 'server_id': cls.server.id,
                                      'agent_id': cls.seat2.id})

    def _visible(self, user):
        return self.env['hotline.cti.call'].sudo(user).search(
            [('id', 'in', (self.call_own | self.call_other).ids)])

    def test_agent_sees_own_calls_only(self):
        """AG-9, NF-2: an agent sees their own call records, not a colleague's."""
        self.assertEqual(self._visible(self.agent), self.call_own)
        self.assertEqual(self._visible(self.agent2), self.call_other)
        self.assertEqual(self.env['hotline.cti.agent'].sudo(self.agent).search([]), self.seat)

    def test_leader_and_supervisor_see_all(self):
        """MO-1, NF-2: team leaders and supervisors see every call and every seat."""
        self.assertEqual(self._visible(self.leader), self.call_own | self.call_other)
        self.assertEqual(self._visible(self.supervisor), self.call_own | self.call_other)
        self.assertEqual(len(self.env['hotline.cti.agent'].sudo(self.leader).search(
            [('server_id', '=', self.server.id)])), 3)

    def test_unit_sees_calls_of_its_requests(self):
        """IF-3, NF-2: a unit sees the call records of the requests dispatched to it or its
        sub-units' parents' requests, like the requests themselves; another district none."""
        self.assertEqual(self._visible(self.unit_a_user), self.call_own)
        self.assertFalse(self._visible(self.unit_b_user))

    def test_status_bar_is_silent_for_users_without_telephony(self):
        """AG-4, NF-2: the web client of a unit user asks for the status bar at every page;
        the answer is "no seat", not an access error shown to the user."""
        Agent = self.env['hotline.cti.agent']
        self.assertFalse(Agent.sudo(self.unit_a_user).cti_my_status())
        with self.assertRaises(AccessError):
            Agent.sudo(self.unit_a_user).search([])

    def test_ami_secret_for_admins_only(self):
        """NF-2: the AMI secret controls the PBX: agents cannot read it."""
        with self.assertRaises(AccessError):
            self.server.sudo(self.agent).read(['password'])
        self.assertEqual(self.server.sudo().password, 's3cret')

    def test_agent_cannot_write_call_records(self):
        """AG-9: call records are written by the bridge, not edited by agents."""
        with self.assertRaises(AccessError):
            self.call_own.sudo(self.agent).write({'talk_time': 1})
