# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.exceptions import AccessError, ValidationError

from .common import SupervisionCase, utc


class TestTimePolicies(SupervisionCase):
    """SV-1: deadlines of a request come from its time-limit policy."""

    def _registered(self, local, **vals):
        ticket = self._submitted(**vals)
        self.env.cr.execute('UPDATE hotline_ticket SET register_date = %s WHERE id = %s',
                            [utc(local), ticket.id])
        ticket.invalidate_cache()
        return ticket

    def test_dispatch_without_deadline_uses_policy_across_spring_festival(self):
        """SV-1, SV-2: a complaint registered Thu 12 Feb 2026 with a 5-working-day policy
        is due at the end of Thu 26 Feb; acceptance (1 working day) by the end of Fri 13
        Feb; the unit's assignment carries both deadlines."""
        ticket = self._registered('2026-02-12 10:00')
        ticket.sudo(self.dispatcher).action_dispatch(self.district_a.id, opinion='请办理。')
        self.assertEqual(ticket.time_policy_id, self.policy)
        self.assertEqual(ticket.date_deadline, utc('2026-02-26 23:59')[:-2] + '59')
        self.assertEqual(ticket.date_sign_deadline, utc('2026-02-13 23:59')[:-2] + '59')
        main = self._assignment(ticket, self.district_a, 'main')
        self.assertEqual(main.date_deadline, ticket.date_deadline)
        self.assertEqual(main.date_sign_deadline, ticket.date_sign_deadline)
        self.assertEqual(main.time_policy_id, self.policy, 'the scan reads it on the unit')

    def test_explicit_deadline_wins(self):
        """SV-1: a deadline given by the dispatcher is kept as given."""
        ticket = self._registered('2026-02-12 10:00')
        ticket.sudo(self.dispatcher).action_dispatch(
            self.district_a.id, opinion='请办理。', deadline='2026-03-31 09:00:00')
        self.assertEqual(ticket.date_deadline, '2026-03-31 09:00:00')
        self.assertFalse(ticket.time_policy_id)

    def test_most_specific_policy_applies(self):
        """SV-1: by type, urgency and citizen level, the most specific policy wins, then
        the lowest sequence: an urgent complaint gets the 8-working-hour policy (sequence 5
        before the complaints' 10), a VIP's urgent complaint the VIP one."""
        urgent = self.env['hotline.time.policy'].create({
            'name': '紧急', 'urgency': 'urgent', 'sequence': 5, 'limit_unit': 'workhour',
            'total_limit': 8})
        vip = self.env['hotline.time.policy'].create({
            'name': '重点市民投诉', 'ticket_type': 'complaint', 'citizen_level': 'vip',
            'urgency': 'urgent', 'total_limit': 2})
        ticket = self._registered('2026-02-13 15:00', urgent=True)
        ticket.sudo(self.dispatcher).action_dispatch(self.district_a.id, opinion='急')
        self.assertEqual(ticket.time_policy_id, urgent)
        # 2 h on Friday, 6 h on the worked Saturday 14 Feb
        self.assertEqual(ticket.date_deadline, utc('2026-02-14 15:00'))
        self.citizen.citizen_level = 'vip'
        ticket2 = self._registered('2026-02-13 15:00', urgent=True)
        ticket2.sudo(self.dispatcher).action_dispatch(self.district_a.id, opinion='急')
        self.assertEqual(ticket2.time_policy_id, vip)
        consult = self._registered('2026-02-13 15:00', ticket_type='consult')
        consult.sudo(self.dispatcher).action_dispatch(self.district_a.id, opinion='请答复')
        self.assertFalse(consult.time_policy_id, 'no policy for consultations here')
        self.assertTrue(consult.date_deadline, "dispatch's default deadline applies")

    def test_signing_starts_the_reply_limit(self):
        """SV-1: the reply limit (3 working days) runs from signing for the request, and
        the signer becomes the handler texted about it."""
        ticket = self._registered(fields.Datetime.now()[:16])
        ticket.sudo(self.dispatcher).action_dispatch(self.district_a.id, opinion='请办理。')
        ticket.sudo(self.unit_a_user).action_sign()
        main = self._assignment(ticket, self.district_a, 'main')
        self.assertEqual(main.signed_by, self.unit_a_user)
        expected = self.Calendar.deadline(main.date_signed, 3)
        self.assertEqual(main.date_reply_deadline, min(expected, main.date_deadline))
        self.assertEqual(ticket.date_reply_deadline, main.date_reply_deadline)
        # UN-4: an approved extension moves the reply deadline with the unit's deadline
        later = self.Calendar.deadline(main.date_deadline, 5)
        ticket.sudo(self.unit_a_user).action_request_extension(later, '需协调供水企业。')
        ticket.extension_ids.sudo(self.dispatcher).action_approve('同意')
        self.assertEqual(main.date_deadline, later)
        self.assertEqual(main.date_reply_deadline, later)
        self.assertEqual(ticket.date_reply_deadline, later)

    def test_extension_approval_moves_the_deadline(self):
        """SV-1, UN-4: an approved extension moves the unit's and the request's deadline,
        and the scan no longer finds it overdue."""
        ticket = self._dispatch_at(utc('2026-03-02 23:59'), utc('2026-02-26 10:00'))
        ticket.sudo(self.unit_a_user).action_sign()
        ticket.sudo(self.unit_a_user).action_request_extension(
            utc('2026-03-20 23:59'), '需要协调多个部门。')
        ticket.extension_ids.sudo(self.dispatcher).action_approve('同意')
        self.assertEqual(ticket.date_deadline, utc('2026-03-20 23:59'))
        self.Card._scan(now=utc('2026-03-04 10:00'))
        self.assertNotIn(('yellow', 'overdue'), self._cards(ticket))

    def test_bad_policy_is_refused(self):
        """SV-1, SV-7: a policy without a total limit or with a share of 100 % or more is
        refused with a clear message."""
        Policy = self.env['hotline.time.policy']
        with self.assertRaisesRegex(ValidationError, 'total limit|总时限'):
            Policy.create({'name': '错', 'total_limit': 0})
        with self.assertRaisesRegex(ValidationError, '0 to 99|0 到 99|0～99|0-99'):
            Policy.create({'name': '错', 'total_limit': 5, 'share_warning_percent': 100})

    def test_units_cannot_move_their_deadline_by_editing(self):
        """SV-1: the policy and the step deadlines cannot be written by a unit user."""
        ticket = self._dispatch_at(utc('2026-03-02 23:59'), utc('2026-02-26 10:00'))
        with self.assertRaises(AccessError):
            ticket.sudo(self.unit_a_user).write({'date_sign_deadline': '2027-01-01 00:00:00'})
        with self.assertRaises(AccessError):
            ticket.sudo(self.unit_a_user).write({'supervision_state': 'normal'})
