"""SM-1, SM-3, NF-1: an agent texts a citizen from a request in the real web client, in
Chinese, and sees the delivery report on the recipient's line; the SMS summary pivot shows
the messages by extension number and month.

Drives Debian's headless Chromium through Selenium against the test server and the test
Kannel peer (a separate process). Screenshots: .local/screenshots/sms_*.png.
"""
import os
import time
import unittest

import browser  # tests/browser.py
import live  # tests/live.py

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tests.common import get_db_name

from odoo.addons.hotline_sms.tests.common import TOKEN, KannelPeerProcess

try:
    from selenium.common.exceptions import TimeoutException, WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # pragma: no cover
    By = None

SCREENSHOTS = browser.SCREENSHOTS
TIMEOUT = 30


@unittest.skipUnless(browser.AVAILABLE, 'needs selenium, chromium and chromium-driver')
class TestSmsUi(live.LiveServerCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.peer = KannelPeerProcess().start()

    @classmethod
    def tearDownClass(cls):
        cls.peer.stop()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.base = 'http://127.0.0.1:%s' % odoo.tools.config['http_port']
        self.driver = browser.start_chromium(
            self, capabilities={'goog:loggingPrefs': {'browser': 'ALL'}})
        self.wait = WebDriverWait(self.driver, TIMEOUT)
        self.peer.control('reset')
        with self.server_cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env['hotline.sms.gateway'].search([]).write({'active': False})
            env['hotline.sms.gateway'].create({
                'name': 'Kannel test peer', 'url': self.peer.url, 'username': 'hotline',
                'password': 'secret', 'sender': '10690012345', 'token': TOKEN,
                'callback_url': self.base})
            cr.execute("UPDATE hotline_sms_message SET state = 'failed' "
                       "WHERE state IN ('queued', 'sending')")

    def _css(self, selector):
        try:
            return self.wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, selector)))
        except TimeoutException:
            self.driver.save_screenshot(os.path.join(SCREENSHOTS, 'sms_failure.png'))
            raise AssertionError('%r did not appear; page text:\n%s\nconsole:\n%s' % (
                selector, self._text()[:2000], self.driver.get_log('browser')))

    def _button(self, label, scope=''):
        """A button by its (Chinese) label: Odoo 11 renders object buttons without name."""
        xpath = "%s//button[normalize-space()='%s']" % (scope, label)
        try:
            return self.wait.until(EC.element_to_be_clickable((By.XPATH, xpath)))
        except TimeoutException:
            self.driver.save_screenshot(os.path.join(SCREENSHOTS, 'sms_failure.png'))
            raise AssertionError('no button %r; page text:\n%s' % (label, self._text()[:2000]))

    def _text(self):
        try:
            return self.driver.find_element(By.TAG_NAME, 'body').text
        except WebDriverException:   # the page is being replaced (login redirect)
            return ''

    def _wait_text(self, text):
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            if text in self._text():
                return
            time.sleep(0.2)
        self.driver.save_screenshot(os.path.join(SCREENSHOTS, 'sms_failure.png'))
        raise AssertionError('%r not shown; page text:\n%s' % (text, self._text()[:2000]))

    def _idle(self):
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            if not self.driver.find_elements(By.CSS_SELECTOR, '.o_blockUI, .blockUI'):
                return
            time.sleep(0.1)

    def test_agent_texts_citizen_and_sees_delivery(self):
        """SM-1, NF-1: from a request, 发送短信 → text → 发送; the list shows the citizen's
        line 排队中, then 已送达 once the gateway's report is back; SM-3: the summary pivot
        groups by extension."""
        ticket = self.env.ref('hotline_core.t_noise')
        self.driver.get('%s/web/login?db=%s' % (self.base, get_db_name()))
        self._css('input[name="login"]').send_keys('agent')
        self._css('input[name="password"]').send_keys('agent')
        self._css('form.oe_login_form button[type="submit"]').click()
        self._wait_text('短信')     # the SMS menu of the web client
        # the web client's first screen finishes loading before we go elsewhere: navigating
        # while its home action still loads can leave the action manager without an action
        self._css('.o_control_panel')
        self._idle()
        action = self.env.ref('hotline_core.hotline_ticket_action')
        self.driver.get('%s/web?#id=%d&model=hotline.ticket&view_type=form&action=%d' % (
            self.base, ticket.id, action.id))
        try:
            self.wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, '.o_form_view')))
        except TimeoutException:
            self.driver.refresh()
        button = self._button('发送短信', "//div[contains(@class, 'o_statusbar_buttons')]")
        self._idle()
        button.click()
        body = self._css('.modal-dialog textarea[name="body"], '
                         '.modal-dialog .o_field_widget[name="body"]')
        if body.tag_name != 'textarea':
            body = body.find_element(By.CSS_SELECTOR, 'textarea')
        body.send_keys('【青川12345】您反映的噪音问题已转交相关单位处理。' + Keys.TAB)
        self._wait_text('27 个字符，1 条短信')
        self.driver.save_screenshot(os.path.join(SCREENSHOTS, 'sms_compose.png'))
        self._button('发送', "//div[contains(@class, 'modal-footer')]").click()
        self._css('.o_list_view')
        self._wait_text('排队中')
        self.driver.save_screenshot(os.path.join(SCREENSHOTS, 'sms_queued.png'))
        with self.server_cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.assertEqual(env['hotline.sms.message']._cron_send(), 1)
        got = self.peer.control('messages')['messages']
        self.assertEqual(got[0]['text'], '【青川12345】您反映的噪音问题已转交相关单位处理。')
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            rows = self.server_query(
                "SELECT state FROM hotline_sms_message WHERE body = %s",
                [got[0]['text']])
            if rows and rows[0]['state'] == 'delivered':
                break
            time.sleep(0.2)
        self.driver.refresh()
        self._wait_text('已送达')
        self.driver.save_screenshot(os.path.join(SCREENSHOTS, 'sms_delivered.png'))
        action = self.env.ref('hotline_sms.hotline_sms_message_action_summary')
        self.driver.get('%s/web#action=%d&view_type=pivot' % (self.base, action.id))
        self._css('.o_pivot')
        self._wait_text('短信条数')
        self.driver.save_screenshot(os.path.join(SCREENSHOTS, 'sms_summary.png'))
