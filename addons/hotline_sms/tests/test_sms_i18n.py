# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""NF-1: the SMS platform speaks Chinese — every term of hotline_sms has a zh_CN
translation."""
from odoo.addons.hotline_core.tests import i18n_case


class TestTranslations(i18n_case.TranslationCompletenessCase):
    """NF-1: hotline_sms is completely translated into Simplified Chinese."""
    _module = 'hotline_sms'

    def test_system_templates_in_chinese(self):
        """NF-1, SM-2: the acknowledgement a citizen receives reads in Chinese."""
        ack = self.env.ref('hotline_sms.sms_template_ack').with_context(lang='zh_CN')
        self.assertIn('工单号', ack.body)
