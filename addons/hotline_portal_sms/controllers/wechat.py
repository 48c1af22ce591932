# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-10: a WeChat follower proves the bound phone is his with a code sent by SMS; only then
are his messages requests of his citizen profile and his history includes that profile's."""
import re

from odoo import SUPERUSER_ID, _, fields
from odoo.http import request

from odoo.addons.hotline_core.tools.phone import PhoneError
from odoo.addons.hotline_portal.controllers.wechat import HotlineWechat
from odoo.addons.hotline_portal.models.hotline_ticket import mask_personal_data

VERIFY_RE = re.compile(r'^\s*(?:验证|verify)\s*(\d{4,8})\s*$', re.I)


class HotlineWechatSms(HotlineWechat):

    def _handle(self, message):
        text = (message.get('Content') or '') if message.get('MsgType') == 'text' else ''
        verify = VERIFY_RE.match(text)
        if verify and message.get('FromUserName'):
            return self._verify(message['FromUserName'][:64], verify.group(1))
        return super()._handle(message)

    def _bind(self, env, binding, openid, number):
        try:
            phone = env['hotline.ticket']._hotline_normalize_phone(number)
        except PhoneError:
            phone = False
        if not phone:
            return super()._bind(env, binding, openid, number)
        if not env['hotline.portal.rate']._hit('wechat_code_openid', openid):
            return _('Too many codes were asked for. Please try again later or call 12345.')
        answer = super()._bind(env, binding, openid, number)
        sent = env['hotline.portal.code']._issue('wechat_bind', openid, phone)
        if not sent:
            return answer
        return _('A code was texted to %s. Send "验证 code" (e.g. 验证 123456) to confirm the '
                 'phone is yours; until then your messages are requests without your citizen '
                 'profile.') % mask_personal_data(phone.replace('+86', ''))

    def _verify(self, openid, code):
        """CH-10: the right code verifies the binding and links it to the citizen profile
        with that phone (created if the phone is new)."""
        # sudo: WeChat followers have no Odoo user; everything is scoped to this OpenID
        env = request.env(user=SUPERUSER_ID)
        binding = env['hotline.wechat.binding'].search([('openid', '=', openid)], limit=1)
        if not binding:
            return _('Please bind your phone first: send "绑定 13812345678".')
        record = env['hotline.portal.code']._check('wechat_bind', openid, code)
        if not record or record.phone != binding.phone:
            return _('The code is not correct or has expired. Send "绑定 your number" for a '
                     'new one.')
        partners = env['res.partner']
        partner = partners.hotline_find_by_phone(binding.phone, limit=1)
        if not partner:
            partner = partners.create({
                'name': _('WeChat user %s') % binding.phone[-4:], 'mobile': binding.phone,
                'hotline_resource_type': 'citizen', 'customer': False})
        binding.write({'verified': True, 'partner_id': partner.id,
                       'date_bound': fields.Datetime.now()})
        return _('Your phone %s is verified. Your messages are now requests in your name, '
                 'and "查询" lists all your requests.') % mask_personal_data(
                     binding.phone.replace('+86', ''))
