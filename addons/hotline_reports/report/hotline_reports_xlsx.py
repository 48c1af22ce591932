# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import _, fields, models


def _formats(workbook):
    return {
        'title': workbook.add_format({'bold': True, 'font_size': 16}),
        'sub': workbook.add_format({'italic': True, 'font_color': '#555555'}),
        'head': workbook.add_format({'bold': True, 'bg_color': '#1F4E78', 'font_color': 'white',
                                     'border': 1, 'align': 'center', 'valign': 'vcenter',
                                     'text_wrap': True}),
        'label': workbook.add_format({'border': 1}),
        'int': workbook.add_format({'border': 1, 'num_format': '#,##0'}),
        'num': workbook.add_format({'border': 1, 'num_format': '#,##0.00'}),
        'pct': workbook.add_format({'border': 1, 'num_format': '0.00"%"'}),
        'total_label': workbook.add_format({'bold': True, 'border': 1, 'bg_color': '#DDEBF7'}),
        'total_int': workbook.add_format({'bold': True, 'border': 1, 'bg_color': '#DDEBF7',
                                          'num_format': '#,##0'}),
        'total_num': workbook.add_format({'bold': True, 'border': 1, 'bg_color': '#DDEBF7',
                                          'num_format': '#,##0.00'}),
        'total_pct': workbook.add_format({'bold': True, 'border': 1, 'bg_color': '#DDEBF7',
                                          'num_format': '0.00"%"'}),
    }


class ReportXlsxAbstract(models.AbstractModel):
    """NF-2, ST-5 (issue 15 item 8): every workbook of report_xlsx (the hotline's and any
    other) writes text as text. xlsxwriter's defaults turn a string that starts with "=" into
    a live formula and one that looks like a link into a hyperlink, so a citizen's title such
    as ``=HYPERLINK("http://…"&B6,"查看详情")`` would run in the office's Excel. Formulas a
    report means to write go through ``write_formula``, which these options leave alone."""
    _inherit = 'report.report_xlsx.abstract'

    def get_workbook_options(self):
        options = dict(super(ReportXlsxAbstract, self).get_workbook_options() or {})
        options.update({'strings_to_formulas': False, 'strings_to_urls': False})
        return options


class HotlineReportExportXlsx(models.AbstractModel):
    """ST-5: the cross table of the export wizard as a formatted workbook: title, period,
    header band, one block of measures per column value, row and column totals, rates
    formatted as percentages, frozen headers."""
    _name = 'report.hotline_reports.report_export_xlsx'
    _description = 'Report Workbook'
    _inherit = 'report.report_xlsx.abstract'

    def generate_xlsx_report(self, workbook, data, wizards):
        fmt = _formats(workbook)
        for wizard in wizards:
            table = wizard._export_table()
            sheet = workbook.add_worksheet(table['title'][:31])
            measures = table['measure_labels']
            sheet.write(0, 0, table['title'], fmt['title'])
            subtitle = ' '.join(x for x in (table['filter'], table['period']) if x.strip(' –'))
            sheet.write(1, 0, subtitle, fmt['sub'])
            head, sub = 3, 4
            sheet.merge_range(head, 0, sub, 0, table['row_label'], fmt['head'])
            blocks = table['columns'] + [_('Report total')]
            col = 1
            for block in blocks:
                if len(measures) > 1:
                    sheet.merge_range(head, col, head, col + len(measures) - 1, block,
                                      fmt['head'])
                else:
                    sheet.write(head, col, block, fmt['head'])
                for i, label in enumerate(measures):
                    sheet.write(sub, col + i, label, fmt['head'])
                col += len(measures)

            def cell_format(i, total=False):
                prefix = 'total_' if total else ''
                if table['percent'][i]:
                    return fmt[prefix + 'pct']
                return fmt[prefix + 'num']

            line = sub + 1
            for row in table['rows']:
                sheet.write(line, 0, row['label'], fmt['label'])
                col = 1
                for block in table['columns']:
                    values = row['cells'].get(block) or [0] * len(measures)
                    for i, value in enumerate(values):
                        sheet.write_number(line, col + i, value or 0, cell_format(i))
                    col += len(measures)
                for i, value in enumerate(row['total']):
                    sheet.write_number(line, col + i, value or 0, cell_format(i, True))
                line += 1
            sheet.write(line, 0, _('Report total'), fmt['total_label'])
            col = 1
            for block in table['columns']:
                for i, value in enumerate(table['column_totals'][block]):
                    sheet.write_number(line, col + i, value or 0, cell_format(i, True))
                col += len(measures)
            for i, value in enumerate(table['total']):
                sheet.write_number(line, col + i, value or 0, cell_format(i, True))
            sheet.set_column(0, 0, 28)
            sheet.set_column(1, col + len(measures), 14)
            sheet.freeze_panes(sub + 1, 1)


class HotlineKpiResultXlsx(models.AbstractModel):
    """KP-3, KP-4, ST-5: assessment results (scores, rankings and every indicator) as a
    formatted workbook ready to publish."""
    _name = 'report.hotline_reports.report_kpi_result_xlsx'
    _description = 'Assessment Workbook'
    _inherit = 'report.report_xlsx.abstract'

    COLUMNS = ['period', 'scheme_id', 'display_target', 'rank', 'score', 'volume',
               'response_rate', 'resolution_rate', 'satisfaction_rate', 'direct_rate',
               'sign_rate', 'redispatch_rate', 'ontime_rate', 'sentback_rate', 'card_count',
               'answer_rate', 'accuracy_rate', 'online_rate']

    def generate_xlsx_report(self, workbook, data, results):
        fmt = _formats(workbook)
        sheet = workbook.add_worksheet(_('Assessment')[:31])
        Result = self.env['hotline.kpi.result']
        sheet.write(0, 0, _('Assessment results and ranking'), fmt['title'])
        sheet.write(1, 0, fields.Datetime.context_timestamp(
            self, fields.Datetime.from_string(fields.Datetime.now())).strftime(
            '%Y-%m-%d %H:%M'), fmt['sub'])
        for col, name in enumerate(self.COLUMNS):
            sheet.write(3, col, Result._fields[name].get_description(self.env)['string'],
                        fmt['head'])
        results = results.sorted(lambda r: (r.period, r.scheme_id.sequence, r.scheme_id.id,
                                            r.unit_type or '', r.rank or 0))
        raw = results._raw_values(self.COLUMNS)
        for line, result in enumerate(results, start=4):
            for col, name in enumerate(self.COLUMNS):
                value = result[name]
                if name in raw.get(result.id, {}) and raw[result.id][name] is None:
                    # nothing to rate: an empty cell, not 0 %
                    sheet.write_blank(line, col, None, fmt['label'])
                    continue
                if name == 'scheme_id':
                    sheet.write(line, col, value.name, fmt['label'])
                elif name in ('period', 'display_target'):
                    sheet.write(line, col, value or '', fmt['label'])
                elif name in ('rank', 'volume', 'card_count'):
                    sheet.write_number(line, col, value or 0, fmt['int'])
                elif name == 'score':
                    sheet.write_number(line, col, value or 0, fmt['num'])
                else:
                    sheet.write_number(line, col, value or 0, fmt['pct'])
        sheet.set_column(0, 1, 16)
        sheet.set_column(2, 2, 30)
        sheet.set_column(3, len(self.COLUMNS), 12)
        sheet.freeze_panes(4, 3)
