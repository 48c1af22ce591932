#!/usr/bin/env python
"""NF-2 access matrix: what each role may do on each model, and on which rows.

Two views of the same rights:

* **Every model of the database** (Odoo's and OCA's included, transient and abstract models flagged)
  for every role of NF-2 plus the citizen (portal) and the website visitor (``base.public_user``),
  computed in-process as each user exactly as the server enforces it: the operation is granted when
  ``env(user=uid)[model].check_access_rights(op, False)`` says so, and its *scope* is the set of
  ``ir.rule`` records that restrict that role x model x operation (global rules and the rules of
  the user's groups, as ``ir.rule._compute_domain`` selects them; for ``read`` also the rules of
  the ``_inherits`` parents that ``_apply_ir_rules`` adds), each written ``xmlid~hash`` where the
  hash covers the rule's domain, groups and global flag, so that a changed rule changes the scope;
  ``all`` when no rule restricts; ``own`` for transient models (Odoo's implicit create_uid rule).
  The explicit allow-list is ``tests/access_allowlist.csv``::

      tools/access_matrix.py -c CONF -d DB --check      # every new or gone grant, exit 1 if any
      tools/access_matrix.py -c CONF -d DB --write      # regenerate after a deliberate change
      HOTLINE_ACCESS_MATRIX=write ./hotline test tests/test_access_matrix.py   # the same on the
                                                        # test database (what the lead runs)

* **The hotline models over XML-RPC** (the spot check: each demo login, password = login, asks
  ``check_access_rights``): a Markdown table whose intended version is in docs/security.md::

      tools/access_matrix.py --url http://localhost:8069 --db hotline            # Markdown table
      tools/access_matrix.py --url http://localhost:8069 --db hotline --check-md docs/security.md

A cell of the Markdown table lists the operations granted: r(ead) w(rite) c(reate) d(elete),
or ``-``.
"""
import argparse
import csv
import hashlib
import io
import os
import re
import sys
import xmlrpc.client

ALLOWLIST = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                         'tests', 'access_allowlist.csv')

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


# ---------------------------------------------------------------------------------------------
# Every model x every role, in-process (the allow-list)

#: role -> how to find its user: a demo login, or the xml id of a user that cannot log in.
FULL_ROLES = (
    ('agent', 'agent'), ('leader', 'leader'), ('dispatcher', 'dispatcher'),
    ('office_leader', 'office_leader'), ('unit_handler', 'unit_handler'),
    ('unit_manager', 'unit_manager'), ('supervisor', 'supervisor'), ('kb_admin', 'kb_admin'),
    ('admin', 'admin'), ('citizen', 'citizen'), ('public', 'base.public_user'),
)
#: demo logins that must have exactly the groups of a role above (and so its rows).
SAME_AS = {'street_handler': 'unit_handler', 'community_handler': 'unit_handler',
           'xicheng_handler': 'unit_handler'}
FULL_OPERATIONS = ('read', 'write', 'create', 'unlink')
HEADER = ['role', 'model', 'kind', 'operation', 'scope']


def role_users(env):
    """[(role, res.users record)] of FULL_ROLES, plus ``hotline_admin`` for every active
    non-superuser member of hotline_core's administrators group (none in the demo data: there
    the administrator is Odoo's superuser, uid 1)."""
    Users = env['res.users'].sudo().with_context(active_test=False)
    result = []
    for role, key in FULL_ROLES:
        user = env.ref(key) if '.' in key else Users.search([('login', '=', key)])
        if len(user) != 1:
            raise RuntimeError('no user for role %s (%s): demo data missing?' % (role, key))
        result.append((role, user))
    admin_group = env.ref('hotline_core.group_hotline_admin', raise_if_not_found=False)
    if admin_group:
        others = admin_group.users.filtered(lambda u: u.id != 1 and u.active)
        for user in others.sorted('login'):
            result.append(('hotline_admin:%s' % user.login, user))
    return result


def shared_role_problems(env):
    """The demo logins of SAME_AS whose groups differ from their role's user."""
    Users = env['res.users'].sudo()
    problems = []
    for login, role in sorted(SAME_AS.items()):
        user, model_user = (Users.search([('login', '=', x)]) for x in (login, role))
        if user and model_user and user.groups_id != model_user.groups_id:
            problems.append('%s no longer has the groups of %s: give it its own role in '
                            'tools/access_matrix.py' % (login, role))
    return problems


