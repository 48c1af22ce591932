# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime

from odoo import api, fields, models

from odoo.addons.hotline_dispatch.models.hotline_ticket import SUBMITTED_STATES as SUBMITTED
from odoo.addons.hotline_dispatch.models.hotline_ticket_assignment import TO_SIGN_STATES

# (title, category, location, channel, type) of the demo day; the first one repeats as a
# burst in the last hour (a water outage in 和平街道)
DEMO_REQUESTS = [
    ('和平街道停水，何时恢复供水', 'category_water', 'location_heping', 'phone', 'help'),
    ('建设路夜间施工噪音扰民', 'category_noise', 'location_jianshe', 'web', 'complaint'),
    ('小区电梯故障无人维修', 'category_elevator', 'location_chaoyang', 'phone', 'complaint'),
    ('灵活就业社保缴费咨询', 'category_pension', 'location_dongcheng', 'phone', 'consult'),
    ('养老院收费标准咨询', 'category_social', 'location_xicheng', 'wechat', 'consult'),
    ('滨江路占道经营', 'category_urban', 'location_binjiang', 'app', 'report'),
    ('公交线路调整建议', 'category_traffic', 'location_linjiang', 'web', 'suggestion'),
    ('物业费收费标准咨询', 'category_property', 'location_chaoyang', 'phone', 'consult'),
    ('超市食品过期', 'category_food', 'location_jianshe', 'sms', 'complaint'),
    ('暖气不热', 'category_heating', 'location_heping', 'phone', 'help'),
]


class HotlineWallboard(models.AbstractModel):
    _inherit = 'hotline.wallboard'

    @api.model
    def _demo_populate(self):
        """Demo only: a day of requests and calls for the wallboard and the reports, a burst
        that the spike detection flags, and this month's and last month's assessment."""
        ref = self.env.ref
        now = fields.Datetime.from_string(fields.Datetime.now())
        Ticket = self.env['hotline.ticket'].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_notrack=True)
        agents = [ref('hotline_core.user_agent'), ref('hotline_core.user_leader')]
        tickets = Ticket.browse()
        for i in range(30):
            title, category, location, channel, ttype = DEMO_REQUESTS[i % len(DEMO_REQUESTS)]
            when = now - datetime.timedelta(minutes=47 * i + 30)
            tickets |= Ticket.sudo(agents[i % 2]).create({
                'title': title, 'content': title + '。', 'ticket_type': ttype,
                'channel': channel, 'contact_name': '青川市民%02d' % i,
                'contact_phone': '1390000%04d' % i,
                'category_id': ref('hotline_core.%s' % category).id,
                'location_id': ref('hotline_core.%s' % location).id,
                'register_date': fields.Datetime.to_string(when),
            })
        for i in range(6):  # the burst
            tickets |= Ticket.sudo(agents[0]).create({
                'title': '和平街道停水', 'content': '家里突然停水，什么时候恢复？',
                'ticket_type': 'help', 'channel': 'phone',
                'contact_name': '和平街道居民%d' % i, 'contact_phone': '1380000%04d' % i,
                'category_id': ref('hotline_core.category_water').id,
                'location_id': ref('hotline_core.location_heping').id,
                'register_date': fields.Datetime.to_string(
                    now - datetime.timedelta(minutes=5 + 7 * i)),
            })
        tickets.sudo().action_submit()
        # a third of the day's requests go to the districts; most are signed for, some
        # completed, audited and called back, so that the unit assessment has figures
        districts = [ref('hotline_core.unit_district_dongcheng'),
                     ref('hotline_core.unit_district_xicheng')]
        for i, ticket in enumerate(tickets[:30:3]):
            if ticket.state in SUBMITTED:  # not already dispatched by a rule
                ticket.sudo().action_dispatch(districts[i % 2].id, opinion='请按时办理。')
            assignment = ticket.assignment_ids.filtered(
                lambda a: a.role == 'main' and a.state in TO_SIGN_STATES)
            if i % 5 == 4:
                continue
            assignment.sudo().action_sign()
            if i % 2:
                continue
            assignment.sudo().action_complete(
                '已现场处理并答复市民。', solved=i % 4 == 0,
                commitment_date=fields.Date.to_string(now.date() + datetime.timedelta(days=7)))
            ticket.sudo().action_audit(True)
            ticket.sudo().action_callback(i % 4 == 0, opinion=None if i % 4 == 0
                                          else '市民认为问题未解决。')
        # issue #16: the pivot by unit must not be mostly 未定义: the office dispatches the
        # rest of the day to the unit each request suggests (its district or bureau), except
        # the last hour's requests, which wait in the dispatcher's 待派单
        waiting = tickets.filtered(lambda t: t.state in SUBMITTED)
        recent = fields.Datetime.to_string(now - datetime.timedelta(hours=1))
        for ticket in waiting.filtered(lambda t: t.register_date < recent):
            unit = ticket.default_main_unit_id or districts[ticket.id % 2]
            ticket.sudo().action_dispatch(unit.id, opinion='请按时办理。')
        Call = self.env['hotline.cti.call'].sudo()
        server = ref('hotline_cti.pbx_main')
        queue = ref('hotline_cti.queue_12345')
        seats = [ref('hotline_cti.agent_agent'), ref('hotline_cti.agent_leader')]
        for i in range(60):
            enter = now - datetime.timedelta(minutes=23 * i + 3)
            wait = (i * 7) % 50
            abandoned = i % 9 == 4
            outbound = i % 10 == 7
            vals = {
                'uniqueid': 'demo-report-%03d' % i, 'server_id': server.id,
                'caller_number': '1370000%04d' % i, 'state': 'done',
                'direction': 'outbound' if outbound else 'inbound',
                'enter_date': fields.Datetime.to_string(enter),
                'end_date': fields.Datetime.to_string(enter + datetime.timedelta(minutes=5)),
            }
            if outbound:
                vals.update(agent_id=seats[i % 2].id, talk_time=90, disposition='answered',
                            answer_date=fields.Datetime.to_string(enter))
            elif abandoned:
                vals.update(queue_id=queue.id, wait_time=wait + 20, disposition='abandoned')
            else:
                vals.update(queue_id=queue.id, agent_id=seats[i % 2].id, wait_time=wait,
                            talk_time=120 + 11 * i, disposition='answered',
                            answer_date=fields.Datetime.to_string(
                                enter + datetime.timedelta(seconds=wait)))
            Call.create(vals)
        self.env['hotline.spike.alert']._cron_detect_spikes()
        self.env['hotline.call.stat']._refresh()
        Result = self.env['hotline.kpi.result']
        today = now.date()
        for month in (today.replace(day=1) - datetime.timedelta(days=1), today):
            for xmlid in ('kpi_scheme_unit', 'kpi_scheme_beijing', 'kpi_scheme_centre'):
                Result._compute_period(ref('hotline_reports.%s' % xmlid), month)
        return True
