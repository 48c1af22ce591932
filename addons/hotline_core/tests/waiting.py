# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""Waiting for a condition, not for a time, in the tests of every hotline module and of
``tests/`` (browser tests have their own, tests/browser.py's ``BrowserCase.wait_for``).

``wait_for(condition, what)`` polls until ``condition()`` is true and fails the test with
what it waited for; ``waiting_on_lock(dbname)`` tells whether a transaction of the database
is blocked on a lock (another transaction holds it), as PostgreSQL sees it.
"""
import time

import odoo

TIMEOUT = 30


def wait_for(condition, what, timeout=TIMEOUT, interval=0.05):
    """Poll ``condition()`` until it returns something true, and return it; after
    ``timeout`` seconds raise AssertionError naming ``what`` was awaited."""
    deadline = time.time() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.time() > deadline:
            raise AssertionError('waited %ss in vain for %s' % (timeout, what))
        time.sleep(interval)


def waiting_on_lock(dbname):
    """The number of sessions of ``dbname`` blocked on a lock now. Read on a connection of
    its own in autocommit: PostgreSQL keeps pg_stat_activity as it was at the start of a
    transaction."""
    cr = odoo.sql_db.db_connect(dbname).cursor()
    try:
        cr.autocommit(True)
        cr.execute("SELECT count(*) FROM pg_stat_activity "
                   "WHERE datname = %s AND wait_event_type = 'Lock'", [dbname])
        return cr.fetchone()[0]
    finally:
        cr.close()
