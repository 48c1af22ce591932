"""Issue 16, TK-6: duplicate screening on the unsaved request form, in the real web client.

Set-up (server cursor): an earlier request from 13911112222 about 路灯不亮. Journey (agent,
from /web/login): 诉求 › 新建诉求, type the caller number without leaving the field — the
warning appears while typing, saying "近 15 天内" (it said 近 0 天内 and waited for the field
to lose focus); click the count — the earlier request is listed in a dialog and nothing is
saved (it forced a save, which failed while 诉求内容 was empty); correct the caller number —
the 联系电话 copied from it follows.
"""
import unittest

import browser  # tests/browser.py
import desk_ui  # tests/desk_ui.py

from odoo import SUPERUSER_ID, api

EARLIER_PHONE, CORRECTED = '13911112222', '13911113333'


@unittest.skipUnless(browser.AVAILABLE, 'needs selenium, chromium and chromium-driver')
class TestUiDuplicates(desk_ui.DeskCase):

    def _value(self, name):
        return self.field(name).get_attribute('value')

    def test_screening_follows_typing_and_opens_without_saving(self):
        """TK-6, issue 16: live counters, the window in days, counts that open without a
        save, and a copied contact phone that follows the corrected caller number."""
        with self.server_cursor() as cr:
            # sent from the website: no citizen profile is linked to the number (CH-2), so
            # the agent's form copies the caller number instead of a profile's phone
            env = api.Environment(cr, SUPERUSER_ID, {})
            earlier = env['hotline.ticket'].create({
                'title': '筛查测试小区路灯不亮', 'content': '路灯坏了。', 'channel': 'web',
                'contact_name': '筛查测试市民', 'contact_phone': EARLIER_PHONE})
            self.assertFalse(earlier.partner_id)
            earlier_number = earlier.name
            before = env['hotline.ticket'].search_count([])
        self.login('agent')
        self.open_app('12345热线')
        self.click_menu('诉求', '新建诉求')
        caller = self.type_in('caller_number', EARLIER_PHONE)  # focus stays in the field
        warning = self.wait_for(lambda: self.visible('.o_form_view div[name="duplicates"]'),
                                'no duplicate warning while typing the caller number')[0]
        self.wait_for(lambda: '1' in self.texts('.o_hotline_duplicates'), 'the count is not 1')
        self.assertEqual(self.driver.switch_to.active_element, caller)
        self.assertIn('近 15 天内', warning.text)
        self.assertEqual(self._value('contact_phone'), EARLIER_PHONE)
        self.shot('duplicates_unsaved.png')

        self.wait_for(lambda: [e for e in self.visible('.o_hotline_duplicates')
                               if e.text == '1'], 'no count to click')[0].click()
        dialog = self.wait_css('.modal .o_list_view')
        self.wait_idle()
        self.assert_no_error('opening the duplicates of an unsaved request')
        self.assertIn(earlier_number, dialog.text)
        self.shot('duplicates_dialog.png')
        self.wait_css('.modal .modal-header .close').click()
        self.wait_for(lambda: not self.visible('.modal'), 'the dialog stayed open')
        self.assertTrue(self.visible('.o_form_view.o_form_editable'))
        self.assertEqual(self.server_query('SELECT count(*) AS n FROM hotline_ticket')[0]['n'],
                         before, 'opening the duplicates saved the request')

        self.type_in('caller_number', CORRECTED)
        self.wait_for(lambda: self._value('contact_phone') == CORRECTED,
                      'the copied contact phone did not follow the corrected caller number')
        self.wait_for(lambda: not self.visible('.o_form_view div[name="duplicates"]'),
                      'the warning stayed for a number without earlier requests')
        # a contact phone typed by the agent no longer follows the caller number
        self.type_in('contact_phone', '13700001111')
        self.type_in('caller_number', EARLIER_PHONE)
        self.wait_for(lambda: self.visible('.o_form_view div[name="duplicates"]'),
                      'no warning for the earlier number')
        self.assertEqual(self._value('contact_phone'), '13700001111')
