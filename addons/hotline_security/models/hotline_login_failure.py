# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models

_logger = logging.getLogger(__name__)

PARAMS = {
    # failures in the window from one address (any login): the address is then refused for
    # every login that has not signed in successfully from it (its colleagues behind the same
    # NAT who have keep signing in)
    'hotline.login_max_by_ip': 50,
    # failures in the window for one login from one address: that pair is then refused, known
    # or not (the cap on guessing from an address the account uses)
    'hotline.login_max_by_ip_login': 10,
    # failures in the window for one login from all addresses together: the login is then
    # refused from every address it has not signed in from (guessing spread over many
    # addresses); it keeps signing in from the addresses it is known at
    'hotline.login_max_by_login': 20,
    'hotline.login_window_minutes': 60,
    'hotline.login_failure_keep_days': 90,
    # how long a successful sign-in makes (login, address) "known"
    'hotline.login_known_days': 90,
}


class HotlineLoginFailure(models.Model):
    """NF-2 (issue 15 item 9): failed logins (web, XML-RPC, JSON-RPC), one row each: the
    evidence for refusing password guessing, and for the administrator who looks at attacks.

    Three limits within ``hotline.login_window_minutes``:

    * per login across all addresses (``hotline.login_max_by_login``): guessing spread over
      many addresses is stopped; the account still signs in from its known addresses;
    * per address (``hotline.login_max_by_ip``): an address that guesses is refused, except for
      the logins known at it — a whole office behind one NAT is not locked out by one
      guesser, only colleagues who never signed in from there wait;
    * per login and address (``hotline.login_max_by_ip_login``), known or not.

    A successful sign-in records (login, address) as known in ``hotline_login_known``
    (``hotline.login.known``, written in SQL only), for ``hotline.login_known_days``."""
    _name = 'hotline.login.failure'
    _description = 'Failed Login'
    _order = 'id desc'
    _log_access = False

    login = fields.Char(required=True, index=True, readonly=True)
    remote = fields.Char('Address', required=True, index=True, readonly=True)
    date = fields.Datetime(required=True, index=True, readonly=True,
                           default=fields.Datetime.now)

    def _param(self, key):
        value = self.env['ir.config_parameter'].sudo().get_param(key)
        try:
            return int(value)
        except (TypeError, ValueError):
            return PARAMS[key]

    def _whitelist(self):
        value = self.env['ir.config_parameter'].sudo().get_param('hotline.login_whitelist', '')
        return {item.strip() for item in value.split(',') if item.strip()}

    @api.model
    def _refused(self, remote, login):
        """Whether to refuse ``login`` from ``remote`` without checking its password. One
        indexed query; whitelisted addresses are never refused."""
        if not remote or remote in self._whitelist():
            return False
        self.env.cr.execute("""
            SELECT count(*) FILTER (WHERE remote = %(remote)s),
                   count(*) FILTER (WHERE remote = %(remote)s AND login = %(login)s),
                   count(*) FILTER (WHERE login = %(login)s),
                   EXISTS (SELECT 1 FROM hotline_login_known
                            WHERE login = %(login)s AND remote = %(remote)s
                              AND date > (now() AT TIME ZONE 'UTC')
                                         - %(known)s * interval '1 day')
              FROM hotline_login_failure
             WHERE (remote = %(remote)s OR login = %(login)s)
               AND date > (now() AT TIME ZONE 'UTC') - %(window)s * interval '1 minute'
        """, {'login': login, 'remote': remote,
              'window': self._param('hotline.login_window_minutes'),
              'known': self._param('hotline.login_known_days')})
        by_ip, by_pair, by_login, known = self.env.cr.fetchone()
        refused = by_pair >= self._param('hotline.login_max_by_ip_login') or not known and (
            by_ip >= self._param('hotline.login_max_by_ip') or
            by_login >= self._param('hotline.login_max_by_login'))
        if refused:
            _logger.warning('Login refused without checking the password: %s from %s '
                            '(%s there before); failures within the window: %d from this '
                            'address, %d of this login from it, %d of this login in all',
                            login, remote, 'signed in' if known else 'never signed in',
                            by_ip, by_pair, by_login)
        return refused

    @api.model
    def _record(self, remote, login):
        if remote and remote not in self._whitelist():
            self.create({'remote': remote, 'login': login or '?',
                         'date': fields.Datetime.now()})

    @api.model
    def _clear(self, remote, login):
        """A successful login ends the run of failures of that login from that address and
        makes the pair known (see the class)."""
        self.env.cr.execute('DELETE FROM hotline_login_failure WHERE remote = %s AND login = %s',
                            (remote, login))
        self.env.cr.execute("""
            INSERT INTO hotline_login_known (login, remote, date)
            VALUES (%s, %s, now() AT TIME ZONE 'UTC')
            ON CONFLICT (login, remote) DO UPDATE SET date = EXCLUDED.date""", (login, remote))

    @api.multi
    def action_release(self):
        """Let the addresses of the selected rows try again now."""
        remotes = list(set(self.mapped('remote')))
        self.search([('remote', 'in', remotes)]).unlink()
        return {'type': 'ir.actions.client', 'tag': 'reload'}

    @api.model
    def _cron_purge(self):
        self.env.cr.execute(
            "DELETE FROM hotline_login_failure WHERE date < (now() AT TIME ZONE 'UTC') "
            "- %s * interval '1 day'", (self._param('hotline.login_failure_keep_days'),))
        self.env.cr.execute(
            "DELETE FROM hotline_login_known WHERE date < (now() AT TIME ZONE 'UTC') "
            "- %s * interval '1 day'", (self._param('hotline.login_known_days'),))


class HotlineLoginKnown(models.Model):
    """NF-2: the (login, address) pairs that signed in successfully, written in SQL by
    ``hotline.login.failure`` at each sign-in. The model gives the table a registry entry,
    access rules (the system administrators read it, as the failed logins) and its removal
    on uninstall."""
    _name = 'hotline.login.known'
    _description = 'Known Login Address'
    _auto = False
    _log_access = False
    _order = 'date desc'

    login = fields.Char(readonly=True)
    remote = fields.Char('Address', readonly=True)
    date = fields.Datetime('Last Signed In', readonly=True)

    @api.model_cr
    def init(self):
        self.env.cr.execute("""
            CREATE TABLE IF NOT EXISTS hotline_login_known (
                id serial NOT NULL,
                login varchar NOT NULL,
                remote varchar NOT NULL,
                date timestamp NOT NULL,
                PRIMARY KEY (login, remote))""")
        # databases from before this model: the table had no id
        self.env.cr.execute('ALTER TABLE hotline_login_known ADD COLUMN IF NOT EXISTS id serial')
