# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""A small, hand-checked month (October 2025, far from the demo data) for the report and
KPI tests. Every figure the tests expect is worked out from this dataset in their comments.

Units (HotlineCase): 测试市 (city) › 甲区 (district_a) › 甲区一街道 (street_a); 乙区
(district_b); 测试市住建局 (bureau). All times UTC (+8 h in the hotline), inside October.

Requests (registered by, main unit, state, dispatches):
  T1 agent1, 甲区,   done,        1 dispatch   callback satisfied 10-13
  T2 agent1, 甲区,   done,        1 dispatch   urgent; audit failed; callback unsatisfied
  T3 agent2, 乙区,   done,        2 dispatches (甲区 returned it, then 乙区); satisfied
  T4 agent3, 街道,   in_progress, 1 dispatch
  T5 agent1, –,      done,        0 (consult, bureau 住建局, answered from the KB)
  T6 agent3, –,      submitted,   0 (consult, bureau 住建局)
Assignments (dispatched → signed, deadline, completed):
  A1 甲区 main T1  10-05 02:00 → 10-05 10:00 (8 h),  dl 10-15, done 10-12, solved
  A2 甲区 main T2  10-06 02:00 → 10-07 06:00 (28 h), dl 10-10, done 10-12, not solved
  A3 甲区 main T3  10-07 02:00 → 10-07 03:00 (1 h),  dl 10-17, returned
  C1 甲区 co   T1  10-05 02:00 → 10-06 06:00 (28 h), dl 10-15, done 10-08
  S1 街道 main T4  10-08 02:00 → 10-08 04:00 (2 h),  dl 10-10, still in progress (late)
  B1 乙区 main T3  10-08 02:00 → 10-08 03:00 (1 h),  dl 10-18, done 10-09, solved
