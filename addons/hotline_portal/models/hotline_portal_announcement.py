# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class HotlinePortalAnnouncement(models.Model):
    """CH-5: announcements and information articles for the website; an author writes,
    the office reviews, and only then the public sees them."""
    _name = 'hotline.portal.announcement'
    _description = 'Website Announcement'
    _inherit = ['mail.thread']
    _order = 'date_published desc, id desc'

    name = fields.Char('Title', required=True, track_visibility='onchange')
    kind = fields.Selection(
        [('announcement', 'Announcement'), ('article', 'Information Article')],
        required=True, default='announcement', index=True)
    body = fields.Html('Text', sanitize=True, required=True)
    state = fields.Selection(
        [('draft', 'Draft'), ('review', 'To Review'), ('published', 'Published'),
         ('archived', 'Withdrawn')],
        required=True, default='draft', index=True, copy=False, track_visibility='onchange')
    author_id = fields.Many2one(
        'res.users', 'Author', default=lambda self: self.env.user, readonly=True)
    reviewer_id = fields.Many2one('res.users', 'Reviewed By', readonly=True, copy=False)
    date_published = fields.Datetime('Published On', readonly=True, copy=False, index=True)

    @api.multi
    def action_to_review(self):
        """CH-5: the author hands the text to the office for review."""
        self.filtered(lambda a: a.state == 'draft').write({'state': 'review'})
        return True

    @api.multi
    def action_publish(self):
        """CH-5: the office publishes a reviewed text; the author cannot publish alone."""
        if not self.env.user.has_group('hotline_core.group_hotline_dispatcher'):
            raise UserError(_('Only the hotline office may publish announcements.'))
        for announcement in self:
            if announcement.state != 'review':
                raise UserError(_(
                    '"%s" must be submitted for review before it is published.'
                ) % announcement.name)
        self.write({'state': 'published', 'reviewer_id': self.env.uid,
                    'date_published': fields.Datetime.now()})
        return True

    @api.multi
    def action_withdraw(self):
        self.write({'state': 'archived'})
        return True

    @api.multi
    def action_to_draft(self):
        self.write({'state': 'draft', 'reviewer_id': False})
        return True
