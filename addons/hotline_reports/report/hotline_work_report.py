# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools

from odoo.addons.hotline_core.models.hotline_ticket import DRAFT_STATES

from .hotline_ticket_report import AGENT_GROUP_SQL, view_sql


class HotlineWorkReport(models.Model):
    """ST-4: operator and team work index (工作指数): requests registered, calls answered,
    outbound calls, talk time and callbacks of each agent and agent group, for any period,
    so that the same person or team can be compared across months.

    Work index = 1 per request registered + 1 per inbound call answered + 0.5 per outbound
    call (weights in the view, documented in readme/USAGE.rst)."""
    _name = 'hotline.work.report'
    _description = 'Operator Work Index'
    _inherit = ['hotline.report.rate.mixin']
    _auto = False
    _order = 'date desc'
    _rate_fields = {
        'satisfaction_rate': ('satisfied_count', 'callback_count'),
    }

    date = fields.Datetime(readonly=True)
    user_id = fields.Many2one('res.users', 'Agent', readonly=True)
    agent_group_id = fields.Many2one('hotline.agent.group', 'Agent Group', readonly=True)
    ticket_count = fields.Integer('Requests Registered', readonly=True)
    call_count = fields.Integer('Calls Answered', readonly=True)
    outbound_count = fields.Integer('Outbound Calls', readonly=True)
    talk_time = fields.Integer('Talk (s)', readonly=True)
    callback_count = fields.Integer('Callbacks', readonly=True)
    satisfied_count = fields.Integer('Satisfied', readonly=True)
    satisfaction_rate = fields.Float('Satisfaction Rate (%)', readonly=True)
    work_index = fields.Float(readonly=True)

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(view_sql(self.env.cr, """
            CREATE OR REPLACE VIEW hotline_work_report AS (
            WITH agent_group AS ({agent_group}),
                 work AS (
                SELECT t.id * 3 AS id, t.register_date AS date, t.user_id,
                       1 AS ticket_count, 0 AS call_count, 0 AS outbound_count, 0 AS talk_time,
                       0 AS callback_count, 0 AS satisfied_count
                  FROM hotline_ticket t WHERE t.state NOT IN %(draft)s AND t.user_id IS NOT NULL
                UNION ALL
                SELECT c.id * 3 + 1, c.enter_date, c.agent_user_id,
                       0, (c.direction = 'inbound' AND c.disposition = 'answered')::int,
                       (c.direction = 'outbound')::int, COALESCE(c.talk_time, 0), 0, 0
                  FROM hotline_cti_call c
                 WHERE c.agent_user_id IS NOT NULL AND c.enter_date IS NOT NULL
                UNION ALL
                SELECT s.id * 3 + 2, s.date, t.user_id, 0, 0, 0, 0, 1,
                       (s.action = 'callback_satisfied')::int
                  FROM hotline_ticket_step s JOIN hotline_ticket t ON t.id = s.ticket_id
                 WHERE s.action IN ('callback_satisfied', 'callback_unsatisfied')
                   AND t.user_id IS NOT NULL)
            SELECT w.*, ag.group_id AS agent_group_id,
                   CASE WHEN w.satisfied_count = 1 THEN 100 ELSE 0 END AS satisfaction_rate,
                   w.ticket_count + w.call_count + 0.5 * w.outbound_count AS work_index
              FROM work w LEFT JOIN agent_group ag ON ag.user_id = w.user_id
            )""", agent_group=AGENT_GROUP_SQL), {'draft': DRAFT_STATES})
