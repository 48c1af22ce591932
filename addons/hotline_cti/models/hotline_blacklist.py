# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models

from .hotline_cti_agent import ON_CALL_STATES


class HotlineBlacklist(models.Model):
    """AG-10, AG-12: a blacklisted caller routed "to an agent" reaches the seat set here
    (the team's designated agent for harassing callers), not a number written in the
    dialplan."""
    _inherit = 'hotline.blacklist'

    agent_id = fields.Many2one(
        'hotline.cti.agent', 'Designated Agent', ondelete='set null',
        track_visibility='onchange',
        help='For "Route to agent": the seat whose phone rings for this caller. Without '
             'one, or while that seat is signed out or on another call, the caller reaches '
             'the voicemail.')

    @api.model
    def _cti_agent_target(self, entry_id):
        """AG-10, AG-12: the phone (queue member interface, e.g. PJSIP/8009) the dialplan
        dials for the blacklist entry ``entry_id`` routed "to an agent", or '' when its
        designated seat is missing, signed out or already on a call."""
        agent = self.browse(entry_id).agent_id
        if not agent or agent.state == 'logout' or agent.state in ON_CALL_STATES:
            return ''
        return agent.extension or ''

    def _cti_note_voicemail(self, call):
        """AG-10, AG-11: a blacklisted caller's voicemail is kept (the recording on the call
        record) and noted on the entry for whoever keeps the blacklist, instead of becoming a
        call-back request."""
        for entry in self:
            entry.message_post(body=_(
                'Voicemail left by this blacklisted number (call record %(call)s%(recording)s). '
                'No call-back request was made: listen to it and register a request if it '
                'holds a genuine matter.') % {
                    'call': call.uniqueid,
                    'recording': call.recording_url and ', %s' % call.recording_url or ''})
