# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, models


class HotlineContactHistory(models.Model):
    """CZ-3: the citizen's calls appear in the contact history."""
    _inherit = 'hotline.contact.history'

    @api.model
    def _history_queries(self):
        return super()._history_queries() + ["""
            SELECT c.id * 10 + 2 AS id, c.partner_id, c.enter_date AS date,
                   'call'::varchar AS kind,
                   COALESCE(c.caller_number, '') || ' ' || COALESCE(c.disposition, '')
                       AS name,
                   c.uniqueid AS reference, c.ticket_id,
                   'hotline.cti.call'::varchar AS res_model, c.id AS res_id
              FROM hotline_cti_call c
             WHERE c.partner_id IS NOT NULL"""]
