# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""Issue 15 item 6 (NF-2, CZ-1): a unit clerk of another district (xicheng_handler) and a
citizen on the portal tried, over XML-RPC, to list the citizen directory and to map phone
numbers to people; the clerk keeps the partners his work needs, the agent keeps finding
every caller."""
from ._attack_case import AttackCase


class TestAttackPartner(AttackCase):

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            dongcheng = env.ref('hotline_core.unit_district_dongcheng')
            xicheng = env.ref('hotline_core.unit_district_xicheng')
            tickets = env['hotline.ticket']
            own = tickets.search([('unit_ids', 'child_of', xicheng.id),
                                  ('partner_id.mobile', '!=', False)])
            foreign = tickets.search([('unit_ids', 'child_of', dongcheng.id),
                                      ('partner_id.mobile', '!=', False)])
            self.citizen_user = env.ref('hotline_portal.user_citizen')
            own_partners = own.mapped('partner_id')
            foreign_only = (foreign.mapped('partner_id') - own_partners
                            - self.citizen_user.partner_id)
            self.assertTrue(own_partners and foreign_only, 'demo data: citizens of each')
            self.own_partner = own_partners[0]
            self.own_partners = set(own_partners.ids)
            self.foreign_partner = foreign_only[0]
            self.own_mobile = self.own_partner.mobile
            self.foreign_mobile = self.foreign_partner.mobile
            self.citizens = env['res.partner'].search(
                [('hotline_resource_type', '=', 'citizen')]).ids
            self.agent_partner = env['res.users'].search([('login', '=', 'agent')]).partner_id.id
            # Odoo's stock portal account is kept, archived: another citizen's account all the same
            self.citizen_accounts = env['res.users'].with_context(active_test=False).search(
                [('share', '=', True)]).ids

    def test_other_district_cannot_list_or_look_up_citizens(self):
        """NF-2, CZ-1: as xicheng_handler, tried search_read of the citizens (names and
        mobiles), reading a Dongcheng citizen by id, hotline_find_by_phone and base_phone's
        get_record_from_phone_number with that citizen's mobile, and listing the citizens'
        portal accounts: only the citizens of his own requests, nothing else."""
        call = self.rpc('xicheng_handler')
        rows = call('res.partner', 'search_read', [('hotline_resource_type', '=', 'citizen')],
                    fields=['name', 'mobile'])
        self.assertLess(len(rows), len(self.citizens))
        self.assertTrue({r['id'] for r in rows} <= self.own_partners, rows)
        self.assertNotIn(self.foreign_partner.id, [r['id'] for r in rows])
        self.assertNotIn(self.foreign_mobile, str(rows))
        self.assertRefused(call, 'res.partner', 'read', [self.foreign_partner.id], ['mobile'])
        self.assertEqual(call('res.partner', 'hotline_find_by_phone', self.foreign_mobile), [])
        self.assertFalse(call('phone.common', 'get_record_from_phone_number',
                              self.foreign_mobile))
        self.assertFalse(call('phone.common', 'get_name_from_phone_number',
                              self.foreign_mobile))
        accounts = call('res.users', 'search_read', [('share', '=', True)], fields=['name'])
        self.assertEqual(accounts, [])
        self.assertRefused(call, 'res.users', 'read', [self.citizen_user.id], ['name', 'login'])

    def test_unit_keeps_the_partners_of_its_work(self):
        """NF-2: xicheng_handler reads the citizen of his own request (name, mobile) and finds
        him by number, reads his requests' citizen on the request, the staff's partners (the
        chatter's authors) and his own; the agent still finds any caller."""
        call = self.rpc('xicheng_handler')
        row = call('res.partner', 'read', [self.own_partner.id], ['name', 'mobile'])
        self.assertEqual(row[0]['mobile'], self.own_mobile)
        self.assertIn(self.own_partner.id,
                      call('res.partner', 'hotline_find_by_phone', self.own_mobile))
        self.assertTrue(call('res.partner', 'read', [self.agent_partner], ['name', 'email']))
        me = call('res.users', 'read', [call.uid], ['partner_id'])[0]['partner_id'][0]
        self.assertTrue(call('res.partner', 'read', [me], ['name', 'image_small']))
        staff = call('res.users', 'search_read', [('share', '=', False)], fields=['name'])
        self.assertIn('agent', str(call('res.users', 'search_read', [('login', '=', 'agent')],
                                        fields=['login'])))
        self.assertTrue(staff)
        agent = self.rpc('agent')
        self.assertIn(self.foreign_partner.id,
                      agent('res.partner', 'hotline_find_by_phone', self.foreign_mobile))
        self.assertEqual(len(agent('res.partner', 'search', [
            ('hotline_resource_type', '=', 'citizen')])), len(self.citizens))

    def test_citizen_lists_no_other_citizen(self):
        """CH-2, NF-2: as the portal citizen, tried search_read on res.partner and res.users,
        reading another citizen's account by id, and both number look-ups with another
        citizen's mobile: only himself comes back."""
        call = self.rpc('citizen')
        partners = call('res.partner', 'search_read', [], fields=['name', 'mobile'])
        own = self.citizen_user.partner_id
        self.assertLessEqual({p['id'] for p in partners}, {own.id, own.commercial_partner_id.id})
        users = call('res.users', 'search_read', [], fields=['name', 'login'])
        self.assertEqual([u['id'] for u in users], [self.citizen_user.id])
        other = [uid for uid in self.citizen_accounts if uid != self.citizen_user.id]
        self.assertTrue(other)
        self.assertRefused(call, 'res.users', 'read', other[:1], ['name', 'login'])
        followers = call('mail.followers', 'search_read', [], fields=['partner_id'])
        self.assertLessEqual({f['partner_id'] and f['partner_id'][0] for f in followers},
                             {own.id, False})
        found = call('res.partner', 'hotline_find_by_phone', self.foreign_mobile)
        self.assertEqual(found, [])
        self.assertFalse(call('phone.common', 'get_record_from_phone_number',
                              self.foreign_mobile))
