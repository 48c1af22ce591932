"""IF-1 (issue 18): every method docs/API*.md tells an integrator to call over XML-RPC exists,
is public, and takes the arguments the docs give it, under the names they give.

The documented calls are read from the docs themselves — ``model.method(args)`` anywhere, and
the rows of the method tables (``| `method` | `args` | … |``) — so a method that is renamed, made
private or given another signature fails here, and so does a new documented one with a typo.
"""
import glob
import inspect
import os
import re

from odoo.tests.common import TransactionCase

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QUALIFIED_RE = re.compile(r'`((?:hotline|res|mail|ir)\.[a-z_.]+)\.([a-z_]+)\(([^`]*)\)`')
# the method tables: a header row "| method | ... |", then one row per method; the arguments
# are in the second column when it is headed "arguments", else in the first: `method(args)`
TABLE_RE = re.compile(r'^(\| *[Mm]ethod *\|.*)\n\|[-| ]+\|\n((?:\|.*\n?)*)', re.M)
ROW_RE = re.compile(r'^\| `([a-z][a-z_]+)(?:\(([^`]*)\))?`[^|]*\| (?:`([^`]*)`|[^|]*) \|', re.M)
# a model's method named in the text: "`model` `method(args)`" or a business method of the
# hotline (action_*, hotline_*); XML-RPC's own calls (execute_kw …) are Odoo's
INLINE_RE = re.compile(r'(?:`((?:hotline|res)\.[a-z_.]+)` )?`((?:action|hotline)_[a-z_]+|'
                       r'load)\(([^`()]*)\)`')


def _names(args):
    """The argument names of a documented call: ``a, b=None, c='x'`` → [a, b, c]; a leading
    ``ids`` is the records the call is made on (execute_kw's first argument), not a parameter."""
    names = []
    for part in re.split(r',\s*(?![^\[\]()]*[\])])', args.strip()):
        name = part.split('=')[0].strip()
        if re.fullmatch(r'[a-z_][a-z0-9_]*', name):
            names.append(name)
    return names[1:] if names[:1] == ['ids'] else names


class TestDocumentedMethods(TransactionCase):

    def _documented(self):
        """[(file, model or None, method, argument names)] of the docs."""
        calls = []
        for path in sorted(glob.glob(os.path.join(ROOT, 'docs', 'API*.md'))):
            name = os.path.basename(path)
            with open(path, encoding='utf-8') as f:
                text = f.read()
            for model, method, args in QUALIFIED_RE.findall(text):
                calls.append((name, model, method, _names(args)))
            for header, table in TABLE_RE.findall(text):
                in_column = re.match(r'\| *[Mm]ethod *\| *arguments', header)
                for method, args, column in ROW_RE.findall(table):
                    calls.append((name, None, method, _names(column if in_column else args)))
            for model, method, args in INLINE_RE.findall(text):
                calls.append((name, model or None, method, _names(args)))
        return calls

    def _accepts(self, model, method, names):
        """'' when ``model.method`` takes these argument names and needs no other; else why."""
        function = getattr(type(self.env[model]), method, None)
        if not callable(function):
            return 'no such method'
        if method.startswith('_'):
            return 'private (not callable over XML-RPC)'
        parameters = list(inspect.signature(function).parameters.values())[1:]  # self
        if any(p.kind == p.VAR_KEYWORD for p in parameters):
            known = None
        else:
            known = {p.name for p in parameters}
        unknown = [n for n in names if known is not None and n not in known]
        required = [p.name for p in parameters if p.default is p.empty
                    and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
                    and p.name not in names]
        if unknown or required:
            return 'signature %s; documented %s' % (inspect.signature(function), names)
        return ''

    def test_every_documented_method_takes_its_documented_arguments(self):
        """IF-1 (issue 18): each documented call exists on its model (or, in a method table,
        on one of the hotline models), is public and matches its documented arguments."""
        calls = self._documented()
        self.assertGreater(len(calls), 35, 'the documented methods were not found')
        hotline_models = sorted(name for name in self.env.registry if name.startswith('hotline'))
        failures = []
        for name, model, method, names in calls:
            if model and model not in self.env:
                failures.append('%s: %s.%s: no such model' % (name, model, method))
                continue
            models = [model] if model else [m for m in hotline_models
                                            if callable(getattr(type(self.env[m]), method, None))]
            reasons = [self._accepts(m, method, names) for m in models] or ['no such method']
            if all(reasons):
                failures.append('%s: %s.%s(%s): %s' % (
                    name, model or '|'.join(models) or '?', method, ', '.join(names),
                    ' / '.join(sorted(set(reasons)))))
        self.maxDiff = None
        self.assertEqual(failures, [])
