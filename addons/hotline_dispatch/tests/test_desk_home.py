# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""Issue #16: every hotline role lands on its own desk (我的工作台)."""
from odoo.tests.common import TransactionCase

ROLES = ['agent', 'team_leader', 'dispatcher', 'office_leader', 'unit_handler',
         'unit_manager', 'supervisor', 'kb_admin', 'admin']


class TestDeskHome(TransactionCase):

    def setUp(self):
        super().setUp()
        self.desk = self.env.ref('hotline_dispatch.hotline_desk_queue_action')

    def test_every_demo_login_lands_on_the_desk(self):
        """Issue #16: the demo users of every role have the desk as home action."""
        Users = self.env['res.users']
        for login in ('agent', 'leader', 'dispatcher', 'office_leader', 'unit_handler',
                      'unit_manager', 'street_handler', 'xicheng_handler',
                      'community_handler', 'supervisor', 'kb_admin'):
            with self.subTest(login=login):
                user = Users.search([('login', '=', login)])
                self.assertEqual(user.action_id.id, self.desk.id)

    def test_group_assignment_sets_the_desk(self):
        """Issue #16: a user created with a hotline role, or given one later, lands on the
        desk; a home action chosen by the administrator stays; a citizen (portal) gets none."""
        Users = self.env['res.users'].with_context(no_reset_password=True)
        for role in ROLES:
            with self.subTest(role=role):
                group = self.env.ref('hotline_core.group_hotline_%s' % role)
                user = Users.create({'name': role, 'login': 'desk_%s' % role,
                                     'groups_id': [(6, 0, [group.id])]})
                self.assertEqual(user.action_id.id, self.desk.id)
        later = Users.create({'name': 'later', 'login': 'desk_later',
                              'groups_id': [(6, 0, [self.env.ref('base.group_user').id])]})
        self.assertFalse(later.action_id)
        later.write({'groups_id': [(4, self.env.ref('hotline_core.group_hotline_agent').id)]})
        self.assertEqual(later.action_id.id, self.desk.id)
        chosen = self.env.ref('hotline_dispatch.hotline_ticket_assignment_action')
        later.write({'action_id': chosen.id})
        later.write({'groups_id': [(4, self.env.ref(
            'hotline_core.group_hotline_dispatcher').id)]})
        self.assertEqual(later.action_id.id, chosen.id)
        portal = Users.create({'name': 'citizen', 'login': 'desk_citizen',
                               'groups_id': [(6, 0, [self.env.ref('base.group_portal').id])]})
        self.assertFalse(portal.action_id)

    def test_queue_names_say_what_waits(self):
        """Issue #16: the queues read as a centre says them, and the unit's to-sign card
        opens a list titled 待签收 (not 全部派单记录)."""
        Queue = self.env['hotline.desk.queue'].with_context(lang='zh_CN')
        names = {q.get_external_id()[q.id]: q.name for q in Queue.search([])}
        self.assertEqual(names['hotline_dispatch.queue_office_to_review'], '待派单')
        self.assertEqual(names['hotline_dispatch.queue_unit_to_sign'], '待签收')
        action = self.env.ref('hotline_dispatch.queue_unit_to_sign').with_context(
            lang='zh_CN').action_open()
        self.assertEqual(action['name'], '待签收')
        menu = self.env.ref('hotline_dispatch.hotline_ticket_menu_to_review')
        self.assertEqual(menu.with_context(lang='zh_CN').name, '待派单')
