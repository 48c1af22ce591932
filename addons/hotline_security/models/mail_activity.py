# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, models


class MailActivity(models.Model):
    """NF-2: activities are read with their document (record rules of
    ``security/hardening_mail.xml``); one moved to another document needs the rights of a
    new one there (Odoo 11 only checks the row before the move: "your own activity")."""
    _name = 'mail.activity'
    _inherit = ['mail.activity', 'hotline.document.access.mixin']
    _hotline_document_field = 'activity_ids'

    @api.multi
    def write(self, values):
        result = super().write(values)
        if 'res_model' in values or 'res_id' in values or 'res_model_id' in values:
            self._check_access('create')
        return result
