"""NF-2, issues 9 and 15: the access matrix.

* Every model of the database (Odoo's and OCA's included) x every role of NF-2, the citizen and the
  website visitor x read/write/create/delete, with the record rules that restrict each grant, is
  exactly the allow-list ``tests/access_allowlist.csv``: a grant the list does not name fails, and
  so does a listed grant that is gone or whose rules changed (tools/access_matrix.py).
* The spot check over XML-RPC: each demo user logs in and asks ``check_access_rights`` on every
  hotline model; the answers equal the in-process matrix (so that matrix is what the server
  enforces) and the intended table of docs/security.md.

After a deliberate change of rights, regenerate the allow-list with
``HOTLINE_ACCESS_MATRIX=write ./hotline test tests/test_access_matrix.py`` (it rewrites the
allow-list and the hotline table of docs/security.md) and review the diff.
"""
import os
import sys

import live  # tests/live.py

import odoo
import odoo.tests.common

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'tools'))
import access_matrix  # noqa: E402 (tools/access_matrix.py)

SECURITY_MD = os.path.join(ROOT, 'docs', 'security.md')
WRITE = os.environ.get('HOTLINE_ACCESS_MATRIX') == 'write'


class TestAccessMatrix(live.LiveServerCase):

    def test_every_model_every_role_is_in_the_allowlist(self):
        """NF-2, issue 15: every (role, model, operation, record scope) granted in the database
        — all of ir.model, transient models flagged — for agent, leader, dispatcher,
        office_leader, unit_handler, unit_manager, supervisor, kb_admin, admin, citizen and the
        public user is named in tests/access_allowlist.csv, and every listed one still holds.
        A failure prints each NEW or GONE (role, model, operation, scope)."""
        matrix, kinds = access_matrix.full_matrix(self.env)
        self.assertEqual(len(kinds), self.env['ir.model'].search_count([]),
                         'every model of ir.model is in the matrix')
        if WRITE:
            with open(access_matrix.ALLOWLIST, 'w', encoding='utf-8') as f:
                f.write(access_matrix.allowlist_text(matrix, kinds))
            access_matrix.write_md_table(SECURITY_MD, matrix, kinds)
            return
        allowed, allowed_kinds = access_matrix.read_allowlist()
        problems = access_matrix.allowlist_differences(allowed, matrix)
        problems += ['KIND %s is %s, the allow-list says %s' % (m, kinds.get(m), k)
                     for m, k in sorted(allowed_kinds.items()) if kinds.get(m, k) != k]
        self.assertEqual(problems, [], '\n%d differences with tests/access_allowlist.csv '
                         '(regenerate after a deliberate change: HOTLINE_ACCESS_MATRIX=write '
                         './hotline test tests/test_access_matrix.py)\n%s'
                         % (len(problems), '\n'.join(problems)))

    def test_unit_logins_share_the_unit_role(self):
        """NF-2: street_handler, community_handler and xicheng_handler have exactly the groups
        of unit_handler, so its rows of the allow-list are theirs (their units differ, and the
        record rules confine each to its own)."""
        self.assertEqual(access_matrix.shared_role_problems(self.env), [])

    def test_matrix_is_as_intended(self):
        """NF-2: each role's rights on each hotline model over XML-RPC equal the intended
        matrix of docs/security.md (a difference names the model, the role and the extra or
        missing right), and equal the in-process matrix of the allow-list test, which is
        therefore what the server enforces."""
        url = 'http://127.0.0.1:%d' % odoo.tests.common.PORT
        actual = access_matrix.actual_matrix(url, odoo.tests.common.get_db_name())
        self.assertGreater(len({model for model, _role in actual}), 10)
        problems = access_matrix.differences(access_matrix.intended_matrix(SECURITY_MD), actual)
        self.assertEqual(problems, [], '\n' + '\n'.join(problems))
        in_process = access_matrix.hotline_cells(access_matrix.full_matrix(self.env)[0])
        in_process = {key: cell for key, cell in in_process.items() if key[0] in
                      {model for model, _role in actual}}
        self.assertEqual(in_process, actual)
