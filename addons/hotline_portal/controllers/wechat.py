# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-10: the WeChat official account's server URL (plain and safe mode)."""
import base64
import datetime
import logging
import re
import time

import psycopg2
import psycopg2.errors
import psycopg2.extensions
from lxml import etree

from odoo import SUPERUSER_ID, _, fields, http
from odoo.http import Response, request
from odoo.tools import html_escape

from odoo.addons.hotline_core.tools.phone import PhoneError

from ..models.hotline_ticket import clean, mask_personal_data
from ..tools.crypto import CryptoError, WeChatCrypto, sha1_signature
from ..tools.wechat_api import WeChatApi, WeChatApiError
from .main import upload_limits

_logger = logging.getLogger(__name__)
# lxml without entities nor network: a WeChat payload cannot make the server read files.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
BIND_RE = re.compile(r'^\s*(?:绑定|bind)\s*([+\d\- ]{5,20})\s*$', re.I)
QUERY_RE = re.compile(r'^\s*(?:查询|query)\s*(12345-\d{8}-\d{5})?\s*$', re.I)
# CH-10: the five kinds a follower may submit, by the word his message starts with
KIND_RE = re.compile(r'^\s*(咨询|投诉|举报|求助|建议)\s*[:：，,]?\s*')
KINDS = {'咨询': 'consult', '投诉': 'complaint', '举报': 'report', '求助': 'help',
         '建议': 'suggestion'}
MAX_AGE = 300  # seconds a signed message stays valid
# WeChat waits 5 s for an answer, then sends the message again (three times at most); a resend
# waits RESEND_WAIT s (``hotline_portal.wechat_resend_wait``) for the first delivery's answer,
# then answers empty so that WeChat stops.
REPLY_WINDOW = 5
RESEND_WAIT = 4
FOLLOW_UP_HOURS = 24  # a photo within this time is added to the follower's last request


def cdata(text):
    return '<![CDATA[%s]]>' % (text or '').replace(']]>', ']]]]><![CDATA[>')


