# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import _, api, models

from odoo.addons.hotline_dispatch.models.hotline_ticket import TO_CALLBACK_STATES
from odoo.addons.hotline_dispatch.models.hotline_ticket_assignment import (
    CANCELLED_STATES,
    DONE_STATES,
    RETURNED_STATES,
)


class HotlineTicket(models.Model):
    _inherit = 'hotline.ticket'

    @api.depends('bureau_id', 'location_id', 'ticket_type', 'portal_self_service')
    def _compute_default_main_unit_id(self):
        return super()._compute_default_main_unit_id()

    def _default_main_unit(self):
        """CH-9: a request the citizen submitted himself (website, app, Open311, WeChat)
        goes by default to the unit configured for its type; otherwise — registered by
        staff or an integrator, or no unit for its type — dispatch's rule."""
        if self.portal_self_service and self.ticket_type:
            unit = self.env['hotline.portal.type.unit']._unit_for(self.ticket_type)
            if unit:
                return unit
        return super()._default_main_unit()

    @api.model
    def _portal_rateable_states(self):
        """CB-2: a request waiting for its callback may be rated by the citizen too."""
        return tuple(super()._portal_rateable_states()) + TO_CALLBACK_STATES

    def _portal_rate(self, rating, comment):
        """CB-2 "callback by phone or web": while the request waits for the office's
        callback, the citizen's own rating is that callback — satisfied or basically
        satisfied closes it, unsatisfied sends it back to the office (a second time:
        special supervision), exactly as the agent's callback would. A request already
        closed keeps the office's callback result; the rating is only recorded beside it."""
        self.ensure_one()
        waiting = self.sudo().state in TO_CALLBACK_STATES
        result = super()._portal_rate(rating, comment)
        if waiting:
            ticket = self.sudo()
            label = dict(self._fields['portal_rating']._description_selection(
                self.env))[rating]
            opinion = _('Rated by the citizen online: %s') % label
            if ticket.portal_rating_comment:
                opinion += '\n' + ticket.portal_rating_comment
            # sudo: the callback is the office's action; here the citizen answers it
            # himself for his own request (access checked by the caller), through the same
            # action_callback as the agent's, so the loop and the KPI count it alike
            ticket.action_callback(rating != 'unsatisfied', opinion)
        return result

    @api.model
    def _portal_unit_statistics(self, date_from, date_to):
        """CH-7: per main unit, over requests dispatched between the two dates (inclusive):
        accepted, closed, closed on time, callbacks and satisfied callbacks — one query."""
        self.env.cr.execute("""
            SELECT u.id, u.name,
                   count(DISTINCT a.ticket_id) AS accepted,
                   count(DISTINCT a.ticket_id) FILTER (WHERE a.state IN %(done)s) AS closed,
                   count(DISTINCT a.ticket_id) FILTER (
                       WHERE a.state IN %(done)s AND NOT COALESCE(a.late, FALSE)) AS on_time,
                   count(DISTINCT s.ticket_id) AS called,
                   count(DISTINCT s.ticket_id) FILTER (
                       WHERE s.action = 'callback_satisfied') AS satisfied
              FROM hotline_ticket_assignment a
              JOIN hotline_unit u ON u.id = a.unit_id
              LEFT JOIN hotline_ticket_step s
                     ON s.ticket_id = a.ticket_id
                    AND s.action IN ('callback_satisfied', 'callback_unsatisfied')
             WHERE a.role = 'main' AND a.parent_id IS NULL
               AND a.state NOT IN %(gone)s
               AND a.create_date >= %(from)s AND a.create_date < %(to)s::date + 1
             GROUP BY u.id, u.name
             ORDER BY accepted DESC, u.name
             LIMIT 50""", {
                'from': date_from, 'to': date_to, 'done': DONE_STATES,
                'gone': CANCELLED_STATES + RETURNED_STATES})
        rows = []
        for unit_id, name, accepted, closed, on_time, called, satisfied in \
                self.env.cr.fetchall():
            rows.append({
                'unit_id': unit_id, 'name': name, 'accepted': accepted, 'closed': closed,
                'on_time_rate': round(100.0 * on_time / closed, 1) if closed else None,
                'satisfaction': round(100.0 * satisfied / called, 1) if called else None,
            })
        return rows
