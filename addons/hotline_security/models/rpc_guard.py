# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""NF-2, issue 15: public methods of Odoo's own models that act as superuser without checking
the caller's rights, closed to remote callers.

Odoo 11 lets any signed-in user, a citizen too, call every public method of every model over
XML-RPC, JSON-RPC and ``/web/dataset/call_kw``; these few write as superuser whatever the caller
may do (found by ``tests/test_rpc_methods.py``). Server code keeps calling them as before: only
the remote entry point (``odoo.api.call_kw``, which both RPC paths use) refuses them to anyone but
an administrator (``base.group_system``) or the superuser.
"""
import functools
import logging

import odoo
from odoo import _, api, models
from odoo.exceptions import AccessError

_logger = logging.getLogger(__name__)

#: (model, method) -> why an outsider must not call it remotely
GUARDED = {
    # any user could put any notification on any channel: a fake CTI screen pop or chat message
    ('bus.bus', 'sendmany'): 'bus',
    ('bus.bus', 'sendone'): 'bus',
    # creates (and commits) an IAP account as superuser for any service name
    ('iap.account', 'get'): 'iap',
    ('iap.account', 'get_credits_url'): 'iap',
    ('iap.account', 'get_account_url'): 'iap',
    # contacts Odoo's publisher server and rewrites database.* parameters as superuser
    ('publisher_warranty.contract', 'update_notification'): 'warranty',
}


def _guarded_call_kw(call_kw):
    @functools.wraps(call_kw)
    def wrapper(model, name, args, kwargs):
        env = model.env
        if ((model._name, name) in GUARDED and 'hotline.login.failure' in env.registry
                and not env.user._is_superuser()
                and not env.user.has_group('base.group_system')):
            _logger.warning('RPC guard: user %s (uid %s) refused %s.%s', env.user.login,
                            env.uid, model._name, name)
            raise AccessError(_('Only administrators may call %(model)s.%(method)s remotely.')
                              % {'model': model._name, 'method': name})
        return call_kw(model, name, args, kwargs)
    wrapper._hotline_rpc_guard = True
    return wrapper


def install():
    """Wrap ``odoo.api.call_kw`` (XML-RPC: odoo/service/model.py looks it up at each call) and
    the name web's controllers imported (JSON-RPC ``/web/dataset/call_kw``), once."""
    if not getattr(odoo.api.call_kw, '_hotline_rpc_guard', False):
        odoo.api.call_kw = _guarded_call_kw(odoo.api.call_kw)
    try:
        from odoo.addons.web.controllers import main as web_main
    except ImportError:  # web not loaded: nothing to wrap there
        return
    if not getattr(web_main.call_kw, '_hotline_rpc_guard', False):
        web_main.call_kw = _guarded_call_kw(web_main.call_kw)


install()


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    @api.multi
    def set_values(self):
        """NF-2, issue 15: Odoo 11 checks the administrator only in ``execute``; ``set_values``
        is public, and every module's writes configuration parameters, defaults and group
        implications as superuser. Today nobody but an administrator can even create the
        settings record (base_setup's get_values reads ir.rule), so this is defence in depth
        against the next module whose get_values does not: same check as ``execute``."""
        if not self.env.user._is_superuser() and not self.env.user.has_group('base.group_system'):
            raise AccessError(_('Only administrators can change the settings'))
        return super().set_values()
