# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-1, CH-2, CH-10 with the SMS platform: number texted back, password recovery by an SMS
code, verified WeChat binding."""
import re

from hypothesis import given

from odoo.exceptions import AccessError

from odoo.addons.hotline_portal.tests.common import CSRF_RE, NUMBER_RE, PASSWORD_RE, PortalHttpCase
from odoo.addons.hotline_portal.tests.test_portal_fuzz import FUZZ, TEXT, FuzzCase
from odoo.addons.hotline_portal.tests.test_portal_wechat import AES_KEY, APP_ID, TOKEN, WechatPeer

CODE_RE = re.compile(r'(?<!\d)(\d{6})(?!\d)')


class TestPortalSms(PortalHttpCase):

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            params = env['ir.config_parameter']
            for key, value in (('wechat_token', TOKEN), ('wechat_app_id', APP_ID),
                               ('wechat_aes_key', AES_KEY)):
                params.set_param('hotline_portal.%s' % key, value)

    def sms(self, number, kind=None):
        with self.server_env() as env:
            domain = [('number', '=', number), ('direction', '=', 'out')]
            if kind:
                domain.append(('kind', '=', kind))
            # the text as sent (the test reads the code the citizen receives)
            return [(m.secret_text or m.body, m.state) for m in env['hotline.sms.message'].search(
                domain, order='id')]

    def _submitted(self, phone='13700005678'):
        page = self.submit(contact_phone=phone).text
        return NUMBER_RE.search(page).group(0), PASSWORD_RE.search(page).group(1)

    def test_number_texted_back_without_password(self):
        """CH-1: after submitting on the website the mobile gets one SMS with the request
        number, never the query password; a landline gets none."""
        number, password = self._submitted()
        texts = self.sms('+8613700005678', 'ack')
        self.assertEqual(len(texts), 1)
        self.assertIn(number, texts[0][0])
        self.assertEqual(texts[0][1], 'queued')
        self.assertNotIn(password, texts[0][0])
        self._submitted(phone='010-65001234')
        self.assertFalse(self.sms('+861065001234'))

    def _recover_sms(self, number, phone):
        token = CSRF_RE.search(self.url_open('/hotline/recover').text).group(1)
        return self.opener.post(self.url('/hotline/recover/sms'), data={
            'csrf_token': token, 'number': number, 'contact_phone': phone}, timeout=30).text

    def _enter_code(self, number, code):
        token = CSRF_RE.search(self.url_open('/hotline/recover').text).group(1)
        return self.opener.post(self.url('/hotline/recover/code'), data={
            'csrf_token': token, 'number': number, 'code': code}, timeout=30).text

    def _track(self, number, password):
        token = CSRF_RE.search(self.url_open('/hotline/track').text).group(1)
        return self.opener.post(self.url('/hotline/track'), data={
            'csrf_token': token, 'number': number, 'password': password}, timeout=30).text

    def test_password_recovered_with_sms_code(self):
        """CH-2: with a wrong phone, or an unknown number, the page reads the same and no
        SMS is sent; with the phone given at submission a 6-digit code is texted; a wrong
        code is refused; the right one shows a new password, the old one stops working;
        the code works once."""
        number, old = self._submitted()
        before = len(self.sms('+8613700005678'))
        wrong_phone = self._recover_sms(number, '13900000000')
        unknown = self._recover_sms('12345-20000101-99999', '13700005678')
        self.assertIn('o_hotline_sent', wrong_phone)

        def neutral(page, shown):
            # the CSRF token changes with time; everything else must be the same
            return CSRF_RE.sub('', page.replace(shown, 'N'))
        self.assertEqual(neutral(wrong_phone, number), neutral(unknown, '12345-20000101-99999'),
                         'the answer reveals whether the request exists')
        self.assertEqual(len(self.sms('+8613700005678')), before)
        self.assertFalse(self.sms('+8613900000000'))
        self.assertIn('o_hotline_sent', self._recover_sms(number, '137 0000 5678'))
        texts = self.sms('+8613700005678', 'recovery')
        self.assertEqual(len(texts), 1)
        code = CODE_RE.search(texts[0][0].replace(number, '')).group(1)
        wrong = '%06d' % ((int(code) + 1) % 1000000)
        self.assertIn('o_hotline_errors', self._enter_code(number, wrong))
        page = self._enter_code(number, code)
        new = PASSWORD_RE.search(page).group(1)
        self.assertNotEqual(new, old)
        self.assertNotIn('o_hotline_timeline', self._track(number, old))
        self.assertIn('o_hotline_timeline', self._track(number, new))
        self.assertIn('o_hotline_errors', self._enter_code(number, code))

    def test_code_not_readable_by_the_centre(self):
        """CH-2, NF-2 (issue 9, attacked on purpose): the SMS log shows a recovery text with
        its code masked, to every centre role; the text as sent is for the system only (an
        agent reading it is refused), and a user cannot send a text other than the one the
        log shows."""
        number, _old = self._submitted()
        self._recover_sms(number, '13700005678')
        sent = self.sms('+8613700005678', 'recovery')[0][0]
        code = CODE_RE.search(sent.replace(number, '')).group(1)
        with self.server_env() as env:
            agent = env['res.users'].search([('login', '=', 'agent')])
            messages = env['hotline.sms.message'].sudo(agent).search(
                [('number', '=', '+8613700005678'), ('kind', '=', 'recovery')])
            self.assertEqual(len(messages), 1)
            self.assertNotIn(code, messages.body)
            self.assertIn('******', messages.body)
            self.assertEqual(messages.body, sent.replace(code, '******'))
            with self.assertRaises(AccessError):
                messages.read(['secret_text'])
            with self.assertRaises(AccessError):
                env['hotline.sms.message'].sudo(agent).queue_messages([{
                    'number': '13700005678', 'body': '您好', 'secret_text': '别的内容'}])

    def test_code_burnt_after_five_wrong_tries(self):
        """CH-2: after 5 wrong codes even the right one is refused (no guessing 10^6)."""
        number, _old = self._submitted()
        self._recover_sms(number, '13700005678')
        code = CODE_RE.search(self.sms('+8613700005678', 'recovery')[0][0].replace(
            number, '')).group(1)
        wrong = '%06d' % ((int(code) + 1) % 1000000)
        for _i in range(5):
            self.assertIn('o_hotline_errors', self._enter_code(number, wrong))
        self.assertIn('o_hotline_errors', self._enter_code(number, code))

    def test_recovery_sms_rate_limited_per_request(self):
        """CH-2: with 2 sends allowed per request number, the 3rd asks to wait and sends
        nothing (SMS cost, harassment of the phone's owner)."""
        number, _old = self._submitted()
        with self.server_env() as env:
            env['ir.config_parameter'].set_param(
                'hotline_portal.rate_recover_sms_number', '2/3600')
        self._recover_sms(number, '13700005678')
        self._recover_sms(number, '13700005678')
        page = self._recover_sms(number, '13700005678')
        self.assertNotIn('o_hotline_sent', page)
        self.assertEqual(len(self.sms('+8613700005678', 'recovery')), 2)

    def test_wechat_binding_verified_by_sms_code(self):
        """CH-10, CH-2: binding 张建华's phone texts a code to it; before the code the
        follower's requests are not his and "查询" shows none of his phone requests; a
        wrong code is refused; with the right code the next request is linked to his
        profile and "查询" lists his requests."""
        peer = WechatPeer(self, safe=True)
        answer = peer.reply_text(peer.post({'MsgType': 'text', 'Content': '绑定 13812340001'}))
        self.assertIn('138****0001', answer)
        texts = self.sms('+8613812340001', 'recovery')
        self.assertEqual(len(texts), 1)
        code = CODE_RE.search(texts[0][0]).group(1)
        peer.reply_text(peer.post({'MsgType': 'text', 'Content': '验证前的诉求内容'}))
        before = self.ticket_rows('content = %s', ['验证前的诉求内容'])
        self.assertFalse(before[0]['partner_id'])
        wrong = '%06d' % ((int(code) + 1) % 1000000)
        peer.reply_text(peer.post({'MsgType': 'text', 'Content': '验证 %s' % wrong}))
        with self.server_env() as env:
            binding = env['hotline.wechat.binding'].search([('phone', '=', '+8613812340001')])
            self.assertFalse(binding.verified)
        answer = peer.reply_text(peer.post({'MsgType': 'text', 'Content': '验证 %s' % code}))
        self.assertIn('138****0001', answer)
        peer.reply_text(peer.post({'MsgType': 'text', 'Content': '验证后的诉求内容'}))
        after = self.ticket_rows('content = %s', ['验证后的诉求内容'])
        phone_requests = self.ticket_rows(
            "channel = 'phone' AND partner_id = %s", [after[0]['partner_id']])
        self.assertTrue(after[0]['partner_id'])
        self.assertTrue(phone_requests, 'the demo citizen has phone requests')
        history = peer.reply_text(peer.post({'MsgType': 'text', 'Content': '查询'}))
        self.assertIn(after[0]['name'], history)
        self.assertTrue(any(row['name'] in history for row in phone_requests))


class TestPortalSmsFuzz(FuzzCase):

    @FUZZ
    @given(number=TEXT, phone=TEXT, code=TEXT)
    def test_recovery_forms_survive_generated_input(self, number, phone, code):
        """CH-2: the SMS recovery forms given generated bad values: never a 500, no request
        created, no SMS queued to a number nobody gave with a request."""
        token = CSRF_RE.search(self.url_open('/hotline/recover').text).group(1)
        self._ok(self.opener.post(self.url('/hotline/recover/sms'), data={
            'csrf_token': token, 'number': number, 'contact_phone': phone}, timeout=30),
            'recover/sms', (number, phone))
        self._ok(self.opener.post(self.url('/hotline/recover/code'), data={
            'csrf_token': token, 'number': number, 'code': code}, timeout=30),
            'recover/code', (number, code))
        self.assertEqual(self._count(), self.before)
        with self.server_env() as env:
            self.assertFalse(env['hotline.sms.message'].search_count(
                [('kind', '=', 'recovery')]))
