# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""SM-2, CH-12: receiving — an SMS from a phone, as the gateway passes it on, is logged and
becomes a request or a message on the sender's open request."""
import datetime
import hashlib

from odoo import _, api, fields, models

from odoo.addons.hotline_core.models.hotline_ticket import WAITING_STATES


class HotlineSmsMessageReceive(models.Model):
    """SM-2, CH-12: incoming SMS."""
    _inherit = 'hotline.sms.message'

    # ------------------------------------------------------------------ receiving (SM-2)
    @api.model
    def _receive(self, gateway, sender, receiver, text, ts=None, ref=None):
        """SM-2, CH-12: one SMS from a phone, as the gateway passes it on.

        The message is logged once (a gateway that calls twice for the same SMS creates
        nothing more). From an unknown or known number alike it becomes a request with
        channel ``sms``, linked to the citizen with that mobile, and the sender gets the
        acknowledgement template (code ``ack``) with the request number. A further SMS from
        the same number within ``hotline_sms.inbound_merge_minutes`` minutes, while that
        request has not left the hotline office yet (draft or submitted), is added to it
        instead, without a second acknowledgement.
        Returns the logged message (empty when it was a repeat).
        """
        text = (text or '').strip()
        number, error = self._sms_check_number(sender)
        extension = False
        if receiver and gateway.sender and receiver.startswith(gateway.sender):
            extension = receiver[len(gateway.sender):] or False
        if ref:
            key = 'in:%d:%s' % (gateway.id, ref)
        else:
            key = 'in:%d:%s:%s:%s' % (gateway.id, number, ts or '',
                                      hashlib.sha1(text.encode('utf-8')).hexdigest()[:16])
        partner = self.env['res.partner']
        if not error:
            partner = partner.hotline_find_by_phone(number, limit=1)
        message = self._log_inbound({
            'number': number or (sender or '?'), 'body': text, 'partner_id': partner.id or None,
            'dedupe_key': key, 'extension': extension, 'gateway_id': gateway.id,
            'date': self._gateway_time(ts)})
        if not message:
            return message
        if error or not text:
            message.write({'error': error or _('The text message is empty.')})
            return message
        ticket = self._open_sms_ticket(number)
        if ticket:
            ticket.write({'content': '%s\n%s' % (ticket.content, text)})
            ticket.message_post(body=_('Further SMS from %(number)s: %(text)s') % {
                'number': number, 'text': text}, message_type='comment', subtype='mail.mt_note')
            message.write({'ticket_id': ticket.id})
            return message
        ticket = self.env['hotline.ticket'].with_context(mail_create_nosubscribe=True).create({
            'title': text[:30], 'content': text, 'ticket_type': 'consult', 'channel': 'sms',
            'caller_number': number, 'contact_phone': number,
            'contact_name': partner.name or _('SMS citizen %s') % number[-4:],
            'partner_id': partner.id or False,
        })
        message.write({'ticket_id': ticket.id})
        template = self.env['hotline.sms.template'].search([('code', '=', 'ack')], limit=1)
        if template:
            self.queue_messages([{
                'number': number, 'body': template.render(ticket=ticket),
                'ticket_id': ticket.id, 'partner_id': ticket.partner_id.id, 'kind': 'ack',
                'extension': extension or template.extension, 'gateway_id': gateway.id,
                'dedupe_key': 'ack:%d' % message.id}])
        return message

    @api.model
    def _open_sms_ticket(self, number):
        minutes = self._sms_param('hotline_sms.inbound_merge_minutes', 30)
        since = fields.Datetime.to_string(
            datetime.datetime.utcnow() - datetime.timedelta(minutes=minutes))
        previous = self.search([
            ('direction', '=', 'in'), ('number', '=', number), ('date', '>=', since),
            ('ticket_id', '!=', False), ('ticket_id.state', 'in', WAITING_STATES)],
            order='date desc, id desc', limit=1)
        return previous.ticket_id

    @api.model
    def _gateway_time(self, ts):
        """Kannel's %T is a Unix time; anything else means 'now'."""
        try:
            value = datetime.datetime.utcfromtimestamp(int(ts))
        except (TypeError, ValueError, OverflowError, OSError):
            return fields.Datetime.now()
        now = datetime.datetime.utcnow()
        if abs((now - value).total_seconds()) > 7 * 86400:
            return fields.Datetime.now()
        return fields.Datetime.to_string(value)
