#!/usr/bin/env python
"""NF-2, issue 15: the public methods of every installed model that act as superuser or run
writing SQL, and whether each checks the caller's rights.

Odoo 11 lets any signed-in user (a citizen too) call any method of any model over RPC whose name
does not start with ``_`` and is not ``init`` (``odoo.models.check_method_name``, called by
``odoo/service/model.py`` and ``/web/dataset/call_kw``). A method that writes as superuser
(``sudo()`` with a writing call, ``SUPERUSER_ID``, ``with_env``) or runs ``INSERT``/``UPDATE``/
``DELETE``/DDL/locks through ``cr.execute`` must therefore check the rights itself
(``check_access_rights``, ``check_access_rule``, ``has_group``, ``user_has_groups``,
``_is_admin``, ``_is_system``) or be private; the exceptions reviewed by hand, each with its
one-line reason, are in ``tests/rpc_method_exceptions.csv``.

    tools/rpc_methods.py -c CONF -d DB           # every unchecked public method not excepted
    tools/rpc_methods.py -c CONF -d DB --all     # every unchecked public method

Each method is named by the file and class that define it (``mail/models/mail_thread.py:
MailThread.message_subscribe``; add-ons of Odoo and OCA relative to their add-ons folder, the
hotline's as ``addons/...``, Odoo's core as ``odoo/...``), followed by the models it serves.
"""
import argparse
import ast
import csv
import inspect
import io
import os
import re
import sys
import textwrap
import tokenize

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXCEPTIONS = os.path.join(ROOT, 'tests', 'rpc_method_exceptions.csv')

PRIVATE = re.compile(r'^(_.*|init)$')           # odoo.models.regex_private
SUDO = re.compile(r'\bsudo\(')
WRITE_CALL = re.compile(r'\.(write|create|unlink|copy|_write|_create|toggle_active|message_post|'
                        r'message_subscribe|send_mail|send|action_\w+|button_\w+)\(')
SUPERUSER = re.compile(r'\bSUPERUSER_ID\b|\bwith_env\(')
EXECUTE = re.compile(r'\bexecute\(')
WRITING_SQL = re.compile(
    r'\b(insert\s+into|update\s+["\w.%{}]+\s+set|delete\s+from|alter\s+table|'
    r'create\s+(or\s+replace\s+)?(temp\w*\s+)?(table|view|index|unique\s+index|sequence)|'
    r'drop\s+(table|view|index|sequence)|truncate|lock\s+table|for\s+(no\s+key\s+)?update|'
    r'setval|nextval)\b', re.I)
CHECK = re.compile(r'\b(check_access_rights|check_access_rule|has_group|user_has_groups|'
                   r'_is_admin|_is_system)\b')


def _code(func):
    """The function's own source without its docstring and comments."""
    source = textwrap.dedent(inspect.getsource(func))
    try:
        tree = ast.parse(source)
        body = tree.body[0].body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Str):
            lines = source.splitlines(True)
            start, end = body[0].lineno, _last_line(body[0])
            source = ''.join(lines[:start - 1] + lines[end:])
    except SyntaxError:
        pass
    lines = source.splitlines(True)
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.COMMENT:
                row, col = tok.start
                lines[row - 1] = lines[row - 1][:col] + '\n'
    except (tokenize.TokenError, IndentationError):
        pass
    return ''.join(lines)


def _last_line(node):
    return max(getattr(n, 'lineno', 0) for n in ast.walk(node))


def risks(code):
    """Why a body is risky: a list of 'sudo-write', 'superuser', 'sql-write'."""
    found = []
    if SUDO.search(code) and WRITE_CALL.search(code):
        found.append('sudo-write')
    if SUPERUSER.search(code):
        found.append('superuser')
    if EXECUTE.search(code) and WRITING_SQL.search(code):
        found.append('sql-write')
    return found


def method_key(func):
    path = os.path.realpath(inspect.getsourcefile(func))
    import odoo
    odoo_dir = os.path.dirname(os.path.realpath(odoo.__file__))
    for base, prefix in ((os.path.join(odoo_dir, 'addons'), ''),
                         (os.path.join(ROOT, 'addons'), 'addons/'),
                         (odoo_dir, 'odoo/')):
        if path.startswith(base + os.sep):
            path = prefix + os.path.relpath(path, base)
            break
    return '%s:%s' % (path, func.__qualname__)


