# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, models


class HotlineKpiResult(models.Model):
    _inherit = 'hotline.kpi.result'

    @api.model
    def _kpi_card_sql(self):
        """KP-2: the yellow and red cards issued to each unit in the period (pre-warnings
        and delay notices are reminders, not faults: they do not count)."""
        return """
            SELECT unit_id, COUNT(*) AS n_cards
              FROM hotline_supervision_card
             WHERE level IN ('yellow', 'red')
               AND date_issued >= %(start)s AND date_issued < %(end)s
             GROUP BY unit_id"""
