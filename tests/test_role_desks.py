"""Issue #16, UN-5, AG-3, NF-1: every role lands on its own desk (我的工作台) after /web/login,
and the desk leads to that role's day's work in one click.

Each test logs in at /web/login in headless Chromium as the demo login of a role, checks the
page it lands on (the desk, with the role's own cards and none of another role's), screenshots
it (.local/screenshots/desk-<login>.png, and $HOTLINE_SHOTS), then clicks a card as the person
would and checks the screen that opens: the list of that queue under the queue's own name
(待签收, not 全部派单记录), or, for the agent, the request form prefilled from the seat's last
call.
"""
import unittest

import browser  # tests/browser.py

import odoo
from odoo.tests.common import get_db_name

try:
    from selenium.webdriver.common.by import By
except ImportError:  # pragma: no cover
    pass
import live  # tests/live.py

AGENT_CARDS = ['按本次来电新建诉求', '我的草稿', '我今日登记', '待回访']
OFFICE_CARDS = ['待派单', '待审核', '待回访', '待审批延期申请', '特别督办', '不予受理待确认',
                '待领导批示']
UNIT_CARDS = ['待签收', '办理中', '超期', '退回本单位', '特别督办']
SUPERVISOR_CARDS = ['超期诉求', '未结黄牌红牌', '未结预警', '特别督办']
KB_CARDS = ['待审核知识', '我的知识草稿', '已过期或未生效的知识']
# login → (cards that must show, cards that must not, the card to click)
DESKS = {
    'agent': (AGENT_CARDS, ['待派单', '待签收', '待审核知识'], '我的草稿'),
    'leader': (AGENT_CARDS + ['正在通话的坐席'], ['待派单', '待签收'], '正在通话的坐席'),
    'dispatcher': (OFFICE_CARDS, ['按本次来电新建诉求', '待签收', '待我批示'], '待派单'),
    'office_leader': (OFFICE_CARDS + ['待我批示'], ['待签收'], '待我批示'),
    'unit_handler': (UNIT_CARDS, ['待派单', '本单位延期申请', '待回访'], '待签收'),
    'unit_manager': (UNIT_CARDS + ['本单位延期申请'], ['待派单'], '本单位延期申请'),
    'street_handler': (UNIT_CARDS, ['待派单'], '办理中'),
    'community_handler': (UNIT_CARDS, ['待派单'], '超期'),
    'xicheng_handler': (UNIT_CARDS, ['待派单'], '退回本单位'),
    'supervisor': (SUPERVISOR_CARDS, ['待派单', '按本次来电新建诉求'], '超期诉求'),
    'kb_admin': (KB_CARDS, ['待派单', '待签收', '待回访'], '待审核知识'),
}
DESK_TITLE = '我的工作台'
CALLER = '13912345678'


