"""Backup and restore (issue 9, NF-6 7×24 operation): `./hotline backup` and `./hotline restore`.

The commands run as the administrator would run them (tools/hotline_db.py in a subprocess, on the
test database and its filestore); what they restore is compared row by row and file by file.
"""
import base64
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile

import odoo
import odoo.tests.common
from odoo.tools import config

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOL = os.path.join(ROOT, 'tools', 'hotline_db.py')
PNG = base64.b64decode(
    b'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5E'
    b'rkJggg==')


def _tool(*args):
    return subprocess.run([sys.executable, TOOL, '--config', config.rcfile] + list(args),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=600)


class TestBackupRestore(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.db = odoo.tests.common.get_db_name()
        cls.restored = cls.db + '_restored'
        cls.tmp = tempfile.mkdtemp(prefix='hotline-backup-')
        # Committed data the backup must carry: a request with a photo in the filestore.
        with odoo.registry(cls.db).cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            cls.ticket = env['hotline.ticket'].create({
                'title': '备份演练：幸福路路灯不亮',
                'content': '恢复后必须找回这张工单和它的照片。',
            })
            cls.attachment = env['ir.attachment'].create({
                'name': '现场照片.png', 'datas_fname': '现场照片.png',
                'datas': base64.b64encode(PNG),
                'res_model': 'hotline.ticket', 'res_id': cls.ticket.id,
            })
            cls.ticket_id, cls.attachment_id = cls.ticket.id, cls.attachment.id
            cls.store_fname = cls.attachment.store_fname

    @classmethod
    def tearDownClass(cls):
        with odoo.registry(cls.db).cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env['ir.attachment'].browse(cls.attachment_id).unlink()
            env['hotline.ticket'].browse(cls.ticket_id).with_context(
                hotline_workflow=True).unlink()
        _drop(cls.restored)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def _rows(self, db, query):
        with odoo.sql_db.db_connect(db).cursor() as cr:
            cr.execute(query)
            return cr.fetchall()

    def test_backup_then_restore_finds_every_request_and_attachment(self):
        """Issue 9 backup/restore: a backup of the database and its filestore, restored under
        another name, holds every request and every attachment file, byte for byte."""
        backup = os.path.join(self.tmp, 'hotline.zip')
        done = _tool('backup', self.db, backup)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertFalse(os.path.exists(backup + '.part'))
        with zipfile.ZipFile(backup) as z:
            names = set(z.namelist())
        self.assertIn('dump.sql', names)
        self.assertIn('filestore/' + self.store_fname, names)

        done = _tool('restore', backup, self.restored, '--replace')
        self.assertEqual(done.returncode, 0, done.stderr)

        query = 'SELECT id, name, title, state FROM hotline_ticket ORDER BY id'
        self.assertEqual(self._rows(self.restored, query), self._rows(self.db, query))
        self.assertIn(self.ticket_id, [r[0] for r in self._rows(self.restored, query)])
        query = ('SELECT id, res_model, res_id, store_fname, checksum FROM ir_attachment '
                 'WHERE store_fname IS NOT NULL ORDER BY id')
        attachments = self._rows(self.restored, query)
        self.assertEqual(attachments, self._rows(self.db, query))
        store = config.filestore(self.restored)
        for _id, _model, _res_id, fname, checksum in attachments:
            with open(os.path.join(store, fname), 'rb') as f:
                self.assertEqual(hashlib.sha1(f.read()).hexdigest(), checksum, fname)
        photo = [a for a in attachments if a[0] == self.attachment_id]
        self.assertEqual(photo[0][1:3], ('hotline.ticket', self.ticket_id))

    def test_bad_backup_file_changes_nothing(self):
        """Issue 9: a truncated backup, a file that is not a backup, and a restore over an
        existing database without --replace are refused with a clear message; the database
        that was there is untouched and no half-restored database is left behind."""
        backup = os.path.join(self.tmp, 'good.zip')
        self.assertEqual(_tool('backup', self.db, backup).returncode, 0)
        self.assertEqual(_tool('restore', backup, self.restored, '--replace').returncode, 0)
        before = self._rows(self.restored, 'SELECT count(*) FROM hotline_ticket')

        truncated = os.path.join(self.tmp, 'truncated.zip')
        with open(backup, 'rb') as src, open(truncated, 'wb') as dst:
            dst.write(src.read()[:4096])
        done = _tool('restore', truncated, self.restored, '--replace')
        self.assertEqual(done.returncode, 1)
        self.assertIn('not a backup', done.stderr)

        not_sql = os.path.join(self.tmp, 'photos.zip')
        with zipfile.ZipFile(not_sql, 'w') as z:
            z.writestr('photo.png', PNG)
        done = _tool('restore', not_sql, self.restored, '--replace')
        self.assertEqual(done.returncode, 1)
        self.assertIn('no dump.sql', done.stderr)

        broken_sql = os.path.join(self.tmp, 'broken.zip')
        with zipfile.ZipFile(broken_sql, 'w') as z:
            z.writestr('dump.sql', 'THIS IS NOT SQL;\n\\q_unknown\n')
        done = _tool('restore', broken_sql, self.restored, '--replace')
        self.assertEqual(done.returncode, 1, done.stdout)
        self.assertIn('nothing changed', done.stderr)

        done = _tool('restore', backup, self.restored)
        self.assertEqual(done.returncode, 1)
        self.assertIn('--replace', done.stderr)

        self.assertEqual(self._rows(self.restored, 'SELECT count(*) FROM hotline_ticket'), before)
        self.assertFalse(odoo.service.db.exp_db_exist(self.restored + '__restoring'))


def _drop(name):
    odoo.sql_db.close_db(name)
    with odoo.sql_db.db_connect('postgres').cursor() as cr:
        cr.autocommit(True)
        # our own connections only: autovacuum's (a superuser's) leave by themselves on DROP
        cr.execute('SELECT pg_terminate_backend(pid) FROM pg_stat_activity '
                   'WHERE datname = %s AND pid != pg_backend_pid() AND usename = current_user',
                   (name,))
        cr.execute('DROP DATABASE IF EXISTS "%s"' % name)
    store = config.filestore(name)
    shutil.rmtree(store, ignore_errors=True)
