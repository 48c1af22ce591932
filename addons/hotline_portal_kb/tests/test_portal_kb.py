# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-6: citizens search the external knowledge on the website."""
from hypothesis import given

from odoo.addons.hotline_portal.tests.common import PortalHttpCase
from odoo.addons.hotline_portal.tests.test_portal_fuzz import FUZZ, TEXT, FuzzCase


class TestPortalKb(PortalHttpCase):

    def get(self, path):
        # the first search loads jieba's dictionary: more than url_open's 10 s on a busy
        # machine
        return self.opener.get(self.url(path), timeout=60)

    def test_search_finds_external_items_only(self):
        """CH-6: "社保卡 补办" finds the external item with the terms highlighted and its page
        opens; an internal item is neither found nor opened by its URL; markup typed in the
        query comes back escaped."""
        page = self.get('/hotline/knowledge?q=社保卡 补办').text
        self.assertIn('社保卡丢失如何补办', page.replace('<mark>', '').replace('</mark>', ''))
        self.assertIn('<mark>', page)
        with self.server_env() as env:
            external = env.ref('hotline_kb.kb_item_2').id
            internal = env.ref('hotline_kb.kb_item_5').id
        self.assertIn('/hotline/knowledge/%d' % external, page)
        item = self.get('/hotline/knowledge/%d' % external)
        self.assertEqual(item.status_code, 200)
        self.assertIn('12333', item.text)
        hidden = self.get('/hotline/knowledge?q=户口 迁入 毕业生').text
        self.assertNotIn('/hotline/knowledge/%d' % internal, hidden)
        self.assertNotIn('派出所申请办理户口迁入', hidden)
        self.assertEqual(self.get('/hotline/knowledge/%d' % internal).status_code, 404)
        xss = self.get('/hotline/knowledge?q=<script>alert(1)</script>').text
        self.assertNotIn('<script>alert(1)</script>', xss)


class TestPortalKbFuzz(FuzzCase):

    @FUZZ
    @given(query=TEXT, item=TEXT)
    def test_search_survives_generated_input(self, query, item):
        """CH-6: generated queries (KB syntax characters, markup, NUL, huge) and item ids:
        never a 500, and no markup of the query comes back unescaped."""
        page = self.opener.get(self.url('/hotline/knowledge'), params={'q': query},
                               timeout=60)
        self._ok(page, 'knowledge', query)
        if '<script>' in query:
            self.assertNotIn('<script>alert', page.text)
        self._ok(self.opener.get(self.url('/hotline/knowledge/%s' % (
            item.replace('/', '')[:30] or '0')), timeout=60), 'knowledge item', item)
