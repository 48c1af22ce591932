# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""DS-5: the dispatch suggestions learned from past requests, and the accuracy of dispatch.

The learned hits live in two tables of their own (declared below as models without ORM
columns, so that they have a registry entry, access rules and are dropped on uninstall):
one row per feature and unit, rebuilt each night and folded into every quarter of an hour,
and the hits learned since, only ever inserted."""
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.hotline_core.models.hotline_ticket import DONE_STATES
from odoo.addons.hotline_core.tools.text import title_keywords


class HotlineTicketDispatchStat(models.Model):
    """DS-5: a request's features, the units they suggest and the dispatch accuracy."""
    _inherit = 'hotline.ticket'

    content_keywords = fields.Char(
        readonly=True, copy=False,
        help='Words of the content (jieba), learned by the dispatch suggestions.')
    dispatch_accurate = fields.Boolean(
        'Dispatched Right First Time', compute='_compute_dispatch_accurate', store=True,
        help='Dispatched once and never returned by the unit (DS-5 accuracy).')
    dispatch_suggestion = fields.Text(
        'Suggested Units', compute='_compute_dispatch_suggestion',
        help='The three units past requests like this one went to (closed without being '
             'returned or re-dispatched), with their score.')

    # ------------------------------------------------------------------ computes
    @api.model
    def _create_precomputed(self, vals):
        """Issue 19: a new request is dispatched once at the earliest after its create."""
        known = super()._create_precomputed(vals)
        known['dispatch_accurate'] = (vals.get('dispatch_count') == 1
                                      and not vals.get('return_count'))
        return known

    @api.depends('dispatch_count', 'return_count')
    def _compute_dispatch_accurate(self):
        for ticket in self:
            ticket.dispatch_accurate = ticket.dispatch_count == 1 and not ticket.return_count

    @api.depends('category_id', 'location_id', 'title_keywords', 'content_keywords')
    def _compute_dispatch_suggestion(self):
        for ticket in self:
            lines = ['%d. %s  %d%%' % (rank, s['unit_name'], s['score'])
                     for rank, s in enumerate(ticket.hotline_suggest_units(), 1)]
            ticket.dispatch_suggestion = '\n'.join(lines) or False

    # ------------------------------------------------------------------ DS-5 learning
    # Weights of the features of a request: its category, its location, its title words and
    # its content words (jieba; a weight is shared between all words of the title / content).
    _SUGGEST_WEIGHTS = {'c': 2.0, 'l': 1.5, 'w': 2.0, 'k': 1.0}

    @api.model
    def _refresh_dispatch_stats(self):
        """DS-5: relearn, in one set-based statement, which units past requests went to —
        only requests closed after one dispatch, never returned and without an unsatisfied
        callback count as right. Content keywords missing (requests from before this
        feature) are filled first, a batch per night."""
        self._backfill_content_keywords()
        cr = self._cr
        cr.execute('DELETE FROM hotline_dispatch_stat')
        # what was learned since is in the requests read below (those closed after this
        # transaction began stay in the table, as their requests are not read)
        cr.execute('DELETE FROM hotline_dispatch_stat_new')
        cr.execute("""
            WITH good AS (
                SELECT main_unit_id AS unit_id, category_id, location_id, title_keywords,
                       content_keywords
                  FROM hotline_ticket
                 WHERE state IN %s AND main_unit_id IS NOT NULL
                   AND dispatch_count = 1 AND COALESCE(return_count, 0) = 0
                   AND COALESCE(dissatisfied_count, 0) = 0
            ), feats AS (
                SELECT 'c' || category_id AS feature, unit_id FROM good
                 WHERE category_id IS NOT NULL
                UNION ALL
                SELECT 'l' || location_id, unit_id FROM good WHERE location_id IS NOT NULL
                UNION ALL
                SELECT 'w' || w, unit_id
                  FROM good, unnest(string_to_array(title_keywords, ' ')) AS w
                 WHERE w <> ''
                UNION ALL
                SELECT 'k' || w, unit_id
                  FROM good, unnest(string_to_array(content_keywords, ' ')) AS w
                 WHERE w <> ''
            ), counts AS (
                SELECT feature, unit_id, count(*) AS hits FROM feats GROUP BY feature, unit_id
            )
            INSERT INTO hotline_dispatch_stat (feature, unit_id, hits)
            SELECT feature, unit_id, hits FROM counts""", [DONE_STATES])
        return True

    @api.model
    def _fold_dispatch_stats(self):
        """DS-5: move the hits learned since into the statistics, in one statement (a cron
        every quarter of an hour keeps the table of new hits short)."""
        self._cr.execute("""
            WITH moved AS (DELETE FROM hotline_dispatch_stat_new RETURNING feature, unit_id)
            INSERT INTO hotline_dispatch_stat (feature, unit_id, hits)
            SELECT feature, unit_id, count(*) FROM moved GROUP BY feature, unit_id
            ON CONFLICT (feature, unit_id)
            DO UPDATE SET hits = hotline_dispatch_stat.hits + EXCLUDED.hits""")
        return True

    @api.model
    def _backfill_content_keywords(self, limit=20000):
        """DS-5: segment the content of up to ``limit`` requests that have no content
        keywords yet (one jieba run per distinct text, one UPDATE for all)."""
        self._cr.execute("""
            SELECT content, array_agg(id) FROM (
                SELECT id, content FROM hotline_ticket
                 WHERE content_keywords IS NULL AND content IS NOT NULL LIMIT %s) t
             GROUP BY content""", [limit])
        rows = self._cr.fetchall()
        if not rows:
            return 0
        ids, words = [], []
        for content, ticket_ids in rows:
            keywords = title_keywords(content) or ''
            ids += ticket_ids
            words += [keywords] * len(ticket_ids)
        self._cr.execute("""
            UPDATE hotline_ticket t SET content_keywords = v.words
              FROM unnest(%s::int[], %s::varchar[]) AS v(id, words)
             WHERE t.id = v.id""", [ids, words])
        self.invalidate_cache(['content_keywords'], ids)
        return len(ids)

    def _learn_dispatch(self):
        """DS-5: a request just closed cleanly (one dispatch, never returned, citizen not
        unsatisfied) teaches the suggestions at once: its features count one more hit for
        its main unit (one INSERT of new hits: no row is updated, so two requests closed at
        the same moment with common words do not make each other fail and start again; the
        nightly rebuild gives the same figures)."""
        self.ensure_one()
        if not (self.main_unit_id and self.dispatch_count == 1 and not self.return_count
                and not self.dissatisfied_count):
            return
        features = list(self._suggest_features())
        if not features:
            return
        self._cr.execute("""
            INSERT INTO hotline_dispatch_stat_new (feature, unit_id)
            SELECT f, %s FROM unnest(%s::varchar[]) AS f""", [self.main_unit_id.id, features])

    def _suggest_features(self):
        self.ensure_one()
        weights = self._SUGGEST_WEIGHTS
        features = {}
        if self.category_id:
            features['c%d' % self.category_id.id] = weights['c']
        if self.location_id:
            features['l%d' % self.location_id.id] = weights['l']
        words = [w for w in (self.title_keywords or '').split() if w]
        for word in words:
            features['w' + word] = weights['w'] / len(words)
        content = self.content_keywords
        if content is False and self.content:   # not segmented yet (older request)
            content = title_keywords(self.content) or ''
        words = [w for w in (content or '').split() if w]
        for word in words:
            features['k' + word] = weights['k'] / len(words)
        return features

    @api.multi
    def hotline_suggest_units(self, limit=3):
        """DS-5: the units most likely to be right for this request, best first:
        ``[{'unit_id', 'unit_name', 'score'}]`` (score in %, from the learned statistics)."""
        self.ensure_one()
        features = self._suggest_features()
        if not features:
            return []
        # share of a unit in a feature = its hits / the feature's hits (all units)
        self._cr.execute("""
            WITH f AS (
                SELECT * FROM unnest(%s::varchar[], %s::double precision[])
                    AS f(feature, weight)
            ), hits AS (
                SELECT feature, unit_id, sum(hits) AS hits
                  FROM (SELECT s.feature, s.unit_id, s.hits
                          FROM hotline_dispatch_stat s JOIN f ON f.feature = s.feature
                        UNION ALL
                        SELECT n.feature, n.unit_id, 1
                          FROM hotline_dispatch_stat_new n JOIN f ON f.feature = n.feature) h
                 GROUP BY feature, unit_id
            ), shares AS (
                SELECT feature, unit_id,
                       hits::double precision / sum(hits) OVER (PARTITION BY feature) AS share
                  FROM hits
            )
            SELECT s.unit_id, sum(s.share * f.weight) AS score
              FROM shares s
              JOIN f ON f.feature = s.feature
              JOIN hotline_unit u ON u.id = s.unit_id AND u.active
             GROUP BY s.unit_id
             ORDER BY score DESC, s.unit_id
             LIMIT %s""", [list(features), list(features.values()), limit])
        rows = self._cr.fetchall()
        total = sum(features.values())
        units = {u.id: u for u in self.env['hotline.unit'].sudo().browse([r[0] for r in rows])}
        return [{'unit_id': unit_id, 'unit_name': units[unit_id].complete_name,
                 'score': int(round(100.0 * score / total))} for unit_id, score in rows]

    @api.model
    def hotline_dispatch_accuracy(self, date_from=None, date_to=None):
        """DS-5: dispatch accuracy — share of dispatched requests (registered in the period)
        that were neither returned by the unit nor re-dispatched. Centre roles only: it
        counts every unit's requests."""
        user = self.env.user
        if self.env.uid != SUPERUSER_ID and not (
                user.has_group('hotline_core.group_hotline_dispatcher')
                or user.has_group('hotline_core.group_hotline_supervisor')):
            raise AccessError(_('Only the hotline office and supervisors see dispatch '
                                'accuracy.'))
        where, params = ['dispatch_count > 0'], []
        if date_from:
            where.append('register_date >= %s')
            params.append(date_from)
        if date_to:
            where.append('register_date < %s')
            params.append(date_to)
        self._cr.execute("""
            SELECT count(*),
                   count(*) FILTER (WHERE dispatch_count = 1 AND COALESCE(return_count, 0) = 0)
              FROM hotline_ticket WHERE """ + ' AND '.join(where), params)
        dispatched, accurate = self._cr.fetchone()
        return {'dispatched': dispatched, 'accurate': accurate,
                'accuracy': round(100.0 * accurate / dispatched, 1) if dispatched else 0.0}


