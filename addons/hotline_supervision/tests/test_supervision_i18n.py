# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""NF-1: every term of hotline_supervision has a zh_CN translation."""
from odoo.addons.hotline_core.tests import i18n_case

LANG = i18n_case.LANG


class TestSupervisionTranslations(i18n_case.TranslationCompletenessCase):
    """NF-1: hotline_supervision is completely translated into Simplified Chinese."""
    _module = 'hotline_supervision'

    def test_card_levels_and_sms_in_chinese(self):
        """NF-1, SV-3: card levels and the text messages read in Chinese."""
        Card = self.env['hotline.supervision.card'].with_context(lang=LANG)
        levels = dict(Card.fields_get(['level'])['level']['selection'])
        self.assertEqual(levels['yellow'], '黄牌')
        self.assertEqual(levels['red'], '红牌')
        self.assertEqual(levels['prewarning'], '预警')
        texts = Card._sms_texts()
        self.assertIn('红牌', texts[('red', 'overdue')])
