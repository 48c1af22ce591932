# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime

from odoo import api, fields, models

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
            self.env.cr.execute(
                "DELETE FROM " + table + " WHERE date < (now() AT TIME ZONE 'UTC') - "
                "interval '1 day'")
