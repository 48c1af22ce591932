# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""NF-1: the hotline speaks Chinese — every term of hotline_portal has a zh_CN translation."""
from odoo.tests.common import SavepointCase
from odoo.tools.translate import trans_generate

LANG = 'zh_CN'
MODULE = 'hotline_portal'


class TestTranslations(SavepointCase):
    """NF-1: hotline_portal is completely translated into Simplified Chinese."""

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
        """NF-1: every term exported for hotline_portal (field labels, selections, views, menus,
        actions, groups, data, constraints, messages in code) has a non-empty zh_CN
        translation loaded in the database."""
        self.assertTrue(self.env['res.lang'].search([('code', '=', LANG)]),
                        'NF-1: the zh_CN language is not installed in the database')
        terms = trans_generate(LANG, [MODULE], self.env.cr)
        self.assertTrue(terms, 'trans_generate found no term for %s' % MODULE)
        missing = set()
        for module, term_type, name, res_id, src, value, _comments in terms:
            if module != MODULE:
                continue
            if not value or not self._db_translation(term_type, name, res_id, src):
                missing.add('%s %s [%s]: %r' % (term_type, name, res_id, src))
        if missing:
            self.fail(
                'NF-1: %d of %d hotline_portal terms have no zh_CN translation; add them to '
                'addons/hotline_portal/i18n/zh_CN.po (tools/i18n_export.sh hotline_portal):\n%s' % (
                    len(missing), len(terms), '\n'.join(sorted(missing))))

    def test_website_labels_in_chinese(self):
        """NF-1, CH-1: the website's menus and the request's website fields read in
        Chinese; the website speaks Chinese by default."""
        website = self.env['website'].search([], limit=1)
        self.assertEqual(website.default_lang_id.code, LANG)
        menu = self.env.ref('hotline_portal.menu_hotline_submit').with_context(lang=LANG)
        self.assertEqual(menu.name, '我要诉求')
        fields = self.env['hotline.ticket'].with_context(lang=LANG).fields_get(
            ['portal_public', 'portal_published'], attributes=['string'])
        self.assertEqual(fields['portal_public']['string'], '市民同意公开')
        self.assertEqual(fields['portal_published']['string'], '已在网站公开')
