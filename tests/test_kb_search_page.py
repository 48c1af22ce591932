"""KB-6, KB-8, KB-9, KB-11: the agents' knowledge search page and the agent assist of the
request form in a real browser.

Drives Debian's headless Chromium through Selenium against the HTTP server that conftest.py
starts in the pytest process; the screenshot goes to .local/screenshots/kb_search_page.png.
The page is served by hotline_kb's controller at /hotline/kb (directory tree on the left,
highlighted results on the right) and reads the demo knowledge of hotline_kb.
"""
import os
import time
import unittest

import browser  # tests/browser.py

import odoo
from odoo.tests.common import HttpCase, get_db_name

try:
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # pragma: no cover
    webdriver = None

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCREENSHOTS = browser.SCREENSHOTS
TIMEOUT = 30


@unittest.skipUnless(browser.AVAILABLE, 'needs selenium, chromium and chromium-driver')
class TestKbSearchPage(HttpCase):

    def setUp(self):
        super().setUp()
        self.base = 'http://127.0.0.1:%s' % odoo.tools.config['http_port']
        self.driver = browser.start_chromium(self)
        self.wait = WebDriverWait(self.driver, TIMEOUT)

    def _css(self, selector):
        try:
            return self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, selector)))
        except TimeoutException:
            self.driver.save_screenshot(os.path.join(SCREENSHOTS, 'kb_failure.png'))
            raise AssertionError('%r did not appear; page text:\n%s' % (
                selector, self.driver.find_element(By.TAG_NAME, 'body').text[:2000]))

    def _login(self, login, password):
        self.driver.get('%s/web/login?db=%s' % (self.base, get_db_name()))
        self._css('input[name="login"]').send_keys(login)
        self._css('input[name="password"]').send_keys(password)
        self._css('form.oe_login_form button[type="submit"]').click()
        self._css('.o_main_navbar, .o_main')

    def test_agent_searches_and_sees_highlighted_results(self):
        """KB-6, KB-7, KB-9: an agent types a query with the OR syntax on the search page and
        sees, on the right, the matching demo items with the words highlighted, and on the
        left the directory tree; screenshot .local/screenshots/kb_search_page.png."""
        self._login('agent', 'agent')
        self.driver.get('%s/hotline/kb' % self.base)
        box = self._css('input.o_kb_query')
        tree = self._css('.o_kb_tree').text
        for name in ('社保政策', '医保政策', '户籍办理', '税务咨询', '交通出行'):
            self.assertIn(name, tree)
        box.send_keys('社保卡 或 异地就医')
        box.send_keys(Keys.RETURN)
        self._css('.o_kb_result mark')
        results = self.driver.find_elements(By.CSS_SELECTOR, '.o_kb_result')
        titles = [r.find_element(By.CSS_SELECTOR, 'h4').text for r in results]
        self.assertIn('社保卡丢失如何补办', titles)
        self.assertIn('异地就医备案流程', titles)
        marks = {m.text for m in self.driver.find_elements(By.CSS_SELECTOR, '.o_kb_result mark')}
        self.assertTrue(marks & {'社保卡', '异地', '就医', '异地就医'}, marks)
        self.driver.save_screenshot(os.path.join(SCREENSHOTS, 'kb_search_page.png'))

    def test_directory_filter_by_pinyin_initials(self):
        """KB-8: typing pinyin initials in the tree filter keeps the matching directory."""
        self._login('agent', 'agent')
        self.driver.get('%s/hotline/kb' % self.base)
        box = self._css('input.o_kb_dir_filter')
        box.send_keys('ybzc')
        box.send_keys(Keys.RETURN)
        self._css('input.o_kb_dir_filter[value="ybzc"]')
        tree = self._css('.o_kb_dirs').text
        self.assertIn('医保政策', tree)
        self.assertNotIn('户籍办理', tree)

    def _wait_text(self, selector, text):
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            elements = self.driver.find_elements(By.CSS_SELECTOR, selector)
            if any(text in (e.text or e.get_attribute('value') or '') for e in elements):
                return
            time.sleep(0.2)
        self.driver.save_screenshot(os.path.join(SCREENSHOTS, 'kb_failure.png'))
        raise AssertionError('%r never showed %r' % (selector, text))

    def test_request_form_suggests_and_inserts_answer(self):
        """KB-11: while the agent types a consult, the new-request form lists the matching
        knowledge; choosing it in 'Answered With' puts its answer in the reply; screenshot
        .local/screenshots/kb_agent_assist.png."""
        self._login('agent', 'agent')
        action = self.env.ref('hotline_core.hotline_ticket_action_new')
        self.driver.get('%s/web#action=%d' % (self.base, action.id))
        title = self._css('.o_form_view.o_form_editable .o_field_widget[name="title"]')
        title.send_keys('社保卡丢了怎么补办')
        content = self._css('.o_form_view .o_field_widget[name="content"]')
        content.send_keys('市民的社保卡丢失，咨询挂失和补办流程。')
        title.click()  # leaving the field fires the onchange
        self._wait_text('.o_field_widget[name="kb_suggestion_ids"]', '社保卡丢失如何补办')
        field = self._css('.o_field_widget[name="kb_item_id"] input')
        field.send_keys('社保卡丢失')
        self._wait_text('ul.ui-autocomplete li', '社保卡丢失如何补办')
        for option in self.driver.find_elements(By.CSS_SELECTOR, 'ul.ui-autocomplete li a'):
            if '社保卡丢失如何补办' in option.text:
                option.click()
                break
        self._wait_text('.o_field_widget[name="reply"]', '12333')
        self.driver.save_screenshot(os.path.join(SCREENSHOTS, 'kb_agent_assist.png'))
