# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class HotlineCtiMessage(models.Model):
    """AG-6: help requests of agents to team leaders and messages of team leaders to agents
    (shown at the agent's next login if missed)."""
    _name = 'hotline.cti.message'
    _description = 'Agent Message'
    _order = 'id desc'

    agent_id = fields.Many2one('hotline.cti.agent', 'Agent', required=True, index=True,
                               ondelete='cascade')
    author_id = fields.Many2one('res.users', 'From', required=True,
                                default=lambda self: self.env.user)
    kind = fields.Selection([('help', 'Help Request'), ('message', 'Team Leader Message')],
                            required=True, default='message')
    body = fields.Text('Message', required=True)
    is_read = fields.Boolean('Read', index=True)

    @api.model
    def cti_send(self, agent_ids, body):
        """AG-6: a team leader's message to agents, pushed now and kept until read."""
        if not self.env.user.has_group('hotline_core.group_hotline_team_leader'):
            raise AccessError(_('Only team leaders can send messages to agents.'))
        if not (body or '').strip():
            raise UserError(_('The message is empty.'))
        agents = self.env['hotline.cti.agent'].browse(agent_ids)
        # sudo: agents cannot create messages for each other; the leader's right is checked
        messages = self.browse()
        for agent in agents:
            messages |= self.sudo().create({'agent_id': agent.id, 'author_id': self.env.uid,
                                            'kind': 'message', 'body': body})
        for message in messages:
            message.agent_id._cti_notify('message', {'message': message._cti_data()})
        return messages.ids

    @api.model
    def cti_help(self, body=None):
        """AG-6: the current agent asks the team leaders for help."""
        agent = self.env['hotline.cti.agent'].search([('user_id', '=', self.env.uid)], limit=1)
        if not agent:
            raise UserError(_('You have no agent seat.'))
        message = self.sudo().create({'agent_id': agent.id, 'author_id': self.env.uid,
                                      'kind': 'help',
                                      'body': body or _('Agent %s asks for help.')
                                      % agent.agent_number})
        self.env['bus.bus'].sendone((self.env.cr.dbname, 'hotline.cti.monitor'), {
            'type': 'help', 'message': message._cti_data()})
        return message.id

    @api.model
    def cti_unread(self):
        """AG-6: the team-leader messages the current agent has not read (shown at login)."""
        messages = self.search([('agent_id.user_id', '=', self.env.uid), ('kind', '=', 'message'),
                                ('is_read', '=', False)])
        return [m._cti_data() for m in messages]

    @api.model
    def cti_mark_read(self, ids):
        messages = self.search([('id', 'in', ids), ('agent_id.user_id', '=', self.env.uid)])
        # sudo: agents may only tick their own messages as read (domain above)
        messages.sudo().write({'is_read': True})
        return True

    def _cti_data(self):
        return {'id': self.id, 'kind': self.kind, 'body': self.body,
                'author': self.author_id.name, 'agent_number': self.agent_id.agent_number,
                'date': self.create_date}
