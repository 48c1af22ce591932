"""Test fixtures shared by module tests (addons/*/tests) and cross-module scenarios (tests/).

pytest-odoo runs the tests inside one process with no HTTP server; the session fixture below
starts Odoo's threaded HTTP server on the test port (``http_port`` of the test configuration)
so that HttpCase, XML-RPC and browser tests talk to a real server.
"""
import os

import pytest

import odoo
import odoo.tests.common  # noqa: F401 (pytest-odoo reads odoo.tests before any test imports it)

TESTS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'tests')


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makemodule(path, parent):
    """pytest-odoo imports every test file as ``odoo.addons.<package>...``, which fails for the
    cross-module scenarios in tests/ (not an add-on): collect those as plain pytest modules."""
    if str(path).startswith(TESTS_DIR + os.sep):
        return pytest.Module.from_parent(parent, fspath=path)


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
