# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-11 (beyond the peers), issue 18 item 4: Open311 GeoReport v2 to the letter, checked with
a strict client written from the specification (georeport_client.py), in XML and JSON."""
from .common import PortalHttpCase
from .georeport_client import GeoReportClient, GeoReportError, parse_w3c

KEY = 'demo-app-token-12345'
FORMATS = ('xml', 'json')


class TestOpen311(PortalHttpCase):

    def client(self, fmt, api_key=None, lang=None):
        headers = {'Accept-Language': lang} if lang else {}
        return GeoReportClient(self.opener, self.url('/open311/v2'), api_key, fmt, headers)

    def refused(self, expected, call, *args, **kwargs):
        with self.assertRaises(GeoReportError) as caught:
            call(*args, **kwargs)
        self.assertEqual(caught.exception.status, expected, caught.exception.errors)
        return caught.exception.errors[0][1]

    def publish(self, number, **vals):
        with self.server_env() as env:
            ticket = env['hotline.ticket'].search([('name', '=', number)])
            ticket.write(dict({'portal_published': True, 'portal_public': True,
                               'public_content': '已脱敏：器材损坏，电话138****3333',
                               'public_reply': '已修复'}, **vals))

    def test_round_trip(self):
        """CH-11: list services, post a request (form-encoded, as GeoReport v2 clients do),
        get it back with the API key (status open); without a key an unpublished request is
        404; the public list carries only published, redacted requests. Tried in both
        formats (adapted: an unpublished request's description is now present and null, as
        the spec lists every field)."""
        for fmt in FORMATS:
            api = self.client(fmt, KEY)
            self.assertIn('complaint', [s['service_code'] for s in api.services()])
            posted = api.post(
                service_code='complaint', description='公园健身器材损坏\n器材断裂有安全隐患',
                first_name='华', last_name='李', phone='13600003333',
                address_string='人民公园东门')
            number = posted['service_request_id']
            self.assertNotIn('token', posted, 'the query password was put in token')
            row = self.ticket_rows('name = %s', [number])[0]
            self.assertEqual((row['channel'], row['title'], row['contact_name']),
                             ('app', '公园健身器材损坏', '李 华'))
            got = api.request(number)
            self.assertEqual((got['service_request_id'], got['status']), (number, 'open'))
            for key in ('description', 'status_notes', 'address', 'lat', 'long'):
                self.assertIsNone(got[key], 'an unpublished request exposed its %s' % key)
            self.refused(404, self.client(fmt).request, number)
            listed = self.client(fmt).requests()
            self.assertNotIn(number, [r['service_request_id'] for r in listed])
            self.assertTrue(all(r['description'] for r in listed))

    def test_post_refused_without_key_or_with_bad_phone(self):
        """CH-11: tried posting without an api_key (403) and with a wrong phone (400 with the
        reason): nothing created (adapted: a location is now given, the spec requires one)."""
        data = {'service_code': 'complaint', 'description': '无钥匙', 'first_name': '某',
                'phone': '13600003333', 'address_string': '某路'}
        for fmt in FORMATS:
            self.refused(403, self.client(fmt).post, **data)
            self.refused(403, self.client(fmt, 'wrong-key').post, **data)
            reason = self.refused(400, self.client(fmt, KEY).post, **dict(data, phone='12'))
            self.assertIn('12', reason)
        self.assertFalse(self.ticket_rows('title = %s', ['无钥匙']))

    def test_discovery_services_definition(self):
        """Issue 18.4: the discovery document (under /open311 and /open311/v2) names this
        server's base URL from the request's host; services and each service definition in
        both formats; an unknown service_code is a 404 in the error format (never Odoo's
        HTML page), in Chinese unless Accept-Language: en; jurisdiction_id accepted."""
        for fmt in FORMATS:
            for path in ('/open311/discovery', '/open311/v2/discovery'):
                found = self.client(fmt).discovery(self.url(path))
                endpoint = found['endpoints'][0]
                self.assertEqual(endpoint['specification'], 'http://wiki.open311.org/GeoReport_v2')
                self.assertEqual(endpoint['url'], self.url('/open311/v2'))
                self.assertEqual(endpoint['type'], 'production')
                self.assertEqual(endpoint['formats'], ['text/xml', 'application/json'])
            api = self.client(fmt)
            services = api.services(jurisdiction_id='anything')
            for service in services:
                definition = api.service_definition(service['service_code'],
                                                    jurisdiction_id='12345')
                self.assertEqual(definition['attributes'], [])
            self.assertIn('服务', self.refused(404, api.service_definition, 'nosuch'))
            english = self.client(fmt, lang='en').service_definition
            self.assertIn('Unknown service_code', self.refused(404, english, 'nosuch'))
            self.refused(404, api.token, 'sometoken')
        self.assertEqual([s['service_code'] for s in self.client('xml').services()],
                         [s['service_code'] for s in self.client('json').services()])

    def test_post_only_required_then_optional(self):
        """Issue 18.4: a POST with only the spec's required arguments (api_key, service_code,
        a location as lat+long, address_string or address_id) is registered under a
        placeholder name and no phone, with a chatter note that the centre cannot call back;
        every optional argument is taken; each missing or invalid argument is a 400 naming
        it; nothing is created on refusal."""
        for fmt in FORMATS:
            api = self.client(fmt, KEY)
            for location in ({'lat': '30.657', 'long': '104.066'},
                             {'address_string': '人民公园西门'}, {'address_id': 'A-17'}):
                posted = api.post(service_code='complaint', **location)
                row = self.ticket_rows('name = %s', [posted['service_request_id']])[0]
                self.assertEqual(row['channel'], 'app')
                self.assertFalse(row['contact_phone'])
                self.assertTrue(row['contact_name'])
                self.assertIn(posted['service_request_id'], posted['service_notice'])
                with self.server_env() as env:
                    ticket = env['hotline.ticket'].search(
                        [('name', '=', posted['service_request_id'])])
                    self.assertTrue(any('回电' in (m.body or '') or 'call' in (m.body or '')
                                        for m in ticket.message_ids), 'no call-back note')
            posted = api.post(
                service_code='suggestion', lat='30.5', long='104.1', address_string='天府广场',
                email='li@example.com', device_id='dev-1', account_id='acc-1',
                first_name='华', last_name='李', phone='13600004444',
                description='建议增加路灯', media_url='https://example.com/p.jpg',
                jurisdiction_id='12345', **{'attribute[WHISPAWN]': '123456'})
            row = self.ticket_rows('name = %s', [posted['service_request_id']])[0]
            self.assertEqual((row['contact_name'], row['contact_phone'], row['contact_email'],
                              row['ticket_type']),
                             ('李 华', '+8613600004444', 'li@example.com', 'suggestion'))
            self.assertIn('https://example.com/p.jpg', row['content'])
            self.assertIn('WHISPAWN: 123456', row['content'])
            self.assertEqual((float(row['geo_latitude']), float(row['geo_longitude'])),
                             (30.5, 104.1))
            for args, named in (({}, 'service_code'),
                                ({'service_code': 'complaint'}, 'location'),
                                ({'service_code': 'complaint', 'lat': '30.1'}, 'location'),
                                ({'service_code': 'nosuch', 'address_string': 'x'},
                                 'service_code'),
                                ({'service_code': 'complaint', 'lat': '999', 'long': '1'},
                                 '999')):
                english = self.client(fmt, KEY, lang='en')
                self.assertIn(named, self.refused(400, english.post, **args))
                self.refused(400, api.post, **args)

    def test_requests_filters_privacy_dates(self):
        """Issue 18.4, CH-2/CH-3: GET requests with service_request_id (comma-separated,
        overriding the other filters), service_code, status, start_date/end_date; only
        published requests the citizen agreed to publish, redacted texts and masked address;
        updated_datetime never earlier than requested_datetime; bad filters are 400."""
        api = self.client('json', KEY)
        numbers = [api.post(service_code='complaint', description='路灯不亮 %d' % i,
                            address_string='人民路%d号 电话13600005555' % i,
                            lat='30.6', long='104.0')['service_request_id'] for i in range(3)]
        self.publish(numbers[0])
        self.publish(numbers[1], state='done')
        with self.server_env() as env:  # agreed to publish, not published: stays hidden
            env['hotline.ticket'].search([('name', '=', numbers[2])]).portal_public = True
            # as in demo data: a last change recorded before the registration date
            env.cr.execute("UPDATE hotline_ticket SET write_date = register_date - "
                           "interval '2 days' WHERE name = %s", [numbers[0]])
        for fmt in FORMATS:
            public = self.client(fmt)
            joined = ','.join(numbers)
            listed = public.requests(service_request_id=joined, service_code='suggestion',
                                     status='closed', start_date='2000-01-01')
            self.assertEqual(sorted(r['service_request_id'] for r in listed),
                             sorted(numbers[:2]))
            for item in listed:
                self.assertEqual(item['description'], '已脱敏：器材损坏，电话138****3333')
                self.assertEqual(item['status_notes'], '已修复')
                self.assertNotIn('13600005555', item['address'])
                self.assertIn('136****5555', item['address'])
                self.assertEqual((item['lat'], item['long']), (30.6, 104.0))
                self.assertGreaterEqual(parse_w3c(item['updated_datetime']),
                                        parse_w3c(item['requested_datetime']))
                self.assertEqual(public.request(item['service_request_id']), item)
            self.assertEqual({r['service_request_id']: r['status'] for r in listed},
                             {numbers[0]: 'open', numbers[1]: 'closed'})

            def ours(**filters):
                return [r['service_request_id'] for r in public.requests(**filters)
                        if r['service_request_id'] in numbers]
            self.assertEqual(sorted(ours()), sorted(numbers[:2]))
            self.assertEqual(ours(status='open'), [numbers[0]])
            self.assertEqual(ours(status='closed'), [numbers[1]])
            self.assertEqual(sorted(ours(status='open,closed')), sorted(numbers[:2]))
            self.assertEqual(ours(service_code='suggestion'), [])
            self.assertEqual(ours(start_date='2000-01-01T00:00:00Z',
                                  end_date='2000-02-01T00:00:00+08:00'), [])
            for args in ({'status': 'pending'}, {'service_code': 'nosuch'},
                         {'start_date': 'yesterday'},
                         {'start_date': '2026-01-01', 'end_date': '2026-12-01'}):
                self.refused(400, public.requests, **args)
            self.refused(404, public.request, numbers[2])
        every = self.client('json').requests()
        self.assertGreater(len(every), 2, 'the demo and the two published here are listed')
        for item in every:
            self.assertGreaterEqual(parse_w3c(item['updated_datetime']),
                                    parse_w3c(item['requested_datetime']), item)

    def test_rate_limit_and_unknown_suffix(self):
        """Issue 18.4, CH-11: tried POSTing beyond the API rate (429 in the error format, in
        both formats, nothing created) and asking for a format other than .xml/.json on every
        path (404 in the JSON error format, never Odoo's HTML page)."""
        with self.server_env() as env:
            env['ir.config_parameter'].set_param('hotline_portal.rate_api_ip', '2/3600')
        api = self.client('json', KEY)
        for _i in range(2):
            api.post(service_code='help', address_string='限流测试路')
        for fmt in FORMATS:
            self.refused(429, self.client(fmt, KEY).post, service_code='help',
                         address_string='限流测试路', description='第三次')
        self.assertFalse(self.ticket_rows('title = %s', ['第三次']))
        for path in ('/open311/discovery.html', '/open311/v2/services.html',
                     '/open311/v2/services/complaint.html', '/open311/v2/requests.csv',
                     '/open311/v2/requests/12345-20260101-00001', '/open311/v2/tokens/x.txt'):
            response = self.opener.get(self.url(path), timeout=30)
            self.assertEqual(response.status_code, 404, path)
            self.assertEqual(response.headers['Content-Type'], 'application/json; charset=utf-8')
            self.assertEqual(response.json()[0]['code'], 404, path)
