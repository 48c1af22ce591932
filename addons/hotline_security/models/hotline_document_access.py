# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""NF-2: "may this user read the document?" as one SQL sub-select per document model.

Odoo 11's record rules cannot call the document's ``check_access_rule``: the followers,
activities and messages of a request therefore stood open to every employee. The rules of
this module ask instead, through a search-only field, for the rows whose document the user
reads: for each document model the sub-select is the model's own query under the user's
access rows and record rules (``_apply_ir_rules``) — the same SQL a search of the documents
would run, never a list of ids."""
import copy

from odoo import SUPERUSER_ID, api, fields, models, tools


def readable_query(env, model_name, uid):
    """The records of ``model_name`` that user ``uid`` may read: ``True`` (all of them),
    ``False`` (none: no access row) or ``(sql, params)``, a sub-select of their ids."""
    if model_name not in env.registry:
        return False
    model = env[model_name]
    if model._abstract or model._transient or not model._auto:
        return False
    if uid == SUPERUSER_ID:
        return True
    user_env = env(user=uid, context=dict(env.context, active_test=False))
    if not user_env['ir.model.access'].check(model_name, 'read', raise_exception=False):
        return False
    documents = user_env[model_name]
    query = documents._where_calc([], active_test=False)
    documents._apply_ir_rules(query, 'read')
    if not query.where_clause:
        return True
    from_clause, where_clause, params = query.get_sql()
    return ('SELECT "%s".id FROM %s WHERE %s' % (documents._table, from_clause, where_clause),
            params)


class HotlineDocumentAccessMixin(models.AbstractModel):
    """Rows attached to a document by (model, res_id) — followers, activities, messages —
    searchable by "the users who may read their document" (``hotline_reader_ids``)."""
    _name = 'hotline.document.access.mixin'
    _description = 'Rows readable with their document'
    # the field holding the document's model name (``res_id`` holds its id)
    _hotline_model_field = 'res_model'
    # a model is a document model of these rows when it has this (non-inherited) field
    _hotline_document_field = 'message_follower_ids'

    hotline_reader_ids = fields.Many2many(
        'res.users', string='Readers of the Document', compute='_compute_hotline_reader_ids',
        search='_search_hotline_reader_ids',
        help='Search only: the users who may read the document of the row (its record '
             'rules look at it).')

    def _compute_hotline_reader_ids(self):
        # Only the current user can be told cheaply: the field exists for its search.
        for row in self:
            model_name = row.sudo()[self._hotline_model_field]
            readable = False
            if model_name in self.env and row.sudo().res_id:
                document = self.env[model_name].browse(row.sudo().res_id)
                readable = bool(document.exists()) and document.check_access_rights(
                    'read', raise_exception=False)
                if readable:
                    try:
                        document.check_access_rule('read')
                    except Exception:
                        readable = False
            row.hotline_reader_ids = self.env.user if readable else False

    @api.model
    @tools.ormcache()
    def _hotline_document_models(self):
        """The models whose records these rows can be attached to."""
        names = []
        for name, model in self.env.registry.items():
            field = model._fields.get(self._hotline_document_field)
            if field is not None and not field.inherited:
                names.append(name)
        return tuple(sorted(names))

    def _search_hotline_reader_ids(self, operator, value):
        """NF-2: the rows that the user ``value`` may read the document of: rows without a
        document (left to the model's own rules), and for each document model one sub-select
        of the documents the user reads."""
        if operator not in ('=', 'in') or not value:
            raise NotImplementedError(
                '%s.hotline_reader_ids: operator %r with %r not supported'
                % (self._name, operator, value))
        uid = value if isinstance(value, int) else list(value)[0]
        # a copy: expression parsing must not touch the cached domain
        return copy.deepcopy(self._hotline_reader_domain(uid))

    @api.model
    @tools.ormcache('uid')
    def _hotline_reader_domain(self, uid):
        """The domain of ``_search_hotline_reader_ids``, cached per user like the record
        rules it is made of (``ir.rule``'s own cache, cleared with it)."""
        field = self._hotline_model_field
        whole, domains = [], [[(field, '=', False)], [('res_id', 'in', [0, False])]]
        for name in self._hotline_document_models():
            readable = readable_query(self.env, name, uid)
            if readable is True:
                whole.append(name)
            elif readable:
                domains.append(['&', (field, '=', name), ('res_id', 'inselect', readable)])
        if whole:
            domains.append([(field, 'in', whole)])
        result = []
        for domain in domains:
            result = (['|'] + result + domain) if result else domain
        return result
