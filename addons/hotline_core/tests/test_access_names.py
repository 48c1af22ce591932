# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""NF-1, issue 16: an access refusal names the groups that may do it in the reader's
language.

Odoo 11 reads the names in raw SQL, from the column, which holds the source language of a
database installed in English (or upgraded from one) — a Chinese clerk was told that only
"12345 Hotline/Hotline Administrator" may do it."""
from odoo.exceptions import AccessError

from .common import HotlineCase


class TestAccessNames(HotlineCase):

    def test_refusal_names_groups_in_the_users_language(self):
        """NF-1: tried with the administrators' group named in English in its column and
        translated to Chinese: a clerk deleting a unit reads the Chinese name."""
        group = self.env.ref('hotline_core.group_hotline_admin')
        self.env.cr.execute("UPDATE res_groups SET name = 'Hotline Administrator' "
                            "WHERE id = %s", [group.id])
        self.env['ir.translation'].search([
            ('name', '=', 'res.groups,name'), ('res_id', '=', group.id)]).unlink()
        self.env['ir.translation'].create({
            'name': 'res.groups,name', 'res_id': group.id, 'lang': 'zh_CN', 'type': 'model',
            'src': 'Hotline Administrator', 'value': '热线系统管理员', 'state': 'translated'})
        self.env['ir.translation'].clear_caches()
        group.invalidate_cache()
        clerk = self.env.ref('hotline_core.user_unit_handler')
        unit = clerk.hotline_unit_ids[:1]
        with self.assertRaises(AccessError) as refused:
            unit.sudo(clerk).with_context(lang='zh_CN').unlink()
        self.assertIn('热线系统管理员', refused.exception.name)
        self.assertNotIn('Hotline Administrator', refused.exception.name)
