# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""AG-10: the dialplan's caller lookup over HTTP, against the live server."""
import time

from odoo import fields

from .common import CtiHttpCase

TOKEN = 'test-lookup-token'


class TestLookup(CtiHttpCase):

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            env['ir.config_parameter'].set_param('hotline_cti.lookup_token', TOKEN)
            env['res.partner'].create({
                'name': '贵宾市民', 'mobile': '13700001111', 'hotline_resource_type': 'citizen',
                'citizen_level': 'vip'})
            env['hotline.blacklist'].create({
                'phone': '13600009999', 'block_type': 'inbound', 'routing': 'voicemail',
                'reason': '骚扰电话'})
            # AG-12: one unit line open around the clock, one closed today (its closing day)
            always = [(0, 0, {'dayofweek': str(d), 'hour_from': 0, 'hour_to': 24})
                      for d in range(7)]
            today = fields.Date.context_today(env['hotline.cti.route'].with_context(
                tz='Asia/Shanghai'))
            Route = env['hotline.cti.route']
            Route.create({'name': '开放线路', 'number': '88880101', 'hours_ids': always,
                          'cn_holidays': False, 'open_route': 'queue', 'open_target': '12345'})
            Route.create({'name': '关闭线路', 'number': '88880102', 'hours_ids': always,
                          'cn_holidays': False, 'closed_route': 'ivr',
                          'closure_ids': [(0, 0, {'date': today, 'name': '临时闭馆'})]})

    def _get(self, number, **params):
        started = time.time()
        response = self.opener.get(self.base + '/hotline_cti/lookup',
                                   params=dict(params, number=number),
                                   headers={'X-Hotline-Token': TOKEN}, timeout=5)
        return response, time.time() - started

    def test_known_vip_caller_name_and_priority(self):
        """AG-10: a VIP caller's name for CALLERID(name) and a queue priority, quickly."""
        response, elapsed = self._get('13700001111')
        self.assertEqual(response.status_code, 200)
        data = response.json()
        self.assertEqual(data['name'], '贵宾市民')
        self.assertGreater(data['priority'], 0)
        self.assertFalse(data['blocked'])
        self.assertLess(elapsed, 1.0, 'AG-10: the dialplan waits on this answer')

    def test_blacklisted_caller_blocked_with_routing(self):
        """AG-10: a blacklisted number is answered blocked, with where to route it, in the
        dialplan's format too."""
        data = self._get('13600009999')[0].json()
        self.assertTrue(data['blocked'])
        self.assertEqual(data['routing'], 'voicemail')
        line = self._get('13600009999', fmt='dialplan')[0].text
        self.assertEqual(line.split('|')[1:3], ['1', 'voicemail'])
        # outbound calls to it are not blocked by an inbound-only entry
        self.assertFalse(self._get('13600009999', direction='outbound')[0].json()['blocked'])

    def test_office_hours_in_the_answer(self):
        """AG-12: with the dialled line, the answer says whether the unit's line is open
        now and where to route (queue when open, the IVR when closed), in JSON and in the
        dialplan's format; the caller's name still comes with it."""
        data = self._get('13700001111', line='88880101')[0].json()
        self.assertEqual((data['open'], data['route'], data['route_target']),
                         (True, 'queue', '12345'))
        data = self._get('13700001111', line='88880102')[0].json()
        self.assertEqual((data['open'], data['route']), (False, 'ivr'))
        self.assertEqual(data['name'], '贵宾市民')
        line = self._get('13700001111', line='88880102', fmt='dialplan')[0].text
        self.assertEqual(line.split('|'), ['贵宾市民', '0', '', '10', '0', 'ivr', '', ''])
        line = self._get('13700001111', line='88880101', fmt='dialplan')[0].text
        self.assertEqual(line.split('|')[4:], ['1', 'queue', '12345', ''])

    def test_wrong_token_refused(self):
        """AG-10: without the PBX's token the endpoint tells nothing."""
        response = self.opener.get(self.base + '/hotline_cti/lookup', timeout=5,
                                   params={'number': '13700001111', 'token': 'nope'})
        self.assertEqual(response.status_code, 403)
        self.assertNotIn('贵宾', response.text)
