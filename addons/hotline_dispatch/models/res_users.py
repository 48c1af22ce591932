# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, models

DESK_ACTION = 'hotline_dispatch.hotline_desk_queue_action'
# The home actions a hotline user had before the desks (issue #16): replaced by the desk.
OLD_HOMES = ('hotline_core.hotline_ticket_action',)


class ResUsers(models.Model):
    """Issue #16: every hotline role lands on its own desk (我的工作台) after logging in."""
    _inherit = 'res.users'

    @api.model
    def create(self, vals):
        user = super().create(vals)
        user._hotline_set_desk_home()
        return user

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        if 'groups_id' in vals or any(key.startswith(('in_group_', 'sel_groups_'))
                                      for key in vals):
            self._hotline_set_desk_home()
        return result

    @api.multi
    def _hotline_set_desk_home(self):
        """Give the desk as home action to the hotline users of self that have none (or the
        old default, the big request list); a home action chosen by an administrator stays."""
        desk = self.env.ref(DESK_ACTION, raise_if_not_found=False)
        if not desk:
            return
        old = [self.env.ref(x, raise_if_not_found=False) for x in OLD_HOMES]
        old_ids = {action.id for action in old if action}
        group = self.env.ref('hotline_core.group_hotline_user')
        users = self.sudo().filtered(lambda u: group in u.groups_id and (
            not u.action_id or u.action_id.id in old_ids))
        if users:
            # sudo: only the home action is written, to the desk every hotline user may open;
            # the caller already had the right to change these users' groups.
            super(ResUsers, users.sudo()).write({'action_id': desk.id})

    @api.model
    def _hotline_set_desk_home_all(self):
        """Called at every install/update of hotline_dispatch (data/res_users_data.xml)."""
        users = self.with_context(active_test=False).search([('share', '=', False)])
        users._hotline_set_desk_home()
