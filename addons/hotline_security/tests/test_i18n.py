# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo.addons.hotline_core.tests import i18n_case


class TestSecurityI18n(i18n_case.TranslationCompletenessCase):
    """NF-1: every string of hotline_security has its zh_CN translation."""
    _module = 'hotline_security'
