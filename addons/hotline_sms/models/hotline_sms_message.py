# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""SM-1…SM-5: the SMS message — its fields, access by unit, and queueing (the contract the
other modules use: ``queue_messages``).

The rest is split by concern, each file extending ``hotline.sms.message``:
- ``hotline_sms_message_send.py``: sending the outbox, outcomes, delivery reports (SM-5);
- ``hotline_sms_message_receive.py``: incoming SMS (SM-2).
"""
import time

import psycopg2
from psycopg2 import sql

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.hotline_core.tools.phone import PhoneError, is_mobile, normalize_phone

from .sms_text import sms_parts


def with_retry(registry, function, attempts=5, read_committed=False):
    """``function(env)`` in a transaction of its own, committed; run again when PostgreSQL
    aborts it for a concurrent update (Odoo's transactions are REPEATABLE READ: a sender and
    a delivery report may touch the same row).

    ``read_committed``: the short state changes of the outbox (claim, outcome, delivery
    report) lock their rows and decide on the row's current state, the classic queue
    pattern, which needs READ COMMITTED to wait for a concurrent writer instead of failing.
    """
    for attempt in range(attempts):
        try:
            with registry.cursor() as cr:
                if read_committed and registry.test_cr is None:
                    cr.execute('SET TRANSACTION ISOLATION LEVEL READ COMMITTED')
                return function(api.Environment(cr, SUPERUSER_ID, {}))
        except psycopg2.extensions.TransactionRollbackError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.02 * (attempt + 1))


DIRECTIONS = [('out', 'Outgoing'), ('in', 'Incoming')]
STATES = [
    ('queued', 'Queued'),
    ('sending', 'Sending'),
    ('sent', 'Sent to gateway'),
    ('delivered', 'Delivered'),
    ('undelivered', 'Not delivered'),
    ('failed', 'Failed'),
    ('received', 'Received'),
]
# Kannel's delivery report types (dlr-mask bits, the %d of the dlr-url).
DLR_DELIVERED, DLR_UNDELIVERED, DLR_QUEUED, DLR_SMSC_ACK, DLR_SMSC_NACK = 1, 2, 4, 8, 16
INSERT_COLUMNS = (
    'number', 'body', 'secret_text', 'partner_id', 'ticket_id', 'unit_id', 'kind', 'direction',
    'state', 'dedupe_key', 'error', 'coding', 'parts', 'extension', 'gateway_id', 'date', 'tries',
    'create_uid', 'write_uid', 'create_date', 'write_date',
)


class HotlineSmsMessage(models.Model):
    """SM-1…SM-5: one SMS to or from one number — the outbox, the log and the delivery
    report in one row.

    Outgoing messages are only ever inserted by ``queue_messages`` (set-based, idempotent
    through ``dedupe_key``) and sent later by ``_cron_send`` in transactions of its own, so a
    gateway outage never rolls back the caller and loses nothing.
    """
    _name = 'hotline.sms.message'
    _description = 'SMS Message'
    _order = 'date desc, id desc'
    _rec_name = 'number'

    # -- identity and relations
    number = fields.Char(
        required=True, index=True, readonly=True,
        help='The citizen\'s or contact\'s mobile number (E.164).')
    body = fields.Text('Text', readonly=True)
    # A text carrying a secret (a verification code) is stored twice: ``body`` with the
    # secret masked, for everybody who reads the log, and ``secret_text`` as sent, for the
    # sender only — so no agent can read a citizen's code off the SMS log.
    secret_text = fields.Text('Text as Sent', readonly=True, groups='base.group_system')
    partner_id = fields.Many2one('res.partner', 'Contact', index=True, readonly=True)
    ticket_id = fields.Many2one(
        'hotline.ticket', 'Request', index=True, readonly=True, ondelete='set null')
    unit_id = fields.Many2one('hotline.unit', 'Unit', index=True, readonly=True)
    gateway_id = fields.Many2one('hotline.sms.gateway', 'Gateway', index=True, readonly=True)
    kind = fields.Char(
        default='manual', index=True, readonly=True,
        help='Why the message was sent: manual, ack, dispatch, prewarning, yellow, red…')
    direction = fields.Selection(DIRECTIONS, required=True, default='out', index=True,
                                 readonly=True)
    extension = fields.Char(
        index=True, readonly=True,
        help='Sub-number appended to the service number (扩展号): replies to it come back '
             'to the same desk.')
    dedupe_key = fields.Char(
        'Deduplication Key', readonly=True, copy=False,
        help='A message with a key is queued once, however often it is asked for.')
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True,
                           readonly=True, help='When the message was queued or received.')
    # -- state
    state = fields.Selection(STATES, required=True, default='queued', index=True,
                             readonly=True)
    error = fields.Text('Failure Reason', readonly=True)
    coding = fields.Selection([('gsm7', 'GSM 7-bit'), ('ucs2', 'UCS-2 (Chinese)')],
                              readonly=True)
    parts = fields.Integer('SMS Parts', readonly=True)
    tries = fields.Integer('Attempts', readonly=True, default=0)
    next_try = fields.Datetime('Next Attempt', readonly=True, index=True)
    sending_since = fields.Datetime(readonly=True)
    date_sent = fields.Datetime('Sent On', readonly=True)
    date_delivered = fields.Datetime('Delivery Report On', readonly=True)
    dlr_status = fields.Integer('Delivery Report Code', readonly=True)
    dlr_text = fields.Char('Delivery Report', readonly=True)
    gateway_answer = fields.Char(readonly=True)
    # -- computed
    kind_label = fields.Char('Purpose', compute='_compute_kind_label')
    ticket_unit_ids = fields.Many2many(
        'hotline.unit', string='Units of the Request', compute='_compute_ticket_unit_ids',
        search='_search_ticket_unit_ids',
        help='The units the request was dispatched or copied to (what the units\' record '
             'rule looks at).')

    @api.model
    def _kind_labels(self):
        """Labels of the known kinds (``kind`` stays free text for other modules)."""
        return {
            'manual': _('Manual'), 'group': _('Group sending'), 'ack': _('Acknowledgement'),
            'inbound': _('Received'), 'dispatch': _('Dispatch reminder'),
            'prewarning': _('Pre-warning'), 'delay': _('Delay warning'),
            'share_warning': _('Time-limit share warning'), 'yellow': _('Yellow card'),
            'red': _('Red card'), 'recovery': _('Recovery'),
        }

    @api.depends('kind')
    def _compute_kind_label(self):
        labels = self._kind_labels()
        for message in self:
            message.kind_label = labels.get(message.kind, message.kind)

    @api.depends('ticket_id.unit_ids')
    def _compute_ticket_unit_ids(self):
        for message in self:
            message.ticket_unit_ids = message.ticket_id.unit_ids

    def _search_ticket_unit_ids(self, operator, value):
        """NF-2: messages about requests of these units, as one sub-select on the request's
        units — ``ticket_id.unit_ids`` would make Odoo 11 inline the ids of every request the
        units ever had into each query of the units' rule (and ``auto_join`` is no way out
        there: it would drop, under the rule's OR, the messages without a request)."""
        if operator not in ('child_of', 'in', '='):
            raise NotImplementedError(
                'hotline.sms.message.ticket_unit_ids: operator %r not supported' % operator)
        units = self.env['hotline.unit'].sudo().with_context(active_test=False).search(
            [('id', operator, value)])
        if not units:
            return [('id', '=', 0)]
        return [('ticket_id', 'inselect', (
            'SELECT ticket_id FROM hotline_ticket_unit_rel WHERE unit_id IN %s',
            [tuple(units.ids)]))]

    @api.model_cr
    def init(self):
        # The contract's idempotency: one row per dedupe_key, whoever queues it and however
        # many transactions race (INSERT … ON CONFLICT relies on this partial index).
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS hotline_sms_message_dedupe_key_uniq
                ON hotline_sms_message (dedupe_key) WHERE dedupe_key IS NOT NULL""")
        # The sender's scan: only the queued outgoing rows, oldest first.
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS hotline_sms_message_outbox_idx
                ON hotline_sms_message (next_try, id) WHERE state = 'queued'""")

    # ------------------------------------------------------------------ queueing (contract)
    @api.model
    def _sms_check_number(self, number):
        """(E.164 number, error) of a recipient: SMS go to mobiles only."""
        raw = (number or '').strip()
        if not raw:
            return raw, _('The recipient has no mobile number.')
        try:
            e164 = normalize_phone(raw)
        except PhoneError:
            return raw, _('"%s" is not a valid phone number.') % raw
        if e164.startswith('+86') and not is_mobile(e164):
            return e164, _('%s is a landline: SMS can only be sent to a mobile number.') % raw
        return e164, False

    @api.model
    def _sms_max_parts(self):
        param = self.env['ir.config_parameter'].sudo().get_param('hotline_sms.max_parts', '5')
        return max(int(param or 5), 1)

    @api.model
    def _sms_check_body(self, body):
        """(coding, parts, error) of a text: empty or longer than the allowed parts fails."""
        coding, units, parts = sms_parts(body)
        if not body:
            return coding, parts, _('The text message is empty.')
        max_parts = self._sms_max_parts()
        if parts > max_parts:
            per_part = 67 if coding == 'ucs2' else 153
            return coding, parts, _(
                'The message is %(units)d characters long and would take %(parts)d SMS; at '
                'most %(max_parts)d are allowed (%(max_units)d characters). Shorten it.') % {
                    'units': units, 'parts': parts, 'max_parts': max_parts,
                    'max_units': per_part * max_parts if max_parts > 1
                    else (70 if coding == 'ucs2' else 160)}
        return coding, parts, False

    @api.model
    def queue_messages(self, rows):
        """SM-1, SM-4, SM-5 (contract with hotline_supervision): queue one SMS per row.

        ``rows``: dicts with ``number``, ``body`` and optionally ``ticket_id``, ``unit_id``,
        ``partner_id``, ``kind``, ``dedupe_key``, ``extension``, ``gateway_id``, and — for
        the system only — ``secret_text``: the text to send when ``body`` is its masked copy
        (verification codes).
        One INSERT … ON CONFLICT (dedupe_key) DO NOTHING: a key already queued (by this or a
        concurrent transaction) queues nothing; an invalid number, empty or too long text is
        stored as ``failed`` with its reason instead of raising, so the good rows of a batch
        are never lost. Returns the newly queued messages (state ``queued``).
        """
        self.check_access_rights('create')
        if not rows:
            return self.browse()
        if any(row.get('secret_text') for row in rows) and not (
                self.env.uid == SUPERUSER_ID or self.env.user.has_group('base.group_system')):
            # the log must show what was sent: only the system masks a text it sends
            raise AccessError(_('Only the system may send a text other than the one logged.'))
        now = fields.Datetime.now()
        uid = self.env.uid
        cr = self.env.cr
        values = []
        for row in rows:
            number, error = self._sms_check_number(row.get('number'))
            body = (row.get('body') or '').strip()
            secret = (row.get('secret_text') or '').strip() or None
            coding, parts, body_error = self._sms_check_body(secret or body)
            error = error or body_error
            values.append(cr.mogrify(
                '(' + ', '.join(['%s'] * len(INSERT_COLUMNS)) + ')', (
                    number or '', body, secret, row.get('partner_id') or None,
                    row.get('ticket_id') or None, row.get('unit_id') or None,
                    row.get('kind') or 'manual', 'out', 'failed' if error else 'queued',
                    row.get('dedupe_key') or None, error or None, coding, parts,
                    row.get('extension') or None, row.get('gateway_id') or None, now, 0,
                    uid, uid, now, now,
                )).decode('utf-8'))
        # the values are literals already quoted by mogrify above
        query = sql.SQL(
            'INSERT INTO hotline_sms_message ({columns}) VALUES {values} '
            'ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING '
            'RETURNING id, state').format(
                columns=sql.SQL(', ').join(sql.Identifier(column) for column in INSERT_COLUMNS),
                values=sql.SQL(', ').join(sql.SQL(value) for value in values))
        cr.execute(query.as_string(cr._obj))
        inserted = cr.fetchall()
        return self.browse([mid for mid, state in inserted if state == 'queued'])

    @api.model
    def _log_inbound(self, vals):
        """SM-2: store one received SMS (idempotent through its dedupe_key); returns the new
        record, or an empty recordset when the same SMS was already received."""
        now = fields.Datetime.now()
        cr = self.env.cr
        cr.execute("""
            INSERT INTO hotline_sms_message
                (number, body, partner_id, kind, direction, state, dedupe_key, coding, parts,
                 extension, gateway_id, date, tries, create_uid, write_uid, create_date,
                 write_date)
            VALUES (%s, %s, %s, 'inbound', 'in', 'received', %s, %s, %s, %s, %s, %s, 0,
                    %s, %s, %s, %s)
            ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
            RETURNING id""", (
            vals['number'], vals['body'], vals.get('partner_id'), vals.get('dedupe_key'),
            sms_parts(vals['body'])[0], sms_parts(vals['body'])[2], vals.get('extension'),
            vals.get('gateway_id'), vals.get('date') or now, self.env.uid, self.env.uid,
            now, now))
        row = cr.fetchone()
        return self.browse(row[0] if row else [])
