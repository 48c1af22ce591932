"""KB-6, KB-8, KB-9, KB-11: the agents' knowledge search page and the agent assist of the
request form in a real browser.

Drives Debian's headless Chromium through Selenium against the HTTP server that conftest.py
starts in the pytest process; the screenshot goes to .local/screenshots/kb_search_page.png.
The page is served by hotline_kb's controller at /hotline/kb (directory tree on the left,
highlighted results on the right) and reads the demo knowledge of hotline_kb.
"""
import unittest

import browser  # tests/browser.py
import live  # tests/live.py

try:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
except ImportError:  # pragma: no cover
    By = None


@unittest.skipUnless(browser.AVAILABLE, 'needs selenium, chromium and chromium-driver')
class TestKbSearchPage(browser.BrowserCase, live.LiveServerCase):

    def setUp(self):
        super().setUp()
        self.start_browser()

    def test_agent_searches_and_sees_highlighted_results(self):
        """KB-6, KB-7, KB-9: an agent types a query with the OR syntax on the search page and
        sees, on the right, the matching demo items with the words highlighted, and on the
        left the directory tree; screenshot .local/screenshots/kb_search_page.png."""
        self.login('agent')
        self.driver.get('%s/hotline/kb' % self.base)
        box = self.wait_css('input.o_kb_query', visible=False)
        tree = self.wait_css('.o_kb_tree', visible=False).text
        for name in ('社保政策', '医保政策', '户籍办理', '税务咨询', '交通出行'):
            self.assertIn(name, tree)
        box.send_keys('社保卡 或 异地就医')
        box.send_keys(Keys.RETURN)
        self.wait_css('.o_kb_result mark', visible=False)
        results = self.driver.find_elements(By.CSS_SELECTOR, '.o_kb_result')
        titles = [r.find_element(By.CSS_SELECTOR, 'h4').text for r in results]
        self.assertIn('社保卡丢失如何补办', titles)
        self.assertIn('异地就医备案流程', titles)
        marks = {m.text for m in self.driver.find_elements(By.CSS_SELECTOR, '.o_kb_result mark')}
        self.assertTrue(marks & {'社保卡', '异地', '就医', '异地就医'}, marks)
        self.shot('kb_search_page.png')

    def test_directory_filter_by_pinyin_initials(self):
        """KB-8: typing pinyin initials in the tree filter keeps the matching directory."""
        self.login('agent')
        self.driver.get('%s/hotline/kb' % self.base)
        box = self.wait_css('input.o_kb_dir_filter', visible=False)
        box.send_keys('ybzc')
        box.send_keys(Keys.RETURN)
        self.wait_css('input.o_kb_dir_filter[value="ybzc"]', visible=False)
        tree = self.wait_css('.o_kb_dirs', visible=False).text
        self.assertIn('医保政策', tree)
        self.assertNotIn('户籍办理', tree)

    def test_request_form_suggests_and_inserts_answer(self):
        """KB-11: while the agent types a consult, the new-request form lists the matching
        knowledge; choosing it in 'Answered With' puts its answer in the reply; screenshot
        .local/screenshots/kb_agent_assist.png."""
        self.login('agent')
        action = self.env.ref('hotline_core.hotline_ticket_action_new')
        self.driver.get('%s/web#action=%d' % (self.base, action.id))
        title = self.wait_css('.o_form_view.o_form_editable .o_field_widget[name="title"]',
                              visible=False)
        title.send_keys('社保卡丢了怎么补办')
        content = self.wait_css('.o_form_view .o_field_widget[name="content"]', visible=False)
        content.send_keys('市民的社保卡丢失，咨询挂失和补办流程。')
        title.click()  # leaving the field fires the onchange
        self.wait_text('社保卡丢失如何补办', selector='.o_field_widget[name="kb_suggestion_ids"]')
        field = self.wait_css('.o_field_widget[name="kb_item_id"] input', visible=False)
        field.send_keys('社保卡丢失')
        self.wait_text('社保卡丢失如何补办', selector='ul.ui-autocomplete li')
        for option in self.driver.find_elements(By.CSS_SELECTOR, 'ul.ui-autocomplete li a'):
            if '社保卡丢失如何补办' in option.text:
                option.click()
                break
        self.wait_text('12333', selector='.o_field_widget[name="reply"]')
        self.shot('kb_agent_assist.png')
