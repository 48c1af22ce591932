# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HotlineDispatchWizard(models.TransientModel):
    """DS-1, UN-2, UN-3: choose the main, co- and CC units — the office dispatching, a unit
    forwarding down, or a unit adding units. Calls the same action_* methods as XML-RPC."""
    _name = 'hotline.dispatch.wizard'
    _description = 'Dispatch Request'

    ticket_id = fields.Many2one('hotline.ticket', 'Request', required=True)
    assignment_id = fields.Many2one('hotline.ticket.assignment', 'From Assignment')
    mode = fields.Selection([
        ('dispatch', 'Dispatch'),
        ('forward', 'Forward down'),
        ('add_units', 'Add co-units / copies'),
    ], required=True, default='dispatch')
    default_main_unit_id = fields.Many2one(
        related='ticket_id.default_main_unit_id', readonly=True)
    dispatch_suggestion = fields.Text(related='ticket_id.dispatch_suggestion', readonly=True)
    main_unit_id = fields.Many2one('hotline.unit', 'Main Unit')
    co_unit_ids = fields.Many2many(
        'hotline.unit', 'hotline_dispatch_wizard_co_rel', 'wizard_id', 'unit_id', 'Co-units')
    cc_unit_ids = fields.Many2many(
        'hotline.unit', 'hotline_dispatch_wizard_cc_rel', 'wizard_id', 'unit_id',
        'Copied Units')
    opinion = fields.Text('Instructions')
    date_deadline = fields.Datetime('Deadline')

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        if self.mode == 'dispatch':
            self.ticket_id.action_dispatch(
                self.main_unit_id.id, co_unit_ids=self.co_unit_ids.ids,
                cc_unit_ids=self.cc_unit_ids.ids, opinion=self.opinion,
                deadline=self.date_deadline or None)
        elif self.mode == 'forward':
            self.assignment_id.action_forward(
                self.main_unit_id.id, co_unit_ids=self.co_unit_ids.ids,
                cc_unit_ids=self.cc_unit_ids.ids, opinion=self.opinion,
                deadline=self.date_deadline or None)
        else:
            self.assignment_id.action_add_units(
                co_unit_ids=self.co_unit_ids.ids, cc_unit_ids=self.cc_unit_ids.ids,
                opinion=self.opinion)
        return {'type': 'ir.actions.act_window_close'}
