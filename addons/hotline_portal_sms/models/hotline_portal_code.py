# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime
import secrets

from passlib.context import CryptContext

from odoo import _, api, fields, models

CODE_CRYPT = CryptContext(schemes=['pbkdf2_sha256'], deprecated='auto')
CODE_MINUTES = 10
CODE_ATTEMPTS = 5


class HotlinePortalCode(models.Model):
    """CH-2, CH-10: a one-time code sent by SMS to prove that whoever is on the website or
    on WeChat holds the phone given with the request (or being bound). Only its hash is
    stored; it expires after 10 minutes and after 5 wrong tries."""
    _name = 'hotline.portal.code'
    _description = 'Portal SMS Code'
    _order = 'id desc'

    purpose = fields.Selection(
        [('recover', 'Query password recovery'), ('wechat_bind', 'WeChat phone binding')],
        required=True, index=True)
    subject = fields.Char(required=True, index=True,
                          help='The request number or the WeChat OpenID the code is for.')
    phone = fields.Char(required=True)
    code_hash = fields.Char(required=True)
    date_expires = fields.Datetime(required=True)
    attempts = fields.Integer(default=0)
    used = fields.Boolean(default=False)

    @api.model
    def _issue(self, purpose, subject, phone, ticket=None, partner=None):
        """A new code for (purpose, subject), texted to ``phone``; earlier codes for the same
        subject stop working. Returns the queued SMS (empty when the number is refused)."""
        self.search([('purpose', '=', purpose), ('subject', '=', subject),
                     ('used', '=', False)]).write({'used': True})
        code = '%06d' % secrets.randbelow(1000000)
        self.create({
            'purpose': purpose, 'subject': subject, 'phone': phone,
            'code_hash': CODE_CRYPT.hash(code),
            'date_expires': fields.Datetime.to_string(
                datetime.datetime.utcnow() + datetime.timedelta(minutes=CODE_MINUTES)),
        })
        signature = self.env['ir.config_parameter'].sudo().get_param(
            'hotline_sms.signature', '12345')
        if purpose == 'recover':
            text = _('[%(signature)s] Your code to set a new query password for request '
                     '%(request)s: %(code)s (valid %(minutes)d minutes). If you did not ask '
                     'for it, ignore this message.')
            args = {'signature': signature, 'request': subject, 'code': code,
                    'minutes': CODE_MINUTES}
        else:
            text = _('[%(signature)s] Your code to bind this phone on WeChat: %(code)s (valid '
                     '%(minutes)d minutes). Never give it to anybody.')
            args = {'signature': signature, 'code': code, 'minutes': CODE_MINUTES}
        masked = dict(args, code='*' * len(code))
        # the SMS log (read by the centre) shows the text with the code masked
        return self.env['hotline.sms.message'].sudo().queue_messages([{
            'number': phone, 'body': text % masked, 'secret_text': text % args,
            'kind': 'recovery',
            'ticket_id': ticket.id if ticket else False,
            'partner_id': partner.id if partner else False,
        }])

    @api.model
    def _check(self, purpose, subject, code):
        """The unused, unexpired code record when ``code`` is right (it is then used up);
        else an empty recordset. Every try counts; the 5th wrong one burns the code."""
        record = self.search([
            ('purpose', '=', purpose), ('subject', '=', subject), ('used', '=', False),
            ('date_expires', '>', fields.Datetime.now())], limit=1)
        code = (code or '').strip()
        if not record:
            CODE_CRYPT.verify(code or '0', CODE_CRYPT.hash('x'))  # same time either way
            return self.browse()
        record.attempts += 1
        if code and CODE_CRYPT.verify(code, record.code_hash):
            record.used = True
            return record
        if record.attempts >= CODE_ATTEMPTS:
            record.used = True
        return self.browse()

    @api.model
    def _gc_codes(self):
        """Cron: forget codes a day after they expired (set-based)."""
        self.env.cr.execute(
            "DELETE FROM hotline_portal_code WHERE date_expires < "
            "(now() AT TIME ZONE 'UTC') - interval '1 day'")
        return True
