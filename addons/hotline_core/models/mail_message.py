# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, models

from ..tools.orm import insert_rows, invalidate_thread_fields


class MailMessage(models.Model):
    """Issue 19: a chatter line costs fewer statements.

    - The tracked values of a line are inserted in one statement: Odoo 11 creates one
      ``mail.tracking.value`` per tracked field through the ORM, one INSERT each (eight on
      the creation line of every request). They are inserted before the message is
      notified, as Odoo does: the inbox and e-mail notifications show them.
    - A message created without recipients (partners, channels) is notified knowing it:
      Odoo 11 reads both back from the database first.
    - Posting forgets only what a message can change of its document
      (``invalidate_thread_fields``)."""
    _inherit = 'mail.message'

    @api.model
    def create(self, values):
        prepared = {}
        commands = values.get('tracking_value_ids') or []
        # a message made for an e-mail (mail.mail) is not notified: left to Odoo
        if self.env.context.get('message_create_from_mail_mail'):
            return super().create(values)
        if len(commands) > 1 and all(
                isinstance(c, (list, tuple)) and c[0] == 0 for c in commands):
            values = dict(values)
            del values['tracking_value_ids']
            prepared['tracking'] = [dict(c[2]) for c in commands]
        prepared['no_recipients'] = not values.get('partner_ids') \
            and not values.get('channel_ids')
        message = super(MailMessage, self.with_context(hotline_message_prepared=prepared)
                        ).create(values)
        return message.with_env(self.env)

    def _invalidate_documents(self):
        for record in self:
            if record.model:
                invalidate_thread_fields(self.env, record.model, record.res_id)

    @api.multi
    def _notify(self, force_send=False, send_after_commit=True, user_signature=True):
        prepared = self.env.context.get('hotline_message_prepared')
        if prepared is not None:
            # for this message only, not for messages made while notifying it
            self = self.with_context(hotline_message_prepared=None)
            if prepared.get('tracking'):
                # sudo: Odoo writes the tracking values of a message as superuser as well
                insert_rows(self.env['mail.tracking.value'].sudo(),
                            [dict(row, mail_message_id=self.id)
                             for row in prepared['tracking']])
                self.invalidate_cache(['tracking_value_ids'], self.ids)
            if prepared.get('no_recipients') and len(self) == 1:
                for message in (self, self.sudo()):
                    message._cache['partner_ids'] = ()
                    message._cache['channel_ids'] = ()
        return super()._notify(force_send=force_send, send_after_commit=send_after_commit,
                               user_signature=user_signature)
