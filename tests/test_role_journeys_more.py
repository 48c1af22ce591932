"""Issue #16: the paths of the loop and the roles tests/test_role_journeys.py does not walk,
through the real web client: co-unit opinion (协办), extension (延期) requested and approved,
audit failed and redone (审核不通过), callback unsatisfied (回访不满意), special supervision
(特别督办) and the yellow/red cards, not accepted (不予受理), forwarding down to street and
community and back up, and the team leader's and the KB admin's day.

Each journey is a person at headless Chromium (tests/browser.py's Session): log in at
/web/login, land on 我的工作台, click a card, a row, a button, fill the wizard and confirm,
and read what the screen then says — the state in the status bar, the trail (办理轨迹)
naming who did it, the request waiting in the next person's queue. Only the set-up (bringing
a request to the step a journey starts from) goes through the ORM, as the same users.
Screenshots: .local/screenshots/more-*.png (and $HOTLINE_SHOTS).
"""
import datetime
import time
import unittest

import browser  # tests/browser.py
import live  # tests/live.py

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tests.common import get_db_name

try:
    from selenium.webdriver.common.by import By
except ImportError:  # pragma: no cover
    By = None

LOGINS = ('agent', 'leader', 'dispatcher', 'unit_handler', 'unit_manager', 'street_handler',
          'community_handler', 'env_handler', 'supervisor', 'kb_admin')
CTX = {'lang': 'zh_CN', 'tz': 'Asia/Shanghai'}
MODAL = '.modal-dialog'
DEADLINE = '.o_form_view .o_field_widget[name="date_deadline"]'


# ---------------------------------------------------------------- set-up steps (ORM)
# each takes ``t`` (login → the request as that user) and ``u`` (unit code → id)
def dispatched(t, u):
    t('dispatcher').action_dispatch(u['QC-DC'], opinion='请东城区核查处理。')


def signed(t, u):
    t('unit_handler').action_sign()


def reported(t, u):
    t('unit_handler').action_complete('已到现场核查，问题已处理。')


def audited(t, u):
    t('dispatcher').action_audit(True, opinion='办理结果属实。')


def unsatisfied_once(t, u):
    t('agent').action_callback(False, opinion='市民反映问题仍未解决。')
    t('dispatcher').action_rehandle(opinion='请重新办理。')


TO_CALLBACK = (dispatched, signed, reported, audited)


class _Cleanups(list):
    """What browser.start_chromium asks of a test case, for a browser kept by the class."""

    def addCleanup(self, function, *args, **kwargs):
        self.append((function, args, kwargs))

    def run(self):
        while self:
            function, args, kwargs = self.pop()
            function(*args, **kwargs)


