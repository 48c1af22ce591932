# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""NF-1: the telephony module speaks Chinese — every term of hotline_cti is translated."""
from odoo.addons.hotline_core.tests import i18n_case

LANG = i18n_case.LANG


class TestTranslations(i18n_case.TranslationCompletenessCase):
    """NF-1: hotline_cti is completely translated into Simplified Chinese."""
    _module = 'hotline_cti'

    def test_agent_states_in_chinese(self):
        """NF-1, AG-2, AG-4, AG-5: the agent states read with the centre's words (置忙 is the
        pause, 话后处理 the after-call work)."""
        fields = self.env['hotline.cti.agent'].with_context(lang=LANG).fields_get(
            ['state'], attributes=['string', 'selection'])
        states = dict(fields['state']['selection'])
        self.assertEqual(states['paused'], '置忙')
        self.assertEqual(states['wrapup'], '话后处理')
        self.assertEqual(states['idle'], '空闲')
        # AG-5, MO-1: hold and outbound calls as the grid shows them
        self.assertEqual(states['hold'], '保持中')
        self.assertEqual(states['outbound'], '外呼中')
        self.assertEqual(fields['state']['string'], '坐席状态')
