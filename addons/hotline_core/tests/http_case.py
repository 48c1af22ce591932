# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""The live server of a test (Odoo 11 ``HttpCase``), for every hotline module's tests and the
cross-module scenarios of ``tests/``.

Odoo 11's HttpCase serves every HTTP request (browser, XML-RPC, JSON) on
``registry.test_cr``, rolled back at the end of the test; the test's own ``self.env`` is
another transaction that does not see what the requests wrote. Fixtures the requests must
see are therefore written, and results read, on that cursor while no request runs:
``server_env()``, ``server_cursor()`` and ``server_query()``.

Import the module (``from odoo.addons.hotline_core.tests import http_case``), not the
class, so that pytest does not collect the base class itself.
"""
from contextlib import contextmanager

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tests.common import HttpCase


class HotlineHttpCase(HttpCase):
    # the context of ``server_env`` (a test class may set, e.g., tracking_disable)
    server_context = {}

    def setUp(self):
        super().setUp()
        self.base = 'http://127.0.0.1:%s' % odoo.tools.config['http_port']

    @contextmanager
    def server_cursor(self):
        """The cursor the HTTP requests of this test use, while no request runs."""
        cr = self.registry.test_cr
        cr.acquire()
        try:
            yield cr
            # a savepoint on the test cursor: a request that rolls back (Odoo closes the test
            # cursor without committing in places, e.g. res.users.check) keeps these writes
            cr.commit()  # pylint: disable=invalid-commit
        finally:
            cr.release()

    @contextmanager
    def server_env(self, uid=SUPERUSER_ID, context=None):
        """An environment on the requests' cursor (``server_cursor``), as ``uid``."""
        with self.server_cursor() as cr, api.Environment.manage():
            env = api.Environment(cr, uid, dict(self.server_context, **(context or {})))
            env.clear()
            yield env

    def server_query(self, query, params=()):
        """The rows (dicts) of ``query`` on the requests' cursor."""
        with self.server_cursor() as cr:
            cr.execute(query, params)
            return cr.dictfetchall()
