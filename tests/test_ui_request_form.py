"""NF-1, TK-1, CZ-1: an agent registers a request in the real web client, in Chinese.

Drives Debian's headless Chromium through Selenium against the HTTP server that conftest.py
starts in the pytest process. Screenshots go to .local/screenshots/.

Cursors (Odoo 11): the browser's requests all use ``registry.test_cr``, rolled back at the end
of the test; the test's own ``self.env`` is another transaction that does not see them, so the
database checks read ``test_cr`` while no request runs (``server_query``).
"""
import os
import re
import time
import unittest

import browser  # tests/browser.py
import desk_ui  # tests/desk_ui.py

try:
    from selenium.webdriver.common.by import By
except ImportError:  # pragma: no cover
    By = None

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PO_FILE = os.path.join(ROOT, 'addons', 'hotline_core', 'i18n', 'zh_CN.po')

# Labels of the new-request form as the agent must see them. Odoo's own translations (web):
CORE_LABELS = {
    'Save': '保存',
    'Discard': '放弃',
    'New': '新建',                  # breadcrumb of a new record
}
# hotline_core's terms (msgid → msgstr expected in addons/hotline_core/i18n/zh_CN.po); checked
# once that file exists.
MODULE_LABELS = {
    'Requests': '诉求',             # top menu (also part of the labels below)
    'Citizen': '市民',              # group title and field partner_id
    'Caller Number': '来电号码',     # caller_number
    'Contact Phone': '联系电话',     # contact_phone
    'Request Type': '诉求类型',      # ticket_type
    'Channel': '渠道',              # channel
    'Content': '诉求内容',           # group title of the content
}
# The title of the dialog of a ValidationError (Odoo's web client, translated by Odoo).
VALIDATION_TITLE = '验证错误'
# hotline_core's invalid-phone message ('… is not a valid phone number …'), once translated.
INVALID_PHONE_ZH = '不是有效的电话号码'
INVALID_PHONE = '12345abc'
VALID_PHONE = '13900001111'
NUMBER_RE = re.compile(r'12345-\d{8}-\d{5}')


@unittest.skipUnless(browser.AVAILABLE, 'needs selenium, chromium and chromium-driver')
class TestUiRequestForm(desk_ui.DeskCase):

    # ------------------------------------------------------------------ helpers
    def _open_new_request(self):
        action = self.env.ref('hotline_core.hotline_ticket_action_new')
        self.driver.get('%s/web#action=%d' % (self.base, action.id))
        self.wait_css('.o_form_view.o_form_editable .o_field_widget[name="title"]')
        self.wait_idle()
        self.wait_fonts()  # for the screenshot

    def _count_titled(self, title):
        return self.server_query(
            'SELECT count(*) AS n FROM hotline_ticket WHERE title = %s', [title])[0]['n']

    # ------------------------------------------------------------------ tests
    def test_form_speaks_chinese(self):
        """NF-1: the new-request form opened from the menu action shows Odoo's buttons and
        hotline_core's labels in Chinese (agent's language zh_CN); screenshot
        .local/screenshots/request_form.png."""
        self.login('agent')
        self._open_new_request()
        self.shot('request_form.png')
        text = self.page_text()
        missing = {en: zh for en, zh in CORE_LABELS.items() if zh not in text}
        self.assertFalse(missing, 'Odoo labels not in Chinese: %s' % missing)
        # the page is styled: the form sheet has its layout (lessc compiled the assets)
        sheet = self.wait_css('.o_form_sheet')
        self.assertGreater(sheet.size['width'], 600)
        self.assertNotEqual(sheet.value_of_css_property('background-color'), 'rgba(0, 0, 0, 0)')
        if not os.path.exists(PO_FILE):
            self.skipTest('%s does not exist yet: the module labels %s are not checked' % (
                os.path.relpath(PO_FILE, ROOT), sorted(MODULE_LABELS.values())))
        missing = {en: zh for en, zh in MODULE_LABELS.items() if zh not in text}
        self.assertFalse(missing, 'labels missing from the form (msgid → msgstr expected): %s'
                         % missing)

    def test_invalid_phone_refused_then_valid_saved(self):
        """CZ-1, TK-1: an invalid contact phone is refused with a clear message and nothing is
        created; corrected, the request is saved and gets its number 12345-YYYYMMDD-NNNNN."""
        title = '界面测试：小区路灯不亮 %d' % int(time.time())
        self.login('agent')
        self._open_new_request()
        self.type_in('title', title)
        self.type_in('contact_name', '界面测试市民')
        self.type_in('contact_phone', INVALID_PHONE)
        self.type_in('content', '小区东门路灯三天不亮。')
        self.wait_css('.o_form_button_save').click()

        dialog = self.wait_css('.modal .modal-content')
        self.wait_idle()
        self.shot('request_form_invalid_phone.png')
        message = dialog.text
        self.assertIn(VALIDATION_TITLE, message)
        self.assertIn(INVALID_PHONE, message)  # the message names the wrong number
        self.assertNotIn('Traceback', message)
        if os.path.exists(PO_FILE):
            self.assertIn(INVALID_PHONE_ZH, message)
        self.assertEqual(self._count_titled(title), 0, 'a request was created')

        dialog.find_element(By.CSS_SELECTOR, '.modal-footer button').click()
        self.wait_gone('.modal')
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, '.o_form_editable'),
                        'the form left edit mode after the refused save')
        self.type_in('contact_phone', VALID_PHONE)
        self.wait_css('.o_form_button_save').click()
        self.wait_css('.o_form_view.o_form_readonly')
        self.wait_idle()
        number = self.wait_css('.o_form_view .o_field_widget[name="name"]').text
        self.shot('request_form_saved.png')
        self.assertRegex(number, NUMBER_RE)

        rows = self.server_query(
            'SELECT name, state, contact_phone, partner_id, user_id FROM hotline_ticket '
            'WHERE title = %s', [title])
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0]['name'], number)
        self.assertEqual(rows[0]['state'], 'draft')
        self.assertEqual(rows[0]['contact_phone'], '+86' + VALID_PHONE)
        self.assertTrue(rows[0]['partner_id'], 'no citizen profile linked (CZ-1)')
        self.assertEqual(rows[0]['user_id'], self.env.ref('hotline_core.user_agent').id)
