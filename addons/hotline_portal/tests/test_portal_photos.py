# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-3: photos are redacted by staff before a request is published; the public case page
shows only the redacted copies."""
import base64
import io

from PIL import Image

from odoo.exceptions import AccessError, ValidationError

from ..wizards.hotline_portal_photo_redact import parse_regions, redact_image
from .common import PortalHttpCase

RED, WHITE, BLACK = (255, 0, 0), (255, 255, 255), (0, 0, 0)


def photo_bytes(fmt='PNG'):
    """A 100×100 white photo with a red "face" in the top-left quarter."""
    image = Image.new('RGB', (100, 100), WHITE)
    image.paste(Image.new('RGB', (40, 40), RED), (5, 5))
    out = io.BytesIO()
    image.save(out, format=fmt)
    return out.getvalue()


def pixel(data, xy):
    return Image.open(io.BytesIO(data)).convert('RGB').getpixel(xy)


class TestPortalPhotos(PortalHttpCase):

    def test_regions_parsed_with_clear_errors(self):
        """CH-3: regions are left,top,width,height in percent; a bad line is named."""
        self.assertEqual(parse_regions('0,0,50,50\n\n60，60，60，60'),
                         [(0, 0, 50, 50), (60, 60, 40, 40)])
        for bad in ('', '10,10', '120,0,10,10', '1,2,0,5', 'a,b,c,d'):
            with self.assertRaises(ValidationError):
                parse_regions(bad)

    def test_cover_and_blur_change_only_the_region(self):
        """CH-3: covering makes the region black; blurring leaves no sharp red square; the
        rest of the photo is unchanged."""
        covered, ext = redact_image(photo_bytes(), [(0, 0, 50, 50)], 'cover')
        self.assertEqual(ext, 'png')
        self.assertEqual(pixel(covered, (20, 20)), BLACK)
        self.assertEqual(pixel(covered, (80, 80)), WHITE)
        blurred, ext = redact_image(photo_bytes('JPEG'), [(0, 0, 50, 50)], 'blur')
        self.assertEqual(ext, 'jpeg')
        self.assertNotEqual(pixel(blurred, (20, 20)), RED)
        self.assertNotEqual(pixel(blurred, (20, 20)), pixel(photo_bytes('JPEG'), (20, 20)))
        self.assertGreater(sum(pixel(blurred, (90, 90))), 740)  # still white there

    def _published_with_photo(self):
        with self.server_env() as env:
            ticket = self.make_ticket(env, title='占道经营', portal_public=True)
            original = env['ir.attachment'].create({
                'name': 'scene.png', 'datas_fname': 'scene.png',
                'datas': base64.b64encode(photo_bytes()),
                'res_model': 'hotline.ticket', 'res_id': ticket.id})
            ticket.action_portal_publish()
            return ticket.id, original.id

    def test_case_page_shows_only_redacted_copy(self):
        """CH-3: the office covers the face on the photo: the published case page shows the
        redacted copy (black where the face was); the original photo is not on the page and
        its URL gives 404, also through /web/content; withdrawn, the copy is gone too."""
        ticket_id, original_id = self._published_with_photo()
        page = self.url_open('/hotline/cases/%d' % ticket_id).text
        self.assertNotIn('/photo/', page, 'an unredacted photo was published')
        with self.server_env() as env:
            dispatcher = env.ref('hotline_core.user_dispatcher')
            wizard = env['hotline.portal.photo.redact'].sudo(dispatcher).create({
                'ticket_id': ticket_id, 'attachment_id': original_id, 'mode': 'cover',
                'regions': '0,0,50,50'})
            wizard.action_apply()
            copy = env['ir.attachment'].search([('hotline_redacted_from_id', '=', original_id)])
            self.assertEqual(len(copy), 1)
            copy_id = copy.id
        page = self.url_open('/hotline/cases/%d' % ticket_id).text
        self.assertIn('/hotline/cases/%d/photo/%d' % (ticket_id, copy_id), page)
        self.assertNotIn('/photo/%d"' % original_id, page)
        shown = self.url_open('/hotline/cases/%d/photo/%d' % (ticket_id, copy_id))
        self.assertEqual(shown.status_code, 200)
        self.assertEqual(shown.headers['Content-Type'], 'image/png')
        self.assertEqual(pixel(shown.content, (20, 20)), BLACK)
        self.assertEqual(pixel(shown.content, (80, 80)), WHITE)
        self.assertEqual(self.url_open('/hotline/cases/%d/photo/%d' % (
            ticket_id, original_id)).status_code, 404)
        direct = self.url_open('/web/content/%d' % original_id)
        self.assertNotEqual(direct.headers.get('Content-Type'), 'image/png')
        with self.server_env() as env:
            env['hotline.ticket'].browse(ticket_id).action_portal_unpublish()
        self.assertEqual(self.url_open('/hotline/cases/%d/photo/%d' % (
            ticket_id, copy_id)).status_code, 404)

    def test_only_the_office_redacts_and_publishes_photos(self):
        """CH-3, NF-2: an agent cannot make a published copy nor mark a photo public."""
        ticket_id, original_id = self._published_with_photo()
        with self.server_env() as env:
            agent = env.ref('hotline_core.user_agent')
            wizard = env['hotline.portal.photo.redact'].sudo(agent).create({
                'ticket_id': ticket_id, 'attachment_id': original_id, 'regions': '0,0,5,5'})
            with self.assertRaises(AccessError):
                wizard.action_apply()
            with self.assertRaises(AccessError):
                env['ir.attachment'].sudo(agent).browse(original_id).write(
                    {'hotline_portal_public': True})
        page = self.url_open('/hotline/cases/%d' % ticket_id).text
        self.assertNotIn('/photo/', page)
