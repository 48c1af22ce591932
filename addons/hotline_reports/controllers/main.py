# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from werkzeug.exceptions import Forbidden

from odoo import http
from odoo.http import request

from odoo.addons.hotline_core.tools.http import json_response


class HotlineWallboard(http.Controller):

    def _check(self):
        if not request.env['hotline.wallboard']._wallboard_allowed():
            raise Forbidden()

    @http.route('/hotline/wallboard', type='http', auth='user')
    def wallboard(self, **kw):
        """MO-3: the full-screen page of the big screen; it polls the figures itself."""
        self._check()
        return request.render('hotline_reports.wallboard_page', {
            'refresh_seconds': int(request.env['ir.config_parameter'].sudo().get_param(
                'hotline_reports.wallboard_refresh_seconds', '10')),
        })

    @http.route('/hotline/wallboard/data', type='http', auth='user')
    def wallboard_data(self, **kw):
        """MO-3: the figures as JSON. Aggregates only, after the role check above, so they
        are read as superuser (a team leader may not read every request)."""
        self._check()
        return json_response(request.env['hotline.wallboard'].sudo()._wallboard_data())
