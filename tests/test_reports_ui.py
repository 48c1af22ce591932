"""MO-3, ST-2, ST-5: the wallboard and a pivot view in a real browser, and the wallboard's
JSON endpoint over HTTP.

Drives headless Chromium (tests/browser.py) against the HTTP server of conftest.py; the
screenshots go to .local/screenshots/reports_wallboard.png and reports_call_pivot.png. The
figures come from the demo data of hotline_reports (a day of requests and calls).
"""
import json
import os
import unittest

import browser  # tests/browser.py
import live  # tests/live.py

import odoo
from odoo.tests.common import HttpCase, get_db_name

try:
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # pragma: no cover
    pass

TIMEOUT = 40


class TestWallboardEndpoint(HttpCase):

    def test_data_for_leaders_only(self):
        """MO-3, NF-2: the office leader gets the figures as JSON; an agent gets 403."""
        self.authenticate('office_leader', 'office_leader')
        response = self.url_open('/hotline/wallboard/data')
        self.assertEqual(response.status_code, 200)
        data = json.loads(response.text)
        self.assertEqual(len(data['hours']), 24)
        self.assertEqual(data['service_level']['target'], 90.0)
        self.authenticate('agent', 'agent')
        self.assertEqual(self.url_open('/hotline/wallboard/data').status_code, 403)


@unittest.skipUnless(browser.AVAILABLE, 'needs selenium, chromium and chromium-driver')
class TestReportsInBrowser(live.LiveServerCase):

    def setUp(self):
        super().setUp()
        self.base = 'http://127.0.0.1:%s' % odoo.tools.config['http_port']
        self.driver = browser.start_chromium(self, size='1920,1080')
        self.wait = WebDriverWait(self.driver, TIMEOUT)

    def _css(self, selector, name='reports_failure.png'):
        try:
            return self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, selector)))
        except TimeoutException:
            self.driver.save_screenshot(os.path.join(browser.SCREENSHOTS, name))
            raise AssertionError('%r did not appear; page text:\n%s' % (
                selector, self.driver.find_element(By.TAG_NAME, 'body').text[:2000]))

    def _login(self, login):
        self.driver.get('%s/web/login?db=%s' % (self.base, get_db_name()))
        self._css('input[name="login"]').send_keys(login)
        self._css('input[name="password"]').send_keys(login)
        self._css('form.oe_login_form button[type="submit"]').click()
        self._css('.o_main_navbar, .o_main')

    def test_wallboard_shows_the_day_and_refreshes(self):
        """MO-3: the office leader opens the big screen: Chinese titles, today's totals equal
        to the JSON figures, 24 hourly bars, category and channel bars, the service level
        tile coloured against the target; a new request appears on the next refresh
        without reloading the page. Screenshot: reports_wallboard.png."""
        self._login('office_leader')
        self.driver.get('%s/hotline/wallboard' % self.base)
        self._css('body[data-updated]')
        body = self.driver.find_element(By.TAG_NAME, 'body').text
        for label in ('12345政务服务便民热线', '今日受理', '近24小时受理量', '今日分类',
                      '今日来源', '热点问题', '15秒接通率'):
            self.assertIn(label, body)
        data = json.loads(self.driver.execute_script(
            "var r = new XMLHttpRequest(); r.open('GET', '/hotline/wallboard/data', false);"
            "r.send(); return r.responseText;"))
        tickets = self.driver.find_element(By.ID, 'wb_tickets').text
        self.assertEqual(tickets, str(data['totals']['tickets']))
        self.assertEqual(self.driver.find_element(By.ID, 'wb_offered').text,
                         str(data['totals']['offered']))
        self.assertEqual(len(self.driver.find_elements(By.CSS_SELECTOR, '#wb_hours rect')), 48)
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, '#wb_categories .o_wb_row'))
        tile = self.driver.find_element(By.ID, 'wb_sl_tile').get_attribute('class')
        self.assertTrue('o_wb_ok' in tile or 'o_wb_bad' in tile, tile)
        self.driver.save_screenshot(os.path.join(browser.SCREENSHOTS, 'reports_wallboard.png'))
        # a new request: the page redraws by itself (refresh every 10 s)
        self.driver.execute_script("window.__marker = 'same page';")
        with self.server_cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            ticket = env['hotline.ticket'].create({
                'title': '大屏刷新测试', 'content': '测试', 'contact_name': '测试',
                'contact_phone': '13800138000', 'ticket_type': 'consult'})
            ticket.action_submit()
            cr.commit()  # a test cursor's commit is a savepoint the next request keeps
        try:
            WebDriverWait(self.driver, 30).until(
                lambda d: d.find_element(By.ID, 'wb_tickets').text == str(int(tickets) + 1))
        except TimeoutException:
            raise AssertionError('no refresh: %s %s %s' % (
                tickets, self.driver.find_element(By.ID, 'wb_tickets').text,
                self.driver.execute_script(
                    "var r = new XMLHttpRequest(); r.open('GET', '/hotline/wallboard/data', "
                    "false); r.send(); return r.responseText;")[:300]))
        self.assertEqual(self.driver.execute_script('return window.__marker;'), 'same page')

    def test_call_analysis_pivot(self):
        """ST-2, ST-5: the team leader opens 话务分析: a pivot with Chinese measures (接通率,
        15秒服务水平) and the demo day's calls; the pivot offers its download button.
        Screenshot: reports_call_pivot.png."""
        self._login('leader')
        action = self.env.ref('hotline_reports.hotline_call_report_action')
        self.driver.get('%s/web#action=%s&view_type=pivot' % (self.base, action.id))
        table = self._css('.o_pivot table')
        self.wait.until(
            lambda d: '接通率' in d.find_element(By.CSS_SELECTOR, '.o_pivot table').text)
        text = table.text
        for label in ('呼入数', '接通率(%)', '15秒服务水平(%)', '平均等待(秒)'):
            self.assertIn(label, text)
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, '.o_pivot_download'))
        self.driver.save_screenshot(os.path.join(browser.SCREENSHOTS, 'reports_call_pivot.png'))

    def test_assessment_results_list(self):
        """KP-3, KP-4: the office leader opens 考核结果: the demo assessment of this month and
        the last, grouped by scheme and period, with scores, ranks and the three rates in
        Chinese. Screenshot: reports_kpi_results.png."""
        self._login('office_leader')
        action = self.env.ref('hotline_reports.hotline_kpi_result_action')
        self.driver.get('%s/web#action=%s&view_type=list' % (self.base, action.id))
        self._css('.o_list_view .o_group_header')
        text = self.driver.find_element(By.CSS_SELECTOR, '.o_list_view').text
        for label in ('接诉即办三率', '承办单位考核', '受理中心考核'):
            self.assertIn(label, text)
        # open the first scheme and its first period
        self.driver.find_elements(By.CSS_SELECTOR, '.o_group_header')[0].click()
        self.wait.until(lambda d: len(d.find_elements(
            By.CSS_SELECTOR, '.o_list_view .o_group_header')) > 3)
        self.driver.find_elements(By.CSS_SELECTOR, '.o_group_header')[1].click()
        self._css('.o_list_view .o_data_row')
        header = self.driver.find_element(By.CSS_SELECTOR, '.o_list_view thead').text
        for label in ('排名', '得分', '办件量', '满意率(%)', '按时办结率(%)'):
            self.assertIn(label, header)
        self.driver.save_screenshot(os.path.join(browser.SCREENSHOTS,
                                                 'reports_kpi_results.png'))
