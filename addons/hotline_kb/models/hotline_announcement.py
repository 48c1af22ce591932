# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

REVIEWER_GROUPS = ('hotline_core.group_hotline_team_leader',
                   'hotline_core.group_hotline_office_leader')


class HotlineAnnouncementType(models.Model):
    """AN-1: kinds of internal announcement (notice, policy update, duty roster…)."""
    _name = 'hotline.announcement.type'
    _description = 'Announcement Type'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)


class HotlineAnnouncement(models.Model):
    """AN-1, AN-2: an internal announcement, reviewed before it reaches users, roles or
    units; each recipient has a read status."""
    _name = 'hotline.announcement'
    _description = 'Announcement'
    _inherit = ['mail.thread']
    _order = 'date_published desc, id desc'

    name = fields.Char('Subject', required=True, track_visibility='onchange')
    announcement_type_id = fields.Many2one(
        'hotline.announcement.type', 'Type', required=True, ondelete='restrict')
    body = fields.Html(track_visibility='onchange')
    author_id = fields.Many2one('res.users', 'Author', required=True, readonly=True,
                                default=lambda self: self.env.user, index=True)
    parent_id = fields.Many2one('hotline.announcement', 'In Reply To', readonly=True,
                                ondelete='set null')
    user_ids = fields.Many2many('res.users', 'hotline_announcement_user_rel',
                                'announcement_id', 'user_id', 'To Users')
    group_ids = fields.Many2many('res.groups', 'hotline_announcement_group_rel',
                                 'announcement_id', 'group_id', 'To Roles')
    unit_ids = fields.Many2many('hotline.unit', 'hotline_announcement_unit_rel',
                                'announcement_id', 'unit_id', 'To Units',
                                help='Users of these units and of their sub-units.')
    attachment_ids = fields.Many2many('ir.attachment', string='Attachments')
    state = fields.Selection([
        ('draft', 'Draft'), ('pending', 'Under Review'), ('published', 'Published'),
        ('rejected', 'Rejected')], default='draft', required=True, index=True, copy=False,
        track_visibility='onchange')
    reviewer_id = fields.Many2one('res.users', 'Reviewed By', readonly=True, copy=False)
    date_published = fields.Datetime('Published On', readonly=True, copy=False, index=True)
    recipient_ids = fields.One2many('hotline.announcement.recipient', 'announcement_id',
                                    'Recipients', readonly=True, copy=False)
    log_ids = fields.One2many('hotline.announcement.log', 'announcement_id', 'Operation Log',
                              readonly=True, copy=False)
    recipient_count = fields.Integer('Recipients', compute='_compute_read_stats')
    read_count = fields.Integer('Read', compute='_compute_read_stats')

    @api.depends('recipient_ids.is_read')
    def _compute_read_stats(self):
        for announcement in self:
            recipients = announcement.sudo().recipient_ids
            announcement.recipient_count = len(recipients)
            announcement.read_count = len(recipients.filtered('is_read'))

    # ------------------------------------------------------------------ helpers
    def _is_reviewer(self, user=None):
        user = user or self.env.user
        return user._is_superuser() or any(user.has_group(g) for g in REVIEWER_GROUPS)

    def _log(self, action, user=None):
        Log = self.env['hotline.announcement.log'].sudo()  # the log is written for everyone
        for announcement in self:
            Log.create({'announcement_id': announcement.id, 'action': action,
                        'user_id': (user or self.env.user).id})

    def _resolve_recipients(self):
        """AN-1: the users an announcement reaches: chosen users, members of the chosen
        roles, users of the chosen units and their sub-units; active internal users only."""
        self.ensure_one()
        users = self.user_ids | self.group_ids.mapped('users')
        if self.unit_ids:
            units = self.env['hotline.unit'].sudo().search(
                [('id', 'child_of', self.unit_ids.ids)])
            users |= units.mapped('user_ids')
        return users.filtered(lambda u: u.active and not u.share) - self.author_id

    # ------------------------------------------------------------------ CRUD
    @api.multi
    def write(self, vals):
        if set(vals) & {'name', 'body', 'announcement_type_id', 'user_ids', 'group_ids',
                        'unit_ids'}:
            if any(a.state == 'published' for a in self):
                raise UserError(_('A published announcement cannot be changed; send a new '
                                  'one.'))
            result = super().write(vals)
            self._log('edit')
            return result
        return super().write(vals)

    @api.multi
    def unlink(self):
        if any(a.state == 'published' for a in self):
            raise UserError(_('A published announcement cannot be deleted; recipients may '
                              'remove it from their inbox.'))
        return super().unlink()

    # ------------------------------------------------------------------ workflow
    @api.multi
    def action_submit(self):
        """AN-2: the author sends the announcement for review."""
        for announcement in self:
            if announcement.state not in ('draft', 'rejected'):
                raise UserError(_('Only drafts can be submitted for review.'))
            if not announcement._resolve_recipients():
                raise UserError(_('Choose at least one recipient (user, role or unit).'))
        self.write({'state': 'pending'})
        self._log('submit')
        return True

    @api.multi
    def action_reject(self):
        if not self._is_reviewer():
            raise AccessError(_('Only team leaders and office leaders review announcements.'))
        self.filtered(lambda a: a.state == 'pending').write({'state': 'rejected'})
        self._log('reject')
        return True

    @api.multi
    def action_publish(self):
        """AN-2: a reviewer publishes; every recipient gets an unread copy in the inbox and a
        notification in Discuss (the counter that reminds them at login)."""
        if not self._is_reviewer():
            raise AccessError(_('Only team leaders and office leaders review announcements.'))
        Recipient = self.env['hotline.announcement.recipient'].sudo()
        for announcement in self:
            if announcement.state not in ('draft', 'pending'):
                raise UserError(_('Only drafts and announcements under review can be '
                                  'published.'))
            users = announcement._resolve_recipients()
            if not users:
                raise UserError(_('Choose at least one recipient (user, role or unit).'))
            # the reviewer publishes what they may not otherwise write (the author's draft)
            announcement.sudo().write({
                'state': 'published', 'reviewer_id': self.env.uid,
                'date_published': fields.Datetime.now()})
            message = self.env['mail.message'].sudo().create({
                'model': self._name, 'res_id': announcement.id,
                'message_type': 'notification', 'subtype_id': self.env.ref('mail.mt_note').id,
                'subject': announcement.name, 'body': announcement.body,
                'author_id': announcement.author_id.partner_id.id,
                'needaction_partner_ids': [(6, 0, users.mapped('partner_id').ids)],
            })
            for user in users:
                Recipient.create({'announcement_id': announcement.id, 'user_id': user.id,
                                  'message_id': message.id})
            announcement._log('publish')
        return True

    def _compose(self, subject_prefix, users, quote=True):
        self.ensure_one()
        body = self.body or ''
        if quote:
            body = self.env['ir.qweb'].render('hotline_kb.hotline_announcement_quote',
                                              {'body': body}).decode()
        new = self.create({
            'name': '%s%s' % (subject_prefix, self.name),
            'announcement_type_id': self.announcement_type_id.id,
            'body': body, 'parent_id': self.id, 'user_ids': [(6, 0, users.ids)]})
        return {
            'type': 'ir.actions.act_window', 'res_model': self._name, 'res_id': new.id,
            'view_mode': 'form', 'target': 'current',
        }


