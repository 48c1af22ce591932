#!/usr/bin/env python
"""Database chores for ./hotline: exists, create, finish, clone, banner, backup, restore.

Runs inside the project's virtual environment; reads the same configuration file as Odoo.
"""
import argparse
import os
import shutil
import sys
import zipfile

import odoo
from odoo.tools import config

DEMO_LOGINS = [
    # (login, role) — the demo users of hotline_core/demo/hotline_demo_users.xml and
    # hotline_dispatch/demo (env_handler)
    ('admin', '系统管理员 system admin'),
    ('agent', '话务员 agent'),
    ('leader', '班长 team leader'),
    ('dispatcher', '派单员 dispatcher (hotline office)'),
    ('office_leader', '热线办领导 office leader'),
    ('unit_handler', '承办单位经办人 unit handler (东城区 Dongcheng district)'),
    ('unit_manager', '承办单位负责人 unit manager (东城区 Dongcheng district)'),
    ('street_handler', '街道经办人 unit handler (和平街道 Heping street)'),
    ('xicheng_handler', '承办单位经办人 unit handler (西城区 Xicheng district)'),
    ('community_handler', '社区经办人 unit handler (朝阳社区 Chaoyang community)'),
    ('env_handler', '承办单位经办人 unit handler (市生态环境局 environment bureau, co-unit)'),
    ('supervisor', '督办员 supervisor'),
    ('kb_admin', '知识库管理员 KB admin'),
    ('citizen', '市民门户 citizen portal user (/my/requests)'),
]


def _connect(name):
    return odoo.sql_db.db_connect(name)


def exists(args):
    return 0 if odoo.service.db.exp_db_exist(args.db) else 1


def missing(args):
    """Print the modules of ``--modules`` that are not installed in the database."""
    wanted = [m for m in args.modules.split(',') if m]
    with _connect(args.db).cursor() as cr:
        cr.execute("SELECT name FROM ir_module_module WHERE state = 'installed' AND name IN %s",
                   (tuple(wanted),))
        installed = {row[0] for row in cr.fetchall()}
    print(','.join(m for m in wanted if m not in installed))
    return 0


def create(args):
    if odoo.service.db.exp_db_exist(args.db):
        return 0
    odoo.service.db._create_empty_database(args.db)
    return 0


