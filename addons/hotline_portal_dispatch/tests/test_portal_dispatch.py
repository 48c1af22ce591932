# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-9 default receiving unit by type for website requests; CH-7 data broadcast."""
import re

from hypothesis import given

from odoo.addons.hotline_portal.tests.common import PortalHttpCase
from odoo.addons.hotline_portal.tests.test_portal_fuzz import FUZZ, TEXT, FuzzCase


class TestPortalDispatch(PortalHttpCase):

    def get(self, path):
        return self.opener.get(self.url(path), timeout=60)

    def test_website_request_proposed_to_unit_of_its_type(self):
        """CH-9: a complaint submitted on the website is proposed to the discipline
        commission and a suggestion to the acceptance centre (demo configuration); after
        the office changes the configuration the new unit is proposed; a complaint that
        staff or an integrator registers (here channel app, over the API) keeps dispatch's
        rule (the district of its place)."""
        self.submit(title='网站投诉测试', ticket_type='complaint')
        self.submit(title='网站建议测试', ticket_type='suggestion')
        with self.server_env() as env:
            Ticket = env['hotline.ticket']
            complaint = Ticket.search([('title', '=', '网站投诉测试')])
            suggestion = Ticket.search([('title', '=', '网站建议测试')])
            self.assertTrue(complaint.portal_self_service)
            self.assertEqual(complaint.default_main_unit_id,
                             env.ref('hotline_portal_dispatch.unit_discipline'))
            self.assertEqual(suggestion.default_main_unit_id,
                             env.ref('hotline_core.unit_centre'))
            env.ref('hotline_portal_dispatch.type_unit_complaint').unit_id = \
                env.ref('hotline_core.unit_bureau_market')
            complaint.invalidate_cache()
            self.assertEqual(complaint.default_main_unit_id,
                             env.ref('hotline_core.unit_bureau_market'))
            dongcheng = env.ref('hotline_core.unit_district_dongcheng')
            location = env['hotline.location'].search(
                [('unit_id', '=', dongcheng.id)], limit=1)
            phone = Ticket.create({
                'title': '电话投诉', 'content': '噪音扰民', 'ticket_type': 'complaint',
                'channel': 'app', 'contact_name': '王五', 'contact_phone': '13700009999',
                'location_id': location.id})
            self.assertEqual(phone.default_main_unit_id, dongcheng)

    def test_data_broadcast_counts_by_unit(self):
        """CH-7: the public data page shows, per main unit, accepted and closed requests,
        the on-time rate and the satisfaction from callbacks, with a chart drawn locally."""
        with self.server_env() as env:
            unit = env['hotline.unit'].create({'name': '数据公开测试局', 'code': 'QC-TEST-DATA'})
            for index, (state, late, callback) in enumerate((
                    ('done', False, 'callback_satisfied'), ('done', True, 'callback_unsatisfied'),
                    ('done', False, None), ('in_progress', False, None))):
                ticket = self.make_ticket(env, title='数据公开%d' % index)
                env['hotline.ticket.assignment'].create({
                    'ticket_id': ticket.id, 'unit_id': unit.id, 'role': 'main',
                    'state': state, 'late': late})
                if callback:
                    ticket._log_step(callback, '回访')
        page = self.get('/hotline/data').text
        self.assertIn('o_hotline_chart', page)
        row = re.search(r'<td[^>]*>数据公开测试局</td>(.*?)</tr>', page, re.S)
        self.assertTrue(row, 'the unit is not on the data page')
        cells = re.findall(r'<td class="text-right"[^>]*>\s*(.*?)\s*</td>', row.group(1), re.S)
        cells = [re.sub(r'\s+', ' ', c).strip() for c in cells]
        self.assertEqual(cells, ['4', '3', '66.7 %', '50.0 %'])
        self.assertNotIn('cdn', page.lower())


class TestPortalDispatchFuzz(FuzzCase):

    @FUZZ
    @given(period=TEXT, date_from=TEXT, date_to=TEXT)
    def test_data_page_survives_generated_input(self, period, date_from, date_to):
        """CH-7: generated period and dates: never a 500."""
        self._ok(self.opener.get(self.url('/hotline/data'), params={
            'period': period, 'date_from': date_from, 'date_to': date_to}, timeout=60),
            'data', (period, date_from, date_to))
