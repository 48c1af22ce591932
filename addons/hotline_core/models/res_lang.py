# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, models

# Issue #16 ("list dates carry seconds and wrap"): the centre's date and time as its staff
# write them, 2026-12-07 09:14, instead of the locale's 2026年12月07日 09时14分58秒.
HOTLINE_FORMATS = {'date_format': '%Y-%m-%d', 'time_format': '%H:%M'}
# The formats Odoo 11 takes from the zh_CN locale; only these are replaced, a centre's own
# choice stays.
LOCALE_FORMATS = {'date_format': ('%Y年%m月%d日',), 'time_format': ('%H时%M分%S秒',)}


class ResLang(models.Model):
    _inherit = 'res.lang'

    @api.model
    def _hotline_set_formats(self):
        """NF-1, issue #16: short dates and times without seconds in Simplified Chinese
        (called at every install/update of hotline_core: data/res_lang_data.xml)."""
        langs = self.with_context(active_test=False).search([('code', '=', 'zh_CN')])
        for lang in langs:
            vals = {key: value for key, value in HOTLINE_FORMATS.items()
                    if lang[key] in LOCALE_FORMATS[key]}
            if vals:
                lang.write(vals)
        return True
