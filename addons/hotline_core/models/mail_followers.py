# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import models

from ..tools.orm import invalidate_thread_fields


class MailFollowers(models.Model):
    """Issue 19: adding a follower forgets only what it can change of the document (the
    followers and the fields computed when read), not its stored columns: Odoo 11 made a
    request being registered be read again for each follower added."""
    _inherit = 'mail.followers'

    def _invalidate_documents(self):
        for record in self:
            if record.res_model:
                invalidate_thread_fields(self.env, record.res_model, record.res_id)
