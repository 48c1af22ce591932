import xmlrpc.client
import odoo
from odoo.tests.common import HttpCase


class TestProbe(HttpCase):
    def test_probe(self):
        port = odoo.tools.config['http_port']
        db = self.env.cr.dbname
        print('PORT', port, db, 'test_cr is self.cr:', self.registry.test_cr is self.cr)
        common = xmlrpc.client.ServerProxy('http://127.0.0.1:%s/xmlrpc/2/common' % port)
        uid = common.authenticate(db, 'agent', 'agent', {})
        print('uid', uid)
        obj = xmlrpc.client.ServerProxy('http://127.0.0.1:%s/xmlrpc/2/object' % port, allow_none=True)
        res = obj.execute_kw(db, uid, 'agent', 'hotline.ticket', 'hotline_register',
                             [{'title': 'probe', 'content': 'x', 'contact_phone': '13812340001'}], {'submit': True})
        print('created', res)
        print('visible in self.env:', self.env['hotline.ticket'].search([('id', '=', res['id'])]))
        try:
            obj.execute_kw(db, uid, 'agent', 'hotline.ticket', 'hotline_register',
                           [{'title': 'probe', 'content': 'x', 'contact_phone': '12345abc'}], {'context': {'lang': 'zh_CN'}})
        except xmlrpc.client.Fault as f:
            print('FAULT', f.faultCode, repr(f.faultString[-400:]))
        print(obj.execute_kw(db, uid, 'agent', 'hotline.ticket', 'hotline_status', [res['name']]))
        print(obj.execute_kw(db, uid, 'agent', 'res.partner', 'hotline_find_by_phone', ['13812340001']))
        print(obj.execute_kw(db, uid, 'agent', 'hotline.blacklist', 'hotline_check_number', ['13812340001', 'inbound']))
        print(obj.execute_kw(db, uid, 'agent', 'hotline.blacklist', 'search_read', [[]], {'fields': ['phone', 'block_type'], 'limit': 3}))
        try:
            obj.execute_kw(db, uid, 'agent', 'hotline.unit', 'create', [{'name': 'x'}])
        except xmlrpc.client.Fault as f:
            print('FAULT', f.faultCode, repr(f.faultString[-400:]))
        try:
            obj.execute_kw(db, uid, 'wrong', 'hotline.unit', 'search', [[]])
        except xmlrpc.client.Fault as f:
            print('FAULT', f.faultCode, repr(f.faultString[-400:]))
        print('bad auth', common.authenticate(db, 'agent', 'wrong', {}))
        # state via test_cr
        cr = self.registry.test_cr
        cr.acquire()
        try:
            cr.execute('select name, state, partner_id from hotline_ticket where id=%s', [res['id']])
            print('test_cr sees', cr.fetchall())
        finally:
            cr.release()