@unittest.skipUnless(browser.AVAILABLE, 'needs selenium, chromium and chromium-driver')
class TestRoleDesks(live.LiveServerCase):

    def setUp(self):
        super().setUp()
        self.base = 'http://127.0.0.1:%s' % odoo.tools.config['http_port']

    def _land(self, login):
        """Log in as ``login``; the page the role lands on, screenshotted."""
        session = browser.Session(self, self.base, get_db_name())
        session.login(login)
        session.shot('desk-%s.png' % login)
        session.wait_text(DESK_TITLE, selector='.o_control_panel .breadcrumb')
        session.wait_css('.o_kanban_view .o_kanban_record')
        session.wait_idle()
        session.shot('desk-%s.png' % login)
        return session

    def _check_desk(self, login):
        must, must_not, click = DESKS[login]
        session = self._land(login)
        cards = [c.text for c in session.driver.find_elements(
            By.CSS_SELECTOR, '.o_kanban_view .o_kanban_record .o_hotline_desk_name')]
        missing = [name for name in must if name not in cards]
        self.assertFalse(missing, '%s: cards missing from the desk %s' % (login, cards))
        foreign = [name for name in must_not if name in cards]
        self.assertFalse(foreign, '%s: other roles\' cards on the desk' % login)
        # one click to the day's work: the queue's list, under the queue's own name
        session.click_text(click, '.o_kanban_record a.o_hotline_desk_open')
        session.wait_css('.o_list_view, .oe_view_nocontent, .o_kanban_view:not(.o_hotline_desk)',
                         visible=False)
        session.wait_idle()
        self.assertEqual(session.breadcrumb()[-1], click)
        for empty in session.driver.find_elements(By.CSS_SELECTOR, '.oe_view_nocontent'):
            self.assertIn('此队列中没有等待处理的工作', empty.text)
        session.shot('desk-%s-queue.png' % login)
        # back to the desk by its breadcrumb
        session.click_text(DESK_TITLE, '.o_control_panel .breadcrumb a', exact=True)
        session.wait_css('.o_kanban_view.o_hotline_desk')
        return session

    def test_agent_desk_new_request_from_this_call(self):
        """Issue #16, AG-3: the agent lands on the desk; its first card starts a request from
        the seat's last call, prefilled with the caller's number (the call is set up in the
        database as the PBX bridge would record it)."""
        with self.server_cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            seat = env['hotline.cti.agent'].search(
                [('user_id', '=', env.ref('hotline_core.user_agent').id)], limit=1)
            self.assertTrue(seat, 'the demo agent has no CTI seat')
            env['hotline.cti.call'].create({
                'uniqueid': 'desk-test-%s' % seat.id, 'direction': 'inbound',
                'caller_number': CALLER, 'agent_id': seat.id, 'state': 'done',
                'enter_date': odoo.fields.Datetime.now(),
                'answer_date': odoo.fields.Datetime.now()})
        session = self._check_desk('agent')
        session.wait_text('上一通来电 %s' % CALLER, selector='.o_hotline_desk_note')
        session.click_text('按本次来电新建诉求', '.o_kanban_record a.o_hotline_desk_open')
        field = session.wait_css('.o_form_view .o_field_widget[name="caller_number"]')
        session.wait_for(lambda: CALLER in (field.get_attribute('value') or field.text or ''),
                         'the caller number prefilled')
        session.wait_text('新建', selector='.o_control_panel .breadcrumb')
        session.shot('desk-agent-new-from-call.png')

    def test_team_leader_desk(self):
        """Issue #16: the team leader's desk: the agent's cards and the seats on a call."""
        self._check_desk('leader')

    def test_dispatcher_desk(self):
        """Issue #16, DS-1: the dispatcher's desk says 待派单 (not 待审阅) and opens it; the
        list's registration times read 2026-12-07 09:14 on one line (no seconds, no wrap)."""
        session = self._check_desk('dispatcher')
        session.click_text('待派单', '.o_kanban_record a.o_hotline_desk_open')
        session.wait_css('.o_list_view tbody tr.o_data_row')
        cells = session.driver.find_elements(By.CSS_SELECTOR, '.o_list_view td.o_hotline_date_cell')
        texts = [c.text for c in cells if c.text.strip()]
        self.assertTrue(texts, 'no date cell in the list')
        for cell, text in zip(cells, texts):
            self.assertRegex(text, r'^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$')
        self.assertEqual(cells[0].value_of_css_property('white-space'), 'nowrap')

    def test_office_leader_desk(self):
        """Issue #16, DS-3: the office leader's desk: the office's cards and 待我批示."""
        self._check_desk('office_leader')

    def test_unit_desks_at_every_level(self):
        """Issue #16, UN-5: the unit handlers' and manager's desks at district, street and
        community level; 待签收 opens a list titled 待签收, not 全部派单记录."""
        for login in ('unit_handler', 'unit_manager', 'street_handler', 'community_handler',
                      'xicheng_handler'):
            with self.subTest(login=login):
                self._check_desk(login)

    def test_supervisor_desk(self):
        """Issue #16, SV-3: the supervisor's desk: overdue requests, cards and warnings."""
        self._check_desk('supervisor')

    def test_kb_admin_desk(self):
        """Issue #16, KB-3: the KB admin's desk: the knowledge to approve."""
        self._check_desk('kb_admin')
