"""IF-1, IF-2, CH-11, AG-10 (issue 18): the documented HTTP endpoints and the routes the
product serves are the same set, and each answers bad input with a clear error.

Both sides are generated: the routes are those the hotline modules add to Odoo's routing map
(the map of every installed module minus the map without the hotline modules), the documented
paths are read from docs/*.md and README.md. A route nobody documented, a documented path that
is not served and a route that fails on a visitor's garbage each fail this test, without anyone
adding the new route here.
"""
import glob
import os
import re

import requests

import odoo
from odoo.tests.common import HttpCase

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Paths an integrator or a visitor meets. A documented path under these prefixes must be served.
PREFIXES = ('/hotline', '/api/hotline', '/open311', '/my/requests')
PATH_RE = re.compile(r'(?<![\w.:/<{-])(/[A-Za-z0-9_./<>{}:-]*)')
# Placeholders in routes (<int:id>) and in the docs (<id>, {fmt}, <attachment id>), one form.
ROUTE_ARG_RE = re.compile(r'<[^>]*>')
DOC_ARG_RE = re.compile(r'<[^<>\n]{1,40}>|\{[^{}\n]{1,40}\}')
# Routes served but not for integrators, each with its reason.
UNDOCUMENTED = {
    '/hotline/cases/page/{}': 'the page links of /hotline/cases (its pager)',
    '/my/requests/page/{}': 'the page links of /my/requests (its pager)',
    '/hotline/kb': 'the agents\' knowledge page, opened from the back end\'s menu',
    '/hotline/kb/item/{}': 'an article of the agents\' knowledge page',
}


def _norm(path, arg_re):
    path = arg_re.sub('{}', path.split('?')[0].split('[')[0])
    # a format suffix (.xml, .json, .{fmt}) is a path argument of the route
    path = re.sub(r'\.(xml|json)$', '.{}', path).replace('{}.{}', '{}')
    return path.rstrip('/') or '/'


class TestDocumentedRoutes(HttpCase):

    def _routes(self):
        """{normalised path: (rule, methods, auth)} of the routes the hotline modules add."""
        converters = self.env['ir.http']._get_converters()
        base = [''] + odoo.conf.server_wide_modules
        installed = sorted(self.registry._init_modules)
        others = [m for m in installed if not m.startswith('hotline')]

        def rules(modules):
            return {rule.rule: rule for rule in odoo.http.routing_map(
                base + modules, False, converters=converters).iter_rules()}
        without = rules(others)
        ours = {}
        for path, rule in rules(installed).items():
            if path in without:
                continue
            routing = rule.endpoint.routing
            ours[_norm(path, ROUTE_ARG_RE)] = (path, routing.get('methods'), routing.get('auth'))
        self.assertGreater(len(ours), 30, 'the hotline routes were not found')
        return ours

    def _documented(self):
        """{normalised path: file} of every path the docs name, and the base paths they name."""
        paths = {}
        for name in sorted(glob.glob(os.path.join(ROOT, 'docs', '*.md'))) + [
                os.path.join(ROOT, 'README.md')]:
            with open(name, encoding='utf-8') as f:
                text = f.read()
            # "{xml,json}" in the docs stands for the two formats
            text = DOC_ARG_RE.sub('{}', text.replace('{xml,json}', '{fmt}'))
            for match in PATH_RE.finditer(text):
                paths.setdefault(_norm(match.group(1), DOC_ARG_RE), os.path.basename(name))
        return paths

    def _is_documented(self, route, documented):
        """Documented in full, or as a path relative to a documented base path (the tables of
        the app API and of Open311 give the paths under their base path)."""
        if route in documented:
            return True
        return any(route == base + rest for rest in documented if rest != '/'
                   for base in documented if base.startswith(PREFIXES) and base != route)

    def test_every_route_is_documented_and_every_documented_path_served(self):
        """IF-1, CH-11 (issue 18): each route the hotline modules serve is in the docs (or
        named above with why not), and each documented hotline path is a route."""
        routes, documented = self._routes(), self._documented()
        undocumented = sorted(r for r in routes if r not in UNDOCUMENTED
                              and not self._is_documented(r, documented))
        self.assertEqual(undocumented, [], 'routes served but not documented')
        stale = sorted(UNDOCUMENTED.keys() - routes.keys())
        self.assertEqual(stale, [], 'routes listed as undocumented that are no longer served')
        # a documented path is served when a route matches it (an example such as
        # /open311/v2/requests/12345-20261207-00042.json included) or starts with it (a base)
        patterns = [re.compile(re.escape(r).replace(r'\{\}', r'[^/]+')) for r in routes]
        missing = sorted('%s (%s)' % (path, name) for path, name in documented.items()
                         if path.startswith(PREFIXES)
                         and not any(p.fullmatch(path) for p in patterns)
                         and not any(r.startswith(path + '/') for r in routes))
        self.assertEqual(missing, [], 'documented paths that are not served')

    def test_every_route_answers_garbage_clearly(self):
        """IF-1 (issue 18): every hotline route, called by an anonymous visitor with
        each of its documented methods, with garbage in its path arguments (0, a word, an
        over-long word) and in its query and body, answers with a status below 500; a route
        that takes no path argument is found (no 404 page)."""
        base = 'http://127.0.0.1:%d' % odoo.tests.common.PORT
        garbage = {'q': '\'"<x>', 'number': '==', 'period': 'x', 'date_from': '2026-13-45',
                   'limit': '-1', 'fmt': 'x', 'api_key': 'x' * 300}
        failures, calls = [], 0
        for norm, (rule, methods, auth) in sorted(self._routes().items()):
            if rule == '/hotline/wechat':
                continue  # signature checked first: tested in hotline_portal's WeChat tests
            for value in (['0', 'x', 'x' * 300] if '{}' in norm else [None]):
                path = ROUTE_ARG_RE.sub(lambda m: value, rule) if value else rule
                for method in (methods or ['GET', 'POST']):
                    if method not in ('GET', 'POST'):
                        continue
                    response = requests.request(
                        method, base + path, params=garbage if method == 'GET' else None,
                        data=garbage if method == 'POST' else None, allow_redirects=False,
                        timeout=60)
                    calls += 1
                    if response.status_code >= 500 or (
                            value is None and response.status_code == 404
                            and 'errors' not in response.text[:2000]
                            and not response.headers.get('Content-Type', '').startswith(
                                ('application/json', 'application/xml', 'text/xml'))):
                        failures.append('%s %s (%s) → %s %s' % (
                            method, path[:80], auth, response.status_code,
                            response.text[:200].replace('\n', ' ')))
        self.assertGreater(calls, 60, 'the routes were not called')
        self.assertEqual(failures, [])
