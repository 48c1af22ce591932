# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models

_logger = logging.getLogger(__name__)

PARAMS = {
    # failures in the window from one address (any login) before it is refused
    'hotline.login_max_by_ip': 50,
    # failures in the window for one login from one address before that pair is refused
    'hotline.login_max_by_ip_login': 10,
    'hotline.login_window_minutes': 60,
    'hotline.login_failure_keep_days': 90,
}


class HotlineLoginFailure(models.Model):
    """Failed logins (web, XML-RPC, JSON-RPC), one row each: the evidence for refusing an
    address that guesses passwords, and for the administrator who looks at attacks.
    Successful logins write nothing here."""
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
        """Whether this address (or this address and login) has failed too often within the
        window. One indexed query; whitelisted addresses are never refused."""
        if not remote or remote in self._whitelist():
            return False
        self.env.cr.execute("""
            SELECT count(*), count(*) FILTER (WHERE login = %s)
              FROM hotline_login_failure
             WHERE remote = %s AND date > (now() AT TIME ZONE 'UTC') - %s * interval '1 minute'
        """, (login, remote, self._param('hotline.login_window_minutes')))
        by_ip, by_pair = self.env.cr.fetchone()
        refused = (by_ip >= self._param('hotline.login_max_by_ip') or
                   by_pair >= self._param('hotline.login_max_by_ip_login'))
        if refused:
            _logger.warning('Login refused without checking the password: %s from %s has '
                            'failed %d times (%d for this login) within the window',
                            login, remote, by_ip, by_pair)
        return refused

    @api.model
    def _record(self, remote, login):
        if remote and remote not in self._whitelist():
            self.create({'remote': remote, 'login': login or '?',
                         'date': fields.Datetime.now()})

    @api.model
    def _clear(self, remote, login):
        """A successful login ends the run of failures of that login from that address."""
        self.env.cr.execute('DELETE FROM hotline_login_failure WHERE remote = %s AND login = %s',
                            (remote, login))

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
