"""Test fixtures shared by module tests (addons/*/tests) and cross-module scenarios (tests/).

pytest-odoo runs the tests inside one process with no HTTP server; the session fixture below
starts Odoo's threaded HTTP server on the test port (``http_port`` of the test configuration)
so that HttpCase, XML-RPC and browser tests talk to a real server.
"""
import odoo
import pytest


@pytest.fixture(scope='session', autouse=True)
def odoo_http_server():
    port = int(odoo.tools.config['http_port'])
    # HttpCase reads the port from here; make sure it is the test server's, not the
    # default 8069 that a running demo server may be using.
    odoo.tests.common.PORT = port
    server = odoo.service.server.ThreadedServer(odoo.service.wsgi_server.application)
    odoo.service.server.server = server
    server.http_spawn()
    yield port
    server.httpd.shutdown() if getattr(server, 'httpd', None) else None
