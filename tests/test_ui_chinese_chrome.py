"""Issue 16, NF-1: the web client's own words a Chinese user meets first — the login page's
label and the title of an error dialog — are Chinese.

Before: the login field was labelled 电子邮箱 (logins here are names), and every error
dialog was titled "Odoo Server Error - 验证错误" (the server's untranslated message).
"""
import unittest

import requests

try:
    from selenium.common.exceptions import ElementClickInterceptedException
except ImportError:  # pragma: no cover
    ElementClickInterceptedException = Exception

import browser  # tests/browser.py
import desk_ui  # tests/desk_ui.py


@unittest.skipUnless(browser.AVAILABLE, 'needs selenium, chromium and chromium-driver')
class TestUiChineseChrome(desk_ui.DeskCase):

    def test_login_label_and_error_dialog_title(self):
        """NF-1: /web/login labels the login 账号; an invalid phone on the request form
        opens a dialog whose title has no English word (it said "Odoo Server Error")."""
        self.driver.get('%s/web/login' % self.base)
        label = self.wait_css('label[for="login"]').text.strip()
        self.assertEqual(label, '账号')
        self.login('agent')
        self.open_app('12345热线')
        self.click_menu('诉求', '新建诉求')
        self.type_in('title', '标题测试 路灯')
        self.type_in('contact_name', '界面测试市民')
        self.type_in('contact_phone', '12345abc')
        self.type_in('content', '路灯不亮。')
        self.save()
        title = self.wait_css('.modal .modal-title').text
        self.shot('error_dialog_title.png')
        self.assertIn('验证错误', title)
        self.assertFalse(desk_ui.latin_words(title), title)

    def test_session_expired_dialog_in_chinese(self):
        """NF-1, issue 16: Odoo 11's own dialog titles named the product (Odoo会话过期,
        Odoo警告, Odoo错误): an agent whose session has expired and who clicks a menu reads
        a Chinese title and message without "Odoo" (it said "Odoo会话过期 — 你的Odoo会话已
        到期"). hotline_core translates web's terms; the same holds for the other titles."""
        self.login('agent')
        self.open_app('12345热线')
        # the session ends on the server, as after a timeout (deleting the browser's cookie
        # is not enough: a request in flight, e.g. the bus's long poll, sets it again)
        sid = self.driver.get_cookie('session_id')['value']
        ended = requests.post('%s/web/session/destroy' % self.base, cookies={'session_id': sid},
                              json={'jsonrpc': '2.0', 'method': 'call', 'params': {}},
                              timeout=30)
        self.assertEqual(ended.status_code, 200)
        try:
            self.menu_link('诉求', '新建诉求').click()
        except ElementClickInterceptedException:
            pass  # the bus's long poll met the ended session first: the dialog is up already
        title = self.wait_css('.modal .modal-title').text
        body = self.wait_css('.modal .modal-body').text
        self.shot('session_expired_dialog.png')
        self.assertIn('登录已过期', title)
        self.assertIn('请刷新页面', body)
        self.assertFalse(desk_ui.latin_words(title + ' ' + body), title + '\n' + body)

    def test_access_refusal_in_chinese(self):
        """NF-1, NF-2, issue 16: a district clerk who follows a link to a request that is
        not his unit's is refused in Chinese — without Odoo's technical tail "(单据类型:
        hotline.ticket, 操作: read)" — and a refusal that names who may do it names the
        groups in Chinese (Odoo 11 read them in raw SQL: "12345 Hotline/Office Leader")."""
        with self.server_env(context={'lang': 'zh_CN'}) as env:
            agent = env.ref('hotline_core.user_agent')
            ticket = env['hotline.ticket'].sudo(agent).create({
                'title': '链接拒绝测试', 'ticket_type': 'complaint', 'content': '未派单的草稿',
                'contact_name': '测试市民', 'contact_phone': '13912340077'})
            ticket_id = ticket.id
            unit_id = env.ref('hotline_core.user_unit_handler').hotline_unit_ids[:1].id
        self.login('unit_handler')
        self.driver.get('%s/web#id=%d&model=hotline.ticket&view_type=form' % (
            self.base, ticket_id))
        text = self.wait_css('.modal .o_dialog_warning').text
        title = self.wait_css('.modal .modal-title').text
        self.shot('access_refusal_dialog.png')
        self.assertIn('安全限制', text)
        self.assertFalse(desk_ui.latin_words(title + ' ' + text), title + '\n' + text)
        # the refusal of a write names who may: in the clerk's language
        session = requests.Session()
        session.cookies.set('session_id', self.driver.get_cookie('session_id')['value'])
        answer = session.post('%s/web/dataset/call_kw' % self.base, timeout=30, json={
            'jsonrpc': '2.0', 'method': 'call', 'params': {
                'model': 'hotline.unit', 'method': 'unlink', 'args': [[unit_id]],
                'kwargs': {'context': {'lang': 'zh_CN'}}}}).json()
        message = answer['error']['data']['message']
        self.assertIn('access_error', answer['error']['data']['exception_type'])
        groups = message.split(':\n', 1)[1].rsplit('\n\n', 1)[0]
        self.assertTrue(groups.strip(), message)
        self.assertFalse(desk_ui.latin_words(groups), message)
