# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError


class MailFollowers(models.Model):
    """NF-2: following a document is ``message_subscribe``'s rule, however it is done.

    Odoo 11 lets every employee create ``mail.followers`` rows over RPC for any document and
    move his own row to another one (its only rule is "write your own rows"): a unit clerk of
    another district followed a request he cannot open and received its chatter. Here a row
    created, changed or removed by a user must pass the document's rights: following it
    yourself needs read access, anybody else (or a channel) following it needs write access —
    what ``message_subscribe`` / ``message_unsubscribe`` check. Reading follower rows is
    limited by the record rules of ``security/hardening_mail.xml``."""
    _name = 'mail.followers'
    _inherit = ['mail.followers', 'hotline.document.access.mixin']

    @api.multi
    def _hotline_check_document_access(self):
        if self.env.uid == SUPERUSER_ID:
            return
        own_partner = self.env.user.partner_id
        # sudo: the rows' own values are read to decide; the checks below run as the user
        for follower in self.sudo():
            model_name, res_id = follower.res_model, follower.res_id
            if not model_name or model_name not in self.env or not res_id:
                raise AccessError(_('A follower must follow an existing document.'))
            document = self.env[model_name].browse(res_id)
            if not document.exists():
                raise AccessError(_('A follower must follow an existing document.'))
            own = follower.partner_id == own_partner and not follower.channel_id
            operation = 'read' if own else 'write'
            try:
                document.check_access_rights(operation)
                document.check_access_rule(operation)
            except AccessError:
                if own:
                    raise AccessError(_('You cannot follow a document you may not read.'))
                raise AccessError(_('Only a user who may edit a document can change who '
                                    'else follows it.'))

    @api.model
    def create(self, vals):
        follower = super().create(vals)
        follower._hotline_check_document_access()
        return follower

    @api.multi
    def write(self, vals):
        self._hotline_check_document_access()
        result = super().write(vals)
        self._hotline_check_document_access()
        return result

    @api.multi
    def unlink(self):
        self._hotline_check_document_access()
        return super().unlink()