class HotlineAnnouncementRecipient(models.Model):
    """AN-1, AN-2: one recipient's copy: read status, favourite, removed from the inbox."""
    _name = 'hotline.announcement.recipient'
    _description = 'Announcement Recipient'
    _order = 'date_published desc, id desc'
    _rec_name = 'announcement_id'

    announcement_id = fields.Many2one('hotline.announcement', required=True, index=True,
                                      ondelete='cascade')
    user_id = fields.Many2one('res.users', 'Recipient', required=True, index=True,
                              ondelete='cascade')
    message_id = fields.Many2one('mail.message', ondelete='set null')
    name = fields.Char(related='announcement_id.name', readonly=True)
    announcement_type_id = fields.Many2one(
        related='announcement_id.announcement_type_id', readonly=True, store=True)
    author_id = fields.Many2one(related='announcement_id.author_id', readonly=True)
    body = fields.Html(related='announcement_id.body', readonly=True)
    date_published = fields.Datetime(related='announcement_id.date_published', readonly=True,
                                     store=True)
    is_read = fields.Boolean('Read', readonly=True, index=True)
    date_read = fields.Datetime('Read On', readonly=True)
    is_favorite = fields.Boolean('Favourite', readonly=True)
    is_deleted = fields.Boolean('Deleted', readonly=True, index=True)

    _sql_constraints = [('announcement_user_uniq', 'unique(announcement_id, user_id)',
                         'Each user receives an announcement once.')]

    def _check_own(self):
        if any(r.user_id != self.env.user for r in self) and not self.env.user._is_superuser():
            raise AccessError(_('This is not your announcement.'))

    @api.multi
    def action_read(self):
        """AN-1, AN-2: opening an announcement marks it read (once) and logs it; the Discuss
        notification is marked done."""
        self._check_own()
        for recipient in self.filtered(lambda r: not r.is_read):
            recipient.sudo().write({'is_read': True, 'date_read': fields.Datetime.now()})
            recipient.announcement_id._log('read')
            if recipient.message_id:
                self.env['mail.notification'].sudo().search([
                    ('mail_message_id', '=', recipient.message_id.id),
                    ('res_partner_id', '=', recipient.user_id.partner_id.id)]).write(
                        {'is_read': True})
        return True

    @api.multi
    def action_open(self):
        self.ensure_one()
        self.action_read()
        return {
            'type': 'ir.actions.act_window', 'res_model': self._name, 'res_id': self.id,
            'view_mode': 'form', 'target': 'current',
        }

    @api.multi
    def action_toggle_favorite(self):
        self._check_own()
        for recipient in self:
            recipient.sudo().is_favorite = not recipient.is_favorite
        return True

    @api.multi
    def action_delete(self):
        """AN-1: the recipient removes the announcement from their inbox (logged)."""
        self._check_own()
        self.sudo().write({'is_deleted': True})
        for recipient in self:
            recipient.announcement_id._log('delete')
        return True

    @api.multi
    def action_reply(self):
        """AN-1: a draft to the author, quoting the announcement."""
        self.ensure_one()
        self._check_own()
        announcement = self.announcement_id.sudo()
        announcement._log('reply')
        return announcement.sudo(self.env.uid)._compose(_('Re: '), announcement.author_id)

    @api.multi
    def action_reply_all(self):
        """AN-1: a draft to the author and every other recipient."""
        self.ensure_one()
        self._check_own()
        announcement = self.announcement_id.sudo()
        users = (announcement.author_id | announcement.recipient_ids.mapped('user_id')) \
            - self.env.user
        announcement._log('reply')
        return announcement.sudo(self.env.uid)._compose(_('Re: '), users)

    @api.multi
    def action_forward(self):
        """AN-1: a draft with the same content and no recipient yet."""
        self.ensure_one()
        self._check_own()
        announcement = self.announcement_id.sudo()
        announcement._log('forward')
        return announcement.sudo(self.env.uid)._compose(
            _('Fwd: '), self.env['res.users'], quote=True)


class HotlineAnnouncementLog(models.Model):
    """AN-2: who read, edited, deleted or published an announcement, and when."""
    _name = 'hotline.announcement.log'
    _description = 'Announcement Operation Log'
    _order = 'date desc, id desc'

    announcement_id = fields.Many2one('hotline.announcement', required=True, index=True,
                                      ondelete='cascade')
    user_id = fields.Many2one('res.users', 'User', required=True)
    action = fields.Selection([
        ('edit', 'Edit'), ('submit', 'Submit for Review'), ('reject', 'Reject'),
        ('publish', 'Publish'), ('read', 'Read'), ('delete', 'Delete'), ('reply', 'Reply'),
        ('forward', 'Forward')], required=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
