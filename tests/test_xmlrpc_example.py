import odoo
from odoo.tests.common import HttpCase


class TestProbe(HttpCase):
    def test_probe(self):
        r = self.url_open('/web/login')
        self.assertEqual(r.status_code, 200)
        print('PORT', odoo.tools.config['http_port'], self.env.cr.dbname)
