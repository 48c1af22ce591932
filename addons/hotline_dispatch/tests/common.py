# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo.addons.hotline_core.tests.common import HotlineCase


class DispatchCase(HotlineCase):
    """hotline_core's fixtures plus what the loop needs: a community, a vertical bureau,
    an office leader, a district manager and a co-unit's user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Unit = cls.env['hotline.unit']
        cls.community_a = Unit.create({'name': '甲区一街道幸福社区', 'unit_type': 'community',
                                       'parent_id': cls.street_a.id})
        cls.street_a2 = Unit.create({'name': '甲区二街道', 'unit_type': 'street',
                                     'parent_id': cls.district_a.id})
        cls.tax = Unit.create({'name': '测试市税务局', 'unit_type': 'bureau',
                               'is_vertical': True, 'parent_id': cls.city.id})
        cls.office_leader = cls._user('t_office_leader', 'group_hotline_office_leader')
        cls.manager_a = cls._user('t_manager_a', 'group_hotline_unit_manager', cls.district_a)
        cls.district_a.manager_id = cls.manager_a
        cls.bureau_user = cls._user('t_bureau', 'group_hotline_unit_handler', cls.bureau)
        cls.community_user = cls._user('t_community_a', 'group_hotline_unit_handler',
                                       cls.community_a)
        cls.reason = cls.env.ref('hotline_dispatch.return_reason_not_ours')

    def _submitted(self, **vals):
        ticket = self._ticket(**vals)
        ticket.action_submit()
        return ticket

    def _dispatched(self, main=None, co=None, cc=None, **vals):
        ticket = self._submitted(**vals)
        ticket.sudo(self.dispatcher).action_dispatch(
            (main or self.district_a).id, co_unit_ids=[u.id for u in co or []],
            cc_unit_ids=[u.id for u in cc or []], opinion='请尽快办理。')
        return ticket

    def _as(self, user, ticket):
        return ticket.sudo(user)

    def _assignment(self, ticket, unit, role=None):
        return ticket.assignment_ids.filtered(
            lambda a: a.unit_id == unit and (not role or a.role == role)
            and a.state != 'cancelled').sorted('id')[-1:]

    def _visible(self, user, ticket):
        return bool(self.env['hotline.ticket'].sudo(user).search([('id', '=', ticket.id)]))
