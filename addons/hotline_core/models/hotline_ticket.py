# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""The citizen's request (hotline.ticket): fields, computes, duplicate screening (TK-6),
registration (create / write), the state machine's table and trail (TK-4, TK-5, TK-9), the
agent's buttons and the integrator API (IF-1).

Longer than ~500 lines on purpose: this is the model every other module extends, and its
registration path (create, the precomputed INSERT, the chatter line and the audit record of
issue 19) reads the fields, the duplicate counters and the trail in one transaction; keeping
them in one file keeps that hot path readable end to end. The workflow mechanism itself lives
in hotline_workflow_mixin.py; the dispatch loop, supervision and portal extend this model in
their own modules, each split by concern.
"""
import datetime

import pytz
from psycopg2 import sql

from odoo import SUPERUSER_ID, _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.orm import cache_new_record, fresh_insert, fresh_modified, recompute_together
from ..tools.phone import PhoneError, is_mobile
from ..tools.text import title_keywords
from ..tools.workflow import Transition

TICKET_TYPES = [
    ('consult', 'Consultation'),
    ('complaint', 'Complaint'),
    ('report', 'Report'),
    ('appeal', 'Appeal'),
    ('help', 'Request for help'),
    ('suggestion', 'Suggestion'),
    ('praise', 'Praise'),
    ('message', 'Message'),
]
CHANNELS = [
    ('phone', 'Phone'),
    ('web', 'Website'),
    ('wechat', 'WeChat'),
    ('app', 'Mobile app'),
    ('sms', 'SMS'),
    ('email', 'E-mail'),
    ('mailbox', "Mayor's mailbox"),
    ('hotline', 'Other hotline'),
    ('police', '110 linkage'),
    ('other', 'Other'),
]
# Channels where the citizen types the phone number himself: it does not identify him.
SELF_SERVICE_CHANNELS = ('web', 'wechat', 'app', 'email', 'mailbox')
STATES = [
    ('draft', 'Draft'),
    ('submitted', 'Submitted to office'),
    ('refuse_pending', 'Not accepted, to confirm'),
    ('refused', 'Not accepted'),
    ('done', 'Closed'),
]
# Named groups of the states above, for the other modules' domains and SQL (state codes are
# typed here only): a request being written; one closed and archived; one registered that
# nobody has taken up yet (a citizen's new message about it joins it).
DRAFT_STATES = ('draft',)
DONE_STATES = ('done',)
WAITING_STATES = ('draft', 'submitted')
PROCESS_STATES = [
    ('unprocessed', 'Unprocessed'),
    ('in_process', 'In process'),
    ('done', 'Done'),
]
SUPERVISION_STATES = [
    ('normal', 'Normal'),
    ('overdue', 'Overdue'),
    ('perfunctory', 'Perfunctory reply'),
    ('wrong', 'Wrong reply'),
]
HOTLINE_TZ = 'Asia/Shanghai'
# Bookkeeping fields of Odoo's mixins, meaningless to group requests by (issue 16).
TECHNICAL_PREFIXES = ('message_', 'activity_', 'website_message')


def _create_logged(env):
    """Issue 19: the ids of the requests being created whose creation line is posted,
    kept for the transaction (``env.all``) while their ``create`` runs."""
    logged = getattr(env.all, 'hotline_create_logged', None)
    if logged is None:
        logged = env.all.hotline_create_logged = set()
    return logged


def _pop_logged(logged, ticket_id):
    """Whether the creation line of ``ticket_id`` was posted; forgets it."""
    if ticket_id in logged:
        logged.discard(ticket_id)
        return True
    return False


class HotlineTicket(models.Model):
    """TK-1…TK-9, CH-14: a citizen's request (诉求单), from registration to closing."""
    _name = 'hotline.ticket'
    _description = 'Citizen Request'
    _inherit = ['mail.thread', 'mail.activity.mixin', 'hotline.phone.mixin',
                'hotline.workflow.mixin']
    # The PBX may send extensions or withheld numbers as caller: keep what cannot be parsed.
    _hotline_phone_fields = {'contact_phone': True, 'caller_number': False}
    _order = 'register_date desc, id desc'
    # fields for the machine (keywords, other systems' ids, colours), not to group by;
    # modules add theirs
    _hotline_technical_fields = ('color', 'title_keywords', 'content_keywords',
                                 'wechat_openid', 'contact_phone_copied', 'dup_window_days')

    # -- identity
    name = fields.Char(
        'Number', required=True, readonly=True, copy=False, index=True, default='/')
    title = fields.Char(required=True, track_visibility='onchange')
    title_keywords = fields.Char(
        compute='_compute_title_keywords', store=True,
        help='Words of the title (jieba), used to find requests about the same matter.')
    ticket_type = fields.Selection(
        TICKET_TYPES, 'Request Type', required=True, default='consult', index=True,
        track_visibility='onchange')
    channel = fields.Selection(
        CHANNELS, required=True, default='phone', index=True, track_visibility='onchange')
    content = fields.Text(required=True)
    reply = fields.Text('Answer', help='The answer given to the citizen.')
    urgent = fields.Boolean(index=True, track_visibility='onchange')
    typical_recording = fields.Boolean(
        help='Mark the call recording as a typical case for training.')
    recording_url = fields.Char('Recording')
    has_recording = fields.Boolean(compute='_compute_has_recording', store=True)
    register_date = fields.Datetime(
        'Registered On', required=True, default=fields.Datetime.now, index=True, readonly=True)
    user_id = fields.Many2one(
        'res.users', 'Registered By', default=lambda self: self.env.user, index=True,
        readonly=True, track_visibility='onchange')
    date_done = fields.Datetime('Closed On', readonly=True, copy=False)
    date_deadline = fields.Datetime(
        'Deadline', index=True, copy=False, track_visibility='onchange',
        help='Set from the time-limit policy when the request is dispatched.')
    color = fields.Integer()

    # -- citizen (copied from and to the profile)
    partner_id = fields.Many2one(
        'res.partner', 'Citizen', index=True, track_visibility='onchange',
        domain=[('hotline_resource_type', '!=', False)])
    caller_number = fields.Char(
        index=True, help='The number the request came from (E.164).')
    contact_name = fields.Char(index=True)
    contact_phone = fields.Char(index=True)
    contact_gender = fields.Selection(
        [('male', 'Male'), ('female', 'Female'), ('unknown', 'Unknown')], 'Gender')
    contact_email = fields.Char('Contact E-mail')
    contact_address = fields.Char()
    citizen_level = fields.Selection(related='partner_id.citizen_level', readonly=True)
    anonymous = fields.Boolean(help='The citizen asked not to be identified to units.')

    # -- where and who
    bureau_id = fields.Many2one(
        'hotline.unit', 'Responsible Bureau', index=True,
        domain=[('unit_type', '=', 'bureau')], track_visibility='onchange')
    location_id = fields.Many2one('hotline.location', 'Location', index=True)
    address = fields.Char('Incident Address')
    category_id = fields.Many2one(
        'hotline.category', 'Category', index=True, track_visibility='onchange')
    unit_ids = fields.Many2many(
        'hotline.unit', 'hotline_ticket_unit_rel', 'ticket_id', 'unit_id',
        'Units Involved', copy=False, readonly=True,
        help='Every unit the request was dispatched or copied to; unit users see a request '
             'when one of these is their unit or one of its sub-units.')

    # -- state (TK-8: two dimensions)
    state = fields.Selection(
        STATES, required=True, default='draft', index=True, copy=False,
        track_visibility='onchange')
    process_state = fields.Selection(
        PROCESS_STATES, 'Processing', compute='_compute_process_state', store=True,
        index=True)
    supervision_state = fields.Selection(
        SUPERVISION_STATES, 'Supervision', required=True, default='normal', index=True,
        copy=False, track_visibility='onchange')
    is_overdue = fields.Boolean(compute='_compute_is_overdue', search='_search_is_overdue')
    not_accepted_reason_id = fields.Many2one(
        'hotline.not.accepted.reason', 'Reason Not Accepted', copy=False,
        track_visibility='onchange')
    not_accepted_detail = fields.Text('Details Not Accepted', copy=False)

    # -- trail and extras
    step_ids = fields.One2many('hotline.ticket.step', 'ticket_id', 'Trail', readonly=True)
    field_value_ids = fields.One2many(
        'hotline.ticket.field.value', 'ticket_id', 'Extended Fields', copy=True)

    # -- duplicate screening (TK-6), computed while the agent types; one counter per input so
    # that typing the name does not re-run the title query
    dup_window_days = fields.Integer('Screening Window (days)', compute='_compute_dup_window')
    dup_phone_count = fields.Integer('Same Number', compute='_compute_dup_phone_count')
    dup_name_count = fields.Integer('Same Name', compute='_compute_dup_name_count')
    dup_content_count = fields.Integer('Similar Content', compute='_compute_dup_content_count')
    # TK-6, issue 16: the contact phone is the caller number, copied; correcting the caller
    # number (while the form is open) corrects it too. No dependency: onchanges keep it.
    contact_phone_copied = fields.Boolean(
        'Contact Phone Copied from Caller', compute='_compute_contact_phone_copied')

    _sql_constraints = [
        ('name_uniq', 'unique(name)', 'The request number must be unique.'),
    ]

    # ------------------------------------------------------------------ init
    @api.model_cr
    def init(self):
        """TK-6: the indexes duplicate screening and the default list rely on."""
        cr = self._cr
        for name, definition in [
            ('hotline_ticket_phone_date_idx',
             '(contact_phone, register_date DESC) WHERE contact_phone IS NOT NULL'),
            ('hotline_ticket_caller_date_idx',
             '(caller_number, register_date DESC) WHERE caller_number IS NOT NULL'),
            ('hotline_ticket_cname_date_idx',
             '(contact_name, register_date DESC) WHERE contact_name IS NOT NULL'),
            ('hotline_ticket_title_keywords_idx',
             "USING gin (string_to_array(title_keywords, ' '))"),
            ('hotline_ticket_register_id_idx', '(register_date DESC, id DESC)'),
        ]:
            query = sql.SQL('CREATE INDEX IF NOT EXISTS {} ON hotline_ticket {}').format(
                sql.Identifier(name), sql.SQL(definition))
            cr.execute(query.as_string(cr._obj))

    # ------------------------------------------------------------------ computes
    @api.depends('title')
    def _compute_title_keywords(self):
        for ticket in self:
            ticket.title_keywords = title_keywords(ticket.title)

    @api.depends('recording_url')
    def _compute_has_recording(self):
        for ticket in self:
            ticket.has_recording = bool(ticket.recording_url)

    @api.model
    def _process_state_map(self):
        """TK-8: the processing dimension of each workflow state; states added by other
        modules and not listed here are 'in process'."""
        return {
            'draft': 'unprocessed',
            'submitted': 'unprocessed',
            'refuse_pending': 'unprocessed',
            'refused': 'done',
            'done': 'done',
        }

    @api.depends('state')
    def _compute_process_state(self):
        mapping = self._process_state_map()
        for ticket in self:
            ticket.process_state = mapping.get(ticket.state, 'in_process')

    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for ticket in self:
            ticket.is_overdue = bool(
                ticket.date_deadline and ticket.date_deadline < now
                and ticket.process_state != 'done')

    def _search_is_overdue(self, operator, value):
        domain = ['&', ('date_deadline', '<', fields.Datetime.now()),
                  ('process_state', '!=', 'done')]
        if (operator in ('=', '==')) == bool(value):
            return domain
        return ['|', ('date_deadline', '=', False), '|',
                ('date_deadline', '>=', fields.Datetime.now()), ('process_state', '=', 'done')]

    # ------------------------------------------------------------------ duplicates (TK-6)
    @api.model
    def _duplicate_window_days(self):
        param = self.env['ir.config_parameter'].sudo().get_param(
            'hotline.duplicate_window_days', '15')
        try:
            return max(int(param), 1)
        except ValueError:
            return 15

    @api.model
    def _duplicate_threshold(self):
        """Share of the keywords (of the longer title) two titles must have in common."""
        param = self.env['ir.config_parameter'].sudo().get_param(
            'hotline.duplicate_keyword_share', '0.6')
        try:
            return min(max(float(param), 0.1), 1.0)
        except ValueError:
            return 0.6

    def _duplicate_queries(self):
        """The SQL (and parameters) that find earlier requests like this one, by kind.

        Each query is bounded by the screening window so that it reads only an index range,
        however many requests the table holds.
        """
        self.ensure_one()
        since = fields.Datetime.to_string(
            datetime.datetime.now() - datetime.timedelta(days=self._duplicate_window_days()))
        own_id = self.id if isinstance(self.id, int) else \
            self.env.context.get('hotline_duplicates_of') or 0
        queries = {}
        numbers = set()
        for number in (self.contact_phone, self.caller_number):
            # While the agent types, the number is not normalised yet.
            try:
                numbers.add(self._hotline_normalize_phone(number) or '')
            except PhoneError:
                numbers.add((number or '').strip())
        numbers = list(numbers - {''})
        if numbers:
            queries['phone'] = ("""
                SELECT id FROM hotline_ticket
                 WHERE register_date >= %s AND id != %s
                   AND (contact_phone = ANY(%s) OR caller_number = ANY(%s))""",
                                [since, own_id, numbers, numbers])
        if self.contact_name and self.contact_name.strip():
            queries['name'] = ("""
                SELECT id FROM hotline_ticket
                 WHERE register_date >= %s AND id != %s AND contact_name = %s""",
                               [since, own_id, self.contact_name.strip()])
        words = (title_keywords(self.title) or '').split()
        if words:
            # The GIN index finds the requests sharing a keyword; the count keeps those that
            # share enough of them (at least two, or the only one of a one-word title).
            queries['content'] = ("""
                SELECT id FROM hotline_ticket
                 WHERE register_date >= %s AND id != %s
                   AND string_to_array(title_keywords, ' ') && %s::text[]
                   AND (SELECT count(*) FROM unnest(string_to_array(title_keywords, ' ')) w
                         WHERE w = ANY(%s))
                       >= GREATEST(LEAST(2, %s), ceil(%s * GREATEST(
                            %s, array_length(string_to_array(title_keywords, ' '), 1))))""",
                                  [since, own_id, words, words, len(words),
                                   self._duplicate_threshold(), len(words)])
        return queries

    def _count_duplicates(self, kind):
        query = self._duplicate_queries().get(kind)
        if not query:
            return 0
        self._cr.execute('SELECT count(*) FROM (' + query[0] + ' LIMIT 1000) dup', query[1])
        return self._cr.fetchone()[0]

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        """Issue 16, NF-1: the pivot and graph views offer to group requests by every
        stored field, technical ones too ("Last Message Date", "Next Activity Deadline",
        微信OpenID); those are described as not stored, which is what Odoo 11's web client
        reads to leave a field out of these group-by lists (and only there)."""
        result = super().fields_get(allfields=allfields, attributes=attributes)
        for name, description in result.items():
            if 'store' in description and (name.startswith(TECHNICAL_PREFIXES)
                                           or name in self._hotline_technical_fields):
                description['store'] = False
        return result

    @api.model
    def default_get(self, fields_list):
        """TK-6: the unsaved form shows the screening window (it said "in the last 0
        days": a computed field without dependencies is not computed for a new record)."""
        values = super().default_get(fields_list)
        if 'dup_window_days' in fields_list:
            values['dup_window_days'] = self._duplicate_window_days()
        return values

    @api.depends()
    def _compute_contact_phone_copied(self):
        for ticket in self:
            ticket.contact_phone_copied = bool(
                ticket.caller_number and ticket.contact_phone == ticket.caller_number)

    @api.model
    def hotline_duplicates_action(self, kind, values, ticket_id=False):
        """TK-6: the earlier requests counted by one duplicate counter, for the form as it
        is on screen — saved or not (the form's values), so that opening them does not
        force a save of a request still being typed."""
        fields_used = ('contact_phone', 'caller_number', 'contact_name', 'title')
        ticket = self.new({name: values.get(name) or False for name in fields_used})
        if ticket_id:
            ticket = ticket.with_context(hotline_duplicates_of=ticket_id)
        return ticket.with_context(duplicate_kind=kind).action_view_duplicates()

    def _compute_dup_window(self):
        window = self._duplicate_window_days()
        for ticket in self:
            ticket.dup_window_days = window

    @api.depends('contact_phone', 'caller_number')
    def _compute_dup_phone_count(self):
        for ticket in self:
            ticket.dup_phone_count = ticket._count_duplicates('phone')

    @api.depends('contact_name')
    def _compute_dup_name_count(self):
        for ticket in self:
            ticket.dup_name_count = ticket._count_duplicates('name')

    @api.depends('title')
    def _compute_dup_content_count(self):
        for ticket in self:
            ticket.dup_content_count = ticket._count_duplicates('content')

    @api.multi
    def action_view_duplicates(self):
        """TK-6: open the earlier requests counted by one duplicate counter."""
        self.ensure_one()
        kind = self.env.context.get('duplicate_kind', 'phone')
        query = self._duplicate_queries().get(kind)
        ids = []
        if query:
            self._cr.execute(query[0] + ' LIMIT 1000', query[1])
            ids = [row[0] for row in self._cr.fetchall()]
        action = self.env.ref('hotline_core.hotline_ticket_action').read()[0]
        saved = isinstance(self.id, int)
        action.update({
            'name': _('Possible duplicates of %s') % self.name if saved else
            _('Possible duplicates'),
            'domain': [('id', 'in', ids)],
            'context': {},
            # an unsaved request stays on screen under the list of earlier ones
            'target': 'current' if saved else 'new',
        })
        if not saved:
            action['views'] = [(False, 'list'), (False, 'form')]
            action['view_mode'] = 'tree,form'

        return action

    # ------------------------------------------------------------------ onchanges
    @api.model
    def _citizen_vals(self, partner):
        """CZ-1: the contact data a request copies from the citizen's profile."""
        address = partner._display_address(without_company=True).replace('\n', ' ').strip()
        return {
            'contact_name': partner.name,
            'contact_phone': partner.mobile or partner.phone,
            'contact_gender': partner.hotline_gender,
            'contact_email': partner.email,
            'contact_address': address,
        }

    @api.onchange('partner_id')
    def _onchange_partner_id(self):
        if self.partner_id:
            for fname, value in self._citizen_vals(self.partner_id).items():
                if value:
                    self[fname] = value

    @api.onchange('caller_number')
    def _onchange_caller_number(self):
        if self.caller_number and not self.partner_id:
            partner = self.env['res.partner'].hotline_find_by_phone(self.caller_number, limit=1)
            if partner:
                self.partner_id = partner
                self._onchange_partner_id()
            elif not self.contact_phone or self.contact_phone_copied:
                self.contact_phone = self.caller_number
                self.contact_phone_copied = True

    @api.onchange('contact_phone')
    def _onchange_contact_phone(self):
        """TK-6: typing another contact phone stops it following the caller number."""
        self.contact_phone_copied = bool(
            self.caller_number and self.contact_phone == self.caller_number)

    @api.onchange('bureau_id', 'ticket_type')
    def _onchange_extended_fields(self):
        """TK-3: offer the extended fields of this bureau and type, keeping typed values."""
        wanted = self.env['hotline.ticket.field']._fields_for(self.bureau_id, self.ticket_type)
        kept = self.field_value_ids.filtered(lambda v: v.field_id in wanted)
        new_lines = [(5, 0, 0)] + [(0, 0, {'field_id': v.field_id.id, 'value': v.value})
                                   for v in kept]
        new_lines += [(0, 0, {'field_id': f.id}) for f in wanted - kept.mapped('field_id')]
        self.field_value_ids = new_lines

    # ------------------------------------------------------------------ create / write
    @api.model
    def create(self, vals):
        """TK-1, CZ-1, TK-9: number the request, link (or create) the citizen's profile,
        write the first step of the trail.

        Issue 19: registration is the hottest path of the hotline. The whole create runs
        in one environment with the user's language (the trail and the chatter are written
        in it; switching the context on the way made the request be read again), and the
        chatter gets one line for the creation — "诉求单 created" with the initial values
        of the tracked fields — instead of two (Odoo's creation line, then a tracking line
        with the same instant)."""
        caller_env = self.env
        if not self.env.context.get('lang') and self.env.user.lang:
            # XML-RPC clients and data files carry no language: the chatter's creation note
            # (诉求 创建, not "Citizen Request 创建") follows the creating user's, as the trail
            self = self.with_context(lang=self.env.user.lang)
        self._hotline_normalize_phone_vals(vals)
        if vals.get('name', '/') == '/':
            vals['name'] = self._next_number()
        if vals.get('partner_id'):
            partner = self.env['res.partner'].browse(vals['partner_id'])
            for fname, value in self._citizen_vals(partner).items():
                if value and not vals.get(fname):
                    vals[fname] = value
        else:
            citizen = self._find_or_create_citizen(vals)
            if citizen:  # else leave room for a default_partner_id from the context
                vals['partner_id'] = citizen.id
        # The ids of the requests whose creation line the tracking posted are kept on the
        # transaction's environments, not in the context: a context value of its own for
        # each create (a fresh set) made every environment of a registration new, and
        # Odoo 11 looks an environment up by scanning all of the transaction's, which
        # the cache keeps alive (issue 19: 11 % of a registration in a batch).
        logged = _create_logged(self.env)
        ticket = super(HotlineTicket, self.with_context(
            mail_create_nolog=True, hotline_create_log=True)).create(vals)
        ticket = ticket.with_env(self.env)
        if not _pop_logged(logged, ticket.id) and not self.env.context.get('mail_create_nolog') \
                and not self.env.context.get('tracking_disable'):
            # nothing tracked was set: the creation still gets its line
            ticket.message_post(body=ticket._creation_message_body())
        ticket._log_step('register')
        return ticket.with_env(caller_env)

    def _creation_message_body(self):
        return _('%s created') % self._model_label(self.env.lang)

    @tools.ormcache('self._name', 'lang')
    def _model_label(self, lang):
        """The model's name in ``lang`` as ir.model has it (issue 19: read once per
        server and language, not at every registration; cleared with the registry's
        caches, as when translations are loaded)."""
        return self.env['ir.model'].with_context(lang=lang)._get(self._name).name

    @api.model
    def _create_precomputed(self, vals):
        """Issue 19: the values of stored computed fields that a new request can only
        have one value for, known from the create's values — they go into the INSERT
        instead of an UPDATE each after it. Modules add theirs; a field whose inputs are
        not all plain values of ``vals`` (one2many commands …) is left to Odoo."""
        mapping = self._process_state_map()
        known = {
            'title_keywords': title_keywords(vals.get('title')),
            'has_recording': bool(vals.get('recording_url')),
            'process_state': mapping.get(vals.get('state') or 'draft', 'in_process'),
        }
        if not vals.get('activity_ids'):
            # mail.activity.mixin: the deadline of the next activity; none planned yet
            known['activity_date_deadline'] = False
        return known

    @api.model
    def _create(self, vals):
        """Issue 19: the stored computes known for a new request go into the INSERT
        (``_create_precomputed``), the others are written back in one UPDATE, and no
        search looks for records referring to the new row (there can be none)."""
        known = self._create_precomputed(vals)
        vals.update(known)
        with self.env.norecompute(), fresh_insert(self):
            new_id = super()._create(vals)
        record = self.browse(new_id)
        cache_new_record(record, vals)
        for name in known:
            # the INSERT holds the computed value: no recomputation, no UPDATE
            record._recompute_done(self._fields[name])
        if self.env.recompute and self._context.get('recompute', True):
            recompute_together(record)
            self.recompute()
        return new_id

    def modified(self, fnames):
        if not fresh_modified(self, fnames):  # issue 19: see _create
            return super().modified(fnames)
        return None

    @api.multi
    def write(self, vals):
        # The state moves only through the transition table (``_transition``), which checks
        # the state and the role; a direct write (e.g. over XML-RPC) would bypass both.
        if ('state' in vals and self.env.uid != SUPERUSER_ID
                and not self.env.context.get('hotline_workflow')):
            raise AccessError(_('The state of a request changes only through its actions '
                                '(submit, dispatch, close…), not by editing it.'))
        return super().write(vals)

    @api.model
    def _next_number(self):
        """TK-1: 12345-YYYYMMDD-NNNNN, counted per day in the centre's time zone (the
        company's), whatever the time zone of the user who registers."""
        # Issue 19: the user's company and its time zone in one statement; a registration
        # over XML-RPC starts with an empty cache, and reading them through the ORM took
        # the rows of the user, the company and its partner (up to 150 columns each).
        self.env.cr.execute(
            'SELECT c.id, p.tz FROM res_users u JOIN res_company c ON c.id = u.company_id '
            'JOIN res_partner p ON p.id = c.partner_id WHERE u.id = %s', [self.env.uid])
        company_id, tz_name = self.env.cr.fetchone()
        tz = pytz.timezone(tz_name or HOTLINE_TZ)
        today = datetime.datetime.now(pytz.utc).astimezone(tz).date()
        sequence = self.env['ir.sequence'].sudo().with_context(
            ir_sequence_date=fields.Date.to_string(today), force_company=company_id)
        return sequence._hotline_next_by_code('hotline.ticket')

    @api.model
    def _find_or_create_citizen(self, vals):
        """CZ-1: link the request to the caller's profile, creating it on first contact.

        CH-2 (privacy): a request of a self-service channel (website, WeChat, app, e-mail)
        that no staff member registers — the system files it as superuser, or a portal user
        does — carries a phone typed by whoever submitted it, which proves nothing: linking
        it to the profile with that number would put the request into that person's portal
        (``/my/requests``). Such requests keep their contact data but stay unlinked, unless
        the caller passes ``partner_id`` (a signed-in citizen) or the context says the
        number was verified (``hotline_phone_verified``, e.g. a code sent to it by SMS).
        An agent or an integrator's account registering the request vouches for the
        caller, as on the phone."""
        partners = self.env['res.partner']
        if (vals.get('channel') in SELF_SERVICE_CHANNELS
                and (self.env.uid == SUPERUSER_ID
                     # not an internal user (res.users' share), known without reading him
                     or not self.env.user.has_group('base.group_user'))
                and not self.env.context.get('hotline_phone_verified')):
            return partners
        phone = vals.get('contact_phone') or vals.get('caller_number')
        partner = phone and partners.hotline_find_by_phone(phone, limit=1)
        if partner:
            return partner
        if not vals.get('contact_name') or not vals.get('contact_phone'):
            return partners
        number = vals['contact_phone']
        # Issue 19, NF-4: the profile's creation is recorded by the audit log (who, when,
        # which values) and shown on the request that created it; the profile gets no
        # generated avatar, no "contact created" line of its own and the agent does not
        # follow it (he follows the request).
        partners = partners.with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True, hotline_no_avatar=True)
        return partners.create({
            'name': vals['contact_name'],
            'mobile' if is_mobile(number) else 'phone': number,
            'email': vals.get('contact_email'),
            'street': vals.get('contact_address'),
            'hotline_gender': vals.get('contact_gender'),
            'hotline_resource_type': 'citizen',
            'customer': False,
        })

    # ------------------------------------------------------------------ state machine
    @api.model
    def _get_transitions(self):
        """The one table of allowed transitions (TK-4, TK-5): action → ``Transition`` (states
        it may be fired from, resulting state, group allowed to fire it, step label).
        Modules that add states extend this table."""
        return {
            'submit': Transition(('draft',), 'submitted', 'hotline_core.group_hotline_agent',
                                 _('Submitted to the hotline office')),
            'resolve': Transition(('draft', 'submitted'), 'done',
                                  'hotline_core.group_hotline_agent', _('Answered and archived')),
            'not_accept': Transition(('draft', 'submitted'), 'refuse_pending',
                                     'hotline_core.group_hotline_agent',
                                     _('Proposed not to accept')),
            'confirm_not_accept': Transition(('refuse_pending',), 'refused',
                                             'hotline_core.group_hotline_dispatcher',
                                             _('Not accepted (confirmed by the office)')),
            'reject_not_accept': Transition(('refuse_pending',), 'submitted',
                                            'hotline_core.group_hotline_dispatcher',
                                            _('Not-accepted proposal rejected by the office')),
        }

    @api.model
    def _state_groups(self):
        return dict(super()._state_groups(), draft=DRAFT_STATES, done=DONE_STATES,
                    waiting=WAITING_STATES)

    @api.model
    def _transition_buttons(self):
        return {
            'action_submit': 'submit',
            'action_resolve': 'resolve',
            'action_open_not_accept_wizard': 'not_accept',
            'action_confirm_not_accept': 'confirm_not_accept',
            'action_reject_not_accept': 'reject_not_accept',
        }

    def _transition(self, action, opinion=None, vals=None, label=None):
        """Fire ``action`` on every request in self, or refuse with a clear error.

        Checks the state and the group from ``_get_transitions``, writes the new state
        (plus ``vals``) and appends a step to the trail (with ``opinion``; ``label``
        replaces the transition's label on the trail).
        """
        # Labels go on the trail in the acting user's language, also over XML-RPC.
        self = self.with_context(lang=self.env.context.get('lang') or self.env.user.lang)
        return super(HotlineTicket, self)._transition(
            action, vals=vals, opinion=opinion, label=label)

    def _check_transition_access(self, action, transition):
        if transition.group and self.env.uid != SUPERUSER_ID \
                and not self.env.user.has_group(transition.group):
            raise AccessError(_('You are not allowed to do "%s" on requests.')
                              % transition.label)

    def _transition_refusal(self, action, transition):
        return _('Request %(name)s is "%(state)s": "%(action)s" is not possible now.') % {
            'name': self.name, 'state': self._state_label(), 'action': transition.label}

    def _transition_values(self, action, transition, values):
        values = super()._transition_values(action, transition, values)
        if self._process_state_map().get(values['state']) == 'done':
            values.setdefault('date_done', fields.Datetime.now())
        return values

    def _transition_context(self):
        # the tracked changes of the step wait for the step's chatter line (if a module
        # posts one) instead of making a line of their own
        return dict(super()._transition_context(), hotline_workflow=True, hotline_tracking={})

    def _after_transition(self, action, transition, state_from, opinion=None, label=None):
        """TK-9: the step goes on the trail."""
        res = super()._after_transition(action, transition, state_from)
        self._log_step(action, label or transition.label, opinion=opinion,
                       state_from=state_from)
        # changes no step message took (no such message; other requests written on the
        # way) get their own line, as Odoo's tracking would have posted them
        for ticket_id, tracking_value_ids in self.env.context['hotline_tracking'].items():
            if tracking_value_ids:
                self.browse(ticket_id).message_post(tracking_value_ids=tracking_value_ids)
        return res

    @api.multi
    def message_track(self, tracked_fields, initial_values):
        """During a transition (``hotline_tracking`` in the context: a dict), the tracked
        changes are kept there by request id for the step's chatter message (see
        ``_transition``): one line per step, with its changes, instead of two."""
        if self.env.context.get('hotline_create_log') and tracked_fields:
            return self._message_track_creation(
                tracked_fields, initial_values, _create_logged(self.env))
        holder = self.env.context.get('hotline_tracking')
        if holder is None or not tracked_fields:
            return super(HotlineTicket, self).message_track(tracked_fields, initial_values)
        tracking = self._message_track_get_changes(tracked_fields, initial_values)
        for ticket in self:
            changes, tracking_value_ids = tracking[ticket.id]
            if changes:
                holder.setdefault(ticket.id, []).extend(tracking_value_ids)
        self._message_track_post_template(tracking)
        return True

    def _message_track_creation(self, tracked_fields, initial_values, logged):
        """Issue 19: the creation's line in the chatter carries the initial values of the
        tracked fields (ids of the requests done go into ``logged``).

        The display name of each many2one value is computed first for that record alone
        (as the tracking does, as superuser): in the request's prefetch group Odoo 11
        computes a related name (a user's is his partner's) for every record of the
        group, so the creator of the new citizen profile (the superuser) and his partner
        were read as well at every registration."""
        for name in tracked_fields:
            if self._fields[name].type == 'many2one':
                for value in self.mapped(name):
                    value.sudo().with_prefetch().name_get()
        tracking = self._message_track_get_changes(tracked_fields, initial_values)
        for ticket in self:
            changes, tracking_value_ids = tracking[ticket.id]
            if changes:
                ticket.message_post(body=ticket._creation_message_body(),
                                    tracking_value_ids=tracking_value_ids)
                logged.add(ticket.id)
        self._message_track_post_template(tracking)
        return True

    def _pop_tracking(self):
        """The tracked changes waiting for this request's step message (one2many commands
        for ``tracking_value_ids``)."""
        self.ensure_one()
        holder = self.env.context.get('hotline_tracking')
        return holder.pop(self.id, []) if holder is not None else []

    @api.model
    def _step_labels(self):
        """Labels of the trail steps that are not transitions, by action code."""
        return {'register': _('Registered')}

    @api.model
    def _demo_load_terms(self, module):
        """TK-9, NF-1: called by a demo file before it works its requests through.
        Odoo loads a module's translations only after its data and demo, so the trail
        steps, state labels and chatter the demo writes (translated when written, in the
        acting user's language) would stay English for good. Loads ``module``'s terms
        now (Odoo loads them again afterwards, the same)."""
        modules = self.env['ir.module.module'].sudo().search([('name', '=', module)])
        modules._update_translations()
        self.env['ir.translation'].clear_caches()
        return True

    def _log_step(self, action, label=None, opinion=None, unit=None, state_from=None):
        """TK-9: append one step to each request's trail (label from ``_step_labels`` when
        not given), in the acting user's language."""
        self = self.with_context(lang=self.env.context.get('lang') or self.env.user.lang)
        label = label or self._step_labels().get(action, action)
        state_labels = dict(self._fields['state']._description_selection(self.env))
        steps = self.env['hotline.ticket.step'].sudo()  # the trail is append-only for users
        for ticket in self:
            steps.create({
                'ticket_id': ticket.id,
                'user_id': self.env.uid,
                'action': action,
                'name': label,
                'state_from': state_from,
                'state_to': ticket.state,
                'state_label': state_labels.get(ticket.state),
                'unit_id': unit.id if unit else False,
                'opinion': opinion,
            })

    # ------------------------------------------------------------------ actions (buttons + RPC)
    @api.multi
    def action_submit(self):
        """TK-4: the agent hands the request to the hotline office."""
        for ticket in self:
            ticket._check_extended_fields()
        return self._transition('submit')

    @api.multi
    def action_resolve(self):
        """TK-4: a consultation answered on the phone is closed and archived at once."""
        for ticket in self:
            if not (ticket.reply or '').strip():
                raise UserError(_(
                    'Request %s: write the answer given to the citizen before closing it.'
                ) % ticket.name)
        return self._transition('resolve', opinion=self[:1].reply if len(self) == 1 else None)

    @api.multi
    def action_not_accept(self, reason_id, detail=None):
        """TK-5: propose not to accept the request, with a reason from the dictionary."""
        reason = self.env['hotline.not.accepted.reason'].browse(reason_id).exists()
        if not reason:
            raise UserError(_('Choose the reason for not accepting the request.'))
        return self._transition('not_accept', opinion=detail, vals={
            'not_accepted_reason_id': reason.id, 'not_accepted_detail': detail})

    @api.multi
    def action_confirm_not_accept(self):
        """TK-5: the office confirms: the request is closed as not accepted."""
        return self._transition('confirm_not_accept')

    @api.multi
    def action_reject_not_accept(self):
        """TK-5: the office disagrees: the request goes on as a submitted request."""
        return self._transition('reject_not_accept', vals={
            'not_accepted_reason_id': False, 'not_accepted_detail': False})

    @api.multi
    def action_open_not_accept_wizard(self):
        return {
            'type': 'ir.actions.act_window',
            'name': _('Not accepted'),
            'res_model': 'hotline.ticket.not.accept',
            'view_mode': 'form',
            'target': 'new',
            'context': {'default_ticket_ids': [(6, 0, self.ids)]},
        }

    def _check_extended_fields(self):
        missing = self.field_value_ids.filtered(
            lambda v: v.required and not (v.value or '').strip())
        if missing:
            raise UserError(_('Request %(name)s: fill in %(fields)s.') % {
                'name': self.name, 'fields': ', '.join(missing.mapped('field_id.name'))})

    # ------------------------------------------------------------------ integrator API (IF-1)
    @api.model
    def hotline_register(self, vals, submit=False):
        """IF-1: register a request from a partner system; returns its id and number.

        ``vals`` takes the fields of the request (title, content, ticket_type, channel,
        contact_name, contact_phone, …); the citizen profile is found or created from the
        contact phone. With ``submit`` the request goes straight to the hotline office.
        """
        try:
            ticket = self.create(vals)
            if submit:
                ticket.action_submit()
        except ValidationError as error:
            # Odoo 11 sends a ValidationError over XML-RPC as a traceback (fault 1); a
            # UserError arrives as fault 2 with just the message, which partners can show.
            raise UserError(error.name)
        return {'id': ticket.id, 'name': ticket.name, 'state': ticket.state}

    @api.model
    def hotline_status(self, number):
        """IF-1: the state of the request with this number, as a citizen may be told."""
        ticket = self.search([('name', '=', number)], limit=1)
        if not ticket:
            return False
        state_labels = dict(self._fields['state']._description_selection(self.env))
        return {
            'name': ticket.name,
            'state': ticket.state,
            'state_label': state_labels.get(ticket.state),
            'process_state': ticket.process_state,
            'registered': ticket.register_date,
            'closed': ticket.date_done or False,
            'steps': [{'date': s.date, 'action': s.action, 'step': s.name}
                      for s in ticket.step_ids.sorted('id')],
        }
