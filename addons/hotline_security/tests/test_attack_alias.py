# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""NF-2, CH-13 (issue 15, item 7): the e-mail intake alias attacked over XML-RPC by a unit
handler; an employee's Discuss channel still makes and keeps its own alias."""
from . import web_attack_case


class TestAttackMailAlias(web_attack_case.WebAttackCase):

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            self.alias = env['mail.alias'].create({
                'alias_name': 'intake-drill', 'alias_contact': 'everyone',
                'alias_model_id': env.ref('hotline_core.model_hotline_ticket').id}).id

    def _alias(self):
        with self.server_env() as env:
            return env['mail.alias'].browse(self.alias).read(
                ['alias_name', 'alias_model_id', 'alias_contact', 'alias_force_thread_id'])

    def test_unit_handler_cannot_change_the_intake_alias(self):
        """NF-2, CH-13 (attack, issue 15 item 7): tried as unit_handler over XML-RPC to
        rename the hotline's intake alias, to send its mail into another model or thread,
        to delete it and to create an alias of his own: all refused, the alias unchanged."""
        before = self._alias()
        model_partner = self.rpc('unit_handler', 'ir.model', 'search',
                                 [[('model', '=', 'res.partner')]])[0]
        for vals in ({'alias_name': 'hijacked'}, {'alias_model_id': model_partner},
                     {'alias_force_thread_id': 1}, {'alias_contact': 'followers'}):
            self.assertRefused('unit_handler', 'mail.alias', 'write', [[self.alias], vals])
        self.assertRefused('unit_handler', 'mail.alias', 'unlink', [[self.alias]])
        self.assertRefused('unit_handler', 'mail.alias', 'create', [{
            'alias_name': 'mine', 'alias_model_id': model_partner}])
        self.assertEqual(self._alias(), before)

    def test_employee_discuss_channel_keeps_its_alias(self):
        """NF-2 (issue 15 item 7 keeps Discuss working): the agent creates a channel the way
        Discuss does (channel_create) and over create, renames it and changes its own alias
        through the channel: it works; pointing his channel at the intake alias is
        refused."""
        created = self.rpc('agent', 'mail.channel', 'channel_create', ['夜班交接', 'private'])
        channel_id = created['id']
        other = self.rpc('agent', 'mail.channel', 'create', [{
            'name': '白班', 'public': 'public', 'alias_name': 'day-shift'}])
        self.rpc('agent', 'mail.channel', 'write', [[channel_id], {'name': '夜班'}])
        self.rpc('agent', 'mail.channel', 'write', [[other], {'alias_contact': 'followers'}])
        with self.server_env() as env:
            channels = env['mail.channel'].browse([channel_id, other])
            self.assertTrue(all(channels.mapped('alias_id')))
            self.assertEqual(channels[1].alias_id.alias_contact, 'followers')
            self.assertEqual(channels[0].name, '夜班')
        self.assertRefused('agent', 'mail.channel', 'write', [[other], {'alias_id': self.alias}])
        self.assertEqual(self._alias()[0]['alias_name'], 'intake-drill')
