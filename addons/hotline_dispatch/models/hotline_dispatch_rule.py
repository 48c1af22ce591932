# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime
import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.hotline_core.models.hotline_ticket import TICKET_TYPES


class HotlineDispatchRule(models.Model):
    """DS-4: an auto-dispatch rule — conditions on type, category, location and keywords →
    main, co- and CC units. The best-matching switched-on rule dispatches a submitted
    request without a person; a rule can be tried against past requests first."""
    _name = 'hotline.dispatch.rule'
    _description = 'Auto-dispatch Rule'
    _order = 'sequence, id'

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10, help='Among equally specific rules, the first wins.')
    enabled = fields.Boolean(
        'Switched On', default=False,
        help='Only switched-on rules dispatch; try a rule against past requests first.')
    ticket_type = fields.Selection(TICKET_TYPES, 'Request Type')
    category_ids = fields.Many2many(
        'hotline.category', 'hotline_dispatch_rule_category_rel', 'rule_id', 'category_id',
        'Categories', help='Matches these categories and their sub-categories.')
    location_ids = fields.Many2many(
        'hotline.location', 'hotline_dispatch_rule_location_rel', 'rule_id', 'location_id',
        'Locations', help='Matches these locations and the places inside them.')
    keywords = fields.Char(
        help='Words separated by spaces or commas; the rule matches when the title or the '
             'content contains at least one of them.')
    main_unit_id = fields.Many2one('hotline.unit', 'Main Unit', required=True)
    co_unit_ids = fields.Many2many(
        'hotline.unit', 'hotline_dispatch_rule_co_rel', 'rule_id', 'unit_id', 'Co-units')
    cc_unit_ids = fields.Many2many(
        'hotline.unit', 'hotline_dispatch_rule_cc_rel', 'rule_id', 'unit_id', 'Copied Units')
    opinion = fields.Text('Dispatch Opinion')
    try_days = fields.Integer('Try Over (days)', default=90)
    try_count = fields.Integer('Would Have Matched', readonly=True)
    try_agree = fields.Float(
        'Same Main Unit (%)', readonly=True, digits=(5, 1),
        help='Share of the matched past requests whose main unit was the rule\'s main unit.')
    try_result = fields.Text('Where They Went', readonly=True)

    @api.constrains('name', 'main_unit_id', 'ticket_type', 'category_ids', 'location_ids',
                    'keywords')
    def _check_conditions(self):
        for rule in self:
            if not (rule.ticket_type or rule.category_ids or rule.location_ids
                    or rule._keyword_list()):
                raise ValidationError(_('Rule "%s" needs at least one condition.') % rule.name)

    def _keyword_list(self):
        return [w for w in re.split(r'[\s,，、;；]+', self.keywords or '') if w]

    def _specificity(self):
        return sum(1 for c in (self.ticket_type, self.category_ids, self.location_ids,
                               self._keyword_list()) if c)

    @staticmethod
    def _ancestors(record):
        """The record and its parents (categories and locations are shallow trees)."""
        ids = set()
        while record and record.id not in ids:
            ids.add(record.id)
            record = record.parent_id
        return ids

    def _explain(self, ticket, ancestors=None):
        """The reasons this rule matches the request, or None if it does not.
        ``ancestors``: ``(category ids, location ids)`` of the request and their parents,
        computed once when many rules are tried."""
        self.ensure_one()
        if ancestors is None:
            ancestors = (self._ancestors(ticket.category_id),
                         self._ancestors(ticket.location_id))
        reasons = []
        if self.ticket_type:
            if ticket.ticket_type != self.ticket_type:
                return None
            reasons.append(_('type is %s') % dict(
                ticket._fields['ticket_type']._description_selection(self.env))[
                    ticket.ticket_type])
        if self.category_ids:
            if not ancestors[0].intersection(self.category_ids.ids):
                return None
            reasons.append(_('category %s') % ticket.category_id.display_name)
        if self.location_ids:
            if not ancestors[1].intersection(self.location_ids.ids):
                return None
            reasons.append(_('location %s') % ticket.location_id.display_name)
        words = self._keyword_list()
        if words:
            text = '%s %s' % (ticket.title or '', ticket.content or '')
            found = [w for w in words if w in text]
            if not found:
                return None
            reasons.append(_('keywords %s') % '、'.join(found))
        return reasons

    @api.model
    def _best_rule(self, ticket):
        """DS-4: the most specific switched-on rule matching the request, with its reasons."""
        best, best_reasons = self.browse(), None
        ancestors = (self._ancestors(ticket.category_id), self._ancestors(ticket.location_id))
        for rule in self.search([('enabled', '=', True)]):
            reasons = rule._explain(ticket, ancestors)
            if reasons is None:
                continue
            if not best or rule._specificity() > best._specificity():
                best, best_reasons = rule, reasons
        return best, best_reasons

    def _past_query(self):
        """SQL (set-based) selecting the past requests this rule would have matched."""
        self.ensure_one()
        where, params = ['t.register_date >= %s', 't.main_unit_id IS NOT NULL'], [
            fields.Datetime.to_string(
                datetime.datetime.now() - datetime.timedelta(days=max(self.try_days, 1)))]
        if self.ticket_type:
            where.append('t.ticket_type = %s')
            params.append(self.ticket_type)
        if self.category_ids:
            categories = self.env['hotline.category'].search(
                [('id', 'child_of', self.category_ids.ids)]).ids
            where.append('t.category_id = ANY(%s)')
            params.append(categories)
        if self.location_ids:
            locations = self.env['hotline.location'].search(
                [('id', 'child_of', self.location_ids.ids)]).ids
            where.append('t.location_id = ANY(%s)')
            params.append(locations)
        words = self._keyword_list()
        if words:
            patterns = ['%%%s%%' % w.replace('%', r'\%').replace('_', r'\_') for w in words]
            where.append('(t.title ILIKE ANY(%s) OR t.content ILIKE ANY(%s))')
            params += [patterns, patterns]
        return ' AND '.join(where), params

    @api.multi
    def action_try(self):
        """DS-4: how many past requests the rule would have matched, and where they went."""
        for rule in self:
            where, params = rule._past_query()
            self.env.cr.execute("""
                SELECT t.main_unit_id, count(*) FROM hotline_ticket t
                 WHERE """ + where + """
                 GROUP BY t.main_unit_id ORDER BY count(*) DESC""", params)
            rows = self.env.cr.fetchall()
            total = sum(n for __, n in rows)
            units = {u.id: u.complete_name for u in self.env['hotline.unit'].browse(
                [unit_id for unit_id, __ in rows[:10]])}
            agree = sum(n for unit_id, n in rows if unit_id == rule.main_unit_id.id)
            lines = ['%s: %d' % (units.get(unit_id), n) for unit_id, n in rows[:10]]
            rule.write({
                'try_count': total,
                'try_agree': 100.0 * agree / total if total else 0.0,
                'try_result': '\n'.join(lines) or _('No past request matches.'),
            })
        return True
