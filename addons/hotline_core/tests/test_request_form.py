# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from .common import HotlineCase


class TestRequestForm(HotlineCase):
    """Issue 16, TK-6, NF-1: what the unsaved request form gets from the server."""

    def test_unsaved_form_knows_the_screening_window(self):
        """TK-6: the new form's defaults carry the window (the form said "近 0 天内")."""
        self.env['ir.config_parameter'].sudo().set_param('hotline.duplicate_window_days', '9')
        defaults = self.env['hotline.ticket'].sudo(self.agent).default_get(
            ['dup_window_days', 'title'])
        self.assertEqual(defaults['dup_window_days'], 9)

    def test_technical_fields_are_not_offered_to_group_by(self):
        """NF-1: the pivot's group-by list (stored fields of fields_get) offered "Last
        Message Date", "Next Activity Deadline", 微信OpenID and keywords; the fields a user
        groups by stay."""
        described = self.env['hotline.ticket'].sudo(self.agent).fields_get()
        offered = {name for name, field in described.items() if field.get('store')}
        for name in ('message_last_post', 'activity_date_deadline', 'title_keywords',
                     'color', 'message_follower_ids'):
            if name in described:
                self.assertNotIn(name, offered)
        for name in ('ticket_type', 'channel', 'state', 'category_id', 'bureau_id',
                     'register_date', 'user_id'):
            self.assertIn(name, offered)

    def test_corrected_caller_number_corrects_the_copied_contact_phone(self):
        """TK-6: the contact phone copied from the caller number follows its correction;
        one the agent typed does not."""
        Ticket = self.env['hotline.ticket'].sudo(self.agent)
        form = Ticket.new({'caller_number': '15655550001'})
        form._onchange_caller_number()
        form._onchange_contact_phone()
        self.assertEqual(form.contact_phone, '15655550001')
        form.caller_number = '15655550002'
        form._onchange_caller_number()
        self.assertEqual(form.contact_phone, '15655550002')
        form.contact_phone = '13700001111'
        form._onchange_contact_phone()
        form.caller_number = '15655550003'
        form._onchange_caller_number()
        self.assertEqual(form.contact_phone, '13700001111')
