# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-6: citizens search the knowledge base — external items only."""
from odoo import http
from odoo.http import request

from odoo.addons.hotline_portal.controllers.main import client_ip, record_id
from odoo.addons.hotline_portal.models.hotline_ticket import clean


class HotlinePortalKb(http.Controller):

    def _items(self):
        # sudo: only published, valid items marked external are searched or shown (the
        # domain below and kb_search's visibility filter); internal items never are
        return request.env['hotline.kb.item'].sudo()

    @http.route('/hotline/knowledge', type='http', auth='public', website=True)
    def search(self, q='', **kw):
        """CH-6 (KB-9 search): highlighted results among the external items."""
        query = clean(q, 100).strip()
        results = []
        limited = False
        if query:
            if request.env['hotline.portal.rate'].sudo()._hit('api_ip', 'kb:%s' % client_ip()):
                results = self._items().kb_search(query, visibility='external', limit=20)
            else:
                limited = True
        return request.render('hotline_portal_kb.knowledge_page', {
            'q': query, 'results': results, 'limited': limited})

    @http.route('/hotline/knowledge/<int:item_id>', type='http', auth='public', website=True)
    def item(self, item_id, **kw):
        Item = self._items()
        item = Item.search(Item._searchable_domain(visibility='external') +
                           [('id', '=', record_id(item_id))])
        if not item:
            raise request.not_found()
        return request.render('hotline_portal_kb.knowledge_item_page', {'item': item})
