# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""KB-5 over XML-RPC and KB-10, the third-party search endpoint, against the live server.

Odoo 11's HttpCase serves every request with ``registry.test_cr``, another transaction than
the test's ``self.env``: fixtures are therefore written through that cursor (rolled back at
the end of the test), while no request runs."""
import xmlrpc.client

import odoo
from odoo.tests.common import get_db_name

from odoo.addons.hotline_core.tests import http_case


class TestKbApi(http_case.HotlineHttpCase):

    def setUp(self):
        super().setUp()
        self.base = 'http://127.0.0.1:%s' % odoo.tools.config['http_port']
        self.db = get_db_name()
        with self.server_env() as env:
            Directory = env['hotline.kb.directory']
            unit = env['hotline.unit'].create({'name': 'API测试单位', 'unit_type': 'other'})
            secret = Directory.create({'name': 'API内部目录', 'right_ids': [
                (0, 0, {'unit_id': unit.id, 'perm_read': True})]})
            Item = env['hotline.kb.item'].with_context(hotline_kb_no_review=True)
            self.secret_id = Item.create({
                'name': '内部口径养老金', 'content': '<p>内部口径：养老金调整不对外解释。</p>',
                'directory_id': secret.id, 'visibility': 'external',
                'state': 'published'}).id
            public_dir = env.ref('hotline_kb.kb_dir_shebao')
            self.public_id = Item.create({
                'name': '养老金领取资格认证', 'keywords': '养老金 认证',
                'content': '<p>退休人员每年可通过手机完成养老金领取资格认证。</p>',
                'directory_id': public_dir.id, 'visibility': 'external',
                'state': 'published'}).id
            self.internal_id = Item.create({
                'name': '养老金内部办理指引', 'content': '<p>养老金内部办理指引</p>',
                'directory_id': public_dir.id, 'visibility': 'internal',
                'state': 'published'}).id
            client = env['hotline.kb.client'].create({'name': '测试第三方'})
            self.client_id = client.id
            self.token = client.generate_token()
            self.token_hash = client.token_hash

    def _get(self, query, token=None, **params):
        headers = {'Authorization': 'Bearer %s' % token} if token else {}
        params = dict(params, q=query)
        return self.opener.get(self.base + '/hotline/kb/api/search', params=params,
                               headers=headers, timeout=60)

    # ------------------------------------------------------------------ KB-5
    def test_xmlrpc_agent_cannot_read_item_without_right(self):
        """KB-5: over XML-RPC an agent reads knowledge of a directory granted to agents, but an
        item of a directory granted to another unit is refused, even by id, and absent from
        searches."""
        common = xmlrpc.client.ServerProxy(self.base + '/xmlrpc/2/common')
        uid = common.authenticate(self.db, 'agent', 'agent', {})
        self.assertTrue(uid, 'demo agent must log in')
        models = xmlrpc.client.ServerProxy(self.base + '/xmlrpc/2/object')
        rows = models.execute_kw(self.db, uid, 'agent', 'hotline.kb.item', 'read',
                                 [[self.public_id]], {'fields': ['name']})
        self.assertEqual(rows[0]['name'], '养老金领取资格认证')
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            models.execute_kw(self.db, uid, 'agent', 'hotline.kb.item', 'read',
                              [[self.secret_id]], {'fields': ['name', 'content']})
        self.assertNotIn('内部口径', caught.exception.faultString)
        found = models.execute_kw(self.db, uid, 'agent', 'hotline.kb.item', 'search',
                                  [[('name', 'like', '养老金')]])
        self.assertIn(self.public_id, found)
        self.assertNotIn(self.secret_id, found)
        results = models.execute_kw(self.db, uid, 'agent', 'hotline.kb.item', 'kb_search',
                                    ['养老金'])
        self.assertNotIn(self.secret_id, [r['id'] for r in results])

    # ------------------------------------------------------------------ KB-10
    def test_api_requires_token(self):
        """KB-10: without a token the endpoint answers 401 and returns no knowledge."""
        response = self._get('养老金')
        self.assertEqual(response.status_code, 401)
        self.assertNotIn('养老金', response.text)

    def test_api_refuses_bad_token(self):
        """KB-10: a wrong token is refused with 403 and no knowledge."""
        response = self._get('养老金', token=self.token + 'x')
        self.assertEqual(response.status_code, 403)
        self.assertNotIn('养老金', response.text)
        self.assertNotIn('results', response.json())

    def test_agent_cannot_take_a_clients_token(self):
        """KB-10, NF-2 (attack): tried as the demo agent over XML-RPC to generate a new token
        for the third-party client — that would hand him a working token and cut the
        integrator off: refused, and the client's token still works."""
        common = xmlrpc.client.ServerProxy(self.base + '/xmlrpc/2/common')
        uid = common.authenticate(self.db, 'agent', 'agent', {})
        models = xmlrpc.client.ServerProxy(self.base + '/xmlrpc/2/object')
        for method in ('generate_token', 'action_generate_token'):
            with self.assertRaises(xmlrpc.client.Fault):
                models.execute_kw(self.db, uid, 'agent', 'hotline.kb.client', method,
                                  [[self.client_id]])
        self.assertEqual(self._get('养老金', token=self.token).status_code, 200)

    def test_api_returns_ranked_external_results_with_snippets(self):
        """KB-10, KB-6: a valid token gets ranked, published, external knowledge with
        highlighted snippets; internal items and items of restricted directories are not
        returned; the token is stored only as a hash."""
        response = self._get('养老金 认证', token=self.token)
        self.assertEqual(response.status_code, 200)
        data = response.json()
        ids = [r['id'] for r in data['results']]
        self.assertEqual(ids[0], self.public_id)
        self.assertIn('<mark>', data['results'][0]['snippet'])
        response = self._get('养老金', token=self.token)
        ids = [r['id'] for r in response.json()['results']]
        self.assertIn(self.public_id, ids)
        self.assertNotIn(self.internal_id, ids)
        self.assertNotEqual(self.token_hash, self.token)
        self.assertEqual(len(self.token_hash), 64)

    def test_api_post_form_and_or_syntax(self):
        """KB-10, KB-7: the endpoint accepts a form-encoded POST and the OR syntax."""
        response = self.opener.post(
            self.base + '/hotline/kb/api/search',
            data={'q': '资格认证 或 违章', 'limit': 5},
            headers={'Authorization': 'Bearer %s' % self.token}, timeout=60)
        self.assertEqual(response.status_code, 200, response.text[:3000])
        titles = [r['title'] for r in response.json()['results']]
        self.assertIn('养老金领取资格认证', titles)
        self.assertIn('机动车违章查询', titles)

    def test_api_count_is_every_match_not_the_page(self):
        """KB-10 (docs/API-kb.md): ``count`` is how many items match in all; paging with
        limit and offset returns each of them once."""
        first = self._get('养老金', token=self.token, limit=1).json()
        self.assertEqual(len(first['results']), 1)
        everything = self._get('养老金', token=self.token, limit=50).json()
        self.assertGreaterEqual(len(everything['results']), 2, 'the check needs two matches')
        self.assertEqual(first['count'], len(everything['results']))
        self.assertEqual(everything['count'], len(everything['results']))
        pages = [self._get('养老金', token=self.token, limit=1, offset=offset).json()
                 for offset in range(first['count'])]
        self.assertEqual(sorted(r['id'] for page in pages for r in page['results']),
                         sorted(r['id'] for r in everything['results']))
        self.assertIn(self.public_id, [r['id'] for r in everything['results']])
