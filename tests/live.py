"""The live server of a test (Odoo 11 HttpCase): reading what its HTTP requests wrote.

The browser's and XML-RPC clients' requests all use ``registry.test_cr``, rolled back at the
end of the test; the test's own ``self.env`` is another transaction that does not see them.
Import the module (``import live``), not the class, so that pytest does not collect it.
"""
from contextlib import contextmanager

from odoo.tests.common import HttpCase


class LiveServerCase(HttpCase):

    @contextmanager
    def _server_cursor(self):
        """The cursor the HTTP requests of this test use, while no request runs."""
        cr = self.registry.test_cr
        cr.acquire()
        try:
            yield cr
            # a savepoint on the test cursor: a request that rolls back (Odoo closes the test
            # cursor without committing in places, e.g. res.users.check) keeps these writes
            cr.commit()
        finally:
            cr.release()

    def _server_query(self, query, params=()):
        with self._server_cursor() as cr:
            cr.execute(query, params)
            return cr.dictfetchall()
