# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime
import json

from odoo import fields

from .common import DispatchCase


class TestNotifications(DispatchCase):

    def _popups(self):
        """(channel, message) of the web_notify pop-ups sent since the last call."""
        messages = self.env['bus.bus'].search([])
        popups = []
        for message in messages:
            channel, payload = json.loads(message.channel), json.loads(message.message)
            if isinstance(channel, str) and channel.startswith('notify_'):
                popups.append((channel, payload['message']))
        messages.unlink()
        return popups

    def _channels_of(self, user, popups):
        return [text for channel, text in popups if channel.endswith('_%d' % user.id)]

    def test_units_hear_of_new_requests_with_a_todo(self):
        """UN-5: when a request arrives, the users of its units get a pop-up and a to-do
        with the deadline; the users of other units get nothing."""
        self._popups()
        ticket = self._dispatched(main=self.district_a, co=[self.bureau])
        popups = self._popups()
        self.assertTrue(any(ticket.name in text
                            for text in self._channels_of(self.unit_a_user, popups)))
        self.assertTrue(any(ticket.name in text
                            for text in self._channels_of(self.bureau_user, popups)))
        self.assertFalse(self._channels_of(self.unit_b_user, popups))
        todo = self.env['mail.activity'].search([
            ('res_model', '=', 'hotline.ticket'), ('res_id', '=', ticket.id),
            ('user_id', '=', self.unit_a_user.id)])
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.date_deadline, ticket.date_deadline[:10])
        # signing for it ends the to-do
        ticket.sudo(self.unit_a_user).action_sign()
        self.assertFalse(todo.exists())

    def test_office_hears_of_returns_completions_and_extensions(self):
        """UN-5: the office gets a pop-up when a unit asks for more time, returns a request
        or reports its result."""
        ticket = self._dispatched(main=self.district_a)
        ticket.sudo(self.unit_a_user).action_sign()
        self._popups()
        later = fields.Datetime.to_string(datetime.datetime.now() + datetime.timedelta(days=30))
        ticket.sudo(self.unit_a_user).action_request_extension(later, '需协调施工队')
        texts = self._channels_of(self.dispatcher, self._popups())
        self.assertTrue(any(ticket.name in text and self.district_a.name in text
                            for text in texts), texts)
        ticket.sudo(self.unit_a_user).action_complete('已修复。')
        texts = self._channels_of(self.dispatcher, self._popups())
        self.assertTrue(any(ticket.name in text for text in texts), texts)
        self.assertFalse(self._channels_of(self.unit_b_user, self._popups()))
        other = self._dispatched(main=self.district_a)
        self._popups()
        other.sudo(self.unit_a_user).action_unit_return(self.reason.id)
        texts = self._channels_of(self.dispatcher, self._popups())
        self.assertTrue(any(other.name in text for text in texts), texts)

    def test_urge_pops_up_as_a_warning_for_the_unit(self):
        """UN-5: urging (催办) pops up as a warning for the units handling the request."""
        ticket = self._dispatched(main=self.district_a)
        self._popups()
        ticket.sudo(self.dispatcher).action_urge('市民多次来电')
        warnings = [text for channel, text in self._popups()
                    if channel == 'notify_warning_%d' % self.unit_a_user.id]
        self.assertTrue(any(ticket.name in text and '市民多次来电' in text
                            for text in warnings))
