# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-1…CH-5, CH-8: the citizens' pages of the website."""
import base64
import datetime
import hashlib
import json
import logging
import os
import re

from odoo import _, fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.hotline_core.tools.phone import PhoneError

from ..models.hotline_ticket import clean, strip_html

_logger = logging.getLogger(__name__)

WEB_TYPES = ['consult', 'complaint', 'report', 'appeal', 'help', 'suggestion', 'praise']
# What a file must start with to be accepted under its extension (a renamed .exe is refused).
MAGIC = {
    'jpg': [b'\xff\xd8\xff'], 'jpeg': [b'\xff\xd8\xff'], 'png': [b'\x89PNG\r\n\x1a\n'],
    'gif': [b'GIF87a', b'GIF89a'], 'pdf': [b'%PDF'],
    'doc': [b'\xd0\xcf\x11\xe0'], 'docx': [b'PK\x03\x04'], 'txt': None,
}
TITLE_MAX = 100
DATE_RE = re.compile(r'^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$')
CONTENT_MAX = 4000


MAX_ID = 2 ** 31 - 1  # PostgreSQL integer: a larger id in a URL is simply not found


def record_id(value):
    """A database id from a URL, or a 404 for ids no record can have (a huge number would
    make PostgreSQL fail with "integer out of range": 500)."""
    if not 0 < value <= MAX_ID:
        raise request.not_found()
    return value


def client_ip():
    return request.httprequest.remote_addr or ''


def param(name, default):
    params = request.env['ir.config_parameter'].sudo()
    return params.get_param('hotline_portal.%s' % name, default)


def upload_limits():
    """(max files, max bytes per file, allowed extensions) from the configuration."""
    try:
        max_files = int(param('max_files', '5'))
        max_bytes = int(float(param('max_upload_mb', '5')) * 1024 * 1024)
    except ValueError:
        max_files, max_bytes = 5, 5 * 1024 * 1024
    types = [t.strip().lower() for t in param('upload_types', 'jpg,jpeg,png,gif,pdf,doc,docx,txt')
             .split(',') if t.strip()]
    return max_files, max_bytes, types


def _check_upload(upload, max_bytes, types):
    """CH-1: (filename, bytes) of one uploaded file, or a ValidationError saying why it is
    refused."""
    name = os.path.basename(upload.filename.replace('\\', '/'))
    ext = name.rsplit('.', 1)[-1].lower() if '.' in name else ''
    if ext not in types:
        raise ValidationError(_(
            'Attachment "%(name)s": only these file types are accepted: %(types)s.'
        ) % {'name': name, 'types': ', '.join(types)})
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError(_(
            'Attachment "%(name)s" is larger than %(size)s MB; make it smaller and send it '
            'again.') % {'name': name, 'size': param('max_upload_mb', '5')})
    if not data:
        raise ValidationError(_('Attachment "%s" is empty.') % name)
    magic = MAGIC.get(ext)
    if magic and not any(data.startswith(m) for m in magic):
        raise ValidationError(_(
            'Attachment "%(name)s" is not really a %(type)s file.') % {
                'name': name, 'type': ext.upper()})
    return name, data


def check_upload_list(files, kept=0):
    """CH-1: ([(filename, bytes)] of the acceptable files, [error sentences]) — each file
    is checked on its own, so that one refused file does not lose the others; ``kept``
    files already held for the form count towards the maximum."""
    max_files, max_bytes, types = upload_limits()
    files = [f for f in files if f and getattr(f, 'filename', None)]
    if len(files) + kept > max_files:
        return [], [_('At most %d attachments may be sent.') % max_files]
    result, errors = [], []
    for upload in files:
        try:
            result.append(_check_upload(upload, max_bytes, types))
        except ValidationError as error:
            errors.append(error.name)
    return result, errors


def check_uploads(files):
    """CH-1: [(filename, bytes)] of the uploaded files, or a ValidationError saying which
    file is refused and why."""
    result, errors = check_upload_list(files)
    if errors:
        raise ValidationError(errors[0])
    return result


def parse_date(value):
    """NF-1: a date typed the Chinese way (2026-11-29, 2026/11/29, 2026年11月29日) or
    None."""
    match = DATE_RE.match(clean(value, 30).strip())
    if not match:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def upload_session_key():
    """CH-1: the key under which this browser session's kept attachments are stored (a
    hash: the session id itself is never written to the database)."""
    return hashlib.sha256(('hotline-upload:%s' % request.session.sid).encode()).hexdigest()


