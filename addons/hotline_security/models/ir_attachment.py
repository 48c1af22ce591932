# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import re

from odoo import _, api, models
from odoo.exceptions import AccessError

# What the web client and the website load as code or serve as files of the site: compiled
# bundles (``/web/content/<id>-<version>/web.assets_frontend.js``, saved by Odoo as
# superuser with res_model ir.ui.view), their temporary names (``/web/content/js``) and
# bundle file names (``web.assets_backend.0.css``).
ASSET_URL_RE = re.compile(r'^\s*/web/(content|image|static)\b', re.IGNORECASE)
ASSET_FNAME_RE = re.compile(r'\.assets?_[\w.]*\.(js|css)\s*$|^\s*[\w.]*assets[\w.]*\.(js|css)\s*$',
                            re.IGNORECASE)


class IrAttachment(models.Model):
    """NF-2 (issue 15): Odoo 11's ``ir.attachment.check`` lets every employee write and
    delete any attachment that belongs to no record — the compiled asset bundles among them
    (JavaScript that then runs on every page, /web/login included) — and lets a citizen
    (portal) create files, public or reachable by a token, that the hotline's domain then
    serves to anybody. This keeps Odoo's rule and adds, for everyone but the system
    (superuser, Settings group):

    - nobody writes, deletes or copies an attachment of the web site's views
      (``ir.ui.view``, the asset bundles among them), anything named like an asset or a
      served URL, or an attachment of no record that another user uploaded;
    - nobody creates or makes such an attachment, or a public one, either (website
      designers excepted for the media of their pages);
    - portal and public users create, change and delete no attachment at all: what the
      citizen uploads (website form, app, WeChat) is stored by the site's controllers.

    An employee's own fresh uploads still work: the chatter composer (res_id 0), the
    many2many_binary widget, pasted images in a message (their access token), the HTML
    editor's images of a record.
    """
    _inherit = 'ir.attachment'

    @api.model
    def _hotline_attachment_is_system(self):
        return self.env.uid == 1 or self.env.user._is_system()

    @api.model
    def _hotline_looks_like_asset(self, name, url, datas_fname):
        return any(value and ASSET_URL_RE.match(value) for value in (name, url)) or bool(
            datas_fname and ASSET_FNAME_RE.search(datas_fname))

    def _hotline_refuse(self):
        raise AccessError(_('Only the system administrator may change the files of the web '
                            'site or files that belong to no record.'))

    @api.multi
    def check(self, mode, values=None):
        super().check(mode, values=values)
        if mode == 'read' or self._hotline_attachment_is_system():
            return
        if self.env.user.share:
            # portal / public: their files are stored by the site's controllers (sudo)
            raise AccessError(_('Citizens cannot store files on the hotline themselves; '
                                'send photos with the request form.'))
        designer = self.env.user.has_group('website.group_website_designer')
        if self:
            self._cr.execute(
                'SELECT res_model, res_id, create_uid, name, url, datas_fname '
                'FROM ir_attachment WHERE id IN %s', [tuple(self.ids)])
            for res_model, res_id, create_uid, name, url, fname in self._cr.fetchall():
                if self._hotline_looks_like_asset(name, url, fname):
                    self._hotline_refuse()
                if res_model == 'ir.ui.view' and not designer:
                    self._hotline_refuse()
                if not (res_model and res_id) and create_uid != self._uid:
                    self._hotline_refuse()
        if values:
            if self._hotline_looks_like_asset(
                    values.get('name'), values.get('url'), values.get('datas_fname')):
                self._hotline_refuse()
            if not designer and (values.get('res_model') == 'ir.ui.view'
                                 or values.get('public')):
                self._hotline_refuse()
