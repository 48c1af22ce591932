# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api, models


class MailMessage(models.Model):
    """NF-2: a unit clerk reads the messages of a document only if he may read the document.

    Odoo 11 shows a message to its author, its recipients and those notified of it whatever
    the document: a clerk who once followed another district's request kept reading its
    chatter. The record rules of ``security/hardening_mail.xml`` filter searches
    (``message_fetch``, ``search_read``); ``mail.message`` replaces the record-rule check of
    a read by its own, which does not look at ``ir.rule``, so reading by id checks the rules
    here too. Posting, or moving a message to another document, needs the right to post
    there and to read it (Odoo 11 lets any follower post)."""
    _name = 'mail.message'
    _inherit = ['mail.message', 'hotline.document.access.mixin']
    _hotline_model_field = 'model'
    _hotline_document_field = 'message_ids'

    @api.multi
    def check_access_rule(self, operation):
        super().check_access_rule(operation)
        # mail.compose.message inherits this class: the composer keeps its own checks
        if self._name != 'mail.message' or self._uid == SUPERUSER_ID or not self.ids:
            return
        if operation == 'read':
            # Odoo's generic check: the record rules of mail.message (read only)
            models.BaseModel.check_access_rule(self, operation)
        elif operation == 'create':
            # Odoo lets any follower post; a follower who may not (or no longer) read the
            # document may not post on it
            # sudo: the messages' own document references, to check them as the user
            for message in self.sudo():
                if not (message.model and message.res_id) or message.model not in self.env:
                    continue
                document = self.env[message.model].browse(message.res_id)
                document.check_access_rights('read')
                document.check_access_rule('read')

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        if self._name == 'mail.message' and ('model' in vals or 'res_id' in vals):
            self.check_access_rule('create')
        return result
