# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""Spike detection (beyond MO-3): a burst of similar requests from one location raises
exactly one alert, to the supervisors, and only when well above the usual rate."""
import datetime
import json

from odoo import fields

from odoo.addons.hotline_core.tests.common import HotlineCase

NOW = datetime.datetime(2025, 12, 1, 6, 0, 0)


class TestSpikes(HotlineCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ICP = cls.env['ir.config_parameter']
        ICP.set_param('hotline_reports.spike_baseline_days', '1')  # 24 windows of 1 h
        Location = cls.env['hotline.location']
        cls.street = Location.create({'name': '测试街道', 'location_type': 'street'})
        cls.quiet = Location.create({'name': '安静街道', 'location_type': 'street'})
        cls.water = cls.env['hotline.category'].create({'name': '停水(测试)'})
        cls.office_leader = cls._user('t_spike_ol', 'group_hotline_office_leader')
        cls.env['hotline.spike.alert'].search([]).write({'state': 'ended'})

    def _requests(self, location, n, start, step_minutes):
        for i in range(n):
            ticket = self._ticket(title='停水', location_id=location.id,
                                  category_id=self.water.id,
                                  register_date=fields.Datetime.to_string(
                                      start + datetime.timedelta(minutes=step_minutes * i)))
            ticket.sudo().write({'state': 'submitted'})

    def _scan(self, now):
        return self.env['hotline.spike.alert']._cron_detect_spikes(
            now=fields.Datetime.to_string(now))

    def test_one_alert_per_burst(self):
        """A burst of 5 water-outage requests in 40 minutes from a street with no history
        raises one alert; scanning again (and a 6th request) updates the same alert; an
        hour without the burst ends it; a new burst the next day is a new alert. The
        supervisor and the office leader get an on-screen warning."""
        self._requests(self.street, 5, NOW - datetime.timedelta(minutes=40), 8)
        new = self._scan(NOW)
        self.assertEqual(len(new), 1)
        self.assertEqual((new.location_id, new.category_id, new.count),
                         (self.street, self.water, 5))
        self.assertFalse(self._scan(NOW + datetime.timedelta(minutes=10)))
        self._requests(self.street, 1, NOW + datetime.timedelta(minutes=12), 1)
        self.assertFalse(self._scan(NOW + datetime.timedelta(minutes=15)))
        self.assertEqual(self.env['hotline.spike.alert'].search_count(
            [('location_id', '=', self.street.id)]), 1)
        new.invalidate_cache()
        self.assertEqual(new.peak_count, 6)
        self.assertEqual(new.state, 'active')
        self.assertFalse(self._scan(NOW + datetime.timedelta(hours=3)))
        new.invalidate_cache()
        self.assertEqual(new.state, 'ended')
        later = NOW + datetime.timedelta(days=1)
        self._requests(self.street, 5, later - datetime.timedelta(minutes=30), 5)
        again = self._scan(later)
        self.assertEqual(len(again), 1)
        self.assertNotEqual(again, new)
        for user in (self.supervisor, self.office_leader):
            self.env.cr.execute("SELECT message FROM bus_bus WHERE channel LIKE %s",
                                ['%%notify_warning_%s"%%' % user.id])
            messages = [json.loads(row[0])['message'] for row in self.env.cr.fetchall()]
            self.assertTrue(any('测试街道' in m for m in messages), messages)

    def test_usual_rate_is_not_a_spike(self):
        """A street that usually has 2 such requests an hour (48 in the last day) and gets
        5 this hour stays below 3 × its usual rate: no alert; 7 in the hour is one."""
        self._requests(self.quiet, 48, NOW - datetime.timedelta(hours=24, minutes=-1), 29)
        self._requests(self.quiet, 5, NOW - datetime.timedelta(minutes=50), 10)
        self.assertFalse(self._scan(NOW))
        self._requests(self.quiet, 2, NOW - datetime.timedelta(minutes=5), 1)
        alert = self._scan(NOW)
        self.assertEqual(len(alert), 1)
        self.assertEqual(alert.count, 7)
