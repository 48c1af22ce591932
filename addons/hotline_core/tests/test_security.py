# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError

from .common import HotlineCase


class TestUnitIsolation(HotlineCase):
    """NF-2: a unit sees only requests dispatched or copied to it or to its sub-units."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Ticket = cls.env['hotline.ticket']
        base = {'title': '噪音扰民', 'content': '夜间施工', 'ticket_type': 'complaint',
                'contact_name': '测试市民', 'contact_phone': '13800138000'}
        cls.ticket_a = Ticket.create(dict(base, unit_ids=[(6, 0, cls.district_a.ids)]))
        cls.ticket_street_a = Ticket.create(dict(base, unit_ids=[(6, 0, cls.street_a.ids)]))
        cls.ticket_b = Ticket.create(dict(base, unit_ids=[(6, 0, cls.district_b.ids)]))
        cls.ticket_none = Ticket.create(base)

    def test_unit_user_searches_only_own_and_sub_units_requests(self):
        """NF-2: district A sees its request and its street's; never district B's nor the
        undispatched one."""
        Ticket = self.env['hotline.ticket']
        mine = Ticket.sudo(self.unit_a_user).search([('title', '=', '噪音扰民')])
        self.assertEqual(mine, self.ticket_a | self.ticket_street_a)
        street = Ticket.sudo(self.street_a_user).search([('title', '=', '噪音扰民')])
        self.assertEqual(street, self.ticket_street_a)
        other = Ticket.sudo(self.unit_b_user).search([('title', '=', '噪音扰民')])
        self.assertEqual(other, self.ticket_b)
        self.assertEqual(Ticket.sudo(self.unit_b_user).search_count(
            [('id', '=', self.ticket_a.id)]), 0)

    def test_unit_user_cannot_read_or_write_sibling_district_request(self):
        """NF-2: reading or writing another district's request is refused."""
        with self.assertRaises(AccessError):
            self.ticket_a.sudo(self.unit_b_user).read(['title'])
        with self.assertRaises(AccessError):
            self.ticket_a.sudo(self.unit_b_user).write({'title': '篡改'})
        with self.assertRaises(AccessError):
            self.ticket_a.sudo(self.street_a_user).read(['title'])
        self.assertEqual(self.ticket_a.title, '噪音扰民')
        # … while its own district may read and write it.
        self.ticket_a.sudo(self.unit_a_user).write({'urgent': True})
        self.assertTrue(self.ticket_a.urgent)

    def test_unit_user_cannot_read_trail_of_other_units_requests(self):
        """NF-2, TK-9: the trail follows the request's visibility."""
        Step = self.env['hotline.ticket.step']
        self.assertFalse(Step.sudo(self.unit_b_user).search(
            [('ticket_id', '=', self.ticket_a.id)]))
        self.assertTrue(Step.sudo(self.unit_a_user).search(
            [('ticket_id', '=', self.ticket_a.id)]))

    def test_unit_rules_do_not_grow_with_the_units_history(self):
        """NF-2, issue 9 (found by the load test): the units' rule on the trail and the
        extended values is a join on the request's units, not a list of the ids of every
        request the unit can see — a query that grew longer every day. Tried: 30 more
        requests for district A; the rule's SQL parameters stay the same."""
        def rule_params(model):
            return self._rule_params(model, self.unit_a_user)
        models = ('hotline.ticket.step', 'hotline.ticket.field.value')
        before = {model: rule_params(model) for model in models}
        Ticket = self.env['hotline.ticket']
        for i in range(30):
            Ticket.create({'title': '历史诉求 %d' % i, 'content': '已办结',
                           'unit_ids': [(6, 0, self.district_a.ids)]})
        for model in models:
            self.assertEqual(rule_params(model), before[model], model)
        # and the rule still does its work
        self.test_unit_user_cannot_read_trail_of_other_units_requests()

    def test_unit_user_without_unit_sees_nothing_and_gets_no_error(self):
        """NF-2: a unit handler not yet attached to any unit finds no request (and the
        search does not fail)."""
        lonely = self._user('t_unit_none', 'group_hotline_unit_handler')
        self.assertFalse(self.env['hotline.ticket'].sudo(lonely).search([]))
        self.assertFalse(self.env['hotline.ticket.step'].sudo(lonely).search([]))

    def test_state_changes_only_through_actions(self):
        """TK-8, NF-2: writing the state directly (as over XML-RPC) is refused even for a
        role that may edit the request; the action path works."""
        with self.assertRaises(AccessError):
            self.ticket_a.sudo(self.unit_a_user).write({'state': 'done'})
        with self.assertRaises(AccessError):
            self.ticket_none.sudo(self.agent).write({'state': 'done'})
        self.assertEqual(self.ticket_none.state, 'draft')
        self.ticket_none.sudo(self.agent).action_submit()
        self.assertEqual(self.ticket_none.state, 'submitted')

    def test_unit_user_cannot_create_or_delete_requests(self):
        """NF-2: units handle requests; they do not register or delete them."""
        with self.assertRaises(AccessError):
            self.env['hotline.ticket'].sudo(self.unit_a_user).create({
                'title': 'x', 'content': 'y'})
        with self.assertRaises(AccessError):
            self.ticket_a.sudo(self.unit_a_user).unlink()

    def test_centre_roles_see_all_requests(self):
        """NF-2: agents, dispatchers and supervisors see every request."""
        everything = self.ticket_a | self.ticket_street_a | self.ticket_b | self.ticket_none
        for user in (self.agent, self.dispatcher, self.supervisor):
            found = self.env['hotline.ticket'].sudo(user).search([('id', 'in', everything.ids)])
            self.assertEqual(found, everything, user.login)

    def test_trail_is_read_only_for_users(self):
        """TK-9: nobody forges or edits the trail through the ORM."""
        step = self.ticket_none.step_ids[0]
        with self.assertRaises(AccessError):
            step.sudo(self.agent).write({'name': 'forged'})
        with self.assertRaises(AccessError):
            self.env['hotline.ticket.step'].sudo(self.dispatcher).create({
                'ticket_id': self.ticket_none.id, 'action': 'x', 'name': 'forged'})


class TestAudit(HotlineCase):

    def test_changes_to_requests_and_group_membership_are_logged(self):
        """NF-4: changing a request and a user's groups leaves audit log entries that a
        supervisor can read."""
        Log = self.env['auditlog.log']
        ticket = self._ticket()
        ticket.sudo(self.agent).write({'title': '改过的标题'})
        logs = Log.sudo(self.supervisor).search([
            ('model_id.model', '=', 'hotline.ticket'), ('res_id', '=', ticket.id)])
        self.assertIn('write', logs.mapped('method'))
        self.assertIn('create', logs.mapped('method'))
        leader_group = self.env.ref('hotline_core.group_hotline_team_leader')
        self.agent.write({'groups_id': [(4, leader_group.id)]})
        user_logs = Log.sudo(self.supervisor).search([
            ('model_id.model', '=', 'res.users'), ('res_id', '=', self.agent.id),
            ('method', '=', 'write')])
        self.assertTrue(user_logs)
        self.assertIn('groups_id', user_logs.mapped('line_ids.field_id.name'))
        with self.assertRaises(AccessError):
            Log.sudo(self.agent).search([])
