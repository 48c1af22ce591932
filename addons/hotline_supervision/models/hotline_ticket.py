# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.hotline_dispatch.models.hotline_ticket_assignment import TO_SIGN_STATES

from .hotline_supervision_card import LEVELS


class HotlineTicket(models.Model):
    """SV-1…SV-7, TK-8: deadlines from the time-limit policies, cards on the request, and
    the supervision marks staff set."""
    _inherit = 'hotline.ticket'

    time_policy_id = fields.Many2one(
        'hotline.time.policy', 'Time-limit Policy', readonly=True, copy=False, index=True,
        track_visibility='onchange')
    date_sign_deadline = fields.Datetime(
        'Acceptance Deadline', readonly=True, copy=False,
        help='SV-1: the main unit must sign for the request by then (from registration).')
    date_reply_deadline = fields.Datetime(
        'Reply Deadline', readonly=True, copy=False,
        help='SV-1: the main unit must report its reply by then (from signing for it).')
    card_ids = fields.One2many('hotline.supervision.card', 'ticket_id', 'Cards', readonly=True)
    card_level = fields.Selection(
        LEVELS, 'Highest Card', compute='_compute_card_level', search='_search_card_level',
        help='The most serious warning or card the request received.')
    supervision_note = fields.Text(
        readonly=True, copy=False,
        help='Why staff marked the reply perfunctory or wrong (TK-8).')
    is_repeat = fields.Boolean(
        'Repeated Request', compute='_compute_is_repeat', search='_search_is_repeat',
        help='SV-5: the same contact phone registered another request of the same category '
             'within the duplicate-screening window.')

    _SUPERVISION_FIELDS = {'time_policy_id', 'date_sign_deadline', 'date_reply_deadline',
                           'supervision_state', 'supervision_note'}

    @api.depends('card_ids.level')
    def _compute_card_level(self):
        Card = self.env['hotline.supervision.card']
        for ticket in self:
            ticket.card_level = Card._highest(ticket.sudo().card_ids.mapped('level'))

    def _search_card_level(self, operator, value):
        """'Has a card of this level' (the list filters)."""
        return [('card_ids.level', operator, value)]

    @api.multi
    def write(self, vals):
        """TK-8, SV-1: deadlines, cards and the supervision marks change only through the
        actions below and the scan (not by editing the request)."""
        if (self.env.uid != SUPERUSER_ID and not self.env.context.get('hotline_workflow')
                and self._SUPERVISION_FIELDS.intersection(vals)
                and not self.env.user.has_group('hotline_core.group_hotline_admin')):
            raise AccessError(_('Deadlines, cards and supervision marks change only through '
                                'their actions.'))
        return super().write(vals)

    # ------------------------------------------------------------------ SV-1 dispatch
    @api.multi
    def action_dispatch(self, main_unit_id, co_unit_ids=None, cc_unit_ids=None,
                        opinion=None, deadline=None):
        """SV-1: without an explicit ``deadline``, each request gets its deadline from its
        time-limit policy (total limit from registration; from now when dispatched again),
        and the units their acceptance deadline; without a matching policy, the dispatch
        module's default applies."""
        if deadline:
            return super().action_dispatch(
                main_unit_id, co_unit_ids=co_unit_ids, cc_unit_ids=cc_unit_ids,
                opinion=opinion, deadline=deadline)
        Policy = self.env['hotline.time.policy']
        now = fields.Datetime.now()
        for ticket in self:
            policy = Policy._for_ticket(ticket)
            if not policy:
                super(HotlineTicket, ticket).action_dispatch(
                    main_unit_id, co_unit_ids=co_unit_ids, cc_unit_ids=cc_unit_ids,
                    opinion=opinion)
                continue
            start = ticket.register_date if not ticket.dispatch_count else now
            total = policy._deadline(start, policy.total_limit)
            sign = policy._deadline(start, policy.accept_limit)
            super(HotlineTicket, ticket).action_dispatch(
                main_unit_id, co_unit_ids=co_unit_ids, cc_unit_ids=cc_unit_ids,
                opinion=opinion, deadline=total)
            ticket.with_context(hotline_workflow=True).write({
                'time_policy_id': policy.id,
                'date_sign_deadline': sign,
                'date_reply_deadline': False,
            })
            # Written by the checked dispatch above; users only read assignments.
            ticket.assignment_ids.sudo().filtered(lambda a: a.state in TO_SIGN_STATES).write(
                {'date_sign_deadline': sign, 'time_policy_id': policy.id})
        return True

    # ------------------------------------------------------------------ TK-8
    def _check_supervisor(self):
        user = self.env.user
        if self.env.uid != SUPERUSER_ID and not (
                user.has_group('hotline_core.group_hotline_supervisor')
                or user.has_group('hotline_core.group_hotline_dispatcher')):
            raise AccessError(_('Only supervisors and the hotline office can mark replies.'))

    @api.multi
    def action_mark_supervision(self, state, note=None):
        """TK-8: staff mark the reply perfunctory (敷衍答复) or wrong (错误答复), or set the
        request back to normal; the mark and its reason go on the trail."""
        self._check_supervisor()
        if state not in ('perfunctory', 'wrong', 'normal'):
            raise UserError(_('A reply can be marked perfunctory, wrong or normal only.'))
        if state != 'normal' and not (note or '').strip():
            raise UserError(_('Say what is wrong with the reply.'))
        labels = dict(self._fields['supervision_state']._description_selection(self.env))
        for ticket in self:
            if ticket.process_state == 'unprocessed' and state != 'normal':
                raise UserError(_('Request %s has no reply yet to mark.') % ticket.name)
            ticket.with_context(hotline_workflow=True).write(
                {'supervision_state': state, 'supervision_note': note or False})
            ticket._dispatch_log('supervision_mark', _('Supervision: %s') % labels[state],
                                 opinion=note)
        return True

    @api.multi
    def action_open_mark_wizard(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'name': _('Mark the Reply'),
            'res_model': 'hotline.supervision.mark',
            'view_mode': 'form',
            'target': 'new',
            'context': {'default_ticket_id': self.id},
        }

    @api.model
    def _chatter_actions(self):
        return super()._chatter_actions() | {'supervision_mark'}

    # ------------------------------------------------------------------ SV-5 repeats
    def _compute_is_repeat(self):
        repeats = set(self.search([('id', 'in', self.ids), ('is_repeat', '=', True)]).ids) \
            if self.ids else set()
        for ticket in self:
            ticket.is_repeat = ticket.id in repeats

    def _search_is_repeat(self, operator, value):
        """SV-5: requests from a phone that registered another request of the same
        category within the duplicate window (registered in the last 90 days)."""
        window = self._duplicate_window_days()
        since = fields.Datetime.to_string(datetime.datetime.now() - datetime.timedelta(days=90))
        self._cr.execute("""
            SELECT DISTINCT t.id FROM hotline_ticket t
              JOIN hotline_ticket o
                ON o.contact_phone = t.contact_phone AND o.id != t.id
               AND o.category_id = t.category_id
               AND o.register_date BETWEEN t.register_date - %s * interval '1 day'
                                       AND t.register_date + %s * interval '1 day'
             WHERE t.register_date >= %s AND t.contact_phone IS NOT NULL
             LIMIT 10000""", [window, window, since])
        ids = [row[0] for row in self._cr.fetchall()]
        positive = (operator in ('=', '==')) == bool(value)
        return [('id', 'in' if positive else 'not in', ids)]
