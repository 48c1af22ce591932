# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import base64
import secrets

from odoo import api, fields, models


class HotlinePortalUpload(models.TransientModel):
    """CH-1: a file the citizen attached to a submission that came back with an error (a
    bad phone number…), kept so that he need not attach it again. Kept for the browser
    session that sent it only, and removed by Odoo's vacuum of transient records."""
    _name = 'hotline.portal.upload'
    _description = 'Attachment Kept Across a Form Error'
    _transient_max_hours = 2.0

    token = fields.Char(required=True, index=True, readonly=True)
    session_key = fields.Char(required=True, index=True, readonly=True)
    name = fields.Char('File Name', required=True, readonly=True)
    data = fields.Binary(attachment=False, readonly=True)

    @api.model
    def _keep(self, session_key, files):
        """[(name, bytes)] kept for ``session_key``; returns [(token, name)]."""
        kept = []
        for name, data in files:
            token = secrets.token_urlsafe(24)
            self.create({'token': token, 'session_key': session_key, 'name': name,
                         'data': base64.b64encode(data)})
            kept.append((token, name))
        return kept

    @api.model
    def _take(self, session_key, tokens):
        """The kept files of these tokens, for this session only: [(token, name, bytes)],
        in the order of the tokens; tokens of another session or expired give nothing."""
        tokens = [t for t in tokens if isinstance(t, str) and t][:20]
        if not (session_key and tokens):
            return []
        records = self.search([('token', 'in', tokens), ('session_key', '=', session_key)])
        by_token = {r.token: r for r in records}
        return [(t, by_token[t].name, base64.b64decode(by_token[t].data or b''))
                for t in tokens if t in by_token]

    @api.model
    def _drop(self, session_key, tokens):
        if session_key and tokens:
            self.search([('token', 'in', list(tokens)),
                         ('session_key', '=', session_key)]).unlink()
