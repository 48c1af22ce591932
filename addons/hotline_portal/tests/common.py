# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""Fixtures for the portal's HTTP tests.

Odoo 11's HttpCase serves every request on ``registry.test_cr`` (rolled back at the end of
the test) while the test's own ``self.env`` is another transaction: fixtures the server must
see are therefore created, and results read, on ``test_cr`` (``server_env``) while no request
runs; ``server_env`` ends with the test cursor's ``commit`` (a savepoint), otherwise the next
request's rollback would undo the fixtures.
"""
import re

from odoo.addons.hotline_core.tests import http_case

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
NUMBER_RE = re.compile(r'12345-\d{8}-\d{5}')
PASSWORD_RE = re.compile(r'class="o_hotline_password">([^<]+)<')
# A tiny valid PNG (1×1 pixel).
PNG = (b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00'
       b'\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N'
       b'\x00\x00\x00\x00IEND\xaeB`\x82')


class PortalHttpCase(http_case.HotlineHttpCase):
    server_context = {'tracking_disable': True, 'no_reset_password': True}

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            params = env['ir.config_parameter']
            for key, value in (('rate_submit_ip', '50/3600'), ('rate_submit_phone', '50/3600'),
                               ('rate_lookup_ip', '50/600'), ('rate_lookup_number', '50/600'),
                               ('rate_recover_ip', '50/3600'), ('rate_api_ip', '100/60'),
                               ('max_upload_mb', '1')):
                params.set_param('hotline_portal.%s' % key, value)

    def url_open(self, url, data=None, timeout=60):
        # Every test starts without compiled assets (they were written on the rolled-back
        # test cursor): the first page compiles the .less files, which can take longer than
        # Odoo's 10 s default on a busy 2-core machine.
        return super().url_open(url, data=data, timeout=timeout)

    # ------------------------------------------------------------------ helpers
    def csrf(self, path='/hotline/submit'):
        page = self.url_open(path)
        self.assertEqual(page.status_code, 200, 'GET %s failed: %s' % (path, page.text[-3000:]))
        return CSRF_RE.search(page.text).group(1)

    def submit(self, files=None, **values):
        data = {
            'csrf_token': self.csrf(), 'ticket_type': 'complaint', 'title': '路灯不亮',
            'content': '幸福路口的路灯已经坏了一周，晚上很黑。', 'contact_name': '陈明',
            'contact_phone': '13700001234', 'contact_email': 'chen@example.com',
            'is_public': '0',
        }
        data.update(values)
        return self.opener.post(self.url('/hotline/submit'), data=data, files=files or [],
                                timeout=30)

    def url(self, path):
        from odoo.tests.common import HOST, PORT
        return 'http://%s:%s%s' % (HOST, PORT, path)

    def ticket_rows(self, where, params):
        with self.server_env() as env:
            env.cr.execute('SELECT * FROM hotline_ticket WHERE ' + where, params)
            return env.cr.dictfetchall()

    def make_citizen_user(self, env, login, name, mobile):
        partner = env['res.partner'].create({
            'name': name, 'mobile': mobile, 'hotline_resource_type': 'citizen',
            'email': '%s@example.com' % login})
        user = env['res.users'].create({
            'login': login, 'password': login, 'partner_id': partner.id,
            'groups_id': [(6, 0, [env.ref('base.group_portal').id])]})
        return user

    def make_ticket(self, env, **vals):
        values = {'title': '小区停车位被占用', 'content': '地下车库的车位长期被外来车辆占用。',
                  'ticket_type': 'complaint', 'channel': 'web', 'contact_name': '陈明',
                  'contact_phone': '13700001234'}
        values.update(vals)
        return env['hotline.ticket'].create(values)

    def login(self, login, password):
        """Sign in through /web/login, as a citizen would."""
        token = self.csrf('/web/login')
        response = self.opener.post(self.url('/web/login'), data={
            'csrf_token': token, 'login': login, 'password': password,
            'redirect': '/my/home'}, timeout=30)
        self.assertNotIn('oe_login_form', response.text,
                         'signing in as %s failed' % login)
        return response
