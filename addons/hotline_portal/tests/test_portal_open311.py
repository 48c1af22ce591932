# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-11 (beyond the peers): Open311 GeoReport v2 round trip."""
from .common import PortalHttpCase

KEY = 'demo-app-token-12345'


class TestOpen311(PortalHttpCase):

    def test_round_trip(self):
        """CH-11: list services, post a request (form-encoded, as GeoReport v2 clients do),
        get it back with the API key (status open); without a key an unpublished request is
        404; the public list carries only published, redacted requests."""
        services = self.url_open('/open311/v2/services.json').json()
        self.assertIn('complaint', [s['service_code'] for s in services])
        posted = self.opener.post(self.url('/open311/v2/requests.json'), data={
            'api_key': KEY, 'service_code': 'complaint',
            'description': '公园健身器材损坏\n器材断裂有安全隐患', 'first_name': '华',
            'last_name': '李', 'phone': '13600003333', 'address_string': '人民公园东门'},
            timeout=30)
        self.assertEqual(posted.status_code, 201, posted.text)
        number = posted.json()[0]['service_request_id']
        row = self.ticket_rows('name = %s', [number])[0]
        self.assertEqual((row['channel'], row['title'], row['contact_name']),
                         ('app', '公园健身器材损坏', '李 华'))
        got = self.url_open('/open311/v2/requests/%s.json?api_key=%s' % (number, KEY)).json()
        self.assertEqual((got[0]['service_request_id'], got[0]['status']), (number, 'open'))
        self.assertNotIn('description', got[0], 'an unpublished request exposed its text')
        self.assertEqual(self.url_open('/open311/v2/requests/%s.json' % number).status_code,
                         404)
        listed = self.url_open('/open311/v2/requests.json').json()
        self.assertNotIn(number, [r['service_request_id'] for r in listed])
        self.assertTrue(all(r['description'] for r in listed))

    def test_post_refused_without_key_or_with_bad_phone(self):
        """CH-11: tried posting without an api_key (403) and with a wrong phone (400 with the
        reason): nothing created."""
        data = {'service_code': 'complaint', 'description': '无钥匙', 'first_name': '某',
                'phone': '13600003333'}
        self.assertEqual(self.opener.post(self.url('/open311/v2/requests.json'), data=data,
                                          timeout=30).status_code, 403)
        bad = self.opener.post(self.url('/open311/v2/requests.json'), data=dict(
            data, api_key=KEY, phone='12'), timeout=30)
        self.assertEqual(bad.status_code, 400)
        self.assertIn('12', bad.json()[0]['description'])
        self.assertFalse(self.ticket_rows('title = %s', ['无钥匙']))
