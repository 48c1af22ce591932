# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError


def _last_month(self):
    today = fields.Date.from_string(fields.Date.context_today(self))
    return fields.Date.to_string(today.replace(day=1) - relativedelta(months=1))


class HotlineKpiAssess(models.TransientModel):
    """KP-3: score a month with one or more schemes (the monthly job does the same)."""
    _name = 'hotline.kpi.assess'
    _description = 'Run an Assessment'

    scheme_ids = fields.Many2many('hotline.kpi.scheme', string='Schemes', required=True,
                                  default=lambda self: self.env['hotline.kpi.scheme'].search([]))
    month = fields.Date(required=True, default=_last_month,
                        help='Any day of the month to assess.')

    @api.multi
    def action_assess(self):
        self.ensure_one()
        if not self.scheme_ids:
            raise UserError(_('Choose at least one assessment scheme.'))
        month = fields.Date.from_string(self.month)
        Result = self.env['hotline.kpi.result']
        results = Result.browse()
        for scheme in self.scheme_ids:
            results |= Result._compute_period(scheme, month)
        action = self.env.ref('hotline_reports.hotline_kpi_result_action').read()[0]
        action['domain'] = [('id', 'in', results.ids)]
        action['context'] = {}
        return action
