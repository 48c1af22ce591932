# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""The JSON answer of the hotline's plain HTTP endpoints (PBX lookup, KB search, …)."""
import json

from odoo.http import request


def json_response(data, status=200):
    """``data`` as UTF-8 JSON (Chinese left readable), never cached."""
    response = request.make_response(
        json.dumps(data, ensure_ascii=False, default=str),
        headers=[('Content-Type', 'application/json; charset=utf-8'),
                 ('Cache-Control', 'no-store')])
    response.status_code = status
    return response
