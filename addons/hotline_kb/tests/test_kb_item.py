# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import KbCase


class TestKbItem(KbCase):

    def test_editor_submits_and_approver_approves(self):
        """KB-3: an editor's new item waits for an approver of the directory; the editor cannot
        approve it; the approver's approval publishes it."""
        item = self._item(user=self.leader, state='draft')
        item.action_submit()
        self.assertEqual(item.state, 'pending')
        with self.assertRaises(AccessError):
            item.action_approve()
        with self.assertRaises(AccessError):
            item.write({'state': 'published'})  # not around the approval either
        item.sudo(self.approver).action_approve()
        self.assertEqual(item.state, 'published')
        self.assertEqual(item.approver_id, self.approver)

    def test_approver_publishes_directly(self):
        """KB-3: an approver publishes a draft without the pending step; an editor cannot."""
        item = self._item(user=self.leader, state='draft')
        with self.assertRaises(AccessError):
            item.action_publish()
        item.sudo(self.approver).action_publish()
        self.assertEqual(item.state, 'published')

    def test_editing_published_item_needs_approval_again(self):
        """KB-3: an editor's change to published knowledge sends it back to approval."""
        item = self._item(user=self.leader)
        item.write({'content': '<p>新的办理流程</p>'})
        self.assertEqual(item.state, 'pending')
        item2 = self._item(user=self.approver)
        item2.write({'content': '<p>审核人自己修改</p>'})
        self.assertEqual(item2.state, 'published')

    def test_reader_cannot_edit(self):
        """KB-5: an agent with only the read right sees published knowledge but cannot change
        it nor create items."""
        item = self._item()
        self.assertEqual(item.sudo(self.agent).name, '养老保险关系转移')
        with self.assertRaises(AccessError):
            item.sudo(self.agent).write({'name': '改标题'})
        with self.assertRaises(AccessError):
            self.env['hotline.kb.item'].sudo(self.agent).create(
                {'name': '话务员知识', 'directory_id': self.sub.id})

    def test_reader_does_not_see_drafts(self):
        """KB-3, KB-5: readers see only published knowledge; editors see drafts too."""
        draft = self._item(state='draft', name='未发布草稿')
        Item = self.env['hotline.kb.item']
        self.assertNotIn(draft, Item.sudo(self.agent).search([]))
        self.assertIn(draft, Item.sudo(self.leader).search([]))

    def test_unit_rights_inherited_and_enforced(self):
        """KB-5: an item in a sub-directory of a unit's directory is readable by that unit's
        users only, even when the id is known."""
        item = self._item(directory=self.unit_sub, name='甲区内部口径')
        self.assertEqual(item.sudo(self.unit_a_user).read(['name'])[0]['name'], '甲区内部口径')
        with self.assertRaises(AccessError):
            item.sudo(self.unit_b_user).read(['name'])
        with self.assertRaises(AccessError):
            item.sudo(self.agent).read(['name'])
        self.assertFalse(self.env['hotline.kb.item'].sudo(self.agent).search(
            [('id', '=', item.id)]))

    def test_recycle_restore_and_hard_delete(self):
        """KB-4: paused and archived states, recycle bin, restore to the previous state; only a
        KB admin deletes for good, and only from the recycle bin."""
        item = self._item(user=self.approver)
        item.action_pause()
        self.assertEqual(item.state, 'paused')
        item.action_recycle()
        self.assertEqual(item.state, 'recycle')
        item.action_restore()
        self.assertEqual(item.state, 'paused')
        item.action_publish()
        item.action_archive()
        self.assertEqual(item.state, 'archived')
        with self.assertRaises(UserError):
            item.sudo(self.kb_admin).unlink()
        item.action_recycle()
        with self.assertRaises(AccessError):
            item.unlink()
        item.sudo(self.kb_admin).unlink()
        self.assertFalse(item.exists())

    def test_invalid_transition_refused(self):
        """KB-4: a draft cannot be approved (it was never submitted)."""
        item = self._item(state='draft')
        with self.assertRaisesRegex(UserError, '草稿|Draft'):
            item.action_approve()

    def test_expiry_cron_archives_and_search_filters(self):
        """KB-2: an item past its validity disappears from search at once, and the nightly job
        archives it; an item not yet valid is not found either."""
        today = date.today()
        expired = self._item(name='过期的社保口径', date_to=fields.Date.to_string(
            today - timedelta(days=1)))
        future = self._item(name='未生效的社保口径', date_from=fields.Date.to_string(
            today + timedelta(days=3)))
        current = self._item(name='有效的社保口径')
        found = [r['id'] for r in self.env['hotline.kb.item'].sudo(self.agent).kb_search('社保口径')]
        self.assertEqual(found, [current.id])
        self.assertEqual(self.env['hotline.kb.item']._cron_expire(), 1)
        self.assertEqual(expired.state, 'archived')
        self.assertEqual(future.state, 'published')
        self.assertEqual(current.state, 'published')

    def test_edit_history_tracked(self):
        """KB-2: edits are kept in the item's history, including the previous content."""
        item = self._item(user=self.approver)
        item.with_context(tracking_disable=False).write({'name': '养老保险关系转移（2026版）'})
        values = item.sudo().message_ids.mapped('tracking_value_ids').mapped('new_value_char')
        self.assertIn('养老保险关系转移（2026版）', values)
        item.write({'content': '<p>第二版内容</p>'})
        bodies = ' '.join(item.sudo().message_ids.mapped('body'))
        self.assertIn('跨省流动就业', bodies)  # the previous version is kept

    def test_favourites_and_views(self):
        """KB-9: a reader marks personal favourites and views are counted."""
        item = self._item()
        reader_item = item.sudo(self.agent)
        reader_item.action_toggle_favorite()
        self.assertTrue(reader_item.is_favorite)
        self.assertFalse(item.sudo(self.leader).is_favorite)
        self.assertIn(item, self.env['hotline.kb.item'].sudo(self.agent).search(
            [('is_favorite', '=', True)]))
        reader_item.action_register_view()
        reader_item.action_register_view()
        self.assertEqual(item.view_count, 2)
