# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import models

from ..tools import kb_text


class IrAttachment(models.Model):
    _inherit = 'ir.attachment'

    def _index(self, bin_data, datas_fname, file_type):
        """KB-6: the text of a knowledge item's attachment (Word, Excel, TXT, PDF, HTML) is
        extracted once, when it is uploaded, into ``index_content``."""
        if self.env.context.get('hotline_kb_index') or (
                self and all(a.res_model == 'hotline.kb.item' for a in self)):
            return kb_text.extract_text(bin_data, datas_fname, file_type) or False
        return super()._index(bin_data, datas_fname, file_type)
