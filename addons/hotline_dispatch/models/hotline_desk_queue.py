# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools.safe_eval import safe_eval


class HotlineDeskQueue(models.Model):
    """UN-5, issue #3 "each role's desk": one work queue of a role (my unit's requests to
    sign for, in progress, overdue, returned; the office's to review, to audit, to call
    back) with the number of records waiting for the current user."""
    _name = 'hotline.desk.queue'
    _description = 'Desk Queue'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    model = fields.Selection([
        ('hotline.ticket', 'Requests'),
        ('hotline.ticket.assignment', 'Assignments'),
    ], required=True, default='hotline.ticket')
    domain = fields.Char(required=True, default='[]',
                         help='Records in the queue; may use uid (the current user).')
    action_id = fields.Many2one('ir.actions.act_window', 'Action', required=True)
    menu_id = fields.Many2one(
        'ir.ui.menu', 'Menu', help='The menu entry that shows this queue\'s counter.')
    group_ids = fields.Many2many(
        'res.groups', 'hotline_desk_queue_group_rel', 'queue_id', 'group_id', 'Shown To')
    warning = fields.Boolean('Highlight', help='Show a non-zero count in red.')
    count = fields.Integer(compute='_compute_count')

    def _domain(self):
        return safe_eval(self.domain or '[]', {'uid': self.env.uid})

    def _compute_count(self):
        # Counted as the user: the record rules decide what each user's queue holds.
        for queue in self:
            queue.count = self.env[queue.model].search_count(queue._domain())

    @api.model
    def hotline_menu_counts(self):
        """Issue #3 (desks with counters in the menu): ``{menu_id: [count, warning]}`` of the
        queues the current user may see that have a menu entry; read by the web client every
        minute and on every change of menu."""
        return {queue.menu_id.id: [queue.count, queue.warning]
                for queue in self.search([('menu_id', '!=', False)])}

    @api.multi
    def action_open(self):
        self.ensure_one()
        action = self.action_id.read()[0]
        action.update({'name': self.name, 'domain': self._domain(), 'context': {}})
        return action
