# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""NF-2, CH-1 (issue 15, item 2): outgoing mails (``mail.mail``) attacked over XML-RPC and
the web client's JSON-RPC as a citizen and as an employee; Odoo's own sending still works;
failed mails that carry secrets do not linger."""
import datetime

from odoo import fields
from odoo.tests.common import SavepointCase

from . import web_attack_case

SECRET = 'Qz7pW2xK'


class TestAttackMailMail(web_attack_case.WebAttackCase):

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            # what the portal queues after a website submission (template, as superuser)
            values = {'subject': '您的诉求已受理', 'email_to': 'other.citizen@example.com',
                      'body_html': '<p>查询密码：<strong>%s</strong></p>' % SECRET,
                      'auto_delete': True}
            self.queued = env['mail.mail'].create(values).id
            self.failed = env['mail.mail'].create(dict(values, state='exception')).id

    def _unchanged(self):
        with self.server_env() as env:
            env.cr.execute('SELECT m.id, m.email_to, m.state FROM mail_mail m '
                           'ORDER BY m.id')
            return env.cr.fetchall()

    def test_citizen_and_clerk_cannot_read_or_touch_outgoing_mails(self):
        """NF-2, CH-1 (attack, issue 15 item 2): tried as the demo citizen and as another
        district's unit handler over XML-RPC: search_read, search, read by id (queued and
        failed mail with another citizen's query password), write (redirect it), create
        (send phishing as the hotline), unlink — every call refused; no mail changed or
        added."""
        before = self._unchanged()
        for login in ('citizen', 'xicheng_handler'):
            for method, args, kwargs in (
                    ('search_read', [[]], {'fields': ['body_html', 'email_to']}),
                    ('search', [[]], {}),
                    ('read', [[self.queued, self.failed], ['body_html']], {}),
                    ('write', [[self.queued], {'email_to': 'attacker@example.com'}], {}),
                    ('create', [{'email_to': 'victim@example.com', 'subject': '12345',
                                 'body_html': '<a href="http://evil.example">退款</a>'}], {}),
                    ('unlink', [[self.failed]], {})):
                fault = self.assertRefused(login, 'mail.mail', method, args, kwargs)
                self.assertNotIn(SECRET, fault)
        self.assertEqual(self._unchanged(), before)

    def test_web_client_json_rpc_refuses_outgoing_mails(self):
        """NF-2 (attack, issue 15 item 2): the same through /web/dataset/call_kw in the
        citizen's signed-in browser session: search_read and read answer an error without
        the password; write is refused."""
        session = self.web_session('citizen')
        for method, args, kwargs in (
                ('search_read', [[]], {'fields': ['body_html', 'email_to']}),
                ('read', [[self.queued, self.failed]], {'fields': ['body_html']}),
                ('write', [[self.queued], {'email_to': 'attacker@example.com'}], {})):
            answer = self.call_kw(session, 'mail.mail', method, args, kwargs)
            self.assertIn('error', answer, answer)
            self.assertNotIn(SECRET, str(answer))

    def test_odoos_own_mails_still_go_out(self):
        """NF-2 (issue 15 item 2, nothing stops working): an agent posts a message on a
        request to a citizen's partner; Odoo queues the notification mail as superuser and
        the mail queue (the system) sends it (test mode: no SMTP), as before."""
        with self.server_env() as env:
            partner = env['res.partner'].create({'name': '通知测试', 'email': 'n@example.com'})
            partner_id = partner.id
        session = self.web_session('agent')
        ticket = self.call_kw(session, 'hotline.ticket', 'create', [{
            'title': '噪音扰民', 'content': '夜间施工。', 'ticket_type': 'complaint',
            'channel': 'phone', 'contact_name': '李雷', 'contact_phone': '13700007777'}])
        self.assertIn('result', ticket, ticket)
        posted = self.call_kw(session, 'hotline.ticket', 'message_post', [[ticket['result']]], {
            'body': '已联系处理单位', 'message_type': 'comment', 'subtype': 'mail.mt_comment',
            'partner_ids': [partner_id]})
        self.assertIn('result', posted, posted)
        query = ('SELECT email_status FROM mail_message_res_partner_needaction_rel '
                 'WHERE mail_message_id = %s AND res_partner_id = %s')
        with self.server_env() as env:
            env.cr.execute(query, (posted['result'], partner_id))
            self.assertEqual(env.cr.fetchall(), [('ready',)])
            mails = env['mail.mail'].search([('mail_message_id', '=', posted['result'])])
            self.assertEqual(len(mails), 1)
            mails.send()
            env.cr.execute(query, (posted['result'], partner_id))
            self.assertEqual(env.cr.fetchall(), [('sent',)])


class TestFailedMailPurge(SavepointCase):
    """NF-2 (issue 15 item 2): Odoo 11 keeps failed mails for ever."""

    def test_failed_secret_mails_are_deleted_after_the_keep_days(self):
        """NF-2: the hourly cron deletes failed mails marked auto_delete (the hotline's
        password mails) whose last change is older than hotline.mail_failed_keep_days (3),
        with their message; recent failures (to retry after an outage), queued mails and
        failed mails that are not auto_delete stay."""
        Mail = self.env['mail.mail']
        values = {'subject': 's', 'email_to': 'x@example.com', 'body_html': SECRET,
                  'auto_delete': True}
        old = Mail.create(dict(values, state='exception'))
        recent = Mail.create(dict(values, state='exception'))
        queued = Mail.create(dict(values, state='outgoing'))
        kept = Mail.create(dict(values, state='exception', auto_delete=False))
        old_message = old.mail_message_id
        days_ago = fields.Datetime.to_string(datetime.datetime.now()
                                             - datetime.timedelta(days=4))
        self.env.cr.execute('UPDATE mail_mail SET write_date = %s WHERE id IN %s',
                            (days_ago, (old.id, queued.id, kept.id)))
        self.env['ir.config_parameter'].set_param('hotline.mail_failed_keep_days', '3')
        cron = self.env.ref('hotline_security.cron_purge_failed_mails')
        self.assertTrue(cron.active)
        cron.method_direct_trigger()
        self.assertFalse(old.exists())
        self.assertFalse(old_message.exists())
        self.assertEqual((recent | queued | kept).exists(), recent | queued | kept)
