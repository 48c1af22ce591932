# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime
import email.utils
import re
import secrets

from passlib.context import CryptContext

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError

from odoo.addons.hotline_core.tools.text import title_keywords

PASSWORD_CRYPT = CryptContext(schemes=['pbkdf2_sha256'], deprecated='auto')
# A hash to verify against when no request matches, so that a lookup of an unknown number
# costs as much time as a lookup with a wrong password (CH-2: existence is not revealed).
DUMMY_HASH = PASSWORD_CRYPT.hash('hotline-portal-dummy')
# A mail carrying a citizen's query password belongs to no document: linked to the request it
# would show in the request's chatter, to every agent, until sent (NF-2, issue 15).
SECRET_MAIL = {'model': False, 'res_id': False}
PASSWORD_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz'  # no 0/o, 1/l/i: read over the phone

MASKS = [
    # mobile numbers (optionally +86) → 138****5678
    (re.compile(r'(?<!\d)((?:\+?86)?1[3-9]\d)\d{4}(\d{4})(?!\d)'), r'\1****\2'),
    # resident identity card numbers → 110101********1234
    (re.compile(r'(?<![0-9Xx])(\d{6})\d{8}(\d{3}[0-9Xx])(?![0-9Xx])'), r'\1********\2'),
    # landlines with area code → 010-****5678
    (re.compile(r'(?<!\d)(0\d{2,3})[- ]?\d{3,4}(\d{4})(?!\d)'), r'\1-****\2'),
    # e-mail addresses → z***@example.com
    (re.compile(r'([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+)'), r'\1***@\2'),
]
TAG_RE = re.compile(r'<[^>]*>')
# CH-2: what a citizen is told of the state of his request, in the words of 12345 sites
# (a just-registered request is "to be accepted", not a "draft"). States added by other
# modules and not listed here follow their processing dimension (PROCESS_TO_CITIZEN).
CITIZEN_STATE_OF = {
    'draft': 'pending', 'refuse_pending': 'pending', 'submitted': 'accepted',
    'leader_pending': 'accepted', 'dispatched': 'in_progress', 'in_progress': 'in_progress',
    'returned': 'in_progress', 'to_audit': 'in_progress', 'callback_failed': 'in_progress',
    'to_callback': 'done', 'done': 'done', 'refused': 'refused',
}
PROCESS_TO_CITIZEN = {'unprocessed': 'accepted', 'in_process': 'in_progress', 'done': 'done'}
RATINGS = [
    ('satisfied', 'Satisfied'),
    ('basic', 'Basically satisfied'),
    ('unsatisfied', 'Unsatisfied'),
]


def mask_personal_data(text):
    """CH-3: phone numbers, identity card numbers and e-mail addresses masked."""
    for pattern, repl in MASKS:
        text = pattern.sub(repl, text or '')
    return text


def clean(value, limit=200):
    """Text from outside as a string PostgreSQL accepts (no NUL), at most ``limit`` long."""
    return (value if isinstance(value, str) else '').replace('\x00', '')[:limit]


def strip_html(text):
    """CH-1: citizens type plain text; any markup is removed before it is stored (pages
    escape it again when they show it)."""
    return TAG_RE.sub('', clean(text, 20000)).strip()


