"""Upgrades (issues 9 and 20): a database of an earlier release, with its demo data, a request
entered after it and a record in every model that the demo leaves empty, is upgraded to this code
(`-u` of every module, `-i` of the modules new since then) and nothing is lost.

The releases are commits of this repository (RELEASES below: the first release and the previous
one, i.e. the code CI last landed), taken with `git archive`; Odoo runs as separate processes, as
an administrator would run it. Which models and columns are compared is read from the old
database itself, so a new model is covered without anyone adding it here.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import odoo
import odoo.tests.common
from odoo.tools import config

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ODOO_BIN = os.path.join(ROOT, 'tools', 'odoo-bin')
ODOO_ADDONS = os.path.join(os.path.dirname(odoo.__file__), 'addons')
# The released versions this code must upgrade: the landed main of each earlier stop.
RELEASES = {
    '2026-11-24 (issues 2 and 5, the first release)': '843ddbf377c1f504053b0eead041ea8827fd5496',
    '2026-12-07 (issues 16 and 17, the previous release)':
        '6998a5cb562f65cc9552372aabb845581d31d955',
}

# What must survive: (table, columns that identify and describe a row). Every row of the old
# database must be found again with the same values.
KEPT = [
    ('hotline_ticket', 'id, name, title, content, ticket_type, channel, partner_id, state'),
    ('hotline_ticket_step', 'id, ticket_id, action, user_id'),
    ('hotline_ticket_assignment', 'id, ticket_id, unit_id, role, state'),
    ('hotline_unit', 'id, name, parent_id, code'),
    ('hotline_location', 'id, name, parent_id'),
    ('hotline_category', 'id, name, parent_id'),
    ('res_partner', 'id, name, mobile, phone, email'),
    ('res_users', 'id, login, partner_id'),
    ('hotline_kb_item', 'id, name'),
    ('hotline_cti_call', 'id, uniqueid, caller_number, ticket_id'),
    ('ir_attachment', 'id, res_model, res_id, checksum'),
    ('mail_message', 'id, model, res_id'),
]

ENTER_DATA = r'''
import base64
Ticket = env['hotline.ticket']
ticket = Ticket.create({'title': '升级演练：和平街道路灯不亮', 'content': '升级之后必须还在。',
                        'caller_number': '13812340001'})
env['ir.attachment'].create({'name': '现场.txt', 'datas_fname': '现场.txt',
                             'datas': base64.b64encode('升级演练附件'.encode()),
                             'res_model': 'hotline.ticket', 'res_id': ticket.id})
ticket.message_post(body='升级演练留言')

# Issue 20: a record in every stored model of the release that its demo data leaves empty,
# with the required values made up from the field types (the first record of a many2one's
# model, the first choice of a selection, a date a month ahead).
import datetime
from odoo import fields


def rehearsal_values(Model, n):
    defaults = Model.default_get(list(Model._fields))
    vals = {}
    for name, field in Model._fields.items():
        if not field.required or not field.store or field.compute:
            continue
        if name in defaults and field.type not in ('datetime', 'date'):
            continue
        if field.type == 'many2one':
            vals[name] = env[field.comodel_name].search([], limit=1, order='id desc').id
        elif field.type in ('char', 'text'):
            vals[name] = '升级演练-%s-%d' % (name, n)
        elif field.type == 'selection':
            selection = field.selection
            if isinstance(selection, str):
                selection = getattr(Model, selection)()
            elif callable(selection):
                selection = selection(Model)
            vals[name] = selection[0][0]
        elif field.type == 'datetime':
            vals[name] = fields.Datetime.to_string(
                datetime.datetime.now() + datetime.timedelta(days=30))
        elif field.type == 'date':
            vals[name] = fields.Date.today()
        elif field.type in ('integer', 'float', 'monetary'):
            vals[name] = 1
        elif field.type == 'boolean':
            vals[name] = True
    return vals


for n, ir_model in enumerate(env['ir.model'].search([('model', '=like', 'hotline.%')],
                                                    order='model')):
    Model = env.get(ir_model.model)
    if Model is not None and not Model._auto and not Model._abstract:
        print('SQLONLY', ir_model.model)  # filled by the system's own SQL, not by users
    if Model is None or Model._abstract or Model._transient or not Model._auto:
        continue
    env.cr.execute('SELECT count(*) FROM "%s"' % Model._table)
    if env.cr.fetchone()[0]:
        continue
    vals = rehearsal_values(Model.sudo(), n)
    try:
        with env.cr.savepoint():
            Model.sudo().create(vals)
    except Exception as error:
        print('EMPTY', ir_model.model, repr(error)[:300])
env.cr.commit()
print('ENTERED', ticket.id)
'''


def _columns(cr, table):
    cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s",
               (table,))
    return {row[0] for row in cr.fetchall()}


# Columns that an upgrade rewrites by design: who/when last wrote a row, and the nested-set
# columns of a parent_store model (recomputed from parent_id).
REWRITTEN = {'write_date', 'write_uid', 'parent_left', 'parent_right'}


def _model_tables(cr):
    """The tables of the stored hotline models of the database, from its own registry
    records (ir_model): {table: model}."""
    cr.execute("SELECT model FROM ir_model WHERE model LIKE 'hotline.%%' AND transient IS NOT TRUE")
    tables = {}
    for (model,) in cr.fetchall():
        table = model.replace('.', '_')
        if 'id' in _columns(cr, table):
            tables[table] = model
    return tables


def _last_ids(db):
    with odoo.sql_db.db_connect(db).cursor() as cr:
        last = {}
        for table in _model_tables(cr):
            cr.execute('SELECT max(id) FROM "%s"' % table)
            last[table] = cr.fetchone()[0] or 0
        return last


def _snapshot(db, entered_after):
    data = {}
    with odoo.sql_db.db_connect(db).cursor() as cr:
        # every stored hotline model, every column (issue 20)
        # of the records entered after the installation (``entered_after``: the last id of each
        # table then); the records of the data and demo files, and those the demo stories
        # made, may be rewritten by the upgrade (a module it installs tells its demo story on
        # them, a migration corrects a default): they are compared on the columns of KEPT
        for table, model in sorted(_model_tables(cr).items()):
            cols = ['id'] + sorted(_columns(cr, table) - REWRITTEN - {'id'})
            cr.execute('SELECT %s FROM "%s" WHERE id > %%s ORDER BY id' % (
                ', '.join('"%s"' % c for c in cols), table), (entered_after.get(table, 0),))
            data[table] = (cols, cr.fetchall())
        for table, columns in KEPT:
            wanted = [c.strip() for c in columns.split(',')]
            present = _columns(cr, table)
            if not present:
                continue
            cols = [c for c in wanted if c in present]
            cr.execute('SELECT %s FROM %s ORDER BY id' % (', '.join(cols), table))
            data['%s (every row)' % table] = (cols, cr.fetchall())
        # DS-5's learned statistics (no id column): hits per feature and unit
        if _columns(cr, 'hotline_dispatch_stat'):
            cr.execute('SELECT feature, unit_id, hits FROM hotline_dispatch_stat')
            data['dispatch_stat'] = set(cr.fetchall())
    return data


class TestUpgrade(unittest.TestCase):

    def _odoo(self, addons, db, *args, stdin=None, shell=False):
        command = [sys.executable, ODOO_BIN] + (['shell'] if shell else []) + [
            '-c', config.rcfile, '-d', db, '--addons-path=%s,%s' % (addons, ODOO_ADDONS),
            '--log-level=warn', '--max-cron-threads=0']
        if not shell:
            command.append('--http-port=%d' % (odoo.tests.common.PORT + 7))
        done = subprocess.run(command + list(args), cwd=ROOT, input=stdin,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True, timeout=1500)
        self.assertEqual(done.returncode, 0, done.stderr[-4000:])
        self.assertNotIn('Traceback', done.stderr, done.stderr[-4000:])
        return done

    def _drop(self, db):
        odoo.sql_db.close_db(db)
        with odoo.sql_db.db_connect('postgres').cursor() as cr:
            cr.autocommit(True)
            cr.execute('DROP DATABASE IF EXISTS "%s"' % db)
        shutil.rmtree(config.filestore(db), ignore_errors=True)

    def test_upgrade_from_each_release_keeps_everything(self):
        """Issue 9: install the previous release with demo data, enter a request with an
        attachment and a message, upgrade to this code: every request, step, assignment, unit,
        citizen, user, KB item, call record, attachment (file included) and message is still
        there, no value changed or emptied (new modules may fill empty ones), the unit tree is
        whole, and every module of this code is installed at its new version."""
        current = sorted(m for m in os.listdir(os.path.join(ROOT, 'addons'))
                         if os.path.isfile(os.path.join(ROOT, 'addons', m, '__manifest__.py')))
        for label, commit in RELEASES.items():
            with self.subTest(release=label):
                tmp = tempfile.mkdtemp(prefix='hotline-release-')
                self.addCleanup(shutil.rmtree, tmp, True)
                archive = subprocess.run(['git', 'archive', commit, 'addons'], cwd=ROOT,
                                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                self.assertEqual(archive.returncode, 0, 'release %s is not in this clone: %s'
                                 % (commit, archive.stderr.decode()))
                subprocess.run(['tar', '-x', '-C', tmp], input=archive.stdout, check=True)
                old_addons = os.path.join(tmp, 'addons')
                old = sorted(m for m in os.listdir(old_addons)
                             if os.path.isfile(os.path.join(old_addons, m, '__manifest__.py')))

                db = '%s_upgrade' % odoo.tests.common.get_db_name()
                self._drop(db)
                self.addCleanup(self._drop, db)
                self._odoo(old_addons, db, '-i', ','.join(old), '--stop-after-init')
                installed = _last_ids(db)
                entered = self._odoo(old_addons, db, stdin=ENTER_DATA, shell=True)
                self.assertIn('ENTERED', entered.stdout, entered.stderr[-4000:])
                self.assertNotIn('EMPTY', entered.stdout,
                                 'a model of the release could not be given a record')
                before = _snapshot(db, installed)
                self.assertTrue(before['hotline_ticket'][1], 'the old release has requests')
                empty = []
                sql_only = {line.split()[1] for line in entered.stdout.splitlines()
                            if line.startswith('SQLONLY ')}
                with odoo.sql_db.db_connect(db).cursor() as cr:
                    for table, model in sorted(_model_tables(cr).items()):
                        if model in sql_only:
                            continue
                        cr.execute('SELECT count(*) FROM "%s"' % table)
                        if not cr.fetchone()[0]:
                            empty.append(model)
                self.assertEqual(empty, [], 'models of the release without data before upgrade')

                new = [m for m in current if m not in old]
                args = ['-u', 'all', '--stop-after-init']
                if new:
                    args[2:2] = ['-i', ','.join(new)]
                self._odoo(os.path.join(ROOT, 'addons'), db, *args)

                after = _snapshot(db, installed)
                if 'dispatch_stat' in before:
                    self.assertEqual(after.pop('dispatch_stat'), before.pop('dispatch_stat'),
                                     'the learned dispatch statistics changed')
                for table, (cols, rows) in before.items():
                    self.assertIn(table, after, 'table %s lost' % table)
                    new_cols = after[table][0]
                    lost = [c for c in cols if c not in new_cols]
                    self.assertEqual(lost, [], 'columns of %s lost' % table)
                    kept = {row[0]: dict(zip(new_cols, row)) for row in after[table][1]}
                    for row in rows:
                        new_row = kept.get(row[0])
                        self.assertIsNotNone(new_row, '%s row %s lost' % (table, row[0]))
                        # a value may be filled in (a new module's data), never changed or lost
                        changed = [(col, old, new_row[col]) for col, old in zip(cols, row)
                                   if old is not None and old != new_row[col]]
                        self.assertEqual(changed, [], '%s row %s changed' % (table, row[0]))
                store = config.filestore(db)
                with odoo.sql_db.db_connect(db).cursor() as cr:
                    # the unit tree's nested-set columns drive every unit user's record rules
                    cr.execute('SELECT name FROM hotline_unit WHERE parent_left IS NULL')
                    self.assertEqual(cr.fetchall(), [], 'units outside the unit tree')
                    # what the units' rule on assignments reads was filled by the migration
                    cr.execute('SELECT count(*) FROM hotline_ticket_assignment a '
                               'JOIN hotline_ticket_assignment p ON p.id = a.parent_id '
                               'WHERE a.parent_unit_id IS DISTINCT FROM p.unit_id')
                    self.assertEqual(cr.fetchone()[0], 0, 'assignments without unit above')
                    cr.execute('SELECT DISTINCT parent_id, unit_id '
                               'FROM hotline_ticket_assignment WHERE parent_id IS NOT NULL '
                               'EXCEPT SELECT assignment_id, unit_id '
                               'FROM hotline_assignment_child_unit_rel')
                    self.assertEqual(cr.fetchall(), [], 'assignments without units below')
                    cr.execute("SELECT store_fname FROM ir_attachment "
                               "WHERE res_model = 'hotline.ticket' AND store_fname IS NOT NULL")
                    for (fname,) in cr.fetchall():
                        self.assertTrue(os.path.isfile(os.path.join(store, fname)), fname)
                    cr.execute("SELECT name, state, latest_version FROM ir_module_module "
                               "WHERE name IN %s", (tuple(current),))
                    modules = {name: (state, version) for name, state, version in cr.fetchall()}
                for name in current:
                    manifest = odoo.modules.module.load_information_from_description_file(
                        name, os.path.join(ROOT, 'addons', name))
                    self.assertEqual(modules.get(name, (None,))[0], 'installed', name)
                    self.assertTrue(manifest['version'].endswith(modules[name][1]),
                                    (name, manifest['version'], modules[name][1]))