@unittest.skipUnless(browser.AVAILABLE, 'needs selenium, chromium and chromium-driver')
class TestRoleJourneysMore(live.LiveServerCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # one Chromium for the class, its cache holding the web client's assets, and these
        # compiled once for the whole run, not once a test (browser.warm_assets)
        cls._cleanups_of_class = _Cleanups()
        cls.driver = browser.start_chromium(cls._cleanups_of_class)
        browser.warm_assets(cls.driver, 'http://127.0.0.1:%s' % odoo.tools.config['http_port'],
                            get_db_name())

    @classmethod
    def tearDownClass(cls):
        cls._cleanups_of_class.run()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.base = 'http://127.0.0.1:%s' % odoo.tools.config['http_port']
        # leave the web client (and its long polling) before the next test's set-up
        self.addCleanup(self.driver.get, 'about:blank')
        self.title = '旅程%s：%d' % (self.id().rsplit('_', 1)[-1], int(time.time() * 1000))

    # ------------------------------------------------------------------ set-up
    def _prepare(self, steps=(), submit=True):
        """A request of a citizen of 朝阳社区 registered by the agent (submitted unless told
        otherwise), taken through ``steps``; returns its number."""
        with self.server_cursor() as cr:
            root = api.Environment(cr, SUPERUSER_ID, dict(CTX))
            users = {u.login: u.id for u in root['res.users'].search([('login', 'in', LOGINS)])}
            units = {u.code: u.id for u in root['hotline.unit'].search([('code', '!=', False)])}
            location = root['hotline.location'].search([('code', '=', 'L-DC-HP-CY')], limit=1)
            agent = api.Environment(cr, users['agent'], dict(CTX))['hotline.ticket']
            ticket_id = agent.hotline_register({
                'title': self.title, 'ticket_type': 'complaint', 'channel': 'phone',
                'content': '朝阳社区5号楼下水道堵塞一周，污水外溢。',
                'contact_name': '旅程测试市民', 'contact_phone': '13812346601',
                'location_id': location.id}, submit=submit)['id']

            def as_user(login):
                return api.Environment(cr, users[login], dict(CTX))['hotline.ticket'].browse(
                    ticket_id)
            for step in steps:
                step(as_user, units)
            return root['hotline.ticket'].browse(ticket_id).name

    def _person(self, login):
        session = browser.Session(self, self.base, get_db_name(), driver=self.driver)
        session.login_desk(login)
        return session

    # ------------------------------------------------------------------ reading
    def _trail(self, session):
        """The rows of the request's trail (办理轨迹 tab of the request form on screen)."""
        session.click_text('办理轨迹', '.o_form_view .o_notebook .nav-tabs a', exact=True)
        selector = '.o_form_view .o_field_widget[name="step_ids"] tr.o_data_row'
        session.wait_css(selector)
        return [r.text for r in session.driver.find_elements(By.CSS_SELECTOR, selector)]

    def assertTrail(self, rows, *texts):
        """One row of the trail shows all of ``texts`` (the step, who, the opinion)."""
        self.assertTrue([r for r in rows if all(t in r for t in texts)],
                        'no trail row with %s in:\n%s' % (list(texts), '\n'.join(rows)))

    def _open_request(self, session):
        """From a unit's assignment form, open the request it belongs to (its link)."""
        session.click_text('', '.o_form_view a.o_field_widget[name="ticket_id"]')
        session.wait_css('.o_form_view .o_field_widget[name="step_ids"]', visible=False)
        session.wait_idle()

    def _tab(self, session, label):
        session.click_text(label, '.o_form_view .o_notebook .nav-tabs a', exact=True)

    def _card_count(self, session, card):
        for record in session.driver.find_elements(By.CSS_SELECTOR, '.o_kanban_record'):
            if card in record.text:
                return record.text
        return ''

    # ------------------------------------------------------------------ journeys
    def test_co_unit_gives_its_opinion_and_main_unit_reports(self):
        """Issue #16, UN-3, DS-1, TK-9: 市生态环境局's handler (郑洁) finds the request under
        待签收, signs and submits the co-unit opinion; the district's handler (陈静) sees it
        under 下级派单 as 已办结 with that opinion, then reports to the office; the trail
        names 郑洁 for the opinion and 陈静 for the report."""
        def with_co_unit(t, u):
            t('dispatcher').action_dispatch(u['QC-DC'], co_unit_ids=[u['QC-HBJ']],
                                            opinion='东城区牵头，市生态环境局协办。')
        self._prepare([with_co_unit, signed])
        co = self._person('env_handler')
        co.open_card('待签收')
        co.open_row(self.title)
        co.button('签收')
        co.status('办理中')
        co.button('办结反馈')
        co.wait_css(MODAL + ' .o_form_view')
        co.type('opinion', '经夜间监测，噪声超标，已责令整改。', scope=MODAL)
        co.wizard_confirm()
        co.status('已办结')
        co.shot('more-co-unit-opinion.png')

        main = co
        main.login_desk('unit_handler')
        main.open_card('办理中')
        main.open_row(self.title)
        self._tab(main, '下级派单')
        main.wait_text('市生态环境局', '已办结', selector='.o_field_widget[name="child_ids"]')
        main.button('办结反馈')
        main.type('opinion', '会同市生态环境局核查，工地已停止夜间施工。', scope=MODAL)
        main.wizard_confirm()
        main.status('已办结')
        self._open_request(main)
        main.status('已反馈待审核')
        rows = self._trail(main)
        main.shot('more-co-unit-trail.png')
        self.assertTrail(rows, '协办单位已提交意见', '郑洁', '噪声超标')
        self.assertTrail(rows, '已向热线办反馈办理结果', '陈静')

    def test_extension_requested_by_unit_and_approved_by_office(self):
        """Issue #16, UN-4: the district's handler asks for an extension (申请延期) with a
        reason and a date; the office (张伟) finds it under 待审批延期申请 and approves it;
        the unit's deadline moves to the date asked for, and the trail says so in the
        unit's and office's own time."""
        self._prepare([dispatched, signed])
        local = (datetime.date.today() + datetime.timedelta(days=90)).strftime('%Y-%m-%d')
        unit = self._person('unit_handler')
        unit.open_card('办理中')
        unit.open_row(self.title)
        unit.button('申请延期')
        unit.wait_css(MODAL + ' .o_form_view')
        unit.type('new_deadline', '%s 18:00' % local, scope=MODAL)
        unit.type('opinion', '需协调物业更换主管道，工期较长。', scope=MODAL)
        unit.wizard_confirm()
        self._tab(unit, '延期申请')
        unit.wait_text('待审批', selector='.o_field_widget[name="extension_ids"]')
        unit.shot('more-extension-requested.png')

        office = unit
        office.login_desk('dispatcher')
        office.open_card('待审批延期申请')
        office.open_row(self.title)
        self._tab(office, '延期申请')
        office.click_text('', '.o_field_widget[name="extension_ids"] button[title="批准"]')
        office.wait_text('已批准', selector='.o_field_widget[name="extension_ids"]')
        office.wait_text('%s 18:00' % local, selector=DEADLINE)
        office.shot('more-extension-approved.png')
        self._open_request(office)
        rows = self._trail(office)
        self.assertTrail(rows, '同意延期至 %s 18:00' % local, '张伟')
        self.assertTrail(rows, '申请延期至 %s 18:00' % local, '陈静', '更换主管道')

        unit = office
        unit.login_desk('unit_handler')
        unit.open_card('办理中')
        unit.open_row(self.title)
        unit.wait_text('%s 18:00' % local, selector=DEADLINE)

    def test_audit_fails_unit_handles_again_and_passes(self):
        """Issue #16, CB-1: the office (张伟) opens 待审核, fails the audit with a reason; the
        request is back under the district's 办理中; 陈静 reports again; the office passes
        it and it waits under 待回访; the trail names both and keeps the reason."""
        self._prepare([dispatched, signed, reported])
        office = self._person('dispatcher')
        office.open_card('待审核')
        office.open_row(self.title)
        office.button('审核不通过')
        office.wait_css(MODAL + ' .o_form_view')
        office.type('opinion', '未说明疏通后的检查结果，请补充。', scope=MODAL)
        office.wizard_confirm()
        office.status('办理中')
        office.shot('more-audit-failed.png')

        unit = office
        unit.login_desk('unit_handler')
        unit.open_card('办理中')
        unit.open_row(self.title)
        unit.status('办理中')
        unit.button('办结反馈')
        unit.type('opinion', '已疏通并经物业复查，排水正常。', scope=MODAL)
        unit.wizard_confirm()
        unit.status('已办结')

        office = unit
        office.login_desk('dispatcher')
        office.open_card('待审核')
        office.open_row(self.title)
        office.button('审核通过')
        office.wizard_confirm()
        office.status('待回访')
        rows = self._trail(office)
        office.shot('more-audit-passed.png')
        self.assertTrail(rows, '审核不通过，退回承办单位', '张伟', '请补充')
        self.assertTrail(rows, '已向热线办反馈办理结果', '陈静', '排水正常')
        self.assertTrail(rows, '审核通过', '张伟')
        office.click_text('我的工作台', '.o_control_panel .breadcrumb a', exact=True)
        office.open_card('待回访')
        office.wait_text(self.title, selector='.o_list_view')

    def test_callback_unsatisfied_goes_back_to_office_and_unit(self):
        """Issue #16, CB-2: the agent (王小燕) calls back from 待回访 and records the citizen
        as unsatisfied, with what is wrong; the office finds the request in its own queue
        市民不满意待重办 (there was none: only a filter of the full list) and sends it back;
        the district finds it under 办理中 again."""
        self._prepare(TO_CALLBACK)
        agent = self._person('agent')
        agent.open_card('待回访')
        agent.open_row(self.title)
        agent.button('市民不满意')
        agent.wait_css(MODAL + ' .o_form_view')
        agent.type('opinion', '市民说三天后又堵了。', scope=MODAL)
        agent.wizard_confirm()
        agent.status('市民不满意')
        agent.shot('more-callback-unsatisfied.png')

        office = agent
        office.login_desk('dispatcher')
        office.open_card('市民不满意待重办')
        office.open_row(self.title)
        office.button('重新办理')
        office.type('opinion', '请彻底疏通并回复市民。', scope=MODAL)
        office.wizard_confirm()
        office.status('办理中')
        rows = self._trail(office)
        self.assertTrail(rows, '回访：市民不满意', '王小燕', '又堵了')
        self.assertTrail(rows, '退回承办单位重新办理', '张伟', '彻底疏通')

        unit = office
        unit.login_desk('unit_handler')
        unit.open_card('办理中')
        unit.open_row(self.title)
        unit.status('办理中')
        unit.shot('more-callback-back-at-unit.png')

    def test_second_dissatisfaction_special_supervision_leader_opinion_first(self):
        """Issue #16, CB-3: the second unsatisfied callback puts the request under special
        supervision (特别督办): the red banner shows; the office finds it under 特别督办 and
        sends it back; the district's manager (赵强) gives the leader opinion (领导意见)
        the banner asks for, then completes; the trail names him."""
        self._prepare(TO_CALLBACK + (unsatisfied_once, reported, audited))
        agent = self._person('agent')
        agent.open_card('待回访')
        agent.open_row(self.title)
        agent.button('市民不满意')
        agent.type('opinion', '第二次回访，市民仍不满意。', scope=MODAL)
        agent.wizard_confirm()
        agent.status('市民不满意')
        agent.wait_text('特别督办', selector='.o_form_view .alert-danger')
        agent.shot('more-special-banner.png')

        office = agent
        office.login_desk('dispatcher')
        office.open_card('特别督办')
        office.open_row(self.title)
        office.button('重新办理')
        office.type('opinion', '特别督办，请单位领导阅处。', scope=MODAL)
        office.wizard_confirm()
        office.status('办理中')

        manager = office
        manager.login_desk('unit_manager')
        manager.open_card('办理中')
        manager.open_row(self.title)
        manager.wait_text('特别督办', selector='.o_form_view .alert-danger')
        manager.button('领导意见')
        manager.type('opinion', '区领导批示：彻底更换排污管道。', scope=MODAL)
        manager.wizard_confirm()
        manager.wait_text('彻底更换排污管道',
                          selector='.o_form_view .o_field_widget[name="leader_opinion"]')
        manager.button('办结反馈')
        manager.type('opinion', '已更换排污管道，市民认可。', scope=MODAL)
        manager.wizard_confirm()
        manager.status('已办结')
        self._open_request(manager)
        rows = self._trail(manager)
        manager.shot('more-special-leader-opinion.png')
        self.assertTrail(rows, '特别督办（第二次不满意）')
        self.assertTrail(rows, '单位领导意见', '赵强', '更换排污管道')
        self.assertTrail(rows, '已向热线办反馈办理结果', '赵强')

    def test_supervisor_follows_a_red_card_until_the_unit_handles_it(self):
        """Issue #16, SV-3, SV-5: an overdue request gets its yellow and red cards; the
        supervisor (周敏) finds it under 未结黄牌红牌, opens the card and the request (red
        banner, 红黄牌 tab); the district signs and reports; the card leaves the
        supervisor's queue of open cards."""
        def overdue(t, u):
            t('dispatcher').action_dispatch(u['QC-DC'], opinion='请东城区核查。',
                                            deadline='2026-03-02 15:59:59')
        self._prepare([overdue])
        with self.server_cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            cr.execute("""UPDATE hotline_ticket_assignment a SET create_date = %s
                            FROM hotline_ticket t WHERE t.id = a.ticket_id AND t.title = %s""",
                       ['2026-02-26 02:00:00', self.title])
            Card = env['hotline.supervision.card']
            Card._scan(now='2026-03-03 01:00:00')
            Card._scan(now='2026-03-05 01:00:00')
        supervisor = self._person('supervisor')
        supervisor.open_card('未结黄牌红牌')
        supervisor.wait_text(self.title, selector='.o_list_view')
        supervisor.click_text(self.title, '.o_list_view tbody tr.o_data_row.text-danger')
        supervisor.wait_text('红牌', self.title, selector='.o_form_view')
        supervisor.button('打开诉求单')
        supervisor.wait_text('红牌', selector='.o_form_view .alert-danger')
        self._tab(supervisor, '红黄牌')
        supervisor.wait_text('红牌', '黄牌', selector='.o_field_widget[name="card_ids"]')
        supervisor.shot('more-supervisor-red-card.png')

        unit = supervisor
        unit.login_desk('unit_handler')
        unit.open_card('超期')
        unit.open_row(self.title)
        unit.button('签收')
        unit.button('办结反馈')
        unit.type('opinion', '已疏通，超期原因已说明。', scope=MODAL)
        unit.wizard_confirm()
        unit.status('已办结')

        supervisor = unit
        supervisor.login_desk('supervisor')
        supervisor.open_card('未结黄牌红牌')
        supervisor.wait_css('.o_list_view, .oe_view_nocontent', visible=False)
        supervisor.wait_idle()
        supervisor.shot('more-supervisor-cards-after.png')
        self.assertNotIn(self.title, supervisor.page_text())

    def test_agent_proposes_not_accepted_and_office_confirms_with_reason(self):
        """Issue #16, TK-5: the agent (王小燕) opens her draft, proposes 不予受理 with a
        reason from the dictionary and details; the office (张伟) finds it under
        不予受理待确认 and confirms; the form shows 不予受理 with the reason, and the trail
        names both."""
        self._prepare(submit=False)
        agent = self._person('agent')
        agent.open_card('我的草稿')
        agent.open_row(self.title)
        agent.button('不予受理')
        agent.wait_css(MODAL + ' .o_form_view')
        agent.pick('reason_id', '诉求内容不清且无法联系诉求人', scope=MODAL)
        agent.type('detail', '来电人拒绝说明地点，回拨无人接听。', scope=MODAL)
        agent.wizard_confirm('提交申请')
        agent.status('不予受理待确认')
        agent.shot('more-not-accepted-proposed.png')

        office = agent
        office.login_desk('dispatcher')
        office.open_card('不予受理待确认')
        office.open_row(self.title)
        office.button('确认不予受理')
        office.status('不予受理')
        self._tab(office, '办理')
        office.wait_text('诉求内容不清且无法联系诉求人', '回拨无人接听', selector='.o_form_view')
        rows = self._trail(office)
        office.shot('more-not-accepted-confirmed.png')
        self.assertTrail(rows, '申请不予受理', '王小燕', '回拨无人接听')
        self.assertTrail(rows, '不予受理（热线办已确认）', '张伟')

    def test_forward_down_to_street_and_community_and_back_up(self):
        """Issue #16, UN-2: the district (陈静) forwards to 和平街道, the street (孙丽) signs
        and forwards to 朝阳社区, the community (周红) signs and completes; the street sees
        the community's result under 下级派单 and completes; the district completes and the
        request goes to the office's audit; each hand-over is on the trail with its person."""
        self._prepare([dispatched, signed])
        district = self._person('unit_handler')
        district.open_card('办理中')
        district.open_row(self.title)
        district.button('向下转派')
        district.pick('main_unit_id', '和平街道办事处', scope=MODAL)
        district.type('opinion', '请和平街道办理。', scope=MODAL)
        district.wizard_confirm()
        district.status('已向下转派')

        street = district
        street.login_desk('street_handler')
        street.open_card('待签收')
        street.open_row(self.title)
        street.button('签收')
        street.status('办理中')
        street.button('向下转派')
        street.pick('main_unit_id', '朝阳社区居委会', scope=MODAL)
        street.type('opinion', '请朝阳社区现场核查。', scope=MODAL)
        street.wizard_confirm()
        street.status('已向下转派')

        community = street
        community.login_desk('community_handler')
        community.open_card('待签收')
        community.open_row(self.title)
        community.button('签收')
        community.status('办理中')
        community.button('办结反馈')
        community.type('opinion', '已联系物业疏通，污水已清理。', scope=MODAL)
        community.wizard_confirm()
        community.status('已办结')
        community.shot('more-community-done.png')

        street = community
        street.login_desk('street_handler')
        street.open_card('办理中')
        street.open_row(self.title)
        street.status('办理中')
        self._tab(street, '下级派单')
        street.wait_text('朝阳社区居委会', '已办结', selector='.o_field_widget[name="child_ids"]')
        street.button('办结反馈')
        street.type('opinion', '街道已核实社区办理结果。', scope=MODAL)
        street.wizard_confirm()
        street.status('已办结')

        district = street
        district.login_desk('unit_handler')
        district.open_card('办理中')
        district.open_row(self.title)
        district.status('办理中')
        district.button('办结反馈')
        district.type('opinion', '已疏通下水道并清理现场。', scope=MODAL)
        district.wizard_confirm()
        district.status('已办结')
        self._open_request(district)
        district.status('已反馈待审核')
        rows = self._trail(district)
        district.shot('more-forward-trail.png')
        self.assertTrail(rows, '已转派至', '和平街道办事处', '陈静')
        self.assertTrail(rows, '已转派至', '朝阳社区居委会', '孙丽')
        self.assertTrail(rows, '已签收', '周红')
        self.assertTrail(rows, '已办结，反馈至', '和平街道办事处', '周红')
        self.assertTrail(rows, '已办结，反馈至', '东城区人民政府', '孙丽')
        self.assertTrail(rows, '已向热线办反馈办理结果', '陈静')

    def test_team_leader_messages_an_agent_who_reads_it_at_login(self):
        """Issue #16, AG-6: the team leader (李娜) opens 话务 › 坐席监控, selects the agent's
        seat, sends a message from the 动作 menu; it is listed under 求助与消息 from her;
        the agent (王小燕) logs in and the message pops up, from the team leader by name."""
        body = '请各坐席注意：今晚停水通知已发布。%d' % int(time.time())
        leader = self._person('leader')
        leader.menu('话务', '坐席监控')
        leader.wait_css('.o_list_view tbody tr.o_data_row')
        row = leader.wait_for(lambda: [r for r in leader.driver.find_elements(
            By.CSS_SELECTOR, '.o_list_view tbody tr.o_data_row') if '王小燕' in r.text],
            'the agent\'s seat in the grid')[0]
        row.find_element(By.CSS_SELECTOR, 'td.o_list_record_selector input').click()
        leader.click_text('动作', '.o_control_panel .o_cp_sidebar button', exact=True)
        leader.click_text('给坐席发消息', '.o_control_panel .o_cp_sidebar .dropdown-menu a',
                          exact=True)
        leader.wait_css(MODAL + ' .o_form_view')
        leader.wait_text('1001', selector=MODAL)
        leader.type('body', body, scope=MODAL)
        leader.wizard_confirm('发送')
        leader.menu('话务', '求助与消息')
        leader.wait_text(body, '李娜', selector='.o_list_view')
        leader.shot('more-leader-message.png')

        agent = leader
        agent.login_desk('agent')
        agent.wait_text('班长消息 李娜', body, selector='.o_notification')
        agent.shot('more-agent-reads-message.png')

    def test_kb_admin_approves_the_team_leaders_knowledge(self):
        """Issue #16, KB-3, KB-4: the team leader wrote a knowledge item and submitted it
        (set-up); the KB admin (吴磊) finds it under 待审核知识, approves it; it shows
        已发布 with him as approver and leaves the queue."""
        name = '停水期间临时供水点（%d）' % int(time.time())
        with self.server_cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, dict(CTX))
            leader = env['res.users'].search([('login', '=', 'leader')])
            Item = api.Environment(cr, leader.id, dict(CTX))['hotline.kb.item']
            item = Item.create({'name': name, 'keywords': '停水 供水点',
                                'content': '<p>东城区停水期间在和平街道设临时供水点。</p>',
                                'directory_id': env.ref('hotline_kb.kb_dir_shebao').id})
            item.action_submit()
        admin = self._person('kb_admin')
        admin.open_card('待审核知识')
        admin.open_row(name)
        admin.status('待审核')
        admin.button('审核')
        admin.status('已发布')
        admin.wait_text('吴磊', selector='.o_form_view')
        admin.shot('more-kb-approved.png')
        admin.click_text('我的工作台', '.o_control_panel .breadcrumb a', exact=True)
        admin.open_card('待审核知识')
        admin.wait_css('.o_list_view, .oe_view_nocontent', visible=False)
        admin.wait_idle()
        self.assertNotIn(name, admin.page_text())
