# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests.common import SavepointCase


class TestDispatchConcurrency(SavepointCase):
    """Concurrency (issue #3): two people acting on the same request at once.

    The second transaction is a real second connection (``registry.cursor()``), so it can
    only see committed data: the tests use hotline_core's demo request 建设路夜间施工噪音扰民,
    which the dispatch demo leaves with the office."""

    def setUp(self):
        super().setUp()
        self.ticket = self.env.ref('hotline_core.t_noise')
        self.dispatcher = self.env.ref('hotline_core.user_dispatcher')
        self.dongcheng = self.env.ref('hotline_core.unit_district_dongcheng')
        self.xicheng = self.env.ref('hotline_core.unit_district_xicheng')
        self.assertEqual(self.ticket.state, 'submitted')

    def _count_assignments(self, cr):
        cr.execute('SELECT count(*) FROM hotline_ticket_assignment WHERE ticket_id = %s',
                   [self.ticket.id])
        return cr.fetchone()[0]

    def test_second_dispatcher_is_told_and_nothing_dispatched_twice(self):
        """DS-1: while one dispatcher's dispatch is not committed, a second dispatcher
        dispatching the same request gets a clear message at once and writes nothing."""
        self.ticket.sudo(self.dispatcher).action_dispatch(self.dongcheng.id, opinion='甲')
        cr2 = self.registry.cursor()
        try:
            env2 = api.Environment(cr2, self.dispatcher.id, {})
            with self.assertRaisesRegex(UserError, 'Someone else is working|其他人正在处理'):
                env2['hotline.ticket'].browse(self.ticket.id).action_dispatch(
                    self.xicheng.id, opinion='乙')
            # the second transaction is still usable and has written nothing
            self.assertEqual(self._count_assignments(cr2), 0)
            cr2.execute('SELECT state FROM hotline_ticket WHERE id = %s', [self.ticket.id])
            self.assertEqual(cr2.fetchone()[0], 'submitted')
        finally:
            cr2.rollback()
            cr2.close()
        self.ticket.invalidate_cache()
        self.assertEqual(self.ticket.main_unit_id, self.dongcheng)
        self.assertEqual(len(self.ticket.assignment_ids.filtered(lambda a: a.role == 'main')), 1)

    def test_unit_acting_while_office_holds_the_request(self):
        """UN-2: a unit signing for a request the office is changing at that moment is told
        to retry; it does not wait forever nor sign twice."""
        self.ticket.sudo(self.dispatcher).action_dispatch(self.dongcheng.id)
        handler = self.env.ref('hotline_core.user_unit_handler')
        cr2 = self.registry.cursor()
        try:
            env2 = api.Environment(cr2, handler.id, {})
            # the dispatch is not committed: the second connection cannot even see it, and
            # an attempt to sign for the (locked) request is refused with the same message
            with self.assertRaisesRegex(UserError, 'Someone else is working|其他人正在处理'):
                env2['hotline.ticket'].browse(self.ticket.id)._lock_for_update()
        finally:
            cr2.rollback()
            cr2.close()

    def test_dispatching_twice_in_a_row_is_refused(self):
        """DS-1: once dispatched, the same request cannot be dispatched again by a second
        click; the message names the request."""
        self.ticket.sudo(self.dispatcher).action_dispatch(self.dongcheng.id)
        with self.assertRaisesRegex(UserError, self.ticket.name):
            self.ticket.sudo(self.dispatcher).action_dispatch(self.xicheng.id)
        self.assertEqual(len(self.ticket.assignment_ids), 1)


class TestTimedDispatchConcurrency(SavepointCase):
    """A class of its own: it commits (and restores) a due time on the demo request, which
    would break the repeatable-read snapshot of tests sharing one transaction with it."""

    def test_two_timed_dispatch_runs_at_once_dispatch_once(self):
        """FL-1, DS-4: the timed-dispatch cron run in two workers at the same moment: the
        first locks the due request, the second skips it (SKIP LOCKED) instead of waiting
        or dispatching it a second time. Real connections, so the due time is committed
        first and put back afterwards."""
        ticket_id = self.env.ref('hotline_core.t_noise').id
        setup = self.registry.cursor()
        try:
            setup.execute(
                "UPDATE hotline_ticket SET dispatch_scheduled = (now() AT TIME ZONE 'UTC') - "
                "interval '1 minute' WHERE id = %s", [ticket_id])
            setup.commit()
            first, second = self.registry.cursor(), self.registry.cursor()
            try:
                env1 = api.Environment(first, SUPERUSER_ID, {})
                env2 = api.Environment(second, SUPERUSER_ID, {})
                self.assertEqual(env1['hotline.ticket']._cron_timed_dispatch(), 1)
                self.assertEqual(env2['hotline.ticket']._cron_timed_dispatch(), 0)
            finally:
                first.rollback()
                second.rollback()
                first.close()
                second.close()
        finally:
            setup.execute('UPDATE hotline_ticket SET dispatch_scheduled = NULL WHERE id = %s',
                          [ticket_id])
            setup.commit()
            setup.close()


class TestSigningMessage(SavepointCase):
    """Issue 16: the message of a sign-for that a colleague did first."""

    def setUp(self):
        super().setUp()
        self.ticket = self.env.ref('hotline_core.t_noise')
        self.dispatcher = self.env.ref('hotline_core.user_dispatcher')
        self.dongcheng = self.env.ref('hotline_core.unit_district_dongcheng')

    def test_signing_what_a_colleague_signed_reads_as_chinese(self):
        """Issue 16, NF-1: the handler who signs for a request a colleague of the same unit
        signed a moment before is told so in a Chinese sentence (it read "诉求 东城区人民政府
        中 12345-… 的办理状态…": the pieces were in the English order)."""
        handler = self.env.ref('hotline_core.user_unit_handler')
        manager = self.env.ref('hotline_core.user_unit_manager')
        self.ticket.sudo(self.dispatcher).action_dispatch(self.dongcheng.id)
        assignment = self.ticket.assignment_ids.filtered(
            lambda a: a.unit_id == self.dongcheng and a.state == 'to_sign')
        assignment.sudo(manager).action_sign()
        with self.assertRaises(UserError) as caught:
            assignment.sudo(handler).with_context(lang='zh_CN').action_sign()
        self.assertEqual(caught.exception.name, '%s 承办的诉求 %s 当前为“办理中”，现在不能“签收”。' % (
            self.dongcheng.complete_name, self.ticket.name))
