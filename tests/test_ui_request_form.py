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
import live  # tests/live.py

import odoo
from odoo.tests.common import get_db_name

try:
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # pragma: no cover
    webdriver = None

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCREENSHOTS = browser.SCREENSHOTS
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
TIMEOUT = 30


@unittest.skipUnless(browser.AVAILABLE, 'needs selenium, chromium and chromium-driver')
class TestUiRequestForm(live.LiveServerCase):

    def setUp(self):
        super().setUp()
        self.base = 'http://127.0.0.1:%s' % odoo.tools.config['http_port']
        self.driver = browser.start_chromium(self)
        self.wait = WebDriverWait(self.driver, TIMEOUT)

    # ------------------------------------------------------------------ helpers
    def _screenshot(self, name):
        path = os.path.join(SCREENSHOTS, name)
        self.driver.save_screenshot(path)
        return path

    def _css(self, selector, visible=True):
        condition = EC.visibility_of_element_located if visible else \
            EC.presence_of_element_located
        try:
            return self.wait.until(condition((By.CSS_SELECTOR, selector)))
        except TimeoutException:
            self._screenshot('failure.png')
            raise AssertionError('%r did not appear within %ss; page text:\n%s' % (
                selector, TIMEOUT, self.driver.find_element(By.TAG_NAME, 'body').text[:2000]))

    def _wait_idle(self):
        """Wait until the web client has no RPC in flight (Odoo 11 blocks the UI meanwhile)."""
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            busy = self.driver.find_elements(By.CSS_SELECTOR, '.o_blockUI, .blockUI')
            busy += [e for e in self.driver.find_elements(By.CSS_SELECTOR, '.o_loading')
                     if e.is_displayed()]
            if not busy:
                return
            time.sleep(0.1)
        raise AssertionError('the web client stayed busy for %ss' % TIMEOUT)

    def _type(self, field, text):
        element = self._css('.o_form_view .o_field_widget[name="%s"]' % field)
        if element.tag_name not in ('input', 'textarea'):
            element = element.find_element(By.CSS_SELECTOR, 'input, textarea')
        element.clear()
        element.send_keys(text)

    def _login(self, login, password):
        self.driver.get('%s/web/login?db=%s' % (self.base, get_db_name()))
        self._css('input[name="login"]').send_keys(login)
        self._css('input[name="password"]').send_keys(password)
        self._css('form.oe_login_form button[type="submit"]').click()
        self._css('.o_main_navbar, .o_main', visible=False)

    def _open_new_request(self):
        action = self.env.ref('hotline_core.hotline_ticket_action_new')
        self.driver.get('%s/web#action=%d' % (self.base, action.id))
        self._css('.o_form_view.o_form_editable .o_field_widget[name="title"]')
        self._wait_idle()
        time.sleep(0.5)  # let the fonts settle for the screenshot

    def _page_text(self):
        return self.driver.find_element(By.TAG_NAME, 'body').text

    def _count_titled(self, title):
        return self.server_query(
            'SELECT count(*) AS n FROM hotline_ticket WHERE title = %s', [title])[0]['n']

    # ------------------------------------------------------------------ tests
    def test_form_speaks_chinese(self):
        """NF-1: the new-request form opened from the menu action shows Odoo's buttons and
        hotline_core's labels in Chinese (agent's language zh_CN); screenshot
        .local/screenshots/request_form.png."""
        self._login('agent', 'agent')
        self._open_new_request()
        self._screenshot('request_form.png')
        text = self._page_text()
        missing = {en: zh for en, zh in CORE_LABELS.items() if zh not in text}
        self.assertFalse(missing, 'Odoo labels not in Chinese: %s' % missing)
        # the page is styled: the form sheet has its layout (lessc compiled the assets)
        sheet = self._css('.o_form_sheet')
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
        self._login('agent', 'agent')
        self._open_new_request()
        self._type('title', title)
        self._type('contact_name', '界面测试市民')
        self._type('contact_phone', INVALID_PHONE)
        self._type('content', '小区东门路灯三天不亮。')
        self._css('.o_form_button_save').click()

        dialog = self._css('.modal .modal-content')
        self._wait_idle()
        self._screenshot('request_form_invalid_phone.png')
        message = dialog.text
        self.assertIn(VALIDATION_TITLE, message)
        self.assertIn(INVALID_PHONE, message)  # the message names the wrong number
        self.assertNotIn('Traceback', message)
        if os.path.exists(PO_FILE):
            self.assertIn(INVALID_PHONE_ZH, message)
        self.assertEqual(self._count_titled(title), 0, 'a request was created')

        dialog.find_element(By.CSS_SELECTOR, '.modal-footer button').click()
        self.wait.until(EC.invisibility_of_element_located((By.CSS_SELECTOR, '.modal')))
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, '.o_form_editable'),
                        'the form left edit mode after the refused save')
        self._type('contact_phone', VALID_PHONE)
        self._css('.o_form_button_save').click()
        self._css('.o_form_view.o_form_readonly')
        self._wait_idle()
        number = self._css('.o_form_view .o_field_widget[name="name"]').text
        self._screenshot('request_form_saved.png')
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
