"""SM-1, SM-3, NF-1: an agent texts a citizen from a request in the real web client, in
Chinese, and sees the delivery report on the recipient's line; the SMS summary pivot shows
the messages by extension number and month.

Drives Debian's headless Chromium through Selenium against the test server and the test
Kannel peer (a separate process). Screenshots: .local/screenshots/sms_*.png.
"""
import unittest

import browser  # tests/browser.py
import live  # tests/live.py

from odoo import SUPERUSER_ID, api

from odoo.addons.hotline_sms.tests.common import TOKEN, KannelPeerProcess

try:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC
except ImportError:  # pragma: no cover
    By = None


@unittest.skipUnless(browser.AVAILABLE, 'needs selenium, chromium and chromium-driver')
class TestSmsUi(browser.BrowserCase, live.LiveServerCase):

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
        self.start_browser(capabilities={'goog:loggingPrefs': {'browser': 'ALL'}})
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

    def _button(self, label, scope=''):
        """A button by its (Chinese) label: Odoo 11 renders object buttons without name."""
        clickable = EC.element_to_be_clickable(
            (By.XPATH, "%s//button[normalize-space()='%s']" % (scope, label)))
        return self.wait_for(lambda: clickable(self.driver), 'the button %r' % label)

    def test_agent_texts_citizen_and_sees_delivery(self):
        """SM-1, NF-1: from a request, 发送短信 → text → 发送; the list shows the citizen's
        line 排队中, then 已送达 once the gateway's report is back; SM-3: the summary pivot
        groups by extension."""
        ticket = self.env.ref('hotline_core.t_noise')
        # the web client's first screen finishes loading before we go elsewhere (login):
        # navigating while its home action still loads can leave the action manager without
        # an action
        self.login('agent')
        self.wait_text('短信')     # the SMS menu of the web client
        action = self.env.ref('hotline_core.hotline_ticket_action')
        self.driver.get('%s/web?#id=%d&model=hotline.ticket&view_type=form&action=%d' % (
            self.base, ticket.id, action.id))
        try:
            self.wait_css('.o_form_view')
        except AssertionError:  # the action manager was left without an action: load again
            self.driver.refresh()
        button = self._button('发送短信', "//div[contains(@class, 'o_statusbar_buttons')]")
        self.wait_idle()
        button.click()
        body = self.wait_css('.modal-dialog textarea[name="body"], '
                             '.modal-dialog .o_field_widget[name="body"]')
        if body.tag_name != 'textarea':
            body = body.find_element(By.CSS_SELECTOR, 'textarea')
        body.send_keys('【青川12345】您反映的噪音问题已转交相关单位处理。' + Keys.TAB)
        self.wait_text('27 个字符，1 条短信')
        self.shot('sms_compose.png')
        self._button('发送', "//div[contains(@class, 'modal-footer')]").click()
        self.wait_css('.o_list_view')
        self.wait_text('排队中')
        self.shot('sms_queued.png')
        with self.server_cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.assertEqual(env['hotline.sms.message']._cron_send(), 1)
        got = self.peer.control('messages')['messages']
        self.assertEqual(got[0]['text'], '【青川12345】您反映的噪音问题已转交相关单位处理。')
        self.wait_for(lambda: [r for r in self.server_query(
            "SELECT state FROM hotline_sms_message WHERE body = %s", [got[0]['text']])
            if r['state'] == 'delivered'], "the gateway's delivery report recorded")
        self.driver.refresh()
        self.wait_text('已送达')
        self.shot('sms_delivered.png')
        action = self.env.ref('hotline_sms.hotline_sms_message_action_summary')
        self.driver.get('%s/web#action=%d&view_type=pivot' % (self.base, action.id))
        self.wait_css('.o_pivot')
        self.wait_text('短信条数')
        self.shot('sms_summary.png')
