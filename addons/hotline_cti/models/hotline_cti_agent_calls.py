# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""AG-5, AG-7, AG-9: what an agent does with a call from the desk — dial, transfer, hold and
retrieve, three-way call, hang up — and what a team leader does with an agent's call (listen,
whisper, barge in, force busy). Each action is an AMI command to the agent's PBX."""
import time

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .hotline_cti_agent import (
    AGENT_CONF_CONTEXT,
    CONF_CONTEXT,
    HELD_AGENT_CONTEXT,
    HOLD_CONTEXT,
    OUTBOUND_PREFIX,
    SPY_OPTIONS,
    TRANSFER_CONTEXT,
)


class HotlineCtiAgentCalls(models.Model):
    """AG-5, AG-7, AG-9: an agent's and a team leader's actions on the seat's call."""
    _inherit = 'hotline.cti.agent'

    @api.multi
    def action_dial(self, number, ticket_id=None, partner_id=None):
        """AG-5, AG-9: click-to-dial — the PBX rings the agent's phone, then dials ``number``.
        The call record (direction outbound) exists from the click on: the Uniqueid of the
        agent's leg is chosen here (Originate ``ChannelId``, Asterisk 13+), so the bridge's
        events land on it; the record is linked to the request / citizen dialled from."""
        self.ensure_one()
        self._check_own_or_leader()
        number = ''.join(c for c in (number or '') if c.isdigit() or c == '+')
        if not number:
            raise UserError(_('There is no number to dial.'))
        # AG-10: numbers blacklisted for outbound calls (or both ways) are not dialled
        # (sudo: agents need not read the blacklist to be stopped by it)
        if self.env['hotline.blacklist'].sudo().hotline_check_number(number, 'outbound'):
            raise UserError(_('Calls to %s are blocked (blacklist).') % number)
        server = self.server_id
        Call = self.env['hotline.cti.call'].sudo()
        ticket = self.env['hotline.ticket'].browse(ticket_id or ()).exists()
        partner = self.env['res.partner'].browse(partner_id or ()).exists() or \
            ticket.partner_id or Call._cti_partner(number)
        uniqueid = '%s%d-%s' % (OUTBOUND_PREFIX, self.id, ('%.6f' % time.time()).replace('.', ''))
        call = Call.create({
            'uniqueid': uniqueid, 'server_id': server.id, 'direction': 'outbound',
            'caller_number': number, 'agent_id': self.id, 'state': 'ringing',
            'enter_date': fields.Datetime.now(), 'partner_id': partner.id or False,
            'ticket_id': ticket.id or False,
            'recording_url': (server.recording_url or '').replace('{uniqueid}', uniqueid)
            or False,
        })
        return_state = self.state if self.state in ('paused', 'wrapup') else 'idle'
        if return_state == 'paused':
            return_state += '|%s' % (self.pause_reason or '')
        # the seat's row first (see action_hold), then the PBX
        self.sudo().write({'return_state': return_state})
        self._cti_set_state('outbound', call=call)
        server._cti_action('Originate', Channel=self.extension, Context=server.context,
                           Exten=number, Priority=str(server.extension_priority or 1),
                           CallerID='%s <%s>' % (self.agent_number, self.agent_number),
                           Timeout=str((server.wait_time or 15) * 1000), Async='true',
                           ChannelId=uniqueid)
        return call.id

    def _current_channel(self):
        call = self.current_call_id
        if not call or not (call.channel or call.agent_channel):
            raise UserError(_('Agent %s is not on a call.') % self.agent_number)
        return call

    @api.multi
    def action_transfer(self, target):
        """AG-5: blind transfer of the caller to an agent number, a queue or an external
        number (Redirect of the caller's channel into the dialplan)."""
        self.ensure_one()
        self._check_own_or_leader()
        call = self._current_channel()
        target = (target or '').strip()
        if not target:
            raise UserError(_('There is no number to transfer to.'))
        server = self.server_id
        # sudo: agents see only their own seat, yet may transfer to any colleague's number
        other = self.sudo().search([('agent_number', '=', target),
                                    ('server_id', '=', server.id)], limit=1)
        if other == self:
            raise UserError(_('The call cannot be transferred to yourself.'))
        if other:
            # AG-5: an agent number is the colleague's phone (the seat's extension), not a
            # number of the outside line; only a colleague who can take a call now is rung
            if other.state != 'idle':
                states = dict(other._fields['state']._description_selection(self.env))
                raise UserError(_('Agent %(agent)s cannot take the call now (%(state)s).') % {
                    'agent': other.agent_number, 'state': states[other.state]})
        # The rows first, the PBX after: the bridge's events about this call wait for this
        # transaction instead of colliding with it (a refusal below rolls all back).
        was_on_hold = call.on_hold
        if was_on_hold:
            call.sudo()._cti_end_hold()
        # AG-2, AG-5: the transferring agent's part of the call is over (the citizen's channel
        # lives on with the colleague or outside): after-call work now, not talk time
        self._cti_set_state('wrapup' if call.answer_date else 'idle',
                            call=call if call.answer_date else False)
        if other:
            # AG-5: the request travels with the call — the receiving agent's popup opens it
            call.sudo().write({'transfer_agent_id': other.id})
            other._cti_notify('popup', {'call': call.sudo()._cti_popup_data(),
                                        'transferred_by': self.agent_number})
            server._cti_action('Setvar', Channel=call.channel,
                               Variable='HOTLINE_TRANSFER_TO', Value=other.extension)
            server._cti_action('Redirect', Channel=call.channel, Context=TRANSFER_CONTEXT,
                               Exten=other.agent_number, Priority='1')
        else:
            server._cti_action('Redirect', Channel=call.channel, Context=server.context,
                               Exten=target, Priority='1')
        if was_on_hold and call.agent_channel:
            # AG-5: transferred from hold — the agent's waiting leg (hotline-held) is ended;
            # out of the queue's bridge Asterisk ends it by itself
            try:
                server._cti_action('Hangup', Channel=call.agent_channel, Cause='16')
            # the leg already gone with the bridge: nothing left to end, swallowing is intended
            except UserError:  # pylint: disable=except-pass
                pass
        return True

    def _cti_legs(self):
        """AG-5: the call in hand with both of its channels (citizen's and agent's)."""
        call = self._current_channel()
        if not call.agent_channel:
            raise UserError(_('The agent\'s own channel of this call is not known yet.'))
        return call

    @api.multi
    def action_hold(self):
        """AG-5 保持: the citizen waits in the call's ConfBridge room with music on hold, the
        agent's leg waits in silence (one Redirect with ExtraChannel, so that neither leg is
        hung up when the queue's bridge breaks)."""
        self.ensure_one()
        self._check_own_or_leader()
        call = self._cti_legs()
        if call.on_hold:
            raise UserError(_('The call is already on hold.'))
        room = call._cti_room()
        # the rows first (see action_transfer): the bridge's MusicOnHoldStart on this call
        # waits for this transaction; were it first, this request would fail and be retried
        # by Odoo — and find the call "already on hold"
        call.sudo().write({'on_hold': True, 'hold_date': fields.Datetime.now()})
        self._cti_set_state('hold', call=call)
        self.server_id._cti_action(
            'Redirect', Channel=call.channel, Context=HOLD_CONTEXT, Exten=room, Priority='1',
            ExtraChannel=call.agent_channel, ExtraContext=HELD_AGENT_CONTEXT, ExtraExten=room,
            ExtraPriority='1')
        return True

    @api.multi
    def action_retrieve(self):
        """AG-5 恢复: the agent's leg joins the citizen in the call's room (the music stops
        when the second member joins)."""
        self.ensure_one()
        self._check_own_or_leader()
        call = self._cti_legs()
        if not call.on_hold:
            raise UserError(_('The call is not on hold.'))
        call.sudo()._cti_end_hold()  # the rows first: see action_hold
        self._cti_set_state('outbound' if call.direction == 'outbound' else 'talking',
                            call=call)
        self.server_id._cti_action('Redirect', Channel=call.agent_channel,
                                   Context=AGENT_CONF_CONTEXT, Exten=call._cti_room(),
                                   Priority='1')
        return True

    @api.multi
    def action_conference(self, number):
        """AG-5 三方通话: the citizen and the agent meet in the call's ConfBridge room (one
        Redirect of both legs, or of the agent's leg when the citizen is on hold) and the
        PBX dials the third party into it (Originate of a Local channel)."""
        self.ensure_one()
        self._check_own_or_leader()
        number = ''.join(c for c in (number or '') if c.isdigit() or c == '+')
        if not number:
            raise UserError(_('There is no number to add to the conference.'))
        call = self._cti_legs()
        room = call._cti_room()
        server = self.server_id
        # the rows first: see action_hold
        was_on_hold = call.on_hold
        numbers = [n for n in (call.conference_number or '').split(',') if n] + [number]
        first = not call.conference_number
        call.sudo().write({'conference_number': ','.join(numbers)})
        if was_on_hold:
            call.sudo()._cti_end_hold()
        self._cti_set_state('outbound' if call.direction == 'outbound' else 'talking',
                            call=call)
        if was_on_hold:
            server._cti_action('Redirect', Channel=call.agent_channel,
                               Context=AGENT_CONF_CONTEXT, Exten=room, Priority='1')
        elif first:
            server._cti_action(
                'Redirect', Channel=call.channel, Context=CONF_CONTEXT, Exten=room,
                Priority='1', ExtraChannel=call.agent_channel, ExtraContext=AGENT_CONF_CONTEXT,
                ExtraExten=room, ExtraPriority='1')
        # ChannelId: the added party's leg is Odoo's own (the bridge records no inbound call
        # for it)
        server._cti_action(
            'Originate', Channel='Local/%s@%s' % (number, server.context),
            Context=CONF_CONTEXT, Exten=room, Priority='1',
            CallerID='%s <%s>' % (self.agent_number, self.agent_number),
            Timeout=str((server.wait_time or 15) * 1000), Async='true',
            ChannelId='hl-conf-%d-%s' % (call.id, ('%.6f' % time.time()).replace('.', '')))
        return True

    @api.multi
    def action_hangup(self):
        """AG-5, AG-7 强拆: end the agent's current call."""
        self._check_own_or_leader()
        for agent in self:
            call = agent._current_channel()
            agent.server_id._cti_action('Hangup', Channel=call.channel or call.agent_channel,
                                        Cause='16')
        return True

    # ------------------------------------------------------------------ supervisor
    @api.multi
    def action_spy(self, mode='listen'):
        """AG-7 监听 / 耳语 / 强插: ring the team leader's own phone and connect it to this
        agent's channel with ChanSpy."""
        self.ensure_one()
        if not self.env.user.has_group('hotline_core.group_hotline_team_leader'):
            raise AccessError(_('Only team leaders can listen to agents.'))
        leader = self.search([('user_id', '=', self.env.uid)], limit=1)
        if not leader:
            raise UserError(_('You have no agent seat (extension) to listen from.'))
        self.server_id._cti_action(
            'Originate', Channel=leader.extension, Application='ChanSpy',
            Data='%s,%s' % (self.extension, SPY_OPTIONS[mode]),
            CallerID='%s <%s>' % (_('Monitor'), self.agent_number), Async='true',
            ChannelId='hl-spy-%d-%s' % (leader.id, ('%.6f' % time.time()).replace('.', '')))
        return True

    @api.multi
    def action_listen(self):
        return self.action_spy('listen')

    @api.multi
    def action_whisper(self):
        return self.action_spy('whisper')

    @api.multi
    def action_barge(self):
        return self.action_spy('barge')

    @api.multi
    def action_force_busy(self):
        """AG-7 示忙."""
        return self.action_pause(_('Set busy by the team leader'))
