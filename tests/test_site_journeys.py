"""Issue 16, the citizens' side: the anonymous visitor and the signed-in citizen walk the
website as people do, at phone width (390 px) and at desktop width, in headless Chromium.

They start at the home page or at /web/login and only click and type; data is set up
through the ORM only where a staff member would have worked (a request closed by the
office). On every page the visible text and the browser-tab title are checked for English
words. Screenshots go to /tmp/shots-site/ (<width>_<step>.png).
"""
import os
import re
import shutil
import tempfile
import unittest

import browser  # tests/browser.py

from odoo import fields
from odoo.tests.common import get_db_name

from odoo.addons.hotline_portal.tests.common import PNG, PortalHttpCase

try:
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import Select
except ImportError:  # pragma: no cover
    By = None

SHOTS = '/tmp/shots-site'
NUMBER_RE = re.compile(r'12345-\d{8}-\d{5}')
PHONE, DESKTOP = '390,844', '1280,900'
# Latin words a Chinese citizen may see: file types named in the upload hint, the unit of
# their size, and the hotline's own names.
LATIN_ALLOWED = {'jpg', 'jpeg', 'png', 'gif', 'pdf', 'doc', 'docx', 'txt', 'MB', 'App'}
WORD_RE = re.compile(r'[A-Za-z]{2,}')


def _page_left(old):
    """Whether the page of ``old`` (its <html>) was replaced. Chromium answers "node does not
    belong to the document" instead of "stale" while the new page is being built."""
    try:
        return EC.staleness_of(old)(None)
    except WebDriverException:
        return True


