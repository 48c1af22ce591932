# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""KB-9: batch export of a directory (sub-directories, items, attachments) to one .zip file,
and import of such a file under a directory; export → import gives the same tree back."""
import base64
import io
import json
import zipfile

from odoo import _, api, fields, models
from odoo.exceptions import UserError

FORMAT = 'hotline-kb-export/1'
ITEM_FIELDS = ('name', 'keywords', 'content', 'date_from', 'date_to', 'visibility', 'state')


class HotlineKbTransfer(models.TransientModel):
    _name = 'hotline.kb.transfer'
    _description = 'Knowledge Import / Export'

    directory_id = fields.Many2one('hotline.kb.directory', 'Directory', required=True)
    data = fields.Binary('File')
    filename = fields.Char()

    @api.model
    def export_directory(self, directory):
        """The .zip bytes of ``directory`` with its sub-directories, items and attachments
        (recycle bin excluded)."""
        directory = directory.with_env(self.env)
        directory.check_access_rule('read')
        buf = io.BytesIO()
        attachments = {}
        with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as archive:
            def dump(node):
                items = []
                for item in self.env['hotline.kb.item'].search(
                        [('directory_id', '=', node.id), ('state', '!=', 'recycle')],
                        order='id'):
                    files = []
                    for attachment in item.sudo().attachment_ids:
                        path = 'attachments/%d/%s' % (attachment.id, attachment.datas_fname
                                                      or attachment.name)
                        if attachment.id not in attachments:
                            archive.writestr(path, base64.b64decode(attachment.datas or b''))
                            attachments[attachment.id] = path
                        files.append({'name': attachment.name, 'path': path,
                                      'mimetype': attachment.mimetype})
                    values = {f: item[f] or None for f in ITEM_FIELDS}
                    values['attachments'] = files
                    items.append(values)
                return {'name': node.name, 'sequence': node.sequence, 'items': items,
                        'children': [dump(child) for child in node.child_ids]}
            tree = dump(directory)
            archive.writestr('manifest.json', json.dumps(
                {'format': FORMAT, 'directory': tree}, ensure_ascii=False, indent=1))
        return buf.getvalue()

    @api.model
    def import_directory(self, data, parent):
        """Create the exported tree of ``data`` (.zip bytes) under ``parent``; items keep their
        state only for approvers of ``parent`` (others' items arrive as drafts)."""
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            manifest = json.loads(archive.read('manifest.json').decode('utf-8'))
        except (zipfile.BadZipfile, KeyError, ValueError):
            raise UserError(_('This is not a knowledge export file.'))
        if manifest.get('format') != FORMAT:
            raise UserError(_('This is not a knowledge export file.'))
        parent = parent.with_env(self.env)
        approver = parent._user_has('approve')
        Directory = self.env['hotline.kb.directory']
        Item = self.env['hotline.kb.item']
        Attachment = self.env['ir.attachment']

        def load(node, parent_dir):
            directory = Directory.create({'name': node['name'], 'parent_id': parent_dir.id,
                                          'sequence': node.get('sequence') or 10})
            for values in node.get('items', []):
                vals = {f: values.get(f) or False for f in ITEM_FIELDS if f != 'state'}
                vals['directory_id'] = directory.id
                vals['visibility'] = vals['visibility'] or 'internal'
                attachment_ids = []
                for file in values.get('attachments', []):
                    attachment_ids.append(Attachment.create({
                        'name': file['name'], 'datas_fname': file['path'].rsplit('/', 1)[-1],
                        'datas': base64.b64encode(archive.read(file['path'])),
                        'mimetype': file.get('mimetype'), 'res_model': Item._name}).id)
                vals['attachment_ids'] = [(6, 0, attachment_ids)]
                item = Item.create(vals)
                state = values.get('state') or 'draft'
                if state != 'draft' and approver:
                    item._transition('load', vals={'state': state})
            for child in node.get('children', []):
                load(child, directory)
            return directory
        return load(manifest['directory'], parent)

    @api.multi
    def action_export(self):
        self.ensure_one()
        self.write({'data': base64.b64encode(self.export_directory(self.directory_id)),
                    'filename': '%s.zip' % self.directory_id.name})
        return {'type': 'ir.actions.act_window', 'res_model': self._name, 'res_id': self.id,
                'view_mode': 'form', 'target': 'new'}

    @api.multi
    def action_import(self):
        self.ensure_one()
        if not self.data:
            raise UserError(_('Choose the file to import.'))
        directory = self.import_directory(base64.b64decode(self.data), self.directory_id)
        return {'type': 'ir.actions.act_window', 'res_model': 'hotline.kb.directory',
                'res_id': directory.id, 'view_mode': 'form', 'target': 'current'}
