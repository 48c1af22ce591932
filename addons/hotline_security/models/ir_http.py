# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import os
import time

from odoo import models
from odoo.http import SessionExpiredException, request, root

# Requests that do not count as activity: the bus poll of an open but unattended browser.
IGNORED = ('/longpolling/poll', '/longpolling/im_status')


class IrHttp(models.AbstractModel):
    _inherit = 'ir.http'

    @classmethod
    def _authenticate(cls, auth_method='user'):
        """Idle sessions end: a logged-in session whose last request is older than
        ``hotline.session_idle_seconds`` (default 7200) is logged out and the request answered
        as "session expired". Odoo keeps sessions as files; a request touches its file, the bus
        poll does not. A session not yet saved (its first request) or an anonymous visitor's
        has nothing to time out. (OCA auth_session_timeout expires those too, which turns an
        app's or a first-time visitor's public request into a log-in redirect.)"""
        result = super(IrHttp, cls)._authenticate(auth_method=auth_method)
        session = request.session
        if not session.uid:
            return result
        path = root.session_store.get_session_filename(session.sid)
        try:
            last = os.path.getmtime(path)
        except OSError:
            return result
        delay = request.env['ir.config_parameter'].sudo().get_param(
            'hotline.session_idle_seconds', '7200')
        try:
            delay = int(delay)
        except ValueError:
            delay = 7200
        if delay > 0 and last < time.time() - delay:
            session.logout(keep_db=True)
            raise SessionExpiredException('Session expired')
        if request.httprequest.path not in IGNORED:
            try:
                os.utime(path, None)
            # the session file is gone: nothing to touch; pylint: disable-next=except-pass
            except OSError:
                pass
        return result
