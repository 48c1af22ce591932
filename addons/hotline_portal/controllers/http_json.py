# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-11, IF-2: plain JSON bodies for the hotline's APIs.

Odoo 11 turns every request with ``Content-Type: application/json`` into a JSON-RPC request,
which apps and partner systems do not speak. Requests under /api/hotline/ are handed to the
ordinary HTTP dispatcher instead; the routes read the body themselves and answer with
hotline_core's ``json_response``. Other paths are left alone.

Why a patch (reviewed): Odoo 11 picks the request class in ``Root.get_request`` from the
Content-Type alone, before any route is known, and a ``type='http'`` route called with a
JSON body is refused ("called with a request of type 'json'"). The alternatives are worse
for integrators: ``type='json'`` routes force the JSON-RPC envelope on the request and the
answer (not Open311's nor the partner gateway's documented format), and asking clients to
send ``text/plain`` breaks ordinary HTTP client libraries. The patch is limited to the
/api/hotline/ prefix, installed once, and leaves every other request to Odoo.
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
