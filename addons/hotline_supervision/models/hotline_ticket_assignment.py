# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.hotline_dispatch.models.hotline_ticket_assignment import (
    IN_PROGRESS_STATES,
    TO_SIGN_STATES,
)

from .hotline_supervision_card import LEVELS


class HotlineTicketAssignment(models.Model):
    """SV-1, SV-5: the step deadlines of a unit's part (acceptance, reply), who signed for
    it (the handler texted by the scan) and the cards it received."""
    _inherit = 'hotline.ticket.assignment'

    date_sign_deadline = fields.Datetime('Acceptance Deadline', readonly=True)
    date_reply_deadline = fields.Datetime('Reply Deadline', readonly=True)
    signed_by = fields.Many2one('res.users', 'Signed For By', readonly=True)
    card_ids = fields.One2many('hotline.supervision.card', 'assignment_id', 'Cards',
                               readonly=True)
    card_level = fields.Selection(
        LEVELS, 'Highest Card', compute='_compute_card_level', search='_search_card_level')
    time_policy_id = fields.Many2one(
        'hotline.time.policy', 'Time-limit Policy', readonly=True, index=True,
        help='Copied from the request at dispatch: the scan reads assignments only.')
    is_sign_late = fields.Boolean(
        'Accepted Late', compute='_compute_step_late', search='_search_is_sign_late',
        help='SV-5: not signed for, and the acceptance deadline has passed.')
    is_reply_late = fields.Boolean(
        'Reply Late', compute='_compute_step_late', search='_search_is_reply_late',
        help='SV-5: signed for, not reported, and the reply deadline has passed.')

    @api.model
    def create(self, vals):
        """SV-1: units a request is forwarded or added to follow the request's policy."""
        if not vals.get('time_policy_id') and vals.get('ticket_id'):
            policy = self.env['hotline.ticket'].browse(vals['ticket_id']).time_policy_id
            if policy:
                vals = dict(vals, time_policy_id=policy.id)
        return super().create(vals)

    @api.depends('card_ids.level')
    def _compute_card_level(self):
        Card = self.env['hotline.supervision.card']
        for assignment in self:
            assignment.card_level = Card._highest(assignment.sudo().card_ids.mapped('level'))

    def _search_card_level(self, operator, value):
        return [('card_ids.level', operator, value)]

    def _compute_step_late(self):
        now = fields.Datetime.now()
        for assignment in self:
            assignment.is_sign_late = bool(
                assignment.state in TO_SIGN_STATES and assignment.date_sign_deadline
                and assignment.date_sign_deadline < now)
            assignment.is_reply_late = bool(
                assignment.state in IN_PROGRESS_STATES and assignment.date_reply_deadline
                and assignment.date_reply_deadline < now)

    def _late_domain(self, field, states, operator, value):
        domain = ['&', ('state', 'in', states), ('%s' % field, '<', fields.Datetime.now())]
        if (operator in ('=', '==')) == bool(value):
            return domain
        return ['!'] + domain

    def _search_is_sign_late(self, operator, value):
        return self._late_domain('date_sign_deadline', TO_SIGN_STATES, operator, value)

    def _search_is_reply_late(self, operator, value):
        return self._late_domain('date_reply_deadline', IN_PROGRESS_STATES, operator, value)

    @api.multi
    def action_sign(self):
        """SV-1: signing for the request starts the reply limit of the request's policy;
        the signer is the handler the scan texts."""
        res = super().action_sign()
        now = fields.Datetime.now()
        for assignment in self:
            ticket = assignment.ticket_id
            policy = ticket.time_policy_id
            reply = policy._deadline(now, policy.reply_limit) if policy else False
            if reply and assignment.date_deadline and reply > assignment.date_deadline:
                reply = assignment.date_deadline  # never later than the unit's deadline
            # Checked by super(): the user belongs to the unit and the state allowed it.
            assignment.sudo().write({'signed_by': self.env.uid,
                                     'date_reply_deadline': reply})
            if assignment.role == 'main' and not assignment.parent_id:
                ticket.sudo().with_context(hotline_workflow=True).write(
                    {'date_reply_deadline': reply})
        return res
