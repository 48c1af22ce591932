# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import re

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.sms_text import sms_parts

SEPARATORS = re.compile(r'[,;，；、\s]+')


class HotlineSmsCompose(models.TransientModel):
    """SM-1: send one text to one number, several numbers, contacts, recipient groups or the
    citizen of a request; a template fills in the request's data, phrases are inserted."""
    _name = 'hotline.sms.compose'
    _description = 'Send SMS'

    ticket_id = fields.Many2one('hotline.ticket', 'Request')
    numbers = fields.Text(
        'Mobile Numbers', help='One or more numbers, separated by commas, spaces or new lines.')
    partner_ids = fields.Many2many('res.partner', string='Contacts')
    group_ids = fields.Many2many('hotline.sms.group', string='Recipient Groups')
    template_id = fields.Many2one('hotline.sms.template', 'Template')
    phrase_id = fields.Many2one('hotline.sms.phrase', 'Insert Phrase')
    body = fields.Text('Text')
    extension = fields.Char()
    parts_info = fields.Char('Length', compute='_compute_parts_info')

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        ticket = self.env['hotline.ticket'].browse(values.get('ticket_id'))
        if ticket and not values.get('numbers'):
            values['numbers'] = ticket.contact_phone or ticket.caller_number or ''
        return values

    @api.depends('body')
    def _compute_parts_info(self):
        for wizard in self:
            coding, units, parts = sms_parts((wizard.body or '').strip())
            wizard.parts_info = _('%(characters)d characters, %(parts)d SMS') % {
                'characters': units, 'parts': parts}

    @api.onchange('template_id')
    def _onchange_template_id(self):
        if self.template_id:
            self.body = self.template_id.render(ticket=self.ticket_id or None)
            self.extension = self.template_id.extension or self.extension

    @api.onchange('phrase_id')
    def _onchange_phrase_id(self):
        if self.phrase_id:
            self.body = ((self.body or '') + self.phrase_id.body).strip()
            self.phrase_id = False

    @api.multi
    def _rows(self):
        self.ensure_one()
        rows, seen = [], set()

        def add(row):
            # one SMS per number, however it was typed (138 1234 5678 = +8613812345678)
            key = self.env['hotline.sms.message']._sms_check_number(row['number'])[0]
            if key not in seen:
                seen.add(key)
                rows.append(row)
        for number in SEPARATORS.split(self.numbers or ''):
            if number:
                add({'number': number,
                     'partner_id': self.ticket_id.partner_id.id if self.ticket_id else False})
        for partner in self.partner_ids:
            add({'number': partner.mobile or partner.phone or '', 'partner_id': partner.id})
        for row in self.group_ids._recipients():
            add(row)
        return rows

    @api.multi
    def action_send(self):
        """Queue one SMS per recipient and show their log lines (each with its own status
        and, later, its delivery report)."""
        self.ensure_one()
        Sms = self.env['hotline.sms.message']
        if not Sms.check_access_rights('create', raise_exception=False):
            raise AccessError(_('Only the hotline centre (agents, dispatchers, supervisors) '
                                'may send SMS.'))
        rows = self._rows()
        if not rows:
            raise UserError(_('Enter at least one recipient.'))
        body = (self.body or '').strip()
        if not body:
            raise UserError(_('The text message is empty.'))
        coding, parts, error = Sms._sms_check_body(body)
        if error:
            raise UserError(error)
        template = self.template_id or self.env['hotline.sms.template']
        text = template.render(ticket=self.ticket_id or None, text=body)
        kind = 'manual' if len(rows) == 1 else 'group'
        for row in rows:
            row.update({'body': text, 'kind': kind, 'extension': self.extension,
                        'ticket_id': self.ticket_id.id})
        before = Sms.sudo().search([], limit=1, order='id desc').id or 0
        queued = Sms.queue_messages(rows)
        failed = Sms.search([('id', '>', before), ('state', '=', 'failed'),
                             ('create_uid', '=', self.env.uid)])
        if failed:
            self.env.user.notify_warning(_(
                '%(queued)d SMS queued, %(failed)d not sent: %(errors)s') % {
                    'queued': len(queued), 'failed': len(failed),
                    'errors': '; '.join(failed.mapped('error'))})
        else:
            self.env.user.notify_info(_('%d SMS queued.') % len(queued))
        action = self.env.ref('hotline_sms.hotline_sms_message_action').read()[0]
        action['domain'] = [('id', 'in', (queued | failed).ids)]
        action['context'] = {}
        return action
