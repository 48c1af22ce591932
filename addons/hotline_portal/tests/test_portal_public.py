# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-3, CH-4, CH-5, CH-8: what anybody sees on the public pages."""
from odoo.exceptions import UserError
from odoo.tests.common import SavepointCase

from odoo.addons.hotline_core.tools.text import title_keywords

from ..models.hotline_ticket import mask_personal_data
from .common import PortalHttpCase


class TestPublishing(SavepointCase):

    def _ticket(self, **vals):
        values = {'title': '路面塌陷',
                  'content': '我是张三，电话13812345678，身份证110101199001011234，家住幸福路。',
                  'ticket_type': 'report', 'channel': 'web', 'contact_name': '张三',
                  'contact_phone': '13812345678', 'portal_public': True}
        values.update(vals)
        return self.env['hotline.ticket'].create(values)

    def test_masks(self):
        """CH-3: mobile, landline, identity card and e-mail are masked."""
        self.assertEqual(
            mask_personal_data('13812345678 0838-6212345 110101199001011234 zhang@qq.com'),
            '138****5678 0838-****2345 110101********1234 z***@qq.com')

    def test_publish_masks_personal_data(self):
        """CH-3: publishing proposes masked texts; even what staff typed is masked again."""
        ticket = self._ticket()
        ticket.action_portal_prepare_publication()
        self.assertIn('138****5678', ticket.public_content)
        self.assertNotIn('13812345678', ticket.public_content)
        ticket.public_content += ' 回电13900001111'
        ticket.action_portal_publish()
        self.assertTrue(ticket.portal_published)
        self.assertNotIn('13900001111', ticket.public_content)

    def test_private_request_cannot_be_published(self):
        """CH-3: tried to publish a request the citizen kept private: refused."""
        ticket = self._ticket(portal_public=False)
        with self.assertRaises(UserError):
            ticket.action_portal_publish()
        self.assertFalse(ticket.portal_published)

    def test_author_cannot_publish_announcement(self):
        """CH-5: an agent writes and submits an announcement but cannot publish it; the
        office publishes it after review."""
        agent = self.env.ref('hotline_core.user_agent')
        item = self.env['hotline.portal.announcement'].sudo(agent).create(
            {'name': '停水通知', 'body': '<p>明日停水</p>'})
        item.action_to_review()
        with self.assertRaises(UserError):
            item.action_publish()
        self.assertEqual(item.state, 'review')
        item.sudo(self.env.ref('hotline_core.user_dispatcher')).action_publish()
        self.assertEqual(item.state, 'published')

    def test_hot_keywords_count_published_requests_of_distinct_citizens(self):
        """CH-4: a word in the published titles of three citizens' requests is a hot
        keyword; the same word from unpublished requests, or from one citizen's three
        published requests, is not shown."""
        Ticket = self.env['hotline.ticket']

        def hot():
            return dict(Ticket._portal_hot_keywords('2000-01-01', '2100-01-01', limit=1000))
        title = '小区占道经营严重'
        words = title_keywords(title).split()
        self.assertTrue(words)
        one_citizen = self.env['hotline.ticket']
        for _i in range(3):
            one_citizen |= self._ticket(title=title)
        for _i in range(3):  # unpublished, three citizens
            self._ticket(title=title, contact_phone='1390000%04d' % _i)
        for word in words:
            self.assertNotIn(word, hot(), 'CH-4: a word of unpublished requests was shown')
        one_citizen.action_portal_publish()
        for word in words:
            self.assertNotIn(word, hot(), 'CH-4: one citizen made a word hot')
        for i in range(2):
            self._ticket(title=title, contact_phone='1370000%04d' % i).action_portal_publish()
        shown = hot()
        for word in words:
            self.assertEqual(shown.get(word), 5, word)


class TestPublicPages(PortalHttpCase):

    def test_case_list_shows_only_published_redacted_cases(self):
        """CH-3: the case list shows a published case with its redacted title, not a
        private request, nor the unredacted phone number."""
        with self.server_env() as env:
            public = env['hotline.ticket'].create({
                'title': '公开的诉求13812345678', 'content': '内容13812345678',
                'ticket_type': 'report', 'channel': 'web', 'contact_name': '某人',
                'contact_phone': '13812345678', 'portal_public': True})
            public.action_portal_publish()
            private = env['hotline.ticket'].create({
                'title': '不公开的诉求', 'content': '私密', 'ticket_type': 'report',
                'channel': 'web', 'contact_name': '某人', 'contact_phone': '13812345678'})
            public_id, private_id = public.id, private.id
        page = self.url_open('/hotline/cases?ticket_type=report').text
        self.assertIn('公开的诉求138****5678', page)
        self.assertNotIn('13812345678', page)
        self.assertNotIn('不公开的诉求', page)
        self.assertEqual(self.url_open('/hotline/cases/%d' % public_id).status_code, 200)
        self.assertEqual(self.url_open('/hotline/cases/%d' % private_id).status_code, 404)

    def test_announcements_phones_and_hot_pages(self):
        """CH-4, CH-5, CH-8: published announcements are listed, one under review is not;
        the phone directory and the hot questions page answer (demo data)."""
        news = self.url_open('/hotline/news').text
        self.assertIn('12345热线春节期间服务安排', news)
        self.assertNotIn('待审核', news)
        phones = self.url_open('/hotline/phones').text
        self.assertIn('tel:110', phones)
        hot = self.url_open('/hotline/hot?period=month')
        self.assertEqual(hot.status_code, 200)
        self.assertIn('灵活就业人员社保缴费标准咨询', hot.text)  # demo hot Q&A
        bad = self.url_open('/hotline/hot?period=custom&date_from=x&date_to=2026-13-45')
        self.assertEqual(bad.status_code, 200, 'a bad date must fall back, not fail')
