# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""TK-9, NF-1 (issue 16): the trail of the demo's requests, written while the modules are
installed, reads Chinese like one written by a user.

Odoo loads a module's translations only after its demo data; the demo's requests were
worked through before, so their steps said "Registered", "Submitted to the hotline office",
"Dispatched", their state "Draft", their chatter "Dispatched · 东城区人民政府". The demo
files now load their module's terms first (``hotline.ticket._demo_load_terms``).

A database whose demo was installed before that keeps its English steps (demo data is
loaded once): rebuild it (drop the ``*_template`` database; ``./hotline test`` makes it
again).
"""
import re

from odoo.tests.common import SavepointCase

LATIN = re.compile(r'[A-Za-z]{2,}')
DEMO_MODULES = ('hotline_core', 'hotline_dispatch')


class TestDemoTrail(SavepointCase):

    def _demo_tickets(self):
        data = self.env['ir.model.data'].search([
            ('model', '=', 'hotline.ticket'), ('module', 'in', DEMO_MODULES)])
        return self.env['hotline.ticket'].browse(data.mapped('res_id')).exists()

    def test_demo_trail_and_chatter_in_chinese(self):
        """TK-9, NF-1: every step of the demo requests (its label and resulting state) and
        every message of their chatter has no English word — the trail was written while
        the demo was installed, before Odoo loads the modules' translations."""
        tickets = self._demo_tickets()
        steps = tickets.mapped('step_ids')
        # the demo works its requests through: registered, submitted, dispatched, signed
        self.assertGreaterEqual(len(tickets), 10)
        self.assertTrue({'register', 'submit', 'dispatch', 'sign'} <= set(steps.mapped('action')),
                        steps.mapped('action'))
        english = ['%s %s: %s / %s' % (step.ticket_id.name, step.action, step.name,
                                       step.state_label)
                   for step in steps
                   if LATIN.search(step.name or '') or LATIN.search(step.state_label or '')]
        messages = self.env['mail.message'].search([
            ('model', '=', 'hotline.ticket'), ('res_id', 'in', tickets.ids),
            ('message_type', '!=', 'email')])
        self.assertTrue(messages)
        english += ['%s chatter: %s' % (message.res_id, message.body)
                    for message in messages
                    if LATIN.search(re.sub(r'<[^>]*>', '', message.body or ''))]
        self.assertFalse(english, 'English in the demo requests\' trail (a database whose '
                                  'demo predates the fix must be rebuilt):\n' +
                         '\n'.join(english))
