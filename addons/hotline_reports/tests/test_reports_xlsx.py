# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""ST-5: Excel exports open with the same numbers as the reports (read back with
openpyxl)."""
import io

import openpyxl

from odoo import fields
from odoo.exceptions import UserError

from .common import MONTH, ReportsCase


class TestXlsxExport(ReportsCase):

    def _render(self, xmlid, records):
        report = self.env.ref(xmlid)
        content, kind = report.with_context(active_model=records._name, lang='zh_CN').render_xlsx(
            records.ids, {})
        self.assertEqual(kind, 'xlsx')
        return openpyxl.load_workbook(io.BytesIO(content))

    def _rows(self, sheet):
        return {row[0]: row[1:] for row in sheet.iter_rows(min_row=6, values_only=True)}

    def test_unit_handling_export_matches_pivot(self):
        """ST-5, ST-1: units × role of October as a workbook: 甲区 had 4 assignments (3 as
        main, 1 as co-unit), timely sign-for 50 %; totals: 6 assignments; rates are
        formatted as percentages, headers are bold."""
        measures = self.env['ir.model.fields'].search([
            ('model', '=', 'hotline.assignment.report'), ('name', 'in', ['nbr', 'sign_rate'])])
        wizard = self.env['hotline.report.export'].sudo(self.office_leader).create({
            'report_model': 'hotline.assignment.report',
            'date_from': '2025-10-01', 'date_to': '2025-10-31',
            'row_field_id': self.env.ref(
                'hotline_reports.field_hotline_assignment_report__unit_id').id
            if self.env.ref('hotline_reports.field_hotline_assignment_report__unit_id',
                            raise_if_not_found=False) else self.env['ir.model.fields'].search([
                                ('model', '=', 'hotline.assignment.report'),
                                ('name', '=', 'unit_id')]).id,
            'col_field_id': self.env['ir.model.fields'].search([
                ('model', '=', 'hotline.assignment.report'), ('name', '=', 'role')]).id,
            'measure_ids': [(6, 0, measures.ids)],
        })
        sheet = self._render('hotline_reports.hotline_report_export_xlsx', wizard).active
        self.assertEqual(sheet['A1'].value, '承办分析')
        self.assertTrue(sheet['B4'].font.bold)
        # the header band: one block per role, then the total; measures in the pivot order
        headers = [c.value for c in sheet[5]]
        self.assertEqual(headers[1:3], ['派单数', '及时签收率(%)'])
        rows = self._rows(sheet)
        district = rows[self.district_a.complete_name]
        blocks = [c.value for c in sheet[4]][1:]
        main_at = blocks.index('主办单位')
        co_at = blocks.index('协办单位')
        total_at = blocks.index('合计')
        self.assertEqual(district[main_at], 3)
        self.assertEqual(district[co_at], 1)
        self.assertEqual(district[total_at], 4)
        self.assertEqual(district[total_at + 1], 50.0)
        self.assertEqual(sheet.cell(row=6, column=total_at + 3).number_format, '0.00"%"')
        self.assertEqual(rows['合计'][total_at], 6)

    def test_saved_favourite_cross_tab_exports(self):
        """ST-5: a favourite saved from the call analysis (rows: agent group, measures:
        offered and answer rate) exports as the same cross tab: group 1 offered 2, answered
        100 %; whole October 5 offered, 60 %."""
        favourite = self.env['ir.filters'].create({
            'name': '坐席组接通率', 'model_id': 'hotline.call.report', 'user_id': False,
            'domain': "[('direction', '=', 'inbound')]",
            'context': "{'pivot_measures': ['offered_count', 'answer_rate'], "
                       "'pivot_row_groupby': ['agent_group_id'], 'pivot_column_groupby': []}"})
        wizard = self.env['hotline.report.export'].create({
            'report_model': 'hotline.call.report', 'filter_id': favourite.id,
            'date_from': '2025-10-01', 'date_to': '2025-10-31'})
        sheet = self._render('hotline_reports.hotline_report_export_xlsx', wizard).active
        rows = self._rows(sheet)
        self.assertEqual(rows['测试一组'][:2], (2, 100.0))
        self.assertEqual(rows['合计'][:2], (5, 60.0))

    def test_export_refuses_bad_input(self):
        """ST-5: a favourite of another report or a missing row grouping gets a clear
        error before any download."""
        favourite = self.env['ir.filters'].create({
            'name': 'x', 'model_id': 'hotline.call.report', 'user_id': False,
            'domain': '[]', 'context': '{}'})
        wizard = self.env['hotline.report.export'].create({
            'report_model': 'hotline.ticket.report', 'filter_id': favourite.id})
        with self.assertRaisesRegex(UserError, '另一个报表'):
            wizard.action_export()
        wizard.filter_id = False
        with self.assertRaisesRegex(UserError, '行'):
            wizard.action_export()

    def test_assessment_export_matches_results(self):
        """ST-5, KP-4: the assessment workbook lists each result with its rank and score:
        甲区 58.10 (see test_reports_kpi), rank 2."""
        scheme = self._scheme('导出(测试)', 'unit', [
            ('sign_rate', 1), ('redispatch_rate', 1), ('ontime_rate', 1),
            ('satisfaction_rate', 2)])
        results = self.env['hotline.kpi.result']._compute_period(
            scheme, fields.Date.from_string(MONTH))
        sheet = self._render('hotline_reports.hotline_kpi_result_xlsx', results).active
        header = [c.value for c in sheet[4]]
        lines = {row[header.index('考核对象')]: row
                 for row in sheet.iter_rows(min_row=5, values_only=True)}
        district = lines[self.district_a.complete_name]
        self.assertAlmostEqual(district[header.index('得分')], 58.10, places=2)
        self.assertEqual(district[header.index('排名')], 2)
        self.assertEqual(district[header.index('及时签收率(%)')], 60.0)

    def test_ranking_prints(self):
        """ST-5, KP-4: the printable ranking lists every result with its rank and score in
        Chinese (HTML report, printed from the browser)."""
        scheme = self._scheme('打印(测试)', 'unit', [
            ('sign_rate', 1), ('redispatch_rate', 1), ('ontime_rate', 1),
            ('satisfaction_rate', 2)])
        results = self.env['hotline.kpi.result']._compute_period(
            scheme, fields.Date.from_string(MONTH))
        html, kind = self.env.ref('hotline_reports.hotline_kpi_result_ranking_html').with_context(
            lang='zh_CN').render_qweb_html(results.ids)
        html = html.decode()
        self.assertEqual(kind, 'html')
        self.assertIn('考核排名', html)
        self.assertIn(self.district_a.complete_name, html)
        self.assertIn('58.10', html)

    def test_indicator_without_value_is_blank(self):
        """ST-5, KP-2: 甲区一街道 had no completed request and no callback: its resolution
        and satisfaction rates are empty cells in the workbook, not 0 %; its sign-for rate
        is 100."""
        scheme = self._scheme('空值(测试)', 'unit', [('sign_rate', 1)])
        results = self.env['hotline.kpi.result']._compute_period(
            scheme, fields.Date.from_string(MONTH))
        sheet = self._render('hotline_reports.hotline_kpi_result_xlsx', results).active
        header = [c.value for c in sheet[4]]
        lines = {row[header.index('考核对象')]: row
                 for row in sheet.iter_rows(min_row=5, values_only=True)}
        street = lines[self.street_a.complete_name]
        self.assertIsNone(street[header.index('解决率(%)')])
        self.assertIsNone(street[header.index('满意率(%)')])
        self.assertEqual(street[header.index('及时签收率(%)')], 100.0)