def _rule_tokens(env):
    """{rule id: 'xmlid~hash'} of every active record rule."""
    env.cr.execute("""SELECT r.id, r.name, r.domain_force, r.global,
                             COALESCE(d.module || '.' || d.name, '') AS xmlid,
                             ARRAY(SELECT COALESCE(gd.module || '.' || gd.name,
                                                   'group#' || rg.group_id)
                                     FROM rule_group_rel rg
                                     LEFT JOIN ir_model_data gd
                                       ON gd.model = 'res.groups' AND gd.res_id = rg.group_id
                                    WHERE rg.rule_group_id = r.id ORDER BY 1) AS groups
                        FROM ir_rule r
                        LEFT JOIN ir_model_data d ON d.model = 'ir.rule' AND d.res_id = r.id
                       WHERE r.active""")
    tokens = {}
    for rid, name, domain, is_global, xmlid, groups in env.cr.fetchall():
        digest = hashlib.sha1(repr((' '.join((domain or '').split()), bool(is_global),
                                    sorted(groups))).encode('utf-8')).hexdigest()[:8]
        tokens[rid] = '%s~%s' % (xmlid or 'ir.rule#%d(%s)' % (rid, name), digest)
    return tokens


def _user_rules(env, uid, tokens):
    """{(model, operation): set of tokens} of the rules that apply to ``uid``: the selection of
    ``ir.rule._compute_domain`` (active, the operation's perm, global or one of the user's
    groups)."""
    env.cr.execute("""SELECT r.id, m.model, r.perm_read, r.perm_write, r.perm_create, r.perm_unlink
                        FROM ir_rule r JOIN ir_model m ON r.model_id = m.id
                       WHERE r.active
                         AND (r.global OR r.id IN (SELECT rg.rule_group_id FROM rule_group_rel rg
                                                   JOIN res_groups_users_rel gu
                                                     ON rg.group_id = gu.gid
                                                  WHERE gu.uid = %s))""", (uid,))
    rules = {}
    for rid, model, *perms in env.cr.fetchall():
        for operation, perm in zip(FULL_OPERATIONS, perms):
            if perm:
                rules.setdefault((model, operation), set()).add(tokens[rid])
    return rules


def model_kind(model):
    if model._transient:
        return 'transient'
    if model._abstract:
        return 'abstract'
    return 'sql_view' if not model._auto else 'model'


def full_matrix(env):
    """{(role, model, operation): scope} of every granted operation; plus {model: kind}."""
    from odoo import SUPERUSER_ID
    tokens = _rule_tokens(env)
    env.cr.execute("SELECT model FROM ir_model ORDER BY model")
    names = [name for (name,) in env.cr.fetchall() if name in env.registry]
    kinds = {name: model_kind(env[name]) for name in names}
    matrix = {}
    for role, user in role_users(env):
        user_env = env(user=user.id)
        rules = _user_rules(env, user.id, tokens)
        for name in names:
            model = user_env[name]
            for operation in FULL_OPERATIONS:
                if not model.check_access_rights(operation, raise_exception=False):
                    continue
                if user.id == SUPERUSER_ID:
                    scope = 'all'
                elif model._transient:
                    scope = 'own'
                else:
                    applied = set(rules.get((name, operation), ()))
                    if operation == 'read':
                        for parent in model._inherits:
                            applied |= rules.get((parent, operation), set())
                    scope = ' '.join(sorted(applied)) or 'all'
                matrix[role, name, operation] = scope
    return matrix, kinds


def allowlist_text(matrix, kinds):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator='\n')
    writer.writerow(HEADER)
    roles = [role for role, _key in FULL_ROLES]
    order = {role: i for i, role in enumerate(roles)}
    for role, model, operation in sorted(matrix, key=lambda k: (
            k[1], order.get(k[0], len(roles)), k[0], FULL_OPERATIONS.index(k[2]))):
        writer.writerow([role, model, kinds[model], operation, matrix[role, model, operation]])
    return out.getvalue()


