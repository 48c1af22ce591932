# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""AG-2…AG-9, MO-1: what the PBX tells about the calls — the AMI event handlers of
``hotline.cti.call`` (channels, queue, agents, dial, hold, queue members) and the resync after
a (re)connection of the bridge."""
from odoo import _, api, fields, models

from .hotline_cti_agent import ACW_REASON, ON_CALL_STATES, OUTBOUND_PREFIX
from .hotline_cti_call import (
    ODOO_CHANNEL_PREFIX,
    _caller_id,
    _dialled_number,
    _event_time,
    _interface,
    _seconds,
)


class HotlineCtiCallEvents(models.Model):
    """AG-2…AG-9: a call record kept up to date from the PBX's events."""
    _inherit = 'hotline.cti.call'

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
