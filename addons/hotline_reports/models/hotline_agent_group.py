# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HotlineAgentGroup(models.Model):
    """KP-1, ST-4: a group of agents (坐席组) assessed together; the centre's score is made
    from the groups' scores."""
    _name = 'hotline.agent.group'
    _description = 'Agent Group'
    _order = 'sequence, name'

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    leader_id = fields.Many2one('res.users', 'Team Leader')
    user_ids = fields.Many2many(
        'res.users', 'hotline_agent_group_user_rel', 'group_id', 'user_id', 'Agents',
        help='The agents whose requests and calls count for the group.')
    queue_ids = fields.Many2many(
        'hotline.cti.queue', 'hotline_agent_group_queue_rel', 'group_id', 'queue_id',
        'Queues', help='Calls abandoned in these queues count against the group’s '
                       'timely answer rate.')
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('name_uniq', 'unique(name)', 'An agent group name is unique.'),
    ]
