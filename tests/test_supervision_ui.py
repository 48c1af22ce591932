"""SV-3, NF-1, NF-2: the supervisor sees the warnings and cards colour-coded in the real web
client, in Chinese, and the red-card banner on the request; a unit of another district sees
none of them.

Drives Debian's headless Chromium through Selenium against the test server. The cards are
issued by the real scan on a demo request dispatched with a past deadline, inside the live
server's transaction (rolled back at the end). Screenshots: .local/screenshots/supervision_*.png.
"""
import unittest

import browser  # tests/browser.py
import live  # tests/live.py

from odoo import SUPERUSER_ID, api

try:
    from selenium.webdriver.common.by import By
except ImportError:  # pragma: no cover
    By = None


@unittest.skipUnless(browser.AVAILABLE, 'needs selenium, chromium and chromium-driver')
class TestSupervisionUi(browser.BrowserCase, live.LiveServerCase):

    def setUp(self):
        super().setUp()
        self.start_browser()
        with self.server_cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            ticket = env.ref('hotline_core.t_noise')
            # Beijing time: due at the end of Mon 2 Mar 2026, dispatched Thu 26 Feb
            ticket.action_dispatch(env.ref('hotline_core.unit_district_dongcheng').id,
                                   opinion='请东城区核查施工噪音。',
                                   deadline='2026-03-02 15:59:59')
            cr.execute('UPDATE hotline_ticket_assignment SET create_date = %s '
                       'WHERE ticket_id = %s', ['2026-02-26 02:00:00', ticket.id])
            Card = env['hotline.supervision.card']
            Card._scan(now='2026-03-03 01:00:00')   # yellow, Tue 3 Mar 9:00
            Card._scan(now='2026-03-05 01:00:00')   # red, Thu 5 Mar 9:00
            self.ticket_id = ticket.id
            self.ticket_name = ticket.name
            self.action_id = env.ref('hotline_supervision.hotline_supervision_card_action').id

    def _cards_page(self):
        # a query string of its own: a full page load, not only a hash change
        self.driver.get('%s/web?cards=1#action=%d&view_type=list' % (self.base, self.action_id))
        self.wait_css('.o_list_view', visible=False)
        self.wait_idle()

    def _rows(self):
        rows = {}
        for row in self.driver.find_elements(By.CSS_SELECTOR, '.o_list_view tbody tr.o_data_row'):
            if self.ticket_name in row.text:
                for level in ('红牌', '黄牌', '预警', '延时提示'):
                    if level in row.text:
                        rows[level] = row.get_attribute('class')
        return rows

    def test_supervisor_sees_coloured_cards_and_banner(self):
        """SV-3, NF-1: 督办监察 › 预警与红黄牌 lists the request's red card in red and its
        yellow card in amber, in Chinese; the request form shows the red-card banner and
        the 红黄牌 tab."""
        self.login('supervisor')
        self._cards_page()
        self.wait_text(self.ticket_name)
        self.assertIn('预警与红黄牌', self.page_text())
        rows = self._rows()
        self.assertIn('text-danger', rows.get('红牌', ''))
        self.assertIn('text-warning', rows.get('黄牌', ''))
        self.shot('supervision_cards.png')
        self.driver.get('%s/web?ticket=1#id=%d&model=hotline.ticket&view_type=form' % (
            self.base, self.ticket_id))
        banner = self.wait_css('.o_form_view .alert-danger:not(.o_invisible_modifier)',
                               visible=False)
        self.wait_text('红牌：本诉求单已超期三个工作日以上')
        self.assertIn('红牌', banner.text)
        self.wait_text('红黄牌')
        self.shot('supervision_ticket.png')

    def test_other_district_sees_none_of_the_cards(self):
        """NF-2, SV-3: 西城区's handler opens the cards list and does not see 东城区's cards."""
        self.login('xicheng_handler')
        self._cards_page()
        # the list has shown what the handler may see: its rows, or none
        self.wait_css('.o_list_view tbody', visible=False)
        self.wait_idle()
        self.assertNotIn(self.ticket_name, self.page_text())
