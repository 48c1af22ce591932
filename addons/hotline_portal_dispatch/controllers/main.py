# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-7: the data broadcast — public figures by unit, as a table and bar charts."""
from odoo import fields, http
from odoo.http import request

from odoo.addons.hotline_portal.controllers.main import HotlineWebsite


class HotlinePortalData(http.Controller):

    @http.route('/hotline/data', type='http', auth='public', website=True)
    def data(self, period='month', date_from=None, date_to=None, **kw):
        """CH-7: accepted, closed, on-time rate and satisfaction per unit over the week, the
        month or a chosen period (no names of people, only units and counts)."""
        start, end = HotlineWebsite._period(period, date_from, date_to)
        # sudo: aggregated counts per unit are public information (CH-7)
        rows = request.env['hotline.ticket'].sudo()._portal_unit_statistics(start, end)
        top = max([r['accepted'] for r in rows] or [1]) or 1
        return request.render('hotline_portal_dispatch.data_page', {
            'rows': rows, 'top': top, 'period': period if period in (
                'week', 'month', 'custom') else 'month',
            'date_from': fields.Date.to_string(start), 'date_to': fields.Date.to_string(end),
            'date_error': HotlineWebsite._period_error(period, date_from, date_to),
        })