@unittest.skipUnless(browser.AVAILABLE, 'needs selenium, chromium and chromium-driver')
class TestSiteJourneys(browser.BrowserCase, PortalHttpCase):

    # ------------------------------------------------------------------ helpers
    def _browser(self, size):
        self.size = size
        self.start_browser(size=size, extra_args=('--hide-scrollbars',))
        width, height = (int(v) for v in size.split(','))
        if width < 500:
            # headless Chromium's window is at least 500 px wide: emulate the phone's
            # viewport so that the page really gets 390 px
            self.driver.execute_cdp_cmd('Emulation.setDeviceMetricsOverride', {
                'width': width, 'height': height, 'deviceScaleFactor': 1, 'mobile': True})
        os.makedirs(SHOTS, exist_ok=True)

    def _click(self, selector):
        """Click what the citizen sees; on a phone, open the collapsed menu first if the link
        is in it."""
        element = self.driver.find_element(By.CSS_SELECTOR, selector)
        if not element.is_displayed():
            toggle = self.driver.find_elements(By.CSS_SELECTOR, '.navbar-toggle')
            if toggle and toggle[0].is_displayed():
                toggle[0].click()
        self.wait_css(selector)
        old = self.driver.find_element(By.TAG_NAME, 'html')
        self.driver.execute_script('arguments[0].scrollIntoView({block: "center"})', element)
        element.click()
        self.wait_for(lambda: _page_left(old), 'the page after clicking %r' % selector)

    def _shot(self, name):
        self.driver.save_screenshot(os.path.join(SHOTS, '%s_%s.png' % (
            self.size.split(',')[0], name)))

    def _fits_width(self):
        return self.driver.execute_script(
            'return document.documentElement.scrollWidth <= window.innerWidth + 1')

    def _check_page(self, name, expect, focus=None):
        """NF-1: the page shows ``expect``, its tab title is Chinese, no English word is on
        the screen (the language switcher's "English" and the query password's letters
        aside), and it fits the window."""
        self.wait_text(expect)
        title = self.driver.title
        text = self.driver.execute_script(
            "var t = document.body.innerText;"
            "document.querySelectorAll('.js_language_selector, .o_hotline_password')"
            ".forEach(function (e) {"
            "  t = t.split(e.innerText).join(' '); });"
            "return t;")
        self.assertRegex(title, '[\u4e00-\u9fff]', '%s: the tab title %r is not Chinese'
                         % (name, title))
        english = sorted({w for w in WORD_RE.findall(title + '\n' + text)
                          if w not in LATIN_ALLOWED})
        self.assertFalse(english, '%s (%s): English on the page: %s\ntitle: %s\n%s' % (
            name, self.driver.current_url, english, title, text[:2000]))
        self.assertTrue(self._fits_width(), '%s: the page is wider than the window' % name)
        if focus:
            self.driver.execute_script(
                'arguments[0].scrollIntoView({block: "center"})',
                self.driver.find_element(By.CSS_SELECTOR, focus))
        self._shot(name)
        return text

    def _closed_ticket(self, env, **vals):
        """A request the office has handled and closed (set up as staff would leave it)."""
        ticket = self.make_ticket(env, **vals)
        ticket.write({'state': 'done', 'date_done': fields.Datetime.now(),
                      'reply': '已安排维修，路灯已恢复照明。'})
        return ticket

    # ------------------------------------------------------------------ anonymous visitor
    def _anonymous_journey(self, size):
        """CH-1, CH-2, CH-3, CH-5, CH-6, CH-7, CH-8, CB-2, NF-1 — the anonymous visitor:
        home page → 我要诉求 with a photo, district/street/community and coordinates, a bad
        phone number (the error keeps every typed field and the photo, and says so) →
        corrected → number and password → 诉求查询 shows 待受理 → the public pages linked
        from the home page (数据公开, 知识库, 通知公告, 常用电话) and 公开案例 → a closed
        request found by number + password is rated (不满意 needs a comment), once."""
        self._browser(size)
        folder = tempfile.mkdtemp(prefix='hotline-upload-')
        self.addCleanup(shutil.rmtree, folder, ignore_errors=True)
        photo = os.path.join(folder, '现场照片.png')
        with open(photo, 'wb') as f:
            f.write(PNG)
        with self.server_env() as env:
            district = env.ref('hotline_core.location_dongcheng').id
            street = env.ref('hotline_core.location_heping').id
            community = env.ref('hotline_core.location_chaoyang').id
            closed = self._closed_ticket(env, title='路灯不亮已修复')
            closed_number, closed_password = closed.name, closed._portal_set_password()
            # figures for the data page: a unit with a long name and a handled request
            unit = env['hotline.unit'].create({'name': '青川市市场监督管理局东城分局',
                                               'code': 'QC-SITE-DATA'})
            env['hotline.ticket.assignment'].create({
                'ticket_id': closed.id, 'unit_id': unit.id, 'role': 'main', 'state': 'done'})
            closed._log_step('callback_satisfied', '回访')

        self.driver.get(self.base + '/')
        self.assertEqual(self.driver.execute_script('return window.innerWidth'),
                         int(size.split(',')[0]))
        text = self._check_page('home', '我要诉求')
        for label, href in (('数据公开', '/hotline/data'), ('知识库', '/hotline/knowledge'),
                            ('通知公告', '/hotline/news'), ('常用电话', '/hotline/phones')):
            self.assertIn(label, text)
            self.assertTrue(self.driver.find_elements(
                By.CSS_SELECTOR, '.o_hotline_home a[href="%s"]' % href),
                'the home page does not link %s' % label)
        self._click('.o_hotline_home_tiles a[href="/hotline/submit"]')

        form = self.wait_css('form.o_hotline_submit_form')
        Select(form.find_element(By.NAME, 'ticket_type')).select_by_value('report')
        form.find_element(By.NAME, 'title').send_keys('人行道井盖缺失')
        form.find_element(By.NAME, 'content').send_keys('幸福路88号门口的井盖丢了，晚上很危险。')
        Select(form.find_element(By.NAME, 'location_id')).select_by_value(str(district))
        # the street list follows the district, the community list the street
        self.wait_for(lambda: str(street) in [o.get_attribute('value') for o in Select(
            form.find_element(By.NAME, 'street_id')).options], "the district's streets")
        Select(form.find_element(By.NAME, 'street_id')).select_by_value(str(street))
        self.wait_for(lambda: str(community) in [o.get_attribute('value') for o in Select(
            form.find_element(By.NAME, 'community_id')).options], "the street's communities")
        Select(form.find_element(By.NAME, 'community_id')).select_by_value(str(community))
        form.find_element(By.NAME, 'address').send_keys('幸福路88号')
        form.find_element(By.NAME, 'latitude').send_keys('30.657123')
        form.find_element(By.NAME, 'longitude').send_keys('104.066456')
        form.find_element(By.NAME, 'attachments').send_keys(photo)
        form.find_element(By.NAME, 'contact_name').send_keys('林芳')
        form.find_element(By.NAME, 'contact_phone').send_keys('12345')
        self._shot('submit_form')
        old = self.driver.find_element(By.TAG_NAME, 'html')
        form.find_element(By.CSS_SELECTOR, 'button.o_hotline_submit').click()
        self.wait_for(lambda: EC.staleness_of(old)(None), 'the page after submitting')

        # the error round trip: told what is wrong, nothing typed or attached is lost
        errors = self.wait_css('.o_hotline_errors')
        self.assertIn('12345', errors.text)
        self.assertIn('不是有效的电话号码', errors.text)
        kept = self.wait_css('.o_hotline_kept')
        self.assertIn('现场照片.png', kept.text)
        self.assertIn('无需重新选择', kept.text)
        form = self.wait_css('form.o_hotline_submit_form')
        for name, value in (('title', '人行道井盖缺失'), ('address', '幸福路88号'),
                            ('latitude', '30.657123'), ('contact_name', '林芳')):
            self.assertEqual(form.find_element(By.NAME, name).get_attribute('value'), value)
        for name, value in (('location_id', district), ('street_id', street),
                            ('community_id', community)):
            self.assertEqual(Select(form.find_element(By.NAME, name))
                             .first_selected_option.get_attribute('value'), str(value))
        self.assertIn('无需重新选择', self.wait_css('.o_hotline_kept_note').text)
        self._check_page('submit_error', '附件', focus='.o_hotline_kept')
        self.assertEqual(self.ticket_rows('title = %s', ['人行道井盖缺失']), [],
                         'a request was created despite the error')
        phone = form.find_element(By.NAME, 'contact_phone')
        phone.clear()
        phone.send_keys('13700007777')
        old = self.driver.find_element(By.TAG_NAME, 'html')
        form.find_element(By.CSS_SELECTOR, 'button.o_hotline_submit').click()
        self.wait_for(lambda: EC.staleness_of(old)(None), 'the page after submitting')
        done = self.wait_css('.o_hotline_done')
        number = done.find_element(By.CSS_SELECTOR, '.o_hotline_number').text
        password = done.find_element(By.CSS_SELECTOR, '.o_hotline_password').text
        self.assertRegex(number, NUMBER_RE)
        self._check_page('submit_done', '查询密码')
        row = self.ticket_rows('name = %s', [number])[0]
        self.assertEqual((row['location_id'], round(row['geo_latitude'], 6),
                          round(row['geo_longitude'], 6)), (community, 30.657123, 104.066456))
        with self.server_env() as env:
            attachments = env['ir.attachment'].search([
                ('res_model', '=', 'hotline.ticket'), ('res_id', '=', row['id'])])
            self.assertEqual(attachments.mapped('datas_fname'), ['现场照片.png'],
                             'the photo attached before the error was not kept')

        # 诉求查询: the citizen's words for the state
        self._click('.o_hotline_nav a[href="/hotline/track"]')
        form = self.wait_css('form.o_hotline_track_form')
        form.find_element(By.NAME, 'number').send_keys(number)
        form.find_element(By.NAME, 'password').send_keys(password)
        self._click('button.o_hotline_track')
        self.assertEqual(self.wait_css('.o_hotline_state').text, '待受理')
        text = self._check_page('track', number, focus='.o_hotline_timeline')
        self.assertNotIn('草稿', text)

        # the public pages, from the home page's links
        for selector, name, expect in (
                ('.o_hotline_home_data_link', 'data', '数据公开'),
                ('.o_hotline_home_kb_link', 'knowledge', '知识库'),
                ('.o_hotline_home_news_link', 'news', '通知公告'),
                ('.o_hotline_home_phones_link', 'phones', '常用电话')):
            self._click('a.o_hotline_brand')
            self.wait_css('.o_hotline_home_links')
            self._click(selector)
            self._check_page(name, expect)
            if name == 'data':
                self.assertIn('青川市市场监督管理局东城分局',
                              self.wait_css('.o_hotline_data_table').text)
                self._check_data_table()
                self._check_page('data_table', '数据公开', focus='.o_hotline_data_table')
            if name == 'knowledge':
                search = self.wait_css('input[name="q"]')
                search.send_keys('社保卡')
                self._click('form button[type="submit"]')
                self._check_page('knowledge_search', '社保卡')
            if name == 'news' and self.driver.find_elements(
                    By.CSS_SELECTOR, '.o_hotline_news a'):
                self._click('.o_hotline_news a')
                self._check_page('news_item', '通知公告')
        self._click('.o_hotline_nav a[href="/hotline/cases"]')
        self._check_page('cases', '公开案例')
        self._click('.o_hotline_nav a[href="/hotline/hot"]')
        self._check_page('hot', '热点问题')
        # dates are typed and shown year-month-day; a wrong one is said so
        Select(self.wait_css('select[name="period"]')).select_by_value('custom')
        date_from = self.wait_css('input[name="date_from"]')
        date_from.clear()
        date_from.send_keys('11/29/2026')
        self._click('form.form-inline button[type="submit"]')
        self.assertIn('年-月-日', self.wait_css('.o_hotline_date_error').text)
        self.assertRegex(self.wait_css('input[name="date_from"]').get_attribute('value'),
                         r'^\d{4}-\d{2}-\d{2}$')
        date_from = self.wait_css('input[name="date_from"]')
        date_from.clear()
        date_from.send_keys('2026年11月1日')
        self._click('form.form-inline button[type="submit"]')
        self.assertFalse(self.driver.find_elements(By.CSS_SELECTOR, '.o_hotline_date_error'))
        self.assertEqual(self.wait_css('input[name="date_from"]').get_attribute('value'),
                         '2026-11-01')
        self._check_page('hot_period', '热点问题')

        # a closed request, rated from the lookup page
        self._click('.o_hotline_nav a[href="/hotline/track"]')
        form = self.wait_css('form.o_hotline_track_form')
        form.find_element(By.NAME, 'number').send_keys(closed_number)
        form.find_element(By.NAME, 'password').send_keys(closed_password)
        self._click('button.o_hotline_track')
        self.assertEqual(self.wait_css('.o_hotline_state').text, '已办结')
        rate = self.wait_css('form.o_hotline_rate_form')
        self.assertIn('满意', rate.text)
        self.assertIn('基本满意', rate.text)
        self.assertIn('不满意', rate.text)
        rate.find_element(By.CSS_SELECTOR, 'input[value="unsatisfied"]').click()
        self._click('button.o_hotline_rate')
        self.assertIn('请写明您不满意的地方', self.wait_css('.o_hotline_rating_error').text)
        rate = self.wait_css('form.o_hotline_rate_form')
        self.assertTrue(rate.find_element(
            By.CSS_SELECTOR, 'input[value="unsatisfied"]').is_selected())
        rate.find_element(By.NAME, 'comment').send_keys('修好后第二天又不亮了。')
        self._click('button.o_hotline_rate')
        self.assertIn('感谢您的评价', self.wait_css('.o_hotline_rated').text)
        self.assertIn('不满意', self.wait_css('.o_hotline_rating_done').text)
        self.assertFalse(self.driver.find_elements(By.CSS_SELECTOR, 'form.o_hotline_rate_form'),
                         'the request can be rated a second time')
        self._check_page('track_rated', '评价办理结果', focus='.o_hotline_rating')
        row = self.ticket_rows('name = %s', [closed_number])[0]
        self.assertEqual((row['portal_rating'], row['portal_rating_comment'], row['state']),
                         ('unsatisfied', '修好后第二天又不亮了。', 'done'))

    def _check_data_table(self):
        """CH-7: every column of the figures is inside the window (none cut off)."""
        cells = self.driver.find_elements(By.CSS_SELECTOR, '.o_hotline_data_table td')
        if not cells:
            return
        width = self.driver.execute_script('return window.innerWidth')
        for cell in cells:
            right = self.driver.execute_script(
                'return arguments[0].getBoundingClientRect().right', cell)
            self.assertLessEqual(right, width + 1, 'a cell of the data table is cut off: %s'
                                 % cell.text)

    def test_anonymous_visitor_on_a_phone(self):
        """Issue 16 (citizens' side), CH-1…CH-8, CB-2, NF-1: the anonymous visitor's
        journey at 390 px (see _anonymous_journey)."""
        self._anonymous_journey(PHONE)

    def test_anonymous_visitor_on_a_desktop(self):
        """Issue 16 (citizens' side), CH-1…CH-8, CB-2, NF-1: the anonymous visitor's
        journey at desktop width (see _anonymous_journey)."""
        self._anonymous_journey(DESKTOP)

    # ------------------------------------------------------------------ signed-in citizen
    def _citizen_journey(self, size):
        """CH-2, CB-2, NF-1 — the signed-in citizen: /web/login → his name → 我的账户 → 我的12345诉求
        (states in the citizen's words) → a closed request → rated 满意 once; the office's
        closing is untouched."""
        self._browser(size)
        with self.server_env() as env:
            citizen = env.ref('hotline_core.citizen_zhang')
            closed = self._closed_ticket(env, title='楼道灯不亮', partner_id=citizen.id)
            closed_id = closed.id
        self.driver.get('%s/web/login?db=%s' % (self.base, get_db_name()))
        self._check_page('login', '登录')
        self.wait_css('input[name="login"]').send_keys('citizen')
        self.wait_css('input[name="password"]').send_keys('citizen')
        self._click('form.oe_login_form button[type="submit"]')
        # wherever signing in lands, the citizen opens 我的账户 from his name in the header
        toggle = self.driver.find_elements(By.CSS_SELECTOR, '.navbar-toggle')
        if toggle and toggle[0].is_displayed():
            toggle[0].click()
        shown = EC.visibility_of_element_located((
            By.XPATH, "//ul[contains(@class, 'js_usermenu')]/preceding-sibling::a"))
        name = self.wait_for(lambda: shown(self.driver), "the citizen's name in the header")
        self.assertIn('张建华', name.text)
        name.click()
        self._click('.js_usermenu a[href="/my/home"]')
        self._check_page('my_home', '我的12345诉求')
        self._click('.o_hotline_my_requests a[href="/my/requests"]')
        table = self.wait_css('.o_hotline_my_table')
        self.assertIn('朝阳小区3栋电梯频繁故障', table.text)
        self.assertNotIn('草稿', table.text)
        self._check_page('my_requests', '楼道灯不亮')
        self._click('.o_hotline_my_table a[href="/my/requests/%d"]' % closed_id)
        self.assertEqual(self.wait_css('.o_hotline_state').text, '已办结')
        self._check_page('my_request', '评价办理结果', focus='.o_hotline_rate_form')
        rate = self.wait_css('form.o_hotline_rate_form')
        rate.find_element(By.CSS_SELECTOR, 'input[value="satisfied"]').click()
        rate.find_element(By.NAME, 'comment').send_keys('处理很及时，谢谢。')
        self._click('button.o_hotline_rate')
        self.assertIn('感谢您的评价', self.wait_css('.o_hotline_rated').text)
        self._check_page('my_request_rated', '满意', focus='.o_hotline_rating')
        row = self.ticket_rows('id = %s', [closed_id])[0]
        self.assertEqual((row['portal_rating'], row['state']), ('satisfied', 'done'))
        # once per request: the page no longer offers the form
        self.driver.get('%s/my/requests/%d' % (self.base, closed_id))
        self.assertIn('满意', self.wait_css('.o_hotline_rating_done').text)
        self.assertFalse(self.driver.find_elements(By.CSS_SELECTOR, 'form.o_hotline_rate_form'))

    def test_citizen_on_a_phone(self):
        """Issue 16 (citizens' side), CH-2, CB-2, NF-1: the signed-in citizen's journey at
        390 px (see _citizen_journey)."""
        self._citizen_journey(PHONE)

    def test_citizen_on_a_desktop(self):
        """Issue 16 (citizens' side), CH-2, CB-2, NF-1: the signed-in citizen's journey at
        desktop width (see _citizen_journey)."""
        self._citizen_journey(DESKTOP)
