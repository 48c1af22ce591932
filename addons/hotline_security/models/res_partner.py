# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import copy

from odoo import api, fields, models, tools

from .hotline_document_access import readable_query


class ResPartner(models.Model):
    """NF-2, CZ-1: the citizen directory is the centre's, not every unit's.

    Odoo 11 lets every employee read every partner: a unit clerk of another district listed
    all citizens with their mobiles. The record rule of ``security/hardening_partner.xml``
    gives a unit user the partners his work needs: his own, his company's, the staff's (the
    authors of the chatter he reads, the users he hands work to) and the citizens of the
    requests he may read — under the requests' own rules, as one sub-select."""
    _inherit = 'res.partner'

    hotline_reader_ids = fields.Many2many(
        'res.users', string='Readers', compute='_compute_hotline_reader_ids',
        search='_search_hotline_reader_ids',
        help='Search only: the unit users whose work needs this partner (its record rule '
             'looks at it).')

    def _compute_hotline_reader_ids(self):
        # Only the current user can be told cheaply: the field exists for its search.
        readable = self.search([('id', 'in', self.ids)]) if self.ids else self.browse()
        for partner in self:
            partner.hotline_reader_ids = self.env.user if partner in readable else False

    def _search_hotline_reader_ids(self, operator, value):
        """NF-2: the partners that unit user ``value`` needs, as one sub-select."""
        if operator not in ('=', 'in') or not value:
            raise NotImplementedError(
                'res.partner.hotline_reader_ids: operator %r with %r not supported'
                % (operator, value))
        uid = value if isinstance(value, int) else list(value)[0]
        # a copy: expression parsing must not touch the cached domain
        return copy.deepcopy(self._hotline_reader_domain(uid))

    @api.model
    @tools.ormcache('uid')
    def _hotline_reader_domain(self, uid):
        """The domain of ``_search_hotline_reader_ids``, cached per user like the record
        rules it is made of (``ir.rule``'s own cache, cleared with it)."""
        # sudo: the user's own partner and company, to name them in the query
        user = self.env['res.users'].sudo().browse(uid)
        parts = [
            'SELECT %s',
            'SELECT %s',
            'SELECT partner_id FROM res_company',
            'SELECT partner_id FROM res_users WHERE share IS NOT TRUE',
        ]
        params = [user.partner_id.id, user.partner_id.commercial_partner_id.id]
        tickets = readable_query(self.env, 'hotline.ticket', uid)
        if tickets is True:
            parts.append('SELECT partner_id FROM hotline_ticket WHERE partner_id IS NOT NULL')
        elif tickets:
            parts.append('SELECT partner_id FROM hotline_ticket WHERE partner_id IS NOT NULL '
                         'AND id IN (%s)' % tickets[0])
            params += tickets[1]
        return [('id', 'inselect', (' UNION '.join(parts), params))]

    @api.multi
    def _hotline_readers_of(self, message):
        """NF-2: these partners but the unit users who may not read the message's document —
        a clerk who once followed a request that has since left his unit (or followed it
        before following was checked) is not sent its messages."""
        if not self or not (message.model and message.res_id) \
                or message.model not in self.env:
            return self
        unit_group = self.env.ref('hotline_core.group_hotline_unit_handler')
        centre_groups = (self.env.ref('hotline_core.group_hotline_agent')
                         | self.env.ref('hotline_core.group_hotline_dispatcher')
                         | self.env.ref('hotline_core.group_hotline_supervisor'))
        refused = self.browse()
        # sudo: the recipients' users and groups are read to decide, as Odoo's own _notify does
        for partner in self.sudo():
            user = partner.user_ids[:1]
            if not user or unit_group not in user.groups_id or centre_groups & user.groups_id:
                continue
            document = self.env[message.model].sudo(user).with_context(active_test=False)
            if (not document.check_access_rights('read', raise_exception=False)
                    or not document.search_count([('id', '=', message.res_id)])):
                refused |= partner
        return self - refused

    @api.multi
    def _notify(self, message, force_send=False, send_after_commit=True, user_signature=True):
        return super(ResPartner, self._hotline_readers_of(message))._notify(
            message, force_send=force_send, send_after_commit=send_after_commit,
            user_signature=user_signature)

    @api.multi
    def _notify_by_chat(self, message):
        return super(ResPartner, self._hotline_readers_of(message))._notify_by_chat(message)