class HotlineWechat(http.Controller):

    def _config(self):
        params = request.env['ir.config_parameter'].sudo()
        return {k: params.get_param('hotline_portal.wechat_%s' % k) or ''
                for k in ('token', 'app_id', 'aes_key')}

    @http.route('/hotline/wechat', type='http', auth='public', methods=['GET', 'POST'],
                csrf=False)
    def wechat(self, signature='', timestamp='', nonce='', echostr=None, encrypt_type=None,
               msg_signature='', **kw):
        """CH-10: URL verification (GET) and message push (POST); every message must carry
        WeChat's signature made with the account's token."""
        # followers are answered in Chinese whatever the session says
        request.context = dict(request.context, lang='zh_CN')
        config = self._config()
        if not config['token'] or signature != sha1_signature(config['token'], timestamp, nonce):
            _logger.warning('CH-10: WeChat call with a wrong signature from %s',
                            request.httprequest.remote_addr)
            return Response('forbidden', status=403)
        if request.httprequest.method == 'GET':
            return Response(echostr or '', mimetype='text/plain')
        try:
            if abs(time.time() - int(timestamp)) > MAX_AGE:
                return Response('expired', status=403)
        except ValueError:
            return Response('bad timestamp', status=400)
        body = request.httprequest.get_data()
        safe = encrypt_type == 'aes'
        try:
            xml = etree.fromstring(body, PARSER)
            crypto = None
            if safe:
                crypto = WeChatCrypto(config['aes_key'], config['app_id'])
                encrypted = xml.findtext('Encrypt') or ''
                if msg_signature != sha1_signature(config['token'], timestamp, nonce, encrypted):
                    return Response('forbidden', status=403)
                xml = etree.fromstring(crypto.decrypt(encrypted).encode('utf-8'), PARSER)
        except (etree.XMLSyntaxError, CryptoError, ValueError) as error:
            _logger.warning('CH-10: unreadable WeChat message: %s', error)
            return Response('bad message', status=400)
        message = {child.tag: clean(child.text, 4000) for child in xml
                   if isinstance(child.tag, str)}
        answer = self._answer_once(message)
        if not answer:
            return Response('success')
        reply = ('<xml><ToUserName>%s</ToUserName><FromUserName>%s</FromUserName>'
                 '<CreateTime>%d</CreateTime><MsgType>%s</MsgType><Content>%s</Content></xml>'
                 % (cdata(message.get('FromUserName')), cdata(message.get('ToUserName')),
                    int(time.time()), cdata('text'), cdata(answer)))
        if safe:
            encrypted = crypto.encrypt(reply)
            now = str(int(time.time()))
            reply = ('<xml><Encrypt>%s</Encrypt><MsgSignature>%s</MsgSignature>'
                     '<TimeStamp>%s</TimeStamp><Nonce>%s</Nonce></xml>' % (
                         cdata(encrypted), cdata(sha1_signature(
                             config['token'], now, nonce, encrypted)), now, cdata(nonce)))
        return Response(reply, headers=[('Content-Type', 'application/xml')])

    # ------------------------------------------------------------------ resends
    @staticmethod
    def _message_key(message):
        """WeChat's documented key of a message: its MsgId; an event has none and is known
        by its sender and CreateTime."""
        if message.get('MsgId'):
            return 'msg:%s' % message['MsgId'][:64]
        return 'event:%s:%s:%s' % ((message.get('FromUserName') or '')[:64],
                                   (message.get('CreateTime') or '')[:20],
                                   (message.get('Event') or '')[:40])

    def _answer_once(self, message):
        """CH-10: WeChat sends a message again, with the same MsgId, when it has had no
        answer within 5 s (three times at most). The first delivery claims the message in
        the transaction that handles it; a resend meanwhile waits for that transaction (the
        unique key), then answers what the first answered and registers nothing. A resend
        that would wait beyond WeChat's window answers empty, which WeChat shows as
        nothing, and the first delivery, finished too late for its own reply to be read,
        pushes its answer through the customer-service API (after REPLY_WINDOW + RESEND_WAIT
        seconds: sooner, the resend is still waiting and answers itself)."""
        started = time.time()
        key = self._message_key(message)
        try:
            resend_wait = float(request.env['ir.config_parameter'].sudo().get_param(
                'hotline_portal.wechat_resend_wait') or RESEND_WAIT)
        except ValueError:
            resend_wait = RESEND_WAIT
        cr = request.env.cr
        try:
            with cr.savepoint():
                cr.execute("SET LOCAL lock_timeout = %s", ['%dms' % (resend_wait * 1000)])
                cr.execute("""
                    INSERT INTO hotline_wechat_message (msgid, openid, date)
                    VALUES (%s, %s, now() AT TIME ZONE 'UTC')
                    ON CONFLICT (msgid) DO NOTHING RETURNING id""",
                           [key, (message.get('FromUserName') or '')[:64]],
                           log_exceptions=False)
                claimed = cr.fetchone()
        except psycopg2.extensions.TransactionRollbackError:
            claimed = None  # the first delivery committed after this request's snapshot
        except psycopg2.errors.LockNotAvailable:
            _logger.info('CH-10: WeChat resent %s while it is being handled', key)
            return None
        cr.execute("SET LOCAL lock_timeout = 0")
        if not claimed:
            # a fresh transaction sees the first delivery's answer, whenever it committed
            with request.env.registry.cursor() as fresh:
                fresh.execute('SELECT answer FROM hotline_wechat_message WHERE msgid = %s',
                              [key])
                row = fresh.fetchone()
            _logger.info('CH-10: WeChat resent %s; answered as the first time', key)
            return row[0] if row else None
        answer = self._handle(message)
        cr.execute('UPDATE hotline_wechat_message SET answer = %s WHERE id = %s',
                   [answer, claimed[0]])
        if answer and time.time() - started > REPLY_WINDOW + resend_wait:
            self._push(message, answer)
        return answer

    def _push(self, message, answer):
        api = WeChatApi(request.env['ir.config_parameter'].sudo())
        openid = (message.get('FromUserName') or '')[:64]
        if not api.configured:
            _logger.warning('CH-10: the answer to %s came too late for WeChat and cannot be '
                            'pushed (no AppSecret configured)', openid)
            return
        try:
            api.send_text(openid, answer)
        except WeChatApiError as error:
            _logger.warning('CH-10: the late answer to %s was not pushed: %s', openid, error)

    # ------------------------------------------------------------------ messages
    def _handle(self, message):
        """The text to answer the follower with (None: nothing to say)."""
        openid = (message.get('FromUserName') or '')[:64]
        kind = message.get('MsgType')
        if not openid:
            return None
        # sudo: WeChat followers have no Odoo user; everything below is scoped to this OpenID
        env = request.env(user=SUPERUSER_ID)
        if not env['hotline.portal.rate']._hit('submit_ip', 'wechat:%s' % openid):
            return _('Too many messages in a short time. Please try again later or call 12345.')
        binding = env['hotline.wechat.binding'].search([('openid', '=', openid)], limit=1)
        if kind == 'event':
            if (message.get('Event') or '').lower() == 'subscribe':
                return _('Welcome to the 12345 hotline. Send "绑定 your mobile number" to bind '
                         'your phone, then describe your request in a message; start it with '
                         '咨询, 投诉, 举报, 求助 or 建议 to say what kind it is.')
            return None
        if kind == 'text':
            text = (message.get('Content') or '').strip()
            bind = BIND_RE.match(text)
            if bind:
                return self._bind(env, binding, openid, bind.group(1))
            query = QUERY_RE.match(text)
            if query:
                return self._query(env, binding, openid, query.group(1))
            if not binding:
                return _('Please bind your phone first: send "绑定 13812345678".')
            if not text:
                return None
            kind = KIND_RE.match(text)
            ticket_type = KINDS[kind.group(1)] if kind else 'consult'
            if kind and text[kind.end():].strip():
                text = text[kind.end():].strip()
            ticket = self._create(env, binding, openid, text[:30], text[:4000], ticket_type)
            return _('Your request was received, number %s. Send "查询" to follow it.') % \
                ticket.name
        if kind == 'image':
            if not binding:
                return _('Please bind your phone first: send "绑定 13812345678".')
            return self._photo(env, binding, openid, message)
        return _('Please send text or photos, or call 12345.')

    def _bind(self, env, binding, openid, number):
        try:
            phone = env['hotline.ticket']._hotline_normalize_phone(number)
        except PhoneError:
            phone = False
        if not phone:
            return _('"%s" is not a valid phone number. Send "绑定 13812345678".') % \
                number.strip()
        # CH-2: a typed number is not proof of identity: the binding stays unverified and
        # linked to no citizen profile until a code sent to the phone comes back.
        values = {'openid': openid, 'phone': phone, 'partner_id': False, 'verified': False,
                  'date_bound': fields.Datetime.now()}
        if binding:
            binding.write(values)
        else:
            env['hotline.wechat.binding'].create(values)
        return _('Phone %s is bound. Describe your request in a message.') % \
            mask_personal_data(phone.replace('+86', ''))

    def _query(self, env, binding, openid, number):
        """CH-10: the follower's own history — the requests sent from this OpenID, and
        those of his citizen profile once the bound phone is verified (a code by SMS): an
        unverified number never opens the requests other channels registered for it."""
        if not binding:
            return _('Please bind your phone first: send "绑定 13812345678".')
        domain = [('wechat_openid', '=', openid)]
        if binding.verified and binding.partner_id:
            domain = ['|', ('partner_id', '=', binding.partner_id.id)] + domain
        if number:
            domain.append(('name', '=', number))
        tickets = env['hotline.ticket'].search(domain, limit=5)
        if number:
            if not tickets:
                return _('No request %s of yours was found.') % number
            ticket = tickets[0]
            steps = ticket._portal_timeline()[-3:]
            return '%s %s\n%s' % (ticket.name, ticket._portal_state_label(), '\n'.join(
                '%s %s' % (s['date'][:16], s['name']) for s in steps))
        if not tickets:
            return _('You have no request yet.')
        return '\n'.join('%s %s %s' % (t.name, t.title[:12], t._portal_state_label())
                         for t in tickets)

    def _create(self, env, binding, openid, title, content, ticket_type='consult'):
        verified = binding.verified and binding.partner_id
        ticket = env['hotline.ticket'].with_context(
            mail_create_nosubscribe=True, hotline_phone_verified=bool(verified)).create({
                'title': title, 'content': content, 'ticket_type': ticket_type,
                'channel': 'wechat', 'contact_name': (
                    binding.partner_id.name if verified else _('WeChat user')),
                'contact_phone': binding.phone, 'wechat_openid': openid,
                'portal_self_service': True,
                'partner_id': binding.partner_id.id if verified else False,
            })
        _logger.info('CH-10: request %s from WeChat', ticket.name)
        return ticket

    def _photo(self, env, binding, openid, message):
        """A photo goes with the follower's request of the last day, or starts one. With
        the account's AppSecret configured, the photo itself is fetched through WeChat's
        media API and attached; otherwise (or when WeChat fails) its link is noted."""
        since = fields.Datetime.to_string(
            datetime.datetime.utcnow() - datetime.timedelta(hours=FOLLOW_UP_HOURS))
        ticket = env['hotline.ticket'].search([
            ('wechat_openid', '=', openid), ('register_date', '>=', since),
            ('process_state', '!=', 'done')], limit=1)
        url = (message.get('PicUrl') or '')[:500]
        if not url.startswith(('http://', 'https://')):
            url = ''
        media = (message.get('MediaId') or '')[:128]
        api = WeChatApi(env['ir.config_parameter'])
        photo, problem = None, None
        if api.configured and media:
            _files, max_bytes, _types = upload_limits()
            try:
                photo = api.media(media, max_bytes)
            except WeChatApiError as error:
                _logger.warning('CH-10: WeChat photo %s not fetched: %s', media, error)
                if error.kind == 'too_large':
                    problem = _('The photo is larger than %d MB and was not kept; send a '
                                'smaller one.') % (max_bytes // (1024 * 1024))
                elif error.kind == 'not_image':
                    problem = _('Only photos (JPEG, PNG, GIF) are accepted.')
                else:
                    problem = _('The photo could not be fetched from WeChat; please send it '
                                'again later.')
        if problem and not ticket:
            return problem
        if not ticket:
            ticket = self._create(env, binding, openid, _('Photo from WeChat'),
                                  _('Photo: %s') % (url or media))
            answer = _('Your photo was received as request %s. Describe the matter in a '
                       'message.') % ticket.name
        else:
            answer = _('Your photo was added to request %s.') % ticket.name
        if photo:
            data, ext = photo
            name = 'wechat-%s.%s' % (re.sub(r'[^\w-]', '', media)[:40] or 'photo', ext)
            attachment = env['ir.attachment'].create({
                'name': name, 'datas_fname': name, 'datas': base64.b64encode(data),
                'res_model': 'hotline.ticket', 'res_id': ticket.id})
            ticket.message_post(body=_('Photo sent on WeChat.'), message_type='comment',
                                subtype='mail.mt_note', attachment_ids=[attachment.id])
            return answer
        ticket.message_post(body=_(
            'Photo sent on WeChat: <a href="%(url)s">%(link)s</a> (media %(media)s)') % {
                'url': html_escape(url), 'link': html_escape(url),
                'media': html_escape(media)},
            message_type='comment', subtype='mail.mt_note')
        return '%s %s' % (answer, problem) if problem else answer
