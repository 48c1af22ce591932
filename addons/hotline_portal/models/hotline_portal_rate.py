# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime

from psycopg2 import sql

from odoo import api, fields, models

from .hotline_ticket import clean

DEFAULT_LIMITS = {
    # action: (attempts, seconds) — overridden by ir.config_parameter hotline_portal.rate_<action>
    'submit_ip': (10, 3600),
    'submit_phone': (5, 3600),
    'lookup_ip': (20, 600),
    'lookup_number': (10, 600),
    'recover_ip': (5, 3600),
    'api_ip': (120, 60),
}


class HotlinePortalRate(models.Model):
    """CH-1, CH-2: attempts of a citizen (by IP address, phone or request number) counted in
    the database, so that every HTTP worker applies the same limit."""
    _name = 'hotline.portal.rate'
    _description = 'Portal Rate-Limit Attempt'
    _log_access = False
    _order = 'id desc'

    key = fields.Char(required=True, index=True)
    date = fields.Datetime(required=True, index=True, default=fields.Datetime.now)

    @api.model
    def _limit(self, action):
        """(attempts, seconds) for ``action``; the parameter reads like ``10/3600``."""
        value = self.env['ir.config_parameter'].sudo().get_param('hotline_portal.rate_%s' % action)
        try:
            count, seconds = (int(part) for part in (value or '').split('/'))
            return count, seconds
        except ValueError:
            return DEFAULT_LIMITS[action]

    @api.model
    def _hit(self, action, subject):
        """Count one attempt of ``action`` by ``subject``; False when the limit is reached
        (the refused attempt is not counted, so a blocked client is free again once its
        window has passed). Private: a signed-in user calling it over RPC could spend
        somebody else's attempts (his number, the app gateway's address) and lock him out."""
        if not subject:
            return True
        count, seconds = self._limit(action)
        key = '%s:%s' % (action, str(subject).replace('\x00', '')[:200])
        # No lock: attempts on the same key at the same instant on several workers may each
        # pass at the limit (at most one per worker). A lock taken here would not prevent it
        # (the request's repeatable-read snapshot predates the lock, so the count misses what
        # the holder commits) and it queued every request of one address — a gateway's whole
        # traffic — for the length of each request.
        since = fields.Datetime.to_string(
            datetime.datetime.utcnow() - datetime.timedelta(seconds=seconds))
        self.env.cr.execute(
            'SELECT count(*) FROM hotline_portal_rate WHERE key = %s AND date >= %s',
            [key, since])
        if self.env.cr.fetchone()[0] >= count:
            return False
        self.env.cr.execute(
            "INSERT INTO hotline_portal_rate (key, date) VALUES (%s, (now() AT TIME ZONE 'UTC'))",
            [key])
        return True

    @api.model
    def _gc_attempts(self):
        """Cron: forget attempts older than a day (no window is longer), gateway nonces
        older than a day (a timestamp more than 5 minutes old is refused anyway) and the
        WeChat messages answered more than a day ago (WeChat resends within 15 s)."""
        for table in ('hotline_portal_rate', 'hotline_portal_nonce', 'hotline_wechat_message'):
            self.env.cr.execute(sql.SQL(
                "DELETE FROM {} WHERE date < (now() AT TIME ZONE 'UTC') - interval '1 day'"
            ).format(sql.Identifier(table)).as_string(self.env.cr._obj))

    # ------------------------------------------------------------------ password recovery
    @api.model
    def _queue_recovery(self, number, email):
        """CH-2 (issue 15 item 10): /hotline/recover only queues the request (one INSERT,
        whether or not number and address match): the answer neither waits on the matching,
        the hashing and the mail nor tells by its time whether they match. Private."""
        self.env.cr.execute(
            'INSERT INTO hotline_portal_recovery (number, email) VALUES (%s, %s)',
            [clean(number, 40).strip(), clean(email, 200).strip().lower()])

    @api.model
    def _cron_recovery(self, limit=200):
        """Cron (every minute): the queued recoveries, oldest first; each row is removed
        whatever the outcome."""
        self.env.cr.execute(
            'DELETE FROM hotline_portal_recovery WHERE id IN (SELECT id FROM '
            'hotline_portal_recovery ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED) '
            'RETURNING id, number, email', [limit])
        # sudo: the cron matches the number and the address itself before anything is sent
        Ticket = self.env['hotline.ticket'].sudo()
        for _id, number, email in sorted(self.env.cr.fetchall()):
            ticket = Ticket.search([('name', '=', number)], limit=1) if number else Ticket
            if ticket:
                ticket._portal_recover_password(email)


class HotlinePortalRecovery(models.Model):
    """CH-2 (issue 15 item 10): the queued password recoveries of /hotline/recover, written
    and consumed in SQL only (``hotline.portal.rate._queue_recovery`` and
    ``_cron_recovery``). The model gives the table a registry entry, access rules (the
    system administrators read it) and its removal on uninstall."""
    _name = 'hotline.portal.recovery'
    _description = 'Queued Password Recovery'
    _auto = False
    _log_access = False
    _order = 'id'

    number = fields.Char('Request Number', readonly=True)
    email = fields.Char('E-mail', readonly=True)
    date = fields.Datetime('Queued On', readonly=True)

    @api.model_cr
    def init(self):
        self.env.cr.execute("""
            CREATE TABLE IF NOT EXISTS hotline_portal_recovery (
                id serial PRIMARY KEY,
                number varchar NOT NULL,
                email varchar NOT NULL,
                date timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'))""")
