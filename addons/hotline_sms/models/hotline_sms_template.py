# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

PLACEHOLDER = re.compile(r'\{(\w+)\}')


class HotlineSmsTemplate(models.Model):
    """SM-1: an SMS text with placeholders, filled from a request.

    Placeholders: {request} number, {title}, {citizen}, {deadline}, {unit}, {date},
    {hotline} (service name). Templates with a ``code`` are used by the system
    (``ack``: acknowledgement of an SMS request, ``dispatch``: reminder to the unit).
    """
    _name = 'hotline.sms.template'
    _description = 'SMS Template'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    code = fields.Char(index=True, help='Used by the system for: ack, dispatch.')
    body = fields.Text('Text', required=True, translate=True,
                       help='Placeholders: {request} {title} {citizen} {deadline} {unit} '
                            '{date} {hotline}')
    extension = fields.Char(help='Sub-number appended to the service number.')
    active = fields.Boolean(default=True)

    _sql_constraints = [('code_uniq', 'unique(code)', 'A system template code is used once.')]

    @api.model
    def _placeholders(self):
        return ('request', 'title', 'citizen', 'deadline', 'unit', 'date', 'hotline')

    @api.constrains('body')
    def _check_body(self):
        known = set(self._placeholders())
        for template in self:
            unknown = set(PLACEHOLDER.findall(template.body or '')) - known
            if unknown:
                raise ValidationError(_(
                    'Unknown placeholder(s) %(unknown)s. Use: %(known)s.') % {
                        'unknown': ', '.join('{%s}' % u for u in sorted(unknown)),
                        'known': ' '.join('{%s}' % p for p in self._placeholders())})

    @api.model
    def _values(self, ticket=None, unit=None, deadline=None):
        """The placeholder values for a request (and the unit it goes to)."""
        values = dict.fromkeys(self._placeholders(), '')
        values['hotline'] = self.env['ir.config_parameter'].sudo().get_param(
            'hotline_sms.signature', '12345')
        values['date'] = fields.Date.context_today(self)
        if ticket:
            values.update({
                'request': ticket.name or '', 'title': ticket.title or '',
                'citizen': ticket.contact_name or ticket.partner_id.name or '',
            })
            deadline = deadline or getattr(ticket, 'date_deadline', False)
        if unit:
            values['unit'] = unit.name
        if deadline:
            values['deadline'] = fields.Datetime.context_timestamp(
                self, fields.Datetime.from_string(deadline)).strftime('%Y-%m-%d %H:%M') \
                if len(str(deadline)) > 10 else str(deadline)
        return values

    @api.multi
    def render(self, ticket=None, unit=None, deadline=None, text=None):
        """The text with its placeholders filled in (``text`` instead of the template's)."""
        values = self._values(ticket=ticket, unit=unit, deadline=deadline)
        source = text if text is not None else self.body
        return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), source or '')


class HotlineSmsPhrase(models.Model):
    """SM-1: a common phrase the sender inserts into a message."""
    _name = 'hotline.sms.phrase'
    _description = 'SMS Common Phrase'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    body = fields.Text('Text', required=True, translate=True)
    active = fields.Boolean(default=True)


class HotlineSmsGroup(models.Model):
    """SM-1: a recipient group (e.g. street directors) for sending by group."""
    _name = 'hotline.sms.group'
    _description = 'SMS Recipient Group'
    _order = 'name'

    name = fields.Char(required=True)
    partner_ids = fields.Many2many('res.partner', string='Contacts')
    unit_ids = fields.Many2many('hotline.unit', string='Units',
                                help='The contact phone of each unit receives the message.')
    note = fields.Text()
    active = fields.Boolean(default=True)
    recipient_count = fields.Integer(compute='_compute_recipient_count')

    @api.depends('partner_ids', 'unit_ids')
    def _compute_recipient_count(self):
        for group in self:
            group.recipient_count = len(group._recipients())

    @api.multi
    def _recipients(self):
        """[{'number', 'partner_id', 'unit_id'}] of the group's members, one per number."""
        seen, rows = set(), []
        for group in self:
            for partner in group.partner_ids:
                number = partner.mobile or partner.phone
                if number not in seen:
                    seen.add(number)
                    rows.append({'number': number, 'partner_id': partner.id})
            for unit in group.unit_ids:
                if unit.contact_phone not in seen:
                    seen.add(unit.contact_phone)
                    rows.append({'number': unit.contact_phone, 'unit_id': unit.id})
        return rows