def finish(args):
    """NF-1: the database speaks Chinese — the language is loaded and, once, every user and
    new partner is set to it (later choices of users are left alone)."""
    registry = odoo.registry(args.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        # The language may be active without the terms of modules installed before it was
        # (modules installed without --load-language): load what is missing.
        cr.execute("SELECT 1 FROM ir_translation WHERE lang = %s AND module = 'base' LIMIT 1",
                   [args.lang])
        if not env['res.lang'].search([('code', '=', args.lang)]) or not cr.fetchone():
            env['base.language.install'].create({'lang': args.lang}).lang_install()
        params = env['ir.config_parameter']
        if params.get_param('hotline.setup_lang') != args.lang:
            users = env['res.users'].with_context(active_test=False).search([])
            users.write({'lang': args.lang, 'tz': 'Asia/Shanghai'})
            env['ir.default'].set('res.partner', 'lang', args.lang)
            env['ir.default'].set('res.partner', 'tz', 'Asia/Shanghai')
            params.set_param('hotline.setup_lang', args.lang)
    return 0


def clone(args):
    """Replace database `target` with a copy of `source` (and its filestore)."""
    odoo.sql_db.close_db(args.target)
    db = _connect('postgres')
    with db.cursor() as cr:
        cr.autocommit(True)
        # our own connections only: autovacuum's belong to a superuser (not ours to end) and
        # PostgreSQL ends them itself for DROP and CREATE ... TEMPLATE
        cr.execute('SELECT pg_terminate_backend(pid) FROM pg_stat_activity '
                   'WHERE datname IN %s AND pid != pg_backend_pid() AND usename = current_user',
                   ((args.target, args.source),))
        cr.execute('DROP DATABASE IF EXISTS "%s"' % args.target)
        cr.execute('CREATE DATABASE "%s" ENCODING \'unicode\' TEMPLATE "%s"'
                   % (args.target, args.source))
    src = config.filestore(args.source)
    dst = config.filestore(args.target)
    if os.path.exists(dst):
        shutil.rmtree(dst)
    if os.path.exists(src):
        shutil.copytree(src, dst)
    return 0


def drop(args):
    """Drop a database and its filestore, if there is one (an installation that failed
    half-way is not left for the next run to update)."""
    if odoo.service.db.exp_db_exist(args.db):
        odoo.service.db.exp_drop(args.db)
    return 0


def backup(args):
    """Back up a database and its filestore into one zip file: Odoo's own format (dump.sql,
    filestore/, manifest.json), which the database manager and `restore` read back."""
    if not odoo.service.db.exp_db_exist(args.db):
        print('no database %r' % args.db, file=sys.stderr)
        return 1
    tmp = args.file + '.part'
    with open(tmp, 'wb') as stream:
        odoo.service.db.dump_db(args.db, stream, 'zip')
    os.replace(tmp, args.file)  # a backup file is complete or absent, never half-written
    print('%s: database %s and its filestore (%d bytes)' % (
        args.file, args.db, os.path.getsize(args.file)))
    return 0


def restore(args):
    """Restore a backup made by `backup` (or by Odoo's database manager) as database `db`.
    An existing database is kept unless --replace is given; it is replaced only once the new
    copy is complete, so a bad or truncated file never costs the database that was there."""
    if not zipfile.is_zipfile(args.file):
        print('%r is not a backup made by ./hotline backup (a zip file)' % args.file,
              file=sys.stderr)
        return 1
    with zipfile.ZipFile(args.file) as z:
        if 'dump.sql' not in z.namelist():
            print('%r holds no dump.sql: not a database backup' % args.file, file=sys.stderr)
            return 1
    Db = odoo.service.db
    if Db.exp_db_exist(args.db) and not args.replace:
        print('database %r exists: choose another name or pass --replace' % args.db,
              file=sys.stderr)
        return 1
    # Odoo runs `psql -f dump.sql`, which carries on after an error and exits 0; stop at the
    # first error instead, so that a damaged dump fails here rather than restoring half a
    # database (or Odoo initialising an empty one). Query output goes to a writable /dev/null:
    # Odoo hands psql a read-only one as stdout, a write error once errors stop the restore.
    psqlrc = os.path.join(config['data_dir'], 'restore.psqlrc')
    with open(psqlrc, 'w') as f:
        f.write('\\set ON_ERROR_STOP on\n\\o /dev/null\n')
    os.environ['PSQLRC'] = psqlrc
    staging = args.db + '__restoring'
    if Db.exp_db_exist(staging):
        Db.exp_drop(staging)
    try:
        # copy=False: the restored database keeps its uuid (the same system, not a copy).
        Db.restore_db(staging, args.file, copy=False)
    except Exception as exc:
        if Db.exp_db_exist(staging):
            Db.exp_drop(staging)
        print('restore failed, nothing changed: %s' % exc, file=sys.stderr)
        return 1
    if Db.exp_db_exist(args.db):
        Db.exp_drop(args.db)
    Db.exp_rename(staging, args.db)  # moves the filestore along
    print('%s restored as database %s' % (args.file, args.db))
    return 0


def banner(args):
    print('\n' + '!' * 72)
    print(' !!  演示系统 DEMO SYSTEM — NOT FOR PRODUCTION  !!')
    print(' !!  Demo data of a fictional city; every demo login below has password = login.')
    print(' !!  Never put this database on a network others reach; production loads no demo')
    print(' !!  data (without_demo = all, docs/production.md).')
    print('!' * 72)
    print(' 12345 政务服务便民热线  —  %s  (database %s)' % (args.url, args.db))
    print(' 演示账号 demo logins (password = login):')
    for login, role in DEMO_LOGINS:
        print('   %-16s %s' % (login, role))
    print('=' * 72 + '\n', flush=True)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--config', required=True)
    sub = parser.add_subparsers(dest='cmd')
    for name in ('exists', 'create', 'drop', 'finish', 'banner', 'missing'):
        p = sub.add_parser(name)
        p.add_argument('db')
        p.add_argument('--modules', default='')
        p.add_argument('--lang', default='zh_CN')
        p.add_argument('--url', default='http://localhost:8069')
    p = sub.add_parser('clone')
    p.add_argument('source')
    p.add_argument('target')
    p = sub.add_parser('backup')
    p.add_argument('db')
    p.add_argument('file')
    p = sub.add_parser('restore')
    p.add_argument('file')
    p.add_argument('db')
    p.add_argument('--replace', action='store_true')
    args = parser.parse_args()
    config.parse_config(['-c', args.config, '--log-level=warn'])
    # Odoo guards its dump/restore functions with list_db, which only concerns the web database
    # manager (kept off in odoo.conf); this command line is the administrator's own tool.
    config['list_db'] = True
    with odoo.api.Environment.manage():
        return globals()[args.cmd](args)


if __name__ == '__main__':
    sys.exit(main())
