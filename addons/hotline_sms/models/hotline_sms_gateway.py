# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import hmac
import logging
import secrets
import threading

import requests

from odoo import _, api, fields, models

_logger = logging.getLogger(__name__)
_local = threading.local()


def http_session():
    """One keep-alive HTTP session per sending thread (Kannel's HTTP server keeps
    connections open; a connection dropped meanwhile is replaced by urllib3)."""
    session = getattr(_local, 'session', None)
    if session is None:
        session = _local.session = requests.Session()
    return session


class HotlineSmsGateway(models.Model):
    """SM-5: a pluggable SMS gateway.

    A provider is a value of ``provider`` plus a method ``_send_<provider>(message)`` that
    returns ``(outcome, answer)``: ``'sent'`` (the gateway took it), ``'retry'`` (temporary
    refusal of this message: try it again later), ``'down'`` (the gateway is unreachable,
    does not answer or fails: try again later, and stop sending for now) or ``'failed'``
    (the gateway refused this message for good). This module ships Kannel's HTTP
    ``sendsms`` interface.
    """
    _name = 'hotline.sms.gateway'
    _description = 'SMS Gateway'
    _order = 'sequence, id'

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    provider = fields.Selection(
        [('kannel', 'Kannel HTTP (sendsms)')], required=True, default='kannel')
    url = fields.Char(
        'Gateway URL', required=True, default='http://127.0.0.1:13013',
        help='Base URL of Kannel\'s smsbox (sendsms-port), without /cgi-bin/sendsms.')
    username = fields.Char(help='The sendsms-user\'s username in kannel.conf.')
    password = fields.Char(groups='hotline_core.group_hotline_admin')
    sender = fields.Char(
        'Service Number', required=True, default='12345',
        help='The sender number (from); the extension of a message is appended to it.')
    smsc = fields.Char('SMSC', help='Optional smsc-id to route through.')
    timeout = fields.Integer('Timeout (s)', default=10)
    callback_url = fields.Char(
        'Callback Base URL',
        help='The address under which the gateway reaches this server for delivery reports '
             '(dlr-url) and received SMS; empty: the system parameter web.base.url.')
    token = fields.Char(
        'Callback Token', required=True, copy=False, groups='hotline_core.group_hotline_admin',
        default=lambda self: secrets.token_urlsafe(24),
        help='Secret in the delivery-report and inbound URLs; callbacks without it are '
             'refused.')
    dlr_mask = fields.Integer('DLR Mask', default=31,
                              help='Kannel dlr-mask: 1 delivered, 2 not delivered, 4 queued '
                                   'on SMSC, 8 SMSC accepted, 16 SMSC rejected.')

    # ------------------------------------------------------------------ callbacks
    @api.multi
    def _check_token(self, token):
        self.ensure_one()
        return bool(token) and hmac.compare_digest(self.sudo().token.encode(),
                                                   token.encode())

    @api.multi
    def _callback_base(self):
        self.ensure_one()
        base = self.callback_url or self.env['ir.config_parameter'].sudo().get_param(
            'web.base.url', 'http://localhost:8069')
        return base.rstrip('/')

    @api.multi
    def _dlr_url(self, message):
        """Kannel substitutes %d (report type), %A (SMSC answer), %T (time) itself."""
        return '%s/hotline_sms/dlr/%d/%s?id=%d&status=%%d&answer=%%A&ts=%%T' % (
            self._callback_base(), self.id, self.sudo().token, message.id)

    @api.multi
    def _inbound_url(self):
        return ('%s/hotline_sms/inbound/%d/%s?from=%%p&to=%%P&text=%%a&ts=%%T&id=%%I'
                % (self._callback_base(), self.id, self.sudo().token))

    # ------------------------------------------------------------------ sending
    @api.multi
    def _send(self, message):
        self.ensure_one()
        return getattr(self, '_send_%s' % self.provider)(message)

    @api.multi
    def _send_kannel(self, message):
        """SM-5: Kannel's sendsms (GET /cgi-bin/sendsms). Chinese goes as UCS-2 (coding=2,
        charset=UTF-8: Kannel converts). Kannel answers ``0: Accepted for delivery`` or
        ``3: Queued for later delivery`` with HTTP 202; ``4: …`` / 5xx is temporary, other
        4xx are refusals of this message, except a refused account (403 ``Authorization
        failed``), retried until the administrator fixes it."""
        params = {
            'username': self.username or '',
            'password': self.sudo().password or '',
            'from': (self.sender or '') + (message.extension or ''),
            'to': message.number,
            'text': message.sudo().secret_text or message.body,
            'charset': 'UTF-8',
            'coding': 2 if message.coding == 'ucs2' else 0,
            'dlr-mask': self.dlr_mask,
            'dlr-url': self._dlr_url(message),
        }
        if self.smsc:
            params['smsc'] = self.smsc
        try:
            response = http_session().get(
                self.url.rstrip('/') + '/cgi-bin/sendsms', params=params,
                timeout=self.timeout or 10)
        except requests.Timeout:
            return 'down', _('the gateway did not answer within %d s') % (self.timeout or 10)
        except requests.RequestException as error:
            return 'down', _('the gateway cannot be reached (%s)') % type(error).__name__
        answer = response.content.decode('utf-8', 'replace').strip()
        if response.status_code in (200, 202) and answer[:2] in ('0:', '3:'):
            return 'sent', answer
        if response.status_code >= 500 and not answer.startswith('4:'):
            return 'down', '%d %s' % (response.status_code, answer)
        # A wrong account (kannel.conf and this form disagree) is fixed by the administrator:
        # the messages wait for it instead of failing.
        if response.status_code >= 500 or answer.startswith('4:') \
                or response.status_code in (408, 429) or answer.startswith('Authorization'):
            return 'retry', '%d %s' % (response.status_code, answer)
        return 'failed', _('The gateway refused the message: %(status)d %(answer)s') % {
            'status': response.status_code, 'answer': answer}
