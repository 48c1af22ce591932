#!/usr/bin/env python
"""NF-2 access matrix: what each role may do on each hotline model, asked over XML-RPC.

    tools/access_matrix.py --url http://localhost:8069 --db hotline            # Markdown table
    tools/access_matrix.py --url http://localhost:8069 --db hotline --check docs/security.md

Each role is a demo login (password = login). A cell lists the operations the role's
``check_access_rights`` grants: r(ead) w(rite) c(reate) d(elete), or ``-``. Record rules (which
rows) are not in the matrix; the modules' tests check them. ``--check`` compares with the
intended matrix in docs/security.md and lists every difference.
"""
import argparse
import re
import sys
import xmlrpc.client

ROLES = ['agent', 'leader', 'dispatcher', 'office_leader', 'unit_handler', 'unit_manager',
         'supervisor', 'kb_admin', 'admin', 'citizen']
OPERATIONS = (('read', 'r'), ('write', 'w'), ('create', 'c'), ('unlink', 'd'))
ROW = re.compile(r'^\|\s*`?([a-z0-9_.]+)`?\s*\|(.*)\|\s*$')


def hotline_models(url, db):
    """The hotline models other than wizards, as the administrator sees them (the abstract
    mixins are listed too: they grant nothing)."""
    common = xmlrpc.client.ServerProxy(url + '/xmlrpc/2/common')
    uid = common.authenticate(db, 'admin', 'admin', {})
    models = xmlrpc.client.ServerProxy(url + '/xmlrpc/2/object', allow_none=True)
    rows = models.execute_kw(db, uid, 'admin', 'ir.model', 'search_read', [
        [('model', '=like', 'hotline.%'), ('transient', '=', False)]], {'fields': ['model']})
    return sorted(r['model'] for r in rows)


def actual_matrix(url, db, models_list=None, roles=ROLES):
    models_list = models_list or hotline_models(url, db)
    common = xmlrpc.client.ServerProxy(url + '/xmlrpc/2/common')
    proxy = xmlrpc.client.ServerProxy(url + '/xmlrpc/2/object', allow_none=True)
    matrix = {}
    for role in roles:
        uid = common.authenticate(db, role, role, {})
        if not uid:
            raise RuntimeError('cannot log in as %s (demo data missing?)' % role)
        for model in models_list:
            cell = ''
            for operation, letter in OPERATIONS:
                if proxy.execute_kw(db, uid, role, model, 'check_access_rights', [operation],
                                    {'raise_exception': False}):
                    cell += letter
            matrix[model, role] = cell or '-'
    return matrix


def markdown(matrix, roles=ROLES):
    models_list = sorted({model for model, _role in matrix})
    lines = ['| model | %s |' % ' | '.join(roles),
             '|---|%s' % ('---|' * len(roles))]
    for model in models_list:
        lines.append('| `%s` | %s |' % (model, ' | '.join(matrix[model, r] for r in roles)))
    return '\n'.join(lines)


def intended_matrix(path, roles=ROLES):
    """The rows of the table in ``path`` whose header is ``| model | <roles> |``."""
    matrix, header = {}, None
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line.startswith('| model |'):
                header = [c.strip() for c in line.strip().strip('|').split('|')][1:]
                continue
            match = ROW.match(line.strip())
            if header and match:
                cells = [c.strip() for c in match.group(2).split('|')]
                for role, cell in zip(header, cells):
                    matrix[match.group(1), role] = cell
    return matrix


def differences(intended, actual):
    """Every cell that differs. Rows of models that are not installed (a module left out of
    the database) are not compared; every installed model must have its row."""
    installed = {model for model, _role in actual}
    intended = {key: value for key, value in intended.items() if key[0] in installed}
    problems = []
    for key in sorted(set(intended) | set(actual)):
        want, have = intended.get(key), actual.get(key)
        if want is None:
            problems.append('%s / %s: %s granted, not in the intended matrix' % (key + (have,)))
        elif have is None:
            problems.append('%s / %s: in the intended matrix, model or role missing' % key)
        elif want != have:
            extra = ''.join(c for c in have if c not in want and c != '-')
            missing = ''.join(c for c in want if c not in have and c != '-')
            problems.append('%s / %s: intended %s, actual %s%s%s' % (
                key + (want, have, ' (UNINTENDED GRANT: %s)' % extra if extra else '',
                       ' (missing: %s)' % missing if missing else '')))
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--url', default='http://localhost:8069')
    parser.add_argument('--db', default='hotline')
    parser.add_argument('--check', metavar='SECURITY_MD')
    args = parser.parse_args()
    actual = actual_matrix(args.url.rstrip('/'), args.db)
    if not args.check:
        print(markdown(actual))
        return 0
    problems = differences(intended_matrix(args.check), actual)
    print('\n'.join(problems) or 'the access matrix is as intended')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
