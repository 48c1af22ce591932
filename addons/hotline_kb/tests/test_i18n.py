# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""NF-1: the knowledge base and announcements speak Chinese — every term of hotline_kb has a
zh_CN translation."""
from odoo.addons.hotline_core.tests import i18n_case

LANG = i18n_case.LANG


class TestKbTranslations(i18n_case.TranslationCompletenessCase):
    """NF-1: hotline_kb is completely translated into Simplified Chinese."""
    _module = 'hotline_kb'

    def test_item_labels_in_chinese(self):
        """NF-1, KB-4: the item's labels and states read in Chinese."""
        fields = self.env['hotline.kb.item'].with_context(lang=LANG).fields_get(
            ['name', 'state', 'date_to'], attributes=['string', 'selection'])
        self.assertEqual(fields['name']['string'], '标题')
        self.assertEqual(fields['date_to']['string'], '失效日期')
        self.assertEqual(dict(fields['state']['selection'])['recycle'], '回收站')
