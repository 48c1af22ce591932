# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, models, tools


class MailThread(models.AbstractModel):
    _inherit = 'mail.thread'

    @api.model
    def _get_tracked_fields(self, updated_fields):
        """Issue 19: the descriptions of the tracked fields, made once per model, user and
        language instead of at every create and write of a document (Odoo 11 describes
        every tracked field with all its attributes each time: a request has 17, about a
        millisecond per registration). The same dictionary as Odoo's (``fields_get``:
        translated labels, fields the user may not read left out); cleared with the
        registry's caches, as when a user's groups or the translations change. Not to be
        modified by callers (Odoo's tracking only reads it)."""
        return self._tracked_fields_described(self.env.lang)

    @api.model
    @tools.ormcache('self.env.uid', 'lang')
    def _tracked_fields_described(self, lang):
        tracked = [name for name, field in self._fields.items()
                   if getattr(field, 'track_visibility', False)]
        return self.fields_get(tracked) if tracked else {}
