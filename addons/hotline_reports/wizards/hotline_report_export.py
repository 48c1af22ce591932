# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.safe_eval import safe_eval

REPORT_MODELS = [
    ('hotline.ticket.report', 'Request analysis'),
    ('hotline.assignment.report', 'Unit handling analysis'),
    ('hotline.call.report', 'Call analysis'),
    ('hotline.call.stat', 'Call summary'),
    ('hotline.agent.state.report', 'Agent state times'),
    ('hotline.work.report', 'Operator work index'),
    ('hotline.kpi.result', 'Assessment results'),
]
DATE_FIELDS = {
    'hotline.ticket.report': 'register_date',
    'hotline.assignment.report': 'date',
    'hotline.call.report': 'enter_date',
    'hotline.call.stat': 'date',
    'hotline.agent.state.report': 'date_start',
    'hotline.work.report': 'date',
    'hotline.kpi.result': 'date_from',
}
DEFAULT_MEASURES = {
    'hotline.ticket.report': ['nbr', 'direct_rate', 'fcr_rate'],
    'hotline.assignment.report': ['nbr', 'sign_rate', 'ontime_rate'],
    'hotline.call.report': ['offered_count', 'answered_count', 'answer_rate', 'sl15_rate'],
    'hotline.call.stat': ['offered_count', 'answered_count', 'answer_rate', 'sl15_rate'],
    'hotline.agent.state.report': ['online_time', 'talk_time', 'utilisation'],
    'hotline.work.report': ['ticket_count', 'call_count', 'work_index'],
    'hotline.kpi.result': ['score', 'rank'],
}
GROUPABLE = ('many2one', 'selection', 'char', 'date', 'datetime', 'boolean')


