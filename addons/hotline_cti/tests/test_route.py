# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""AG-12: per-unit office hours in the PBX's caller lookup."""
import datetime
import re

from odoo.exceptions import AccessError, ValidationError

from odoo.addons.hotline_core.tests.common import HotlineCase


def utc(*args):
    """A Beijing wall-clock time as the UTC datetime the server compares."""
    return datetime.datetime(*args) - datetime.timedelta(hours=8)


class TestOfficeHours(HotlineCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        hours = [(0, 0, {'dayofweek': str(d), 'hour_from': f, 'hour_to': t})
                 for d in range(5) for f, t in ((9, 12), (13, 17))]
        Route = cls.env['hotline.cti.route']
        cls.route = Route.create({
            'name': '甲区政务热线', 'number': '88880001', 'unit_id': cls.district_a.id,
            'hours_ids': hours, 'closed_route': 'voicemail',
            'closure_ids': [(0, 0, {'date': '2026-11-26', 'name': '搬迁'})]})
        cls.duty = Route.create({
            'name': '乙区值班', 'number': '88880002', 'unit_id': cls.district_b.id,
            'hours_ids': hours, 'closed_route': 'duty',
            'duty_number': '13900009999', 'open_route': 'dial', 'open_target': '87654321'})

    def _lookup(self, line, when):
        return self.env['hotline.cti.call']._cti_lookup('13800138000', line=line, when=when)

    def test_open_and_closed_answers(self):
        """AG-12: a unit line open Mon–Fri 9–12, 13–17 (Beijing time) answers open → queue
        on a Tuesday morning, closed → voicemail at lunch, in the evening, on Saturday and
        on a public holiday (国庆) and the line's own closing day; open on a make-up working
        Saturday (调休); the caller's own data is still in the answer."""
        cases = [
            (utc(2026, 11, 24, 10, 0), True, 'queue', '12345'),       # Tuesday 10:00
            (utc(2026, 11, 24, 12, 30), False, 'voicemail', ''),      # lunch break
            (utc(2026, 11, 24, 17, 0), False, 'voicemail', ''),       # closes at 17:00
            (utc(2026, 11, 24, 8, 59), False, 'voicemail', ''),
            (utc(2026, 11, 28, 10, 0), False, 'voicemail', ''),       # Saturday
            (utc(2026, 10, 2, 10, 0), False, 'voicemail', ''),        # Friday, holiday
            (utc(2026, 10, 9, 10, 0), True, 'queue', '12345'),        # after the holiday
            (utc(2026, 10, 10, 10, 0), True, 'queue', '12345'),       # make-up Saturday
            (utc(2026, 11, 26, 10, 0), False, 'voicemail', ''),       # the unit's closing day
        ]
        for when, is_open, route, target in cases:
            info = self._lookup('88880001', when)
            self.assertEqual((info['open'], info['route'], info['route_target']),
                             (is_open, route, target), 'at %s' % when)
            self.assertEqual(info['name'], '测试市民')

    def test_duty_number_and_direct_line(self):
        """AG-12: another unit's line dials its own number while open and the duty number
        while closed; a line without a rule (the 12345 number) is always open."""
        info = self._lookup('88880002', utc(2026, 11, 24, 10, 0))
        self.assertEqual((info['open'], info['route'], info['route_target']),
                         (True, 'dial', '87654321'))
        info = self._lookup('88880002', utc(2026, 11, 24, 20, 0))
        self.assertEqual((info['open'], info['route'], info['route_target']),
                         (False, 'duty', '13900009999'))
        info = self._lookup('12345', utc(2026, 11, 28, 3, 0))
        self.assertEqual((info['open'], info['route']), (True, 'queue'))

    def test_bad_settings_refused(self):
        """AG-12: a closed route 'duty number' without a number, and opening hours that end
        before they start, are refused and nothing is lost."""
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.duty.write({'duty_number': ' '})
        self.duty.invalidate_cache()
        self.assertEqual(self.duty.duty_number, '13900009999')
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.route.write({'hours_ids': [(0, 0, {'dayofweek': '5', 'hour_from': 18,
                                                    'hour_to': 9})]})
        self.route.invalidate_cache()
        self.assertEqual(len(self.route.hours_ids), 10)

    def test_units_see_their_own_lines(self):
        """AG-12, NF-2: a unit reads its own line's office hours, not another district's;
        agents cannot change them."""
        Route = self.env['hotline.cti.route']
        self.assertEqual(Route.sudo(self.unit_a_user).search([]).ids, self.route.ids)
        self.assertEqual(Route.sudo(self.unit_b_user).search([]).ids, self.duty.ids)
        with self.assertRaises(AccessError):
            self.route.sudo(self.agent).write({'closed_route': 'ivr'})


class TestRouteTimeZones(HotlineCase):

    def test_time_zones_named_in_chinese(self):
        """AG-12, NF-1 (issue 16): the time zone list of a line's office hours names the
        zones in Chinese (it showed 433 IANA names, Asia/Shanghai first among English
        ones), the hotline's own zone first; the stored value stays the IANA name."""
        Route = self.env['hotline.cti.route'].with_context(lang='zh_CN')
        choices = Route.fields_get(['tz'])['tz']['selection']
        self.assertEqual(choices[0], ('Asia/Shanghai', '中国（上海）时间'))
        self.assertIn(('Asia/Urumqi', '中国（乌鲁木齐）时间'), choices)
        self.assertGreater(len(choices), 300)
        latin = [label for _tz, label in choices if re.search('[A-Za-z]', label)]
        self.assertFalse(latin)
        labels = [label for _tz, label in choices]
        self.assertEqual(len(labels), len(set(labels)), 'a zone is listed twice')
        route = Route.create({'name': '测试热线', 'number': '88880009'})
        self.assertEqual(route.tz, 'Asia/Shanghai')
