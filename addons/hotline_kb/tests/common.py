# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import base64

from odoo.addons.hotline_core.tests.common import HotlineCase


class KbCase(HotlineCase):
    """Knowledge fixtures (independent of demo data): a directory tree 测试知识 › 社保 › 转移
    readable by agents, editable by team leaders, approved by a dedicated approver; a second
    tree readable only by unit 甲区."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kb_admin = cls._user('t_kb_admin', 'group_hotline_kb_admin')
        cls.leader = cls._user('t_leader', 'group_hotline_team_leader')
        cls.approver = cls._user('t_approver', 'group_hotline_agent')
        cls.approver_group = cls.env['res.groups'].create({'name': '测试知识审核组'})
        cls.approver.write({'groups_id': [(4, cls.approver_group.id)]})
        Directory = cls.env['hotline.kb.directory']
        g = cls.env.ref
        cls.root = Directory.create({'name': '测试知识', 'right_ids': [
            (0, 0, {'group_id': g('hotline_core.group_hotline_agent').id, 'perm_read': True}),
            (0, 0, {'group_id': g('hotline_core.group_hotline_team_leader').id,
                    'perm_edit': True}),
            (0, 0, {'group_id': cls.approver_group.id, 'perm_approve': True}),
        ]})
        cls.sub = Directory.create({'name': '社保', 'parent_id': cls.root.id})
        cls.subsub = Directory.create({'name': '转移', 'parent_id': cls.sub.id})
        cls.unit_root = Directory.create({'name': '甲区内部', 'right_ids': [
            (0, 0, {'unit_id': cls.district_a.id, 'perm_read': True})]})
        cls.unit_sub = Directory.create({'name': '甲区内部子目录', 'parent_id': cls.unit_root.id})

    def _item(self, directory=None, user=None, state='published', **vals):
        values = {'name': '养老保险关系转移', 'keywords': '养老 转移',
                  'content': '<p>参保人跨省流动就业的，可申请转移基本养老保险关系。</p>',
                  'directory_id': (directory or self.sub).id}
        values.update(vals)
        item = self.env['hotline.kb.item'].sudo(user or self.kb_admin).create(values)
        if state != 'draft':
            item.with_context(hotline_kb_no_review=True).sudo().write({'state': state})
        return item.sudo(user or self.kb_admin)

    def _attach(self, item, filename, data):
        attachment = self.env['ir.attachment'].create({
            'name': filename, 'datas_fname': filename, 'datas': base64.b64encode(data),
            'res_model': 'hotline.kb.item'})
        item.sudo().write({'attachment_ids': [(4, attachment.id)]})
        return attachment
