"""Issue 20 item 4, NF-2: every table in the database belongs to a declared model (its
``_table``) or to a stored many2many field (its relation table), so that each has a registry
entry, access rules for the roles, and is dropped when its module is uninstalled.

The tables are read from PostgreSQL and the owners from the registry: a table a module
creates in raw DDL without a model fails here without anyone adding it to a list."""
from odoo.tests.common import TransactionCase


class TestTablesDeclared(TransactionCase):

    def _tables(self):
        self.env.cr.execute("""
            SELECT table_name FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'""")
        return {row[0] for row in self.env.cr.fetchall()}

    def _owned(self):
        owned = set()
        for model in self.env.registry.values():
            owned.add(model._table)
            owned.update(field.relation for field in model._fields.values()
                         if field.type == 'many2many' and field.store)
        return owned

    def test_every_table_has_a_model(self):
        """NF-2: no table without a model (the learned dispatch hits, the working-day index,
        the known login addresses and the queued recoveries were raw tables once)."""
        orphans = sorted(self._tables() - self._owned())
        self.assertEqual(orphans, [], 'tables created without a model: %s' % orphans)

    def test_each_declared_sql_table_has_its_access_rules(self):
        """NF-2: a hotline model whose table is written in SQL only (``_auto = False``) is
        readable by an administrators' group and by no ordinary role: nobody writes it over
        RPC."""
        models = [model for name, model in self.env.registry.items()
                  if name.startswith('hotline.') and not model._auto
                  and not model._abstract and self._is_table(model._table)]
        names = sorted(model._name for model in models)
        self.assertTrue({'hotline.dispatch.stat', 'hotline.workday.index',
                         'hotline.login.known', 'hotline.portal.recovery'} <= set(names),
                        names)
        admins = self.env.ref('hotline_core.group_hotline_admin') | \
            self.env.ref('base.group_system')
        for name in names:
            rows = self.env['ir.model.access'].sudo().search([('model_id.model', '=', name)])
            self.assertTrue(rows, '%s has no access rules' % name)
            self.assertLessEqual(rows.mapped('group_id'), admins, name)
            self.assertFalse(any(rows.mapped('perm_write') + rows.mapped('perm_create')),
                             '%s: written in SQL only, nobody writes it over RPC' % name)

    def _is_table(self, name):
        self.env.cr.execute("SELECT relkind FROM pg_class WHERE relname = %s", [name])
        row = self.env.cr.fetchone()
        return bool(row and row[0] == 'r')
