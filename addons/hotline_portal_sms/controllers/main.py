# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-2: the query password recovered through the phone given with the request."""
from odoo import _, http
from odoo.http import request

from odoo.addons.hotline_core.tools.phone import PhoneError
from odoo.addons.hotline_portal.controllers.main import client_ip
from odoo.addons.hotline_portal.models.hotline_ticket import clean

from ..models.hotline_portal_code import CODE_CRYPT


class HotlinePortalSms(http.Controller):

    @http.route('/hotline/recover/sms', type='http', auth='public', website=True,
                methods=['POST'])
    def recover_sms(self, number=None, contact_phone=None, **kw):
        """CH-2: a code is texted to the phone given with the request. The page says the
        same whether or not number and phone match (no existence leak); sends are limited
        per IP address and per request number."""
        number = clean(number, 40).strip()
        raw_phone = clean(contact_phone, 40).strip()
        values = {'number': number, 'error': None}
        Rate = request.env['hotline.portal.rate'].sudo()
        if not Rate._hit('recover_sms_ip', client_ip()) or \
                not Rate._hit('recover_sms_number', number):
            values['error'] = _('Too many attempts. Please try again later.')
            return request.render('hotline_portal.recover_page', values)
        Ticket = request.env['hotline.ticket'].sudo()
        try:
            phone = Ticket._hotline_normalize_phone(raw_phone) if raw_phone else ''
        except PhoneError:
            phone = ''
        ticket = Ticket.search([('name', '=', number)], limit=1) if number and phone else None
        if ticket and ticket.contact_phone == phone:
            request.env['hotline.portal.code'].sudo()._issue(
                'recover', ticket.name, phone, ticket=ticket)
        else:
            CODE_CRYPT.hash('000000')  # as long as issuing a code: timing reveals nothing
        return request.render('hotline_portal_sms.recover_code_page', values)

    @http.route('/hotline/recover/code', type='http', auth='public', website=True,
                methods=['POST'])
    def recover_code(self, number=None, code=None, **kw):
        """CH-2: the right code gives a new query password, shown once; the old one stops
        working. A wrong or expired code gives one answer; tries are limited."""
        number = clean(number, 40).strip()
        values = {'number': number, 'error': None}
        Rate = request.env['hotline.portal.rate'].sudo()
        if not Rate._hit('lookup_ip', client_ip()) or not Rate._hit('lookup_number', number):
            values['error'] = _('Too many attempts. Please try again in a few minutes.')
            return request.render('hotline_portal_sms.recover_code_page', values)
        record = request.env['hotline.portal.code'].sudo()._check(
            'recover', number, clean(code, 20))
        ticket = request.env['hotline.ticket'].sudo().search(
            [('name', '=', number)], limit=1) if record else None
        if not ticket:
            values['error'] = _('The code is not correct or has expired.')
            return request.render('hotline_portal_sms.recover_code_page', values)
        password = ticket._portal_set_password()
        return request.render('hotline_portal_sms.recover_done_page', {
            'number': ticket.name, 'password': password})
