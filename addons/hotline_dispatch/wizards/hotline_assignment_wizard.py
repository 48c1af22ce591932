# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..models.hotline_ticket_handling import OUTCOMES


class HotlineAssignmentWizard(models.TransientModel):
    """DS-3, UN-2…UN-4, CB-1…CB-3: the opinion (and details) one step of the loop needs.
    Calls the same action_* methods as the XML-RPC API."""
    _name = 'hotline.assignment.wizard'
    _description = 'Request Step'

    ticket_id = fields.Many2one('hotline.ticket', 'Request', required=True)
    assignment_id = fields.Many2one('hotline.ticket.assignment', 'Assignment')
    action = fields.Selection([
        ('ask_leader', 'Ask the leader for instructions'),
        ('leader_instruct', 'Give leader instructions'),
        ('return_agent', 'Return to the agent'),
        ('office_close', 'Close directly'),
        ('audit_pass', 'Audit: pass'),
        ('audit_fail', 'Audit: fail, back to the unit'),
        ('callback_satisfied', 'Callback: satisfied'),
        ('callback_unsatisfied', 'Callback: unsatisfied'),
        ('rehandle', 'Send back for re-handling'),
        ('urge', 'Urge'),
        ('add_entry', 'Record handling'),
        ('complete', 'Complete'),
        ('return', 'Return'),
        ('send_up', 'Send up to the parent unit'),
        ('request_extension', 'Request an extension'),
        ('leader_opinion', 'Unit leader opinion'),
        ('send_back', 'Send the co-unit opinion back'),
    ], required=True)
    opinion = fields.Text()
    cause = fields.Text()
    solution = fields.Text()
    outcome = fields.Selection(OUTCOMES, default='solved')
    solved = fields.Boolean('Solved at Once', default=True)
    commitment_date = fields.Date()
    reason_id = fields.Many2one('hotline.return.reason', 'Return Reason')
    suggested_unit_id = fields.Many2one('hotline.unit', 'Suggested Unit')
    new_deadline = fields.Datetime('Requested Deadline')

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        ticket, assignment, opinion = self.ticket_id, self.assignment_id, self.opinion
        office = {
            'ask_leader': lambda: ticket.action_ask_leader(opinion),
            'leader_instruct': lambda: ticket.action_leader_instruct(opinion),
            'return_agent': lambda: ticket.action_return_to_agent(opinion),
            'office_close': lambda: ticket.action_office_close(opinion),
            'audit_pass': lambda: ticket.action_audit(True, opinion),
            'audit_fail': lambda: ticket.action_audit(False, opinion),
            'callback_satisfied': lambda: ticket.action_callback(True, opinion),
            'callback_unsatisfied': lambda: ticket.action_callback(False, opinion),
            'rehandle': lambda: ticket.action_rehandle(opinion),
            'urge': lambda: ticket.action_urge(opinion),
        }
        unit = {
            'add_entry': lambda: assignment.action_add_entry(
                self.solution, cause=self.cause, outcome=self.outcome),
            'complete': lambda: assignment.action_complete(
                opinion, solved=self.solved, commitment_date=self.commitment_date or None),
            'return': lambda: assignment.action_return(
                self.reason_id.id, detail=opinion, suggested_unit_id=self.suggested_unit_id.id),
            'send_up': lambda: assignment.action_send_up(opinion),
            'request_extension': lambda: assignment.action_request_extension(
                self.new_deadline, opinion),
            'leader_opinion': lambda: assignment.action_leader_opinion(opinion),
            'send_back': lambda: assignment.action_send_back(opinion),
        }
        (office.get(self.action) or unit[self.action])()
        return {'type': 'ir.actions.act_window_close'}
