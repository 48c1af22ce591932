# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..tools.orm import (
    EMPTY_X2MANY,
    cache_new_record,
    fresh_insert,
    fresh_modified,
    recompute_together,
)
from ..tools.phone import phone_variants

# The centre's staff (the hotline administrator implies the agent through the team leader).
CENTRE = ('hotline_core.group_hotline_agent,hotline_core.group_hotline_dispatcher,'
          'hotline_core.group_hotline_supervisor')
# Who reads requests: the centre, the units (their own, by record rule), citizens (theirs).
TICKET_READERS = CENTRE + ',hotline_core.group_hotline_unit_handler,base.group_portal'


class ResPartner(models.Model):
    """CZ-1, CZ-5: citizens, enterprises and service organisations are partners, so that
    portal, mail, followers and phone widgets work for them."""
    _name = 'res.partner'
    _inherit = ['res.partner', 'hotline.phone.mixin']
    _hotline_phone_fields = {'phone': True, 'mobile': True}

    # Indexed because the screen pop and duplicate screening look callers up by number.
    phone = fields.Char(index=True)
    mobile = fields.Char(index=True)
    hotline_resource_type = fields.Selection([
        ('citizen', 'Citizen'),
        ('enterprise', 'Enterprise'),
        ('organisation', 'Service organisation'),
    ], index=True,
        help='Set for the citizens, enterprises and organisations known to the hotline.')
    hotline_gender = fields.Selection([
        ('male', 'Male'),
        ('female', 'Female'),
        ('unknown', 'Unknown'),
    ], string='Gender')
    citizen_level = fields.Selection([
        ('normal', 'Normal'),
        ('vip', 'VIP'),
        ('sensitive', 'Sensitive'),
    ], default='normal',
        help='VIP callers are answered first; sensitive callers are handled by team leaders.')
    work_unit = fields.Char()
    id_number = fields.Char('ID Number', groups='hotline_core.group_hotline_user')
    # The citizen's file is the centre's: each field is readable by the roles that may read
    # what it shows, so that reading a partner (or one's own user) with all its fields — as
    # generic clients such as odoorpc's ``env.user`` and "all fields" screens do — never
    # fails for a unit clerk, the KB administrator or a citizen (NF-2).
    hotline_contact_ids = fields.One2many(
        'hotline.citizen.contact', 'partner_id', 'Related Contacts', groups=CENTRE)
    hotline_ticket_ids = fields.One2many('hotline.ticket', 'partner_id', 'Requests',
                                         groups=TICKET_READERS)
    hotline_ticket_count = fields.Integer('Requests', compute='_compute_hotline_ticket_count',
                                          groups=TICKET_READERS)
    hotline_history_ids = fields.One2many(
        'hotline.contact.history', 'partner_id', 'Contact History', readonly=True,
        groups=CENTRE)
    hotline_blacklisted = fields.Boolean(
        'Blacklisted', compute='_compute_hotline_blacklisted', groups=CENTRE)

    def _compute_hotline_ticket_count(self):
        data = self.env['hotline.ticket'].read_group(
            [('partner_id', 'in', self.ids)], ['partner_id'], ['partner_id'])
        counts = {d['partner_id'][0]: d['partner_id_count'] for d in data}
        for partner in self:
            partner.hotline_ticket_count = counts.get(partner.id, 0)

    def _compute_hotline_blacklisted(self):
        # sudo: only whether the number is blacklisted is shown, to centre staff (groups)
        blacklist = self.env['hotline.blacklist'].sudo()
        for partner in self:
            numbers = [n for n in (partner.phone, partner.mobile) if n]
            partner.hotline_blacklisted = bool(numbers and blacklist.search_count(
                blacklist._current_domain() + [('phone', 'in', numbers)]))

    @api.model
    def _get_default_image(self, partner_type, is_company, parent_id):
        """Issue 19: a citizen profile made by registering a request gets no generated
        avatar (three image attachments and a resize on the hottest path); the form
        shows the placeholder, as for a partner created during tests."""
        if self.env.context.get('hotline_no_avatar'):
            return False
        return super()._get_default_image(partner_type, is_company, parent_id)

    @api.model
    def _create(self, vals):
        """Issue 19: a citizen profile made by registering a request writes the six stored
        fields Odoo computes for a new partner (display name, commercial partner …) with
        one UPDATE instead of one each, and does not look for records referring to it."""
        if not self.env.context.get('hotline_no_avatar'):
            return super()._create(vals)
        # no x2many in a registration's profile values (the default tags are an empty
        # command): nothing refers to it yet
        fresh = not any(self._fields[name].type in ('one2many', 'many2many')
                        and vals[name] not in EMPTY_X2MANY
                        for name in vals if name in self._fields)
        with self.env.norecompute(), fresh_insert(self, empty_x2many=fresh):
            new_id = super()._create(vals)
        record = self.browse(new_id)
        cache_new_record(record, vals)
        if self.env.recompute and self._context.get('recompute', True):
            recompute_together(record, fresh=fresh)
            self.recompute()
        return new_id

    def modified(self, fnames):
        if not fresh_modified(self, fnames):  # issue 19: see _create
            return super().modified(fnames)
        return None

    @api.multi
    def _notify_by_chat(self, message):
        """Issue 19: Odoo 11 formats the message for the inbox even when nobody is to get
        it (every chatter line of a request its author alone follows)."""
        if not self:
            return True
        return super()._notify_by_chat(message)

    @api.model
    @api.returns('self', lambda records: records.ids)
    def hotline_find_by_phone(self, number, limit=10):
        """IF-1, AG-3: the partners (citizens first) whose phone, mobile or related contact
        has this number, in whatever form the caller's number arrives.

        NF-2: the caller's rights decide — he must be allowed to read partners, and only
        the partners (and related contacts) his record rules show him come back: a unit
        clerk finds the citizens of his own requests, nobody else's."""
        self.check_access_rights('read')
        numbers = phone_variants(number)
        if not numbers:
            return self.browse()
        partners = self.search(
            ['|', ('phone', 'in', numbers), ('mobile', 'in', numbers)],
            order='hotline_resource_type, id desc', limit=limit)
        contacts = self.env['hotline.citizen.contact']
        if not partners and contacts.check_access_rights('read', raise_exception=False):
            contacts = contacts.search(
                [('phone', 'in', numbers)], limit=limit)
            partners = contacts.mapped('partner_id')
        return partners

    @api.multi
    def action_view_hotline_tickets(self):
        self.ensure_one()
        action = self.env.ref('hotline_core.hotline_ticket_action').read()[0]
        action['domain'] = [('partner_id', '=', self.id)]
        action['context'] = {'default_partner_id': self.id}
        return action
