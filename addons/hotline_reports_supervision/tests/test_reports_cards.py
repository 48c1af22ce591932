# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""KP-2: cards of hotline_supervision in the unit assessment (hand-checked month of
hotline_reports' tests)."""
from odoo import fields

from odoo.addons.hotline_reports.tests.common import MONTH, ReportsCase


class TestCardsInAssessment(ReportsCase):

    def test_cards_count_and_cost_points(self):
        """KP-2: 甲区 got a yellow card on A2 (10-11) and a red one (10-14), plus a
        pre-warning (a reminder, not counted); 乙区 none. Scheme: on-time completion weight
        1, cards weight 3 at 10 points each. 甲区 own: on time 2/3 = 66.67, cards 2 → 100 −
        20 = 80 → (66.67 + 3 × 80) / 4 = 76.67; street: on time 0, no card → (0 + 3 × 100)
        / 4 = 75.00; 甲区's row: (6 × 76.67 + 1 × 75) / 7 = 76.43; 乙区: 100."""
        Card = self.env['hotline.supervision.card'].sudo()
        for level, date in (('yellow', '2025-10-11 02:00:00'), ('red', '2025-10-14 02:00:00'),
                            ('prewarning', '2025-10-09 02:00:00')):
            Card.create({'ticket_id': self.t2.id, 'assignment_id': self.a2.id,
                         'unit_id': self.district_a.id, 'level': level, 'reason': 'overdue',
                         'date_issued': date})
        scheme = self._scheme('红黄牌(测试)', 'unit', [('ontime_rate', 1), ('card_count', 3)])
        results = self.env['hotline.kpi.result']._compute_period(
            scheme, fields.Date.from_string(MONTH))
        district = self._result(results, self.district_a)
        self.assertEqual(district.card_count, 2)
        self.assertEqual(self._result(results, self.district_b).card_count, 0)
        self.assertAlmostEqual(self._result(results, self.district_b).score, 100.0, places=2)
        self.assertAlmostEqual(self._result(results, self.street_a).score, 75.0, places=2)
        self.assertAlmostEqual(district.score, 76.43, places=2)
