# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""IF-3, AG-8: unit systems pull the call records and recordings of their requests."""
import os
import shutil
import tempfile

from odoo.tests.common import get_db_name

from .common import CtiHttpCase

WAV = b'RIFF\x24\x00\x00\x00WAVEfmt '


class TestUnitApi(CtiHttpCase):

    def setUp(self):
        super().setUp()
        self.folder = tempfile.mkdtemp(prefix='hotline-rec-')
        self.addCleanup(shutil.rmtree, self.folder, ignore_errors=True)
        with self.server_env() as env:
            unit_group = env.ref('hotline_core.group_hotline_unit_handler')
            Unit = env['hotline.unit']
            unit_a = Unit.create({'name': 'API甲区', 'unit_type': 'district'})
            unit_b = Unit.create({'name': 'API乙区', 'unit_type': 'district'})
            for login, unit in (('api_unit_a', unit_a), ('api_unit_b', unit_b)):
                user = env['res.users'].with_context(no_reset_password=True).create({
                    'name': login, 'login': login, 'password': login + '-pw',
                    'groups_id': [(6, 0, unit_group.ids)]})
                unit.write({'user_ids': [(4, user.id)]})
            server = env['asterisk.server'].create({
                'name': 'API PBX', 'ip_address': '127.0.0.1', 'login': 'x', 'password': 'y',
                'context': 'hotline-agents', 'recording_path': self.folder})
            agent_group = env.ref('hotline_core.group_hotline_agent')
            seats = []
            for n, login in enumerate(('api_agent', 'api_agent2')):
                user = env['res.users'].with_context(no_reset_password=True).create({
                    'name': login, 'login': login, 'password': login + '-pw',
                    'groups_id': [(6, 0, agent_group.ids)]})
                seats.append(env['hotline.cti.agent'].create({
                    'user_id': user.id, 'agent_number': '65%02d' % n,
                    'extension': 'PJSIP/65%02d' % n, 'server_id': server.id}))
            category = env['hotline.category'].create({'name': 'API分类'})
            ticket = env['hotline.ticket'].create({
                'title': '井盖缺失', 'content': '路口井盖丢失。', 'ticket_type': 'complaint',
                'channel': 'phone', 'contact_name': 'API市民', 'contact_phone': '13800000001',
                'category_id': category.id, 'unit_ids': [(6, 0, unit_a.ids)]})
            self.ticket_name = ticket.name
            env['hotline.cti.call'].create({
                'uniqueid': '1732000000.7', 'server_id': server.id, 'ticket_id': ticket.id,
                'caller_number': '13800000001', 'disposition': 'answered', 'talk_time': 61,
                'agent_id': seats[0].id,
                'recording_url': '/hotline_cti/recording/1732000000.7'})
        with open(os.path.join(self.folder, '1732000000.7.wav'), 'wb') as f:
            f.write(WAV)

    def _web_login(self, login):
        """A web-client session of ``login`` (the browser's cookie) in this test's opener."""
        response = self.opener.post(self.base + '/web/session/authenticate', timeout=30, json={
            'jsonrpc': '2.0', 'method': 'call', 'params': {
                'db': get_db_name(), 'login': login, 'password': login + '-pw'}})
        self.assertEqual(response.json()['result']['username'], login)

    def _get(self, path, login, **params):
        auth = (login, login + '-pw') if login else None
        return self.opener.get(self.base + path, params=params, auth=auth, timeout=30)

    def test_unit_pulls_its_calls_and_recording(self):
        """IF-3, AG-8: the unit the request was dispatched to gets the call record (times,
        talk time, disposition, the agent's number) and downloads its recording."""
        response = self._get('/hotline_cti/api/calls', 'api_unit_a', ticket=self.ticket_name)
        self.assertEqual(response.status_code, 200)
        data = response.json()
        self.assertEqual(data['count'], 1)
        call = data['calls'][0]
        self.assertEqual((call['ticket'], call['talk_time'], call['disposition'],
                          call['agent_number']), (self.ticket_name, 61, 'answered', '6500'))
        audio = self._get(call['recording_url'], 'api_unit_a')
        self.assertEqual(audio.status_code, 200)
        self.assertEqual(audio.content, WAV)
        self.assertEqual(audio.headers['Content-Type'], 'audio/wav')
        # AG-8: played in the browser from the request's call list, not only downloaded
        self.assertTrue(audio.headers['Content-Disposition'].startswith('inline'))

    def test_other_unit_and_anonymous_get_nothing(self):
        """IF-3, NF-2: another district sees no call of this request and cannot download
        its recording; without credentials the API answers 401."""
        data = self._get('/hotline_cti/api/calls', 'api_unit_b', ticket=self.ticket_name).json()
        self.assertEqual(data['count'], 0)
        self.assertEqual(self._get('/hotline_cti/recording/1732000000.7', 'api_unit_b')
                         .status_code, 404)
        self.assertEqual(self._get('/hotline_cti/api/calls', None).status_code, 401)

    def test_agent_plays_recording_from_the_request(self):
        """AG-8: the recording link on the request's call list plays in the agent's browser
        (web session, inline WAV); another agent's session gets nothing."""
        self._web_login('api_agent')
        audio = self.opener.get(self.base + '/hotline_cti/recording/1732000000.7', timeout=30)
        self.assertEqual(audio.status_code, 200)
        self.assertEqual(audio.content, WAV)
        self.assertTrue(audio.headers['Content-Disposition'].startswith('inline'))
        self._web_login('api_agent2')
        other = self.opener.get(self.base + '/hotline_cti/recording/1732000000.7', timeout=30)
        self.assertEqual(other.status_code, 404)