class HotlineDispatchStat(models.Model):
    """DS-5: hits per feature and unit, built by the nightly run
    (``hotline.ticket._refresh_dispatch_stats``) and folded into by ``_fold_dispatch_stats``.

    The table is written in set-based SQL only; the model gives it a registry entry, access
    rules (the administrators read it) and its removal on uninstall."""
    _name = 'hotline.dispatch.stat'
    _description = 'Learned Dispatch Hits'
    _auto = False
    _log_access = False
    _order = 'feature, unit_id'

    feature = fields.Char(
        readonly=True,
        help='c<category id>, l<location id>, w<title word> or k<content word>.')
    unit_id = fields.Many2one('hotline.unit', 'Unit', readonly=True)
    hits = fields.Integer(readonly=True)

    @api.model_cr
    def init(self):
        self._cr.execute("""
            CREATE TABLE IF NOT EXISTS hotline_dispatch_stat (
                id serial NOT NULL,
                feature varchar NOT NULL,
                unit_id integer NOT NULL,
                hits integer NOT NULL,
                PRIMARY KEY (feature, unit_id))""")
        # databases from before this model: the table had no id
        self._cr.execute('ALTER TABLE hotline_dispatch_stat ADD COLUMN IF NOT EXISTS id serial')


class HotlineDispatchStatNew(models.Model):
    """DS-5: the hits learned since the last fold, one row each, only ever inserted: closes
    running at the same moment never update the same row, so they never fail on each
    other."""
    _name = 'hotline.dispatch.stat.new'
    _description = 'Dispatch Hits Learned Since the Last Fold'
    _auto = False
    _log_access = False

    feature = fields.Char(readonly=True)
    unit_id = fields.Many2one('hotline.unit', 'Unit', readonly=True)

    @api.model_cr
    def init(self):
        self._cr.execute("""
            CREATE TABLE IF NOT EXISTS hotline_dispatch_stat_new (
                id serial NOT NULL,
                feature varchar NOT NULL,
                unit_id integer NOT NULL)""")
        self._cr.execute(
            'ALTER TABLE hotline_dispatch_stat_new ADD COLUMN IF NOT EXISTS id serial')
        self._cr.execute(
            'CREATE INDEX IF NOT EXISTS hotline_dispatch_stat_new_feature_idx '
            'ON hotline_dispatch_stat_new (feature)')
