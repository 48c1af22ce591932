# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools

from .hotline_call_measure_mixin import HotlineCallMeasureMixin
from .hotline_ticket_report import AGENT_GROUP_SQL, view_sql


class HotlineCallReport(models.Model):
    """ST-2: call analysis, one row per call record of hotline_cti: offered, answered,
    answer and abandon rates, average wait, service level (15 s and 20 s), talk time, wait
    buckets, outbound calls; by month / week / day (date groupings), hour and half-hour of
    the day (hotline time), agent, agent group and queue."""
    _name = 'hotline.call.report'
    _description = 'Call Analysis'
    _inherit = ['hotline.call.measure.mixin']
    _auto = False
    _order = 'enter_date desc'
    _rate_fields = dict(HotlineCallMeasureMixin._rate_fields,
                        outbound_answer_rate=('outbound_answered', 'outbound_count'))

    call_id = fields.Many2one('hotline.cti.call', 'Call', readonly=True)
    enter_date = fields.Datetime('Date', readonly=True)
    agent_id = fields.Many2one('hotline.cti.agent', 'Agent', readonly=True)
    user_id = fields.Many2one('res.users', 'Agent User', readonly=True)
    agent_group_id = fields.Many2one('hotline.agent.group', 'Agent Group', readonly=True)
    avg_wait = fields.Float('Average Wait (s)', readonly=True, group_operator='avg')
    avg_talk = fields.Float('Average Talk (s)', readonly=True, group_operator='avg')
    abandon_wait = fields.Float('Average Wait before Abandon (s)', readonly=True,
                                group_operator='avg')
    outbound_answer_rate = fields.Float('Outbound Connect Rate (%)', readonly=True)

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(view_sql(self.env.cr, """
            CREATE OR REPLACE VIEW hotline_call_report AS (
            WITH agent_group AS ({agent_group})
            SELECT c.id, c.id AS call_id, c.enter_date,
                   to_char(c.enter_date AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai', 'HH24')
                       AS hour,
                   to_char(c.enter_date AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai', 'HH24')
                   || CASE WHEN EXTRACT(MINUTE FROM c.enter_date) < 30 THEN ':00' ELSE ':30'
                      END AS half_hour,
                   c.direction, c.disposition, c.queue_id, c.agent_id,
                   c.agent_user_id AS user_id, ag.group_id AS agent_group_id,
                   CASE WHEN c.direction = 'inbound' AND c.disposition IN ('answered', 'abandoned')
                        THEN CASE WHEN COALESCE(c.wait_time, 0) < 20 THEN 'a_lt20'
                                  WHEN c.wait_time < 40 THEN 'b_20_40'
                                  WHEN c.wait_time <= 60 THEN 'c_40_60'
                                  ELSE 'd_gt60' END
                   END AS wait_bucket,
                   1 AS nbr,
                   (c.direction = 'inbound' AND c.disposition IN ('answered', 'abandoned'))::int
                       AS offered_count,
                   (c.direction = 'inbound' AND c.disposition = 'answered')::int
                       AS answered_count,
                   (c.direction = 'inbound' AND c.disposition = 'abandoned')::int
                       AS abandoned_count,
                   (c.direction = 'inbound' AND c.disposition = 'answered'
                    AND COALESCE(c.wait_time, 0) <= 15)::int AS answered_15,
                   (c.direction = 'inbound' AND c.disposition = 'answered'
                    AND COALESCE(c.wait_time, 0) <= 20)::int AS answered_20,
                   CASE WHEN c.direction = 'inbound' AND c.disposition = 'answered'
                        THEN 100 ELSE 0 END AS answer_rate,
                   CASE WHEN c.direction = 'inbound' AND c.disposition = 'abandoned'
                        THEN 100 ELSE 0 END AS abandon_rate,
                   CASE WHEN c.direction = 'inbound' AND c.disposition = 'answered'
                        AND COALESCE(c.wait_time, 0) <= 15 THEN 100 ELSE 0 END AS sl15_rate,
                   CASE WHEN c.direction = 'inbound' AND c.disposition = 'answered'
                        AND COALESCE(c.wait_time, 0) <= 20 THEN 100 ELSE 0 END AS sl20_rate,
                   CASE WHEN c.direction = 'inbound' THEN COALESCE(c.wait_time, 0) END
                       AS wait_time,
                   CASE WHEN c.direction = 'inbound'
                        AND c.disposition IN ('answered', 'abandoned')
                        THEN COALESCE(c.wait_time, 0) END AS avg_wait,
                   CASE WHEN c.direction = 'inbound' THEN COALESCE(c.wait_time, 0) END
                       AS max_wait,
                   CASE WHEN c.direction = 'inbound' THEN COALESCE(c.talk_time, 0) END
                       AS talk_time,
                   CASE WHEN c.direction = 'inbound' AND c.disposition = 'answered'
                        THEN COALESCE(c.talk_time, 0) END AS avg_talk,
                   CASE WHEN c.direction = 'inbound' AND c.disposition = 'abandoned'
                        THEN COALESCE(c.wait_time, 0) END AS abandon_wait,
                   (c.direction = 'outbound')::int AS outbound_count,
                   (c.direction = 'outbound' AND c.answer_date IS NOT NULL)::int
                       AS outbound_answered,
                   CASE WHEN c.direction = 'outbound' AND c.answer_date IS NOT NULL
                        THEN 100 ELSE 0 END AS outbound_answer_rate,
                   CASE WHEN c.direction = 'outbound' THEN COALESCE(c.talk_time, 0) END
                       AS outbound_talk
              FROM hotline_cti_call c
              LEFT JOIN agent_group ag ON ag.user_id = c.agent_user_id
             WHERE c.enter_date IS NOT NULL
            )""", agent_group=AGENT_GROUP_SQL))
