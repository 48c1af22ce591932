# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""ST-1…ST-4: the analysis views over the hand-checked month of common.py, read the way the
pivot view reads them (read_group), and who may read which rows (NF-2)."""
from odoo.exceptions import AccessError

from .common import ReportsCase

OCTOBER = [('enter_date', '>=', '2025-10-01'), ('enter_date', '<', '2025-11-01')]


class TestAnalysis(ReportsCase):

    def _group(self, model, domain, fields, groupby, user=None):
        Model = self.env[model]
        if user:
            Model = Model.sudo(user)
        return {(g[groupby][0] if isinstance(g[groupby], tuple) else g[groupby]): g
                for g in Model.read_group(domain, fields + [groupby], [groupby], lazy=False)}

    def test_call_analysis_rates_are_ratios_of_sums(self):
        """ST-2: October's inbound calls: 5 offered, 3 answered → answer rate 60 %,
        abandon 40 %; answered within 15 s: 10 s and 5 s → 2/5 = 40 % (20 s: the same, the
        30 s call is late for both); average wait (10 + 30 + 45 + 5 + 70) / 5 = 32 s; one
        outbound call. By group: group 1 offered 3 (agent1, agent2; the Q1 abandon has no
        agent and no group in the call view), answered 2 → 100 %."""
        rows = self.env['hotline.call.report'].read_group(
            OCTOBER, ['offered_count', 'answered_count', 'answer_rate', 'abandon_rate',
                      'sl15_rate', 'sl20_rate', 'avg_wait', 'outbound_count'],
            [], lazy=False)
        total = rows[0]
        self.assertEqual(total['offered_count'], 5)
        self.assertEqual(total['answered_count'], 3)
        self.assertEqual(total['answer_rate'], 60.0)
        self.assertEqual(total['abandon_rate'], 40.0)
        self.assertEqual(total['sl15_rate'], 40.0)
        self.assertEqual(total['sl20_rate'], 40.0)
        self.assertEqual(total['avg_wait'], 32.0)
        self.assertEqual(total['outbound_count'], 1)
        by_group = self._group('hotline.call.report', OCTOBER,
                               ['offered_count', 'answer_rate'], 'agent_group_id')
        self.assertEqual(by_group[self.g1.id]['offered_count'], 2)
        self.assertEqual(by_group[self.g1.id]['answer_rate'], 100.0)

    def test_wait_buckets_and_half_hours(self):
        """ST-2: wait buckets of the offered calls: < 20 s: 10 s and 5 s; 20–40: 30 s;
        40–60: 45 s; > 60: 70 s. Every call entered at 02:0x UTC = 10:00 hotline time."""
        buckets = self._group('hotline.call.report', OCTOBER + [('direction', '=', 'inbound')],
                              ['offered_count'], 'wait_bucket')
        self.assertEqual({k: v['offered_count'] for k, v in buckets.items()},
                         {'a_lt20': 2, 'b_20_40': 1, 'c_40_60': 1, 'd_gt60': 1})
        halves = self._group('hotline.call.report', OCTOBER, ['nbr'], 'half_hour')
        self.assertEqual(list(halves), ['10:00'])
        self.assertEqual(halves['10:00']['nbr'], 6)

    def test_request_analysis_by_bureau_unit_and_district(self):
        """ST-1: October's 6 requests; main units 甲区 2 (T1, T2), 乙区 1, street 1; the
        street's request counts for district 甲区 (3 in all); T1 has a co-unit too, which
        the unit handling analysis shows: 甲区 handled 4 assignments (A1, A2, A3, C1) of
        which 1 as co-unit; on-time completion 2/3; timely sign-for 2/4."""
        domain = [('register_date', '>=', '2025-10-01'), ('register_date', '<', '2025-11-01')]
        by_main = self._group('hotline.ticket.report', domain, ['nbr'], 'main_unit_id')
        self.assertEqual(by_main[self.district_a.id]['nbr'], 2)
        by_district = self._group('hotline.ticket.report', domain, ['nbr'], 'district_id')
        self.assertEqual(by_district[self.district_a.id]['nbr'], 3)
        self.assertEqual(by_district[self.district_b.id]['nbr'], 1)
        units = self._group('hotline.assignment.report',
                            [('date', '>=', '2025-10-01'), ('date', '<', '2025-11-01')],
                            ['nbr', 'main_count', 'sign_rate', 'ontime_rate'], 'unit_id')
        self.assertEqual(units[self.district_a.id]['nbr'], 4)
        self.assertEqual(units[self.district_a.id]['main_count'], 3)
        self.assertEqual(units[self.district_a.id]['sign_rate'], 50.0)
        self.assertEqual(units[self.district_a.id]['ontime_rate'], 66.67)

    def test_first_contact_resolution_by_bureau(self):
        """ST-3: 住建局's consults T5 (answered from the knowledge base, closed without
        dispatch) and T6 (with the office) → first-contact resolution 1/2 = 50 %."""
        domain = [('register_date', '>=', '2025-10-01'), ('register_date', '<', '2025-11-01')]
        by_bureau = self._group('hotline.ticket.report', domain,
                                ['consult_count', 'fcr_count', 'fcr_rate'], 'bureau_id')
        self.assertEqual(by_bureau[self.bureau.id]['consult_count'], 2)
        self.assertEqual(by_bureau[self.bureau.id]['fcr_rate'], 50.0)

    def test_work_index_per_agent(self):
        """ST-4: agent1 in October: 3 requests (T1, T2, T5) + 1 answered call + ½ outbound
        call = 4.5; callbacks of agent1's requests: T1 satisfied, T2 not → 50 %."""
        rows = self._group('hotline.work.report',
                           [('date', '>=', '2025-10-01'), ('date', '<', '2025-11-01')],
                           ['work_index', 'ticket_count', 'satisfaction_rate'], 'user_id')
        self.assertEqual(rows[self.agent1.id]['ticket_count'], 3)
        self.assertEqual(rows[self.agent1.id]['work_index'], 4.5)
        self.assertEqual(rows[self.agent1.id]['satisfaction_rate'], 50.0)

    def test_unit_manager_sees_only_own_unit_rows(self):
        """NF-2, ST-1: the 甲区 manager's unit handling analysis holds 甲区's and its street's
        assignments, not 乙区's B1; the request analysis holds the requests their tree is
        main unit of (T1, T2, T4), not T3. Agents cannot open the reports."""
        rows = self.env['hotline.assignment.report'].sudo(self.manager_a).search([])
        self.assertEqual(set(rows.ids), {self.a1.id, self.a2.id, self.a3.id, self.c1.id,
                                         self.s1.id})
        tickets = self.env['hotline.ticket.report'].sudo(self.manager_a).search([])
        self.assertEqual(set(tickets.ids), {self.t1.id, self.t2.id, self.t4.id})
        with self.assertRaises(AccessError):
            self.env['hotline.ticket.report'].sudo(self.agent1).search([])
        with self.assertRaises(AccessError):
            self.env['hotline.call.report'].sudo(self.manager_a).search([])
        self.assertTrue(self.env['hotline.call.report'].sudo(self.leader).search(OCTOBER))

    def test_agent_state_periods_and_login_details(self):
        """ST-2: a seat's state changes become periods: login (idle), a call (talking),
        after-call work, a pause with its reason, logout; the state report adds them up
        per state and the login details keep the session start and extension."""
        seat = self.seats[self.agent1]
        Log = self.env['hotline.agent.state.log']
        for when, state, reason in (('2025-10-20 01:00:00', 'idle', None),
                                    ('2025-10-20 01:10:00', 'talking', None),
                                    ('2025-10-20 01:15:00', 'wrapup', None),
                                    ('2025-10-20 01:16:00', 'paused', '午休'),
                                    ('2025-10-20 01:46:00', 'logout', None)):
            Log._log_transition(seat, state, reason=reason, now=when)
        periods = Log.search([('agent_id', '=', seat.id)], order='date_start')
        self.assertEqual(periods.mapped('duration'), [600, 300, 60, 1800])
        self.assertEqual(set(periods.mapped('session_start')), {'2025-10-20 01:00:00'})
        self.assertEqual(periods[-1].reason, '午休')
        row = self.env['hotline.agent.state.report'].read_group(
            [('agent_id', '=', seat.id)],
            ['online_time', 'idle_time', 'talk_time', 'wrapup_time', 'pause_time',
             'utilisation'], [], lazy=False)[0]
        # online 2760 s; working = talking 300 + wrap-up 60 = 360 → 13.04 %
        self.assertEqual(row['online_time'], 2760)
        self.assertEqual(row['pause_time'], 1800)
        self.assertEqual(row['utilisation'], 13.04)

    def test_state_change_of_a_seat_is_logged(self):
        """ST-2: the CTI state change itself (login → idle) opens a period."""
        seat = self.seats[self.agent2]
        seat._cti_set_state('idle', notify=False)
        seat._cti_set_state('paused', reason='培训', notify=False)
        periods = self.env['hotline.agent.state.log'].search([('agent_id', '=', seat.id)],
                                                             order='id')
        self.assertEqual(periods.mapped('state'), ['idle', 'paused'])
        self.assertTrue(periods[0].date_end)
        self.assertFalse(periods[1].date_end)
        self.assertEqual(periods[1].reason, '培训')

    def test_call_summary_matches_the_detail(self):
        """ST-2: the materialized call summary, refreshed, gives October the same figures as
        the call analysis: 5 offered, 60 % answered, 40 % within 15 s, average wait 32 s,
        average talk 100 s, 1 outbound; refreshing from a day on does not double rows."""
        Stat = self.env['hotline.call.stat']
        Stat._refresh()
        domain = [('date', '>=', '2025-10-01'), ('date', '<=', '2025-10-31')]
        fields_ = ['offered_count', 'answer_rate', 'sl15_rate', 'avg_wait', 'avg_talk',
                   'outbound_count']
        total = Stat.read_group(domain, fields_, [], lazy=False)[0]
        self.assertEqual([total[f] for f in fields_], [5, 60.0, 40.0, 32.0, 100.0, 1])
        Stat._refresh(since='2025-10-12')
        again = Stat.read_group(domain, fields_, [], lazy=False)[0]
        self.assertEqual([again[f] for f in fields_], [5, 60.0, 40.0, 32.0, 100.0, 1])
