"""CH-3, CH-4, CH-11, NF-2 (issue 18): the public website and the app API publish nothing
derived from requests the centre has not made public.

Words are planted the two ways an outsider found: through internal requests an agent registers
over XML-RPC, and through one visitor's repeated submissions (website form and app API, each
marked "may be published"). Every public page and endpoint without arguments is then fetched
— the list comes from Odoo's routing map, so a new public route is covered without anyone
adding it — and none may show a planted word. The control: once the centre publishes the
requests of enough distinct citizens, the same words are on the hot list.
"""
import xmlrpc.client

import odoo
from odoo.tests.common import get_db_name

from odoo.addons.hotline_core.tools.text import title_keywords
from odoo.addons.hotline_portal.tests.common import PortalHttpCase

APP_TOKEN = 'demo-app-token-12345'  # the demo app's token (demo data)
TITLE = '紫藤花园塔吊彻夜轰鸣'
# Public routes not fetched, each for its reason: they answer no page built from requests.
SKIPPED = {
    '/hotline/wechat',            # needs WeChat's signature (403 without it)
    '/longpolling/poll',          # the bus: waits up to 50 s for notifications
    '/web/database/manager', '/web/database/selector',  # closed (list_db = False)
    '/web/webclient/qweb', '/web/webclient/translations',  # static UI terms
}


class TestPublicPagesPublishOnlyWhatIsPublished(PortalHttpCase):

    def _public_get_paths(self):
        """Every route of the installed modules that an anonymous visitor may GET and that
        takes no argument in its path."""
        env = self.env
        modules = [''] + odoo.conf.server_wide_modules + sorted(self.registry._init_modules)
        routing = odoo.http.routing_map(modules, False,
                                        converters=env['ir.http']._get_converters())
        paths = set()
        for rule in routing.iter_rules():
            info = rule.endpoint.routing
            methods = info.get('methods')
            if info.get('auth') not in ('public', 'none') or '<' in rule.rule:
                continue
            if methods and 'GET' not in methods:
                continue
            if rule.rule in SKIPPED or rule.rule.startswith(('/web/static', '/web/content',
                                                             '/web/image', '/web/binary')):
                continue
            paths.add(rule.rule)
        return sorted(paths)

    def _plant(self):
        url = 'http://127.0.0.1:%d' % odoo.tests.common.PORT
        db = get_db_name()
        uid = xmlrpc.client.ServerProxy(url + '/xmlrpc/2/common').authenticate(
            db, 'agent', 'agent', {})
        models = xmlrpc.client.ServerProxy(url + '/xmlrpc/2/object', allow_none=True)
        for i in range(3):  # internal requests, three different callers
            models.execute_kw(db, uid, 'agent', 'hotline.ticket', 'create', [{
                'title': TITLE, 'content': '工地夜里十二点还在施工，影响休息。',
                'ticket_type': 'complaint', 'channel': 'phone', 'contact_name': '市民%d' % i,
                'contact_phone': '1390000770%d' % i}])
        for _i in range(3):  # one visitor, the same words again and again, "may be published"
            response = self.submit(title=TITLE, contact_phone='13900007799', is_public='1')
            self.assertEqual(response.status_code, 200, response.text[-2000:])
            response = self.opener.post(self.url('/api/hotline/v1/requests'), json={
                'ticket_type': 'complaint', 'title': TITLE, 'content': '夜间施工扰民',
                'contact_name': '同一人', 'contact_phone': '13900007799', 'public': True},
                headers={'Authorization': 'Bearer %s' % APP_TOKEN}, timeout=30)
            self.assertEqual(response.status_code, 201, response.text)

    def _seen(self, words):
        """{path: [planted words it shows]} over every public page and the app's hot list."""
        seen = {}
        pages = {path: self.url_open(path) for path in self._public_get_paths()}
        for path, period in (('/hotline/hot', 'week'), ('/hotline/hot', 'month')):
            pages['%s?period=%s' % (path, period)] = self.url_open(
                '%s?period=%s' % (path, period))
        pages['app /hot'] = self.opener.get(
            self.url('/api/hotline/v1/hot?period=month'), timeout=30,
            headers={'Authorization': 'Bearer %s' % APP_TOKEN})
        self.assertEqual(pages['app /hot'].status_code, 200, pages['app /hot'].text)
        self.assertIn('/hotline/hot', pages)
        for path, response in pages.items():
            shown = [w for w in words if w in response.text]
            if shown:
                seen[path] = shown
        return seen

    def test_planted_words_reach_no_public_page(self):
        """CH-4, CH-3, NF-2: words of internal requests and of one visitor's repeated
        submissions appear on no public page or endpoint (hot words of the website and of
        the app included); published requests of three distinct citizens do make them hot."""
        words = (title_keywords(TITLE) or '').split()
        # words the public pages already show (the demo's published cases) prove nothing
        already = {w for shown in self._seen(words).values() for w in shown}
        words = [w for w in words if w not in already]
        self.assertGreaterEqual(len(words), 2, 'the planted title must give new keywords')
        self._plant()
        self.assertEqual(self._seen(words), {},
                         'planted words reached the public (internal requests or one '
                         'visitor repeating himself)')
        # control: the centre publishes the requests of three distinct citizens
        with self.server_env() as env:
            tickets = env['hotline.ticket'].search([('title', '=', TITLE)])
            by_phone = {}
            for ticket in tickets:
                by_phone.setdefault(ticket.contact_phone, ticket)
            chosen = env['hotline.ticket'].browse([t.id for t in by_phone.values()][:3])
            self.assertEqual(len(chosen), 3)
            chosen.write({'portal_public': True})
            chosen.action_portal_publish()
        hot = self.url_open('/hotline/hot?period=month').text
        app = self.opener.get(self.url('/api/hotline/v1/hot?period=month'), timeout=30,
                              headers={'Authorization': 'Bearer %s' % APP_TOKEN}).json()
        for word in words:
            self.assertIn(word, hot, 'CH-4: a word published for three citizens is hot')
            self.assertIn(word, [k['keyword'] for k in app['keywords']])
