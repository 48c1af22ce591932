# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""NF-1: the hotline speaks Chinese — every term of hotline_core has a zh_CN translation."""
from odoo.addons.hotline_core.tests import i18n_case

LANG = i18n_case.LANG


class TestTranslations(i18n_case.TranslationCompletenessCase):
    """NF-1: hotline_core is completely translated into Simplified Chinese."""
    _module = 'hotline_core'

    def test_request_form_labels_in_chinese(self):
        """NF-1: the request's field labels and selection values read in Chinese."""
        Ticket = self.env['hotline.ticket'].with_context(lang=LANG)
        fields = Ticket.fields_get(
            ['ticket_type', 'channel', 'caller_number', 'contact_phone', 'content', 'state'],
            attributes=['string', 'selection'])
        self.assertEqual(
            {name: fields[name]['string'] for name in fields},
            {'ticket_type': '诉求类型', 'channel': '渠道', 'caller_number': '来电号码',
             'contact_phone': '联系电话', 'content': '诉求内容', 'state': '状态'})
        self.assertEqual(dict(fields['ticket_type']['selection'])['complaint'], '投诉')
        self.assertEqual(dict(fields['channel']['selection'])['mailbox'], '市长信箱')
        self.assertEqual(dict(fields['state']['selection'])['done'], '已办结')
