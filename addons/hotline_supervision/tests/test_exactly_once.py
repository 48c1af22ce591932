# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import threading
from unittest import mock

from odoo import SUPERUSER_ID, api
from odoo.tests.common import SavepointCase

from odoo.addons.hotline_core.tests import waiting

from .common import SupervisionCase, utc
from .test_cards import DEADLINE, DISPATCHED

CARD_KINDS = ['prewarning', 'share_warning', 'delay', 'yellow', 'red']


class Killed(Exception):
    """Stands for the scheduler's process being killed."""


class TestScanTwice(SupervisionCase):
    """SV-6: the same scan run twice issues nothing the second time."""

    def test_second_scan_issues_nothing_and_texts_nobody(self):
        """SV-6: after a scan issued the yellow card and its two text messages, running the
        scan again (same moment, then later the same day) adds no card and no message; queueing
        the same cards' messages again is refused by their dedupe keys."""
        ticket = self._dispatch_at(DEADLINE, DISPATCHED)
        first = self.Card._scan(now=utc('2026-03-03 09:00'))
        self.assertEqual(first.mapped('level'), ['yellow'])
        self.assertEqual(len(self._sms(ticket)), 2)
        self.assertFalse(self.Card._scan(now=utc('2026-03-03 09:00')))
        self.assertFalse(self.Card._scan(now=utc('2026-03-03 16:00')))
        self.Card._send_sms(first.ids)
        self.assertEqual(self._cards(ticket), [('yellow', 'overdue')])
        self.assertEqual(len(self._sms(ticket)), 2)


class CommittedCase(SavepointCase):
    """Requests committed by a cursor of their own, so that several real transactions see
    them (the scan's guarantees hold between transactions); removed afterwards."""

    def _new_env(self):
        cr = self.registry.cursor()
        self.addCleanup(cr.close)
        return api.Environment(cr, SUPERUSER_ID, {'tracking_disable': True,
                                                  'mail_create_nolog': True})

    def setUp(self):
        super().setUp()
        env = self._new_env()
        unit = env.ref('hotline_core.unit_district_xicheng')
        self.unit_id = unit.id
        self.ticket_ids = []
        for title in ('甲路灯不亮', '乙井盖缺失'):
            ticket = env['hotline.ticket'].create({
                'title': title, 'content': title, 'ticket_type': 'complaint',
                'contact_name': '测试市民', 'contact_phone': '13800138001'})
            ticket.action_submit()
            ticket.action_dispatch(unit.id, opinion='请办理。', deadline=DEADLINE)
            self.ticket_ids.append(ticket.id)
        env.cr.execute('UPDATE hotline_ticket_assignment SET create_date = %s '
                       'WHERE ticket_id IN %s', [DISPATCHED, tuple(self.ticket_ids)])
        env.cr.commit()
        self.addCleanup(self._remove)

    def _remove(self):
        env = self._new_env()
        env.cr.execute('DELETE FROM hotline_sms_message WHERE ticket_id IN %s',
                       [tuple(self.ticket_ids)])
        env['hotline.ticket'].browse(self.ticket_ids).unlink()
        env.cr.commit()

    def _count(self, cr):
        """(cards, messages, distinct dedupe keys) of the test's requests, committed."""
        cr.execute("""
            SELECT (SELECT count(*) FROM hotline_supervision_card WHERE ticket_id IN %(t)s),
                   (SELECT count(*) FROM hotline_sms_message
                     WHERE ticket_id IN %(t)s AND kind = ANY(%(k)s)),
                   (SELECT count(DISTINCT dedupe_key) FROM hotline_sms_message
                     WHERE ticket_id IN %(t)s AND kind = ANY(%(k)s))""",
                   {'t': tuple(self.ticket_ids), 'k': CARD_KINDS})
        return cr.fetchone()

    def _mine(self, cards):
        return cards.filtered(lambda c: c.ticket_id.id in self.ticket_ids)