def rate_request(ticket, rating, comment):
    """CB-2: rate ``ticket`` for the citizen; the values the page shows (a thank-you or the
    error, with what was typed kept)."""
    try:
        ticket._portal_rate(clean(rating, 20), clean(comment, 4000))
    except UserError as error:
        return {'rating_error': error.name, 'rating_post': {
            'rating': clean(rating, 20), 'comment': clean(comment, 4000)}}
    return {'rated': True}


class HotlineWebsite(http.Controller):

    # ------------------------------------------------------------------ submission (CH-1)
    def _form_values(self, post=None, errors=None, kept=None):
        # sudo: the list of places and the type labels are public information
        Location = request.env['hotline.location'].sudo()
        locations = Location.search(
            [('location_type', 'in', ('city', 'district'))], order='complete_name')
        post = post or {}
        Ticket = request.env['hotline.ticket']
        types = dict(Ticket._fields['ticket_type']._description_selection(request.env))
        max_files, max_bytes, ext = upload_limits()
        # CH-1, TK-2: streets and communities, chosen after the district (dependent lists);
        # the lists of the chosen district and street are rendered by the server, so the
        # form works without JavaScript after a round trip too
        below = Location.search([('location_type', 'in', ('street', 'community'))])
        tree = [{'id': loc.id, 'name': loc.name, 'parent': loc.parent_id.id,
                 'type': loc.location_type} for loc in below]
        return {
            'types': [(t, types[t]) for t in WEB_TYPES],
            'locations': locations,
            'streets': below.filtered(lambda l: l.location_type == 'street' and str(
                l.parent_id.id) == post.get('location_id')),
            'communities': below.filtered(lambda l: l.location_type == 'community' and str(
                l.parent_id.id) == post.get('street_id')),
            'location_tree': json.dumps(tree, ensure_ascii=False),
            'post': post,
            'errors': errors or [],
            'kept': kept or [],
            'max_files': max_files,
            'max_mb': max_bytes // (1024 * 1024),
            'upload_types': ext,
            'user_partner': (request.env.user.partner_id
                             if not request.env.user._is_public() else False),
        }

    @http.route('/hotline/submit', type='http', auth='public', website=True, methods=['GET'])
    def submit_form(self, **kw):
        return request.render('hotline_portal.submit_page', self._form_values())

    @http.route('/hotline/submit', type='http', auth='public', website=True, methods=['POST'])
    def submit(self, **post):
        """CH-1: create the request, or show the form again with every value kept and a
        sentence per problem. Attachments that were acceptable are kept across the error
        (for this browser session) and listed on the form: the citizen need not attach them
        again, and does not believe they were sent."""
        files = request.httprequest.files.getlist('attachments')
        post.pop('attachments', None)
        post.pop('kept_upload', None)
        session_key = upload_session_key()
        Upload = request.env['hotline.portal.upload'].sudo()
        # sudo: kept files are found by their random token AND this session's key only
        kept = Upload._take(session_key, request.httprequest.form.getlist('kept_upload'))
        try:
            vals, uploads = self._check_submission(post, files, kept=len(kept))
        except ValidationError as error:
            kept_list = [(token, name) for token, name, _data in kept]
            kept_list += Upload._keep(session_key, getattr(error, 'hotline_uploads', []))
            return request.render('hotline_portal.submit_page',
                                  self._form_values(post, [error.name], kept_list))
        Rate = request.env['hotline.portal.rate'].sudo()
        if not Rate._hit('submit_ip', client_ip()) or \
                not Rate._hit('submit_phone', vals['contact_phone']):
            kept_list = [(token, name) for token, name, _data in kept]
            kept_list += Upload._keep(session_key, uploads)
            return request.render('hotline_portal.submit_page', self._form_values(post, [_(
                'Too many requests were sent from here in a short time. Please try again '
                'later or call 12345.')], kept_list))
        ticket, password = self._create_ticket(
            vals, [(name, data) for _token, name, data in kept] + uploads)
        Upload._drop(session_key, [token for token, _name, _data in kept])
        return request.render('hotline_portal.submit_done', {
            'ticket': ticket, 'password': password,
        })

    def _check_location(self, post):
        """TK-2: the most precise place chosen (community, street or district), checked to
        lie within the levels chosen above it; False when none; ValidationError else."""
        Location = request.env['hotline.location'].sudo()
        chosen = []
        for key in ('location_id', 'street_id', 'community_id'):
            if post.get(key):
                try:
                    location = Location.browse(int(post[key])).exists()
                except (TypeError, ValueError):
                    location = None
                if not location:
                    raise ValidationError(_('Choose a place from the list.'))
                chosen.append(location)
        for upper, lower in zip(chosen, chosen[1:]):
            if not (upper.parent_left <= lower.parent_left <= upper.parent_right):
                raise ValidationError(_(
                    '"%(place)s" is not in "%(area)s": choose the street and the community '
                    'again.') % {'place': lower.name, 'area': upper.name})
        return chosen[-1] if chosen else False

    @staticmethod
    def _check_coordinates(post):
        """CH-1: (latitude, longitude) of the pin, or (False, False) when none was given;
        ValidationError for values that are not coordinates."""
        lat = clean(post.get('latitude') or '', 30).strip()
        lon = clean(post.get('longitude') or '', 30).strip()
        if not lat and not lon:
            return False, False
        try:
            latitude, longitude = float(lat), float(lon)
        except ValueError:
            latitude = longitude = None
        if latitude is None or not (-90 <= latitude <= 90 and -180 <= longitude <= 180) \
                or (latitude, longitude) == (0, 0):
            raise ValidationError(_(
                'The coordinates "%(latitude)s, %(longitude)s" are not valid: give the '
                'latitude (-90 to 90) and the longitude (-180 to 180) in degrees, e.g. 30.657, '
                '104.066, or leave both empty.') % {'latitude': lat, 'longitude': lon})
        return round(latitude, 6), round(longitude, 6)

    def _check_submission(self, post, files, kept=0):
        errors = []
        ticket_type = clean(post.get('ticket_type'), 20)
        if ticket_type not in WEB_TYPES:
            errors.append(_('Choose the type of your request.'))
        title = strip_html(post.get('title'))
        content = strip_html(post.get('content'))
        if not title:
            errors.append(_('Write a title.'))
        elif len(title) > TITLE_MAX:
            errors.append(_('The title is longer than %d characters.') % TITLE_MAX)
        if not content:
            errors.append(_('Describe your request.'))
        elif len(content) > CONTENT_MAX:
            errors.append(_('The description is longer than %d characters.') % CONTENT_MAX)
        name = strip_html(post.get('contact_name'))[:64]
        if not name:
            errors.append(_('Write your name.'))
        phone = clean(post.get('contact_phone'), 40).strip()
        Ticket = request.env['hotline.ticket'].sudo()
        try:
            phone = Ticket._hotline_normalize_phone(phone) if phone else ''
        except PhoneError:
            phone = ''
        if not phone:
            errors.append(_(
                'Phone "%s" is not a valid phone number. Enter a mobile number (13812345678) '
                'or a landline with its area code (010-65123456).'
            ) % clean(post.get('contact_phone'), 40).strip())
        email = clean(post.get('contact_email'), 200).strip()
        if email and ('@' not in email or len(email) > 120 or ' ' in email):
            errors.append(_('"%s" is not a valid e-mail address.') % email)
        location = False
        try:
            location = self._check_location(post)
        except ValidationError as error:
            errors.append(error.name)
        latitude = longitude = False
        try:
            latitude, longitude = self._check_coordinates(post)
        except ValidationError as error:
            errors.append(error.name)
        uploads, upload_errors = check_upload_list(files, kept)
        errors.extend(upload_errors)
        if errors:
            error = ValidationError('\n'.join(errors))
            error.hotline_uploads = uploads  # the acceptable files, kept for the next try
            raise error
        user = request.env.user
        vals = {
            'ticket_type': ticket_type,
            'title': title,
            'content': content,
            'channel': 'web',
            'contact_name': name,
            'contact_phone': phone,
            'contact_email': email or False,
            'location_id': location.id if location else False,
            'address': strip_html(post.get('address'))[:200] or False,
            'geo_latitude': latitude,
            'geo_longitude': longitude,
            'portal_public': post.get('is_public') == '1',
        }
        if user.has_group('base.group_portal'):
            # CH-2: a signed-in citizen's request is his own, whatever phone he types;
            # anonymous ones stay unlinked (core does not trust a typed number).
            partner = user.partner_id
            if not partner.hotline_resource_type:
                # sudo: a portal account opened on the website becomes a citizen profile
                partner.sudo().hotline_resource_type = 'citizen'
            vals['partner_id'] = partner.id
        return vals, uploads

    def _create_ticket(self, vals, uploads):
        # sudo: citizens have no right on requests; the values were checked above and the
        # request is created as the website's (channel web)
        ticket = request.env['hotline.ticket'].sudo().with_context(
            mail_create_nosubscribe=True).create(dict(vals, portal_self_service=True))
        password = ticket._portal_set_password()
        Attachment = request.env['ir.attachment'].sudo()
        for name, data in uploads:
            Attachment.create({
                'name': name, 'datas_fname': name, 'datas': base64.b64encode(data),
                'res_model': 'hotline.ticket', 'res_id': ticket.id,
            })
        ticket._portal_notify_received(password)
        _logger.info('CH-1: request %s submitted on the website from %s', ticket.name,
                     client_ip())
        return ticket, password

    # ------------------------------------------------------------------ lookup (CH-2)
    @http.route('/hotline/track', type='http', auth='public', website=True,
                methods=['GET', 'POST'])
    def track(self, number=None, password=None, **kw):
        """CH-2: number + query password show the request; any mismatch (unknown number,
        wrong password) gives the same answer."""
        number, password = clean(number, 40), clean(password, 128)
        values = {'number': number or '', 'error': None, 'ticket': None}
        if request.httprequest.method == 'POST':
            Rate = request.env['hotline.portal.rate'].sudo()
            if not Rate._hit('lookup_ip', client_ip()) or \
                    not Rate._hit('lookup_number', number.strip()):
                values['error'] = _('Too many attempts. Please try again in a few minutes.')
            else:
                ticket = request.env['hotline.ticket']._portal_lookup(number, password)
                if ticket:
                    values['ticket'] = ticket
                    self._remember_tracked(ticket)
                else:
                    values['error'] = _('The number or the query password is not correct.')
        return request.render('hotline_portal.track_page', values)

    @staticmethod
    def _remember_tracked(ticket):
        """CB-2: the requests this browser session opened with number + query password may
        be rated from the lookup page without typing the password again."""
        tracked = [i for i in request.session.get('hotline_tracked_ids', []) if i != ticket.id]
        request.session['hotline_tracked_ids'] = (tracked + [ticket.id])[-20:]

    @http.route('/hotline/track/rate', type='http', auth='public', website=True,
                methods=['POST'])
    def track_rate(self, ticket_id=None, rating=None, comment=None, **kw):
        """CB-2: the citizen rates a handled request found by number + query password in
        this browser session (once per request); any other id is not found."""
        try:
            ticket_id = int(ticket_id or 0)
        except ValueError:
            ticket_id = 0
        if ticket_id not in request.session.get('hotline_tracked_ids', []):
            raise request.not_found()
        # sudo: the session opened this request with its number and query password
        ticket = request.env['hotline.ticket'].sudo().browse(ticket_id).exists()
        if not ticket:
            raise request.not_found()
        values = {'number': ticket.name, 'error': None, 'ticket': ticket}
        values.update(rate_request(ticket, rating, comment))
        return request.render('hotline_portal.track_page', values)

    @http.route('/hotline/recover', type='http', auth='public', website=True,
                methods=['GET', 'POST'])
    def recover(self, number=None, contact_email=None, **kw):
        """CH-2: a new query password is mailed to the e-mail address given at submission.
        The page says the same thing whether or not number and address match, and the
        request does the same work (issue 15 item 10): it only queues the recovery, which
        the cron matches, rate-limits per request and mails in the background
        (hotline.ticket._portal_recover_password); the old password keeps working."""
        number, contact_email = clean(number, 40), clean(contact_email, 200)
        values = {'number': number or '', 'sent': False, 'error': None}
        if request.httprequest.method == 'POST':
            # sudo: the anonymous visitor counts an attempt and queues a row; neither reads
            # nor changes any request (the cron does that, with its own checks)
            Rate = request.env['hotline.portal.rate'].sudo()
            if not Rate._hit('recover_ip', client_ip()):
                values['error'] = _('Too many attempts. Please try again later.')
            else:
                if number and number.strip() and contact_email and contact_email.strip():
                    Rate._queue_recovery(number, contact_email)
                values['sent'] = True
        return request.render('hotline_portal.recover_page', values)

    # ------------------------------------------------------------------ public pages
    @http.route(['/hotline', '/hotline/cases', '/hotline/cases/page/<int:page>'], type='http',
                auth='public', website=True)
    def cases(self, page=1, ticket_type=None, keyword=None, **kw):
        """CH-3: published requests, redacted texts only; CH-4 links here by keyword."""
        try:
            page = min(max(1, int(page)), 100000)  # past the last page: an empty list
        except (TypeError, ValueError):
            page = 1
        keyword = clean(keyword, 30)
        domain = [('portal_published', '=', True), ('portal_public', '=', True)]
        keyword = keyword.strip()
        if keyword:
            domain.append(('public_title', 'ilike', keyword))
        if ticket_type in WEB_TYPES:
            domain.append(('ticket_type', '=', ticket_type))
        # sudo: only published, redacted fields are rendered by the template
        Ticket = request.env['hotline.ticket'].sudo()
        total = Ticket.search_count(domain)
        pager = request.website.pager(url='/hotline/cases', total=total, page=page, step=10,
                                      url_args={k: v for k, v in (
                                          ('ticket_type', ticket_type), ('keyword', keyword))
                                          if v})
        tickets = Ticket.search(domain, limit=10, offset=pager['offset'])
        types = dict(Ticket._fields['ticket_type']._description_selection(request.env))
        return request.render('hotline_portal.cases_page', {
            'tickets': tickets, 'pager': pager, 'ticket_type': ticket_type, 'keyword': keyword,
            'types': [(t, types[t]) for t in WEB_TYPES],
        })

    @http.route('/hotline/cases/<int:ticket_id>', type='http', auth='public', website=True)
    def case(self, ticket_id, **kw):
        ticket = request.env['hotline.ticket'].sudo().search([
            ('id', '=', record_id(ticket_id)), ('portal_published', '=', True),
            ('portal_public', '=', True)])
        if not ticket:
            raise request.not_found()
        return request.render('hotline_portal.case_page', {'ticket': ticket})

    @http.route('/hotline/cases/<int:ticket_id>/photo/<int:photo_id>', type='http',
                auth='public', website=True)
    def case_photo(self, ticket_id, photo_id, **kw):
        """CH-3: a photo of a published case, only if staff marked it for the website (a
        redacted copy); any other attachment id gives 404."""
        ticket = request.env['hotline.ticket'].sudo().browse(record_id(ticket_id)).exists()
        photo = ticket._portal_public_photos().filtered(lambda a: a.id == photo_id) \
            if ticket else None
        if not photo:
            raise request.not_found()
        return request.make_response(base64.b64decode(photo.datas or b''), headers=[
            ('Content-Type', photo.mimetype), ('X-Content-Type-Options', 'nosniff'),
            ('Cache-Control', 'no-cache')])

    @http.route('/hotline/hot', type='http', auth='public', website=True)
    def hot(self, period='week', date_from=None, date_to=None, **kw):
        """CH-4: the words most asked about over the week, the month or a chosen period."""
        start, end = self._period(period, date_from, date_to)
        keywords = request.env['hotline.ticket'].sudo()._portal_hot_keywords(start, end)
        qa = request.env['hotline.ticket'].sudo().search(
            [('hot_qa', '=', True), ('portal_published', '=', True)], limit=20)
        return request.render('hotline_portal.hot_page', {
            'keywords': keywords, 'period': period, 'qa': qa,
            'date_error': self._period_error(period, date_from, date_to),
            'date_from': fields.Date.to_string(start), 'date_to': fields.Date.to_string(end),
        })

    @staticmethod
    def _period_error(period, date_from, date_to):
        """NF-1: why a chosen period was not used (the last week is shown instead), or
        None."""
        if period != 'custom':
            return None
        start, end = parse_date(date_from), parse_date(date_to)
        if not (start and end):
            return _('Write the dates as year-month-day, e.g. 2026-11-29; the last 7 days '
                     'are shown.')
        if start > end:
            return _('The first date is after the second one; the last 7 days are shown.')
        return None

    @staticmethod
    def _period(period, date_from, date_to):
        today = datetime.date.today()
        if period == 'custom':
            try:
                start, end = parse_date(date_from), parse_date(date_to)
                if start and end and start <= end:
                    return start, end
            # an invalid date: the default period below; pylint: disable-next=except-pass
            except ValueError:
                pass
        days = 30 if period == 'month' else 7
        return today - datetime.timedelta(days=days), today

    @http.route(['/hotline/news', '/hotline/news/<int:announcement_id>'], type='http',
                auth='public', website=True)
    def news(self, announcement_id=None, **kw):
        """CH-5: published announcements and articles, latest first."""
        Announcement = request.env['hotline.portal.announcement'].sudo()
        domain = [('state', '=', 'published')]
        if announcement_id:
            item = Announcement.search(domain + [('id', '=', record_id(announcement_id))])
            if not item:
                raise request.not_found()
            return request.render('hotline_portal.news_item_page', {'item': item})
        return request.render('hotline_portal.news_page', {
            'items': Announcement.search(domain, limit=50)})

    @http.route('/hotline/phones', type='http', auth='public', website=True)
    def phones(self, **kw):
        """CH-8: common public-service numbers."""
        phones = request.env['hotline.portal.phone'].sudo().search([])
        sections = []
        for phone in phones:
            if not sections or sections[-1][0] != phone.section:
                sections.append((phone.section, []))
            sections[-1][1].append(phone)
        return request.render('hotline_portal.phones_page', {'sections': sections})
