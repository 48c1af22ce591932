# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-10: the WeChat official account, driven by a test peer that posts WeChat's XML the
way WeChat's servers do (signature, timestamp, nonce; safe mode with EncodingAESKey)."""
import base64
import http.server
import io
import json
import threading
import time
import unittest
import urllib.parse
import uuid

from lxml import etree

from ..tools.crypto import CryptoError, WeChatCrypto, sha1_signature
from .common import NUMBER_RE, PNG, PortalHttpCase

TOKEN = 'hotline12345token'
APP_ID = 'wxb11529c136998cb6'
AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
OPENID = 'oWx_test_openid_0001'


def _jpeg():
    from PIL import Image
    out = io.BytesIO()
    Image.new('RGB', (8, 8), (200, 30, 30)).save(out, format='JPEG')
    return out.getvalue()


JPEG = _jpeg()


class TestWechatCrypto(unittest.TestCase):

    def test_known_vector(self):
        """CH-10: safe-mode encryption matches a vector made with OpenSSL (AES-256-CBC,
        IV = key[:16], PKCS#7 to 32 bytes, random + length + message + AppID)."""
        crypto = WeChatCrypto(AES_KEY, APP_ID)
        expected = ('Q3stYC6hdFzMh9T8HCvyDAY2hI8bwuk958peC5QFmolXFDjsoJpIllcFi84z2fe/'
                    'Fequ3UdmKDkj7XvTrt4vyg==')
        self.assertEqual(crypto.encrypt('<xml>hi</xml>', b'0123456789abcdef'), expected)
        self.assertEqual(crypto.decrypt(expected), '<xml>hi</xml>')

    def test_other_app_refused(self):
        """CH-10: a message encrypted for another AppID is refused."""
        other = WeChatCrypto(AES_KEY, 'wx_other').encrypt('<xml/>')
        with self.assertRaises(CryptoError):
            WeChatCrypto(AES_KEY, APP_ID).decrypt(other)


class WechatPeer(object):
    """What WeChat's servers send to the account's server URL."""

    def __init__(self, case, safe=False):
        self.case = case
        self.crypto = WeChatCrypto(AES_KEY, APP_ID) if safe else None

    def post(self, fields, token=TOKEN, openid=OPENID, tamper=False):
        inner = '<xml><ToUserName><![CDATA[gh_12345]]></ToUserName>' \
                '<FromUserName><![CDATA[%s]]></FromUserName><CreateTime>%d</CreateTime>%s' \
                '<MsgId>%d</MsgId></xml>' % (openid, time.time(), ''.join(
                    '<%s><![CDATA[%s]]></%s>' % (k, v, k) for k, v in fields.items()),
                    int(time.time() * 1000))
        timestamp, nonce = str(int(time.time())), uuid.uuid4().hex[:10]
        params = {'signature': sha1_signature(token, timestamp, nonce),
                  'timestamp': timestamp, 'nonce': nonce, 'openid': openid}
        body = inner
        if self.crypto:
            encrypted = self.crypto.encrypt(inner)
            params.update(encrypt_type='aes',
                          msg_signature=sha1_signature(token, timestamp, nonce, encrypted))
            if tamper:
                encrypted = self.crypto.encrypt(inner.replace('CDATA[', 'CDATA[x', 1))
            body = '<xml><ToUserName><![CDATA[gh_12345]]></ToUserName>' \
                   '<Encrypt><![CDATA[%s]]></Encrypt></xml>' % encrypted
        response = self.case.opener.post(self.case.url('/hotline/wechat'), params=params,
                                         data=body.encode('utf-8'), timeout=30)
        return response

    def reply_text(self, response):
        self.case.assertEqual(response.status_code, 200, response.text[:200])
        xml = etree.fromstring(response.content)
        if self.crypto:
            self.case.assertEqual(
                xml.findtext('MsgSignature'),
                sha1_signature(TOKEN, xml.findtext('TimeStamp'), xml.findtext('Nonce'),
                               xml.findtext('Encrypt')),
                'the encrypted reply is not signed with the token')
            xml = etree.fromstring(self.crypto.decrypt(xml.findtext('Encrypt')).encode())
        self.case.assertEqual(xml.findtext('ToUserName'), OPENID)
        return xml.findtext('Content')


