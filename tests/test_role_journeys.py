"""Issue #16, DS-1, DS-2, UN-2, UN-3, AG-3, NF-1: the roles' day through the real web client.

Each step is a person at headless Chromium (tests/browser.py's Session): log in at
/web/login, land on the desk, click a card, a row, a button, fill the wizard and confirm, and
check what the screen then says. Only the data set-up (the call on the agent's seat) goes
through the ORM. Screenshots: .local/screenshots/journey-*.png (and $HOTLINE_SHOTS).

The loop here: the agent registers a complaint from the seat's last call and submits it; the
dispatcher dispatches it from 待派单 to 东城区 with 市生态环境局 as co-unit; the district's
handler signs for it and forwards it down to 和平街道; the street's handler signs for it and
returns it with a reason; the district sees it back under 退回本单位.
"""
import time
import unittest

import browser  # tests/browser.py
import live  # tests/live.py

import odoo
from odoo.tests.common import get_db_name

try:
    from selenium.webdriver.common.by import By
except ImportError:  # pragma: no cover
    pass

CALLER = '13812345099'


@unittest.skipUnless(browser.AVAILABLE, 'needs selenium, chromium and chromium-driver')
class TestRoleJourneys(live.LiveServerCase):

    def setUp(self):
        super().setUp()
        self.base = 'http://127.0.0.1:%s' % odoo.tools.config['http_port']

    def _person(self, login):
        session = browser.Session(self, self.base, get_db_name())
        session.login(login)
        session.wait_text('我的工作台', selector='.o_control_panel .breadcrumb')
        return session

    def test_dispatch_forward_down_and_return_with_a_reason(self):
        """Issue #16, AG-3, DS-1, DS-2, UN-2, UN-3: agent → dispatcher → district → street,
        each through desk, list, form and wizard; at each step the form shows the new state
        and the next person finds the request on their own desk."""
        title = '旅程测试：夜间施工噪音扰民 %d' % int(time.time())
        with self.server_cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            seat = env['hotline.cti.agent'].search(
                [('user_id', '=', env.ref('hotline_core.user_agent').id)], limit=1)
            env['hotline.cti.call'].create({
                'uniqueid': 'journey-%d' % int(time.time()), 'direction': 'inbound',
                'caller_number': CALLER, 'agent_id': seat.id, 'state': 'done',
                'enter_date': odoo.fields.Datetime.now(),
                'answer_date': odoo.fields.Datetime.now()})

        # the agent: the call's card, the form prefilled, saved and submitted
        agent = self._person('agent')
        agent.open_card('按本次来电新建诉求', title='新建')
        caller = agent.wait_css('.o_form_view .o_field_widget[name="caller_number"]')
        self.assertIn(CALLER, caller.get_attribute('value') or caller.text)
        agent.type('title', title)
        agent.type('contact_name', '旅程测试市民')
        agent.type('content', '建设路工地每天晚上十一点后仍在施工，噪音很大。')
        agent.shot('journey-1-agent-form.png')
        agent.click_text('保存', '.o_form_buttons_edit button', exact=True)
        agent.wait_css('.o_form_view.o_form_readonly')
        agent.button('提交热线办')
        agent.status('已提交热线办')
        agent.shot('journey-1-agent-submitted.png')

        # the dispatcher: 待派单 → the request → 派单 to 东城区 with 市生态环境局 as co-unit
        dispatcher = self._person('dispatcher')
        dispatcher.open_card('待派单')
        dispatcher.open_row(title)
        dispatcher.button('派单')
        dispatcher.wait_css('.modal-dialog .o_form_view')
        dispatcher.pick('main_unit_id', '东城区人民政府', scope='.modal-dialog')
        dispatcher.pick('co_unit_ids', '市生态环境局', scope='.modal-dialog')
        dispatcher.type('opinion', '请东城区牵头核查，市生态环境局协办。', scope='.modal-dialog')
        dispatcher.shot('journey-2-dispatch-wizard.png')
        dispatcher.wizard_confirm()
        dispatcher.status('已派单待签收')
        dispatcher.shot('journey-2-dispatched.png')

        # the district's handler: 待签收 → 签收 → 向下转派 to 和平街道
        district = self._person('unit_handler')
        district.open_card('待签收')
        district.open_row(title)
        district.button('签收')
        district.status('办理中')
        district.button('向下转派')
        district.wait_css('.modal-dialog .o_form_view')
        district.pick('main_unit_id', '和平街道办事处', scope='.modal-dialog')
        district.type('opinion', '请和平街道现场核查。', scope='.modal-dialog')
        district.wizard_confirm()
        district.status('已向下转派')
        district.shot('journey-3-forwarded.png')

        # the street's handler: 待签收 → 签收 → 退单 with a reason
        street = self._person('street_handler')
        street.open_card('待签收')
        street.open_row(title)
        street.button('签收')
        street.status('办理中')
        street.button('退单')
        street.wait_css('.modal-dialog .o_form_view')
        street.pick('reason_id', '事发地点不在本辖区', scope='.modal-dialog')
        street.type('opinion', '工地位于建设街道辖区。', scope='.modal-dialog')
        street.wizard_confirm()
        street.status('已退回')
        street.shot('journey-4-returned.png')

        # back at the district: the request waits under its own 待签收/办理中 again, and the
        # street's return and its reason are on the request's trail
        rows = self.server_query(
            """SELECT a.state, u.name AS unit, r.name AS reason
                 FROM hotline_ticket_assignment a
                 JOIN hotline_ticket t ON t.id = a.ticket_id
                 JOIN hotline_unit u ON u.id = a.unit_id
            LEFT JOIN hotline_return_reason r ON r.id = a.return_reason_id
                WHERE t.title = %s ORDER BY a.id""", [title])
        by_unit = {r['unit']: r for r in rows}
        self.assertEqual(by_unit['和平街道办事处']['state'], 'returned')
        self.assertEqual(by_unit['和平街道办事处']['reason'], '事发地点不在本辖区')
        self.assertIn('市生态环境局', by_unit)
        self.assertIn(by_unit['东城区人民政府']['state'], ('in_progress', 'forwarded'))

    def test_office_leader_assessment_reports_and_wallboard(self):
        """Issue #16, ST-4, MO-3: the office leader opens 考核 › 考核结果 from the menu: the
        headers fit on at most two lines and the group rows show no rank; the pivot and the
        graph of the results open from the view switcher; 统计分析 › 办件分析 opens its pivot;
        统计分析 › 监控大屏 opens the wallboard in a new tab with today's figures."""
        leader = self._person('office_leader')
        leader.menu('考核', '考核结果')
        leader.wait_text('考核结果', selector='.o_control_panel .breadcrumb')
        leader.wait_css('.o_list_view .o_group_header')
        leader.wait_idle()
        leader.shot('journey-kpi-results.png')
        driver = leader.driver
        heads = driver.find_elements(By.CSS_SELECTOR, '.o_list_view thead th')
        labels = [h.text for h in heads if h.text.strip()]
        line = max(h.value_of_css_property('line-height') for h in heads)
        line = float(line.replace('px', '')) if line.endswith('px') else 20.0
        tall = [h.text for h in heads if h.text.strip() and h.size['height'] > 2 * line + 20]
        self.assertFalse(tall, 'headers wrapping on more than two lines: %s' % tall)
        self.assertIn('排名', labels)
        rank_col = [h.text.strip() for h in heads].index('排名')
        group = driver.find_elements(By.CSS_SELECTOR, '.o_list_view tr.o_group_header')[0]
        covered, at = None, 0
        for cell in group.find_elements(By.CSS_SELECTOR, 'th, td'):
            span = int(cell.get_attribute('colspan') or 1)
            if at <= rank_col < at + span:
                covered = cell
                break
            at += span
        if covered is not None and 'o_group_name' not in (covered.get_attribute('class') or ''):
            self.assertEqual(covered.text.strip(), '', 'a group row shows a rank')
        leader.wait_css('.o_control_panel .o_cp_switch_pivot').click()
        leader.wait_css('.o_pivot table')
        leader.wait_idle()
        leader.wait_css('.o_control_panel .o_cp_switch_graph').click()
        leader.wait_css('.o_graph_svg_container svg, .o_graph canvas, .o_graph svg', visible=False)
        leader.wait_idle()
        leader.shot('journey-kpi-graph.png')

        leader.menu('统计分析', '办件分析')
        leader.wait_text('办件分析', selector='.o_control_panel .breadcrumb')
        leader.wait_css('.o_pivot table, .o_graph, .o_list_view', visible=False)
        leader.wait_idle()
        leader.shot('journey-request-analysis.png')

        main = driver.current_window_handle
        leader.menu('统计分析', '监控大屏')
        leader.wait_for(lambda: len(driver.window_handles) > 1, 'the wallboard tab opening')
        driver.switch_to.window([h for h in driver.window_handles if h != main][0])
        leader.wait_css('body[data-updated]', visible=False)
        leader.wait_text('今日受理')
        leader.shot('journey-wallboard.png')
