# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime

from odoo import fields

from .common import HotlineCase


class TestDuplicates(HotlineCase):

    def test_counts_same_number_same_name_similar_title_within_window(self):
        """TK-6: while registering, the agent sees how many requests of the last 15 days
        share the number, the name, or have a similar title; older ones do not count."""
        first = self._ticket(title='翠湖苑电梯故障无人维修')
        self._ticket(title='滨江路路灯不亮', contact_phone='13900139000', contact_name='测试市民')
        old = self._ticket(title='翠湖苑电梯故障')
        old.write({'register_date': fields.Datetime.to_string(
            datetime.datetime.now() - datetime.timedelta(days=20))})
        draft = self.env['hotline.ticket'].sudo(self.agent).new({
            'title': '翠湖苑电梯又故障了', 'contact_phone': '138 0013 8000',  # as typed
            'contact_name': '测试市民', 'content': '...'})
        self.assertEqual(draft.dup_window_days, 15)
        self.assertEqual(draft.dup_phone_count, 1)   # `first` (the second has another number)
        self.assertEqual(draft.dup_name_count, 2)    # both recent requests by 测试市民
        self.assertEqual(draft.dup_content_count, 1)  # `first`, not the 20-day-old one
        action = first.with_context(duplicate_kind='content').action_view_duplicates()
        self.assertNotIn(old.id, action['domain'][0][2])

    def test_similar_title_means_same_matter_not_same_place(self):
        """TK-6: titles about the same matter in other words count as similar; titles that
        only share a place name do not (Chinese word segmentation, not character trigrams)."""
        same = self._ticket(title='翠湖苑3栋电梯频繁故障', contact_phone='13900139001',
                            contact_name='甲')
        self._ticket(title='城北客运站出租车拒载', contact_phone='13900139002', contact_name='乙')
        self.assertEqual(same.title_keywords, '故障 湖苑 电梯 频繁')
        # The demo data's 朝阳小区3栋电梯频繁故障 is another compound: not the same matter.
        draft = self.env['hotline.ticket'].new({'title': '翠湖苑电梯又出故障了'})
        self.assertEqual(draft.dup_content_count, 1)
        action = draft.with_context(duplicate_kind='content').action_view_duplicates()
        self.assertEqual(action['domain'][0][2], same.ids)
        other_matter = self.env['hotline.ticket'].new({'title': '城北客运站房产证办理缓慢'})
        self.assertEqual(other_matter.dup_content_count, 0)
        self.env['ir.config_parameter'].set_param('hotline.duplicate_keyword_share', '0.4')
        other_matter = self.env['hotline.ticket'].new({'title': '城北客运站房产证办理缓慢'})
        self.assertEqual(other_matter.dup_content_count, 1)

    def test_window_is_configurable(self):
        """TK-6: the screening window comes from hotline.duplicate_window_days."""
        old = self._ticket(title='供暖温度不达标')
        old.write({'register_date': fields.Datetime.to_string(
            datetime.datetime.now() - datetime.timedelta(days=20))})
        draft = self.env['hotline.ticket'].new({'title': 'x', 'contact_phone': '+8613800138000'})
        self.assertEqual(draft.dup_phone_count, 0)
        self.env['ir.config_parameter'].set_param('hotline.duplicate_window_days', '30')
        draft = self.env['hotline.ticket'].new({'title': 'x', 'contact_phone': '+8613800138000'})
        self.assertEqual(draft.dup_window_days, 30)
        self.assertEqual(draft.dup_phone_count, 1)

    def test_saved_request_does_not_count_itself_and_links_open_the_others(self):
        """TK-6: a saved request's counters exclude itself; the link opens the others."""
        first = self._ticket()
        second = self._ticket()
        self.assertEqual(second.dup_phone_count, 1)
        action = second.with_context(duplicate_kind='phone').action_view_duplicates()
        self.assertEqual(self.env['hotline.ticket'].search(action['domain']), first)
