"""Issue #16 ("a new centre's first run fails"), NF-6: ``./hotline`` run as root from a clone
in a folder the postgres user cannot enter (a ``mktemp -d`` folder, mode 700, like /root)
starts its embedded PostgreSQL cluster instead of stopping with ``initdb: could not access
directory …/.local/pgdata: Permission denied``.

The test copies the script into such a folder and runs its PostgreSQL part
(``./hotline postgres``) with its own .local and port, so the shared cluster of /work/main is
not touched; it connects as Odoo's role, then stops the cluster and removes its folders.
"""
import os
import shutil
import stat
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PGBIN = '/usr/lib/postgresql/15/bin'


@unittest.skipUnless(os.geteuid() == 0 and os.path.exists(os.path.join(PGBIN, 'initdb')),
                     'needs root and PostgreSQL 15 server binaries')
class TestFirstRunInPrivateFolder(unittest.TestCase):

    def _hotline(self, clone, env, *args):
        return subprocess.run(['bash', os.path.join(clone, 'hotline')] + list(args),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                              timeout=180, universal_newlines=True)

    def test_cluster_starts_from_a_folder_postgres_cannot_enter(self):
        """Issue #16: the clone's folder is mode 700 (postgres cannot enter it); the cluster
        starts (in /var/lib/hotline/<key>), Odoo's role connects through .local/pgsock, and
        a second start reuses it; stopped and removed afterwards."""
        private = tempfile.mkdtemp(prefix='hotline-private-')
        self.addCleanup(shutil.rmtree, private, ignore_errors=True)
        self.assertEqual(stat.S_IMODE(os.stat(private).st_mode), 0o700)
        clone = os.path.join(private, 'clone')
        os.makedirs(clone)
        shutil.copy(os.path.join(ROOT, 'hotline'), clone)
        port = str(55000 + os.getpid() % 1000)
        env = {k: v for k, v in os.environ.items() if not k.startswith('HOTLINE_')}
        env['HOTLINE_PGPORT'] = port
        local = os.path.join(clone, '.local')

        def stop():
            self._hotline(clone, env, 'stop')
            data = os.path.realpath(os.path.join(local, 'pgdata'))
            if data.startswith('/var/lib/hotline/'):
                shutil.rmtree(os.path.dirname(data), ignore_errors=True)
        self.addCleanup(stop)

        done = self._hotline(clone, env, 'postgres')
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertNotIn('Permission denied', done.stderr)
        sock = done.stdout.strip().splitlines()[-1]
        self.assertEqual(os.path.realpath(os.path.join(local, 'pgsock')), sock)
        query = subprocess.run(
            ['psql', '-h', os.path.join(local, 'pgsock'), '-p', port, '-U', 'odoo',
             '-d', 'postgres', '-tAc', 'SELECT 1'],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
            timeout=30)
        self.assertEqual(query.stdout.strip(), '1', query.stderr)
        again = self._hotline(clone, env, 'postgres')
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertEqual(again.stdout.strip().splitlines()[-1], sock)
