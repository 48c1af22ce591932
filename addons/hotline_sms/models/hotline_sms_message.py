# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime
import hashlib
import logging
import time

import psycopg2

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.addons.hotline_core.models.hotline_ticket import WAITING_STATES
from odoo.addons.hotline_core.tools.phone import PhoneError, is_mobile, normalize_phone
from odoo.exceptions import AccessError

from .sms_text import sms_parts

_logger = logging.getLogger(__name__)


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
        'Extension', index=True, readonly=True,
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
    gateway_answer = fields.Char('Gateway Answer', readonly=True)
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
                'The message is %d characters long and would take %d SMS; at most %d are '
                'allowed (%d characters). Shorten it.') % (
                    units, parts, max_parts, per_part * max_parts if max_parts > 1
                    else (70 if coding == 'ucs2' else 160))
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
        cr.execute(
            'INSERT INTO hotline_sms_message (%s) VALUES %s '
            'ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING '
            'RETURNING id, state' % (', '.join(INSERT_COLUMNS), ', '.join(values)))
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

    # ------------------------------------------------------------------ sending (SM-5)
    @api.model
    def _sms_param(self, key, default):
        return int(self.env['ir.config_parameter'].sudo().get_param(key, default) or default)

    @api.model
    def _cron_send(self, batch=50, max_batches=100):
        """SM-5: send what is queued, in transactions of its own.

        Each batch is claimed in one short transaction (``queued`` → ``sending``, SELECT …
        FOR UPDATE SKIP LOCKED, so concurrent senders never take the same row). Each message
        is then handed to its gateway outside any write transaction, and its outcome is
        committed on its own right after the HTTP exchange. A message left in ``sending`` by
        a killed process is queued again after ``hotline_sms.sending_timeout`` seconds.
        When the gateway is down (no connection, no answer, 5xx), the run stops: the rest of
        the batch goes back to the queue untried, to wait as long as the message that found
        the gateway down (one probe per attempt instead of one timeout per message).
        Returns the number of messages handed to a gateway.
        """
        handed = 0
        registry = self.pool
        with_retry(registry, lambda env: env['hotline.sms.message']._requeue_stale(),
                   read_committed=True)
        for _batch in range(max_batches):
            ids = with_retry(registry, lambda env: env['hotline.sms.message']._claim(batch),
                             read_committed=True)
            if not ids:
                break
            for index, message_id in enumerate(ids):
                accepted, outcome = self._send_claimed(registry, message_id)
                handed += accepted
                if outcome == 'down':
                    rest = ids[index + 1:]
                    with_retry(registry, lambda env: env['hotline.sms.message'].browse(
                        message_id)._release(rest), read_committed=True)
                    return handed
        return handed

    @api.multi
    def _release(self, ids):
        """Give claimed, untried messages back to the queue, due when this one is."""
        self.ensure_one()
        self.invalidate_cache(ids=self.ids)
        if not ids:
            return
        next_try, error = self.next_try, self.error
        if self.state != 'queued':   # the probe has used up its tries: wait one delay
            next_try = fields.Datetime.to_string(datetime.datetime.utcnow() + datetime.timedelta(
                seconds=self._sms_param('hotline_sms.retry_delay', 30)))
            error = _('Not sent yet: the gateway was down.')
        self.env.cr.execute("""
            UPDATE hotline_sms_message
               SET state = 'queued', tries = tries - 1, sending_since = NULL,
                   next_try = %s, error = %s
             WHERE id = ANY(%s) AND state = 'sending'""", (next_try, error, list(ids)))

    @api.model
    def _requeue_stale(self):
        timeout = self._sms_param('hotline_sms.sending_timeout', 600)
        self.env.cr.execute("""
            UPDATE hotline_sms_message SET state = 'queued', sending_since = NULL
             WHERE state = 'sending'
               AND sending_since < (now() at time zone 'UTC') - %s * interval '1 second'""",
                            (timeout,))

    @api.model
    def _claim(self, limit):
        """Move up to ``limit`` due messages from ``queued`` to ``sending`` and give them
        their gateway — theirs if still active, else the first active one — so that an
        early delivery report finds them; their ids."""
        gateways = self.env['hotline.sms.gateway'].search([])
        if not gateways:
            return []      # no gateway: keep everything queued, nothing is tried
        self.env.cr.execute("""
            UPDATE hotline_sms_message m
               SET state = 'sending', sending_since = now() at time zone 'UTC',
                   tries = m.tries + 1,
                   gateway_id = CASE WHEN m.gateway_id = ANY(%s) THEN m.gateway_id
                                     ELSE %s END
             WHERE m.id IN (SELECT id FROM hotline_sms_message
                             WHERE state = 'queued'
                               AND (next_try IS NULL
                                    OR next_try <= now() at time zone 'UTC')
                             ORDER BY next_try NULLS FIRST, id
                             LIMIT %s
                             FOR UPDATE SKIP LOCKED)
         RETURNING m.id""", (gateways.ids, gateways[0].id, limit))
        return sorted(r[0] for r in self.env.cr.fetchall())

    @api.model
    def _send_claimed(self, registry, message_id):
        """Hand one claimed message to its gateway, then record the outcome; (1 if the
        gateway accepted it else 0, the outcome)."""
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            message = env['hotline.sms.message'].browse(message_id)
            message.invalidate_cache(ids=message.ids)
            gateway = message.gateway_id    # set by the claim: an active gateway
            try:
                outcome, answer = gateway._send(message)
            except Exception as error:  # a provider bug must not stop the queue
                _logger.exception('SMS %s: gateway %s failed', message_id, gateway.name)
                outcome, answer = 'retry', str(error)
            lang = env.user.lang
            # End the read-only snapshot: a delivery report may have been committed
            # meanwhile, and the outcome is written in a fresh transaction.
            cr.commit()
        accepted = with_retry(registry, lambda env: env['hotline.sms.message'].with_context(
            lang=lang).browse(message_id)._record_outcome(outcome, answer), read_committed=True)
        return accepted, outcome

    @api.multi
    def _record_outcome(self, outcome, answer):
        """Write the gateway's answer on a message this process claimed."""
        self.ensure_one()
        self.env.cr.execute(
            "SELECT state FROM hotline_sms_message WHERE id = %s FOR UPDATE", (self.id,))
        row = self.env.cr.fetchone()
        if not row or row[0] not in ('sending', 'delivered', 'undelivered'):
            return 0
        self.invalidate_cache(ids=self.ids)   # read what other transactions committed
        now = fields.Datetime.now()
        if outcome == 'sent':
            vals = {'date_sent': now, 'gateway_answer': answer[:250], 'error': False,
                    'sending_since': False}
            if row[0] == 'sending':   # else the delivery report came first: keep it
                vals['state'] = 'sent'
            self.write(vals)
            return 1
        if row[0] != 'sending':
            return 0
        if outcome in ('retry', 'down') \
                and self.tries < self._sms_param('hotline_sms.max_tries', 8):
            delay = min(self._sms_param('hotline_sms.retry_delay', 30) * 2 ** (self.tries - 1),
                        self._sms_param('hotline_sms.retry_delay_max', 3600))
            self.write({
                'state': 'queued', 'sending_since': False,
                'next_try': fields.Datetime.to_string(
                    datetime.datetime.utcnow() + datetime.timedelta(seconds=delay)),
                'error': _('Attempt %d failed (%s); next attempt in %d s.') % (
                    self.tries, answer, delay)})
            return 0
        self.write({'state': 'failed', 'sending_since': False,
                    'error': answer if outcome == 'failed' else _(
                        'Gave up after %d attempts: %s') % (self.tries, answer)})
        return 0

    @api.model
    def _apply_dlr(self, message_id, gateway, status, answer):
        """SM-1: record a delivery report; a final report (delivered / not delivered) is
        never overwritten by an intermediate one arriving late. A report may come before
        the sender has recorded the gateway's answer (Kannel calls back at once)."""
        self.env.cr.execute(
            "SELECT state FROM hotline_sms_message WHERE id = %s AND direction = 'out' "
            "AND gateway_id = %s FOR UPDATE", (message_id, gateway.id))
        row = self.env.cr.fetchone()
        if not row:
            return False
        vals = {'dlr_status': status, 'dlr_text': (answer or '')[:250],
                'date_delivered': fields.Datetime.now()}
        if status & DLR_DELIVERED:
            vals['state'] = 'delivered'
        elif status & (DLR_UNDELIVERED | DLR_SMSC_NACK):
            vals['state'] = 'undelivered'
        elif row[0] in ('delivered', 'undelivered'):
            return True
        message = self.browse(message_id)
        message.invalidate_cache(ids=message.ids)
        message.write(vals)
        return True

    # ------------------------------------------------------------------ actions
    @api.multi
    def action_retry(self):
        """SM-5: queue again the messages the gateway failed or could not deliver (after
        fixing the gateway or when the phone is on again); a message refused before sending
        (bad number, empty or too long text) would only fail again and stays as it is."""
        self.filtered(lambda m: m.direction == 'out' and (
            m.state == 'undelivered' or (m.state == 'failed' and m.tries > 0))).write(
            {'state': 'queued', 'next_try': False, 'tries': 0, 'error': False})
        return True

    # ------------------------------------------------------------------ receiving (SM-2)
    @api.model
    def _receive(self, gateway, sender, receiver, text, ts=None, ref=None):
        """SM-2, CH-12: one SMS from a phone, as the gateway passes it on.

        The message is logged once (a gateway that calls twice for the same SMS creates
        nothing more). From an unknown or known number alike it becomes a request with
        channel ``sms``, linked to the citizen with that mobile, and the sender gets the
        acknowledgement template (code ``ack``) with the request number. A further SMS from
        the same number within ``hotline_sms.inbound_merge_minutes`` minutes, while that
        request has not left the hotline office yet (draft or submitted), is added to it
        instead, without a second acknowledgement.
        Returns the logged message (empty when it was a repeat).
        """
        text = (text or '').strip()
        number, error = self._sms_check_number(sender)
        extension = False
        if receiver and gateway.sender and receiver.startswith(gateway.sender):
            extension = receiver[len(gateway.sender):] or False
        if ref:
            key = 'in:%d:%s' % (gateway.id, ref)
        else:
            key = 'in:%d:%s:%s:%s' % (gateway.id, number, ts or '',
                                      hashlib.sha1(text.encode('utf-8')).hexdigest()[:16])
        partner = self.env['res.partner']
        if not error:
            partner = partner.hotline_find_by_phone(number, limit=1)
        message = self._log_inbound({
            'number': number or (sender or '?'), 'body': text, 'partner_id': partner.id or None,
            'dedupe_key': key, 'extension': extension, 'gateway_id': gateway.id,
            'date': self._gateway_time(ts)})
        if not message:
            return message
        if error or not text:
            message.write({'error': error or _('The text message is empty.')})
            return message
        ticket = self._open_sms_ticket(number)
        if ticket:
            ticket.write({'content': '%s\n%s' % (ticket.content, text)})
            ticket.message_post(body=_('Further SMS from %s: %s') % (number, text),
                                message_type='comment', subtype='mail.mt_note')
            message.write({'ticket_id': ticket.id})
            return message
        ticket = self.env['hotline.ticket'].with_context(mail_create_nosubscribe=True).create({
            'title': text[:30], 'content': text, 'ticket_type': 'consult', 'channel': 'sms',
            'caller_number': number, 'contact_phone': number,
            'contact_name': partner.name or _('SMS citizen %s') % number[-4:],
            'partner_id': partner.id or False,
        })
        message.write({'ticket_id': ticket.id})
        template = self.env['hotline.sms.template'].search([('code', '=', 'ack')], limit=1)
        if template:
            self.queue_messages([{
                'number': number, 'body': template.render(ticket=ticket),
                'ticket_id': ticket.id, 'partner_id': ticket.partner_id.id, 'kind': 'ack',
                'extension': extension or template.extension, 'gateway_id': gateway.id,
                'dedupe_key': 'ack:%d' % message.id}])
        return message

    @api.model
    def _open_sms_ticket(self, number):
        minutes = self._sms_param('hotline_sms.inbound_merge_minutes', 30)
        since = fields.Datetime.to_string(
            datetime.datetime.utcnow() - datetime.timedelta(minutes=minutes))
        previous = self.search([
            ('direction', '=', 'in'), ('number', '=', number), ('date', '>=', since),
            ('ticket_id', '!=', False), ('ticket_id.state', 'in', WAITING_STATES)],
            order='date desc, id desc', limit=1)
        return previous.ticket_id

    @api.model
    def _gateway_time(self, ts):
        """Kannel's %T is a Unix time; anything else means 'now'."""
        try:
            value = datetime.datetime.utcfromtimestamp(int(ts))
        except (TypeError, ValueError, OverflowError, OSError):
            return fields.Datetime.now()
        now = datetime.datetime.utcnow()
        if abs((now - value).total_seconds()) > 7 * 86400:
            return fields.Datetime.now()
        return fields.Datetime.to_string(value)
