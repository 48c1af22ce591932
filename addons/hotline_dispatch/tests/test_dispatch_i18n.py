# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""NF-1: every term of hotline_dispatch has a zh_CN translation."""
from odoo.tests.common import SavepointCase
from odoo.tools.translate import trans_generate

from odoo.addons.hotline_core.tests import test_i18n as core_i18n

LANG = 'zh_CN'
MODULE = 'hotline_dispatch'


class TestDispatchTranslations(SavepointCase):
    """NF-1: hotline_dispatch is completely translated into Simplified Chinese."""

    # the same look-up as hotline_core's translation test (without its fallback to source)
    _db_translation = core_i18n.TestTranslations._db_translation

    def test_every_term_translated(self):
        """NF-1: every exported term of hotline_dispatch (labels, selections, views, menus,
        actions, data, messages in code) has a non-empty zh_CN translation in the database."""
        terms = trans_generate(LANG, [MODULE], self.env.cr)
        self.assertTrue(terms)
        missing = sorted(
            '%s %s [%s]: %r' % (term_type, name, res_id, src)
            for module, term_type, name, res_id, src, value, _comments in terms
            if module == MODULE
            and (not value or not self._db_translation(term_type, name, res_id, src)))
        self.assertFalse(missing, 'NF-1: untranslated hotline_dispatch terms; run '
                                  'tools/i18n_export.sh hotline_dispatch:\n' + '\n'.join(missing))

    def test_states_and_desks_in_chinese(self):
        """NF-1: the request states added by dispatch, and the unit desk, read in Chinese."""
        Ticket = self.env['hotline.ticket'].with_context(lang=LANG)
        states = dict(Ticket.fields_get(['state'])['state']['selection'])
        self.assertEqual(states['dispatched'], '已派单待签收')
        self.assertEqual(states['to_callback'], '待回访')
        self.assertEqual(states['callback_failed'], '市民不满意')
        menu = self.env.ref('hotline_dispatch.hotline_ticket_assignment_menu_to_sign')
        self.assertEqual(menu.with_context(lang=LANG).name, '待签收')
