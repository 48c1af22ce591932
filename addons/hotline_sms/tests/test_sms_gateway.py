# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""SM-1, SM-5: sending through the Kannel provider over real HTTP to the test Kannel peer
(a separate process), delivery reports back over real HTTP, retries after an outage."""
import urllib.parse

from .common import TOKEN, SmsLiveCase


class TestSmsGateway(SmsLiveCase):

    def queue(self, rows):
        with self.server_env() as env:
            return env['hotline.sms.message'].queue_messages(rows).ids

    def test_chinese_sms_sent_as_ucs2_and_delivery_report_recorded(self):
        """SM-1, SM-5: a Chinese text goes to Kannel's sendsms as UCS-2 (coding=2,
        charset=UTF-8) from the service number plus extension; the gateway's delivery report
        marks each recipient's message delivered."""
        ids = self.queue([
            {'number': '13812340001', 'body': '您的工单已办结，感谢支持！', 'extension': '01'},
            {'number': '13912340002', 'body': 'Meeting at 9:00', 'extension': '02'},
        ])
        self.assertEqual(self.send_queue(), 2)
        got = self.peer.control('messages')['messages']
        self.assertEqual([(m['to'], m['text'], m['coding'], m['charset'], m['from'])
                          for m in got], [
            ('+8613812340001', '您的工单已办结，感谢支持！', '2', 'UTF-8', '1069001234501'),
            ('+8613912340002', 'Meeting at 9:00', '0', 'UTF-8', '1069001234502')])
        self.assertEqual(got[0]['dlr_mask'], '31')
        self.assertTrue(self.wait_for([('id', 'in', ids), ('state', '=', 'delivered')], 2))
        messages = self.read_messages([('id', 'in', ids)])
        self.assertEqual([m['dlr_status'] for m in messages], [1, 1])
        self.assertEqual(messages[0]['gateway_answer'], '0: Accepted for delivery')

    def test_gateway_outage_loses_nothing_and_sends_each_once(self):
        """SM-5 (must show): while the gateway is down, queued SMS stay queued with the
        reason and a growing back-off (one probe per attempt, not one timeout per message);
        when it is back, each goes out exactly once."""
        self.peer.stop()
        ids = self.queue([{'number': '1381234000%d' % i, 'body': '停机测试%d' % i}
                          for i in range(1, 4)])
        self.assertEqual(self.send_queue(), 0)
        down = self.read_messages([('id', 'in', ids)])
        self.assertEqual({m['state'] for m in down}, {'queued'})
        self.assertEqual([m['tries'] for m in down], [1, 0, 0],
                         'the first message found the gateway down; the others wait untried')
        self.assertEqual({m['next_try'] for m in down}, {down[0]['next_try']})
        self.assertTrue(all('无法连接网关' in m['error'] for m in down))
        # Not due yet: a second run right away tries nothing.
        self.assertEqual(self.send_queue(), 0)
        self.assertEqual([m['tries'] for m in self.read_messages([('id', 'in', ids)])],
                         [1, 0, 0])
        # Still down at the next attempt: the delay doubles (30 s, then 60 s).
        self.make_due()
        self.send_queue()
        again = self.read_messages([('id', 'in', ids)])
        self.assertEqual([m['tries'] for m in again], [2, 0, 0])
        self.assertIn('60 秒后重试', again[0]['error'])
        self.assertEqual({m['next_try'] for m in again}, {again[0]['next_try']})
        self.peer.start()
        self.make_due()
        self.assertEqual(self.send_queue(), 3)
        self.assertEqual(self.send_queue(), 0)
        got = self.peer.control('messages')['messages']
        self.assertEqual(sorted(m['text'] for m in got), ['停机测试1', '停机测试2', '停机测试3'])
        self.assertTrue(self.wait_for([('id', 'in', ids), ('state', '=', 'delivered')], 3))

    def test_outage_probe_out_of_tries_others_keep_waiting(self):
        """SM-5: when the message probing a long outage runs out of tries, it fails alone;
        the others stay queued, untried, with the reason."""
        with self.server_env() as env:
            env['ir.config_parameter'].set_param('hotline_sms.max_tries', '1')
        self.peer.stop()
        ids = self.queue([{'number': '13812340001', 'body': '探测'},
                          {'number': '13812340002', 'body': '等待'}])
        self.send_queue()
        probe, waiting = self.read_messages([('id', 'in', ids)])
        self.assertEqual(probe['state'], 'failed')
        self.assertIn('已尝试 1 次', probe['error'])
        self.assertEqual((waiting['state'], waiting['tries']), ('queued', 0))
        self.assertIn('网关当时无法连接', waiting['error'])
        self.assertTrue(waiting['next_try'])

    def test_temporary_failure_and_timeout_retried_refusal_failed(self):
        """SM-5: Kannel's '4: Temporal failure' (503) and a gateway that does not answer
        are retried; after max tries a message fails with the last reason; a number the
        gateway refuses (403 denied) fails at once with its answer."""
        self.peer.control('mode', send='tempfail')
        first = self.queue([{'number': '13812340001', 'body': '临时失败'}])
        self.send_queue()
        state = self.read_messages([('id', 'in', first)])[0]
        self.assertEqual(state['state'], 'queued')
        self.assertIn('Temporal failure', state['error'])
        self.peer.control('mode', send='timeout')
        self.make_due()
        self.send_queue()
        state = self.read_messages([('id', 'in', first)])[0]
        self.assertEqual((state['state'], state['tries']), ('queued', 2))
        self.assertIn('网关在 2 秒内未应答', state['error'])
        # Still failing at the last allowed attempt: failed, with the last reason.
        with self.server_env() as env:
            env['ir.config_parameter'].set_param('hotline_sms.max_tries', '3')
        self.peer.control('mode', send='tempfail')
        self.make_due()
        self.send_queue()
        final = self.read_messages([('id', 'in', first)])[0]
        self.assertEqual(final['state'], 'failed')
        self.assertIn('已尝试 3 次，放弃发送', final['error'])
        # A number the gateway refuses fails at once, with the gateway's answer.
        self.peer.control('mode', send='reject')
        refused = self.queue([{'number': '13912340002', 'body': '被拒绝'}])
        self.send_queue()
        refused = self.read_messages([('id', 'in', refused)])[0]
        self.assertEqual((refused['state'], refused['tries']), ('failed', 1))
        self.assertIn('403 Number(s) has/have been denied.', refused['error'])
        self.peer.control('mode', send='accept')
        self.make_due()
        self.assertEqual(self.send_queue(), 0)
        self.assertEqual(self.peer.control('messages')['messages'], [])
        # The administrator sends the given-up message again once the gateway works.
        with self.server_env() as env:
            env['hotline.sms.message'].browse(first).action_retry()
        self.assertEqual(self.send_queue(), 1)
        self.assertEqual([m['text'] for m in self.peer.control('messages')['messages']],
                         ['临时失败'])

    def test_wrong_account_waits_for_the_administrator(self):
        """SM-5: when Kannel refuses the account (403 Authorization failed), messages wait
        and go out once the administrator has corrected the password."""
        with self.server_env() as env:
            env['hotline.sms.gateway'].browse(self.gateway_id).password = 'wrong'
        ids = self.queue([{'number': '13812340001', 'body': '密码错误'}])
        self.send_queue()
        message = self.read_messages([('id', 'in', ids)])[0]
        self.assertEqual(message['state'], 'queued')
        self.assertIn('Authorization failed for sendsms', message['error'])
        with self.server_env() as env:
            env['hotline.sms.gateway'].browse(self.gateway_id).password = 'secret'
        self.make_due()
        self.assertEqual(self.send_queue(), 1)

    def test_forged_delivery_report_refused(self):
        """SM-1 (bad input): a delivery report without the gateway's token, with another
        gateway's id or for a message of another gateway changes nothing (403/404)."""
        self.peer.control('mode', dlr='none')
        ids = self.queue([{'number': '13812340001', 'body': '伪造回执测试'}])
        self.send_queue()
        base = '/hotline_sms/dlr/%d/%s?' % (self.gateway_id, TOKEN)
        forged = base.replace(TOKEN, 'guessed-token')
        query = urllib.parse.urlencode({'id': ids[0], 'status': 1, 'answer': 'DELIVRD'})
        response = self.url_open(forged + query)
        self.assertEqual(response.status_code, 403)
        response = self.url_open('/hotline_sms/dlr/%d/%s?%s' % (
            self.gateway_id + 999, TOKEN, query))
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.read_messages([('id', 'in', ids)])[0]['state'], 'sent')
        response = self.url_open(base + urllib.parse.urlencode({'id': 'x', 'status': 1}))
        self.assertEqual(response.status_code, 400)
        # The genuine report, then a late intermediate one that must not undo it.
        self.assertEqual(self.url_open(base + query).status_code, 200)
        self.url_open(base + urllib.parse.urlencode({'id': ids[0], 'status': 8}))
        message = self.read_messages([('id', 'in', ids)])[0]
        self.assertEqual((message['state'], message['dlr_status']), ('delivered', 1))

    def test_undelivered_report(self):
        """SM-1: the operator's 'not delivered' report shows on the recipient's line."""
        self.peer.control('mode', dlr='undelivered')
        ids = self.queue([{'number': '13812340001', 'body': '关机用户'}])
        self.send_queue()
        self.assertTrue(self.wait_for([('id', 'in', ids), ('state', '=', 'undelivered')], 1))

    def test_claimed_message_not_taken_twice_stale_claim_requeued(self):
        """SM-5: a message being sent is not claimed by a second sender; one left in
        'sending' by a killed process is queued again after the sending timeout."""
        ids = self.queue([{'number': '13812340001', 'body': '只发一次'}])
        with self.server_env() as env:
            Sms = env['hotline.sms.message']
            self.assertEqual(Sms._claim(10), ids)
            self.assertEqual(Sms._claim(10), [])
            Sms._requeue_stale()
            self.assertEqual(Sms.browse(ids).state, 'sending')
            env.cr.execute("UPDATE hotline_sms_message SET sending_since = sending_since - "
                           "interval '1 hour' WHERE id = %s", (ids[0],))
            Sms._requeue_stale()
            Sms.invalidate_cache()
            self.assertEqual(Sms.browse(ids).state, 'queued')
        self.assertEqual(self.send_queue(), 1)
        self.assertEqual(len(self.peer.control('messages')['messages']), 1)
