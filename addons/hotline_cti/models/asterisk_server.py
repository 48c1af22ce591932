# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..bridge.ami import AmiError, ami_action

_logger = logging.getLogger(__name__)


class AsteriskServer(models.Model):
    """AG-1: the PBXs of the centre (asterisk_click2dial's model), extended with what the
    bridge needs. Several PBXs may be bridged at once."""
    _inherit = 'asterisk.server'

    # The AMI secret gives full control of the PBX: only system administrators read it.
    password = fields.Char(groups='base.group_system')
    cti_enabled = fields.Boolean(
        'Bridge Events', help='The hotline_cti bridge follows the events of this PBX.')
    recording_url = fields.Char(
        'Recording URL Pattern', default='/hotline_cti/recording/{uniqueid}',
        help='Where a call recording made by MixMonitor is fetched; {uniqueid} is the '
             'Uniqueid of the caller\'s channel.')
    recording_path = fields.Char(
        'Recording Folder', default='/var/spool/asterisk/monitor',
        help='Folder where MixMonitor writes {uniqueid}.wav, readable by Odoo.')
    cti_state = fields.Selection([
        ('connected', 'Connected'),
        ('disconnected', 'Disconnected'),
    ], 'PBX Connection', default='disconnected', readonly=True)
    cti_state_date = fields.Datetime('Connection Changed', readonly=True)
    queue_ids = fields.One2many('hotline.cti.queue', 'server_id', 'Queues')

    @api.multi
    def _cti_action(self, action, **headers):
        """AG-1, AG-2, AG-5, AG-7: send one AMI action and return the response; a clerk
        reads the error when the PBX refuses or is unreachable."""
        self.ensure_one()
        # sudo: the secret is hidden from agents, yet their buttons must reach the PBX;
        # the action itself is chosen by the calling method, never by the client.
        server = self.sudo()
        try:
            return ami_action(server.ip_address, server.port, server.login, server.password,
                              action, **headers)
        except AmiError as e:
            if e.unreachable:
                # the clerk cannot act on "[Errno 111] Connection refused"; the log keeps it
                _logger.warning('PBX %s (%s:%s) unreachable for %s: %s', server.name,
                                server.ip_address, server.port, action, e)
                raise UserError(_('The telephone system cannot be reached at the moment. '
                                  'Try again in a minute; if it persists, tell the system '
                                  'administrator.'))
            raise UserError(_('The telephone system did not accept the request (%(action)s): '
                              '%(error)s') % {'action': action, 'error': e})

    @api.multi
    def _cti_set_connection(self, state):
        for server in self:
            if server.cti_state != state:
                server.write({'cti_state': state, 'cti_state_date': fields.Datetime.now()})
        self.env['hotline.cti.agent']._cti_notify_monitor()
