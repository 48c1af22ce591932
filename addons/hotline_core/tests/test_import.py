# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from .common import HotlineCase


class TestBaseDataImport(HotlineCase):
    """IF-5: base data comes in through Odoo's standard import (CSV/XLSX)."""

    def _import(self, model, csv_text, fields_):
        wizard = self.env['base_import.import'].create({
            'res_model': model, 'file': csv_text.encode('utf-8'),
            'file_name': 'data.csv', 'file_type': 'text/csv'})
        return wizard.do(fields_, {'headers': True, 'separator': ',', 'quoting': '"',
                                   'encoding': 'utf-8'})

    def test_import_units_tree_from_csv(self):
        """IF-5, UN-1: units with their parent and type are imported from CSV."""
        errors = self._import('hotline.unit', (
            'name,code,unit_type,parent_id\n'
            '丙区,IMP-C,district,测试市\n'
            '丙区一街道,IMP-C-1,street,丙区\n'), ['name', 'code', 'unit_type', 'parent_id'])
        self.assertFalse(errors, errors)
        street = self.env['hotline.unit'].search([('code', '=', 'IMP-C-1')])
        self.assertEqual(street.parent_id.code, 'IMP-C')
        self.assertEqual(street.parent_id.parent_id, self.city)
        self.assertEqual(street.complete_name, '丙区 / 丙区一街道')

    def test_unit_tree_refuses_cycles(self):
        """UN-1: a unit cannot be placed under one of its own sub-units."""
        from odoo.exceptions import ValidationError
        with self.assertRaises(ValidationError):
            self.district_a.write({'parent_id': self.street_a.id})
        self.assertEqual(self.street_a.complete_name, '甲区 / 甲区一街道')
        self.assertEqual(self.env['hotline.unit'].name_search('甲区一街道', operator='='),
                         [(self.street_a.id, '甲区 / 甲区一街道')])

    def test_import_citizens_normalises_phones_and_reports_bad_ones(self):
        """IF-5, CZ-1: imported citizens get E.164 phones; a bad number is reported."""
        errors = self._import('res.partner', (
            'name,mobile,hotline_resource_type\n'
            '导入市民甲,13500135000,citizen\n'), ['name', 'mobile', 'hotline_resource_type'])
        self.assertFalse(errors, errors)
        self.assertEqual(self.env['res.partner'].search(
            [('name', '=', '导入市民甲')]).mobile, '+8613500135000')
        errors = self._import('res.partner', (
            'name,mobile,hotline_resource_type\n'
            '导入市民乙,999,citizen\n'), ['name', 'mobile', 'hotline_resource_type'])
        self.assertTrue(errors)
        self.assertIn('999', str(errors))
        self.assertFalse(self.env['res.partner'].search([('name', '=', '导入市民乙')]))
