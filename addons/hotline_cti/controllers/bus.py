# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo.http import request

from odoo.addons.mail.controllers.bus import MailChatController


class HotlineCtiBusController(MailChatController):
    """AG-3, MO-1: every logged-in user listens on their own CTI channel; team leaders and
    supervisors also on the monitor channel. A browser cannot subscribe to someone else's
    channel: channels are added here from the session's user, not from the client."""

    def _poll(self, dbname, channels, last, options):
        if request.session.uid:
            user = request.env.user
            channels = [c for c in channels if not (
                isinstance(c, (list, tuple)) and len(c) > 1 and
                str(c[1]).startswith('hotline.cti'))]
            channels.append((request.db, 'hotline.cti', user.partner_id.id))
            if user.has_group('hotline_core.group_hotline_team_leader') or \
                    user.has_group('hotline_core.group_hotline_supervisor'):
                channels.append((request.db, 'hotline.cti.monitor'))
        return super()._poll(dbname, channels, last, options)