class TestScanConcurrent(CommittedCase):
    """SV-6: two scans at once, in two real transactions."""

    def test_concurrent_scans_issue_each_card_once(self):
        """SV-6: while a first scan has issued the yellow cards but not committed, a second
        (scheduled) scan in another transaction waits on the unique index, is refused,
        retries in a new transaction and issues nothing: one card per request and level,
        one text message per person."""
        now = utc('2026-03-03 09:00')
        env1 = self._new_env()
        first = self._mine(env1['hotline.supervision.card']._scan(now=now))
        self.assertEqual(sorted(first.mapped('level')), ['yellow', 'yellow'])
        result = {}

        def second_scan():
            with api.Environment.manage():
                cr2 = self.registry.cursor()
                try:
                    env2 = api.Environment(cr2, SUPERUSER_ID, {})
                    cards = env2['hotline.supervision.card']._scan(now=now, commit=True)
                    result['mine'] = [c.id for c in cards
                                      if c.ticket_id.id in self.ticket_ids]
                    cr2.commit()
                except Exception as error:  # reported to the main thread below
                    result['error'] = error
                finally:
                    cr2.close()

        thread = threading.Thread(target=second_scan)
        thread.start()
        # the second scan's INSERT blocks on the first one's uncommitted cards
        waiting.wait_for(lambda: waiting.waiting_on_lock(self.registry.db_name) or
                         not thread.is_alive(), 'the second scan blocked on the first one')
        self.assertTrue(thread.is_alive(), 'the second scan waits for the first one')
        env1.cr.commit()
        thread.join(60)
        self.assertFalse(thread.is_alive())
        self.assertNotIn('error', result)
        self.assertEqual(result['mine'], [])
        cards, messages, keys = self._count(self._new_env().cr)
        self.assertEqual(cards, 2)
        # xicheng: not signed → contact phone; section chief = manager (none in demo) →
        # the number of messages is the number of distinct keys, whatever the recipients
        self.assertEqual(messages, keys)
        self.assertGreaterEqual(messages, 2)


class TestScanInterrupted(CommittedCase):
    """SV-6: a scan killed halfway, then run again."""

    def test_rerun_after_interruption_completes_without_duplicates(self):
        """SV-6: the scheduled scan commits batch by batch; killed after the batch with the
        first request, it keeps that request's card and messages; the next run carries the
        second request's card and repeats nothing."""
        now = utc('2026-03-03 09:00')
        env1 = self._new_env()
        Card = env1['hotline.supervision.card']
        first_ticket, second_ticket = self.ticket_ids
        env1.cr.execute('SELECT id FROM hotline_ticket_assignment WHERE ticket_id = %s',
                        [second_ticket])
        second_assignment = env1.cr.fetchone()[0]

        def killed(ids):
            env1.cr.execute('SELECT DISTINCT ticket_id FROM hotline_supervision_card '
                            'WHERE id = ANY(%s)', [ids or [0]])
            if first_ticket in [row[0] for row in env1.cr.fetchall()]:
                raise Killed('killed')

        with mock.patch.object(type(Card), '_after_batch', side_effect=killed):
            with self.assertRaises(Killed):
                Card._scan(now=now, batch_size=1, commit=True)
        env1.cr.rollback()
        check = self._new_env().cr
        check.execute('SELECT ticket_id, level FROM hotline_supervision_card '
                      'WHERE ticket_id IN %s', [tuple(self.ticket_ids)])
        self.assertEqual(check.fetchall(), [(first_ticket, 'yellow')],
                         'the finished batch is kept, the rest is not')
        __, messages_before, __ = self._count(check)
        self.assertGreaterEqual(messages_before, 1)

        env2 = self._new_env()
        again = self._mine(env2['hotline.supervision.card']._scan(now=now, commit=True))
        self.assertEqual(again.mapped('ticket_id').ids, [second_ticket])
        self.assertEqual(again.assignment_id.id, second_assignment)
        cards, messages, keys = self._count(self._new_env().cr)
        self.assertEqual(cards, 2)
        self.assertEqual(messages, keys)
        self.assertEqual(messages, 2 * messages_before)