def read_allowlist(path=ALLOWLIST):
    """{(role, model, operation): scope} and {model: kind} of the allow-list file."""
    matrix, kinds = {}, {}
    with open(path, encoding='utf-8', newline='') as f:
        for row in csv.DictReader(f):
            matrix[row['role'], row['model'], row['operation']] = row['scope']
            kinds[row['model']] = row['kind']
    return matrix, kinds


def allowlist_differences(allowed, actual):
    """One line per (role, model, operation, scope) that is granted and not listed, or listed
    and no longer granted (a changed scope gives both)."""
    problems = []
    for key in sorted(set(allowed) | set(actual)):
        want, have = allowed.get(key), actual.get(key)
        if want == have:
            continue
        if have is not None:
            problems.append('NEW  grant not in the allow-list: (%s, %s, %s, %s)' % (key + (have,)))
        if want is not None:
            problems.append('GONE listed grant no longer given: (%s, %s, %s, %s)' % (key + (want,)))
    return problems


def hotline_cells(matrix, roles=ROLES):
    """{(model, role): 'rwcd'} of the hotline models (non-transient) for the Markdown table."""
    letters = dict(OPERATIONS)
    cells = {}
    models_list = {m for (_r, m, _o) in matrix if m.startswith('hotline.')}
    for model in models_list:
        for role in roles:
            cell = ''.join(letters[op] for op, _l in OPERATIONS if (role, model, op) in matrix)
            cells[model, role] = cell or '-'
    return cells


def write_md_table(path, matrix, kinds, roles=ROLES):
    """Replace the rows of the ``| model | <roles> |`` table of ``path`` by the hotline models of
    the in-process ``matrix`` (what ``--write`` and ``HOTLINE_ACCESS_MATRIX=write`` do, so that
    docs/security.md says what the allow-list says)."""
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    start = next(i for i, line in enumerate(lines) if line.startswith('| model |'))
    end = start + 2
    while end < len(lines) and ROW.match(lines[end].strip()):
        end += 1
    cells = {key: cell for key, cell in hotline_cells(matrix, roles).items()
             if kinds.get(key[0]) != 'transient'}
    table = markdown(cells, roles).split('\n')
    lines[start:end] = table
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines))


def _env_main(args):
    import odoo
    from odoo import SUPERUSER_ID, api
    odoo.tools.config.parse_config(['-c', args.config, '--log-level=warn'])
    registry = odoo.registry(args.database)
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        matrix, kinds = full_matrix(env)
        problems = shared_role_problems(env)
        cr.rollback()
    if args.write:
        with open(args.file, 'w', encoding='utf-8') as f:
            f.write(allowlist_text(matrix, kinds))
        if args.md:
            write_md_table(args.md, matrix, kinds)
        print('%s: %d grants of %d models written' % (args.file, len(matrix), len(kinds)))
        print('\n'.join(problems))
        return 1 if problems else 0
    allowed, _kinds = read_allowlist(args.file)
    problems += allowlist_differences(allowed, matrix)
    print('\n'.join(problems) or 'every grant is in the allow-list and every listed grant holds')
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--url', default='http://localhost:8069')
    parser.add_argument('--db', default='hotline')
    parser.add_argument('--check-md', metavar='SECURITY_MD',
                        help='compare the hotline models over XML-RPC with this Markdown table')
    parser.add_argument('-c', '--config', help='Odoo configuration (in-process allow-list mode)')
    parser.add_argument('-d', '--database', help='database (in-process allow-list mode)')
    parser.add_argument('--file', default=ALLOWLIST, help='the allow-list (%(default)s)')
    parser.add_argument('--md', default=os.path.join(os.path.dirname(ALLOWLIST), os.pardir,
                                                     'docs', 'security.md'),
                        help='with --write, the Markdown table to rewrite (%(default)s)')
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument('--check', action='store_true', help='compare with the allow-list')
    mode.add_argument('--write', action='store_true', help='regenerate the allow-list')
    args = parser.parse_args()
    if args.check or args.write:
        if not (args.config and args.database):
            parser.error('--check and --write need -c CONFIG and -d DATABASE')
        return _env_main(args)
    actual = actual_matrix(args.url.rstrip('/'), args.db)
    if not args.check_md:
        print(markdown(actual))
        return 0
    problems = differences(intended_matrix(args.check_md), actual)
    print('\n'.join(problems) or 'the access matrix is as intended')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
