# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-1: a citizen submits a request on the website."""
import xmlrpc.client

import odoo.tests.common
from odoo.tests.common import get_db_name

from .common import NUMBER_RE, PASSWORD_RE, PNG, PortalHttpCase


class TestPortalSubmit(PortalHttpCase):

    def test_submission_shows_number_and_password_and_keeps_attachment(self):
        """CH-1, NF-2: an anonymous citizen submits a complaint with a photo: the page shows
        the number and a query password; the request is stored with channel web, the photo
        attached and only a hash of the password; the mail with the password is in no
        chatter (an agent reading the request's messages does not see it)."""
        response = self.submit(files=[('attachments', ('lamp.png', PNG, 'image/png'))],
                               is_public='1')
        self.assertEqual(response.status_code, 200)
        number = NUMBER_RE.search(response.text)
        password = PASSWORD_RE.search(response.text)
        self.assertTrue(number, 'no request number on the confirmation page')
        self.assertTrue(password, 'no query password on the confirmation page')
        rows = self.ticket_rows('name = %s', [number.group(0)])
        self.assertEqual(len(rows), 1)
        row = rows[0]
        self.assertEqual((row['channel'], row['ticket_type'], row['title']),
                         ('web', 'complaint', '路灯不亮'))
        self.assertEqual(row['contact_phone'], '+8613700001234')
        self.assertTrue(row['portal_public'])
        self.assertFalse(row['portal_published'], 'CH-3: nothing is published before review')
        self.assertTrue(row['portal_password_hash'].startswith('$pbkdf2-sha256$'))
        self.assertNotIn(password.group(1), row['portal_password_hash'])
        with self.server_env() as env:
            attachments = env['ir.attachment'].search([
                ('res_model', '=', 'hotline.ticket'), ('res_id', '=', row['id'])])
            self.assertEqual(attachments.mapped('datas_fname'), ['lamp.png'])
            mails = env['mail.mail'].search([('email_to', '=', 'chen@example.com')])
            self.assertTrue(any(number.group(0) in m.subject for m in mails),
                            'CH-1: the number is mailed back to the address given')
            self.assertTrue(any(password.group(1) in (m.body_html or '') for m in mails))
        # NF-2 (issue 15): the mail with the password is in no chatter: an agent reading
        # the request's messages over XML-RPC does not see the citizen's password
        url = 'http://127.0.0.1:%d' % odoo.tests.common.PORT
        db = get_db_name()
        uid = xmlrpc.client.ServerProxy(url + '/xmlrpc/2/common').authenticate(
            db, 'agent', 'agent', {})
        messages = xmlrpc.client.ServerProxy(url + '/xmlrpc/2/object').execute_kw(
            db, uid, 'agent', 'mail.message', 'search_read',
            [[('model', '=', 'hotline.ticket'), ('res_id', '=', row['id'])]],
            {'fields': ['body', 'subject']})
        self.assertTrue(messages)
        self.assertFalse([m for m in messages if password.group(1) in (m['body'] or '')],
                         'the query password shows in the request chatter')

    def test_oversized_attachment_refused_and_form_kept(self):
        """CH-1: tried a 2 MB photo with the limit at 1 MB: a clear error names the file
        and the limit, every typed value is still in the form, no request is created."""
        big = b'\xff\xd8\xff' + b'0' * (2 * 1024 * 1024)
        response = self.submit(files=[('attachments', ('big.jpg', big, 'image/jpeg'))],
                               title='超大附件测试')
        self.assertIn('o_hotline_errors', response.text)
        self.assertIn('big.jpg', response.text)
        self.assertIn('1 MB', response.text)
        self.assertIn('value="超大附件测试"', response.text, 'the title typed was lost')
        self.assertIn('幸福路口的路灯已经坏了一周', response.text, 'the content typed was lost')
        self.assertFalse(self.ticket_rows('title = %s', ['超大附件测试']))

    def test_disguised_executable_refused(self):
        """CH-1: tried an executable renamed to photo.jpg and a .exe file: both refused by
        name, nothing created."""
        exe = b'MZ\x90\x00evil'
        response = self.submit(files=[('attachments', ('photo.jpg', exe, 'image/jpeg'))],
                               title='伪装附件')
        self.assertIn('photo.jpg', response.text)
        self.assertIn('JPG', response.text)
        response = self.submit(
            files=[('attachments', ('setup.exe', exe, 'application/octet-stream'))],
            title='伪装附件')
        self.assertIn('setup.exe', response.text)
        self.assertFalse(self.ticket_rows('title = %s', ['伪装附件']))

    def test_invalid_phone_refused(self):
        """CH-1: tried the phone "12345abc": the error shows it and says how to write a
        number; no request."""
        response = self.submit(contact_phone='12345abc', title='错误电话')
        self.assertIn('12345abc', response.text)
        self.assertIn('o_hotline_errors', response.text)
        self.assertFalse(self.ticket_rows('title = %s', ['错误电话']))

    def test_missing_csrf_token_refused(self):
        """CH-1: tried a POST without the CSRF token (a forged cross-site form): refused,
        nothing created."""
        response = self.opener.post(self.url('/hotline/submit'), data={
            'ticket_type': 'complaint', 'title': '跨站伪造', 'content': 'x',
            'contact_name': '某人', 'contact_phone': '13700001234'}, timeout=30)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.ticket_rows('title = %s', ['跨站伪造']))

    def test_markup_is_stripped(self):
        """CH-1: tried a script in the title and content: stored without tags, and the
        confirmation page carries no script."""
        response = self.submit(title='<script>alert(1)</script>井盖丢失',
                               content='<img src=x onerror=alert(1)>井盖丢失了')
        self.assertNotIn('<script>alert(1)', response.text)
        rows = self.ticket_rows('name = %s', [NUMBER_RE.search(response.text).group(0)])
        self.assertEqual(rows[0]['title'], 'alert(1)井盖丢失')
        self.assertEqual(rows[0]['content'], '井盖丢失了')

    def test_rate_limit_per_phone_and_ip(self):
        """CH-1: with the limits at 2 per phone and 4 per address (every attempt counts
        for the address), the third submission with the same phone and the fifth from the
        same address are refused with a message; the refused ones create nothing."""
        with self.server_env() as env:
            env['ir.config_parameter'].set_param('hotline_portal.rate_submit_phone', '2/3600')
            env['ir.config_parameter'].set_param('hotline_portal.rate_submit_ip', '4/3600')
        for _i in range(2):
            self.assertTrue(NUMBER_RE.search(self.submit(title='限流测试').text))
        refused = self.submit(title='限流测试')
        self.assertIn('o_hotline_errors', refused.text)
        self.assertIn('value="限流测试"', refused.text, 'the refused form lost the title')
        self.assertFalse(NUMBER_RE.search(refused.text))
        self.assertTrue(NUMBER_RE.search(
            self.submit(title='限流测试', contact_phone='13700005678').text))
        refused = self.submit(title='限流测试', contact_phone='13700009999')
        self.assertFalse(NUMBER_RE.search(refused.text))
        self.assertEqual(len(self.ticket_rows('title = %s', ['限流测试'])), 3)

    def test_logged_in_citizen_submission_is_linked_to_profile(self):
        """CH-1, CH-2: a signed-in citizen's request belongs to their profile and appears
        under /my/requests."""
        with self.server_env() as env:
            user = self.make_citizen_user(env, 'p_sub', '孙丽', '13600001111')
            partner_id = user.partner_id.id
        self.login('p_sub', 'p_sub')
        response = self.submit(title='登录提交', contact_phone='13600001111')
        number = NUMBER_RE.search(response.text).group(0)
        self.assertEqual(self.ticket_rows('name = %s', [number])[0]['partner_id'], partner_id)
        self.assertIn(number, self.url_open('/my/requests').text)

    def test_form_renders_in_chinese(self):
        """CH-1, NF-1: the submission form speaks Chinese to a Chinese browser."""
        page = self.opener.get(self.url('/hotline/submit'), headers={
            'Accept-Language': 'zh-CN,zh;q=0.9'}, timeout=30)
        self.assertIn('提交诉求', page.text)
        self.assertIn('诉求类型', page.text)
