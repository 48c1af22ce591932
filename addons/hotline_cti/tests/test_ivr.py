# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""AG-11: a caller hears the state of a request through the FastAGI IVR."""
import shutil
import socket
import tempfile
import wave

from odoo import api

from ..bridge.fastagi import FastAgiServer
from ..bridge.ivr import agi_dispatch
from .common import CtiCase


class TestIvr(CtiCase):

    def _call_ivr(self, keyed, script='ivr_status', uniqueid='1732500000.1'):
        """Play Asterisk's side of AGI(agi://127.0.0.1:port/ivr_status): send the channel
        variables, answer every command as Asterisk does, key ``keyed`` on GET DATA."""
        folder = tempfile.mkdtemp(prefix='hotline-tts-')
        self.addCleanup(shutil.rmtree, folder, ignore_errors=True)
        env = self.env(context=dict(self.env.context, lang='zh_CN'))

        def handler(session):
            with api.Environment.manage():
                agi_dispatch(session, env, folder)
        server = FastAgiServer(('127.0.0.1', 0), handler).start()
        self.addCleanup(server.stop)
        sock = socket.create_connection(server.server_address, timeout=30)
        rfile = sock.makefile('rb')
        sock.sendall(('agi_network: yes\nagi_network_script: %s\n'
                      'agi_request: agi://127.0.0.1/%s\nagi_channel: PJSIP/trunk-1\n'
                      'agi_language: zh\nagi_uniqueid: %s\nagi_callerid: 13800138000\n\n'
                      % (script, script, uniqueid)).encode())
        commands, keyed = [], list(keyed)
        while True:
            line = rfile.readline().decode().strip()
            if not line:
                break
            commands.append(line)
            if line.startswith('GET DATA'):
                reply = '200 result=%s' % keyed.pop(0)
            elif line.startswith('STREAM FILE'):
                reply = '200 result=0 endpos=8000'
            else:
                reply = '200 result=1' if line != 'ANSWER' else '200 result=0'
            sock.sendall((reply + '\n').encode())
            if line == 'HANGUP' or (script == 'voicemail' and line.startswith('SET VARIABLE')):
                break
        sock.close()
        return commands

    def test_caller_hears_state_of_request(self):
        """AG-11: with the request number and the last four digits of the contact phone, the
        IVR says the request's state in Chinese (spoken by espeak-ng when installed)."""
        ticket = self._ticket()
        digits = ticket.name.replace('-', '')
        commands = self._call_ivr([digits, '8000'])
        spoken = [c for c in commands if c.startswith('SET VARIABLE HOTLINE_IVR_TEXT')][0]
        self.assertIn(ticket.name, spoken)
        self.assertIn('草稿', spoken, 'AG-11: the state is not said in Chinese: %s' % spoken)
        self.assertEqual(commands[0], 'ANSWER')
        self.assertEqual(commands[-1], 'HANGUP')
        if shutil.which('espeak-ng'):
            played = [c.split()[2] for c in commands
                      if c.startswith('STREAM FILE') and 'hotline/' not in c]
            self.assertTrue(played, 'AG-11: no TTS file played')
            with wave.open(played[0] + '.wav') as audio:   # Asterisk's .wav: 8 kHz mono
                self.assertEqual((audio.getframerate(), audio.getnchannels()), (8000, 1))
                self.assertGreater(audio.getnframes(), 8000, 'less than a second of speech')

    def test_wrong_password_tells_nothing(self):
        """AG-11: a wrong password gets no state."""
        ticket = self._ticket()
        commands = self._call_ivr([ticket.name.replace('-', ''), '1234'])
        spoken = [c for c in commands if c.startswith('SET VARIABLE HOTLINE_IVR_TEXT')][0]
        self.assertNotIn(ticket.name, spoken)
        self.assertNotIn('草稿', spoken)

    def test_voicemail_becomes_call_back_request(self):
        """AG-11, AG-12: after VoiceMail() the dialplan's AGI turns the message into a request
        to call back, linked to the caller's citizen and to the call (disposition voicemail,
        recording)."""
        self.start_bridge()
        ch = self.pbx.new_inbound('13800138000')
        self.pump_event('Newchannel')
        commands = self._call_ivr([], script='voicemail', uniqueid=ch['Uniqueid'])
        call = self.env['hotline.cti.call'].search([('uniqueid', '=', ch['Uniqueid'])])
        ticket = call.ticket_id
        self.assertTrue(ticket, 'AG-11: no call-back request')
        self.assertEqual(call.disposition, 'voicemail')
        self.assertEqual(ticket.partner_id, self.citizen)
        self.assertEqual(ticket.recording_url, call.recording_url)
        self.assertIn('SET VARIABLE HOTLINE_TICKET "%s"' % ticket.name, commands)

    def test_blacklisted_voicemail_noted_not_called_back(self):
        """AG-10, AG-11, CZ-4: the voicemail of a blacklisted caller (no inbound calls) is kept
        on the call record (disposition voicemail) and noted on the blacklist entry with the
        call, but makes no call-back request; HOTLINE_TICKET is empty."""
        entry = self.env['hotline.blacklist'].create({
            'phone': '13800138000', 'block_type': 'inbound', 'routing': 'voicemail',
            'reason': '骚扰电话'})
        self.start_bridge()
        ch = self.pbx.new_inbound('13800138000')
        self.pump_event('Newchannel')
        tickets = self.env['hotline.ticket'].search_count([])
        commands = self._call_ivr([], script='voicemail', uniqueid=ch['Uniqueid'])
        call = self.env['hotline.cti.call'].search([('uniqueid', '=', ch['Uniqueid'])])
        self.assertEqual((call.disposition, call.state), ('voicemail', 'done'))
        self.assertFalse(call.ticket_id, 'AG-10: a call-back request for a blacklisted caller')
        self.assertEqual(self.env['hotline.ticket'].search_count([]), tickets)
        self.assertTrue(entry.message_ids.filtered(lambda m: ch['Uniqueid'] in (m.body or '')),
                        'the voicemail is not noted on the blacklist entry')
        self.assertIn('SET VARIABLE HOTLINE_TICKET ""', commands)
