# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).

from odoo import SUPERUSER_ID, fields, http
from odoo.http import request

from odoo.addons.hotline_core.tools.http import json_response as _json

MAX_LIMIT = 50


class HotlineKbController(http.Controller):

    # ------------------------------------------------------------------ KB-10
    @http.route('/hotline/kb/api/search', type='http', auth='none', methods=['GET', 'POST'],
                csrf=False)
    def api_search(self, **params):
        """KB-10: ranked knowledge with snippets for third-party systems.

        ``Authorization: Bearer <token>``; parameters q, directory_id, order, limit, offset in
        the query string (GET) or form-encoded (POST); Odoo 11 routes a JSON body to its
        JSON-RPC dispatcher, so the body is not JSON.
        401 without a token, 403 with a wrong one; the body then holds only the error."""
        header = request.httprequest.headers.get('Authorization', '')
        token = header[7:].strip() if header.lower().startswith('bearer ') else ''
        if not token:
            return _json({'error': 'unauthorized',
                          'message': 'Authorization: Bearer <token> required'}, 401)
        # the client is not a user: search as superuser, limited below to published, valid
        # (and, unless allowed, external) knowledge of the client's directories
        env = request.env(user=SUPERUSER_ID)
        client = env['hotline.kb.client']._authenticate(token)
        if not client:
            return _json({'error': 'forbidden', 'message': 'invalid token'}, 403)
        query = (params.get('q') or '').strip()
        if not query:
            return _json({'error': 'bad_request', 'message': 'parameter q is required'}, 400)
        try:
            limit = min(max(int(params.get('limit') or 10), 1), MAX_LIMIT)
            offset = max(int(params.get('offset') or 0), 0)
            directory_id = int(params['directory_id']) if params.get('directory_id') else None
        except ValueError:
            return _json({'error': 'bad_request',
                          'message': 'limit, offset and directory_id are integers'}, 400)
        if client.directory_ids and directory_id and directory_id not in \
                env['hotline.kb.directory'].search(
                    [('id', 'child_of', client.directory_ids.ids)]).ids:
            return _json({'error': 'forbidden', 'message': 'directory not allowed'}, 403)
        Item = env['hotline.kb.item']
        visibility = None if client.include_internal else 'external'
        if not directory_id and client.directory_ids:
            results, total = [], 0
            for directory in client.directory_ids:
                total += Item.kb_search_count(query, directory.id, visibility)
                results += Item.kb_search(query, directory.id, params.get('order') or
                                          'relevance', limit + offset, 0, visibility)
            results.sort(key=lambda r: (-r['matched'], -r['rank']))
            results = results[offset:offset + limit]
        else:
            total = Item.kb_search_count(query, directory_id, visibility)
            results = Item.kb_search(query, directory_id, params.get('order') or 'relevance',
                                     limit, offset, visibility)
        client.sudo().write({'request_count': client.request_count + 1,
                             'last_request': fields.Datetime.now()})
        return _json({
            'query': query,
            'count': total,  # every match; ``results`` is the page limit/offset asked for
            'results': [{
                'id': r['id'], 'title': r['name'], 'directory': r['directory'],
                'keywords': r['keywords'], 'snippet': r['snippet'], 'views': r['views'],
                'matched_terms': r['matched'], 'score': round(float(r['rank']), 6),
                'published': r['date_published'],
            } for r in results],
        })

    # ------------------------------------------------------------------ KB-6 page
    @http.route('/hotline/kb', type='http', auth='user', website=False)
    def search_page(self, q='', directory_id=None, order='relevance', **kw):
        """KB-6, KB-8, KB-9: the agents' search page — directory tree on the left (with pinyin
        filter), highlighted results on the right."""
        env = request.env
        if not env.user.has_group('hotline_core.group_hotline_user'):
            return request.not_found()
        Directory = env['hotline.kb.directory']
        Item = env['hotline.kb.item']
        try:
            directory = Directory.browse(int(directory_id)).exists() if directory_id \
                else Directory
        except ValueError:
            directory = Directory
        dir_filter = (kw.get('dir') or '').strip()
        matching_dirs = Directory.search_pinyin(dir_filter) if dir_filter else Directory
        if q:
            results = Item.kb_search(q, directory.id or None, order, limit=50)
        else:
            domain = Item._searchable_domain(directory.id or None)
            if order == 'favorites':
                domain.append(('is_favorite', '=', True))
            sort = {'views': 'view_count desc', 'latest': 'date_published desc'}.get(
                order, 'date_published desc')
            results = [{'id': i.id, 'name': i.name, 'title_html': i.name,
                        'directory': i.directory_id.complete_name,
                        'views': i.view_count, 'snippet': '', 'matched': 0}
                       for i in Item.search(domain, order=sort, limit=50)]
        return request.render('hotline_kb.kb_search_page', {
            'q': q, 'order': order, 'directory': directory, 'dir_filter': dir_filter,
            'directories': Directory.search([]), 'matching_dirs': matching_dirs,
            'results': results,
        })

    @http.route('/hotline/kb/item/<int:item_id>', type='http', auth='user')
    def item_page(self, item_id, **kw):
        """KB-9: reading an item counts a view."""
        item = request.env['hotline.kb.item'].browse(item_id).exists()
        if not item:
            return request.not_found()
        item.check_access_rights('read')
        item.check_access_rule('read')
        item.action_register_view()
        return request.render('hotline_kb.kb_item_page', {'item': item})
