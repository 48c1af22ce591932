# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import _, http
from odoo.exceptions import AccessError
from odoo.http import request

from odoo.addons.mail.controllers.main import MailController


class HotlineMailController(MailController):

    @http.route()
    def read_followers(self, follower_ids, res_model):
        """NF-2: Odoo 11 reads the followers as superuser and checks the caller's rules on
        the model the caller names, not on the followers' own: naming a model without rules
        gave the followers (names, e-mails) of any document. The rows are read as the caller
        first (the record rules of the followers apply) and must be of that model."""
        followers = request.env['mail.followers'].browse(follower_ids)
        followers.check_access_rights('read')
        followers.check_access_rule('read')
        if any(model != res_model for model in followers.sudo().mapped('res_model')):
            raise AccessError(_('These followers are not of that kind of document.'))
        return super().read_followers(follower_ids, res_model)
