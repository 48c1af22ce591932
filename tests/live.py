"""The live server of a test (Odoo 11 HttpCase) for the cross-module scenarios: reading what
its HTTP requests wrote — ``server_env``, ``server_cursor`` and ``server_query`` of
hotline_core's ``HotlineHttpCase`` (addons/hotline_core/tests/http_case.py).

Import the module (``import live``), not the class, so that pytest does not collect it.
"""
from odoo.addons.hotline_core.tests import http_case


class LiveServerCase(http_case.HotlineHttpCase):
    """A live-server test of ``tests/``."""
