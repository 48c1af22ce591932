# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""MO-3: the wallboard's figures on a hand-made day (10 December 2025, 14:00 hotline time)."""
from odoo.addons.hotline_core.tests.common import HotlineCase

NOW = '2025-12-10 06:00:00'  # 14:00 in Asia/Shanghai


class TestWallboardData(HotlineCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls.env['hotline.category'].create({'name': '测试大类二'})
        for when, channel, category in (('2025-12-10 01:00:00', 'phone', cls.category),
                                        ('2025-12-10 02:00:00', 'phone', cls.category),
                                        ('2025-12-10 05:30:00', 'web', cls.other),
                                        ('2025-12-09 10:00:00', 'wechat', cls.other)):
            ticket = cls._ticket(cls, channel=channel, category_id=category.id,
                                 register_date=when)
            ticket.sudo().write({'state': 'submitted'})
        server = cls.env['asterisk.server'].search([], limit=1)
        for n, (wait, disposition) in enumerate(((5, 'answered'), (12, 'answered'),
                                                 (30, 'answered'), (50, 'abandoned'))):
            cls.env['hotline.cti.call'].create({
                'uniqueid': 'wb-%d' % n, 'server_id': server.id, 'direction': 'inbound',
                'enter_date': '2025-12-10 0%d:10:00' % (n + 1), 'wait_time': wait,
                'state': 'done', 'disposition': disposition})

    def test_totals_hours_and_service_level(self):
        """MO-3: today (from 00:00 hotline time) 3 requests, 4 calls offered, 3 answered,
        2 within 15 s → service level 50 % against the 90 % target (not met); the last 24
        hours end with the 14:00 hour and hold the requests at 09, 10, 13 and yesterday's
        at 18 o'clock; by channel: phone 2, website 1; by category group: 测试分类 2,
        测试大类二 1."""
        data = self.env['hotline.wallboard'].with_context(lang='zh_CN')._wallboard_data(
            now=NOW)
        totals = data['totals']
        self.assertEqual((totals['tickets'], totals['offered'], totals['answered'],
                          totals['abandoned']), (3, 4, 3, 1))
        self.assertEqual(data['service_level'],
                         {'value': 50.0, 'target': 90.0, 'seconds': 15, 'ok': False})
        hours = data['hours']
        self.assertEqual(len(hours), 24)
        self.assertEqual((hours[0]['hour'], hours[-1]['hour']), ('15', '14'))
        by_hour = {h['hour']: h['tickets'] for h in hours if h['tickets']}
        self.assertEqual(by_hour, {'09': 1, '10': 1, '13': 1, '18': 1})
        self.assertEqual(sum(h['calls'] for h in hours), 4)
        self.assertEqual(data['by_channel'], [{'name': '电话', 'count': 2},
                                              {'name': '网站', 'count': 1}])
        self.assertEqual(data['by_category'], [{'name': '测试分类', 'count': 2},
                                               {'name': '测试大类二', 'count': 1}])
        # last 24 h: 测试分类 2, 测试大类二 2 (yesterday's included); ties by age
        self.assertEqual(data['hot'], [{'name': '测试分类', 'count': 2},
                                       {'name': '测试大类二', 'count': 2}])

    def test_only_leaders_may_open_it(self):
        """MO-3, NF-2: team leaders, office leaders and supervisors may open the wallboard;
        agents and units may not."""
        Board = self.env['hotline.wallboard']
        self.assertTrue(Board.sudo(self.supervisor)._wallboard_allowed())
        self.assertTrue(Board.sudo(self._user('t_wb_leader', 'group_hotline_team_leader'))
                        ._wallboard_allowed())
        self.assertFalse(Board.sudo(self.agent)._wallboard_allowed())
        self.assertFalse(Board.sudo(self.unit_a_user)._wallboard_allowed())
