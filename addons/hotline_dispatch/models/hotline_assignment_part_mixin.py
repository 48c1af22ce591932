# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HotlineAssignmentPartMixin(models.AbstractModel):
    """What a record belonging to one unit's assignment carries — handling entries (UN-2),
    extension requests (UN-4): the assignment, and its request and unit stored for the
    record rules and the lists."""
    _name = 'hotline.assignment.part.mixin'
    _description = 'Part of a Unit Assignment'

    assignment_id = fields.Many2one(
        'hotline.ticket.assignment', 'Assignment', required=True, index=True,
        ondelete='cascade')
    # auto_join: the units' record rule (ticket_id.unit_ids) becomes a join, not a list of
    # the ids of every request the unit can see
    ticket_id = fields.Many2one(
        related='assignment_id.ticket_id', store=True, index=True, readonly=True,
        auto_join=True)
    unit_id = fields.Many2one(related='assignment_id.unit_id', store=True, readonly=True)