class TestWechat(PortalHttpCase):

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            params = env['ir.config_parameter']
            params.set_param('hotline_portal.wechat_token', TOKEN)
            params.set_param('hotline_portal.wechat_app_id', APP_ID)
            params.set_param('hotline_portal.wechat_aes_key', AES_KEY)

    def test_url_verification(self):
        """CH-10: WeChat's GET with a right signature gets echostr back; a forged signature
        gets 403 and no echo."""
        ts, nonce = str(int(time.time())), 'n0nce'
        ok = self.url_open('/hotline/wechat?signature=%s&timestamp=%s&nonce=%s&echostr=hello42'
                           % (sha1_signature(TOKEN, ts, nonce), ts, nonce))
        self.assertEqual((ok.status_code, ok.text), (200, 'hello42'))
        forged = self.url_open('/hotline/wechat?signature=%s&timestamp=%s&nonce=%s&echostr=x'
                               % (sha1_signature('guess', ts, nonce), ts, nonce))
        self.assertEqual(forged.status_code, 403)
        self.assertNotIn('x', forged.text.replace('forbidden', ''))

    def _conversation(self, peer):
        before = self.ticket_rows("channel = 'wechat'", [])
        answer = peer.reply_text(peer.post({'MsgType': 'text', 'Content': '路灯坏了'}))
        self.assertIn('绑定', answer, 'an unbound follower must be asked to bind a phone')
        self.assertEqual(len(self.ticket_rows("channel = 'wechat'", [])), len(before))
        answer = peer.reply_text(peer.post({'MsgType': 'text', 'Content': '绑定 1381234'}))
        self.assertIn('1381234', answer, 'a wrong phone must be named in the answer')
        answer = peer.reply_text(peer.post({'MsgType': 'text', 'Content': '绑定 13812340001'}))
        self.assertIn('138****0001', answer)
        answer = peer.reply_text(peer.post({'MsgType': 'text',
                                            'Content': '和平街路灯坏了三天了'}))
        rows = self.ticket_rows("channel = 'wechat' AND content = %s", ['和平街路灯坏了三天了'])
        self.assertEqual(len(rows), 1)
        self.assertIn(rows[0]['name'], answer)
        self.assertEqual(rows[0]['contact_phone'], '+8613812340001')
        # CH-2: the number is 张建华's, not verified: his portal must not get this request
        self.assertFalse(rows[0]['partner_id'])
        answer = peer.reply_text(peer.post({'MsgType': 'image',
                                            'PicUrl': 'https://mmbiz.example/pic1.jpg',
                                            'MediaId': 'media1'}))
        self.assertIn(rows[0]['name'], answer, 'the photo must join the same request')
        with self.server_env() as env:
            ticket = env['hotline.ticket'].browse(rows[0]['id'])
            self.assertIn('pic1.jpg', ''.join(ticket.message_ids.mapped('body')))
        answer = peer.reply_text(peer.post({'MsgType': 'text', 'Content': '查询'}))
        self.assertIn(rows[0]['name'], answer)
        # CH-10: the five kinds, by the first word of the message
        for word, kind in (('投诉', 'complaint'), ('举报', 'report'), ('求助', 'help'),
                           ('建议', 'suggestion'), ('咨询', 'consult')):
            content = '%s：%s测试内容' % (word, kind)
            peer.reply_text(peer.post({'MsgType': 'text', 'Content': content}))
            made = self.ticket_rows("channel = 'wechat' AND content = %s",
                                    ['%s测试内容' % kind])
            self.assertEqual([r['ticket_type'] for r in made], [kind], word)
        # the bound phone (demo citizen 张建华's) is not verified: his phone requests stay
        # hidden from whoever bound it on WeChat
        phone_requests = self.ticket_rows(
            "channel = 'phone' AND partner_id = (SELECT id FROM res_partner WHERE mobile LIKE "
            "%s LIMIT 1)", ['%13812340001'])
        self.assertTrue(phone_requests)
        for row in phone_requests:
            self.assertNotIn(row['name'], answer)
            other = peer.reply_text(peer.post({'MsgType': 'text',
                                               'Content': '查询 %s' % row['name']}))
            self.assertNotIn(row['title'], other)

    def test_plain_mode_conversation(self):
        """CH-10 (plain mode): bind refused for a wrong phone, then bound; a text becomes a
        request whose number is replied; a photo joins it; "查询" lists it, but not the
        requests registered by phone for the (unverified) bound number."""
        self._conversation(WechatPeer(self))

    def test_safe_mode_conversation(self):
        """CH-10 (safe mode): the same conversation with encrypted, msg_signature-signed
        messages and encrypted, signed replies."""
        self._conversation(WechatPeer(self, safe=True))

    def test_forged_messages_refused(self):
        """CH-10: tried a message signed with a wrong token, and a safe-mode message whose
        ciphertext was swapped after signing: both 403, no request."""
        peer = WechatPeer(self, safe=True)
        before = len(self.ticket_rows("channel = 'wechat'", []))
        self.assertEqual(peer.post({'MsgType': 'text', 'Content': '伪造'},
                                   token='wrong').status_code, 403)
        self.assertEqual(peer.post({'MsgType': 'text', 'Content': '伪造'},
                                   tamper=True).status_code, 403)
        self.assertEqual(len(self.ticket_rows("channel = 'wechat'", [])), before)

    def test_external_entities_not_resolved(self):
        """CH-10: tried an XML payload with an external entity (XXE): no file content in the
        answer, no request."""
        ts, nonce = str(int(time.time())), 'xxe12345'
        body = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                '<xml><FromUserName>%s</FromUserName><MsgType>text</MsgType>'
                '<Content>绑定 &e;</Content></xml>' % OPENID)
        response = self.opener.post(self.url('/hotline/wechat'), params={
            'signature': sha1_signature(TOKEN, ts, nonce), 'timestamp': ts, 'nonce': nonce},
            data=body, timeout=30)
        self.assertNotIn('root:', response.text)


