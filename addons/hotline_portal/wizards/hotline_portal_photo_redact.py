# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-3: staff blur or cover parts of a photo before the request is published."""
import base64
import io
import re

from PIL import Image, ImageDraw, ImageFilter

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

REGION_RE = re.compile(r'^\s*(\d+(?:\.\d+)?)\s*[,，]\s*(\d+(?:\.\d+)?)\s*[,，]\s*'
                       r'(\d+(?:\.\d+)?)\s*[,，]\s*(\d+(?:\.\d+)?)\s*$')
MAX_PIXELS = 40 * 1000 * 1000  # a "photo" bigger than this is refused (decompression bomb)


def parse_regions(text):
    """CH-3: one region per line, "left,top,width,height" in percent of the photo; a clear
    error naming the line otherwise."""
    regions = []
    for number, line in enumerate((text or '').splitlines(), 1):
        if not line.strip():
            continue
        match = REGION_RE.match(line)
        if not match:
            raise ValidationError(_(
                'Line %(line)d "%(text)s": write a region as left,top,width,height in '
                'percent, e.g. 10,20,30,15.') % {'line': number, 'text': line.strip()})
        left, top, width, height = (float(v) for v in match.groups())
        if width <= 0 or height <= 0 or left >= 100 or top >= 100:
            raise ValidationError(_(
                'Line %(line)d "%(text)s": the region lies outside the photo or is empty.')
                % {'line': number, 'text': line.strip()})
        regions.append((left, top, min(width, 100 - left), min(height, 100 - top)))
    if not regions:
        raise ValidationError(_('Mark at least one region to blur or cover.'))
    return regions


def redact_image(data, regions, mode='cover'):
    """The photo (bytes) with each region covered in black or strongly blurred; the result
    is re-encoded (which also drops EXIF data such as the GPS position)."""
    image = Image.open(io.BytesIO(data))
    if image.width * image.height > MAX_PIXELS:
        raise ValidationError(_('The photo is too large to be redacted.'))
    fmt = 'PNG' if image.format == 'PNG' else 'JPEG'
    image = image.convert('RGB')
    draw = ImageDraw.Draw(image)
    for left, top, width, height in regions:
        box = (int(image.width * left / 100), int(image.height * top / 100),
               int(round(image.width * (left + width) / 100)),
               int(round(image.height * (top + height) / 100)))
        if box[2] <= box[0] or box[3] <= box[1]:
            continue
        if mode == 'blur':
            part = image.crop(box)
            # pixelate, then blur: no face or plate number is readable afterwards
            small = part.resize((max(1, part.width // 16), max(1, part.height // 16)))
            part = small.resize(part.size).filter(ImageFilter.GaussianBlur(8))
            image.paste(part, box)
        else:
            draw.rectangle([box[0], box[1], box[2] - 1, box[3] - 1], fill=(0, 0, 0))
    output = io.BytesIO()
    image.save(output, format=fmt, quality=90)
    return output.getvalue(), fmt.lower()


class HotlinePortalPhotoRedact(models.TransientModel):
    _name = 'hotline.portal.photo.redact'
    _description = 'Redact a Photo Before Publishing'

    ticket_id = fields.Many2one('hotline.ticket', 'Request', required=True)
    attachment_id = fields.Many2one(
        'ir.attachment', 'Photo', required=True,
        domain="[('res_model', '=', 'hotline.ticket'), ('res_id', '=', ticket_id), "
               "('mimetype', 'like', 'image/'), ('hotline_redacted_from_id', '=', False)]")
    mode = fields.Selection([('cover', 'Cover in black'), ('blur', 'Blur')], required=True,
                            default='cover')
    regions = fields.Text(
        help='One region per line: left,top,width,height in percent of the photo '
             '(e.g. 10,20,30,15 = from 10 % of the width and 20 % of the height, '
             '30 % wide and 15 % high).')
    preview = fields.Binary('Photo', related='attachment_id.datas', readonly=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get('active_model') == 'hotline.ticket':
            values['ticket_id'] = self.env.context.get('active_id')
        return values

    @api.multi
    def action_apply(self):
        """CH-3: a redacted copy of the photo, marked for the website; the original stays
        private."""
        self.ensure_one()
        if not self.env.user.has_group('hotline_core.group_hotline_dispatcher'):
            raise AccessError(_('Only the hotline office publishes requests and their photos.'))
        photo = self.attachment_id
        if photo.res_model != 'hotline.ticket' or photo.res_id != self.ticket_id.id:
            raise UserError(_('Choose a photo of this request.'))
        regions = parse_regions(self.regions)
        try:
            data, ext = redact_image(base64.b64decode(photo.datas or b''), regions, self.mode)
        except (OSError, SyntaxError, Image.DecompressionBombError):
            raise UserError(_('"%s" is not a photo that can be redacted.') % photo.name)
        name = '%s-redacted.%s' % ((photo.name or 'photo').rsplit('.', 1)[0], ext)
        # sudo: the office may publish (checked above); the copy belongs to the request
        copy = self.env['ir.attachment'].sudo().create({
            'name': name, 'datas_fname': name, 'datas': base64.b64encode(data),
            'res_model': 'hotline.ticket', 'res_id': self.ticket_id.id,
            'hotline_redacted_from_id': photo.id, 'hotline_portal_public': True,
        })
        photo.sudo().hotline_portal_public = False
        self.ticket_id.message_post(body=_('Redacted copy %(copy)s of photo %(photo)s made for '
                                           'the website.') % {
                                               'copy': copy.name, 'photo': photo.name})
        return {'type': 'ir.actions.act_window_close'}
