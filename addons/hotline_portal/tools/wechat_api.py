# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-10: the few calls of WeChat's official-account HTTP API the hotline needs: an
access_token from AppID + AppSecret (``cgi-bin/token``), a follower's photo by its
MediaId (``cgi-bin/media/get``) and a pushed answer (``cgi-bin/message/custom/send``).
The API base URL is configurable (a proxy, or a test peer)."""
import json
import time

import requests

DEFAULT_BASE = 'https://api.weixin.qq.com'
TOKEN_ERRORS = (40001, 40014, 42001)  # invalid / malformed / expired access_token
IMAGE_MAGIC = ((b'\xff\xd8\xff', 'jpg'), (b'\x89PNG\r\n\x1a\n', 'png'),
               (b'GIF87a', 'gif'), (b'GIF89a', 'gif'))


class WeChatApiError(Exception):
    """``kind``: 'config', 'network', 'api', 'too_large' or 'not_image'."""

    def __init__(self, kind, detail=''):
        super().__init__('%s: %s' % (kind, detail))
        self.kind = kind
        self.detail = detail


class WeChatApi(object):
    """``params`` is ``ir.config_parameter`` (sudo): the settings are read from it and the
    access token is cached in it (WeChat allows 2,000 token requests a day)."""

    def __init__(self, params, timeout=4):
        self.params = params
        self.timeout = timeout
        self.base = (params.get_param('hotline_portal.wechat_api_base') or DEFAULT_BASE) \
            .rstrip('/')
        self.app_id = params.get_param('hotline_portal.wechat_app_id') or ''
        self.secret = params.get_param('hotline_portal.wechat_app_secret') or ''

    @property
    def configured(self):
        return bool(self.app_id and self.secret)

    def _get(self, path, **query):
        try:
            return requests.get(self.base + path, params=query, timeout=self.timeout,
                                stream=True)
        except requests.RequestException as error:
            raise WeChatApiError('network', str(error))

    def access_token(self, force=False):
        cached = self.params.get_param('hotline_portal.wechat_access_token') or ''
        try:
            expires = float(self.params.get_param('hotline_portal.wechat_token_expires') or 0)
        except ValueError:
            expires = 0
        if cached and not force and expires > time.time() + 60:
            return cached
        if not self.configured:
            raise WeChatApiError('config', 'AppID or AppSecret missing')
        response = self._get('/cgi-bin/token', grant_type='client_credential',
                             appid=self.app_id, secret=self.secret)
        try:
            data = response.json()
        except ValueError:
            raise WeChatApiError('api', 'token answer is not JSON')
        token = data.get('access_token') if isinstance(data, dict) else None
        if not token:
            raise WeChatApiError('api', 'token refused: %s' % (data,))
        try:
            lifetime = int(data.get('expires_in') or 7200)
        except (TypeError, ValueError):
            lifetime = 7200
        self.params.set_param('hotline_portal.wechat_access_token', token)
        self.params.set_param('hotline_portal.wechat_token_expires', str(time.time() + lifetime))
        return token

    def media(self, media_id, max_bytes):
        """(bytes, extension) of the photo, checked to be a JPEG, PNG or GIF of at most
        ``max_bytes``; WeChatApiError otherwise. A refused token is renewed once."""
        for attempt in (0, 1):
            token = self.access_token(force=bool(attempt))
            response = self._get('/cgi-bin/media/get', access_token=token, media_id=media_id)
            content_type = response.headers.get('Content-Type', '')
            if 'json' in content_type or 'text/plain' in content_type:
                try:
                    data = response.json()
                except ValueError:
                    data = {}
                code = data.get('errcode') if isinstance(data, dict) else None
                if code in TOKEN_ERRORS and not attempt:
                    continue
                raise WeChatApiError('api', '%s' % (data,))
            if response.status_code != 200:
                raise WeChatApiError('api', 'HTTP %s' % response.status_code)
            length = response.headers.get('Content-Length')
            if length and length.isdigit() and int(length) > max_bytes:
                raise WeChatApiError('too_large', length)
            data = response.raw.read(max_bytes + 1, decode_content=True)
            if len(data) > max_bytes:
                raise WeChatApiError('too_large', str(len(data)))
            for magic, ext in IMAGE_MAGIC:
                if data.startswith(magic):
                    return data, ext
            raise WeChatApiError('not_image', content_type)
        raise WeChatApiError('api', 'token refused twice')

    def send_text(self, openid, text):
        """Push a text to a follower through the customer-service message API
        (``cgi-bin/message/custom/send``): the answer to a message whose handling outlasted
        WeChat's 5 s window, which WeChat no longer waits for. A refused token is renewed
        once; WeChatApiError when WeChat refuses."""
        body = json.dumps({'touser': openid, 'msgtype': 'text', 'text': {'content': text}},
                          ensure_ascii=False).encode('utf-8')
        for attempt in (0, 1):
            token = self.access_token(force=bool(attempt))
            try:
                response = requests.post(
                    self.base + '/cgi-bin/message/custom/send', params={'access_token': token},
                    data=body, timeout=self.timeout,
                    headers={'Content-Type': 'application/json; charset=utf-8'})
                data = response.json()
            except requests.RequestException as error:
                raise WeChatApiError('network', str(error))
            except ValueError:
                raise WeChatApiError('api', 'custom/send answer is not JSON')
            code = data.get('errcode') if isinstance(data, dict) else None
            if not code:
                return True
            if code in TOKEN_ERRORS and not attempt:
                continue
            raise WeChatApiError('api', '%s' % (data,))
        raise WeChatApiError('api', 'token refused twice')
