"""NF-2, issue 9: the access matrix — every role × every hotline model (wizards aside) ×
read/write/create/delete, asked over XML-RPC as each demo user — is exactly the intended one
written in docs/security.md: no unintended grant, no missing right."""
import os
import sys

import odoo
import odoo.tests.common

import live  # tests/live.py

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'tools'))
import access_matrix  # noqa: E402 (tools/access_matrix.py)

SECURITY_MD = os.path.join(ROOT, 'docs', 'security.md')


class TestAccessMatrix(live.LiveServerCase):

    def test_matrix_is_as_intended(self):
        """NF-2: each role's rights on each hotline model over XML-RPC equal the intended
        matrix of docs/security.md (a difference names the model, the role and the extra or
        missing right)."""
        url = 'http://127.0.0.1:%d' % odoo.tests.common.PORT
        actual = access_matrix.actual_matrix(url, odoo.tests.common.get_db_name())
        self.assertGreater(len({model for model, _role in actual}), 10)
        problems = access_matrix.differences(access_matrix.intended_matrix(SECURITY_MD), actual)
        self.assertEqual(problems, [], '\n' + '\n'.join(problems))
