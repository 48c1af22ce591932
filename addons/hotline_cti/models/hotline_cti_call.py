# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime
import logging
import time

from odoo import _, api, fields, models

from ..bridge.runner import RecordNotCommitted
from .hotline_cti_agent import ACW_REASON, ON_CALL_STATES, OUTBOUND_PREFIX

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
    channel = fields.Char('Channel', readonly=True)
    direction = fields.Selection([('inbound', 'Inbound'), ('outbound', 'Outbound')],
                                 default='inbound', readonly=True)
    caller_number = fields.Char('Caller Number', readonly=True, index=True)
    caller_name = fields.Char('Caller Name', readonly=True)
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
    agent_channel = fields.Char('Agent Channel', readonly=True)
    on_hold = fields.Boolean('On Hold', readonly=True)
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

    # ------------------------------------------------------------------ events
    def _cti_on_newchannel(self, server, event):
        """AG-9 enter time: the first channel of an inbound call (not an agent's leg).
        AG-5: the agent's leg of a click-to-dial call (its Uniqueid was chosen by Odoo) and
        the far end's leg (linked to it) are noted on the outbound call record."""
        is_agent_phone = bool(self.env['hotline.cti.agent'].search_count(
            [('server_id', '=', server.id), ('extension', '=', _interface(
                event.get('Channel')))]))
        if event.get('Uniqueid') != event.get('Linkedid'):
            if not (event.get('Linkedid') or '').startswith(OUTBOUND_PREFIX) or is_agent_phone:
                return None  # an agent's leg of an inbound call: nothing to note
            outbound = self.search([('server_id', '=', server.id),
                                    ('uniqueid', '=', event.get('Linkedid')),
                                    ('state', '!=', 'done')], limit=1)
            if outbound and not outbound.channel:
                outbound.write({'channel': event.get('Channel')})
            return outbound or None
        if (event.get('Uniqueid') or '').startswith(OUTBOUND_PREFIX):
            outbound = self._cti_find(server, event)
            if outbound and not outbound.agent_channel:
                outbound.write({'agent_channel': event.get('Channel')})
            return outbound or None
        if (event.get('Uniqueid') or '').startswith(ODOO_CHANNEL_PREFIX):
            return None  # AG-5, AG-7: a party Odoo added to a call, a supervisor's phone
        if is_agent_phone:
            return None  # an agent's own phone placing a call (not from Odoo)
        return self._cti_find(server, event, create=True)

    def _cti_take_caller(self, event):
        """AG-3, AG-9: the caller's number and name as the PBX knows them now (NewCallerid,
        QueueCallerJoin, AgentCalled): a call recorded with an unknown caller ID learns it,
        and the citizen with it; the name is the one the dialplan set from the lookup."""
        for call in self.filtered(lambda c: c.state != 'done' and c.direction == 'inbound'):
            number = _caller_id(event.get('CallerIDNum'))
            name = _caller_id(event.get('CallerIDName'))
            vals = {}
            if number and number != call.caller_number:
                vals['caller_number'] = number
                partner = self._cti_partner(number)
                if partner and not call.partner_id:
                    vals['partner_id'] = partner.id
            if name and name != call.caller_name:
                vals['caller_name'] = name
            if vals:
                call.write(vals)
        return self

    def _cti_on_newcallerid(self, server, event):
        """AG-3, AG-9: the caller ID arrived after the channel was created."""
        call = self._cti_find(server, event)
        if call:
            call._cti_take_caller(event)
        return call

    def _cti_on_queuecallerjoin(self, server, event):
        call = self._cti_find(server, event, create=True)
        call._cti_take_caller(event)
        call.write({'queue_id': self._cti_queue(server, event.get('Queue')).id or False,
                    'queue_date': _event_time(event), 'state': 'queued'})
        self.env['hotline.cti.agent']._cti_notify_monitor()
        return call

    def _cti_on_agentcalled(self, server, event):
        """AG-3: the agent's phone rings — pop the caller's record in that agent's browser."""
        call = self._cti_find(server, event, create=True)
        call._cti_take_caller(event)
        agent = self._cti_agent(server, event)
        vals = {'state': 'ringing', 'agent_id': agent.id or False}
        if not call.ring_date:
            vals['ring_date'] = _event_time(event)
        call.write(vals)
        if agent:
            agent._cti_set_state('ringing', call=call, notify=False)
            agent._cti_notify('popup', {'call': call._cti_popup_data(), 'received':
                                        event.get('_received')})
            agent._cti_notify_monitor()
        return call

    def _cti_on_agentringnoanswer(self, server, event):
        agent = self._cti_agent(server, event)
        call = self._cti_find(server, event)
        if call and call.state == 'ringing':
            call.write({'state': 'queued', 'agent_id': False})
        if agent and agent.state == 'ringing':
            agent._cti_set_state('idle', call=False)
        return call

    def _cti_on_agentconnect(self, server, event):
        call = self._cti_find(server, event, create=True)
        agent = self._cti_agent(server, event)
        answer = _event_time(event)
        call.write({
            'state': 'talking', 'agent_id': agent.id or call.agent_id.id,
            'agent_channel': event.get('DestChannel') or call.agent_channel,
            'answer_date': answer,
            'wait_time': int(event.get('HoldTime') or 0) or _seconds(
                call.queue_date or call.enter_date, answer),
            'disposition': 'answered',
        })
        if agent:
            agent._cti_set_state('talking', call=call)
        return call

    def _cti_on_agentcomplete(self, server, event):
        call = self._cti_find(server, event, create=True)
        end = _event_time(event)
        call._cti_finish(end, talk_time=int(event.get('TalkTime') or 0) or None)
        return call

    def _cti_on_queuecallerabandon(self, server, event):
        """AG-9: the caller hung up while waiting — abandoned, with the time waited."""
        call = self._cti_find(server, event, create=True)
        end = _event_time(event)
        ringing = self.env['hotline.cti.agent'].search([('current_call_id', '=', call.id)])
        call.write({'disposition': 'abandoned', 'end_date': end, 'state': 'done',
                    'wait_time': int(event.get('HoldTime') or 0) or _seconds(
                        call.queue_date or call.enter_date, end)})
        if ringing:
            ringing._cti_notify('abandoned', {'call': call._cti_popup_data()})
            ringing._cti_set_state('idle', call=False)
        self.env['hotline.cti.agent']._cti_notify_monitor()
        return call

    def _cti_on_hangup(self, server, event):
        call = self._cti_find(server, event)
        if call and call.state != 'done':
            call._cti_finish(_event_time(event))
        return call

    def _cti_finish(self, end, talk_time=None):
        """AG-2, AG-9: end the call; the agent goes to after-call work (话后处理)."""
        for call in self:
            vals = {'state': 'done', 'end_date': call.end_date or end}
            if call.answer_date:
                vals['disposition'] = 'answered'
                vals['talk_time'] = talk_time if talk_time is not None else _seconds(
                    call.answer_date, vals['end_date'])
            elif call.direction == 'outbound':
                vals['disposition'] = call.disposition or 'noanswer'
            elif not call.disposition:
                vals['disposition'] = 'abandoned' if call.queue_date else 'ivr'
                if call.queue_date:
                    vals['wait_time'] = _seconds(call.queue_date, vals['end_date'])
            if call.on_hold:
                vals.update(on_hold=False, hold_time=call.hold_time + _seconds(
                    call.hold_date, vals['end_date']))
            call.write(vals)
            agents = self.env['hotline.cti.agent'].search([('current_call_id', '=', call.id)])
            for agent in agents:
                if agent.state == 'outbound' or (call.direction == 'outbound' and
                                                 agent.state == 'hold'):
                    # AG-5: back to the state before the click-to-dial
                    state, _sep, reason = (agent.return_state or 'idle').partition('|')
                    agent._cti_set_state(state, reason=reason or None, call=False)
                elif agent.state in ON_CALL_STATES:
                    agent._cti_set_state('wrapup' if call.answer_date else 'idle',
                                         call=call if call.answer_date else False)
                    if call.answer_date:
                        agent._cti_hold_back_calls()

    def _cti_room(self):
        """AG-5: the call's ConfBridge room (digits, for the dialplan pattern _X.)."""
        self.ensure_one()
        return '%06d' % self.id

    def _cti_end_hold(self):
        for call in self.filtered('on_hold'):
            call.write({'on_hold': False, 'hold_time': call.hold_time + _seconds(
                call.hold_date, fields.Datetime.now())})

    def _cti_on_dialend(self, server, event):
        """AG-5, AG-9: the far end of a click-to-dial call answered, was busy or did not
        answer (Dial() on the agent's leg, whose Uniqueid is the call's)."""
        call = self._cti_find(server, event)
        if call and call.direction == 'inbound' and call.state != 'done' and \
                call.agent_id and not call.queue_date and not call.answer_date:
            return call._cti_direct_agent_dialend(event)
        if call and call.direction == 'inbound' and call.state != 'done' and \
                event.get('DialStatus') == 'ANSWER':
            # AG-5: a colleague the call was transferred to answered (hotline-transfer); told
            # by the phone dialled, not by the transferring request, which may not have
            # committed yet. The queue's own Dial() of its member is AgentConnect's.
            colleague = self.env['hotline.cti.agent'].search(
                [('server_id', '=', server.id),
                 ('extension', '=', _interface(event.get('DestChannel')))], limit=1)
            if colleague and colleague != call.agent_id:
                if call.transfer_agent_id != colleague:
                    call.write({'transfer_agent_id': colleague.id})
                colleague._cti_set_state('talking', call=call)
            return call
        if not call or call.direction != 'outbound' or call.state == 'done':
            return call
        status = event.get('DialStatus')
        if not call.agent_channel and event.get('Channel'):
            # AG-5: the Newchannel of the agent's leg came before the click's transaction
            # committed; Dial() runs on that leg, so its events name it too
            call.write({'agent_channel': event['Channel']})
        if status == 'ANSWER':
            call.write({'state': 'talking', 'answer_date': _event_time(event),
                        'disposition': 'answered',
                        'channel': event.get('DestChannel') or call.channel})
        else:
            call.write({'disposition': 'busy' if status == 'BUSY' else 'noanswer'})
        self.env['hotline.cti.agent']._cti_notify_monitor()
        return call

    def _cti_on_dialbegin(self, server, event):
        """AG-5: click-to-dial — the agent's leg (Dial() runs on it) and the far end's.
        AG-10, AG-12: an inbound call the dialplan dials out itself, never queued: a
        blacklisted caller's designated agent rings (with the pop-up), or the number
        dialled (duty / direct number) is noted on the call."""
        call = self._cti_find(server, event)
        if call and call.direction == 'inbound' and call.state != 'done' and \
                not call.queue_date and not call.answer_date:
            return call._cti_direct_dialbegin(server, event)
        if call and call.direction == 'outbound' and call.state != 'done':
            vals = {}
            if not call.agent_channel and event.get('Channel'):
                vals['agent_channel'] = event['Channel']
            if event.get('DestChannel'):
                vals['channel'] = event['DestChannel']
            if vals:
                call.write(vals)
        return call

    def _cti_direct_dialbegin(self, server, event):
        """AG-10, AG-12: the Dial() of the dialplan itself (no queue) on an inbound call."""
        self.ensure_one()
        destination = event.get('DestChannel')
        agent = self.env['hotline.cti.agent'].search(
            [('server_id', '=', server.id), ('extension', '=', _interface(destination))],
            limit=1)
        if not agent:
            number = _dialled_number(event.get('DialString'))
            if number and number != self.forward_number:
                self.write({'forward_number': number})
            return self
        vals = {'state': 'ringing', 'agent_id': agent.id, 'agent_channel': destination}
        if not self.ring_date:
            vals['ring_date'] = _event_time(event)
        self.write(vals)
        agent._cti_set_state('ringing', call=self, notify=False)
        agent._cti_notify('popup', {'call': self._cti_popup_data(),
                                    'received': event.get('_received')})
        agent._cti_notify_monitor()
        return self

    def _cti_direct_agent_dialend(self, event):
        """AG-10, AG-12: the designated agent the dialplan rang answered (talking, answered
        by that seat) or not (the call goes on in the dialplan, the seat is free again)."""
        self.ensure_one()
        agent = self.agent_id
        if event.get('DialStatus') == 'ANSWER':
            answer = _event_time(event)
            self.write({'state': 'talking', 'answer_date': answer, 'disposition': 'answered',
                        'wait_time': _seconds(self.enter_date, answer)})
            agent._cti_set_state('talking', call=self)
        else:
            self.write({'state': 'ivr', 'agent_id': False, 'agent_channel': False})
            if agent.state == 'ringing' and agent.current_call_id == self:
                agent._cti_set_state('idle', call=False)
        agent._cti_notify_monitor()
        return self

    def _cti_held_call(self, server, event):
        call = self._cti_find(server, event)
        if not call:
            call = self.search([('server_id', '=', server.id), ('state', '=', 'talking'),
                                ('channel', '=', event.get('Channel'))], limit=1)
        return call if call and call.state == 'talking' else self.browse()

    def _cti_on_musiconholdstart(self, server, event):
        """AG-5: the citizen hears music on hold — put on hold from Odoo (ConfBridge alone)
        or from the agent's phone (SIP hold). Music while waiting in the queue is not hold."""
        call = self._cti_held_call(server, event)
        if call and not call.on_hold:
            call.write({'on_hold': True, 'hold_date': _event_time(event)})
        agents = self.env['hotline.cti.agent'].search([('current_call_id', 'in', call.ids)])
        if agents:
            agents.filtered(lambda a: a.state != 'hold')._cti_set_state('hold', call=call)
        return call

    def _cti_on_musiconholdstop(self, server, event):
        call = self._cti_held_call(server, event)
        call._cti_end_hold()
        agents = self.env['hotline.cti.agent'].search([('current_call_id', 'in', call.ids),
                                                       ('state', '=', 'hold')])
        if agents:
            agents._cti_set_state('outbound' if call.direction == 'outbound' else 'talking',
                                  call=call)
        return call

    def _cti_on_queuememberadded(self, server, event):
        agent = self._cti_agent(server, event)
        if agent and agent.state == 'logout':
            agent._cti_set_state('paused' if event.get('Paused') == '1' else 'idle',
                                 reason=event.get('PausedReason'))
        return agent

    def _cti_on_queuememberremoved(self, server, event):
        agent = self._cti_agent(server, event)
        if agent and agent.state != 'logout':
            agent._cti_set_state('logout', call=False)
        return agent

    def _cti_on_queuememberpause(self, server, event):
        """AG-2, AG-7: a pause made on the phone or by a supervisor shows in Odoo too."""
        agent = self._cti_agent(server, event)
        if not agent:
            return agent
        if event.get('Paused') == '1':
            if event.get('PausedReason') == ACW_REASON:
                # AG-2: the PBX holds calls back during after-call work until ready
                if agent.state not in ON_CALL_STATES + ('wrapup',):
                    agent._cti_set_state('wrapup')
            else:
                agent._cti_set_state('paused', reason=event.get('PausedReason') or _('Busy'))
        elif agent.state in ('paused', 'wrapup'):
            agent._cti_set_state('idle', call=False)
        return agent

    # ------------------------------------------------------------------ resync
    @api.model
    def _cti_resync(self, server, data):
        """After a (re)connection: calls Odoo still thinks are live but that the PBX no
        longer has are ended as of now; queue members tell each agent's state."""
        server._cti_set_connection('connected')
        live = {c.get('Uniqueid') for c in data.get('channels', [])}
        live |= {e.get('Uniqueid') for e in data.get('queue_status', [])
                 if e.get('Event') == 'QueueEntry'}
        now = fields.Datetime.now()
        stale = self.search([('server_id', '=', server.id), ('state', '!=', 'done')])
        for call in stale:
            if call.uniqueid not in live:
                call._cti_finish(now)
        members = {}
        for entry in data.get('queue_status', []):
            if entry.get('Event') == 'QueueMember':
                members[entry.get('StateInterface') or entry.get('Location') or
                        entry.get('Interface')] = entry
        for agent in self.env['hotline.cti.agent'].search([('server_id', '=', server.id)]):
            member = members.get(agent.extension)
            if not member:
                if agent.state != 'logout':
                    agent._cti_set_state('logout', call=False, notify=False)
            elif member.get('Paused') == '1' and member.get('PausedReason') == ACW_REASON:
                if agent.state != 'wrapup':
                    agent._cti_set_state('wrapup', notify=False)
            elif member.get('Paused') == '1':
                if agent.state != 'paused':
                    agent._cti_set_state('paused', reason=member.get('PausedReason'),
                                         notify=False)
            elif agent.state in ('logout', 'paused') or (
                    agent.state in ON_CALL_STATES and agent.current_call_id.state ==
                    'done'):
                agent._cti_set_state('idle', call=False, notify=False)
        self._cti_resync_talking(server, data.get('channels', []), now)
        self.env['hotline.cti.agent']._cti_notify_monitor()
        return True

    @api.model
    def _cti_resync_talking(self, server, channels, now):
        """AG-1, AG-9: after a (re)connection, an agent whose phone is bridged to a caller
        (CoreShowChannels' BridgeId) is talking on that call — also a call that began while
        no bridge was following the PBX (its record is made now; it ends with the PBX's
        AgentComplete / Hangup as usual)."""
        by_bridge = {}
        for channel in channels:
            if channel.get('BridgeId'):
                by_bridge.setdefault(channel['BridgeId'], []).append(channel)
        agents = self.env['hotline.cti.agent'].search([('server_id', '=', server.id)])
        by_interface = {agent.extension: agent for agent in agents}
        for bridged in by_bridge.values():
            legs = [c for c in bridged if _interface(c.get('Channel')) in by_interface]
            others = [c for c in bridged if c not in legs]
            if len(legs) != 1 or len(others) != 1:
                continue
            agent = by_interface[_interface(legs[0]['Channel'])]
            citizen = others[0]
            if agent.state in ON_CALL_STATES and agent.current_call_id.uniqueid == \
                    citizen.get('Uniqueid'):
                continue
            call = self._cti_find(server, citizen, create=True)
            if not call or call.direction != 'inbound':
                continue
            vals = {'state': 'talking', 'agent_id': agent.id, 'disposition': 'answered',
                    'agent_channel': legs[0]['Channel']}
            if not call.answer_date:
                vals['answer_date'] = now
            call.write(vals)
            call._cti_take_caller(citizen)
            agent._cti_set_state('talking', call=call, notify=False)

    # ------------------------------------------------------------------ caller lookup
    @api.model
    def _cti_lookup(self, number, direction='inbound', line=None, when=None):
        """AG-10: display name, block and routing, queue priority (VIP first) of a caller.
        AG-12: with ``line`` (the number dialled), whether that line is open now and where
        to route the call (queue / direct number when open; voicemail, IVR or the duty
        number when closed)."""
        partner = self._cti_partner(number)
        block = self.env['hotline.blacklist'].hotline_check_number(number, direction) \
            if number else False
        priority = {'vip': 10, 'sensitive': 5}.get(partner.citizen_level, 0) if partner else 0
        is_open, route, target = self.env['hotline.cti.route']._cti_route(line, when)
        block_target = self.env['hotline.blacklist']._cti_agent_target(block['id']) \
            if block and block['routing'] == 'agent' else ''
        return {
            'number': number,
            'name': partner.name or '',
            'partner_id': partner.id or False,
            'blocked': bool(block),
            'block_type': block and block['block_type'] or False,
            'routing': block and block['routing'] or False,
            'priority': priority,
            'line': line or '',
            'open': is_open,
            'route': route,
            'route_target': target,
            'block_target': block_target,
        }

    # ------------------------------------------------------------------ IVR
    @api.model
    def _cti_ivr_lookup(self, digits, password):
        """AG-11: the sentence the IVR says for a request number keyed on the phone
        (12345YYYYMMDDNNNNN) and its password (last four digits of the contact phone)."""
        digits = ''.join(c for c in digits or '' if c.isdigit())
        password = ''.join(c for c in password or '' if c.isdigit())
        ticket = self.env['hotline.ticket']
        if len(digits) == 18 and len(password) == 4:
            name = '%s-%s-%s' % (digits[:5], digits[5:13], digits[13:])
            # sudo: the caller is not a user; the password stands for the access right and
            # only the state is told
            ticket = ticket.sudo().search([('name', '=', name)], limit=1)
            phone = ''.join(c for c in ticket.contact_phone or ticket.caller_number or ''
                            if c.isdigit())
            if not phone.endswith(password):
                ticket = ticket.browse()
        if not ticket:
            return _('No request matches this number and password.')
        states = dict(ticket._fields['state']._description_selection(self.env))
        return _('Request %s: %s.') % (ticket.name, states[ticket.state])

    @api.model
    def _cti_voicemail(self, uniqueid, caller_number):
        """AG-11, AG-12: a voicemail left off-hours or when every agent is busy becomes a
        request to call back, linked to the call (disposition voicemail, recording).
        AG-10, CZ-4: a blacklisted caller's voicemail is kept on the call record and noted
        on the blacklist entry, but makes no call-back request (an empty recordset)."""
        call = self.search([('uniqueid', '=', uniqueid)], limit=1)
        number = ''.join(c for c in caller_number or '' if c.isdigit() or c == '+')
        if not call:
            server = self.env['asterisk.server'].search([('cti_enabled', '=', True)], limit=1)
            call = self._cti_create(server, {'Uniqueid': uniqueid, 'CallerIDNum': number})
        Blacklist = self.env['hotline.blacklist']
        block = Blacklist.hotline_check_number(number, 'inbound') if number else False
        if block:
            call.write({'disposition': 'voicemail', 'state': 'done',
                        'end_date': call.end_date or fields.Datetime.now()})
            Blacklist.browse(block['id'])._cti_note_voicemail(call)
            return self.env['hotline.ticket']
        ticket = self.env['hotline.ticket'].with_context(tracking_disable=True).create({
            'title': _('Voicemail from %s: call back') % (number or _('unknown number')),
            'content': _('The caller left a voicemail outside office hours or while every '
                         'agent was busy. Listen to the recording and call back.'),
            'channel': 'phone',
            'caller_number': number or False,
            'partner_id': call.partner_id.id or False,
            'recording_url': call.recording_url or False,
        })
        call.write({'disposition': 'voicemail', 'state': 'done', 'ticket_id': ticket.id,
                    'end_date': call.end_date or fields.Datetime.now(),
                    'partner_id': call.partner_id.id or ticket.partner_id.id})
        return ticket

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
