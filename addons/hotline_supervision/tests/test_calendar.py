# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import base64
import datetime

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import SupervisionCase, utc

D = datetime.date


class TestWorkingDayCalendar(SupervisionCase):
    """SV-2: deadlines in Chinese working days, across the 2026 Spring Festival."""

    def test_working_days_skip_spring_festival_and_count_adjusted_saturday(self):
        """SV-1, SV-2: 5 working days after Thu 12 Feb 2026 are Fri 13, Sat 14 (worked,
        调休), then — after the holiday of 15–23 Feb — Tue 24, Wed 25 and Thu 26 Feb."""
        self.assertEqual(self.Calendar.add_workdays(D(2026, 2, 12), 5), D(2026, 2, 26))
        # the end of Thu 26 Feb, Beijing time (UTC+8)
        self.assertEqual(self.Calendar.deadline(utc('2026-02-12 10:00'), 5),
                         '2026-02-26 15:59:59')
        # counted the other way round, too
        self.assertEqual(self.Calendar.workdays_between(D(2026, 2, 12), D(2026, 2, 26)), 5)
        self.assertTrue(self.Calendar.is_workday(D(2026, 2, 14)))
        self.assertFalse(self.Calendar.is_workday(D(2026, 2, 16)))
        self.assertFalse(self.Calendar.is_workday(D(2026, 2, 21)))
        self.assertTrue(self.Calendar.is_workday(D(2026, 2, 28)))

    def test_without_the_holidays_the_same_limit_ends_a_week_earlier(self):
        """SV-2: the calendar is what moves the deadline: with the Spring Festival days
        removed, 5 working days after 12 Feb end on Thu 19 Feb (Sat 14 is a day off)."""
        self.Calendar.search([('year', '=', 2026)]).unlink()
        self.assertEqual(self.Calendar.add_workdays(D(2026, 2, 12), 5), D(2026, 2, 19))

    def test_working_hours_cross_the_holiday(self):
        """SV-1, SV-2: 16 working hours (9:00–17:00) from Fri 13 Feb 15:00 are 2 h on Friday,
        8 h on the worked Saturday 14 Feb and 6 h on Tue 24 Feb: due at 15:00 that day."""
        self.assertEqual(self.Calendar.deadline(utc('2026-02-13 15:00'), 16, 'workhour'),
                         utc('2026-02-24 15:00'))
        # started before the working day: counted from 9:00
        self.assertEqual(self.Calendar.deadline(utc('2026-02-24 07:30'), 3, 'workhour'),
                         utc('2026-02-24 12:00'))

    def test_adjusted_saturday_is_a_working_day_in_the_index(self):
        """SV-2: Sat 28 Feb 2026 is worked: Fri 27 → Sat 28 is one working day, and one
        working day after Fri 27 is Sat 28, not Mon 2 Mar."""
        self.assertEqual(self.Calendar.add_workdays(D(2026, 2, 27), 1), D(2026, 2, 28))
        self.assertEqual(self.Calendar.add_workdays(D(2026, 3, 6), 1), D(2026, 3, 9))

    def test_editing_a_day_moves_deadlines_at_once(self):
        """SV-2: the table is editable: a new day off on Fri 13 Feb moves the deadline."""
        self.Calendar.create({'date': '2026-02-13', 'day_type': 'holiday', 'name': '测试'})
        self.assertEqual(self.Calendar.add_workdays(D(2026, 2, 12), 5), D(2026, 2, 27))

    def test_weekday_cannot_be_an_adjusted_working_day(self):
        """SV-2: only a weekend day can be worked in exchange; the error says so."""
        with self.assertRaisesRegex(ValidationError, 'weekday|工作日'):
            self.Calendar.create({'date': '2026-03-04', 'day_type': 'workday'})

    def test_import_from_chinese_calendar_package(self):
        """SV-2: the year imported from chinese_calendar replaces the year's days and
        matches the State Council notice for the Spring Festival."""
        self.env['hotline.calendar.import'].create(
            {'source': 'package', 'year': 2026}).action_import()
        days = self.Calendar.search([('year', '=', 2026)])
        by_date = {d.date: d for d in days}
        self.assertEqual(by_date['2026-02-14'].day_type, 'workday')
        self.assertEqual(by_date['2026-02-14'].name, '春节')
        self.assertEqual(by_date['2026-02-23'].day_type, 'holiday')
        self.assertEqual(by_date['2026-10-01'].name, '国庆节')
        self.assertEqual(self.Calendar.add_workdays(D(2026, 2, 12), 5), D(2026, 2, 26))

    def test_package_without_the_year_gives_a_clear_error(self):
        """SV-2: a year the package does not know is refused with a sentence, and the
        existing days stay."""
        with self.assertRaisesRegex(UserError, 'CSV'):
            self.env['hotline.calendar.import'].create(
                {'source': 'package', 'year': 2059}).action_import()
        self.assertEqual(self.Calendar.search_count([('year', '=', 2026)]), 11)

    def _import_csv(self, text, year=2027):
        return self.env['hotline.calendar.import'].create({
            'source': 'csv', 'year': year,
            'data': base64.b64encode(text.encode('utf-8'))}).action_import()

    def test_csv_import(self):
        """SV-2: a CSV (header, 休/班 or holiday/workday) imports the year's days."""
        self._import_csv('日期,类型,名称\n2027-02-08,休,春节\n2027-02-06,班,春节\n'
                         '2027/02/09,holiday,春节\n')
        self.assertEqual(self.Calendar.search_count([('year', '=', 2027)]), 3)
        self.assertTrue(self.Calendar.is_workday(D(2027, 2, 6)))  # a Saturday, worked
        self.assertFalse(self.Calendar.is_workday(D(2027, 2, 9)))

    def test_bad_csv_names_the_line_and_changes_nothing(self):
        """SV-2: a bad line is reported with its number; nothing of the file is kept."""
        self._import_csv('2027-02-08,holiday,春节\n')
        for text, message in [
            ('2027-02-09,holiday\n2027-13-01,holiday\n', 'Line 2|第 ?2 ?行'),
            ('2027-02-09,vacation\n', 'Line 1|第 ?1 ?行'),
            ('2027-02-10,workday\n', 'weekday|工作日'),
            ('2026-02-10,holiday\n', 'not in 2027|不在'),
            ('2027-02-10\n', 'Line 1|第 ?1 ?行'),
            ('\n,\n', 'no day|没有'),
        ]:
            with self.assertRaisesRegex(UserError, message):
                self._import_csv(text)
        days = self.Calendar.search([('year', '=', 2027)])
        self.assertEqual(days.mapped('date'), ['2027-02-08'])
        with self.assertRaisesRegex(UserError, 'UTF-8|GBK'):
            self.env['hotline.calendar.import'].create({
                'source': 'csv', 'year': 2027,
                'data': base64.b64encode(b'\xff\xfe\x00\x81\x00')}).action_import()

    def test_office_leader_edits_the_calendar_units_only_read_it(self):
        """SV-2, NF-2: the office leader adds a day off; a unit user and an agent can read
        the calendar but not change it."""
        day = self.Calendar.sudo(self.office_leader).create(
            {'date': '2026-03-13', 'day_type': 'holiday', 'name': '测试'})
        self.assertFalse(self.Calendar.is_workday(D(2026, 3, 13)))
        for user in (self.unit_a_user, self.agent):
            self.assertTrue(self.Calendar.sudo(user).search([('year', '=', 2026)]))
            with self.assertRaises(AccessError):
                self.Calendar.sudo(user).create({'date': '2026-03-16', 'day_type': 'holiday'})
            with self.assertRaises(AccessError):
                day.sudo(user).unlink()
