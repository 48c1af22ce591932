# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""AG-10…AG-12: what the dialplan asks Odoo about a call (AGI) — who is calling and where
to route the call, the IVR's answer about a request, and the voicemail that becomes a request
to call back."""
from odoo import _, api, fields, models


class HotlineCtiCallDialplan(models.Model):
    """AG-10…AG-12: the dialplan's questions about a call."""
    _inherit = 'hotline.cti.call'

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
        return _('Request %(name)s: %(state)s.') % {
            'name': ticket.name, 'state': states[ticket.state]}

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
