# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, models

from ..tools.orm import insert_rows


class MailMessage(models.Model):
    """Issue 19: the tracked values of a chatter line are inserted in one statement.

    Odoo 11 creates one ``mail.tracking.value`` per tracked field through the ORM, one
    INSERT each: eight on the creation line of every request. Here they are inserted
    together, before the message is notified (as Odoo does: the inbox and e-mail
    notifications show them)."""
    _inherit = 'mail.message'

    @api.model
    def create(self, values):
        commands = values.get('tracking_value_ids') or []
        # a message made for an e-mail (mail.mail) is not notified: left to Odoo
        if len(commands) < 2 or self.env.context.get('message_create_from_mail_mail') \
                or not all(isinstance(c, (list, tuple)) and c[0] == 0 for c in commands):
            return super().create(values)
        values = dict(values)
        del values['tracking_value_ids']
        message = super(MailMessage, self.with_context(
            hotline_tracking_rows=[dict(c[2]) for c in commands])).create(values)
        return message.with_env(self.env)

    @api.multi
    def _notify(self, force_send=False, send_after_commit=True, user_signature=True):
        rows = self.env.context.get('hotline_tracking_rows')
        if rows is not None:
            self = self.with_context(hotline_tracking_rows=None)
            # sudo: Odoo writes the tracking values of a message as superuser as well
            insert_rows(self.env['mail.tracking.value'].sudo(),
                        [dict(row, mail_message_id=self.id) for row in rows])
            self.invalidate_cache(['tracking_value_ids'], self.ids)
        return super()._notify(force_send=force_send, send_after_commit=send_after_commit,
                               user_signature=user_signature)
