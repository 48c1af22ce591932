# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.hotline_core.models.hotline_ticket import TICKET_TYPES

LIMIT_UNITS = [
    ('workday', 'Working days'),
    ('workhour', 'Working hours'),
]


class HotlineTimePolicy(models.Model):
    """SV-1, SV-3, SV-4, SV-7: the time limits of a kind of request and when its warnings
    and cards are due. The most specific active policy matching a request's type, urgency
    and citizen level applies (then the lowest sequence)."""
    _name = 'hotline.time.policy'
    _description = 'Time-limit Policy'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    # -- which requests
    ticket_type = fields.Selection(
        TICKET_TYPES, 'Request Type', help='Empty: every type.')
    urgency = fields.Selection([
        ('any', 'Any'),
        ('urgent', 'Urgent only'),
        ('normal', 'Not urgent only'),
    ], required=True, default='any')
    citizen_level = fields.Selection([
        ('normal', 'Normal'),
        ('vip', 'VIP'),
        ('sensitive', 'Sensitive'),
    ], help='Empty: every citizen.')
    # -- limits
    limit_unit = fields.Selection(LIMIT_UNITS, 'Counted In', required=True, default='workday')
    total_limit = fields.Float(
        required=True, default=15,
        help='From registration to the answer to the citizen (the request deadline).')
    accept_limit = fields.Float(
        'Acceptance Limit', default=1,
        help='From registration until the unit signs for the request (0: none).')
    reply_limit = fields.Float(
        default=10,
        help='From the unit signing for the request until it reports its reply (0: none).')
    # -- warnings and cards
    prewarning_days = fields.Integer(
        'Pre-warning (working days)', default=1,
        help='Pre-warn the handler this many working days before the deadline, counting the '
             'deadline day (1: on the last working day; 0: no pre-warning).')
    share_warning_percent = fields.Integer(
        'Warning at % of the Limit', default=0,
        help='SV-7: also warn the handler when this share of the time between dispatch and '
             'deadline has passed (0: off).')
    delay_warning_days = fields.Integer(
        'Delay Warning after (days)', default=7,
        help='SV-4: first delay warning this many days after dispatch if the unit has not '
             'finished (0: off).')
    red_overdue_days = fields.Integer(
        'Red Card at (working days overdue)', default=3)
    red_after_yellow_days = fields.Integer(
        'Red Card after Yellow (working days)', default=2,
        help='The red card comes only when the yellow card is at least this old.')
    note = fields.Text()

    @api.constrains('total_limit', 'accept_limit', 'reply_limit', 'share_warning_percent',
                    'prewarning_days', 'delay_warning_days', 'red_overdue_days',
                    'red_after_yellow_days')
    def _check_limits(self):
        for policy in self:
            if policy.total_limit <= 0:
                raise ValidationError(_('Policy "%s": the total limit must be more than 0.')
                                      % policy.name)
            if min(policy.accept_limit, policy.reply_limit, policy.prewarning_days,
                   policy.delay_warning_days, policy.red_after_yellow_days) < 0:
                raise ValidationError(_('Policy "%s": limits and days cannot be negative.')
                                      % policy.name)
            if policy.red_overdue_days < 1:
                raise ValidationError(_('Policy "%s": the red card needs at least 1 working '
                                        'day overdue.') % policy.name)
            if not 0 <= policy.share_warning_percent < 100:
                raise ValidationError(_('Policy "%s": the warning share is a percentage from '
                                        '0 to 99.') % policy.name)

    @api.model
    def _for_ticket(self, ticket):
        """SV-1: the policy of a request: the matching policy with the most criteria set."""
        best, best_key = self.browse(), None
        for policy in self.sudo().search([]):
            if policy.ticket_type and policy.ticket_type != ticket.ticket_type:
                continue
            if policy.urgency == 'urgent' and not ticket.urgent or \
                    policy.urgency == 'normal' and ticket.urgent:
                continue
            level = ticket.partner_id.citizen_level or 'normal'
            if policy.citizen_level and policy.citizen_level != level:
                continue
            specificity = bool(policy.ticket_type) + (policy.urgency != 'any') + \
                bool(policy.citizen_level)
            key = (-specificity, policy.sequence, policy.id)
            if best_key is None or key < best_key:
                best, best_key = policy, key
        return best

    def _deadline(self, start, amount):
        """The deadline ``amount`` (in the policy's unit) after ``start``, or False."""
        self.ensure_one()
        if not amount:
            return False
        return self.env['hotline.calendar.day'].deadline(start, amount, self.limit_unit)
