# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError

from ..tools.phone import PhoneError, normalize_phone
from .common import HotlineCase


class TestPhone(HotlineCase):

    def test_normalize_chinese_mobiles_and_landlines(self):
        """CZ-1: mobiles and landlines with area codes, in the forms callers give them,
        are stored in E.164."""
        cases = {
            '13812345678': '+8613812345678',
            '138 1234 5678': '+8613812345678',
            '+86 138-1234-5678': '+8613812345678',
            '008613812345678': '+8613812345678',
            '010-65123456': '+861065123456',
            '(0571) 8765 4321': '+8657187654321',
            '0755-88881234': '+8675588881234',
        }
        for raw, expected in cases.items():
            self.assertEqual(normalize_phone(raw), expected, raw)
        self.assertFalse(normalize_phone(''))
        self.assertFalse(normalize_phone('   '))

    def test_bad_numbers_are_refused(self):
        """CZ-1: too short, too long, letters and a landline without its area code are
        not phone numbers."""
        for raw in ('12345', '1381234567', '138123456789', 'abcdefg', '65123456', '110'):
            with self.assertRaises(PhoneError, msg=raw):
                normalize_phone(raw)

    def test_default_area_code_completes_local_landline(self):
        """CZ-1: a local 8-digit landline is completed with the configured area code."""
        self.assertEqual(normalize_phone('87654321', default_area_code='0571'),
                         '+8657187654321')

    def test_configured_area_code_applies_to_citizens(self):
        """CZ-1: with hotline.default_area_code set, a local landline is accepted."""
        with self.assertRaises(ValidationError):
            self.env['res.partner'].create({'name': '本地', 'phone': '87654321'})
        self.env['ir.config_parameter'].set_param('hotline.default_area_code', '0571')
        partner = self.env['res.partner'].create({'name': '本地', 'phone': '87654321'})
        self.assertEqual(partner.phone, '+8657187654321')

    def test_citizen_phone_stored_e164_and_invalid_refused_with_message(self):
        """CZ-1: saving a citizen normalises phones; an invalid number is refused with a
        message naming the field and the number, and nothing is saved."""
        partner = self.env['res.partner'].sudo(self.agent).create({
            'name': '李四', 'mobile': '139-0000-1111', 'phone': '010 6512 3456',
            'hotline_resource_type': 'citizen'})
        self.assertEqual(partner.mobile, '+8613900001111')
        self.assertEqual(partner.phone, '+861065123456')
        with self.assertRaises(ValidationError) as error:
            partner.write({'mobile': '1390000'})
        self.assertIn('1390000', error.exception.name)
        self.assertEqual(partner.mobile, '+8613900001111')
        count = self.env['res.partner'].search_count([('name', '=', '王五')])
        with self.assertRaises(ValidationError):
            self.env['res.partner'].sudo(self.agent).create({
                'name': '王五', 'mobile': 'not a number', 'hotline_resource_type': 'citizen'})
        self.assertEqual(self.env['res.partner'].search_count([('name', '=', '王五')]), count)

    def test_request_contact_phone_refused_when_invalid(self):
        """CZ-1, TK-2: a request's contact phone must be a valid number; the PBX caller
        number is kept even when it is an extension."""
        with self.assertRaises(ValidationError):
            self._ticket(contact_phone='12')
        ticket = self._ticket(caller_number='8001')
        self.assertEqual(ticket.caller_number, '8001')
        self.assertEqual(ticket.contact_phone, '+8613800138000')

    def test_find_citizen_by_any_form_of_number(self):
        """CZ-1, IF-1: the citizen is found by phone whatever form the number has, also
        through a related contact's number (CZ-2)."""
        Partner = self.env['res.partner'].sudo(self.agent)
        self.assertEqual(Partner.hotline_find_by_phone('138 0013 8000'), self.citizen)
        self.assertEqual(Partner.hotline_find_by_phone('+8613800138000'), self.citizen)
        self.env['hotline.citizen.contact'].create({
            'partner_id': self.citizen.id, 'name': '测试家属', 'relation': 'family',
            'phone': '13700137000'})
        self.assertEqual(Partner.hotline_find_by_phone('13700137000'), self.citizen)
        self.assertFalse(Partner.hotline_find_by_phone('13600136000'))
        self.assertFalse(Partner.hotline_find_by_phone('garbage'))
