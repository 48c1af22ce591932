"""CH-1, CH-2, NF-1: a citizen submits a request from a phone-sized browser window, in
Chinese, then follows it with number + query password; a signed-in citizen sees only their
own requests. Drives Debian's headless Chromium through Selenium against the test server;
screenshots go to .local/screenshots/ (portal_phone_*.png, portal_desktop_*.png).
"""
import base64
import io
import os
import re
import shutil
import tempfile
import unittest

import browser  # tests/browser.py

from odoo.addons.hotline_portal.tests.common import PNG, PortalHttpCase

try:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
except ImportError:  # pragma: no cover
    By = None

NUMBER_RE = re.compile(r'12345-\d{8}-\d{5}')


@unittest.skipUnless(browser.AVAILABLE, 'needs selenium, chromium and chromium-driver')
class TestPortalUi(browser.BrowserCase, PortalHttpCase):

    def _browser(self, size):
        self.start_browser(size=size, extra_args=('--hide-scrollbars',))

    def _shot(self, name):
        self.driver.execute_script('window.scrollTo(0, 0)')
        self.shot(name)

    def _fits_width(self):
        return self.driver.execute_script(
            'return document.documentElement.scrollWidth <= window.innerWidth + 1')

    def test_phone_submission_and_tracking(self):
        """CH-1, CH-2, NF-1: on a 390 px wide phone screen the form is in Chinese and fits the
        width; a request with a photo is submitted, its number and password are shown; the
        lookup with them shows the timeline; a wrong password shows the neutral error."""
        self._browser('390,844')
        photo = os.path.join(tempfile.mkdtemp(prefix='hotline-upload-'), 'pothole.png')
        self.addCleanup(shutil.rmtree, os.path.dirname(photo), ignore_errors=True)
        with open(photo, 'wb') as f:
            f.write(PNG)
        self.driver.get(self.base + '/hotline/submit')
        form = self.wait_css('form.o_hotline_submit_form')
        body = self.driver.find_element(By.TAG_NAME, 'body').text
        for label in ('提交诉求', '诉求类型', '标题', '联系电话', '附件'):
            self.assertIn(label, body)
        self.assertTrue(self._fits_width(), 'the form is wider than a phone screen')
        Select(form.find_element(By.NAME, 'ticket_type')).select_by_value('report')
        form.find_element(By.NAME, 'title').send_keys('人行道井盖缺失')
        form.find_element(By.NAME, 'content').send_keys('幸福路88号门口的井盖丢了，晚上很危险。')
        form.find_element(By.NAME, 'address').send_keys('幸福路88号')
        form.find_element(By.NAME, 'attachments').send_keys(photo)
        form.find_element(By.NAME, 'contact_name').send_keys('林芳')
        form.find_element(By.NAME, 'contact_phone').send_keys('13700007777')
        self._shot('portal_phone_form.png')
        form.find_element(By.CSS_SELECTOR, 'button.o_hotline_submit').click()
        done = self.wait_css('.o_hotline_done')
        number = done.find_element(By.CSS_SELECTOR, '.o_hotline_number').text
        password = done.find_element(By.CSS_SELECTOR, '.o_hotline_password').text
        self.assertRegex(number, NUMBER_RE)
        self.assertIn('查询密码', done.text)
        self._shot('portal_phone_done.png')
        rows = self.ticket_rows('name = %s', [number])
        self.assertEqual((rows[0]['channel'], rows[0]['title']), ('web', '人行道井盖缺失'))
        with self.server_env() as env:
            self.assertEqual(env['ir.attachment'].search_count([
                ('res_model', '=', 'hotline.ticket'), ('res_id', '=', rows[0]['id'])]), 1)

        self.driver.get(self.base + '/hotline/track')
        form = self.wait_css('form.o_hotline_track_form')
        form.find_element(By.NAME, 'number').send_keys(number)
        form.find_element(By.NAME, 'password').send_keys('wrong-pass')
        form.find_element(By.CSS_SELECTOR, 'button.o_hotline_track').click()
        self.assertIn('诉求编号或查询密码不正确', self.wait_css('.o_hotline_errors').text)
        self.assertFalse(self.driver.find_elements(By.CSS_SELECTOR, '.o_hotline_timeline'))
        form = self.wait_css('form.o_hotline_track_form')
        form.find_element(By.NAME, 'number').clear()
        form.find_element(By.NAME, 'number').send_keys(number)
        form.find_element(By.NAME, 'password').send_keys(password)
        form.find_element(By.CSS_SELECTOR, 'button.o_hotline_track').click()
        timeline = self.wait_css('.o_hotline_timeline')
        self.assertIn(number, self.driver.find_element(By.TAG_NAME, 'body').text)
        self.assertTrue(timeline.text.strip(), 'the timeline is empty')
        self.assertTrue(self._fits_width(), 'the tracking page is wider than a phone screen')
        self._shot('portal_phone_track.png')

    def test_desktop_citizen_sees_only_own_requests(self):
        """CH-2: the demo citizen signs in on a desktop window, sees their requests under
        /my/requests; another citizen's request URL gives 404."""
        self._browser('1280,900')
        with self.server_env() as env:
            others = env['hotline.ticket'].search(
                [('partner_id', '!=', env.ref('hotline_core.citizen_zhang').id)], limit=1)
            other_id, other_title = others.id, others.title
        self.login('citizen', redirect='/my/requests')
        table = self.wait_css('.o_hotline_my_table')
        self.assertIn('朝阳小区3栋电梯频繁故障', table.text)
        self.assertNotIn(other_title, table.text)
        self._shot('portal_desktop_my_requests.png')
        self.driver.get('%s/my/requests/%d' % (self.base, other_id))
        body = self.driver.find_element(By.TAG_NAME, 'body').text
        self.assertNotIn(other_title, body)
        self.assertTrue('404' in self.driver.title or '404' in body or '找不到' in body, body[:300])

    def test_phone_home_brand_and_redacted_photo(self):
        """CH-3, NF-1 and the website's look: on a phone screen the home page shows the
        hotline's own logo and name (no Odoo sample texts), every resource comes from the
        hotline's server (no CDN); a published case shows the redacted copy of its photo,
        black where the office covered it."""
        from PIL import Image
        image = Image.new('RGB', (200, 120), (255, 255, 255))
        image.paste(Image.new('RGB', (80, 60), (255, 0, 0)), (10, 10))
        out = io.BytesIO()
        image.save(out, format='PNG')
        with self.server_env() as env:
            ticket = self.make_ticket(env, title='占道经营照片', portal_public=True)
            original = env['ir.attachment'].create({
                'name': 'scene.png', 'datas_fname': 'scene.png',
                'datas': base64.b64encode(out.getvalue()),
                'res_model': 'hotline.ticket', 'res_id': ticket.id})
            ticket.action_portal_publish()
            env['hotline.portal.photo.redact'].sudo(env.ref('hotline_core.user_dispatcher')) \
                .create({'ticket_id': ticket.id, 'attachment_id': original.id,
                         'mode': 'cover', 'regions': '0,0,50,60'}).action_apply()
            ticket_id = ticket.id
        self._browser('390,844')
        self.driver.get(self.base + '/')
        brand = self.wait_css('.o_hotline_brand')
        self.assertIn('青川市12345政务服务便民热线', brand.text)
        logo = brand.find_element(By.TAG_NAME, 'img')
        self.assertTrue(self.driver.execute_script(
            'return arguments[0].complete && arguments[0].naturalWidth > 0', logo))
        body = self.driver.find_element(By.TAG_NAME, 'body').text
        self.assertNotIn('Odoo', body)
        self.assertNotIn('My Company', body)
        self.assertIn('我要诉求', body)
        self.assertTrue(self._fits_width(), 'the home page is wider than a phone screen')
        resources = self.driver.execute_script(
            "return performance.getEntriesByType('resource').map(function (r) "
            "{ return r.name; })")
        self.assertTrue(resources)
        self.assertEqual([r for r in resources if not r.startswith(self.base)], [])
        self._shot('portal_phone_home.png')
        self.driver.get(self.base + '/contactus')
        body = self.driver.find_element(By.TAG_NAME, 'body').text
        self.assertIn('12345', body)
        for sample in ('Slough', 'yourcompany', '555', 'Google'):
            self.assertNotIn(sample, body, "Odoo's sample company data on the contact page")
        self.driver.get('%s/hotline/cases/%d' % (self.base, ticket_id))
        photo = self.wait_css('img.o_hotline_photo')
        self.assertTrue(self.driver.execute_script(
            'return arguments[0].complete && arguments[0].naturalWidth == 200', photo))
        self.assertTrue(self._fits_width(), 'the case page is wider than a phone screen')
        self.driver.execute_script('arguments[0].scrollIntoView()', photo)
        self.shot('portal_phone_case_photo.png')
