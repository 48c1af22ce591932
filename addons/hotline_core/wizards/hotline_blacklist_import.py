# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import base64
import csv
import datetime
import io

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.hotline_blacklist import BLOCK_TYPES, ROUTINGS
from ..tools.phone import PhoneError, normalize_phone

MAX_ROWS = 10000
MAX_ERRORS_SHOWN = 20

# Column headers accepted in the file, in English or Chinese.
HEADERS = {
    'phone': ('phone', 'number', '电话', '号码', '电话号码'),
    'block_type': ('block_type', 'type', '类型', '限制类型'),
    'reason': ('reason', '原因', '理由'),
    'date_from': ('date_from', 'from', '开始日期', '生效日期'),
    'date_to': ('date_to', 'to', '结束日期', '失效日期'),
    'routing': ('routing', '路由', '转接'),
}
# Values accepted for the selections, besides their technical codes.
BLOCK_WORDS = {'呼入': 'inbound', '禁止呼入': 'inbound', '呼出': 'outbound',
               '禁止呼出': 'outbound', '全部': 'both', '呼入呼出': 'both'}
ROUTING_WORDS = {'拒接': 'reject', '语音信箱': 'voicemail', '留言': 'voicemail',
                 '菜单': 'menu', '指定菜单': 'menu', '坐席': 'agent', '指定坐席': 'agent'}


class HotlineBlacklistImport(models.TransientModel):
    """CZ-4: import blacklist rows from CSV or XLSX, at most 10,000 at a time.

    The file is checked whole first; if any row is wrong nothing is imported and the
    errors are listed with their row numbers.
    """
    _name = 'hotline.blacklist.import'
    _description = 'Import Blacklist'

    file = fields.Binary(required=True)
    filename = fields.Char()
    default_reason = fields.Char(
        help='Used for rows that give no reason.')

    @api.multi
    def action_import(self):
        self.ensure_one()
        rows = self._read_rows(base64.b64decode(self.file), self.filename or '')
        if len(rows) > MAX_ROWS:
            raise UserError(_(
                'The file has %(rows)d rows; at most %(max)d rows can be imported at once. '
                'Split the file and import the parts one after the other.'
            ) % {'rows': len(rows), 'max': MAX_ROWS})
        if not rows:
            raise UserError(_('The file has no rows to import.'))
        values, errors = self._validate(rows)
        if errors:
            shown = errors[:MAX_ERRORS_SHOWN]
            more = len(errors) - len(shown)
            raise UserError(_(
                'Nothing was imported; correct these rows and try again:\n%(rows)s%(more)s') % {
                    'rows': '\n'.join(shown),
                    'more': _('\n… and %d more') % more if more else ''})
        created = self.env['hotline.blacklist']
        for vals in values:
            created |= created.create(vals)
        return {
            'type': 'ir.actions.act_window',
            'name': _('Imported blacklist entries'),
            'res_model': 'hotline.blacklist',
            'view_mode': 'tree,form',
            'domain': [('id', 'in', created.ids)],
        }

    @api.model
    def _read_rows(self, data, filename):
        """The data rows of the file as dicts keyed by field name."""
        if filename.lower().endswith(('.xlsx', '.xls')):
            table = self._read_excel(data)
        else:
            table = self._read_csv(data)
        if not table:
            return []
        header = [str(h).strip().lower() for h in table[0]]
        columns = {}
        for fname, names in HEADERS.items():
            for index, title in enumerate(header):
                if title in names:
                    columns[fname] = index
        if 'phone' not in columns:
            raise UserError(_(
                'The first row must name the columns; a "phone" (电话) column is required.'))
        rows = []
        for line in table[1:]:
            if not any(str(cell).strip() for cell in line):
                continue
            rows.append({fname: (str(line[index]).strip() if index < len(line) else '')
                         for fname, index in columns.items()})
        return rows

    @api.model
    def _read_csv(self, data):
        for encoding in ('utf-8-sig', 'gb18030'):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise UserError(_('The CSV file must be encoded in UTF-8 or GBK.'))
        return list(csv.reader(io.StringIO(text)))

    @api.model
    def _read_excel(self, data):
        import xlrd
        try:
            book = xlrd.open_workbook(file_contents=data)
        except Exception:
            raise UserError(_('The file could not be read as an Excel workbook.'))
        sheet = book.sheet_by_index(0)
        table = []
        for r in range(sheet.nrows):
            row = []
            for cell in sheet.row(r):
                value = cell.value
                if cell.ctype == xlrd.XL_CELL_DATE:
                    value = xlrd.xldate.xldate_as_datetime(value, book.datemode).strftime(
                        '%Y-%m-%d')
                elif isinstance(value, float) and value.is_integer():
                    value = str(int(value))
                row.append(value)
            table.append(row)
        return table

    def _validate(self, rows):
        block_types = dict(BLOCK_TYPES)
        routings = dict(ROUTINGS)
        today = fields.Date.context_today(self)
        values, errors = [], []
        for number, row in enumerate(rows, start=2):
            problems = []
            try:
                phone = normalize_phone(row.get('phone'))
                if not phone:
                    problems.append(_('the phone number is missing'))
            except PhoneError:
                phone = None
                problems.append(_('"%s" is not a valid phone number') % row.get('phone'))
            block_type = row.get('block_type') or 'inbound'
            block_type = BLOCK_WORDS.get(block_type, block_type)
            if block_type not in block_types:
                problems.append(_('unknown block type "%s"') % block_type)
            routing = row.get('routing') or 'voicemail'
            routing = ROUTING_WORDS.get(routing, routing)
            if routing not in routings:
                problems.append(_('unknown routing "%s"') % routing)
            dates = {}
            for fname in ('date_from', 'date_to'):
                text = row.get(fname)
                if text:
                    try:
                        dates[fname] = datetime.datetime.strptime(
                            text.replace('/', '-')[:10], '%Y-%m-%d').strftime('%Y-%m-%d')
                    except ValueError:
                        problems.append(_('"%s" is not a date (YYYY-MM-DD)') % text)
            if dates.get('date_to') and dates['date_to'] < dates.get('date_from', today):
                problems.append(_('the entry ends before it starts'))
            reason = row.get('reason') or self.default_reason
            if not reason:
                problems.append(_('the reason is missing'))
            if problems:
                errors.append(_('Row %(row)d: %(problems)s') % {
                    'row': number, 'problems': '; '.join(problems)})
                continue
            values.append({
                'phone': phone,
                'block_type': block_type,
                'routing': routing,
                'reason': reason,
                'date_from': dates.get('date_from', today),
                'date_to': dates.get('date_to', False),
            })
        return values, errors
