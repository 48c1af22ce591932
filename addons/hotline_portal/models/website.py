# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, models


class Website(models.Model):
    _inherit = 'website'

    @api.model
    def _hotline_set_chinese(self):
        """NF-1, CH-1: the citizens' website speaks Simplified Chinese by default (English
        stays available)."""
        lang = self.env['res.lang'].with_context(active_test=False).search(
            [('code', '=', 'zh_CN')], limit=1)
        if not lang:
            self.env['res.lang'].load_lang('zh_CN')
            lang = self.env['res.lang'].search([('code', '=', 'zh_CN')], limit=1)
        lang.active = True
        for website in self.search([]):
            website.write({'language_ids': [(4, lang.id)], 'default_lang_id': lang.id})
        return True

    @api.model
    def _hotline_set_brand(self):
        """The website's name (page titles, header) is the hotline's, not "My Website"."""
        self.search([]).write({'name': '青川市12345政务服务便民热线'})
        return True
