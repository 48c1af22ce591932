# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.hotline_core.tools.workflow import Transition

from ..tools import kb_text

_logger = logging.getLogger(__name__)

STATES = [
    ('draft', 'Draft'),
    ('pending', 'Pending Approval'),
    ('published', 'Published'),
    ('paused', 'Paused'),
    ('archived', 'Archived'),
    ('recycle', 'Recycle Bin'),
]
# Fields whose change on a published item needs approval again (KB-3).
CONTENT_FIELDS = {'name', 'keywords', 'content', 'date_from', 'date_to', 'visibility',
                  'attachment_ids', 'directory_id'}


class HotlineKbItem(models.Model):
    """KB-2…KB-4, KB-6, KB-7, KB-9: a piece of knowledge agents answer citizens with."""
    _name = 'hotline.kb.item'
    _description = 'Knowledge Item'
    _inherit = ['mail.thread', 'hotline.workflow.mixin']
    _order = 'write_date desc, id desc'

    name = fields.Char('Title', required=True, track_visibility='onchange')
    keywords = fields.Char(track_visibility='onchange',
                           help='Words citizens and agents use for this subject.')
    content = fields.Html(sanitize=True)
    directory_id = fields.Many2one(
        'hotline.kb.directory', 'Directory', required=True, index=True, ondelete='restrict',
        track_visibility='onchange')
    date_from = fields.Date('Valid From', track_visibility='onchange')
    date_to = fields.Date('Valid To', index=True, track_visibility='onchange',
                          help='After this day the item no longer appears in search.')
    visibility = fields.Selection(
        [('internal', 'Internal'), ('external', 'External')], default='internal',
        required=True, track_visibility='onchange',
        help='External items may be shown to citizens and to third-party systems.')
    attachment_ids = fields.Many2many(
        'ir.attachment', 'hotline_kb_item_attachment_rel', 'item_id', 'attachment_id',
        'Attachments')
    state = fields.Selection(
        STATES, default='draft', required=True, index=True, copy=False,
        track_visibility='onchange')
    state_before_recycle = fields.Selection(STATES, copy=False, readonly=True)
    approver_id = fields.Many2one('res.users', 'Approved By', readonly=True, copy=False)
    date_published = fields.Datetime('Published On', readonly=True, copy=False, index=True)
    view_count = fields.Integer('Views', default=0, readonly=True, copy=False, index=True)
    favorite_user_ids = fields.Many2many(
        'res.users', 'hotline_kb_item_favorite_rel', 'item_id', 'user_id', 'Favourite Of',
        copy=False)
    is_favorite = fields.Boolean(
        'Favourite', compute='_compute_is_favorite', search='_search_is_favorite')
    usage_count = fields.Integer('Answers Given', default=0, readonly=True, copy=False)
    # KB-6: text extracted from the attachments, and everything segmented for the index
    attachment_text = fields.Text(
        compute='_compute_attachment_text', store=True)
    index_text = fields.Text('Indexed Text', compute='_compute_index_text', store=True)
    index_title = fields.Text('Indexed Title', compute='_compute_index_text', store=True)
    is_valid = fields.Boolean(
        'In Validity Period', compute='_compute_is_valid', search='_search_is_valid')
    # KB-8: pinyin of the title and keywords (full and initials), for every search box
    pinyin_full = fields.Char('Pinyin', compute='_compute_pinyin', store=True)
    pinyin_initials = fields.Char(compute='_compute_pinyin', store=True)
    search_text = fields.Char(
        'Title, Text or Pinyin', compute='_compute_search_text', search='_search_search_text',
        help='The search of the knowledge search page: words of the title, keywords, '
             'content and attachments, or the pinyin (full or initials) of title and keywords.')

    def init(self):
        """KB-6, KB-7: a tsvector over the jieba-segmented text, maintained by PostgreSQL,
        with a GIN index (the 'simple' configuration keeps Chinese words as they are); words
        of the title and keywords weigh most in the rank."""
        cr = self.env.cr
        cr.execute("""SELECT generation_expression FROM information_schema.columns
                       WHERE table_name = 'hotline_kb_item' AND column_name = 'index_tsv'""")
        row = cr.fetchone()
        if row and 'setweight' not in (row[0] or ''):
            cr.execute('ALTER TABLE hotline_kb_item DROP COLUMN index_tsv')
            row = None
        if not row:
            cr.execute("""ALTER TABLE hotline_kb_item ADD COLUMN index_tsv tsvector
                          GENERATED ALWAYS AS (
                              setweight(to_tsvector('simple', COALESCE(index_title, '')), 'A')
                              || to_tsvector('simple', COALESCE(index_text, ''))) STORED""")
        cr.execute("""CREATE INDEX IF NOT EXISTS hotline_kb_item_index_tsv_idx
                      ON hotline_kb_item USING GIN (index_tsv)""")

    # ------------------------------------------------------------------ computes
    @api.depends('favorite_user_ids')
    def _compute_is_favorite(self):
        for item in self:
            item.is_favorite = self.env.user in item.favorite_user_ids

    def _search_is_favorite(self, operator, value):
        positive = (operator == '=') == bool(value)
        return [('favorite_user_ids', 'in' if positive else 'not in', self.env.uid)]

    @api.depends('attachment_ids', 'attachment_ids.index_content')
    def _compute_attachment_text(self):
        for item in self:
            item.attachment_text = '\n'.join(
                item.sudo().attachment_ids.filtered('index_content').mapped('index_content'))

    @api.depends('name', 'keywords', 'content', 'attachment_text')
    def _compute_index_text(self):
        for item in self:
            text = '\n'.join(filter(None, [
                item.name, item.keywords, kb_text.html_to_text(item.content),
                item.attachment_text]))
            item.index_text = kb_text.segment(text)
            title = ' '.join(filter(None, [item.name, item.keywords]))
            item.index_title = kb_text.segment(title)

    @api.depends('name', 'keywords')
    def _compute_pinyin(self):
        for item in self:
            item.pinyin_full, item.pinyin_initials = kb_text.pinyin_of_phrases(
                item.name, item.keywords)

    def _compute_search_text(self):
        for item in self:
            item.search_text = False

    def _search_search_text(self, operator, value):
        """KB-7, KB-8: the back end's search box finds what the search page finds (the same
        match, _kb_match_clause), in every state the list shows."""
        if operator not in ('ilike', 'like', '=', '=like', '=ilike') or not value:
            return [('name', operator, value)]
        clause, params, __ = self._kb_match_clause(value)
        self.env.cr.execute('SELECT id FROM hotline_kb_item WHERE %s' % clause, params)
        return [('id', 'in', [row[0] for row in self.env.cr.fetchall()])]

    @api.model
    def _name_search(self, name='', args=None, operator='ilike', limit=100, name_get_uid=None):
        """KB-8: an item is found by its title, or by the pinyin of title and keywords (full
        or initials), wherever it is picked (the request form's 'Answered With' …)."""
        args = list(args or [])
        key = kb_text.pinyin_key(name) if operator in ('ilike', 'like') else ''
        if key:
            args = ['|', '|', ('name', operator, name), ('pinyin_full', 'like', key),
                    ('pinyin_initials', 'like', key)] + args
            ids = self._search(args, limit=limit, access_rights_uid=name_get_uid)
            return self.browse(ids).sudo(name_get_uid or self.env.uid).name_get()
        return super()._name_search(name, args=args, operator=operator, limit=limit,
                                    name_get_uid=name_get_uid)

    @api.depends('date_from', 'date_to')
    def _compute_is_valid(self):
        today = fields.Date.context_today(self)
        for item in self:
            item.is_valid = ((not item.date_from or item.date_from <= today)
                             and (not item.date_to or item.date_to >= today))

    def _search_is_valid(self, operator, value):
        today = fields.Date.context_today(self)
        domain = ['&', '|', ('date_from', '=', False), ('date_from', '<=', today),
                  '|', ('date_to', '=', False), ('date_to', '>=', today)]
        if (operator == '=') != bool(value):
            domain = ['|', ('date_from', '>', today), ('date_to', '<', today)]
        return domain

    # ------------------------------------------------------------------ rights helpers
    def _can(self, perm):
        return all(item.directory_id._user_has(perm) for item in self)

    def _check_can(self, perm):
        if not self._can(perm):
            if perm == 'approve':
                raise AccessError(_('Only an approver of the directory may do this.'))
            raise AccessError(_('You may not edit the knowledge of this directory.'))

    @api.model
    def create(self, vals):
        item = super().create(vals)
        item._check_can('edit')
        item.attachment_ids.sudo().filtered(lambda a: not a.res_id).write(
            {'res_model': self._name, 'res_id': item.id})
        return item

    @api.multi
    def write(self, vals):
        """KB-3: when someone who is not an approver changes a published item, it waits for
        approval again."""
        if 'state' in vals and not self.env.context.get('hotline_kb_no_review') \
                and not self._can('approve'):
            raise AccessError(_('Use the buttons (submit, publish, …) to change the state '
                                'of knowledge; publishing needs an approver.'))
        if CONTENT_FIELDS & set(vals) and 'state' not in vals \
                and not self.env.context.get('hotline_kb_no_review'):
            for item in self.filtered(lambda i: i.state == 'published'):
                if not item._can('approve'):
                    item._transition('review_again')
        old_contents = {item.id: item.content for item in self} if 'content' in vals else {}
        result = super().write(vals)
        for item in self.filtered(lambda i: i.id in old_contents
                                  and old_contents[i.id] != i.content):
            # KB-2: edit history of the content (the chatter keeps the previous version)
            item.sudo().message_post(body=_('Content changed. Previous content:') + (
                old_contents[item.id] or ''), subtype='mail.mt_note')
        if 'attachment_ids' in vals:
            for item in self:
                item.attachment_ids.sudo().filtered(lambda a: not a.res_id).write(
                    {'res_model': self._name, 'res_id': item.id})
        return result

    @api.multi
    def unlink(self):
        """KB-4: only knowledge-base administrators delete for good, from the recycle bin."""
        if not (self.env.user.has_group('hotline_core.group_hotline_kb_admin')
                or self.env.user._is_superuser()):
            raise AccessError(_('Only knowledge-base administrators may delete knowledge '
                                'for good; move it to the recycle bin instead.'))
        if any(item.state != 'recycle' for item in self):
            raise UserError(_('Move the knowledge to the recycle bin before deleting it.'))
        return super().unlink()

    # ------------------------------------------------------------------ state machine
    @api.model
    def _get_transitions(self):
        """KB-3, KB-4: action → ``Transition``, whose ``group`` is the right needed on the
        directory ('edit' or 'approve')."""
        return {
            'submit': Transition(('draft',), 'pending', 'edit', _('Submit for Approval')),
            'approve': Transition(('pending',), 'published', 'approve', _('Approve')),
            'reject': Transition(('pending',), 'draft', 'approve', _('Reject')),
            'publish': Transition(('draft', 'paused', 'archived'), 'published', 'approve',
                                  _('Publish')),
            'pause': Transition(('published',), 'paused', 'approve', _('Pause')),
            'archive': Transition(('published', 'paused', 'draft'), 'archived', 'approve',
                                  _('Archive')),
            'recycle': Transition(('draft', 'pending', 'published', 'paused', 'archived'),
                                  'recycle', 'edit', _('Move to Recycle Bin')),
            # back to the state before the recycle bin (_transition_target)
            'restore': Transition(('recycle',), None, 'edit', _('Restore')),
            # KB-3: the content of a published item changed by someone who may not approve
            # it (the write checks the rights to change it)
            'review_again': Transition(('published',), 'pending', None,
                                       _('Changed: to approve again')),
            # KB-9: an imported item gets the state it had where it was exported (``vals``),
            # when the importer may approve in the directory (checked by the import)
            'load': Transition(('draft',), None, None, _('Imported')),
        }

    @api.model
    def _transition_buttons(self):
        return {'action_%s' % action: action for action in self._get_transitions()
                if action not in ('review_again', 'load')}

    def _check_transition_access(self, action, transition):
        if transition.group:
            self._check_can(transition.group)

    def _transition_refusal(self, action, transition):
        return _('"%(name)s" is %(state)s: this action is not possible now.') % {
            'name': self.name, 'state': self._state_label()}

    def _transition_target(self, action, transition, vals):
        if action == 'restore':
            state = self.state_before_recycle or 'draft'
            if state == 'published' and not self._can('approve'):
                state = 'pending'
            return state
        return super()._transition_target(action, transition, vals)

    def _transition_values(self, action, transition, values):
        if action == 'recycle':
            values['state_before_recycle'] = self.state
        elif action == 'restore':
            values['state_before_recycle'] = False
        if values['state'] == 'published' and action != 'load':
            values.update(approver_id=self.env.uid, date_published=fields.Datetime.now())
        return values

    def _transition_context(self):
        return {'hotline_kb_no_review': True}

    @api.multi
    def action_submit(self):
        """KB-3: send the item to the directory's approvers."""
        return self._transition('submit')

    @api.multi
    def action_approve(self):
        return self._transition('approve')

    @api.multi
    def action_reject(self):
        return self._transition('reject')

    @api.multi
    def action_publish(self):
        """KB-3: approvers publish directly."""
        return self._transition('publish')

    @api.multi
    def action_pause(self):
        return self._transition('pause')

    @api.multi
    def action_archive(self):
        return self._transition('archive')

    @api.multi
    def action_recycle(self):
        return self._transition('recycle')

    @api.multi
    def action_restore(self):
        """KB-4: back to the state it had before it went to the recycle bin."""
        return self._transition('restore')

    @api.multi
    def action_toggle_favorite(self):
        """KB-9: personal favourites (any reader may mark them)."""
        for item in self:
            # a reader has no write right on the item; the favourite is their own data
            item.sudo().write({'favorite_user_ids': [
                (3 if self.env.user in item.favorite_user_ids else 4, self.env.uid)]})
        return True

    @api.multi
    def action_register_view(self):
        """KB-9: count a view (readers have no write right, hence SQL on the counter)."""
        self.check_access_rule('read')
        if self.ids:
            self.env.cr.execute(
                'UPDATE hotline_kb_item SET view_count = COALESCE(view_count, 0) + 1 '
                'WHERE id IN %s',
                [tuple(self.ids)])
            self.invalidate_cache(['view_count'], self.ids)
        return True

    # ------------------------------------------------------------------ expiry
    @api.model
    def _cron_expire(self):
        """KB-2: archive every published item whose validity ended, in one statement."""
        self.env.cr.execute(
            """UPDATE hotline_kb_item SET state = 'archived', write_date = now() at time zone 'UTC'
                WHERE state = 'published' AND date_to < %s""",
            [fields.Date.context_today(self)])
        count = self.env.cr.rowcount
        self.invalidate_cache(['state'])
        _logger.info('knowledge base: %d expired items archived', count)
        return count

    # ------------------------------------------------------------------ search
    @api.model
    def _searchable_domain(self, directory_id=None, visibility=None):
        domain = [('state', '=', 'published'), ('is_valid', '=', True)]
        if directory_id:
            domain.append(('directory_id', 'child_of', int(directory_id)))
        if visibility:
            domain.append(('visibility', '=', visibility))
        return domain

    @api.model
    def kb_search_count(self, query, directory_id=None, visibility=None):
        """KB-6: how many items ``kb_search`` finds in all for ``query`` (its results are
        one page of them), with the same rules and the same match: published, valid,
        readable by the user."""
        domain = self._searchable_domain(directory_id, visibility)
        wquery = self._where_calc(domain)
        self._apply_ir_rules(wquery, 'read')
        from_clause, where_clause, params = wquery.get_sql()
        sql = 'SELECT count(*) FROM %s WHERE %s' % (from_clause, where_clause or 'TRUE')
        if kb_text.parse_query(query):
            match_clause, match_params, _alt = self._kb_match_clause(query)
            sql += ' AND ' + match_clause
            params = params + match_params
        self.env.cr.execute(sql, params)
        return self.env.cr.fetchone()[0]

    @api.model
    def _kb_match_clause(self, query, table='"hotline_kb_item"'):
        """KB-7, KB-8: the one text match of every knowledge search (search page, public
        search, back-end list, agent assist): (SQL condition on ``table``, its parameters,
        the tsquery texts of the query's alternatives). A query of letters only also matches
        the pinyin (full or initials) of title and keywords."""
        alt_params = []
        for terms in kb_text.parse_query(query):
            tokens = [t for term in terms for t in kb_text.query_tokens(term)]
            alt_params.append(' '.join(tokens) or ' '.join(terms))
        clauses, params = [], []
        if alt_params:
            clauses.append('%s.index_tsv @@ (%s)' % (table, ' || '.join(
                "(plainto_tsquery('simple', %s))" for __ in alt_params)))
            params += alt_params
        key = kb_text.pinyin_key(query)
        if key:
            clauses.append('%s.pinyin_full LIKE %%s OR %s.pinyin_initials LIKE %%s' % (
                table, table))
            params += ['%%%s%%' % key] * 2
        return '(%s)' % (' OR '.join(clauses) or 'FALSE'), params, alt_params

    @api.model
    def kb_search(self, query, directory_id=None, order='relevance', limit=20, offset=0,
                  visibility=None):
        """KB-6, KB-7, KB-9: published, valid items the current user may read that match
        ``query``; each result is a dict with id, name, directory, views, matched (number of
        alternatives matched) and an HTML snippet with the terms in <mark>.

        ``order``: 'relevance' (terms matched, then text rank), 'views' or 'latest'."""
        alternatives = kb_text.parse_query(query)
        domain = self._searchable_domain(directory_id, visibility)
        wquery = self._where_calc(domain)
        self._apply_ir_rules(wquery, 'read')
        from_clause, where_clause, where_params = wquery.get_sql()
        orders = {
            'relevance': 'matched DESC, rank DESC, c.view_count DESC',
            'views': 'c.view_count DESC, matched DESC, rank DESC',
            'latest': 'c.date_published DESC NULLS LAST',
        }
        order = order if order in orders else 'relevance'
        match_clause, match_params, alt_params = self._kb_match_clause(query)
        if alt_params:
            alt_sql = ["plainto_tsquery('simple', %s)"] * len(alt_params)
            tsquery = ' || '.join('(%s)' % q for q in alt_sql)
            matched = ' + '.join('(c.tsv @@ %s)::int' % q for q in alt_sql)
            select = 'SELECT c.id, (%s) AS matched, ts_rank(c.tsv, %s) AS rank' % (
                matched, tsquery)
        else:
            select = 'SELECT c.id, 0 AS matched, 0 AS rank'
        match_where = ' AND %s' % match_clause if match_params else ''
        # Relevance ranks at most ``cap`` matching items: a term found in tens of thousands of
        # items (a stop word, in effect) would otherwise cost a rank computation per item.
        cap = None
        if order == 'relevance' and alt_params:
            cap = int(self.env['ir.config_parameter'].sudo().get_param(
                'hotline_kb.rank_candidates', 5000)) or None
        template = '%s FROM (SELECT "hotline_kb_item".id, "hotline_kb_item".index_tsv AS tsv, ' \
                   '"hotline_kb_item".view_count, "hotline_kb_item".date_published ' \
                   'FROM %s WHERE %s%s LIMIT %%s) c ORDER BY %s, c.id DESC LIMIT %%s OFFSET %%s'
        sql = template % (select, from_clause, where_clause or 'TRUE', match_where,
                          orders[order])
        params = alt_params * 2 + where_params + match_params + [cap]
        self.env.cr.execute(sql, params + [int(limit), int(offset)])
        rows = self.env.cr.fetchall()
        items = self.browse([r[0] for r in rows])
        words = [t for terms in alternatives for term in terms
                 for t in [term] + kb_text.query_tokens(term)]
        results = []
        for (item_id, matched, rank), item in zip(rows, items):
            text = kb_text.html_to_text(item.content)
            if not any(w.lower() in text.lower() for w in words) and item.attachment_text:
                text = item.attachment_text
            results.append({
                'id': item_id,
                'name': item.name,
                'title_html': kb_text.highlight(item.name, words, width=200),
                'directory': item.directory_id.complete_name,
                'directory_id': item.directory_id.id,
                'keywords': item.keywords or '',
                'views': item.view_count,
                'matched': matched,
                'rank': rank,
                'snippet': kb_text.highlight(text, words),
                'visibility': item.visibility,
                'date_published': item.date_published,
            })
        return results
