# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import base64
import io

import xlsxwriter

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import HotlineCase


class TestBlacklist(HotlineCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader = cls._user('t_leader', 'group_hotline_team_leader')

    def _import(self, content, filename='blacklist.csv', user=None):
        wizard = self.env['hotline.blacklist.import'].sudo(user or self.leader).create({
            'file': base64.b64encode(content), 'filename': filename})
        return wizard.action_import()

    def _count(self):
        return self.env['hotline.blacklist'].with_context(active_test=False).search_count([])

    def test_import_csv_rows(self):
        """CZ-4: a CSV with Chinese headers and values is imported; numbers normalised."""
        before = self._count()
        csv_data = ('电话,类型,原因,开始日期,结束日期,路由\n'
                    '13600000001,禁止呼入,骚扰来电,2026-01-01,2030-12-31,语音信箱\n'
                    '0571-87650000,both,恶意来电,,,reject\n').encode('utf-8')
        action = self._import(csv_data)
        entries = self.env['hotline.blacklist'].browse(action['domain'][0][2])
        self.assertEqual(self._count(), before + 2)
        self.assertEqual(sorted(entries.mapped('phone')), ['+8613600000001', '+8657187650000'])
        first = entries.filtered(lambda e: e.phone == '+8613600000001')
        self.assertEqual((first.block_type, first.routing), ('inbound', 'voicemail'))
        self.assertEqual(first.date_to, '2030-12-31')

    def test_import_xlsx_rows(self):
        """CZ-4, IF-5: the same rows in an Excel workbook."""
        stream = io.BytesIO()
        book = xlsxwriter.Workbook(stream)
        sheet = book.add_worksheet()
        for r, row in enumerate([['phone', 'block_type', 'reason'],
                                 ['13600000002', 'outbound', '拒绝回访'],
                                 [13600000003, 'inbound', '骚扰']]):
            sheet.write_row(r, 0, row)
        book.close()
        before = self._count()
        self._import(stream.getvalue(), 'list.xlsx')
        self.assertEqual(self._count(), before + 2)
        self.assertTrue(self.env['hotline.blacklist'].search([('phone', '=', '+8613600000003')]))

    def test_import_over_10000_rows_refused_and_nothing_imported(self):
        """CZ-4: 10,001 rows are refused with a clear message naming the limit; no row is
        imported. Exactly 10,000 rows is accepted by the limit check."""
        rows = ['phone,reason'] + ['136%08d,骚扰' % i for i in range(10001)]
        before = self._count()
        with self.assertRaises(UserError) as error:
            self._import('\n'.join(rows).encode())
        self.assertIn('10001', error.exception.name)
        self.assertIn('10000', error.exception.name)
        self.assertEqual(self._count(), before)
        wizard = self.env['hotline.blacklist.import'].sudo(self.leader)
        self.assertEqual(len(wizard._read_rows('\n'.join(rows[:10001]).encode(), 'x.csv')),
                         10000)

    def test_import_with_bad_rows_imports_nothing_and_lists_them(self):
        """CZ-4: a wrong number, an unknown type and a missing reason are reported with
        their row numbers; the good row is not imported either."""
        before = self._count()
        csv_data = ('phone,block_type,reason\n'
                    '13600000004,inbound,骚扰\n'
                    '12345,inbound,骚扰\n'
                    '13600000005,sideways,骚扰\n'
                    '13600000006,inbound,\n').encode()
        with self.assertRaises(UserError) as error:
            self._import(csv_data)
        message = error.exception.name
        self.assertIn('3', message)
        self.assertIn('12345', message)
        self.assertIn('sideways', message)
        self.assertEqual(message.count('\n'), 3, message)
        self.assertEqual(self._count(), before)

    def test_import_without_phone_column_or_in_bad_encoding(self):
        """CZ-4: a file without a phone column, or not a workbook, gets a clear error."""
        with self.assertRaises(UserError):
            self._import(b'name,reason\nfoo,bar\n')
        with self.assertRaises(UserError):
            self._import(b'not an excel file', 'list.xlsx')

    def test_agent_cannot_import_or_edit_blacklist(self):
        """CZ-4, NF-2: agents read the blacklist; team leaders maintain it."""
        with self.assertRaises(AccessError):
            self.env['hotline.blacklist'].sudo(self.agent).create({
                'phone': '13600000007', 'reason': 'x'})

    def test_check_number_respects_direction_and_validity(self):
        """CZ-4, AG-10: an entry blocks only its direction and only while in force."""
        Blacklist = self.env['hotline.blacklist']
        Blacklist.create({'phone': '13600000008', 'block_type': 'inbound', 'reason': 'x'})
        Blacklist.create({'phone': '13600000009', 'block_type': 'both', 'reason': 'x',
                          'date_from': '2020-01-01', 'date_to': '2020-12-31'})
        hit = Blacklist.hotline_check_number('136 0000 0008', 'inbound')
        self.assertEqual(hit['routing'], 'voicemail')
        self.assertFalse(Blacklist.hotline_check_number('13600000008', 'outbound'))
        self.assertFalse(Blacklist.hotline_check_number('13600000009', 'inbound'))
        self.assertFalse(Blacklist.hotline_check_number('nonsense'))
        with self.assertRaises(ValidationError):
            Blacklist.create({'phone': '13600000010', 'reason': 'x',
                              'date_from': fields.Date.today(), 'date_to': '2020-01-01'})