class HotlineReportExport(models.TransientModel):
    """ST-5: any report, or any saved favourite cross tab (Odoo filter with its pivot rows,
    columns and measures), exported as a formatted Excel workbook (report_xlsx)."""
    _name = 'hotline.report.export'
    _description = 'Export a Report to Excel'

    report_model = fields.Selection(REPORT_MODELS, 'Report', required=True,
                                    default='hotline.ticket.report')
    filter_id = fields.Many2one(
        'ir.filters', 'Saved Favourite',
        help='A favourite saved from the report (search, rows, columns and measures).')
    date_from = fields.Date('From')
    date_to = fields.Date('To')
    row_field_id = fields.Many2one('ir.model.fields', 'Rows')
    row_interval = fields.Selection(
        [('day', 'Day'), ('week', 'Week'), ('month', 'Month'), ('quarter', 'Quarter'),
         ('year', 'Year')], 'Date Rows By', default='month')
    col_field_id = fields.Many2one('ir.model.fields', 'Columns')
    col_interval = fields.Selection(
        [('day', 'Day'), ('week', 'Week'), ('month', 'Month'), ('quarter', 'Quarter'),
         ('year', 'Year')], 'Date Columns By', default='month')
    measure_ids = fields.Many2many('ir.model.fields', string='Measures')

    @api.onchange('report_model')
    def _onchange_report_model(self):
        self.filter_id = False
        self.row_field_id = False
        self.col_field_id = False
        fields_ = self.env['ir.model.fields'].search([
            ('model', '=', self.report_model),
            ('name', 'in', DEFAULT_MEASURES.get(self.report_model, []))])
        self.measure_ids = fields_

    def _groupby_spec(self, field, interval):
        if not field:
            return None
        if field.ttype in ('date', 'datetime'):
            return '%s:%s' % (field.name, interval or 'month')
        return field.name

    def _table_spec(self):
        """The domain, row and column groupings and measures to export (from the saved
        favourite when one is chosen, completed by the wizard's fields)."""
        self.ensure_one()
        model = self.report_model
        domain, context = [], {}
        if self.filter_id:
            if self.filter_id.model_id != model:
                raise UserError(_('The favourite "%s" belongs to another report.')
                                % self.filter_id.name)
            domain = safe_eval(self.filter_id.domain or '[]')
            context = safe_eval(self.filter_id.context or '{}')
        date_field = DATE_FIELDS[model]
        if self.date_from:
            domain = domain + [(date_field, '>=', self.date_from)]
        if self.date_to:
            domain = domain + [(date_field, '<=', self.date_to + (
                ' 23:59:59' if self.env[model]._fields[date_field].type == 'datetime'
                else ''))]
        rows = context.get('pivot_row_groupby') or []
        cols = context.get('pivot_column_groupby') or []
        measures = [m for m in context.get('pivot_measures') or [] if m != '__count__']
        row = self._groupby_spec(self.row_field_id, self.row_interval) or (
            rows[0] if rows else None)
        col = self._groupby_spec(self.col_field_id, self.col_interval) or (
            cols[0] if cols else None)
        if self.measure_ids:
            measures = self.measure_ids.mapped('name')
        if not measures:
            measures = DEFAULT_MEASURES[model]
        if not row:
            raise UserError(_('Choose what the rows of the table are.'))
        Model = self.env[model]
        for name in [row.split(':')[0]] + ([col.split(':')[0]] if col else []) + measures:
            if name not in Model._fields:
                raise UserError(_('The report has no field "%s".') % name)
        return model, domain, row, col, measures

    def _group_label(self, Model, spec, value):
        name = spec.split(':')[0]
        field = Model._fields[name]
        if value is False or value is None:
            return _('(none)')
        if field.type == 'many2one':
            return value[1] if isinstance(value, (list, tuple)) else str(value)
        if field.type == 'selection':
            return dict(field._description_selection(self.env)).get(value, value)
        if field.type == 'boolean':
            return _('Yes') if value else _('No')
        return str(value)

    @api.multi
    def _export_table(self):
        """ST-5: the cross table as plain data: title, measure labels, column labels, rows
        [(label, {col label: [values]})] and totals, all from read_group (rates as ratios of
        sums, like the pivot view)."""
        model, domain, row, col, measures = self._table_spec()
        Model = self.env[model]
        labels = dict(REPORT_MODELS)
        title = dict(self._fields['report_model']._description_selection(self.env)).get(
            model, labels[model])
        measure_labels = [Model._fields[m].get_description(self.env)['string']
                          for m in measures]
        groupby = [row] + ([col] if col else [])
        names = measures + [g.split(':')[0] for g in groupby]
        cells = Model.read_group(domain, names, groupby, lazy=False, orderby=row)
        row_totals = Model.read_group(domain, names, [row], lazy=False, orderby=row)
        grand = Model.read_group(domain, measures, [], lazy=False)
        col_order = []
        col_totals = {}
        if col:
            for group in Model.read_group(domain, names, [col], lazy=False, orderby=col):
                label = self._group_label(Model, col, group[col])
                col_order.append(label)
                col_totals[label] = [group.get(m) or 0 for m in measures]
        table = []
        index = {}
        for group in row_totals:
            label = self._group_label(Model, row, group[row])
            index[label] = {'label': label, 'cells': {},
                            'total': [group.get(m) or 0 for m in measures]}
            table.append(index[label])
        if col:
            for group in cells:
                label = self._group_label(Model, row, group[row])
                index[label]['cells'][self._group_label(Model, col, group[col])] = [
                    group.get(m) or 0 for m in measures]
        return {
            'title': title,
            'filter': self.filter_id.name or '',
            'period': '%s – %s' % (self.date_from or '', self.date_to or ''),
            'row_label': Model._fields[row.split(':')[0]].get_description(self.env)['string'],
            'measures': measures,
            'measure_labels': measure_labels,
            'percent': [m in getattr(Model, '_rate_fields', {}) or m.endswith('_rate')
                        for m in measures],
            'columns': col_order,
            'column_totals': col_totals,
            'rows': table,
            'total': [(grand[0].get(m) or 0) if grand else 0 for m in measures],
        }

    @api.multi
    def action_export(self):
        self.ensure_one()
        self._table_spec()  # clear errors before the download starts
        return self.env.ref('hotline_reports.hotline_report_export_xlsx').report_action(self)
