# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import json

from .common import SupervisionCase, utc

# A request dispatched Thu 26 Feb 2026 10:00, due at the end of Mon 2 Mar (working days
# Fri 27, Sat 28 — worked, 调休 — and Mon 2).
DISPATCHED = utc('2026-02-26 10:00')
DEADLINE = '2026-03-02 15:59:59'  # 23:59:59 Beijing time


class TestCards(SupervisionCase):
    """SV-3, SV-4, SV-7: each warning and card level, when it is due and who is texted."""

    def setUp(self):
        super().setUp()
        self.ticket = self._dispatch_at(DEADLINE, DISPATCHED)

    def _scan(self, local):
        return self.Card._scan(now=utc(local))

    def test_prewarning_on_last_working_day_only(self):
        """SV-3: no pre-warning on Sunday 1 Mar (Mon 2 is not the next day's deadline yet:
        the last working day is Monday); on Monday the handler is texted once."""
        self._scan('2026-03-01 10:00')
        self.assertEqual(self._cards(self.ticket), [])
        cards = self._scan('2026-03-02 08:00')
        self.assertEqual(cards.mapped('level'), ['prewarning'])
        self.assertEqual(cards.unit_id, self.district_a)
        sms = self._sms(self.ticket)
        # not signed for yet: the unit's contact phone is the handler's number
        self.assertEqual(sms.mapped('number'), ['+8613900002009'])
        self.assertEqual(sms.kind, 'prewarning')
        self.assertIn(self.ticket.name, sms.body)
        self.assertEqual(self.ticket.card_level, 'prewarning')

    def test_yellow_card_texts_handler_and_section_chief(self):
        """SV-3: the day after the deadline the unit gets a yellow card; the handler (who
        signed for it) and the section chief are texted; the request shows the card and is
        overdue in the supervision dimension (TK-8)."""
        self.ticket.sudo(self.unit_a_user).action_sign()
        cards = self._scan('2026-03-03 09:00')
        self.assertEqual(sorted(cards.mapped('level')), ['yellow'])
        self.assertEqual(cards.overdue_days, 1)
        sms = self._sms(self.ticket)
        self.assertEqual(sorted(sms.mapped('number')), ['+8613900002001', '+8613900002003'])
        self.assertEqual(set(sms.mapped('kind')), {'yellow'})
        self.assertEqual(set(sms.mapped('state')), {'queued'})
        self.assertEqual(self.ticket.card_level, 'yellow')
        self.assertEqual(self.ticket.supervision_state, 'overdue')
        main = self._assignment(self.ticket, self.district_a, 'main')
        self.assertEqual(main.card_level, 'yellow')

    def test_unit_users_get_a_popup(self):
        """UN-5: the unit's users get one pop-up saying how many warnings and cards their unit
        just got; another district's user gets none."""
        self.env['bus.bus'].search([]).unlink()
        self._scan('2026-03-03 09:00')
        notes = [(json.loads(m.channel), json.dumps(json.loads(m.message), ensure_ascii=False))
                 for m in self.env['bus.bus'].search([])]
        mine = [text for channel, text in notes
                if channel == 'notify_warning_%d' % self.unit_a_user.id]
        self.assertEqual(len(mine), 1)
        self.assertIn(self.district_a.complete_name, mine[0])
        self.assertFalse([text for channel, text in notes
                          if channel == 'notify_warning_%d' % self.unit_b_user.id])

    def test_red_card_at_three_working_days_after_two_days_of_yellow(self):
        """SV-3: yellow on Tue 3 Mar; no red on Wed 4 (2 working days overdue); red on Thu 5
        (3 working days overdue, yellow 2 working days old) texting handler and director."""
        self._scan('2026-03-03 09:00')
        self._scan('2026-03-04 09:00')
        self.assertNotIn('red', [c[0] for c in self._cards(self.ticket)])
        cards = self._scan('2026-03-05 09:00')
        self.assertIn('red', cards.mapped('level'))
        red = cards.filtered(lambda c: c.level == 'red')
        self.assertEqual(red.overdue_days, 3)
        red_sms = self._sms(self.ticket).filtered(lambda s: s.kind == 'red')
        self.assertEqual(sorted(red_sms.mapped('number')), ['+8613900002002', '+8613900002009'])
        self.assertEqual(self.ticket.card_level, 'red')

    def test_card_named_by_its_level_in_chinese(self):
        """SV-3, NF-1 (issue 16): a card's name — the title of its form, its links — is its
        level as the user reads it and its request (红牌 · 12345-…); it was the level's code
        "red"."""
        self._scan('2026-03-03 09:00')
        self._scan('2026-03-04 09:00')
        red = self._scan('2026-03-05 09:00').filtered(lambda c: c.level == 'red')
        self.assertTrue(red)
        self.assertEqual(red.with_context(lang='zh_CN').display_name,
                         '红牌 · %s' % self.ticket.name)

    def test_red_waits_two_working_days_after_a_late_yellow(self):
        """SV-3: when the first scan after the deadline comes late (Thu 5 Mar, 3 working days
        overdue), the yellow card comes first and the red one only two working days later
        (Mon 9 Mar; the weekend of 7–8 Mar is not worked)."""
        cards = self._scan('2026-03-05 09:00')
        self.assertIn('yellow', cards.mapped('level'))
        self.assertNotIn('red', cards.mapped('level'))
        self.assertNotIn('red', self._scan('2026-03-06 09:00').mapped('level'))
        self.assertNotIn('red', self._scan('2026-03-08 09:00').mapped('level'))
        self.assertIn('red', self._scan('2026-03-09 09:00').mapped('level'))

    def test_delay_warning_seven_days_after_dispatch(self):
        """SV-4: the first delay warning comes 7 days after dispatch (Thu 5 Mar 10:00), to
        the handler, not before."""
        self.assertNotIn('delay', self._scan('2026-03-05 09:59').mapped('level'))
        cards = self._scan('2026-03-05 10:01')
        self.assertEqual(cards.mapped('level'), ['delay'])
        self.assertEqual(self._sms(self.ticket).filtered(
            lambda s: s.kind == 'delay').mapped('number'), ['+8613900002009'])

    def test_share_warning_at_configured_share_of_the_limit(self):
        """SV-7: with a 50 % warning in the policy, the warning comes once half the time
        between dispatch (Thu 26 Feb 10:00) and deadline (Mon 2 Mar 23:59:59) has passed
        (Sat 28 Feb about 17:00), not before."""
        self.policy.share_warning_percent = 50
        self.ticket.with_context(hotline_workflow=True).write(
            {'time_policy_id': self.policy.id})
        self.ticket.assignment_ids.sudo().write({'time_policy_id': self.policy.id})
        self.assertNotIn('share_warning', self._scan('2026-02-28 16:30').mapped('level'))
        cards = self._scan('2026-02-28 17:30')
        self.assertEqual(cards.mapped('level'), ['share_warning'])
        self.assertEqual(cards.reason, 'elapsed')

    def test_yellow_when_handled_but_citizen_not_answered(self):
        """SV-3: the unit finished in time, but the request is still waiting for audit or
        callback after its deadline: yellow card 'citizen not answered' to chief and
        handler."""
        self.ticket.sudo(self.unit_a_user).action_sign()
        self.ticket.sudo(self.unit_a_user).action_complete('已修复电梯。')
        self.assertEqual(self.ticket.state, 'to_audit')
        self.assertEqual(self._scan('2026-03-02 10:00').mapped('level'), [])
        cards = self._scan('2026-03-03 10:00')
        self.assertEqual(cards.mapped('level'), ['yellow'])
        self.assertEqual(cards.reason, 'not_answered')
        self.assertEqual(sorted(self._sms(self.ticket).mapped('number')),
                         ['+8613900002001', '+8613900002003'])

    def test_finished_requests_get_no_card(self):
        """SV-3: a request closed before its deadline is never carded."""
        self.ticket.sudo(self.unit_a_user).action_sign()
        self.ticket.sudo(self.unit_a_user).action_complete('已修复电梯。')
        self.ticket.sudo(self.dispatcher).action_audit(True)
        self.ticket.sudo(self.agent).action_callback(True)
        self.assertEqual(self.ticket.state, 'done')
        self._scan('2026-03-10 10:00')
        self.assertEqual(self._cards(self.ticket), [])

    def test_managers_see_all_cards_units_their_own(self):
        """SV-3, NF-2: the supervisor and the office see every card; district A's handler
        sees its card; district B and a street below A do not; nobody edits a card."""
        self._scan('2026-03-03 09:00')
        Card = self.env['hotline.supervision.card']
        domain = [('ticket_id', '=', self.ticket.id)]
        self.assertEqual(Card.sudo(self.supervisor).search_count(domain), 1)
        self.assertEqual(Card.sudo(self.dispatcher).search_count(domain), 1)
        self.assertEqual(Card.sudo(self.unit_a_user).search_count(domain), 1)
        self.assertEqual(Card.sudo(self.unit_b_user).search_count(domain), 0)
        self.assertEqual(Card.sudo(self.street_a_user).search_count(domain), 0)
        card = Card.search(domain)
        from odoo.exceptions import AccessError
        with self.assertRaises(AccessError):
            card.sudo(self.unit_a_user).write({'level': 'prewarning'})
        with self.assertRaises(AccessError):
            card.sudo(self.dispatcher).unlink()
