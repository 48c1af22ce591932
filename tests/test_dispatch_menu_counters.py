"""Issue #3 (each role's desk, with counters in the menu), UN-5: a unit handler sees, in the
real web client, how many of the unit's requests wait to be signed for next to the menu
entry 待签收; a request dispatched to the unit raises the counter.

Headless Chromium against the test process's HTTP server; the browser's requests use
``registry.test_cr`` (see tests/live.py), so the request is dispatched on that cursor.
"""
import unittest

import browser  # tests/browser.py
import live  # tests/live.py

from odoo import api

try:
    from selenium.webdriver.common.by import By
except ImportError:  # pragma: no cover
    By = None


@unittest.skipUnless(browser.AVAILABLE, 'needs selenium, chromium and chromium-driver')
class TestDispatchMenuCounters(browser.BrowserCase, live.LiveServerCase):

    def setUp(self):
        super().setUp()
        self.start_browser()

    def _server_env(self, cr, xmlid):
        return api.Environment(cr, self.env.ref(xmlid).id, {'lang': 'zh_CN'})

    def test_unit_handler_sees_to_sign_counter_in_the_menu(self):
        """Issue #3, UN-5: the 待签收 menu entry of 东城区's handler carries the number of
        the unit's requests to sign for, counted for that user; one more dispatch → +1."""
        ticket = self.env.ref('hotline_core.t_noise')
        dongcheng = self.env.ref('hotline_core.unit_district_dongcheng')
        menu = self.env.ref('hotline_dispatch.hotline_ticket_assignment_menu_to_sign')
        with self.server_cursor() as cr:
            handler_env = self._server_env(cr, 'hotline_core.user_unit_handler')
            before = handler_env['hotline.desk.queue'].hotline_menu_counts().get(menu.id, [0])[0]
            office_env = self._server_env(cr, 'hotline_core.user_dispatcher')
            office_env['hotline.ticket'].browse(ticket.id).action_dispatch(
                dongcheng.id, opinion='请东城区处理。')
            handler_env.clear()
            after = handler_env['hotline.desk.queue'].hotline_menu_counts()[menu.id][0]
        self.assertEqual(after, before + 1)
        self.login('unit_handler')
        root = self.env.ref('hotline_core.hotline_menu_root')
        self.driver.get('%s/web#menu_id=%d' % (self.base, root.id))
        badge = self.wait_css('a[data-menu="%d"] .o_hotline_menu_counter' % menu.id,
                              visible=False)
        self.wait_for(lambda: badge.get_attribute('textContent') == str(after),
                      'the counter %s beside 待签收' % after)
        self.assertIn('o_hotline_menu_counter_warning', badge.get_attribute('class'))
        link = self.driver.find_element(By.CSS_SELECTOR, 'a[data-menu="%d"]' % menu.id)
        self.assertIn('待签收', link.get_attribute('textContent'))
        # open the drop-down of 本单位诉求: the counter shows beside 待签收
        toggle = [a for a in self.driver.find_elements(By.CSS_SELECTOR, 'a.dropdown-toggle')
                  if '本单位诉求' in a.text][0]
        toggle.click()
        self.wait_for(badge.is_displayed, 'the counter showing in the drop-down')
        self.wait_fonts()
        self.shot('dispatch_menu_counters.png')
