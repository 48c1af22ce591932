"""MO-3, ST-2, ST-5: the wallboard and a pivot view in a real browser, and the wallboard's
JSON endpoint over HTTP.

Drives headless Chromium (tests/browser.py) against the HTTP server of conftest.py; the
screenshots go to .local/screenshots/reports_wallboard.png and reports_call_pivot.png. The
figures come from the demo data of hotline_reports (a day of requests and calls).
"""
import json
import unittest

import browser  # tests/browser.py
import live  # tests/live.py

import odoo
from odoo.tests.common import HttpCase

try:
    from selenium.webdriver.common.by import By
except ImportError:  # pragma: no cover
    pass

# what the wallboard's own page fetches (synchronously, to read it in the test)
WALLBOARD_DATA_JS = ("var r = new XMLHttpRequest(); r.open('GET', '/hotline/wallboard/data', "
                     "false); r.send(); return r.responseText;")


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
class TestReportsInBrowser(browser.BrowserCase, live.LiveServerCase):

    def setUp(self):
        super().setUp()
        self.start_browser(size='1920,1080')

    def test_wallboard_shows_the_day_and_refreshes(self):
        """MO-3: the office leader opens the big screen: Chinese titles, today's totals equal
        to the JSON figures, 24 hourly bars, category and channel bars, the service level
        tile coloured against the target; a new request appears on the next refresh
        without reloading the page. Screenshot: reports_wallboard.png."""
        # the demo's day of requests and calls ends when the template database was made: a
        # request of today (hotline time) with a category, so that the day's bars do not depend
        # on when the template was made
        with self.server_cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env['hotline.ticket'].create({
                'title': '大屏分类测试', 'content': '测试', 'contact_name': '测试',
                'contact_phone': '13800138001', 'ticket_type': 'consult',
                'category_id': env.ref('hotline_core.category_water').id}).action_submit()
            # and a call of today answered within 15 s, so that the service level has figures
            env['hotline.cti.call'].create({
                'uniqueid': 'wallboard-test-today', 'direction': 'inbound',
                'caller_number': '13800138001', 'enter_date': odoo.fields.Datetime.now(),
                'state': 'done', 'disposition': 'answered', 'wait_time': 5})
            cr.commit()  # a test cursor's commit is a savepoint the next request keeps
        self.login('office_leader')
        self.driver.get('%s/hotline/wallboard' % self.base)
        self.wait_css('body[data-updated]', visible=False)
        body = self.driver.find_element(By.TAG_NAME, 'body').text
        for label in ('12345政务服务便民热线', '今日受理', '近24小时受理量', '今日分类',
                      '今日来源', '热点问题', '15秒接通率'):
            self.assertIn(label, body)
        data = json.loads(self.driver.execute_script(WALLBOARD_DATA_JS))
        tickets = self.driver.find_element(By.ID, 'wb_tickets').text
        self.assertEqual(tickets, str(data['totals']['tickets']))
        self.assertEqual(self.driver.find_element(By.ID, 'wb_offered').text,
                         str(data['totals']['offered']))
        self.assertEqual(len(self.driver.find_elements(By.CSS_SELECTOR, '#wb_hours rect')), 48)
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, '#wb_categories .o_wb_row'))
        tile = self.driver.find_element(By.ID, 'wb_sl_tile').get_attribute('class')
        self.assertTrue('o_wb_ok' in tile or 'o_wb_bad' in tile, tile)
        self.shot('reports_wallboard.png')
        # a new request: the page redraws by itself (refresh every 10 s)
        self.driver.execute_script("window.__marker = 'same page';")
        with self.server_cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            ticket = env['hotline.ticket'].create({
                'title': '大屏刷新测试', 'content': '测试', 'contact_name': '测试',
                'contact_phone': '13800138000', 'ticket_type': 'consult'})
            ticket.action_submit()
            cr.commit()  # a test cursor's commit is a savepoint the next request keeps
        self.wait_for(
            lambda: self.driver.find_element(By.ID, 'wb_tickets').text == str(int(tickets) + 1),
            'the wallboard redrawn with %d requests (it showed %s)' % (int(tickets) + 1, tickets),
            timeout=30)
        self.assertEqual(self.driver.execute_script('return window.__marker;'), 'same page')

    def test_call_analysis_pivot(self):
        """ST-2, ST-5: the team leader opens 话务分析: a pivot with Chinese measures (接通率,
        15秒服务水平) and the demo day's calls; the pivot offers its download button.
        Screenshot: reports_call_pivot.png."""
        self.login('leader')
        action = self.env.ref('hotline_reports.hotline_call_report_action')
        self.driver.get('%s/web#action=%s&view_type=pivot' % (self.base, action.id))
        table = self.wait_css('.o_pivot table', visible=False)
        self.wait_for(
            lambda: '接通率' in self.driver.find_element(By.CSS_SELECTOR, '.o_pivot table').text,
            'the pivot with its measure 接通率')
        text = table.text
        for label in ('呼入数', '接通率(%)', '15秒服务水平(%)', '平均等待(秒)'):
            self.assertIn(label, text)
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, '.o_pivot_download'))
        self.shot('reports_call_pivot.png')

    def test_assessment_results_list(self):
        """KP-3, KP-4: the office leader opens 考核结果: the demo assessment of this month and
        the last, grouped by scheme and period, with scores, ranks and the three rates in
        Chinese. Screenshot: reports_kpi_results.png."""
        self.login('office_leader')
        action = self.env.ref('hotline_reports.hotline_kpi_result_action')
        self.driver.get('%s/web#action=%s&view_type=list' % (self.base, action.id))
        self.wait_css('.o_list_view .o_group_header', visible=False)
        text = self.driver.find_element(By.CSS_SELECTOR, '.o_list_view').text
        for label in ('接诉即办三率', '承办单位考核', '受理中心考核'):
            self.assertIn(label, text)
        # open the first scheme and its first period
        self.driver.find_elements(By.CSS_SELECTOR, '.o_group_header')[0].click()
        self.wait_for(lambda: len(self.driver.find_elements(
            By.CSS_SELECTOR, '.o_list_view .o_group_header')) > 3, "the scheme's periods")
        self.driver.find_elements(By.CSS_SELECTOR, '.o_group_header')[1].click()
        self.wait_css('.o_list_view .o_data_row', visible=False)
        header = self.driver.find_element(By.CSS_SELECTOR, '.o_list_view thead').text
        for label in ('排名', '得分', '办件量', '满意率(%)', '按时办结率(%)'):
            self.assertIn(label, header)
        self.shot('reports_kpi_results.png')
