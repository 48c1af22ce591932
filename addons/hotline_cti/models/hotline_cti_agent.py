# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""AG-1, AG-2, AG-4, MO-1: the agent seat — its states, the bus notifications of the
desk and the monitor, and the seat's own actions (log in and out, pause, ready).

The call actions (dial, transfer, hold, conference, hang up) and the team leader's (listen,
whisper, barge in, force busy) are in ``hotline_cti_agent_calls.py``, extending
``hotline.cti.agent``.
"""
import logging
import time

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

_logger = logging.getLogger(__name__)
# MO-1, MO-2: last time the monitor channel was fed, per database
_MONITOR_SENT = {}
MONITOR_INTERVAL = 1.0

AGENT_STATES = [
    ('logout', 'Logged Out'),
    ('idle', 'Idle'),
    ('ringing', 'Ringing'),
    ('talking', 'Talking'),
    ('hold', 'On Hold'),
    ('outbound', 'Outbound Call'),
    ('paused', 'Paused'),
    ('wrapup', 'After-call Work'),
]
# AG-7: the ChanSpy options of each supervisor mode (q: no beep, E: stop when the spied
# channel hangs up, w: whisper to the agent, B: barge, talk to both parties)
SPY_OPTIONS = {'listen': 'qE', 'whisper': 'qEw', 'barge': 'qEB'}
# AG-5: the dialplan contexts of hold, retrieve and conference (docs/asterisk/extensions.conf).
# Every call has its own ConfBridge room named after the Uniqueid of the citizen's channel.
HOLD_CONTEXT = 'hotline-hold'          # ConfBridge alone with music on hold
HELD_AGENT_CONTEXT = 'hotline-held'    # the agent's leg waits (silence) while the caller holds
CONF_CONTEXT = 'hotline-conf'          # the call's ConfBridge room (citizen, added parties)
# the same room for the agent's leg (marked user: the room ends when the agent leaves)
AGENT_CONF_CONTEXT = 'hotline-conf-agent'
TRANSFER_CONTEXT = 'hotline-transfer'  # AG-5: transfer to a colleague's phone (Dial)
# AG-2: the QueuePause reason of after-call work held until the agent is ready (queues whose
# after-call work time is 0); the bridge tells it from a pause the agent chose
ACW_REASON = 'ACW'
# AG-9: Uniqueid prefix of the agent's leg of a click-to-dial call (Originate ChannelId)
OUTBOUND_PREFIX = 'hl-out-'
# states in which an agent has a call in hand
ON_CALL_STATES = ('ringing', 'talking', 'hold', 'outbound')


class HotlineCtiAgent(models.Model):
    """AG-1, AG-2, AG-4, MO-1: an agent seat — who, which agent number and phone, and the
    state the PBX reports for it."""
    _name = 'hotline.cti.agent'
    _description = 'Agent Seat'
    _order = 'agent_number'
    _rec_name = 'agent_number'

    user_id = fields.Many2one('res.users', 'User', required=True, ondelete='cascade',
                              index=True)
    agent_number = fields.Char(required=True,
                               help='Announced to the caller when the agent answers (AG-13).')
    extension = fields.Char(required=True,
                            help='The agent\'s phone as a queue member interface, '
                                 'e.g. PJSIP/8001.')
    server_id = fields.Many2one('asterisk.server', 'PBX', required=True)
    queue_ids = fields.Many2many('hotline.cti.queue', 'hotline_cti_agent_queue_rel',
                                 'agent_id', 'queue_id', string='Queues')
    state = fields.Selection(AGENT_STATES, 'Agent State', default='logout', required=True,
                             readonly=True,
                             index=True)
    pause_reason = fields.Char(readonly=True)
    return_state = fields.Char(readonly=True,
                               help='AG-5: the state to go back to after an outbound call.')
    state_date = fields.Datetime('In State Since', readonly=True,
                                 default=fields.Datetime.now)
    current_call_id = fields.Many2one('hotline.cti.call', 'Current Call', readonly=True)
    current_caller = fields.Char(related='current_call_id.caller_number', readonly=True,
                                 string='Current Caller')
    calls_today = fields.Integer('Calls Answered Today', compute='_compute_call_stats')
    last_call_duration = fields.Integer('Last Call (s)', compute='_compute_call_stats')

    _sql_constraints = [
        ('user_uniq', 'unique(user_id)', 'A user has one agent seat.'),
        ('number_uniq', 'unique(agent_number)', 'Agent numbers are unique.'),
    ]

    def _compute_call_stats(self):
        """AG-4: calls answered today and the talk time of the last one."""
        day_start = self.env['hotline.cti.queue']._day_start()
        for agent in self:
            self.env.cr.execute("""
                SELECT COUNT(*) FILTER (WHERE answer_date >= %s AND direction = 'inbound'),
                       (SELECT talk_time FROM hotline_cti_call
                         WHERE agent_id = %s AND end_date IS NOT NULL
                           AND disposition = 'answered'
                         ORDER BY end_date DESC LIMIT 1)
                  FROM hotline_cti_call WHERE agent_id = %s AND disposition = 'answered'""",
                                [day_start, agent.id, agent.id])
            count, last = self.env.cr.fetchone()
            agent.calls_today = count or 0
            agent.last_call_duration = last or 0

    # ------------------------------------------------------------------ bus
    def _cti_channel(self):
        return (self.env.cr.dbname, 'hotline.cti', self.user_id.partner_id.id)

    @api.multi
    def _cti_notify(self, kind, payload=None):
        """AG-3, AG-4: a message on this agent's own bus channel only."""
        notifications = []
        for agent in self:
            # the bridge runs without a language: speak the agent's own
            message = {'type': kind,
                       'agent': agent.with_context(lang=agent.user_id.lang)._cti_status()}
            message.update(payload or {})
            notifications.append([agent._cti_channel(), message])
        self.env['bus.bus'].sendmany(notifications)

    @api.model
    def _cti_notify_monitor(self, force=False):
        """MO-1, MO-2: the grid and queue figures, to supervisors' monitor channel — at most
        once a second (a wall display, not a per-event feed). Inside a bridge batch, only
        noted: the batch sends it once at its end."""
        pending = self.env.context.get('hotline_cti_pending')
        if pending is not None:
            pending.add('monitor')
            return
        now = time.time()
        key = self.env.cr.dbname
        if not force and now - _MONITOR_SENT.get(key, 0) < MONITOR_INTERVAL:
            return
        _MONITOR_SENT[key] = now
        self.env['bus.bus'].sendone((self.env.cr.dbname, 'hotline.cti.monitor'), {
            'type': 'monitor',
            'agents': self._cti_grid_rows(),
            'queues': self.env['hotline.cti.queue'].sudo()._cti_monitor_data(),
        })

    @api.model
    def _cti_grid_rows(self):
        """MO-1: every seat's state, time in state, caller and user, in one query."""
        self.env.cr.execute("""
            SELECT a.id, a.agent_number, p.name, a.state, a.state_date, a.pause_reason,
                   COALESCE(c.caller_number, '')
              FROM hotline_cti_agent a
              JOIN res_users u ON u.id = a.user_id
              JOIN res_partner p ON p.id = u.partner_id
              LEFT JOIN hotline_cti_call c ON c.id = a.current_call_id
             ORDER BY a.agent_number""")
        keys = ('id', 'agent_number', 'name', 'state', 'state_date', 'pause_reason', 'caller')
        return [dict(zip(keys, row)) for row in self.env.cr.fetchall()]

    def _cti_status(self):
        """AG-4: what the agent's status bar shows."""
        self.ensure_one()
        server = self.server_id
        waiting = 0
        if self.queue_ids:
            self.env.cr.execute("""SELECT COUNT(*) FROM hotline_cti_call
                                   WHERE queue_id IN %s AND state = 'queued'""",
                                [tuple(self.queue_ids.ids)])
            waiting = self.env.cr.fetchone()[0]
        return {
            'state': self.state,
            'state_label': dict(self._fields['state']._description_selection(self.env))[
                self.state],
            'state_date': self.state_date,
            'pause_reason': self.pause_reason or '',
            'queue_waiting': waiting,
            'pbx': server.cti_state,
            'last_call_duration': self.last_call_duration,
            'calls_today': self.calls_today,
            'agent_number': self.agent_number,
            'caller': self.current_call_id.caller_number or ''
            if self.state in ON_CALL_STATES else '',
            # the browser ignores messages older than the status it already has (the bus
            # replays the last 50 s of messages when a page loads)
            'server_time': time.time(),
        }

    @api.model
    def cti_my_status(self):
        """AG-4: the status bar of the current user (False when the user has no seat).

        Every internal user's web client asks; users without a telephony role (units,
        KB admins) get False instead of an access error."""
        if not self.check_access_rights('read', raise_exception=False):
            return False
        agent = self.search([('user_id', '=', self.env.uid)], limit=1)
        return agent and agent._cti_status() or False

    # ------------------------------------------------------------------ state
    @api.multi
    def _cti_set_state(self, state, reason=None, call=None, notify=True):
        for agent in self:
            vals = {'state': state, 'pause_reason': reason if state == 'paused' else False}
            if agent.state != state:
                vals['state_date'] = fields.Datetime.now()
            if call is not None:
                vals['current_call_id'] = call.id if call else False
            agent.sudo().write(vals)
        if notify:
            self._cti_notify('state')
            self._cti_notify_monitor()

    def _cti_hold_back_calls(self):
        """AG-2 话后处理 until ready: when one of the agent's queues keeps after-call work
        until the agent says ready (after-call work time 0), the PBX is told to offer no
        call meanwhile (QueuePause with reason ACW; 置闲 unpauses). Other queues rely on the
        PBX's own ``wrapuptime`` and on ``_cti_end_wrapup``. A PBX refusal is logged, not
        raised: the bridge's batch must not be lost for it."""
        for agent in self:
            if not agent.queue_ids or min(agent.queue_ids.mapped('wrapup_time')) > 0:
                continue
            try:
                agent.server_id._cti_action('QueuePause', Interface=agent.extension,
                                            Paused='true', Reason=ACW_REASON)
            except UserError as e:
                _logger.warning('CTI: could not hold calls back for agent %s: %s',
                                agent.agent_number, e)

    @api.model
    def _cti_end_wrapup(self, server_id):
        """AG-2: agents whose after-call work time (the longest of their queues, all > 0)
        has run out are idle again, as the PBX's ``wrapuptime`` already made them; one SQL
        query picks them."""
        self.env.cr.execute("""
            SELECT a.id FROM hotline_cti_agent a
              JOIN hotline_cti_agent_queue_rel r ON r.agent_id = a.id
              JOIN hotline_cti_queue q ON q.id = r.queue_id
             WHERE a.state = 'wrapup' AND a.server_id = %s
             GROUP BY a.id, a.state_date
            HAVING MIN(q.wrapup_time) > 0
               AND a.state_date + MAX(q.wrapup_time) * interval '1 second'
                   <= (clock_timestamp() at time zone 'UTC')""", [server_id])
        agents = self.browse([row[0] for row in self.env.cr.fetchall()])
        if agents:
            agents._cti_set_state('idle', call=False)
        return agents

    def _check_own_or_leader(self):
        if self.env.user.has_group('hotline_core.group_hotline_team_leader'):
            return
        if any(agent.user_id != self.env.user for agent in self):
            raise AccessError(_('Only the agent or a team leader can change this seat.'))

    # ------------------------------------------------------------------ agent actions
    @api.multi
    def action_login(self):
        """AG-1: join the agent's queues (QueueAdd); the PBX routes calls to members only."""
        self._check_own_or_leader()
        for agent in self:
            if not agent.queue_ids:
                raise UserError(_('Agent %s belongs to no queue.') % agent.agent_number)
            # the state first: the row is locked before the PBX answers, so the bridge's
            # QueueMemberAdded waits for this transaction instead of colliding with it (a
            # refusal below rolls the state back)
            agent._cti_set_state('idle')
            for queue in agent.queue_ids:
                agent.server_id._cti_action(
                    'QueueAdd', Queue=queue.name, Interface=agent.extension,
                    MemberName=agent.agent_number, Paused='false')
        return True

    @api.multi
    def action_logout(self):
        """AG-1, AG-7: leave every queue (QueueRemove)."""
        self._check_own_or_leader()
        for agent in self:
            agent._cti_set_state('logout', call=False)  # first: see action_login
            for queue in agent.queue_ids:
                agent.server_id._cti_action('QueueRemove', Queue=queue.name,
                                            Interface=agent.extension)
        return True

    @api.multi
    def action_pause(self, reason=None):
        """AG-2 置忙: stop receiving calls (QueuePause), with the reason the agent gave."""
        self._check_own_or_leader()
        reason = reason or _('Busy')
        for agent in self:
            agent._cti_set_state('paused', reason=reason)  # first: see action_login
            agent.server_id._cti_action('QueuePause', Interface=agent.extension,
                                        Paused='true', Reason=reason)
        return True

    @api.multi
    def action_pause_button(self):
        """AG-2 置忙 from the seat's form: Odoo 11 passes a form button's context as its
        first argument, which ``action_pause`` would take for the reason (and show in the
        grid and send to the PBX)."""
        return self.action_pause()

    @api.multi
    def action_ready(self):
        """AG-2 置闲: back to receiving calls after a pause or after-call work."""
        self._check_own_or_leader()
        for agent in self:
            agent._cti_set_state('idle', call=False)  # first: see action_login
            agent.server_id._cti_action('QueuePause', Interface=agent.extension,
                                        Paused='false')
        return True
