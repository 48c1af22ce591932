# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""CH-1: a photo attached to a submission that comes back with an error is not lost."""
import re

import requests

from .common import NUMBER_RE, PNG, PortalHttpCase

KEPT_RE = re.compile(r'<input [^>]*name="kept_upload"[^>]*value="([^"]+)"')


class TestPortalKeptUpload(PortalHttpCase):

    def _attachments(self, number):
        row = self.ticket_rows('name = %s', [number])[0]
        with self.server_env() as env:
            return env['ir.attachment'].search([
                ('res_model', '=', 'hotline.ticket'), ('res_id', '=', row['id'])]).mapped(
                    'datas_fname')

    def test_photo_kept_across_a_bad_phone_number(self):
        """CH-1: a request with a photo and the phone "12345" comes back with the error,
        the typed title and the photo listed as kept; sent again with the phone corrected
        (no file chosen again), the request has the photo."""
        page = self.submit(files=[('attachments', ('scene.png', PNG, 'image/png'))],
                           contact_phone='12345', title='井盖缺失').text
        self.assertIn('o_hotline_errors', page)
        self.assertIn('scene.png', page)
        self.assertIn('value="井盖缺失"', page)
        tokens = KEPT_RE.findall(page)
        self.assertEqual(len(tokens), 1)
        page = self.submit(kept_upload=tokens[0], title='井盖缺失').text
        number = NUMBER_RE.search(page).group(0)
        self.assertEqual(self._attachments(number), ['scene.png'])

    def test_refused_file_does_not_lose_the_good_one(self):
        """CH-1: a good photo and a renamed .exe are sent together: the error names the
        refused file, the photo is kept."""
        page = self.submit(files=[('attachments', ('scene.png', PNG, 'image/png')),
                                  ('attachments', ('virus.png', b'MZ\x90\x00', 'image/png'))]
                           ).text
        self.assertIn('virus.png', page)
        self.assertEqual(len(KEPT_RE.findall(page)), 1)
        self.assertIn('scene.png', page[page.index('o_hotline_kept'):])

    def test_kept_file_of_another_session_is_not_taken(self):
        """CH-1, NF-2: a visitor who learns another visitor's kept-file token and posts it
        from his own session gets a request without that file."""
        page = self.submit(files=[('attachments', ('private.png', PNG, 'image/png'))],
                           contact_phone='12345').text
        token = KEPT_RE.findall(page)[0]
        self.opener = requests.Session()  # another browser
        page = self.submit(kept_upload=token, title='别人的照片').text
        number = NUMBER_RE.search(page).group(0)
        self.assertEqual(self._attachments(number), [])
