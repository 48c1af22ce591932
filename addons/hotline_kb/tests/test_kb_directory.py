# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError

from .common import KbCase


class TestKbDirectory(KbCase):

    def test_depth_limit_seven_levels(self):
        """KB-1: seven levels are accepted, an eighth is refused with a clear message."""
        Directory = self.env['hotline.kb.directory']
        parent = self.subsub  # level 3
        for level in range(4, 8):
            parent = Directory.create({'name': '第%d级' % level, 'parent_id': parent.id})
            self.assertEqual(parent.level, level)
        with self.assertRaisesRegex(ValidationError, '7'):
            Directory.create({'name': '第8级', 'parent_id': parent.id})

    def test_moving_subtree_too_deep_refused(self):
        """KB-1: moving a sub-tree under another so that it exceeds seven levels is refused."""
        Directory = self.env['hotline.kb.directory']
        parent = self.subsub
        for level in range(4, 7):
            parent = Directory.create({'name': 'L%d' % level, 'parent_id': parent.id})
        with self.assertRaises(ValidationError):
            self.unit_root.write({'parent_id': parent.id})  # 甲区内部 has a child: 8 levels

    def test_top_level_only_for_kb_admin(self):
        """KB-1: a team leader with edit right may add a sub-directory but not a top-level one."""
        Directory = self.env['hotline.kb.directory']
        with self.assertRaises(AccessError):
            Directory.sudo(self.leader).create({'name': '顶级目录'})
        child = Directory.sudo(self.leader).create({'name': '领导子目录',
                                                    'parent_id': self.sub.id})
        self.assertEqual(child.complete_name, '测试知识 / 社保 / 领导子目录')
        self.assertTrue(Directory.sudo(self.kb_admin).create({'name': '管理员顶级目录'}))

    def test_agent_cannot_create_sub_directory_without_edit_right(self):
        """KB-1, KB-5: an agent who may only read cannot add sub-directories."""
        with self.assertRaises(AccessError):
            self.env['hotline.kb.directory'].sudo(self.agent).create(
                {'name': '话务员目录', 'parent_id': self.sub.id})

    def test_rights_inherited_by_sub_directories(self):
        """KB-5: rights granted on a directory hold on its sub-directories; unit rights hold for
        the unit's users only."""
        Directory = self.env['hotline.kb.directory']
        agent_dirs = Directory.sudo(self.agent).search([])
        self.assertIn(self.subsub, agent_dirs)
        self.assertNotIn(self.unit_sub, agent_dirs)
        unit_dirs = Directory.sudo(self.unit_a_user).search([])
        self.assertIn(self.unit_sub, unit_dirs)
        self.assertNotIn(self.sub, unit_dirs)
        self.assertFalse(Directory.sudo(self.unit_b_user).search([('id', '=', self.unit_sub.id)]))
        self.assertTrue(self.subsub._user_has('edit', self.leader))
        self.assertFalse(self.subsub._user_has('edit', self.agent))
        self.assertTrue(self.subsub._user_has('approve', self.approver))

    def test_rights_change_propagates(self):
        """KB-5: a right added on the root reaches the deepest directory at once."""
        self.assertFalse(self.subsub._user_has('read', self.unit_b_user))
        self.root.write({'right_ids': [(0, 0, {'unit_id': self.district_b.id})]})
        self.assertTrue(self.subsub._user_has('read', self.unit_b_user))

    def test_pinyin_directory_search(self):
        """KB-8: directories are found by full pinyin, by initials and fuzzily by initials."""
        Directory = self.env['hotline.kb.directory']
        yibao = Directory.create({'name': '医保政策', 'parent_id': self.root.id})
        self.assertEqual(yibao.pinyin_full, 'yibaozhengce')
        self.assertEqual(yibao.pinyin_initials, 'ybzc')
        self.assertIn(yibao, Directory.search_pinyin('yibao'))
        self.assertIn(yibao, Directory.search_pinyin('ybzc'))
        self.assertIn(yibao, Directory.search_pinyin('yzc'))  # a syllable skipped
        self.assertIn(yibao, Directory.search_pinyin('医保'))
        self.assertNotIn(yibao, Directory.search_pinyin('shebao'))
        names = [n for _i, n in Directory.name_search('ybzc')]
        self.assertIn('测试知识 / 医保政策', names)
