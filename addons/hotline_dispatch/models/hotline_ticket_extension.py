# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.hotline_core.tools.workflow import Transition


class HotlineTicketExtension(models.Model):
    """UN-4: a unit's request for more time (申请延期), approved or refused by the office."""
    _name = 'hotline.ticket.extension'
    _inherit = ['hotline.assignment.part.mixin', 'hotline.workflow.mixin']
    _description = 'Extension Request'
    _order = 'create_date desc, id desc'

    user_id = fields.Many2one(
        'res.users', 'Requested By', required=True, default=lambda s: s.env.user)
    reason = fields.Text(required=True)
    old_deadline = fields.Datetime('Current Deadline', readonly=True)
    new_deadline = fields.Datetime('Requested Deadline', required=True)
    state = fields.Selection([
        ('pending', 'To decide'),
        ('approved', 'Approved'),
        ('refused', 'Refused'),
    ], required=True, default='pending', index=True)
    decided_by = fields.Many2one('res.users', readonly=True)
    decision_note = fields.Text('Decision')

    @api.model
    def _get_transitions(self):
        """UN-4: the office decides once."""
        office = 'hotline_core.group_hotline_dispatcher'
        return {
            'approve': Transition(('pending',), 'approved', office, _('Approve')),
            'refuse': Transition(('pending',), 'refused', office, _('Refuse')),
        }

    @api.model
    def _transition_buttons(self):
        return {'action_approve_button': 'approve', 'action_refuse_button': 'refuse'}

    def _check_transition_access(self, action, transition):
        self._check_office()

    def _transition_refusal(self, action, transition):
        return _('This extension request was already decided.')

    def _check_office(self):
        if self.env.uid != SUPERUSER_ID and not self.env.user.has_group(
                'hotline_core.group_hotline_dispatcher'):
            raise AccessError(_('Only the hotline office decides on extension requests.'))

    @api.multi
    def action_approve(self, note=None):
        """UN-4: the office approves; the unit's deadline (and the request's, for the main
        unit) moves to the requested date."""
        self._check_office()
        for ext in self:
            ext.ticket_id._lock_for_update()
            # The office may not write assignments directly: the decision is checked above.
            ext.sudo()._transition('approve', vals={'decided_by': self.env.uid,
                                                    'decision_note': note})
            ext.assignment_id.sudo().write({'date_deadline': ext.new_deadline})
            if ext.assignment_id.role == 'main' and not ext.assignment_id.parent_id:
                ext.ticket_id.write({'date_deadline': ext.new_deadline})
            until = ext.ticket_id._local_time(ext.new_deadline)
            ext.ticket_id._dispatch_log(
                'extension_approved', _('Extension approved until %s') % until,
                opinion=note, unit=ext.unit_id)
            ext.assignment_id._notify_unit(
                _('Request %(ticket)s: your extension until %(until)s was approved.') % {
                    'ticket': ext.ticket_id.name, 'until': until})
        return True

    # The buttons: Odoo 11 calls a button's method with the context as its first argument,
    # which action_approve / action_refuse would take for the decision note (the trail then
    # showed the context's text as the office's opinion).
    @api.multi
    def action_approve_button(self):
        return self.action_approve()

    @api.multi
    def action_refuse_button(self):
        return self.action_refuse()

    @api.multi
    def action_refuse(self, note=None):
        """UN-4: the office refuses; the deadline stays."""
        self._check_office()
        for ext in self:
            ext.ticket_id._lock_for_update()
            ext.sudo()._transition('refuse', vals={'decided_by': self.env.uid,
                                                   'decision_note': note})
            ext.ticket_id._dispatch_log(
                'extension_refused', _('Extension refused'), opinion=note, unit=ext.unit_id)
            ext.assignment_id._notify_unit(
                _('Request %s: your extension request was refused.') % ext.ticket_id.name)
        return True
