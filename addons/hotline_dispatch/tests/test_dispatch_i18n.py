# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""NF-1: every term of hotline_dispatch has a zh_CN translation."""
from odoo.addons.hotline_core.tests import i18n_case

LANG = i18n_case.LANG


class TestDispatchTranslations(i18n_case.TranslationCompletenessCase):
    """NF-1: hotline_dispatch is completely translated into Simplified Chinese."""
    _module = 'hotline_dispatch'

    def test_states_and_desks_in_chinese(self):
        """NF-1: the request states added by dispatch, and the unit desk, read in Chinese."""
        Ticket = self.env['hotline.ticket'].with_context(lang=LANG)
        states = dict(Ticket.fields_get(['state'])['state']['selection'])
        self.assertEqual(states['dispatched'], '已派单待签收')
        self.assertEqual(states['to_callback'], '待回访')
        self.assertEqual(states['callback_failed'], '市民不满意')
        menu = self.env.ref('hotline_dispatch.hotline_ticket_assignment_menu_to_sign')
        self.assertEqual(menu.with_context(lang=LANG).name, '待签收')
