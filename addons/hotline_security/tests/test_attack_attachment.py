# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""NF-2 (issue 15, items 1 and 11): attachments that belong to no record — the compiled
asset bundles among them — and files hosted by citizens, attacked over XML-RPC as the
roles of the demo database; what the UI uploads keeps working."""
import base64
import re

from . import web_attack_case

EVIL_JS = base64.b64encode(b'document.title="pwned";alert(document.cookie);').decode()
BUNDLE_RE = re.compile(r'/web/content/(\d+)-[0-9a-f]+/[\w.]+\.js')
PNG = base64.b64encode(
    b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00'
    b'\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N'
    b'\x00\x00\x00\x00IEND\xaeB`\x82').decode()


class TestAttackAttachment(web_attack_case.WebAttackCase):

    def test_employee_cannot_rewrite_the_login_pages_javascript(self):
        """NF-2 (attack, issue 15 item 1): tried as xicheng_handler over XML-RPC to replace
        the JavaScript bundles /web/login loads (with and without a mimetype), to delete
        them, to copy them and to plant a look-alike bundle: every call refused; the login
        page then serves the very same bundles, byte for byte."""
        page = self.url_open('/web/login').text
        urls = sorted(set(m.group(0) for m in BUNDLE_RE.finditer(page)))
        self.assertTrue(urls, 'no compiled bundle found on /web/login')
        before = {url: self.url_open(url).content for url in urls}
        login = 'xicheng_handler'
        for url in urls:
            att_id = int(BUNDLE_RE.match(url).group(1))
            self.assertRefused(login, 'ir.attachment', 'write',
                               [[att_id], {'datas': EVIL_JS}])
            self.assertRefused(login, 'ir.attachment', 'write',
                               [[att_id], {'datas': EVIL_JS, 'mimetype': False}])
            self.assertRefused(login, 'ir.attachment', 'write',
                               [[att_id], {'url': '/web/content/%d-0/x.js' % att_id}])
            self.assertRefused(login, 'ir.attachment', 'unlink', [[att_id]])
            self.assertRefused(login, 'ir.attachment', 'copy', [att_id])
        name = urls[0].rsplit('/', 1)[1]
        for vals in ({'name': urls[0], 'url': urls[0], 'datas_fname': name},
                     {'name': name, 'datas_fname': name, 'res_model': 'ir.ui.view'},
                     {'name': 'x.js', 'datas_fname': 'x.js', 'public': True}):
            self.assertRefused(login, 'ir.attachment', 'create',
                               [dict(vals, datas=EVIL_JS, type='binary')])
        page_after = self.url_open('/web/login').text
        self.assertEqual(sorted(set(m.group(0) for m in BUNDLE_RE.finditer(page_after))),
                         urls)
        for url in urls:
            self.assertEqual(self.url_open(url).content, before[url], url)
            self.assertNotIn(b'pwned', self.url_open(url).content)

    def test_employee_cannot_touch_any_file_of_no_record(self):
        """NF-2 (attack, issue 15 item 1): every attachment of the database that belongs to
        no record or to the site's views (website images, demo documents, bundles), enumerated
        on the server: as unit_handler, changing its name or content and deleting it are
        refused, and nothing changed."""
        self.url_open('/web/login')  # the bundles exist too
        rows = self.server_query(
            "SELECT id, name, checksum FROM ir_attachment "
            "WHERE res_model IS NULL OR res_id IS NULL OR res_id = 0 "
            "OR res_model = 'ir.ui.view' ORDER BY id")
        self.assertGreater(len(rows), 5, rows)
        for row in rows:
            self.assertRefused('unit_handler', 'ir.attachment', 'write',
                               [[row['id']], {'name': 'renamed', 'datas': EVIL_JS}])
            self.assertRefused('unit_handler', 'ir.attachment', 'unlink', [[row['id']]])
        after = self.server_query(
            "SELECT id, name, checksum FROM ir_attachment WHERE id IN %s ORDER BY id",
            (tuple(r['id'] for r in rows),))
        self.assertEqual(after, rows)

    def test_citizen_cannot_host_files_on_the_hotlines_domain(self):
        """NF-2, CH-3 (attack, issue 15 item 11): tried as the demo citizen over XML-RPC to
        store a file others could fetch from the hotline's address: a public attachment, one
        with an access token, one attached to his own user, a link, a plain file; all
        refused, none stored."""
        html = base64.b64encode(b'<html><script>alert(1)</script></html>').decode()
        uid = self.uid_of('citizen')
        for vals in ({'name': 'a.html', 'datas': html, 'public': True},
                     {'name': 'b.png', 'datas': PNG, 'access_token': 'tok-b'},
                     {'name': 'c.png', 'datas': PNG, 'res_model': 'res.users', 'res_id': uid},
                     {'name': 'd', 'type': 'url', 'url': 'http://evil.example/'},
                     {'name': 'e.png', 'datas': PNG}):
            self.assertRefused('citizen', 'ir.attachment', 'create', [vals])
        self.assertEqual(self.server_query(
            'SELECT id FROM ir_attachment WHERE create_uid = %s', (uid,)), [])

    def test_agent_still_attaches_files_in_a_requests_chatter(self):
        """NF-2, TK-6 (issue 15 item 1 keeps the UI working): the agent signs in, uploads a
        photo with the chatter's composer (/web/binary/upload_attachment, res_id 0 — his own
        fresh upload, which he may also remove again), posts it on a request he took, and
        pastes an image into a message: the files end on the request."""
        session = self.web_session('agent')
        ticket = self.call_kw(session, 'hotline.ticket', 'create', [{
            'title': '路灯不亮', 'content': '小区门口的路灯坏了。', 'ticket_type': 'complaint',
            'channel': 'phone', 'contact_name': '王芳', 'contact_phone': '13700005678'}])
        self.assertIn('result', ticket, ticket)
        ticket_id = ticket['result']
        ids = []
        for name in ('photo.png', 'spare.png'):
            answer = session.post(self.url('/web/binary/upload_attachment'), data={
                'csrf_token': self.csrf_of(session), 'callback': 'cb',
                'model': 'mail.compose.message', 'id': '0'},
                files={'ufile': (name, base64.b64decode(PNG), 'image/png')}, timeout=60)
            found = re.search(r'"id": (\d+)', answer.text)
            self.assertTrue(found, answer.text)
            ids.append(int(found.group(1)))
        removed = self.call_kw(session, 'ir.attachment', 'unlink', [[ids[1]]])
        self.assertIn('result', removed, removed)
        posted = self.call_kw(session, 'hotline.ticket', 'message_post', [[ticket_id]], {
            'body': '现场照片', 'message_type': 'comment', 'subtype': 'mail.mt_note',
            'attachment_ids': [ids[0]]})
        self.assertIn('result', posted, posted)
        pasted = self.call_kw(session, 'hotline.ticket', 'message_post', [[ticket_id]], {
            'body': '<p>截图 <img src="data:image/png;base64,%s"></p>' % PNG,
            'message_type': 'comment', 'subtype': 'mail.mt_note'})
        self.assertIn('result', pasted, pasted)
        rows = self.server_query(
            'SELECT id, res_model, res_id FROM ir_attachment WHERE id = ANY(%s)', (ids,))
        self.assertEqual(rows, [{'id': ids[0], 'res_model': 'hotline.ticket',
                                 'res_id': ticket_id}])
        pasted_rows = self.server_query(
            "SELECT a.access_token FROM ir_attachment a "
            "JOIN message_attachment_rel r ON r.attachment_id = a.id "
            "WHERE r.message_id = %s", (pasted['result'],))
        self.assertEqual(len(pasted_rows), 1)
        self.assertTrue(pasted_rows[0]['access_token'])
