# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request

from odoo.addons.web.controllers.main import WebClient


class HotlineWebClient(WebClient):
    """The JavaScript test suites and benchmarks of the web client are developer tools:
    only system administrators reach them; everybody else (citizens on the portal,
    anonymous visitors, staff) gets 404."""

    def _developer(self):
        return request.session.uid and request.env['res.users'].sudo().browse(
            request.session.uid).has_group('base.group_system')

    # A plain 404 answer, not a raised NotFound: on these auth="none" routes the website's
    # error page (which needs a website and a user) would turn it into a 500.
    @http.route()
    def test_suite(self, mod=None, **kwargs):
        if not self._developer():
            return request.not_found()
        return super(HotlineWebClient, self).test_suite(mod=mod, **kwargs)

    @http.route()
    def test_mobile_suite(self, mod=None, **kwargs):
        if not self._developer():
            return request.not_found()
        return super(HotlineWebClient, self).test_mobile_suite(mod=mod, **kwargs)

    @http.route()
    def benchmarks(self, mod=None, **kwargs):
        if not self._developer():
            return request.not_found()
        return super(HotlineWebClient, self).benchmarks(mod=mod, **kwargs)