class WechatApiPeer(object):
    """WeChat's official-account API as the hotline calls it: GET /cgi-bin/token
    (appid + secret → access_token, expires_in), GET /cgi-bin/media/get (access_token +
    media_id → the image bytes, or a JSON errcode) and POST /cgi-bin/message/custom/send
    (access_token; JSON touser, msgtype text, text.content → errcode 0, kept in
    ``pushed``), on a local port."""

    SECRET = 'wechat-app-secret-0001'

    def __init__(self, media):
        self.media = media  # media_id → (content type, bytes)
        self.token_calls = 0
        self.valid_token = None
        self.pushed = []
        peer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, payload):
                body = json.dumps(payload).encode()
                self.send_response(200)
                self.send_header('Content-Type', 'application/json; encoding=utf-8')
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                url = urllib.parse.urlparse(self.path)
                query = dict(urllib.parse.parse_qsl(url.query))
                if url.path != '/cgi-bin/message/custom/send':
                    self.send_response(404)
                    self.end_headers()
                    return None
                if query.get('access_token') != peer.valid_token:
                    return self._json({'errcode': 40001, 'errmsg': 'invalid credential'})
                length = int(self.headers.get('Content-Length') or 0)
                try:
                    message = json.loads(self.rfile.read(length).decode('utf-8'))
                except ValueError:
                    return self._json({'errcode': 47001, 'errmsg': 'data format error'})
                if not (message.get('touser') and message.get('msgtype') == 'text' and
                        (message.get('text') or {}).get('content')):
                    return self._json({'errcode': 44002, 'errmsg': 'empty post data'})
                peer.pushed.append(message)
                return self._json({'errcode': 0, 'errmsg': 'ok'})

            def do_GET(self):
                url = urllib.parse.urlparse(self.path)
                query = dict(urllib.parse.parse_qsl(url.query))
                if url.path == '/cgi-bin/token':
                    if (query.get('grant_type'), query.get('appid'), query.get('secret')) != \
                            ('client_credential', APP_ID, peer.SECRET):
                        return self._json({'errcode': 40125, 'errmsg': 'invalid appsecret'})
                    peer.token_calls += 1
                    peer.valid_token = 'ACCESS_TOKEN_%d' % peer.token_calls
                    return self._json({'access_token': peer.valid_token, 'expires_in': 7200})
                if url.path == '/cgi-bin/media/get':
                    if query.get('access_token') != peer.valid_token:
                        return self._json({'errcode': 40001, 'errmsg': 'invalid credential'})
                    if query.get('media_id') not in peer.media:
                        return self._json({'errcode': 40007, 'errmsg': 'invalid media_id'})
                    content_type, body = peer.media[query['media_id']]
                    self.send_response(200)
                    self.send_header('Content-Type', content_type)
                    self.send_header('Content-disposition',
                                     'attachment; filename="%s.jpg"' % query['media_id'])
                    self.send_header('Content-Length', str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return None
                self.send_response(404)
                self.end_headers()

        self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = 'http://127.0.0.1:%d' % self.server.server_address[1]

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


class TestWechatPhotos(PortalHttpCase):

    def setUp(self):
        super().setUp()
        self.api = WechatApiPeer({
            'photo1': ('image/jpeg', JPEG),
            'photo2': ('image/png', PNG),
            'huge': ('image/jpeg', JPEG + b'\0' * (1024 * 1024)),
            'script': ('image/jpeg', b'<script>alert(1)</script>'),
        })
        self.addCleanup(self.api.stop)
        with self.server_env() as env:
            params = env['ir.config_parameter']
            for key, value in (('token', TOKEN), ('app_id', APP_ID), ('aes_key', AES_KEY),
                               ('app_secret', WechatApiPeer.SECRET),
                               ('api_base', self.api.base)):
                params.set_param('hotline_portal.wechat_%s' % key, value)

    def _attachments(self, number):
        with self.server_env() as env:
            ticket = env['hotline.ticket'].search([('name', '=', number)])
            return [(a.name, base64.b64decode(a.datas)) for a in env['ir.attachment'].search(
                [('res_model', '=', 'hotline.ticket'), ('res_id', '=', ticket.id)],
                order='id')]

    def test_photos_downloaded_through_media_api(self):
        """CH-10: a photo message is fetched with the account's access token from the media
        API and attached to the follower's request; the token is fetched once and reused,
        renewed once when WeChat refuses it; a photo over the size limit or a file that is
        not an image is not kept and the follower is told; a photo alone with a bad file
        creates no request."""
        peer = WechatPeer(self, safe=True)
        peer.reply_text(peer.post({'MsgType': 'text', 'Content': '绑定 13812340002'}))
        answer = peer.reply_text(peer.post({'MsgType': 'image', 'MediaId': 'script',
                                            'PicUrl': 'https://mmbiz.example/s.jpg'}))
        self.assertIn('JPEG', answer)
        self.assertFalse(self.ticket_rows("wechat_openid = %s", [OPENID]),
                         'a refused photo alone must not create a request')
        answer = peer.reply_text(peer.post({'MsgType': 'image', 'MediaId': 'photo1',
                                            'PicUrl': 'https://mmbiz.example/1.jpg'}))
        number = NUMBER_RE.search(answer).group(0)
        self.assertEqual(self._attachments(number), [('wechat-photo1.jpg', JPEG)])
        peer.reply_text(peer.post({'MsgType': 'image', 'MediaId': 'photo2'}))
        self.assertEqual(self.api.token_calls, 1, 'the access token must be cached')
        self.api.valid_token = 'expired-on-wechat-side'
        answer = peer.reply_text(peer.post({'MsgType': 'image', 'MediaId': 'photo1'}))
        self.assertIn(number, answer)
        self.assertEqual(self.api.token_calls, 2, 'a refused token must be renewed once')
        answer = peer.reply_text(peer.post({'MsgType': 'image', 'MediaId': 'huge'}))
        self.assertIn('1 MB', answer)
        self.assertEqual([name for name, _data in self._attachments(number)],
                         ['wechat-photo1.jpg', 'wechat-photo2.png', 'wechat-photo1.jpg'])

    def test_wechat_outage_keeps_the_link(self):
        """CH-10: when WeChat's API cannot be reached the photo's link is still noted on
        the request and the follower is asked to send it again; nothing is lost."""
        with self.server_env() as env:
            env['ir.config_parameter'].set_param('hotline_portal.wechat_api_base',
                                                 'http://127.0.0.1:9')
        peer = WechatPeer(self)
        peer.reply_text(peer.post({'MsgType': 'text', 'Content': '绑定 13812340002'}))
        peer.reply_text(peer.post({'MsgType': 'text', 'Content': '井盖丢失'}))
        answer = peer.reply_text(peer.post({'MsgType': 'image', 'MediaId': 'photo1',
                                            'PicUrl': 'https://mmbiz.example/9.jpg'}))
        rows = self.ticket_rows("wechat_openid = %s", [OPENID])
        self.assertEqual(len(rows), 1)
        self.assertIn(rows[0]['name'], answer)
        self.assertTrue('later' in answer or '稍后' in answer, answer)
        self.assertFalse(self._attachments(rows[0]['name']))
        with self.server_env() as env:
            bodies = ''.join(env['hotline.ticket'].browse(rows[0]['id']).message_ids
                             .mapped('body'))
        self.assertIn('9.jpg', bodies)
