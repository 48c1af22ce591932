# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-2: a logged-in citizen's requests in Odoo's portal (/my/requests)."""
from odoo import _
from odoo.exceptions import AccessError, MissingError
from odoo.http import request, route

from odoo.addons.portal.controllers.portal import (
    CustomerPortal,
    get_records_pager,
    pager as portal_pager,
)

from .main import rate_request, record_id


class HotlineCustomerPortal(CustomerPortal):

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        # the record rule hotline_ticket_rule_portal keeps this to the citizen's own requests
        values['hotline_request_count'] = request.env['hotline.ticket'].search_count([]) \
            if request.env['hotline.ticket'].check_access_rights('read', raise_exception=False) \
            else 0
        return values

    @route(['/my/requests', '/my/requests/page/<int:page>'], type='http', auth='user',
           website=True)
    def portal_my_requests(self, page=1, sortby=None, filterby=None, **kw):
        values = self._prepare_portal_layout_values()
        Ticket = request.env['hotline.ticket']
        page = min(max(1, page), 100000)  # a huge page number would overflow OFFSET
        searchbar_sortings = {
            'date': {'label': _('Newest'), 'order': 'register_date desc, id desc'},
            'state': {'label': _('Status'), 'order': 'state, register_date desc'},
        }
        searchbar_filters = {
            'all': {'label': _('All'), 'domain': []},
            'open': {'label': _('In progress'), 'domain': [('process_state', '!=', 'done')]},
            'done': {'label': _('Closed'), 'domain': [('process_state', '=', 'done')]},
        }
        sortby = sortby if sortby in searchbar_sortings else 'date'
        filterby = filterby if filterby in searchbar_filters else 'all'
        domain = searchbar_filters[filterby]['domain']
        total = Ticket.search_count(domain)
        pager = portal_pager(url='/my/requests', total=total, page=page,
                             step=self._items_per_page,
                             url_args={'sortby': sortby, 'filterby': filterby})
        tickets = Ticket.search(domain, order=searchbar_sortings[sortby]['order'],
                                limit=self._items_per_page, offset=pager['offset'])
        request.session['my_requests_history'] = tickets.ids[:100]
        values.update({
            'tickets': tickets, 'pager': pager, 'page_name': 'hotline_request',
            'default_url': '/my/requests', 'sortby': sortby, 'filterby': filterby,
            'searchbar_sortings': searchbar_sortings, 'searchbar_filters': searchbar_filters,
        })
        return request.render('hotline_portal.portal_my_requests', values)

    @route(['/my/requests/<int:ticket_id>'], type='http', auth='user', website=True)
    def portal_my_request(self, ticket_id, **kw):
        """CH-2: the citizen's own request with its timeline; another citizen's gives 404."""
        ticket = self._own_ticket(ticket_id)
        values = self._prepare_portal_layout_values()
        values.update({'ticket': ticket, 'page_name': 'hotline_request'})
        values.update(get_records_pager(request.session.get('my_requests_history', []),
                                        ticket))
        return request.render('hotline_portal.portal_my_request', values)

    @route(['/my/requests/<int:ticket_id>/rate'], type='http', auth='user', website=True,
           methods=['POST'])
    def portal_my_request_rate(self, ticket_id, rating=None, comment=None, **kw):
        """CB-2: the signed-in citizen rates his own handled request, once; another
        citizen's request gives 404."""
        ticket = self._own_ticket(ticket_id)
        values = self._prepare_portal_layout_values()
        values.update({'ticket': ticket, 'page_name': 'hotline_request'})
        values.update(rate_request(ticket, rating, comment))
        values.update(get_records_pager(request.session.get('my_requests_history', []),
                                        ticket))
        return request.render('hotline_portal.portal_my_request', values)

    def _own_ticket(self, ticket_id):
        """The signed-in user's request of this id (record rule), or 404."""
        ticket = request.env['hotline.ticket'].browse(record_id(ticket_id))
        try:
            ticket.check_access_rights('read')
            ticket.check_access_rule('read')
            # raises MissingError for a deleted request; pylint: disable-next=pointless-statement
            ticket.name  # noqa: B018
        except (AccessError, MissingError):
            raise request.not_found()
        return ticket
