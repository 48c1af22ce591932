# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import threading

from odoo import SUPERUSER_ID, api, models
from odoo.exceptions import AccessDenied
from odoo.http import request
from odoo.service import wsgi_server

from odoo.addons.base.res.res_users import Users as BaseUsers

_local = threading.local()

# Odoo's stock demo accounts (password = login, known to everyone): base's employee "demo" and
# the portal user "portal". The hotline's documented demo logins are in README.md.
STOCK_DEMO_USERS = ('base.user_demo', 'base.demo_user0')


def _remember_environ(application):
    """XML-RPC calls run without odoo.http.request: keep the WSGI environ of the current
    request in a thread-local so that their failed logins are counted by address too
    (behind the proxy, proxy_mode has already put the client's address in REMOTE_ADDR)."""
    def application_unproxied(environ, start_response):
        _local.environ = environ
        try:
            return application(environ, start_response)
        finally:
            _local.environ = None
    application_unproxied.hotline_security = True
    return application_unproxied


if not getattr(wsgi_server.application_unproxied, 'hotline_security', False):
    wsgi_server.application_unproxied = _remember_environ(wsgi_server.application_unproxied)


def _remote_address():
    try:
        if request and request.httprequest:
            return request.httprequest.remote_addr
    except RuntimeError:  # no request bound to this thread: no address; pylint: disable=except-pass
        pass
    environ = getattr(_local, 'environ', None)
    return environ.get('REMOTE_ADDR') if environ else None


def _first_failure_of_request(login):
    """One failure per login and HTTP request, however many times the log-in page's
    controllers ask (the web client's and add-ons' overrides may authenticate again)."""
    try:
        if not request:
            return True
        seen = getattr(request, '_hotline_failed_logins', None)
        if seen is None:
            seen = set()
            setattr(request, '_hotline_failed_logins', seen)
    except RuntimeError:  # no request bound to this thread
        return True
    if login in seen:
        return False
    seen.add(login)
    return True


class ResUsers(models.Model):
    _inherit = 'res.users'

    @api.model
    def _hotline_retire_stock_demo_users(self):
        """NF-2 (issue 15): a demo database has no account whose password anyone can guess
        except the documented demo logins: Odoo's stock demo users are deactivated (not
        deleted: Odoo's demo records point to them), so neither the log-in page nor XML-RPC
        accepts them."""
        for xmlid in STOCK_DEMO_USERS:
            user = self.env.ref(xmlid, raise_if_not_found=False)
            if user and user.active:
                user.write({'active': False})

    @classmethod
    def _login_guard(cls, method, *args):
        with cls.pool.cursor() as cr:
            return method(api.Environment(cr, SUPERUSER_ID, {})['hotline.login.failure'], *args)

    @classmethod
    def _login(cls, db, login, password):
        """Web and XML-RPC log-ins: guessing (per address, per login, per both: see
        hotline.login.failure) is refused without the password being checked; every failure is
        recorded in its own transaction, a success makes the login known at the address."""
        remote = _remote_address()
        if remote and cls._login_guard(lambda F: F._refused(remote, login)):
            return False
        uid = super(ResUsers, cls)._login(db, login, password)
        if remote:
            if uid:
                cls._login_guard(lambda F: F._clear(remote, login))
            elif _first_failure_of_request(login):
                cls._login_guard(lambda F: F._record(remote, login))
        return uid

    @classmethod
    def check(cls, db, uid, passwd):
        """Every XML-RPC call carries uid and password: guessing through it counts too. A
        pair Odoo has already verified (its cache) costs nothing more."""
        if passwd and BaseUsers._Users__uid_cache[db].get(uid) == passwd:
            return super(ResUsers, cls).check(db, uid, passwd)
        remote = _remote_address()
        if not remote:
            return super(ResUsers, cls).check(db, uid, passwd)

        def login_and_refusal(failures):
            failures.env.cr.execute('SELECT login FROM res_users WHERE id = %s', (uid,))
            row = failures.env.cr.fetchone()
            login = row[0] if row else 'uid %s' % uid
            return login, failures._refused(remote, login)
        login, refused = cls._login_guard(login_and_refusal)
        if refused:
            raise AccessDenied()
        try:
            result = super(ResUsers, cls).check(db, uid, passwd)
        except AccessDenied:
            cls._login_guard(lambda F: F._record(remote, login))
            raise
        cls._login_guard(lambda F: F._clear(remote, login))
        return result
