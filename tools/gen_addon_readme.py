#!/usr/bin/env python3
# License AGPLv3 (https://www.gnu.org/licenses/agpl-3.0-standalone.html)
# After OCA/maintainer-tools tools/gen_addon_readme.py (oca-gen-addon-readme), (c) 2018 ACSONE
# SA/NV and GRAP, AGPL-3.0: same fragments, same template (tools/gen_addon_readme.rst.jinja), same
# source digest. Not vendored whole: the original needs click, pypandoc and git, and writes
# static/description/index.html, which these modules do not ship.
"""Write addons/<module>/README.rst from its readme/*.rst fragments and its manifest.

    tools/gen_addon_readme.py [--check] [ADDON_DIR ...]   (default: every module under addons/)

--check writes nothing and exits 1 when a README.rst is missing or out of date (the pre-commit
hook runs without it: a rewritten README.rst fails the hook, as OCA's does).
"""
import argparse
import ast
import hashlib
import os
import sys

from jinja2 import Template

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEMPLATE = os.path.join(ROOT, 'tools', 'gen_addon_readme.rst.jinja')
FRAGMENTS = ['DESCRIPTION', 'CONTEXT', 'INSTALL', 'CONFIGURE', 'USAGE', 'ROADMAP', 'DEVELOP',
             'CONTRIBUTORS', 'CREDITS', 'HISTORY']
ORG_NAME = 'hotline-12345'
REPO_NAME = 'hotline'
BRANCH = '11.0'


def _walk(*paths, relative_to):
    for path in paths:
        if os.path.isfile(path):
            yield os.path.relpath(path, relative_to)
            continue
        for dirpath, dirnames, filenames in os.walk(path):
            dirnames.sort()
            for filename in sorted(filenames):
                if not filename.startswith('.'):
                    yield os.path.relpath(os.path.join(dirpath, filename), relative_to)


def source_digest(addon_dir):
    """The digest OCA's tool writes: sha256 over the manifest and readme/ (names and contents)."""
    digest = hashlib.sha256()
    for rel in _walk(os.path.join(addon_dir, '__manifest__.py'), os.path.join(addon_dir, 'readme'),
                     relative_to=addon_dir):
        digest.update(rel.encode('utf-8'))
        with open(os.path.join(addon_dir, rel), 'rb') as f:
            digest.update(f.read())
    return digest.name + ':' + digest.hexdigest()


def render(addon_dir):
    addon_name = os.path.basename(os.path.abspath(addon_dir))
    with open(os.path.join(addon_dir, '__manifest__.py'), encoding='utf-8') as f:
        manifest = ast.literal_eval(f.read())
    fragments = {}
    for name in FRAGMENTS:
        path = os.path.join(addon_dir, 'readme', name + '.rst')
        if os.path.isfile(path):
            with open(path, encoding='utf-8') as f:
                text = f.read()
            if text.strip():
                fragments[name] = text if text.endswith('\n') else text + '\n'
    authors = [a.strip() for a in manifest.get('author', '').split(',') if a.strip()]
    with open(TEMPLATE, encoding='utf-8') as f:
        template = Template(f.read())
    return template.render(
        addon_name=addon_name, authors=authors, badges=[], branch=BRANCH, fragments=fragments,
        manifest=manifest, org_name=ORG_NAME, repo_name=REPO_NAME,
        development_status=manifest.get('development_status', 'Beta').lower(),
        source_digest=source_digest(addon_dir), level3_underline='~')


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--check', action='store_true')
    parser.add_argument('addons', nargs='*')
    args = parser.parse_args(argv)
    addons_root = os.path.join(ROOT, 'addons')
    dirs = args.addons or sorted(
        os.path.join(addons_root, d) for d in os.listdir(addons_root)
        if os.path.isfile(os.path.join(addons_root, d, '__manifest__.py')))
    stale = []
    for addon_dir in dirs:
        if not os.path.isfile(os.path.join(addon_dir, 'readme', 'DESCRIPTION.rst')):
            continue
        readme = os.path.join(addon_dir, 'README.rst')
        text = render(addon_dir)
        old = None
        if os.path.isfile(readme):
            with open(readme, encoding='utf-8') as f:
                old = f.read()
        if old == text:
            continue
        stale.append(readme)
        if not args.check:
            with open(readme, 'w', encoding='utf-8') as f:
                f.write(text)
    for readme in stale:
        print('%s %s' % ('out of date:' if args.check else 'written:', os.path.relpath(readme)))
    return 1 if stale and args.check else 0


if __name__ == '__main__':
    sys.exit(main())
