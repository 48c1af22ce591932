# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""SM-5: sending the outbox — the cron that claims queued messages and hands them to the
gateway in transactions of its own, the outcome and the delivery reports, and the retry of
failed messages."""
import datetime
import logging

from odoo import SUPERUSER_ID, _, api, fields, models

from .hotline_sms_message import DLR_DELIVERED, DLR_SMSC_NACK, DLR_UNDELIVERED, with_retry

_logger = logging.getLogger(__name__)


class HotlineSmsMessageSend(models.Model):
    """SM-5: the outbox sent to the gateway."""
    _inherit = 'hotline.sms.message'

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
            # meanwhile, and the outcome is written in a fresh transaction (required: the
            # sender's own cursor, each outcome kept).
            cr.commit()  # pylint: disable=invalid-commit
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
                'error': _(
                    'Attempt %(tries)d failed (%(answer)s); next attempt in %(delay)d s.') % {
                        'tries': self.tries, 'answer': answer, 'delay': delay}})
            return 0
        self.write({'state': 'failed', 'sending_since': False,
                    'error': answer if outcome == 'failed' else _(
                        'Gave up after %(tries)d attempts: %(answer)s') % {
                            'tries': self.tries, 'answer': answer}})
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
