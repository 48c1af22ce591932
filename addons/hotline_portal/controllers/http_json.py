# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-11, IF-2: plain JSON bodies for the hotline's APIs.

Odoo 11 turns every request with ``Content-Type: application/json`` into a JSON-RPC request,
which apps and partner systems do not speak. Requests under /api/hotline/ are handed to the
ordinary HTTP dispatcher instead; the routes read the body themselves. Other paths are left
alone.
"""
import odoo.http

API_PREFIX = '/api/hotline/'
_get_request = odoo.http.Root.get_request


def get_request(self, httprequest):
    if httprequest.path.startswith(API_PREFIX):
        return odoo.http.HttpRequest(httprequest)
    return _get_request(self, httprequest)


if not getattr(odoo.http.Root.get_request, '_hotline_portal', False):
    get_request._hotline_portal = True
    odoo.http.Root.get_request = get_request
