# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""AG-3, AG-8, AG-9: the call record — its fields, the bridge's entry points, the screen
pop and the agent's desk.

The rest is split by concern, each file extending ``hotline.cti.call``:
- ``hotline_cti_call_events.py``: the AMI event handlers and the resync after a reconnection;
- ``hotline_cti_call_dialplan.py``: the dialplan's questions (caller lookup, IVR, voicemail).
"""
import datetime
import logging
import time

from odoo import _, api, fields, models

from ..bridge.runner import RecordNotCommitted
from .hotline_cti_agent import OUTBOUND_PREFIX

_logger = logging.getLogger(__name__)


def _event_time(event):
    """When the PBX says the event happened (``timestampevents = yes`` in manager.conf),
    else when the bridge read it, else now — as an Odoo datetime string (UTC)."""
    stamp = event.get('Timestamp') or event.get('_received')
    try:
        moment = datetime.datetime.utcfromtimestamp(float(stamp))
    except (TypeError, ValueError):
        moment = datetime.datetime.utcnow()
    return fields.Datetime.to_string(moment)


def _seconds(start, end):
    if not start or not end:
        return 0
    delta = fields.Datetime.from_string(end) - fields.Datetime.from_string(start)
    return max(int(round(delta.total_seconds())), 0)


def _caller_id(value):
    """AG-3, AG-9: a caller ID field as Asterisk sends it, '' when not known yet — a channel
    created before its caller ID is set says ``<unknown>``; the number follows in
    NewCallerid (and in the queue events)."""
    value = (value or '').strip()
    return '' if value in ('<unknown>', '<Unknown>', 'unknown', 'anonymous') else value


# AG-5, AG-7: Uniqueids chosen by Odoo (Originate ChannelId) for the legs it creates itself
# that are not a citizen's call: a party added to a three-way call, a supervisor's phone
ODOO_CHANNEL_PREFIX = 'hl-'


def _interface(channel):
    """'PJSIP/8001-0000002a' → 'PJSIP/8001' (the queue member interface)."""
    return (channel or '').rsplit('-', 1)[0]


def _dialled_number(dial_string):
    """The number in a Dial() string: 'trunk/12345678' (PJSIP/trunk/…),
    '13900001234@hotline-test-pstn' (Local/…) → the digits dialled."""
    target = (dial_string or '').split('@', 1)[0].rsplit('/', 1)[-1]
    return ''.join(c for c in target if c.isdigit() or c == '+')


class HotlineCtiCall(models.Model):
    """AG-8, AG-9: one call as the PBX saw it — when it entered, queued, rang, was answered
    and ended, who took it, how it ended, the citizen and the request."""
    _name = 'hotline.cti.call'
    _description = 'Call Record'
    _order = 'enter_date desc, id desc'
    _rec_name = 'uniqueid'

    uniqueid = fields.Char('Call ID', required=True, readonly=True, index=True,
                           help='Uniqueid of the caller\'s channel on the PBX.')
    server_id = fields.Many2one('asterisk.server', 'PBX', readonly=True, ondelete='set null')
    channel = fields.Char(readonly=True)
    direction = fields.Selection([('inbound', 'Inbound'), ('outbound', 'Outbound')],
                                 default='inbound', readonly=True)
    caller_number = fields.Char(readonly=True, index=True)
    caller_name = fields.Char(readonly=True)
    partner_id = fields.Many2one('res.partner', 'Citizen', index=True)
    # auto_join: the units' record rule (ticket_id.unit_ids) becomes a join, not a list of
    # the ids of every request the unit can see
    ticket_id = fields.Many2one('hotline.ticket', 'Request', index=True, ondelete='set null',
                                auto_join=True)
    queue_id = fields.Many2one('hotline.cti.queue', 'Queue', readonly=True, index=True)
    agent_id = fields.Many2one('hotline.cti.agent', 'Agent', readonly=True, index=True)
    agent_user_id = fields.Many2one(related='agent_id.user_id', store=True, readonly=True,
                                    string='Agent User')
    transfer_agent_id = fields.Many2one('hotline.cti.agent', 'Transferred To', readonly=True)
    enter_date = fields.Datetime('Entered', readonly=True, index=True)
    queue_date = fields.Datetime('Queued', readonly=True)
    ring_date = fields.Datetime('Rang', readonly=True)
    answer_date = fields.Datetime('Answered', readonly=True)
    end_date = fields.Datetime('Ended', readonly=True)
    wait_time = fields.Integer('Wait (s)', readonly=True,
                               help='Seconds in the queue before answer or abandon.')
    talk_time = fields.Integer('Talk (s)', readonly=True)
    state = fields.Selection([
        ('ivr', 'In IVR'),
        ('queued', 'Waiting'),
        ('ringing', 'Ringing'),
        ('talking', 'Talking'),
        ('done', 'Ended'),
    ], default='ivr', readonly=True, index=True)
    disposition = fields.Selection([
        ('answered', 'Answered'),
        ('abandoned', 'Abandoned'),
        ('voicemail', 'Voicemail'),
        ('ivr', 'IVR Only'),
        ('noanswer', 'Not Answered'),
        ('busy', 'Busy'),
    ], readonly=True, index=True)
    recording_url = fields.Char('Recording', readonly=True)
    # AG-5: the agent's own leg, hold and conference
    agent_channel = fields.Char(readonly=True)
    on_hold = fields.Boolean(readonly=True)
    hold_date = fields.Datetime('On Hold Since', readonly=True)
    hold_time = fields.Integer('Hold (s)', readonly=True)
    conference_number = fields.Char('Conference With', readonly=True,
                                    help='Numbers added to a three-way call.')
    # AG-12: the dialplan forwarded the call itself, without the queue
    forward_number = fields.Char(
        'Forwarded To', readonly=True,
        help='The number the PBX dialled for this call instead of the queue: the duty '
             'number of a closed line or the direct number of an open one.')

    _sql_constraints = [
        ('uniqueid_uniq', 'unique(server_id, uniqueid)', 'A call is recorded once.'),
    ]

    # ------------------------------------------------------------------ bridge entry points
    @api.model
    def _cti_handle(self, server, kind, data):
        """Apply one item read by the bridge (see bridge/ami.py AmiClient.items)."""
        try:
            return self._cti_apply(server, kind, data)
        finally:
            # the live figures (MO-2, AG-4) are computed from call records: recompute them
            # for the next message rather than serve the ones cached before this event
            self.env['hotline.cti.queue'].invalidate_cache()
            self.env['hotline.cti.agent'].invalidate_cache(
                ['calls_today', 'last_call_duration'])

    @api.model
    def _cti_record_key(self, kind, data):
        """AG-5: the Uniqueid Odoo chose for a click-to-dial call (the agent's leg) when the
        item is one of that call's events, else None."""
        if kind != 'event':
            return None
        for uniqueid in (data.get('Linkedid'), data.get('Uniqueid')):
            if (uniqueid or '').startswith(OUTBOUND_PREFIX):
                return uniqueid
        return None

    @api.model
    def _cti_apply(self, server, kind, data):
        key = self._cti_record_key(kind, data)
        if key and not self.env.context.get('hotline_cti_no_wait') and not self.search_count(
                [('server_id', '=', server.id), ('uniqueid', '=', key)]):
            # the click's transaction has not committed the record yet: the bridge applies
            # the event again at its next turn (bridge/runner.py, RECORD_WAIT)
            raise RecordNotCommitted(key)
        if kind == 'event':
            handler = getattr(self, '_cti_on_%s' % data.get('Event', '').lower(), None)
            if handler:
                return handler(server, data)
        elif kind == 'resync':
            return self._cti_resync(server, data)
        elif kind == 'connected':
            server._cti_set_connection('connected')
        elif kind == 'disconnected':
            server._cti_set_connection('disconnected')
        return None

    @api.model
    def _cti_find(self, server, event, create=False):
        uniqueid = event.get('Uniqueid')
        call = self.search([('server_id', '=', server.id), ('uniqueid', '=', uniqueid)],
                           limit=1)
        if not call and create and uniqueid:
            call = self._cti_create(server, event)
        return call

    @api.model
    def _cti_partner(self, number):
        """The citizen of a phone number (CZ-1 matching), or an empty recordset."""
        if not number or not number.lstrip('+').isdigit():
            return self.env['res.partner']
        return self.env['res.partner'].hotline_find_by_phone(number, limit=1)

    @api.model
    def _cti_create(self, server, event):
        number = _caller_id(event.get('CallerIDNum'))
        partner = self._cti_partner(number)
        return self.create({
            'uniqueid': event['Uniqueid'],
            'server_id': server.id,
            'channel': event.get('Channel'),
            'caller_number': number,
            'caller_name': _caller_id(event.get('CallerIDName')) or False,
            'partner_id': partner and partner.id or False,
            'enter_date': _event_time(event),
            'recording_url': (server.recording_url or '').replace(
                '{uniqueid}', event['Uniqueid']) or False,
        })

    @api.model
    def _cti_agent(self, server, event):
        interface = event.get('Interface') or _interface(event.get('DestChannel'))
        Agent = self.env['hotline.cti.agent']
        agent = Agent.search([('server_id', '=', server.id), ('extension', '=', interface)],
                             limit=1)
        if not agent and event.get('MemberName'):
            agent = Agent.search([('server_id', '=', server.id),
                                  ('agent_number', '=', event['MemberName'])], limit=1)
        return agent

    @api.model
    def _cti_queue(self, server, name):
        return self.env['hotline.cti.queue'].search(
            [('server_id', '=', server.id), ('name', '=', name)], limit=1)

    # ------------------------------------------------------------------ screen pop
    def _cti_popup_data(self):
        """AG-3: what the agent's browser needs to open the request form and the citizen."""
        self.ensure_one()
        partner = self.partner_id
        return {
            'id': self.id,
            'uniqueid': self.uniqueid,
            'caller_number': self.caller_number,
            'partner_id': partner.id or False,
            'partner_name': partner.name or '',
            'citizen_level': partner.citizen_level or False,
            'queue': self.queue_id.name or '',
            'ticket_id': self.ticket_id.id or False,
            'ticket_name': self.ticket_id.name or '',
            'sent': time.time(),
        }

    # ------------------------------------------------------------------ the agent's desk
    @api.model
    def _hotline_desk_call(self):
        """Issue #16: the call of the current user's seat a new request is about: the call in
        progress, or else the last inbound call the agent answered that has no request yet."""
        agent = self.env['hotline.cti.agent'].search([('user_id', '=', self.env.uid)], limit=1)
        if not agent:
            return self.browse()
        if agent.current_call_id and agent.current_call_id.caller_number:
            return agent.current_call_id
        return self.search([('agent_id', '=', agent.id), ('direction', '=', 'inbound'),
                            ('caller_number', '!=', False), ('ticket_id', '=', False)],
                           order='id desc', limit=1)

    @api.model
    def hotline_desk_action(self):
        """Issue #16, AG-3: the agent's desk card "new request from this call": the request
        form prefilled from the seat's current or last call, or an empty phone request when
        the seat has had no call."""
        call = self._hotline_desk_call()
        if call:
            return call.action_open_ticket_form()
        return {
            'type': 'ir.actions.act_window',
            'name': _('New Request'),
            'res_model': 'hotline.ticket',
            'view_mode': 'form',
            'views': [(False, 'form')],
            'target': 'current',
            'context': {'default_channel': 'phone'},
        }

    @api.model
    def hotline_desk_note(self):
        """The line under the card: which caller the new request will be for."""
        call = self._hotline_desk_call()
        if not call:
            return _('No call on your seat yet')
        when = call.answer_date or call.enter_date
        if when:
            when = fields.Datetime.context_timestamp(
                self.with_context(tz=self.env.user.tz or 'Asia/Shanghai'),
                fields.Datetime.from_string(when)).strftime('%H:%M')
        label = _('Current call') if call.state != 'done' else _('Last call')
        return '%s %s%s' % (label, call.caller_number, ' %s' % when if when else '')

    @api.multi
    def action_open_ticket_form(self):
        """AG-3: a new request prefilled with the caller's number and citizen; saving it
        links this call (context key read by hotline.ticket.create)."""
        self.ensure_one()
        context = {
            'default_channel': 'phone',
            'default_caller_number': self.caller_number,
            'hotline_cti_call_id': self.id,
        }
        if self.partner_id:
            context['default_partner_id'] = self.partner_id.id
        else:
            context['default_contact_phone'] = self.caller_number
        return {
            'type': 'ir.actions.act_window',
            'name': _('New Request'),
            'res_model': 'hotline.ticket',
            'view_mode': 'form',
            'views': [(False, 'form')],
            'target': 'current',
            'context': context,
        }