class HotlineTicket(models.Model):
    """CH-1…CH-5, CH-13: the request as the citizen sees it on the website."""
    _inherit = 'hotline.ticket'

    # Staff names and internal opinions are for the centre's staff only (CH-2): portal users
    # may read their own requests (record rule) but not these fields.
    user_id = fields.Many2one(groups='base.group_user')
    not_accepted_detail = fields.Text(groups='base.group_user')

    portal_public = fields.Boolean(
        'Citizen Agrees to Publish', copy=False,
        help='The citizen marked the request as public when submitting it: once redacted by '
             'staff it may be shown in the public case list.')
    portal_self_service = fields.Boolean(
        'Submitted Online by the Citizen', copy=False, readonly=True,
        help='Submitted by the citizen himself on the website, in the app, through Open311 '
             'or on WeChat (not registered by staff nor pushed by a partner system).')
    portal_published = fields.Boolean(
        'Published on Website', copy=False, index=True, track_visibility='onchange')
    public_title = fields.Char('Published Title', copy=False)
    public_content = fields.Text('Published Content', copy=False)
    public_reply = fields.Text('Published Answer', copy=False)
    public_keywords = fields.Char(
        'Published Keywords', compute='_compute_public_keywords', store=True, copy=False,
        help='CH-4: the keywords of the published title, only while the request is '
             'published: the public hot-word list is made of these alone.')
    hot_qa = fields.Boolean(
        'Hot Q&A', copy=False, index=True,
        help='Shown among the hot questions and answers on the website (CH-8).')
    portal_password_hash = fields.Char(
        'Query Password (hash)', copy=False, groups='base.group_system')
    # CH-2 (issue 15 item 10): a recovered password waits here until the citizen uses it; the
    # old one keeps working until then.
    portal_password_pending_hash = fields.Char(
        'Recovered Query Password (hash)', copy=False, groups='base.group_system')
    portal_password_pending_date = fields.Datetime(
        'Query Password Recovered On', copy=False, groups='base.group_system')
    portal_url = fields.Char('Portal Link', compute='_compute_portal_url')
    wechat_openid = fields.Char(
        'WeChat OpenID', copy=False, index=True, groups='base.group_user',
        help='The WeChat follower who sent the request (CH-10).')
    gateway_client_id = fields.Many2one(
        'hotline.portal.client', 'Received From System', copy=False, index=True,
        groups='base.group_user', help='The partner system that pushed the request (IF-2).')

    geo_latitude = fields.Float(
        'Latitude', digits=(10, 6), copy=False,
        help='Where the citizen placed the request on the website, app or Open311 (WGS-84).')
    geo_longitude = fields.Float('Longitude', digits=(10, 6), copy=False)
    portal_rating = fields.Selection(
        RATINGS, 'Citizen Rating (online)', copy=False, readonly=True,
        track_visibility='onchange',
        help='CB-2: the citizen rated the handling himself on the website or the portal, once '
             'per request. It does not replace the office\'s callback result of a closed '
             'request; while the request waits for its callback, the rating is the callback.')
    portal_rating_comment = fields.Text('Citizen Comment (online)', copy=False, readonly=True)
    portal_rating_date = fields.Datetime('Rated On', copy=False, readonly=True)

    portal_photo_ids = fields.One2many(
        'ir.attachment', 'res_id', 'Photos', copy=False,
        domain=[('res_model', '=', 'hotline.ticket'), ('mimetype', 'like', 'image/')],
        help='CH-3: only the photos marked "Shown on the Website" (redacted copies or photos '
             'checked by staff) appear on the published case page.')

    def _compute_portal_url(self):
        for ticket in self:
            ticket.portal_url = '/my/requests/%d' % ticket.id

    # ------------------------------------------------------------------ query password
    def _portal_set_password(self):
        """CH-1: a new query password for the request; only its hash is stored. Returns the
        password, to be shown once or sent to the citizen."""
        self.ensure_one()
        password = ''.join(secrets.choice(PASSWORD_ALPHABET) for _i in range(8))
        self.sudo().write({'portal_password_hash': PASSWORD_CRYPT.hash(password)})
        return password

    def _portal_notify_received(self, password):
        """CH-1: tell the citizen the number of the request he just submitted (website, app,
        Open311): by e-mail here when he gave an address; hotline_portal_sms adds the SMS."""
        self.ensure_one()
        if self.contact_email:
            template = self.env.ref('hotline_portal.mail_template_ticket_received')
            template.sudo().with_context(portal_password=password).send_mail(
                self.id, email_values=SECRET_MAIL)

    @api.model
    def _portal_lookup(self, number, password):
        """CH-2: the request with this number when the password is right, else an empty
        recordset — the same answer, in about the same time, whether the number exists."""
        number = clean(number, 40).strip()
        password = clean(password, 128).strip()
        ticket = self.sudo().search([('name', '=', number)], limit=1) if number else self
        stored = ticket.portal_password_hash if ticket else None
        pending = ticket.portal_password_pending_hash if ticket else None
        # both hashes are always verified (a dummy in place of a missing one): the time
        # tells neither whether the number exists nor whether a recovery is pending
        ok = PASSWORD_CRYPT.verify(password, stored or DUMMY_HASH) if password else False
        ok_pending = PASSWORD_CRYPT.verify(password, pending or DUMMY_HASH) \
            if password else False
        if ticket and pending and ok_pending:
            # the citizen uses the recovered password: it replaces the old one (sudo: the
            # visitor has just proved he holds it; only the two hashes are written)
            ticket.sudo().write({'portal_password_hash': pending,
                                 'portal_password_pending_hash': False})
            return ticket
        return ticket if (ticket and stored and ok) else self.browse()

    def _portal_recover_password(self, email):
        """CH-2 (issue 15 item 10): the background half of /hotline/recover. When ``email``
        is the request's contact address, a new query password is mailed — at most once per
        ``hotline_portal.recover_interval_minutes`` (default 30) per request, so a stranger
        who knows the number and the address cannot flood the citizen — and kept pending: the
        old password keeps working until the citizen signs in with the new one. Returns
        whether a mail was queued."""
        self.ensure_one()
        ticket = self.sudo()
        if not email or (ticket.contact_email or '').strip().lower() != email:
            return False
        try:
            minutes = int(self.env['ir.config_parameter'].sudo().get_param(
                'hotline_portal.recover_interval_minutes', '30'))
        except ValueError:
            minutes = 30
        last = ticket.portal_password_pending_date
        if last and fields.Datetime.from_string(last) > \
                datetime.datetime.utcnow() - datetime.timedelta(minutes=minutes):
            return False
        password = ''.join(secrets.choice(PASSWORD_ALPHABET) for _i in range(8))
        ticket.write({'portal_password_pending_hash': PASSWORD_CRYPT.hash(password),
                      'portal_password_pending_date': fields.Datetime.now()})
        template = self.env.ref('hotline_portal.mail_template_password_recovery')
        template.sudo().with_context(portal_password=password).send_mail(
            ticket.id, force_send=False, email_values=SECRET_MAIL)
        return True

    # ------------------------------------------------------------------ what a citizen sees
    def _portal_timeline(self):
        """CH-2: the steps of the request as the citizen may see them: date, step and
        resulting state — never who did it nor their internal opinion."""
        self.ensure_one()
        labels = self._portal_citizen_states()
        return [{'date': step.date, 'name': step.name,
                 'state': (labels.get(self._portal_citizen_state(step.state_to))
                           if step.state_to else step.state_label)}
                for step in self.sudo().step_ids.sorted(lambda s: (s.date, s.id))]

    def _portal_api_dict(self):
        """CH-11: the request for the app — the same facts as the tracking page."""
        self.ensure_one()
        done = self.process_state == 'done'
        return {
            'number': self.name, 'title': self.title, 'type': self.ticket_type,
            'type_label': self._portal_type_label(), 'state': self.state,
            'state_label': self._portal_state_label(), 'process_state': self.process_state,
            'public_state': self._portal_citizen_state(),
            'rating': self.portal_rating or None, 'can_rate': self._portal_can_rate(),
            'registered': self.register_date, 'deadline': self.date_deadline or None,
            'closed': self.date_done or None, 'answer': (self.reply or None) if done else None,
            'steps': [{'date': s['date'], 'step': s['name'], 'state': s['state']}
                      for s in self._portal_timeline()],
        }

    @api.model
    def _portal_citizen_states(self):
        """CH-2: the citizen's words for the state of a request, by code."""
        return {
            'pending': _('To be accepted'), 'accepted': _('Accepted'),
            'in_progress': _('Being handled'), 'done': _('Handled'), 'refused': _('Not accepted'),
        }

    def _portal_citizen_state(self, state=None):
        """CH-2: the citizen-facing code (pending, accepted, in_progress, done, refused) of
        ``state`` (by default the request's own)."""
        if state is None:
            self.ensure_one()
            state = self.state
            if state not in CITIZEN_STATE_OF:
                return PROCESS_TO_CITIZEN.get(self.process_state, 'in_progress')
        return CITIZEN_STATE_OF.get(state) or PROCESS_TO_CITIZEN.get(
            self._process_state_map().get(state, 'in_process'), 'in_progress')

    def _portal_state_label(self):
        """CH-2: the state as the citizen is told it (待受理, 已受理, 办理中, 已办结, 不予受理),
        on the website, the portal, WeChat and in the app's ``state_label``."""
        self.ensure_one()
        return self._portal_citizen_states().get(self._portal_citizen_state())

    # ------------------------------------------------------------------ rating (CB-2)
    def _portal_rating_choices(self):
        """CB-2: [(code, label)] of the ratings a citizen may give."""
        return self._fields['portal_rating']._description_selection(self.env)

    def _portal_rating_label(self):
        self.ensure_one()
        return dict(self._portal_rating_choices()).get(self.portal_rating)

    def _portal_can_rate(self):
        """CB-2: the citizen may rate a handled request once, online."""
        self.ensure_one()
        return not self.portal_rating and self.state in self._portal_rateable_states()

    @api.model
    def _portal_rateable_states(self):
        """States in which the citizen may rate; hotline_portal_dispatch adds the one
        waiting for the callback."""
        return ('done',)

    def _portal_rate(self, rating, comment):
        """CB-2: record the citizen's own rating (satisfied, basically satisfied,
        unsatisfied + comment), once per request. The caller has checked that the citizen
        may see the request (portal record rule, or number + query password).

        Design: the office's callback stays the result of record of a closed request (it
        decided the closing and counts in the KPI); the citizen's rating is stored beside it
        and an unsatisfied one is put before the office in the chatter. A request still
        waiting for its callback takes the rating as its callback (see
        hotline_portal_dispatch)."""
        self.ensure_one()
        comment = strip_html(comment)[:2000]
        if rating not in dict(RATINGS):
            raise UserError(_('Choose how satisfied you are with the handling.'))
        if rating == 'unsatisfied' and not comment:
            raise UserError(_('Write what you are unsatisfied with, so that the hotline '
                              'office can follow it up.'))
        # sudo: citizens have no write right on requests; the caller checked the citizen's
        # access and only the rating fields are written
        ticket = self.sudo()
        if ticket.portal_rating:
            raise UserError(_('This request has already been rated. Thank you.'))
        if ticket.state not in self._portal_rateable_states():
            raise UserError(_('A request can be rated once it has been handled.'))
        ticket.write({
            'portal_rating': rating, 'portal_rating_comment': comment or False,
            'portal_rating_date': fields.Datetime.now(),
        })
        label = dict(self._fields['portal_rating']._description_selection(self.env))[rating]
        body = _('The citizen rated the handling online: %s') % label
        if comment:
            body += '\n' + comment
        ticket.message_post(body=tools.plaintext2html(body), subtype='mail.mt_note')
        return True

    def _portal_type_label(self):
        self.ensure_one()
        return dict(self._fields['ticket_type']._description_selection(self.env)).get(
            self.ticket_type)

    # ------------------------------------------------------------------ hot questions (CH-4)
    @api.model
    def _create_precomputed(self, vals):
        known = super()._create_precomputed(vals)
        known['public_keywords'] = (title_keywords(vals.get('public_title'))
                                    if vals.get('portal_published') else False)
        return known

    @api.depends('public_title', 'portal_published')
    def _compute_public_keywords(self):
        for ticket in self:
            ticket.public_keywords = (title_keywords(ticket.public_title)
                                      if ticket.portal_published else False)

    @api.model
    def _portal_hot_keywords(self, date_from, date_to, limit=20):
        """CH-4: [(keyword, number of requests)] most asked between the two dates
        (inclusive). Only what the centre has made public counts: the keywords of the
        published (redacted) titles, never those of internal or unpublished requests. A
        word must come from several distinct citizens (``hotline_portal.hot_min_citizens``,
        a request without a citizen profile counting as its contact number) so that one
        person cannot plant a word on the public list by submitting it again and again."""
        min_citizens = int(self.env['ir.config_parameter'].sudo().get_param(
            'hotline_portal.hot_min_citizens', '3') or 3)
        self.env.cr.execute("""
            SELECT word, count(DISTINCT t.id) AS asked
              FROM hotline_ticket t,
                   regexp_split_to_table(t.public_keywords, ' ') AS word
             WHERE t.portal_published AND t.public_keywords IS NOT NULL AND word != ''
               AND t.register_date >= %s AND t.register_date < %s::date + 1
             GROUP BY word
            HAVING count(DISTINCT COALESCE('p' || t.partner_id, 'n' || t.contact_phone,
                                           't' || t.id)) >= %s
             ORDER BY asked DESC, word LIMIT %s""", [date_from, date_to, min_citizens, limit])
        return self.env.cr.fetchall()

    # ------------------------------------------------------------------ publishing (CH-3)
    @api.multi
    def action_portal_prepare_publication(self):
        """CH-3: propose the texts to publish, with personal data masked; staff review and
        redact them before publishing."""
        for ticket in self:
            ticket.write({
                'public_title': ticket.public_title or mask_personal_data(ticket.title),
                'public_content': ticket.public_content or mask_personal_data(ticket.content),
                'public_reply': ticket.public_reply or mask_personal_data(ticket.reply or ''),
            })
        return True

    @api.multi
    def action_portal_publish(self):
        """CH-3: publish the redacted texts; only requests the citizen marked public."""
        for ticket in self:
            if not ticket.portal_public:
                raise UserError(_(
                    'Request %s: the citizen did not agree to publish it.') % ticket.name)
        self.action_portal_prepare_publication()
        for ticket in self:
            # the published texts go through the masks again, whatever staff typed
            ticket.write({
                'public_title': mask_personal_data(ticket.public_title),
                'public_content': mask_personal_data(ticket.public_content),
                'public_reply': mask_personal_data(ticket.public_reply),
                'portal_published': True,
            })
        return True

    def _portal_public_photos(self):
        """CH-3: the photos the public may see: marked public by staff, of a published
        request (redacted copies are marked when they are made; originals never are)."""
        self.ensure_one()
        if not (self.portal_published and self.portal_public):
            return self.env['ir.attachment']
        # sudo: the public has no right on requests' attachments; the filter above and the
        # staff's mark decide what is shown
        return self.env['ir.attachment'].sudo().search([
            ('res_model', '=', 'hotline.ticket'), ('res_id', '=', self.id),
            ('hotline_portal_public', '=', True), ('mimetype', 'like', 'image/')],
            order='id')

    @api.multi
    def action_portal_redact_photo(self):
        """CH-3: open the redaction of one of the request's photos."""
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window', 'res_model': 'hotline.portal.photo.redact',
            'view_mode': 'form', 'target': 'new', 'name': _('Redact a Photo'),
            'context': {'default_ticket_id': self.id},
        }

    @api.multi
    def action_portal_unpublish(self):
        return self.write({'portal_published': False, 'hot_qa': False})

    # ------------------------------------------------------------------ e-mail intake (CH-13)
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """CH-13: a mail to the hotline's alias (or the mayor's mailbox) becomes a request:
        subject → title, body → content, sender → contact; attachments are kept on it."""
        name, address = email.utils.parseaddr(msg_dict.get('email_from') or '')
        body = tools.html2plaintext(msg_dict.get('body') or '').strip()
        subject = (msg_dict.get('subject') or '').strip()
        values = {
            'name': '/',
            'title': (subject or body[:40] or _('E-mail without subject'))[:200],
            'content': body or subject or _('(empty message)'),
            'channel': 'email',
            'contact_name': name or address,
            'contact_email': address,
        }
        # CH-2: the sender's address is not proof of identity (a From: header is easily
        # forged), so the request is not linked to the citizen with that address: it would
        # show in his portal. Staff link it once they know who wrote.
        values.update(custom_values or {})
        return super(HotlineTicket, self.with_context(
            mail_create_nosubscribe=True)).message_new(msg_dict, custom_values=values)
