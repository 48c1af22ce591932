# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""NF-2, UN-1: a change of a unit's members takes effect at once on the live server. Odoo 11
caches each user's record rules with the ids of his units; before the fix a clerk moved out of
西城区 kept reading its requests over XML-RPC until the server was restarted, and a clerk
moved in saw none of them."""
from ._attack_case import AttackCase


class TestAttackMembership(AttackCase):

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            self.xicheng = env.ref('hotline_core.unit_district_xicheng')
            self.dongcheng = env.ref('hotline_core.unit_district_dongcheng')
            tickets = env['hotline.ticket']
            self.xicheng_ticket = tickets.search(
                [('unit_ids', 'child_of', self.xicheng.id)], limit=1).id
            self.assertTrue(self.xicheng_ticket, 'demo data: a request of 西城区')
            self.assertFalse(tickets.search_count([
                ('id', '=', self.xicheng_ticket),
                ('unit_ids', 'child_of', self.dongcheng.id)]), 'demo data: not of 东城区')
            users = env['res.users']
            self.xicheng_uid = users.search([('login', '=', 'xicheng_handler')]).id
            self.dongcheng_uid = users.search([('login', '=', 'unit_handler')]).id

    def _sees(self, call):
        return bool(call('hotline.ticket', 'search', [('id', '=', self.xicheng_ticket)]))

    def test_removed_member_loses_the_units_requests_at_once(self):
        """NF-2: xicheng_handler reads a 西城区 request (his rules now cached); the
        administrator removes him from 西城区 in the unit (hotline.unit write over XML-RPC);
        at once he can neither find nor read it."""
        clerk, admin = self.rpc('xicheng_handler'), self.rpc('admin')
        self.assertTrue(self._sees(clerk))
        clerk('hotline.ticket', 'read', [self.xicheng_ticket], ['name'])
        admin('hotline.unit', 'write', [self.xicheng.id], {'user_ids': [(3, self.xicheng_uid)]})
        self.assertFalse(self._sees(clerk), 'the former member still finds the request')
        self.assertRefused(clerk, 'hotline.ticket', 'read', [self.xicheng_ticket], ['name'])

    def test_new_member_sees_the_units_requests_at_once(self):
        """NF-2: unit_handler (东城区) finds no 西城区 request (his rules now cached); the
        administrator adds 西城区 to his units (res.users write over XML-RPC, as the user
        form does); at once he finds and reads it, and loses it again when it is taken away."""
        clerk, admin = self.rpc('unit_handler'), self.rpc('admin')
        self.assertFalse(self._sees(clerk))
        admin('res.users', 'write', [self.dongcheng_uid],
              {'hotline_unit_ids': [(4, self.xicheng.id)]})
        self.assertTrue(self._sees(clerk), 'the new member does not find the request')
        clerk('hotline.ticket', 'read', [self.xicheng_ticket], ['name'])
        admin('res.users', 'write', [self.dongcheng_uid],
              {'hotline_unit_ids': [(3, self.xicheng.id)]})
        self.assertFalse(self._sees(clerk))
