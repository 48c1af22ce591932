# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.safe_eval import safe_eval

HOTLINE_TZ = 'Asia/Shanghai'


class HotlineDeskQueue(models.Model):
    """UN-5, issue #3 and #16 "each role lands on its own desk": one card of a role's desk.

    A *queue* card shows how many records wait in one work queue (the units' requests to
    sign for, in progress, overdue, returned; the office's to dispatch, to audit, to call
    back; the agent's drafts; the knowledge to approve …) and opens them; a *shortcut* card
    starts a day's task in one click (the agent's "new request from this call"): it calls
    ``hotline_desk_action()`` of its model, and shows ``hotline_desk_note()`` when the model
    has one."""
    _name = 'hotline.desk.queue'
    _description = 'Desk Queue'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection([('queue', 'Queue'), ('action', 'Shortcut')], required=True,
                            default='queue')
    model = fields.Char(required=True, default='hotline.ticket',
                        help='Model of the queue\'s records (or of the shortcut).')
    domain = fields.Char(required=True, default='[]',
                         help='Records in the queue; may use uid (the current user) and '
                              'today_start (the start of the hotline\'s day, in UTC).')
    action_id = fields.Many2one('ir.actions.act_window', 'Action')
    menu_id = fields.Many2one(
        'ir.ui.menu', 'Menu', help='The menu entry that shows this queue\'s counter.')
    group_ids = fields.Many2many(
        'res.groups', 'hotline_desk_queue_group_rel', 'queue_id', 'group_id', 'Shown To')
    warning = fields.Boolean('Highlight', help='Show a non-zero count in red.')
    count = fields.Integer(compute='_compute_count')
    note = fields.Char(compute='_compute_count')

    @api.constrains('model', 'kind', 'action_id')
    def _check_model(self):
        for queue in self:
            if queue.model not in self.env:
                raise UserError(_('The model %s does not exist.') % queue.model)
            if queue.kind == 'queue' and not queue.action_id:
                raise UserError(_('A queue needs an action that lists its records.'))
            if queue.kind == 'action' and not hasattr(
                    self.env[queue.model], 'hotline_desk_action'):
                raise UserError(_('The model %s offers no desk shortcut.') % queue.model)

    def _domain(self):
        local = pytz.timezone(self.env.user.tz or HOTLINE_TZ)
        today = datetime.now(local).date()
        start = local.localize(datetime.combine(today, time.min)).astimezone(pytz.utc)
        return safe_eval(self.domain or '[]', {
            'uid': self.env.uid,
            'today_start': fields.Datetime.to_string(start),
            'week_ago': fields.Datetime.to_string(start - timedelta(days=7)),
        })

    def _compute_count(self):
        # Counted as the user: the record rules decide what each user's queue holds.
        for queue in self:
            Model = self.env[queue.model]
            if queue.kind == 'action':
                queue.count = 0
                queue.note = Model.hotline_desk_note() if hasattr(
                    Model, 'hotline_desk_note') else False
            else:
                queue.count = Model.search_count(queue._domain())
                queue.note = False

    @api.model
    def hotline_menu_counts(self):
        """Issue #3 (desks with counters in the menu): ``{menu_id: [count, warning]}`` of the
        queues the current user may see that have a menu entry; read by the web client every
        minute and on every change of menu."""
        return {queue.menu_id.id: [queue.count, queue.warning]
                for queue in self.search([('menu_id', '!=', False), ('kind', '=', 'queue')])}

    @api.multi
    def action_open(self):
        """The card's one click: the queue's records (titled with the queue's name, in the
        list the queue's menu opens), or the shortcut's task."""
        self.ensure_one()
        if self.kind == 'action':
            return self.env[self.model].hotline_desk_action()
        action = self.action_id.read()[0]
        reader = self.with_context(lang=self.env.context.get('lang') or self.env.user.lang)
        action.update({'name': self.name, 'domain': self._domain(), 'context': {},
                       'display_name': self.name,
                       # an empty queue says so, not "click here to add a new record"
                       'help': reader.env['ir.qweb'].render(
                           'hotline_dispatch.hotline_desk_queue_empty_help').decode()})
        return action
