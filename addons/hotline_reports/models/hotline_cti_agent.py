# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.http import request


class HotlineCtiAgent(models.Model):
    _inherit = 'hotline.cti.agent'

    @api.multi
    def _cti_set_state(self, state, reason=None, call=None, notify=True):
        """ST-2: every real state change of a seat is also a period of the state log."""
        changed = self.filtered(lambda agent: agent.state != state
                                or (state == 'paused' and agent.pause_reason != reason))
        res = super()._cti_set_state(state, reason=reason, call=call, notify=notify)
        # the seat's computer when the agent acted from the web client; none from the PBX
        ip_address = request.httprequest.remote_addr if request else None
        Log = self.env['hotline.agent.state.log']
        for agent in changed:
            Log._log_transition(agent, state, reason=reason, ip_address=ip_address)
        return res
