"""NF-2, issue 15: every public method of every installed model (Odoo's, OCA's and the
hotline's; every class of each model's MRO) that writes as superuser (``sudo()`` with a writing
call, ``SUPERUSER_ID``, ``with_env``) or runs writing SQL (INSERT/UPDATE/DELETE/DDL/locks) either
checks the caller's rights — in its body, a private helper of the model it calls, or the
``super()`` it reaches — or is a reviewed exception of tests/rpc_method_exceptions.csv with its
reason. Found by enumeration (tools/rpc_methods.py), not by a list typed by hand."""
import os
import sys

from odoo.tests.common import TransactionCase

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'tools'))
import rpc_methods  # noqa: E402 (tools/rpc_methods.py)


class TestRpcMethods(TransactionCase):

    def test_every_risky_public_method_checks_rights_or_is_reviewed(self):
        """NF-2: no UNCHECKED public method that acts as superuser or writes in SQL, and no
        STALE exception (a method that is gone or checks rights now leaves the list)."""
        problems = rpc_methods.problems(self.env)
        self.assertEqual(problems, [], '\n' + '\n'.join(problems))

    def test_enumeration_finds_what_it_must(self):
        """The scanner is not blind: it sees Odoo's public methods on every model (the
        BaseModel ones included), refuses the names RPC refuses, and flags a known
        superuser writer (bus.bus.sendmany, closed over RPC by hotline_security)."""
        methods = rpc_methods.public_methods(self.env)
        self.assertIn('odoo/models.py:BaseModel.write', methods)
        self.assertFalse([k for k in methods if rpc_methods.PRIVATE.match(k.rsplit('.', 1)[1])])
        self.assertGreater(len(methods), 900)
        self.assertIn('bus/models/bus.py:ImBus.sendmany', rpc_methods.unchecked(self.env))
