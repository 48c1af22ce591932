# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.hotline_cti.models.hotline_cti_agent import AGENT_STATES


class HotlineAgentStateLog(models.Model):
    """ST-2: one row per period an agent spent in one state (idle, talking, paused with its
    reason, after-call work…); a period that starts from 'logged out' opens a login session.
    Written by the agent's state changes, read by the agent state and login reports."""
    _name = 'hotline.agent.state.log'
    _description = 'Agent State Period'
    _order = 'date_start desc, id desc'

    agent_id = fields.Many2one(
        'hotline.cti.agent', 'Agent', required=True, index=True, ondelete='cascade')
    user_id = fields.Many2one('res.users', 'User', index=True, readonly=True)
    state = fields.Selection(AGENT_STATES, 'Agent State', required=True, index=True)
    reason = fields.Char('Pause Reason')
    extension = fields.Char()
    ip_address = fields.Char('IP Address')
    date_start = fields.Datetime('From', required=True, index=True)
    date_end = fields.Datetime('To', index=True)
    session_start = fields.Datetime(
        'Logged In At', index=True, help='Start of the login session this period belongs to.')
    duration = fields.Integer('Duration (s)', help='Empty while the period is open.')

    @api.model
    def _log_transition(self, agent, state, reason=None, ip_address=None, now=None):
        """ST-2: close the agent's open period and open one for the new state (none after a
        logout). Set-based UPDATE so a retried event does not leave two open periods."""
        now = now or fields.Datetime.now()
        cr = self.env.cr
        cr.execute("""
            UPDATE hotline_agent_state_log
               SET date_end = %s,
                   duration = GREATEST(0, EXTRACT(EPOCH FROM (%s::timestamp - date_start)))::int
             WHERE agent_id = %s AND date_end IS NULL
         RETURNING session_start""", [now, now, agent.id])
        previous = [row[0] for row in cr.fetchall() if row[0]]
        if state == 'logout':
            return self.browse()
        return self.sudo().create({
            'agent_id': agent.id,
            'user_id': agent.user_id.id,
            'state': state,
            'reason': reason if state == 'paused' else False,
            'extension': agent.extension,
            'ip_address': ip_address,
            'date_start': now,
            'session_start': previous[0] if previous else now,
        })
