# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools

from odoo.addons.hotline_cti.models.hotline_cti_agent import AGENT_STATES

from .hotline_ticket_report import AGENT_GROUP_SQL, view_sql


class HotlineAgentStateReport(models.Model):
    """ST-2: agent state times (idle, talking, after-call work, pause by reason, ringing),
    online time and utilisation per agent and period, from the agent state periods. An
    open period counts up to now."""
    _name = 'hotline.agent.state.report'
    _description = 'Agent State Times'
    _inherit = ['hotline.report.rate.mixin']
    _auto = False
    _order = 'date_start desc'
    _rate_fields = {
        'utilisation': ('busy_time', 'online_time'),
    }

    date_start = fields.Datetime('From', readonly=True)
    agent_id = fields.Many2one('hotline.cti.agent', 'Agent', readonly=True)
    user_id = fields.Many2one('res.users', 'User', readonly=True)
    agent_group_id = fields.Many2one('hotline.agent.group', 'Agent Group', readonly=True)
    state = fields.Selection(AGENT_STATES, 'Agent State', readonly=True)
    reason = fields.Char('Pause Reason', readonly=True)
    nbr = fields.Integer('Periods', readonly=True)
    online_time = fields.Integer('Online (s)', readonly=True)
    idle_time = fields.Integer('Idle (s)', readonly=True)
    talk_time = fields.Integer('Talking (s)', readonly=True, help='Talking and on hold.')
    outbound_time = fields.Integer('Outbound Calls (s)', readonly=True)
    ring_time = fields.Integer('Ringing (s)', readonly=True)
    wrapup_time = fields.Integer('After-call Work (s)', readonly=True)
    pause_time = fields.Integer('Paused (s)', readonly=True)
    busy_time = fields.Integer('Working (s)', readonly=True,
                               help='Talking, on hold, ringing, outbound calls and '
                                    'after-call work.')
    avg_wrapup = fields.Float('Average After-call Work (s)', readonly=True,
                              group_operator='avg')
    utilisation = fields.Float('Utilisation (%)', readonly=True)

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(view_sql(self.env.cr, """
            CREATE OR REPLACE VIEW hotline_agent_state_report AS (
            WITH agent_group AS ({agent_group}),
                 periods AS (
                SELECT l.*, COALESCE(l.duration, GREATEST(0, EXTRACT(EPOCH FROM (
                           (now() AT TIME ZONE 'UTC') - l.date_start))::int)) AS secs
                  FROM hotline_agent_state_log l)
            SELECT p.id, p.date_start, p.agent_id, p.user_id, ag.group_id AS agent_group_id,
                   p.state, p.reason, 1 AS nbr, p.secs AS online_time,
                   CASE WHEN p.state = 'idle' THEN p.secs ELSE 0 END AS idle_time,
                   CASE WHEN p.state IN ('talking', 'hold') THEN p.secs ELSE 0 END AS talk_time,
                   CASE WHEN p.state = 'outbound' THEN p.secs ELSE 0 END AS outbound_time,
                   CASE WHEN p.state = 'ringing' THEN p.secs ELSE 0 END AS ring_time,
                   CASE WHEN p.state = 'wrapup' THEN p.secs ELSE 0 END AS wrapup_time,
                   CASE WHEN p.state = 'paused' THEN p.secs ELSE 0 END AS pause_time,
                   CASE WHEN p.state IN ('talking', 'hold', 'ringing', 'wrapup', 'outbound')
                        THEN p.secs ELSE 0 END AS busy_time,
                   CASE WHEN p.state = 'wrapup' THEN p.secs END AS avg_wrapup,
                   CASE WHEN p.state IN ('talking', 'hold', 'ringing', 'wrapup', 'outbound')
                        THEN 100 ELSE 0 END AS utilisation
              FROM periods p
              LEFT JOIN agent_group ag ON ag.user_id = p.user_id
            )""", agent_group=AGENT_GROUP_SQL))
