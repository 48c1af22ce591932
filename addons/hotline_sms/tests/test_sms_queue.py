# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""SM-1, SM-4, SM-5: the queueing contract (``queue_messages``)."""
import threading

import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.tests.common import SavepointCase


class TestSmsQueue(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Sms = cls.env['hotline.sms.message'].sudo()

    def test_good_rows_queued_bad_rows_stored_failed_with_reason(self):
        """SM-1: a batch with an invalid number, a landline, an empty and an over-long text
        queues the good rows and keeps the bad ones as failed, each with its reason."""
        rows = [
            {'number': '138 1234 5678', 'body': '您的工单已受理。', 'kind': 'ack'},
            {'number': '12', 'body': '号码不对'},
            {'number': '010-65123456', 'body': '座机收不到短信'},
            {'number': '13912345678', 'body': '   '},
            {'number': '13712345678', 'body': '长' * 1000},
        ]
        queued = self.Sms.queue_messages(rows)
        self.assertEqual(len(queued), 1)
        self.assertEqual(queued.number, '+8613812345678')
        self.assertEqual((queued.state, queued.coding, queued.parts), ('queued', 'ucs2', 1))
        failed = self.Sms.search([('state', '=', 'failed'), ('id', '>', queued.id)])
        reasons = dict((m.number, m.error) for m in failed)
        self.assertEqual(len(failed), 4)
        self.assertIn('不是有效的电话号码', reasons['12'])
        self.assertIn('固定电话', reasons['+861065123456'])
        self.assertIn('短信内容为空', reasons['+8613912345678'])
        self.assertIn('最多允许 5 条', reasons['+8613712345678'])
        # Sending again would only fail again: the message stays failed.
        failed.action_retry()
        self.assertEqual(set(failed.mapped('state')), {'failed'})

    def test_long_text_split_into_parts(self):
        """SM-1: a long text is split per GSM / UCS-2 rules (153 / 67 per part)."""
        msgs = self.Sms.queue_messages([
            {'number': '13812345678', 'body': 'a' * 161},
            {'number': '13812345678', 'body': '字' * 70},
            {'number': '13812345678', 'body': '字' * 71},
            {'number': '13812345678', 'body': '字' * 335},
        ])
        self.assertEqual(msgs.mapped('parts'), [2, 1, 2, 5])
        self.assertEqual(msgs.mapped('coding'), ['gsm7', 'ucs2', 'ucs2', 'ucs2'])

    def test_same_dedupe_key_queued_once(self):
        """SM-4, SV-6: queueing the same dedupe_key twice queues one SMS."""
        row = {'number': '13812345678', 'body': '派单提醒', 'kind': 'dispatch',
               'dedupe_key': 'test:dispatch:1'}
        first = self.Sms.queue_messages([row, dict(row)])
        second = self.Sms.queue_messages([row])
        self.assertEqual(len(first), 1)
        self.assertFalse(second)
        self.assertEqual(self.Sms.search_count([('dedupe_key', '=', 'test:dispatch:1')]), 1)

    def test_user_without_send_right_cannot_queue(self):
        """NF-2: a unit handler reads SMS of his unit but cannot queue any."""
        from odoo.exceptions import AccessError
        handler = self.env.ref('hotline_core.user_unit_handler')
        with self.assertRaises(AccessError):
            self.env['hotline.sms.message'].sudo(handler).queue_messages(
                [{'number': '13812345678', 'body': 'x'}])


class TestSmsQueueConcurrent(SavepointCase):
    """SV-6: two transactions racing for the same dedupe_key queue one SMS.

    Odoo's transactions are REPEATABLE READ: the loser of the race cannot see the winner's
    row, so PostgreSQL aborts it with a serialization failure, which Odoo answers by
    running the transaction again (RPC layer; a cron runs again at its next call). The
    retry sees the row and queues nothing.
    """

    def test_concurrent_transactions_queue_one(self):
        registry = self.env.registry
        key = 'test:concurrent:%s' % id(self)
        row = {'number': '13812345678', 'body': '并发', 'dedupe_key': key}
        results = {}
        started = threading.Event()

        def second():
            with api.Environment.manage():
                for attempt in range(3):   # as odoo.service.model.execute_cr retries
                    try:
                        with registry.cursor() as cr:
                            started.set()
                            env = api.Environment(cr, SUPERUSER_ID, {})
                            results['b'] = len(
                                env['hotline.sms.message'].queue_messages([row]))
                            return
                    except psycopg2.extensions.TransactionRollbackError:
                        results['b_retries'] = attempt + 1

        try:
            with registry.cursor() as cr_a:
                env_a = api.Environment(cr_a, SUPERUSER_ID, {})
                results['a'] = len(env_a['hotline.sms.message'].queue_messages([row]))
                thread = threading.Thread(target=second)
                thread.start()
                started.wait(5)
                thread.join(0.5)  # B waits on A's uncommitted row
                self.assertTrue(thread.is_alive())
            thread.join(10)
            self.assertEqual((results['a'], results['b']), (1, 0))
            self.assertEqual(results.get('b_retries'), 1)
            with registry.cursor() as cr:
                cr.execute('SELECT count(*) FROM hotline_sms_message WHERE dedupe_key = %s',
                           (key,))
                self.assertEqual(cr.fetchone()[0], 1)
        finally:
            with registry.cursor() as cr:
                cr.execute('DELETE FROM hotline_sms_message WHERE dedupe_key = %s', (key,))
