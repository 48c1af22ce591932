"""Upgrades (issue 9): a database of the previous release, with its demo data and requests
entered after it, is upgraded to this code (`-u` of every module, `-i` of the modules new since
then) and nothing is lost.

The previous release is a commit of this repository (RELEASES below, the code CI last landed),
taken with `git archive`; Odoo runs as separate processes, as an administrator would run it.
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
    '2026-11-24 (issues 2 and 5)': '843ddbf377c1f504053b0eead041ea8827fd5496',
    '2026-11-24 (issues 3, 4, 6, 7 and 8)': '4674a43025f03f4a24697cf243de1361875d4711',
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
env.cr.commit()
print('ENTERED', ticket.id)
'''


def _columns(cr, table):
    cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s",
               (table,))
    return {row[0] for row in cr.fetchall()}


def _snapshot(db):
    data = {}
    with odoo.sql_db.db_connect(db).cursor() as cr:
        for table, columns in KEPT:
            wanted = [c.strip() for c in columns.split(',')]
            present = _columns(cr, table)
            if not present:
                continue
            cols = [c for c in wanted if c in present]
            cr.execute('SELECT %s FROM %s ORDER BY id' % (', '.join(cols), table))
            data[table] = (cols, cr.fetchall())
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
                entered = self._odoo(old_addons, db, stdin=ENTER_DATA, shell=True)
                self.assertIn('ENTERED', entered.stdout)
                before = _snapshot(db)
                self.assertTrue(before['hotline_ticket'][1], 'the old release has requests')

                new = [m for m in current if m not in old]
                args = ['-u', 'all', '--stop-after-init']
                if new:
                    args[2:2] = ['-i', ','.join(new)]
                self._odoo(os.path.join(ROOT, 'addons'), db, *args)

                after = _snapshot(db)
                if 'dispatch_stat' in before:
                    self.assertEqual(after.pop('dispatch_stat'), before.pop('dispatch_stat'),
                                     'the learned dispatch statistics changed')
                for table, (cols, rows) in before.items():
                    kept = {row[0]: row for row in after[table][1]}
                    for row in rows:
                        new_row = kept.get(row[0])
                        self.assertIsNotNone(new_row, '%s row %s lost' % (table, row[0]))
                        # a value may be filled in (a new module's data), never changed or lost
                        changed = [(col, old, new) for col, old, new in zip(cols, row, new_row)
                                   if old is not None and old != new]
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
