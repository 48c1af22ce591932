# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime
import logging

from odoo import api, fields, models

_logger = logging.getLogger(__name__)

KEEP_DAYS_PARAM = 'hotline.mail_failed_keep_days'
KEEP_DAYS_DEFAULT = 3


class MailMail(models.Model):
    """NF-2 (issue 15): outgoing mails are the system's alone (access rows in
    security/hardening_mail.xml: no read, write or create for employees, citizens or the
    public); Odoo sends them as superuser (notifications, ``template.sudo().send_mail``, the
    mail queue), which access rows do not restrict."""
    _inherit = 'mail.mail'

    @api.model
    def _cron_hotline_purge_failed(self):
        """NF-2 (issue 15): a mail whose template says "delete once sent" (``auto_delete``:
        the hotline's mails with a citizen's query password) that could not be sent is kept
        ``hotline.mail_failed_keep_days`` days (3 by default) for the administrator to
        retry it after a mail-server outage, then deleted with its message — Odoo 11 keeps
        failed mails for ever."""
        try:
            days = int(self.env['ir.config_parameter'].sudo().get_param(
                KEEP_DAYS_PARAM, KEEP_DAYS_DEFAULT))
        except (TypeError, ValueError):
            days = KEEP_DAYS_DEFAULT
        limit = fields.Datetime.to_string(
            datetime.datetime.now() - datetime.timedelta(days=max(days, 0)))
        # sudo: the cron runs as the system; nobody else may see or delete mails
        mails = self.sudo().search([('state', '=', 'exception'), ('auto_delete', '=', True),
                                    ('write_date', '<', limit)])
        if mails:
            _logger.info('NF-2: deleting %d failed mails older than %d days', len(mails), days)
            mails.unlink()
        return len(mails)
