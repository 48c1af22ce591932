# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""NF-1: every term of hotline_portal_kb has a zh_CN translation."""
from odoo.addons.hotline_core.tests import i18n_case


class TestTranslations(i18n_case.TranslationCompletenessCase):
    """NF-1: hotline_portal_kb is completely translated into Simplified Chinese."""
    _module = 'hotline_portal_kb'
