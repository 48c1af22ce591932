# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""Process-wide hardening of Odoo 11's HTTP and RPC services (NF-2, issue 15).

Odoo 11 gets no security fixes any more; these two patches close what its services leave open
to anonymous callers. They apply from the moment the module's code is imported, i.e. once the
registry of a database that has hotline_security installed is loaded (``./hotline run`` and the
production nodes preload theirs with ``-d`` / ``db_name``).

* ``/xmlrpc/2/db`` answers ``db_exist`` and ``server_version`` to anybody: a scanner learns
  which databases exist and the exact Odoo version to pick its exploits. Both are refused
  (``AccessDenied``); ``/web/webclient/version_info`` (JSON-RPC, used by odoorpc) and the web
  client keep working. ``list`` stays governed by ``list_db`` (off here).
* The session id is not rotated at login (session fixation): whoever planted a session id in a
  victim's browser before the victim signed in would share the victim's session. On every
  successful ``session.authenticate`` (the log-in page, ``/web/session/authenticate``, sign-up
  and password reset) the session gets a new id, the old session file is removed, and the
  response carries the new id (cookie and, for JSON-RPC, ``session_id`` of the session info).
"""
import logging

import odoo
from odoo import http
from odoo.exceptions import AccessDenied
from odoo.service import db as db_service, security

_logger = logging.getLogger(__name__)

REFUSED_DB_METHODS = ('db_exist', 'server_version')


def _hotline_db_dispatch(dispatch):
    def dispatch_guarded(method, params):
        if method in REFUSED_DB_METHODS:
            _logger.warning('Refused anonymous /xmlrpc/2/db %s', method)
            raise AccessDenied()
        return dispatch(method, params)
    dispatch_guarded.hotline_security = True
    return dispatch_guarded


if not getattr(db_service.dispatch, 'hotline_security', False):
    db_service.dispatch = _hotline_db_dispatch(db_service.dispatch)


def _installed(db):
    """Whether hotline_security is installed in ``db`` (its registry has our model): the
    patch does nothing for another database served by the same process."""
    registry = odoo.modules.registry.Registry.registries.get(db)
    return registry is not None and 'hotline.login.failure' in registry


def rotate_session(session):
    """Give the signed-in ``session`` a new id and forget the old one (its file is removed);
    its token, an HMAC of the id, is computed again for the new id."""
    store = http.root.session_store
    store.delete(session)
    session.sid = store.generate_key()
    session.session_token = security.compute_session_token(session, http.request.env)
    session.modified = True


def _hotline_authenticate(authenticate):
    def authenticate_and_rotate(self, db, login=None, password=None, uid=None):
        result = authenticate(self, db, login=login, password=password, uid=uid)
        if result and _installed(db):
            rotate_session(self)
        return result
    authenticate_and_rotate.hotline_security = True
    return authenticate_and_rotate


if not getattr(http.OpenERPSession.authenticate, 'hotline_security', False):
    http.OpenERPSession.authenticate = _hotline_authenticate(http.OpenERPSession.authenticate)
