"""NF-2, IF-1 (issue 18): a generic client someone else wrote works for every role.

OCA's ``odoorpc`` (pinned test-only dependency) signs in as each demo login documented in
README.md and reads its own user the way the library does (``env.user``: every field that
``fields_get`` offers), then its own partner with all fields — as any "all fields" screen does.
Before, unit clerks and the KB administrator got an access error on the citizen-file fields
of res.partner (related contacts, contact history, blacklist flag).
"""
import os
import re

import live  # tests/live.py
import odoorpc

import odoo

README = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'README.md')


def documented_logins():
    """The logins of README.md's demo-login table (password = login)."""
    with open(README, encoding='utf-8') as f:
        text = f.read()
    table = text.split('### Demo logins', 1)[1].split('\n## ', 1)[0]
    logins = []
    for line in table.splitlines():
        cell = line.split('|')[1] if line.startswith('|') else ''
        logins += re.findall(r'`([a-z_]+)`', cell)
    return logins


class TestGenericClients(live.LiveServerCase):

    def test_odoorpc_reads_own_user_and_partner_for_every_role(self):
        """NF-2, IF-1: odoorpc's env.user and a read of the own partner with all fields work
        for every documented demo login."""
        logins = documented_logins()
        self.assertGreaterEqual(len(logins), 12, logins)
        failures = {}
        for login in logins:
            client = odoorpc.ODOO('127.0.0.1', port=odoo.tests.common.PORT, timeout=60)
            try:
                client.login(odoo.tests.common.get_db_name(), login, login)
                user = client.env.user
                self.assertEqual(user.login, login)
                partner_fields = list(client.env['res.partner'].fields_get())
                client.env['res.partner'].read([user.partner_id.id], partner_fields)
                client.env['res.users'].read([client.env.uid], [])
            except odoorpc.error.RPCError as error:
                failures[login] = str(error)[:300]
            finally:
                client.logout()
        self.assertEqual(failures, {}, 'generic clients fail for these roles')
