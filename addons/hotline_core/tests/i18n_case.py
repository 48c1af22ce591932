# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""NF-1: the check every hotline module runs on its zh_CN translation.

Import the module, not the class (``from odoo.addons.hotline_core.tests import i18n_case``),
so that pytest does not collect the base class itself, and set ``_module``.
"""
from odoo.tests.common import SavepointCase
from odoo.tools.translate import trans_generate

LANG = 'zh_CN'


class TranslationCompletenessCase(SavepointCase):
    _module = None

    def _db_translation(self, term_type, name, res_id, src):
        """The zh_CN value stored in ir_translation for one exported term, or ''.

        Odoo 11's ``_get_source`` (which ``trans_generate`` uses) falls back to the source
        when no translation exists, so its value is never empty; this reads the table the
        way the server looks terms up at run time, without the fallback.
        """
        query = """SELECT value FROM ir_translation
                   WHERE lang = %s AND type = %s AND src = %s AND md5(src) = md5(%s)
                     AND COALESCE(value, '') != ''"""
        params = [LANG, term_type, src, src]
        if term_type == 'model':
            # one translation per record (e.g. the label of every field called "Active")
            record_id = self.env['ir.model.data'].xmlid_to_res_id(res_id)
            query += " AND name = %s AND res_id = %s"
            params += [name, record_id]
        elif term_type != 'code':
            # selections and constraints are looked up by model (and field); code terms,
            # like _() at run time, by their source only
            query += " AND name = %s"
            params.append(name)
        self.env.cr.execute(query + " LIMIT 1", params)
        row = self.env.cr.fetchone()
        return row[0] if row else ''

    def test_every_term_translated(self):
        """NF-1: every term exported for the module (field labels, selections, views, menus,
        actions, groups, data, constraints, messages in code) has a non-empty zh_CN
        translation loaded in the database."""
        module = self._module
        self.assertTrue(module, 'set _module on the translation test class')
        self.assertTrue(self.env['res.lang'].search([('code', '=', LANG)]),
                        'NF-1: the zh_CN language is not installed in the database')
        terms = trans_generate(LANG, [module], self.env.cr)
        self.assertTrue(terms, 'trans_generate found no term for %s' % module)
        missing = set()
        for term_module, term_type, name, res_id, src, value, _comments in terms:
            if term_module != module:
                continue
            if not value or not self._db_translation(term_type, name, res_id, src):
                missing.add('%s %s [%s]: %r' % (term_type, name, res_id, src))
        if missing:
            self.fail(
                'NF-1: %d of %d %s terms have no zh_CN translation; add them to '
                'addons/%s/i18n/zh_CN.po (tools/i18n_export.sh %s):\n%s' % (
                    len(missing), len(terms), module, module, module,
                    '\n'.join(sorted(missing))))
