# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..tools import kb_text


class HotlineTicket(models.Model):
    """KB-11: agent assist — knowledge suggested for the request being typed, and the record
    of the item that answered it."""
    _inherit = 'hotline.ticket'

    kb_suggestion_ids = fields.Many2many(
        'hotline.kb.item', string='Suggested Knowledge', compute='_compute_kb_suggestion_ids')
    kb_item_id = fields.Many2one(
        'hotline.kb.item', 'Answered With', copy=False,
        help='Choosing a suggested item copies its answer into the reply; saving records '
             'that this knowledge answered the request.')
    kb_usage_ids = fields.One2many('hotline.kb.usage', 'ticket_id', 'Knowledge Used',
                                   readonly=True)
    kb_answered = fields.Boolean(
        'Answered from Knowledge', compute='_compute_kb_answered', store=True)

    @api.depends('title', 'content')
    def _compute_kb_suggestion_ids(self):
        Item = self.env['hotline.kb.item']
        for ticket in self:
            ticket.kb_suggestion_ids = Item.browse(ticket._kb_suggestion_ids_for(
                ticket.title, ticket.content))

    @api.depends('kb_usage_ids')
    def _compute_kb_answered(self):
        for ticket in self:
            ticket.kb_answered = bool(ticket.kb_usage_ids)

    @api.model
    def _kb_suggestion_ids_for(self, title, content, limit=5):
        """KB-11: the best-matching published items for a request's title and content: the
        text is segmented and every distinct word is an alternative, so items matching more
        words come first."""
        words = kb_text.suggestion_words(' '.join(filter(None, [title, content])))
        if not words:
            return []
        query = ' OR '.join(words[:30])
        results = self.env['hotline.kb.item'].kb_search(query, limit=limit * 3)
        # An item is suggested when it shares two of the request's words, or one that is its
        # subject (a word of its title or keywords): a single word met in the body of an
        # item (机动车违章查询 for a noise complaint) is a coincidence, not a suggestion.
        items = self.env['hotline.kb.item'].browse([r['id'] for r in results])
        subject = {item.id: set((item.index_title or '').split()) for item in items}
        results = [r for r in results
                   if r['matched'] >= 2 or subject[r['id']].intersection(words)]
        # items sharing only a word or two with a long request are noise next to the best
        best = results[0]['matched'] if results else 0
        return [r['id'] for r in results if r['matched'] * 2 >= best][:limit]

    @api.onchange('kb_item_id')
    def _onchange_kb_item_id(self):
        """KB-11: one choice copies the answer into the reply."""
        if self.kb_item_id:
            self.reply = kb_text.html_to_text(self.kb_item_id.content)

    def _kb_record_usage(self):
        Usage = self.env['hotline.kb.usage'].sudo()  # the log is written for the agent
        for ticket in self.filtered('kb_item_id'):
            if ticket.kb_item_id not in ticket.kb_usage_ids.mapped('item_id'):
                Usage.create({'item_id': ticket.kb_item_id.id, 'ticket_id': ticket.id,
                              'user_id': self.env.uid})
                ticket.kb_item_id.sudo().usage_count += 1

    @api.model
    def _create_precomputed(self, vals):
        """Issue 19: a new request has no knowledge use yet (recorded after the create)."""
        known = super()._create_precomputed(vals)
        if not vals.get('kb_usage_ids'):
            known['kb_answered'] = False
        return known

    @api.model
    def create(self, vals):
        ticket = super().create(vals)
        ticket._kb_record_usage()
        return ticket

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        if vals.get('kb_item_id'):
            self._kb_record_usage()
        return result

    @api.multi
    def action_kb_use(self, item_id):
        """KB-11: use ``item_id`` to answer this request (button of the assist panel and
        XML-RPC): the reply gets the answer and the use is recorded."""
        item = self.env['hotline.kb.item'].browse(int(item_id))
        item.check_access_rule('read')
        self.write({'kb_item_id': item.id, 'reply': kb_text.html_to_text(item.content)})
        return True
