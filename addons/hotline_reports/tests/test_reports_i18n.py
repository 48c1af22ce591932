# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""NF-1: every term of hotline_reports has a zh_CN translation."""
from odoo.addons.hotline_core.tests import i18n_case

LANG = i18n_case.LANG


class TestReportsTranslations(i18n_case.TranslationCompletenessCase):
    """NF-1: the statistics, assessment and wallboard read in Simplified Chinese."""
    _module = 'hotline_reports'

    def test_report_labels_in_chinese(self):
        """NF-1, ST-2: the call analysis' measures read in Chinese."""
        fields = self.env['hotline.call.report'].with_context(lang=LANG).fields_get(
            ['sl15_rate', 'answer_rate'], attributes=['string'])
        self.assertEqual(fields['sl15_rate']['string'], '15秒服务水平(%)')
        self.assertEqual(fields['answer_rate']['string'], '接通率(%)')
