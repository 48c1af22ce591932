# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo.tests.common import SavepointCase


class HotlineCase(SavepointCase):
    """Fixtures of their own (independent of demo data): a small unit tree, one user per
    role, a citizen and requests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True,
                                       mail_create_nolog=True, no_reset_password=True))
        Unit = cls.env['hotline.unit']
        cls.city = Unit.create({'name': '测试市', 'unit_type': 'other'})
        cls.bureau = Unit.create({'name': '测试市住建局', 'unit_type': 'bureau',
                                  'parent_id': cls.city.id})
        cls.district_a = Unit.create({'name': '甲区', 'unit_type': 'district',
                                      'parent_id': cls.city.id})
        cls.street_a = Unit.create({'name': '甲区一街道', 'unit_type': 'street',
                                    'parent_id': cls.district_a.id})
        cls.district_b = Unit.create({'name': '乙区', 'unit_type': 'district',
                                      'parent_id': cls.city.id})
        cls.category = cls.env['hotline.category'].create({'name': '测试分类'})
        cls.agent = cls._user('t_agent', 'group_hotline_agent')
        cls.dispatcher = cls._user('t_dispatcher', 'group_hotline_dispatcher')
        cls.supervisor = cls._user('t_supervisor', 'group_hotline_supervisor')
        cls.unit_a_user = cls._user('t_unit_a', 'group_hotline_unit_handler', cls.district_a)
        cls.street_a_user = cls._user('t_street_a', 'group_hotline_unit_handler', cls.street_a)
        cls.unit_b_user = cls._user('t_unit_b', 'group_hotline_unit_handler', cls.district_b)
        cls.citizen = cls.env['res.partner'].create({
            'name': '测试市民', 'mobile': '13800138000', 'hotline_resource_type': 'citizen'})

    @classmethod
    def _user(cls, login, group, unit=None):
        user = cls.env['res.users'].create({
            'name': login, 'login': login, 'email': '%s@example.com' % login,
            'groups_id': [(6, 0, [cls.env.ref('hotline_core.%s' % group).id])],
        })
        if unit:
            unit.write({'user_ids': [(4, user.id)]})
        return user

    def _rule_params(self, model, user):
        """The SQL parameters of ``user``'s record rules on ``model`` (NF-2): a rule that
        lists record ids grows them as the history grows."""
        records = self.env[model].sudo(user)
        query = records._where_calc([])
        records._apply_ir_rules(query, 'read')
        return query.get_sql()[2]

    def _ticket(self, user=None, **vals):
        values = {
            'title': '小区电梯故障', 'content': '电梯停运三天，无人维修。',
            'ticket_type': 'complaint', 'channel': 'phone',
            'contact_name': '测试市民', 'contact_phone': '13800138000',
            'category_id': self.category.id,
        }
        values.update(vals)
        return self.env['hotline.ticket'].sudo(user or self.agent).create(values)