Calls (inbound unless said): agent1 answered after 10 s, agent2 answered after 30 s,
  abandoned after 45 s in Q1 (group 1's queue), agent3 answered after 5 s, abandoned after
  70 s in Q2 (no group's queue), one outbound call by agent1.
Agent groups: G1 = agent1 + agent2 (queue Q1), G2 = agent3.
"""
from odoo.addons.hotline_core.tests.common import HotlineCase

MONTH = '2025-10-01'


class ReportsCase(HotlineCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # the demo's agent groups would take part in the centre's assessment
        env['hotline.agent.group'].search([]).write({'active': False})
        cls.agent1 = cls._user('t_rep_agent1', 'group_hotline_agent')
        cls.agent2 = cls._user('t_rep_agent2', 'group_hotline_agent')
        cls.agent3 = cls._user('t_rep_agent3', 'group_hotline_agent')
        cls.leader = cls._user('t_rep_leader', 'group_hotline_team_leader')
        cls.office_leader = cls._user('t_rep_office_leader', 'group_hotline_office_leader')
        cls.manager_a = cls._user('t_rep_manager_a', 'group_hotline_unit_manager',
                                  cls.district_a)
        cls.district_a.manager_id = cls.manager_a
        server = env['asterisk.server'].search([], limit=1) or env['asterisk.server'].create({
            'name': 'Test PBX', 'ip_address': '127.0.0.1', 'login': 'x', 'password': 'x',
            'context': 'from-internal'})
        Queue = env['hotline.cti.queue']
        cls.q1 = Queue.create({'name': 'rep-q1', 'server_id': server.id})
        cls.q2 = Queue.create({'name': 'rep-q2', 'server_id': server.id})
        Agent = env['hotline.cti.agent']
        cls.seats = {}
        for n, user in enumerate((cls.agent1, cls.agent2, cls.agent3), start=1):
            cls.seats[user] = Agent.create({
                'user_id': user.id, 'agent_number': 'rep%d' % n, 'extension': '98%02d' % n,
                'server_id': server.id, 'queue_ids': [(6, 0, cls.q1.ids)]})
        Group = env['hotline.agent.group']
        cls.g1 = Group.create({'name': '测试一组', 'user_ids': [(6, 0, (cls.agent1 | cls.agent2).ids)],
                               'queue_ids': [(6, 0, cls.q1.ids)]})
        cls.g2 = Group.create({'name': '测试二组', 'user_ids': [(6, 0, cls.agent3.ids)]})

        def ticket(user, **vals):
            values = {'title': '测试诉求', 'content': '内容', 'ticket_type': 'complaint',
                      'channel': 'phone', 'contact_name': '测试市民',
                      'contact_phone': '13800138000', 'category_id': cls.category.id}
            values.update(vals)
            return env['hotline.ticket'].sudo(user).create(values)
        cls.t1 = ticket(cls.agent1, register_date='2025-10-05 01:00:00')
        cls.t2 = ticket(cls.agent1, register_date='2025-10-06 01:00:00', urgent=True)
        cls.t3 = ticket(cls.agent2, register_date='2025-10-07 01:00:00')
        cls.t4 = ticket(cls.agent3, register_date='2025-10-08 01:00:00')
        cls.t5 = ticket(cls.agent1, register_date='2025-10-09 01:00:00',
                        ticket_type='consult', bureau_id=cls.bureau.id)
        cls.t6 = ticket(cls.agent3, register_date='2025-10-09 02:00:00',
                        ticket_type='consult', bureau_id=cls.bureau.id)
        # the superuser writes the workflow fields directly: the loop itself is tested in
        # hotline_dispatch; these tests check what the reports make of its records
        for rec, vals in ((cls.t1, {'state': 'done', 'main_unit_id': cls.district_a.id,
                                    'dispatch_count': 1, 'date_done': '2025-10-13 03:00:00'}),
                          (cls.t2, {'state': 'done', 'main_unit_id': cls.district_a.id,
                                    'dispatch_count': 1, 'date_done': '2025-10-13 04:00:00'}),
                          (cls.t3, {'state': 'done', 'main_unit_id': cls.district_b.id,
                                    'dispatch_count': 2, 'return_count': 1,
                                    'date_done': '2025-10-10 03:00:00'}),
                          (cls.t4, {'state': 'in_progress', 'main_unit_id': cls.street_a.id,
                                    'dispatch_count': 1}),
                          (cls.t5, {'state': 'done', 'date_done': '2025-10-09 01:10:00'}),
                          (cls.t6, {'state': 'submitted'})):
            rec.sudo().write(vals)
        item = env['hotline.kb.item'].search([], limit=1)
        env['hotline.kb.usage'].create({'item_id': item.id, 'ticket_id': cls.t5.id,
                                        'user_id': cls.agent1.id,
                                        'date': '2025-10-09 01:05:00'})
        Assignment = env['hotline.ticket.assignment'].sudo()

        def assign(name, ticket_, unit, role, created, signed, deadline, done=None,
                   state='done', solved=False):
            record = Assignment.create({
                'ticket_id': ticket_.id, 'unit_id': unit.id, 'role': role, 'state': state,
                'date_signed': signed, 'date_deadline': deadline, 'date_done': done,
                'solved': solved})
            env.cr.execute("UPDATE hotline_ticket_assignment SET create_date = %s "
                           "WHERE id = %s", [created, record.id])
            setattr(cls, name, record)
        assign('a1', cls.t1, cls.district_a, 'main', '2025-10-05 02:00:00',
               '2025-10-05 10:00:00', '2025-10-15 02:00:00', '2025-10-12 02:00:00',
               solved=True)
        assign('a2', cls.t2, cls.district_a, 'main', '2025-10-06 02:00:00',
               '2025-10-07 06:00:00', '2025-10-10 02:00:00', '2025-10-12 02:00:00')
        assign('a3', cls.t3, cls.district_a, 'main', '2025-10-07 02:00:00',
               '2025-10-07 03:00:00', '2025-10-17 02:00:00', state='returned')
        assign('c1', cls.t1, cls.district_a, 'co', '2025-10-05 02:00:00',
               '2025-10-06 06:00:00', '2025-10-15 02:00:00', '2025-10-08 02:00:00')
        assign('s1', cls.t4, cls.street_a, 'main', '2025-10-08 02:00:00',
               '2025-10-08 04:00:00', '2025-10-10 02:00:00', state='in_progress')
        assign('b1', cls.t3, cls.district_b, 'main', '2025-10-08 02:00:00',
               '2025-10-08 03:00:00', '2025-10-18 02:00:00', '2025-10-09 02:00:00',
               solved=True)
        Step = env['hotline.ticket.step'].sudo()
        for ticket_, action, date, unit in (
                (cls.t2, 'audit_fail', '2025-10-12 05:00:00', cls.district_a),
                (cls.t1, 'callback_satisfied', '2025-10-13 03:00:00', None),
                (cls.t2, 'callback_unsatisfied', '2025-10-13 04:00:00', None),
                (cls.t3, 'callback_satisfied', '2025-10-10 03:00:00', None)):
            Step.create({'ticket_id': ticket_.id, 'action': action, 'name': action,
                         'date': date, 'unit_id': unit and unit.id})
        Call = env['hotline.cti.call'].sudo()
        for n, (agent, queue, wait, disposition, direction) in enumerate((
                (cls.agent1, cls.q1, 10, 'answered', 'inbound'),
                (cls.agent2, cls.q1, 30, 'answered', 'inbound'),
                (None, cls.q1, 45, 'abandoned', 'inbound'),
                (cls.agent3, cls.q1, 5, 'answered', 'inbound'),
                (None, cls.q2, 70, 'abandoned', 'inbound'),
                (cls.agent1, None, 0, 'answered', 'outbound'))):
            Call.create({
                'uniqueid': 'rep-test-%d' % n, 'server_id': server.id,
                'direction': direction, 'queue_id': queue and queue.id,
                'agent_id': agent and cls.seats[agent].id,
                'enter_date': '2025-10-%02d 02:%02d:00' % (10 + n, n),
                'answer_date': '2025-10-%02d 02:%02d:30' % (10 + n, n)
                if disposition == 'answered' else False,
                'wait_time': wait, 'talk_time': 100 if disposition == 'answered' else 0,
                'state': 'done', 'disposition': disposition})
        env['hotline.ticket'].invalidate_cache()

    @classmethod
    def _scheme(cls, name, target, lines):
        return cls.env['hotline.kpi.scheme'].create({
            'name': name, 'target': target, 'auto_monthly': False,
            'line_ids': [(0, 0, {'indicator': code, 'weight': weight})
                         for code, weight in lines]})

    def _result(self, results, record):
        field = 'unit_id' if record._name == 'hotline.unit' else 'agent_group_id'
        found = results.filtered(lambda r: r[field] == record)
        self.assertEqual(len(found), 1, 'one result for %s' % record.display_name)
        return found