def public_methods(env):
    """{key: (func, set of models)} of every public function of every model class (MRO)."""
    found = {}
    for name in sorted(env.registry):
        cls = type(env[name])
        for klass in cls.__mro__:
            for attr, func in vars(klass).items():
                if PRIVATE.match(attr) or not inspect.isfunction(func):
                    continue
                try:
                    key = method_key(func)
                except TypeError:
                    continue
                found.setdefault(key, (func, set()))[1].add(name)
    return found


PRIVATE_CALL = re.compile(r'\.(_[a-z]\w*)\(')
SUPER_CALL = re.compile(r'\bsuper\(')


def _checks(cls, func, depth=6, seen=None):
    """Whether ``func`` (a method of model class ``cls``) checks rights: in its own body, in a
    private helper of the same model that it calls (``self._check_member()``,
    ``ticket._transition(...)``), or in the definition that its ``super()`` call reaches — six
    calls deep (an action → its module's override → ``super()`` → the model's ``_transition`` →
    the workflow mixin's → the model's ``_check_transition_access``)."""
    seen = set() if seen is None else seen
    if func in seen or depth < 0:
        return False
    seen.add(func)
    if getattr(func, '_hotline_checks_rights', False):
        return True
    try:
        code = _code(func)
    except (OSError, TypeError):
        return False
    if CHECK.search(code):
        return True
    helpers = []
    for name in set(PRIVATE_CALL.findall(code)):
        helpers += [k.__dict__[name] for k in cls.__mro__ if inspect.isfunction(
            k.__dict__.get(name))]
    if SUPER_CALL.search(code):
        mro = cls.__mro__
        owners = [i for i, k in enumerate(mro) if k.__dict__.get(func.__name__) is func]
        if owners:
            helpers += [k.__dict__[func.__name__] for k in mro[owners[0] + 1:]
                        if inspect.isfunction(k.__dict__.get(func.__name__))][:1]
    return any(_checks(cls, helper, depth - 1, seen) for helper in helpers)


def unchecked(env):
    """{key: (risks, models)} of the public methods whose own body is risky and that check no
    right (see ``_checks``) on any model they serve."""
    result = {}
    for key, (func, models) in public_methods(env).items():
        try:
            code = _code(func)
        except (OSError, TypeError):
            continue
        why = risks(code)
        if why and not any(_checks(type(env[m]), func) for m in sorted(models)[:3]):
            result[key] = (why, models)
    return result


def read_exceptions(path=EXCEPTIONS):
    with open(path, encoding='utf-8', newline='') as f:
        return {row['method']: row['reason'] for row in csv.DictReader(f)}


def problems(env, path=EXCEPTIONS):
    """One line per unchecked public method that is not an exception, and per exception whose
    method is gone or no longer risky (so the list stays reviewed)."""
    found = unchecked(env)
    excepted = read_exceptions(path)
    lines = []
    for key in sorted(found):
        if key not in excepted:
            why, models = found[key]
            lines.append('UNCHECKED %s (%s) on %s' % (
                key, ', '.join(why), ', '.join(sorted(models)[:5])))
    for key in sorted(excepted):
        if key not in found:
            lines.append('STALE exception (method gone, private or now checking): %s' % key)
        elif not excepted[key].strip():
            lines.append('EXCEPTION WITHOUT REASON: %s' % key)
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('-c', '--config', required=True)
    parser.add_argument('-d', '--database', required=True)
    parser.add_argument('--all', action='store_true')
    args = parser.parse_args()
    import odoo
    from odoo import SUPERUSER_ID, api
    odoo.tools.config.parse_config(['-c', args.config, '--log-level=warn'])
    with api.Environment.manage(), odoo.registry(args.database).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if args.all:
            writer = csv.writer(sys.stdout, lineterminator='\n')
            for key, (why, models) in sorted(unchecked(env).items()):
                writer.writerow([key, ' '.join(why), ' '.join(sorted(models)[:3])])
            return 0
        lines = problems(env)
    print('\n'.join(lines) or 'every risky public method checks rights or is a reviewed exception')
    return 1 if lines else 0


if __name__ == '__main__':
    sys.exit(main())
