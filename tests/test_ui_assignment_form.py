"""Issue 16, UN-2, FL-3: the unit's assignment form shows what the citizen asked, and the
process diagram names who acted at each step, in the real web client.

Set-up (on the server's cursor, not part of the journey): the dispatcher (张伟) dispatches
the demo noise complaint to 东城区. Journey: 陈静 (unit_handler) logs in, opens 本单位诉求 ›
待签收, opens the request, reads the content, address and contact, signs (签收); then 张伟
logs in, opens the request and reads the diagram: 单位签收 names 陈静, not 张伟.
Screenshots: $HOTLINE_SHOTS/assignment_form.png, process_diagram.png.
"""
import unittest

import browser  # tests/browser.py
import desk_ui  # tests/desk_ui.py

from odoo import api

try:
    from selenium.common.exceptions import (
        ElementClickInterceptedException,
        StaleElementReferenceException,
    )
    from selenium.webdriver.common.by import By
except ImportError:  # pragma: no cover
    By = None
    StaleElementReferenceException = ElementClickInterceptedException = Exception

CONTENT = '建设路12号附近工地每天晚上11点后仍在施工'


@unittest.skipUnless(browser.AVAILABLE, 'needs selenium, chromium and chromium-driver')
class TestUiAssignmentForm(desk_ui.DeskCase):

    def _dispatch_noise(self):
        ticket = self.env.ref('hotline_core.t_noise')
        dongcheng = self.env.ref('hotline_core.unit_district_dongcheng')
        with self.server_cursor() as cr:
            env = api.Environment(cr, self.env.ref('hotline_core.user_dispatcher').id,
                                  {'lang': 'zh_CN'})
            record = env['hotline.ticket'].browse(ticket.id)
            record.write({'address': '建设路12号工地东门', 'urgent': False})
            if record.state == 'draft':
                record.action_submit()
            record.action_dispatch(dongcheng.id, opinion='请东城区核查夜间施工许可。')
            return record.name, record.contact_name

    def _open_row(self, number):
        row = self.wait_for(lambda: [r for r in self.visible('.o_list_view tr.o_data_row')
                                     if number in r.text], 'no row %s in the list' % number)
        row[0].click()
        self.wait_css('.o_form_view')
        self.wait_idle()

    def test_handler_signs_knowing_the_request_and_diagram_names_him(self):
        """UN-2, FL-3, issue 16: the handler's assignment form shows the request's content,
        incident address and contact (it showed none: the handler signed blind); after he
        signs, the dispatcher's diagram names the handler at 单位签收 (it named the
        dispatcher, who only handed the request over)."""
        number, contact = self._dispatch_noise()
        self.login('unit_handler')
        self.open_app('12345热线')
        self.click_menu_id(self.env.ref(
            'hotline_dispatch.hotline_ticket_assignment_menu_to_sign').id)
        self._open_row(number)
        text = self.wait_css('.o_form_view .o_form_sheet').text
        self.shot('assignment_form.png')
        self.assertIn(CONTENT, text)
        self.assertIn('建设路12号工地东门', text)
        self.assertIn(contact, text)
        for label in ('市民诉求', '事发详细地址', '联系人', '联系电话'):
            self.assertIn(label, text)
        self.button('签收', '.o_form_statusbar button')
        self.assert_no_error('signing')
        self.wait_for(lambda: '签收' not in self.texts('.o_form_statusbar button'),
                      'the sign button stayed')

        self.driver.delete_all_cookies()
        self.login('dispatcher')
        self.open_app('12345热线')
        self.click_menu('诉求', '全部诉求')
        for _attempt in range(3):  # the search view may re-render under the cursor
            try:
                search = self.wait_css('.o_searchview_input')
                search.send_keys(number)
                search.send_keys(desk_ui.Keys.ENTER)
                break
            except StaleElementReferenceException:
                self.wait_idle()
        self.wait_idle()
        self._open_row(number)
        # the form may still be laid out (the header above it grows): the tab is found and
        # clicked again until the click reaches it
        self.wait_for(lambda: self._click_tab('办理轨迹'), 'the trail tab could not be clicked')
        diagram = self.wait_css('.o_hotline_process')
        self.driver.execute_script('arguments[0].scrollIntoView({block: "center"});', diagram)
        self.shot('process_diagram.png')
        boxes = {b.text.split('\n')[0]: b.text for b in diagram.find_elements(
            By.CSS_SELECTOR, '.o_hotline_step')}
        self.assertIn('陈静', boxes['单位签收'])
        self.assertNotIn('张伟', boxes['单位签收'])
        self.assertIn('张伟', boxes['热线办审阅'])

    def _click_tab(self, label):
        tabs = [a for a in self.visible('.o_notebook .nav-tabs a') if a.text.strip() == label]
        if not tabs:
            return False
        try:
            tabs[0].click()
        except (ElementClickInterceptedException, StaleElementReferenceException):
            self.wait_idle()
            return False
        return True
