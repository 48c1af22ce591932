# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-13: e-mail to the hotline and the mayor's mailbox becomes a request."""
from odoo.tests.common import SavepointCase

RAW = """Return-Path: <wang@example.com>
From: =?utf-8?b?546L5aSn5aaI?= <wang@example.com>
To: {to}
Subject: =?utf-8?b?5bmz5a6J6Lev6Lev54Gv5LiN5Lqu?=
Message-ID: <{msgid}@example.com>
Date: Tue, 24 Nov 2026 10:00:00 +0800
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="XYZ"

--XYZ
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

平安路的路灯已经三天不亮了，请尽快维修。
--XYZ
Content-Type: image/png; name="lamp.png"
Content-Disposition: attachment; filename="lamp.png"
Content-Transfer-Encoding: base64

iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4DwAAAQEABRjYTgAAAABJRU5ErkJggg==
--XYZ--
"""
REPLY = """From: wang@example.com
To: 12345@hotline.example
Subject: Re: reply
Message-ID: <reply-1@example.com>
In-Reply-To: <{msgid}@example.com>
References: <{msgid}@example.com>
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

补充：晚上七点以后完全漆黑。
"""


class TestMailIntake(SavepointCase):

    def _process(self, raw):
        return self.env['mail.thread'].message_process(False, raw.encode('utf-8'))

    def test_mail_to_alias_creates_request_with_attachment(self):
        """CH-13: a mail to 12345@ becomes a request on channel e-mail, subject as title,
        body as content, sender as contact, the photo attached; a reply threads onto it."""
        ticket_id = self._process(RAW.format(to='12345@hotline.example', msgid='m1'))
        ticket = self.env['hotline.ticket'].browse(ticket_id)
        self.assertEqual(ticket.channel, 'email')
        self.assertEqual(ticket.title, '平安路路灯不亮')
        self.assertIn('三天不亮', ticket.content)
        self.assertEqual((ticket.contact_name, ticket.contact_email),
                         ('王大妈', 'wang@example.com'))
        self.assertRegex(ticket.name, r'^12345-\d{8}-\d{5}$')
        attachments = self.env['ir.attachment'].search(
            [('res_model', '=', 'hotline.ticket'), ('res_id', '=', ticket.id)])
        self.assertEqual(attachments.mapped('name'), ['lamp.png'])
        count = self.env['hotline.ticket'].search_count([])
        self.assertEqual(self._process(REPLY.format(msgid='m1')), ticket.id)
        self.assertEqual(self.env['hotline.ticket'].search_count([]), count,
                         'a reply created a new request')
        self.assertIn('七点以后', ''.join(ticket.message_ids.mapped('body')))

    def test_mail_to_mayor_mailbox(self):
        """CH-13: a mail to mayor@ becomes a request on channel mayor's mailbox."""
        ticket_id = self._process(RAW.format(to='mayor@hotline.example', msgid='m2'))
        self.assertEqual(self.env['hotline.ticket'].browse(ticket_id).channel, 'mailbox')
