# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import io
import zipfile

from odoo.exceptions import UserError

from .common import KbCase


class TestKbTransfer(KbCase):

    def test_export_import_round_trip(self):
        """KB-9: a directory exported with its sub-directories, items and attachments and
        imported elsewhere gives the same tree, the same items and searchable attachments."""
        item = self._item(directory=self.sub, name='社保转移导出测试')
        self._attach(item, '转移说明.txt', '跨省转移需要参保缴费凭证'.encode('utf-8'))
        self._item(directory=self.subsub, name='转移子目录条目', state='draft')
        Transfer = self.env['hotline.kb.transfer'].sudo(self.kb_admin)
        data = Transfer.export_directory(self.sub)
        self.assertIn('manifest.json', zipfile.ZipFile(io.BytesIO(data)).namelist())
        target = self.env['hotline.kb.directory'].create({'name': '导入目标'})
        copy = Transfer.import_directory(data, target)
        self.assertEqual(copy.complete_name, '导入目标 / 社保')
        self.assertEqual(copy.child_ids.mapped('name'), ['转移'])
        items = self.env['hotline.kb.item'].search([('directory_id', 'child_of', copy.id)])
        self.assertEqual(sorted(items.mapped('name')), ['社保转移导出测试', '转移子目录条目'])
        imported = items.filtered(lambda i: i.name == '社保转移导出测试')
        self.assertEqual(imported.state, 'published')
        self.assertEqual(imported.content, item.content)
        self.assertEqual(imported.attachment_ids.datas_fname, '转移说明.txt')
        found = self.env['hotline.kb.item'].kb_search('参保缴费凭证', directory_id=target.id)
        self.assertEqual([r['id'] for r in found], [imported.id])
        # and the copy exports to the same content again
        again = Transfer.export_directory(copy)
        manifest = zipfile.ZipFile(io.BytesIO(again)).read('manifest.json').decode('utf-8')
        self.assertIn('社保转移导出测试', manifest)
        self.assertIn('转移子目录条目', manifest)

    def test_editor_import_arrives_as_draft(self):
        """KB-3, KB-9: items imported by an editor who is not an approver wait as drafts."""
        self._item(directory=self.subsub, name='待审核导入')
        data = self.env['hotline.kb.transfer'].export_directory(self.subsub)
        copy = self.env['hotline.kb.transfer'].sudo(self.leader).import_directory(data, self.sub)
        items = self.env['hotline.kb.item'].search([('directory_id', '=', copy.id)])
        self.assertEqual(items.mapped('state'), ['draft'])

    def test_not_an_export_refused(self):
        """KB-9: a file that is not an export is refused with a clear message."""
        with self.assertRaises(UserError):
            self.env['hotline.kb.transfer'].import_directory(b'not a zip', self.sub)
