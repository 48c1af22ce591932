# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime

from odoo import api, fields, models


class HotlineCtiQueue(models.Model):
    """AG-1, MO-2: a call queue of the PBX (queues.conf) and its live figures."""
    _name = 'hotline.cti.queue'
    _description = 'Call Queue'
    _order = 'name'

    name = fields.Char('Queue', required=True,
                       help='The queue name in queues.conf, e.g. 12345.')
    server_id = fields.Many2one('asterisk.server', 'PBX', required=True, ondelete='cascade')
    wrapup_time = fields.Integer(
        'After-call Work (s)', default=15,
        help='Seconds an agent stays in after-call work before being offered calls again; '
             '0 keeps the agent in after-call work until ready.')
    agent_ids = fields.Many2many('hotline.cti.agent', 'hotline_cti_agent_queue_rel',
                                 'queue_id', 'agent_id', string='Agents')
    active = fields.Boolean(default=True)
    # MO-2: live figures of today (computed, not stored)
    calls_offered = fields.Integer(compute='_compute_monitor')
    calls_answered = fields.Integer('Answered', compute='_compute_monitor')
    calls_abandoned = fields.Integer('Abandoned', compute='_compute_monitor')
    calls_waiting = fields.Integer('Waiting Now', compute='_compute_monitor')
    longest_wait = fields.Integer('Longest Wait (s)', compute='_compute_monitor')
    avg_wait = fields.Float('Average Wait (s)', compute='_compute_monitor', digits=(16, 1))
    avg_talk = fields.Float('Average Talk (s)', compute='_compute_monitor', digits=(16, 1))
    service_level_15 = fields.Float('Answered within 15 s (%)', compute='_compute_monitor',
                                    digits=(16, 1))
    service_level_20 = fields.Float('Answered within 20 s (%)', compute='_compute_monitor',
                                    digits=(16, 1))
    agents_idle = fields.Integer('Idle', compute='_compute_monitor')
    agents_talking = fields.Integer('Talking', compute='_compute_monitor')
    agents_paused = fields.Integer('Paused', compute='_compute_monitor')
    agents_wrapup = fields.Integer('After-call Work', compute='_compute_monitor')
    agents_hold = fields.Integer('On Hold', compute='_compute_monitor')
    agents_outbound = fields.Integer('Outbound', compute='_compute_monitor')
    calls_outbound = fields.Integer('Outbound Calls', compute='_compute_monitor',
                                    help='Click-to-dial calls of the queue\'s agents today.')
    calls_outbound_answered = fields.Integer('Outbound Answered', compute='_compute_monitor')

    _sql_constraints = [
        ('name_server_uniq', 'unique(name, server_id)', 'A queue name is unique per PBX.'),
    ]

    @api.model
    def _day_start(self):
        # the centre works on Beijing time: "today" starts at 16:00 UTC the day before
        now = datetime.datetime.utcnow()
        start = datetime.datetime.combine((now + datetime.timedelta(hours=8)).date(),
                                          datetime.time()) - datetime.timedelta(hours=8)
        return fields.Datetime.to_string(start)

    def _compute_monitor(self):
        """MO-2: offered, waiting, longest wait, averages and service level over today's
        calls, in one SQL pass over the call records."""
        if not self.ids:
            return
        self.env.cr.execute("""
            SELECT queue_id,
                   COUNT(*),
                   COUNT(*) FILTER (WHERE disposition = 'answered'),
                   COUNT(*) FILTER (WHERE disposition = 'abandoned'),
                   COUNT(*) FILTER (WHERE state = 'queued'),
                   COALESCE(MAX(EXTRACT(EPOCH FROM (now() at time zone 'UTC') - queue_date))
                            FILTER (WHERE state = 'queued'), 0),
                   COALESCE(AVG(wait_time) FILTER (WHERE disposition IS NOT NULL), 0),
                   COALESCE(AVG(talk_time) FILTER (WHERE disposition = 'answered'), 0),
                   COUNT(*) FILTER (WHERE disposition = 'answered' AND wait_time <= 15),
                   COUNT(*) FILTER (WHERE disposition = 'answered' AND wait_time <= 20)
              FROM hotline_cti_call
             WHERE queue_id IN %s AND enter_date >= %s
             GROUP BY queue_id""", [tuple(self.ids), self._day_start()])
        rows = {r[0]: r[1:] for r in self.env.cr.fetchall()}
        # MO-2: outbound calls today of each queue's agents (no queue of their own)
        self.env.cr.execute("""
            SELECT r.queue_id, COUNT(*), COUNT(*) FILTER (WHERE c.disposition = 'answered')
              FROM hotline_cti_call c
              JOIN hotline_cti_agent_queue_rel r ON r.agent_id = c.agent_id
             WHERE r.queue_id IN %s AND c.direction = 'outbound' AND c.enter_date >= %s
             GROUP BY r.queue_id""", [tuple(self.ids), self._day_start()])
        outbound = {r[0]: r[1:] for r in self.env.cr.fetchall()}
        for queue in self:
            offered, answered, abandoned, waiting, longest, avg_wait, avg_talk, sl15, sl20 = \
                rows.get(queue.id, (0, 0, 0, 0, 0, 0, 0, 0, 0))
            queue.calls_offered = offered
            queue.calls_answered = answered
            queue.calls_abandoned = abandoned
            queue.calls_waiting = waiting
            queue.longest_wait = int(longest)
            queue.avg_wait = avg_wait
            queue.avg_talk = avg_talk
            queue.service_level_15 = offered and 100.0 * sl15 / offered
            queue.service_level_20 = offered and 100.0 * sl20 / offered
            states = queue.agent_ids.mapped('state')
            queue.agents_idle = states.count('idle')
            queue.agents_talking = states.count('talking')
            queue.agents_paused = states.count('paused')
            queue.agents_wrapup = states.count('wrapup')
            queue.agents_hold = states.count('hold')
            queue.agents_outbound = states.count('outbound')
            queue.calls_outbound, queue.calls_outbound_answered = outbound.get(queue.id, (0, 0))

    @api.model
    def _cti_monitor_data(self):
        """MO-2: the figures the queue monitor shows, as sent over the bus."""
        fnames = ['name', 'calls_offered', 'calls_answered', 'calls_abandoned',
                  'calls_waiting', 'longest_wait', 'avg_wait', 'avg_talk', 'service_level_15',
                  'service_level_20', 'agents_idle', 'agents_talking', 'agents_paused',
                  'agents_wrapup', 'agents_hold', 'agents_outbound', 'calls_outbound',
                  'calls_outbound_answered']
        return self.search([]).read(fnames)
