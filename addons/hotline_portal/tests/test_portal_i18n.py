# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""NF-1: the hotline speaks Chinese — every term of hotline_portal has a zh_CN translation."""
from odoo.addons.hotline_core.tests import i18n_case

LANG = i18n_case.LANG


class TestTranslations(i18n_case.TranslationCompletenessCase):
    """NF-1: hotline_portal is completely translated into Simplified Chinese."""
    _module = 'hotline_portal'

    def test_website_labels_in_chinese(self):
        """NF-1, CH-1: the website's menus and the request's website fields read in
        Chinese; the website speaks Chinese by default."""
        website = self.env['website'].search([], limit=1)
        self.assertEqual(website.default_lang_id.code, LANG)
        menu = self.env.ref('hotline_portal.menu_hotline_submit').with_context(lang=LANG)
        self.assertEqual(menu.name, '我要诉求')
        fields = self.env['hotline.ticket'].with_context(lang=LANG).fields_get(
            ['portal_public', 'portal_published'], attributes=['string'])
        self.assertEqual(fields['portal_public']['string'], '市民同意公开')
        self.assertEqual(fields['portal_published']['string'], '已在网站公开')
