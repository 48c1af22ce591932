# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-11: the JSON API of the mobile app (docs/API-portal.md)."""
import base64

from .common import PNG, PortalHttpCase

TOKEN = 'demo-app-token-12345'  # the demo app's token (demo data)


class TestPortalApi(PortalHttpCase):

    def api(self, method, path, token=TOKEN, **kw):
        headers = {'Authorization': 'Bearer %s' % token} if token else {}
        return self.opener.request(method, self.url('/api/hotline/v1' + path),
                                   headers=headers, timeout=30, **kw)

    REQUEST = {'ticket_type': 'consult', 'title': '公积金提取', 'content': '租房提取公积金需要什么材料？',
               'contact_name': '周敏', 'contact_phone': '13900002222', 'public': False}

    def test_submit_and_lookup(self):
        """CH-11: the app submits a request with a photo and gets number and password;
        looking it up returns its state and steps; a wrong password gets 404."""
        body = dict(self.REQUEST, attachments=[
            {'name': 'a.png', 'data': base64.b64encode(PNG).decode()}])
        response = self.api('POST', '/requests', json=body)
        self.assertEqual(response.status_code, 201, response.text)
        result = response.json()
        row = self.ticket_rows('name = %s', [result['number']])[0]
        self.assertEqual(row['channel'], 'app')
        found = self.api('POST', '/requests/lookup', json={
            'number': result['number'], 'password': result['password']})
        self.assertEqual(found.status_code, 200)
        self.assertEqual(found.json()['title'], '公积金提取')
        self.assertTrue(found.json()['steps'])
        wrong = self.api('POST', '/requests/lookup', json={
            'number': result['number'], 'password': 'nope'})
        self.assertEqual(wrong.status_code, 404)

    def test_forged_or_missing_token_refused(self):
        """CH-11: tried no token and a made-up token: 401, nothing created."""
        for token in (None, 'forged-token'):
            response = self.api('POST', '/requests', token=token, json=self.REQUEST)
            self.assertEqual(response.status_code, 401)
        self.assertFalse(self.ticket_rows('title = %s', ['公积金提取']))

    def test_bad_input_gives_400_not_500(self):
        """CH-11: tried broken JSON, a JSON list, a wrong phone, bad base64 and a wrong
        field type: each answers 400 with an error message, nothing is created."""
        for kwargs in ({'data': '{not json'}, {'json': [1, 2]},
                       {'json': dict(self.REQUEST, contact_phone='abc')},
                       {'json': dict(self.REQUEST, attachments=[{'name': 'a.png', 'data': '***'}])},
                       {'json': dict(self.REQUEST, title=['list'])}):
            response = self.api('POST', '/requests', **kwargs)
            self.assertEqual(response.status_code, 400, kwargs)
            self.assertTrue(response.json()['error'])
        self.assertFalse(self.ticket_rows('title = %s', ['公积金提取']))

    def test_hot_and_announcements(self):
        """CH-11: hot Q&A and announcements of the demo data come back as JSON."""
        hot = self.api('GET', '/hot?period=month').json()
        self.assertIn('灵活就业人员社保缴费标准咨询', [q['question'] for q in hot['qa']])
        news = self.api('GET', '/announcements').json()['announcements']
        titles = [n['title'] for n in news]
        self.assertIn('12345热线春节期间服务安排', titles)
        self.assertNotIn('网站改版试运行通知（待审核）', titles)

    def test_hot_period_as_documented(self):
        """CH-11, CH-4 (docs/API-portal.md): /hot takes date_from and date_to as given (with
        or without period=custom); tried a date that is not one, a single date, dates in the
        wrong order and an unknown period: each a 400 in Chinese, never last week instead."""
        hot = self.api('GET', '/hot?date_from=2026-01-01&date_to=2026-01-31').json()
        self.assertEqual((hot['date_from'], hot['date_to']), ('2026-01-01', '2026-01-31'))
        hot = self.api('GET', '/hot?period=custom&date_from=2026-02-01&date_to=2026-02-02')
        self.assertEqual(hot.json()['date_from'], '2026-02-01')
        for query in ('period=custom&date_from=x&date_to=2026-13-45',
                      'date_from=2026-01-01', 'date_from=2026-02-01&date_to=2026-01-01',
                      'period=year'):
            response = self.api('GET', '/hot?' + query)
            self.assertEqual(response.status_code, 400, query)
            self.assertRegex(response.json()['error'], r'[\u4e00-\u9fff]', query)
