# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime

from odoo.addons.hotline_dispatch.tests.common import DispatchCase

# The 2026 Spring Festival (State Council notice): days off Sun 15 Feb to Mon 23 Feb,
# worked Saturdays 14 Feb and 28 Feb. Written by hand, not read from chinese_calendar.
SPRING_FESTIVAL_2026 = {
    datetime.date(2026, 2, 14): ('workday', '春节'),
    datetime.date(2026, 2, 15): ('holiday', '春节'),
    datetime.date(2026, 2, 16): ('holiday', '春节'),
    datetime.date(2026, 2, 17): ('holiday', '春节'),
    datetime.date(2026, 2, 18): ('holiday', '春节'),
    datetime.date(2026, 2, 19): ('holiday', '春节'),
    datetime.date(2026, 2, 20): ('holiday', '春节'),
    datetime.date(2026, 2, 21): ('holiday', '春节'),
    datetime.date(2026, 2, 22): ('holiday', '春节'),
    datetime.date(2026, 2, 23): ('holiday', '春节'),
    datetime.date(2026, 2, 28): ('workday', '春节'),
}


def utc(local_string):
    """'2026-02-12 10:00' in Beijing time as the UTC string Odoo stores (UTC+8, no DST)."""
    local = datetime.datetime.strptime(local_string, '%Y-%m-%d %H:%M')
    return (local - datetime.timedelta(hours=8)).strftime('%Y-%m-%d %H:%M:%S')


class SupervisionCase(DispatchCase):
    """Dispatch fixtures plus a calendar with the 2026 Spring Festival, a section chief and
    a director for district A, and mobiles for the people texted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Calendar = cls.env['hotline.calendar.day']
        cls.Card = cls.env['hotline.supervision.card']
        cls.Calendar.import_year(2026, SPRING_FESTIVAL_2026)
        cls.chief = cls._user('t_chief', 'group_hotline_unit_manager', cls.district_a)
        cls.director = cls._user('t_director', 'group_hotline_unit_manager', cls.district_a)
        cls.chief.mobile = '+8613900002001'
        cls.director.mobile = '+8613900002002'
        cls.unit_a_user.mobile = '+8613900002003'
        cls.district_a.write({'section_chief_id': cls.chief.id,
                              'director_id': cls.director.id,
                              'contact_phone': '+8613900002009'})
        cls.env['hotline.time.policy'].search([]).write({'active': False})
        cls.policy = cls.env['hotline.time.policy'].create({
            'name': '测试投诉时限', 'ticket_type': 'complaint', 'total_limit': 5,
            'accept_limit': 1, 'reply_limit': 3})

    def _dispatch_at(self, deadline, dispatched, **vals):
        """A request dispatched to district A at ``dispatched`` (UTC) with ``deadline``."""
        ticket = self._submitted(**vals)
        ticket.sudo(self.dispatcher).action_dispatch(
            self.district_a.id, opinion='请办理。', deadline=deadline)
        self.env.cr.execute(
            'UPDATE hotline_ticket_assignment SET create_date = %s WHERE ticket_id = %s',
            [dispatched, ticket.id])
        ticket.invalidate_cache()
        return ticket

    def _cards(self, ticket):
        self.env.cr.execute(
            'SELECT level, reason FROM hotline_supervision_card WHERE ticket_id = %s '
            'ORDER BY id', [ticket.id])
        return self.env.cr.fetchall()

    def _sms(self, ticket):
        return self.env['hotline.sms.message'].sudo().search(
            [('ticket_id', '=', ticket.id),
             ('kind', 'in', ('prewarning', 'share_warning', 'delay', 'yellow', 'red'))],
            order='id')
