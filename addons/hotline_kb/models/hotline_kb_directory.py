# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools import kb_text

MAX_DEPTH = 7
PERMS = ('read', 'edit', 'approve')


class HotlineKbDirectory(models.Model):
    """KB-1, KB-5: the knowledge directory tree and the rights granted on it."""
    _name = 'hotline.kb.directory'
    _description = 'Knowledge Directory'
    _parent_store = True
    _parent_order = 'sequence, name'
    _order = 'parent_left'
    _rec_name = 'complete_name'

    name = fields.Char(required=True)
    complete_name = fields.Char(
        'Full Path', compute='_compute_complete_name', store=True, index=True)
    sequence = fields.Integer(default=10)
    parent_id = fields.Many2one(
        'hotline.kb.directory', 'Parent Directory', index=True, ondelete='restrict')
    child_ids = fields.One2many('hotline.kb.directory', 'parent_id', 'Sub-directories')
    parent_left = fields.Integer(index=True)
    parent_right = fields.Integer(index=True)
    level = fields.Integer(compute='_compute_level', store=True)
    right_ids = fields.One2many(
        'hotline.kb.right', 'directory_id', 'Rights', copy=True,
        help='Rights granted on this directory; sub-directories inherit them.')
    item_ids = fields.One2many('hotline.kb.item', 'directory_id', 'Items')
    item_count = fields.Integer('Items', compute='_compute_item_count')
    # KB-5: effective rights (own and inherited), stored so that record rules can use them
    read_group_ids = fields.Many2many(
        'res.groups', 'hotline_kb_directory_read_group_rel', 'directory_id', 'group_id',
        'Readers (Roles)', compute='_compute_effective_rights', store=True)
    read_unit_ids = fields.Many2many(
        'hotline.unit', 'hotline_kb_directory_read_unit_rel', 'directory_id', 'unit_id',
        'Readers (Units)', compute='_compute_effective_rights', store=True)
    edit_group_ids = fields.Many2many(
        'res.groups', 'hotline_kb_directory_edit_group_rel', 'directory_id', 'group_id',
        'Editors (Roles)', compute='_compute_effective_rights', store=True)
    edit_unit_ids = fields.Many2many(
        'hotline.unit', 'hotline_kb_directory_edit_unit_rel', 'directory_id', 'unit_id',
        'Editors (Units)', compute='_compute_effective_rights', store=True)
    approve_group_ids = fields.Many2many(
        'res.groups', 'hotline_kb_directory_approve_group_rel', 'directory_id', 'group_id',
        'Approvers (Roles)', compute='_compute_effective_rights', store=True)
    approve_unit_ids = fields.Many2many(
        'hotline.unit', 'hotline_kb_directory_approve_unit_rel', 'directory_id', 'unit_id',
        'Approvers (Units)', compute='_compute_effective_rights', store=True)
    # KB-8
    pinyin_full = fields.Char('Pinyin', compute='_compute_pinyin', store=True, index=True)
    pinyin_initials = fields.Char(
        compute='_compute_pinyin', store=True, index=True)
    active = fields.Boolean(default=True)

    @api.depends('name', 'parent_id.complete_name')
    def _compute_complete_name(self):
        # the path and the rights of ancestors are structure, readable by all: sudo
        for directory in self:
            parent = directory.sudo().parent_id
            if parent:
                directory.complete_name = '%s / %s' % (parent.complete_name, directory.name)
            else:
                directory.complete_name = directory.name

    @api.depends('parent_id.level')
    def _compute_level(self):
        for directory in self:
            parent = directory.sudo().parent_id
            directory.level = parent.level + 1 if parent else 1

    @api.depends('name')
    def _compute_pinyin(self):
        for directory in self:
            directory.pinyin_full, directory.pinyin_initials = kb_text.pinyin(directory.name)

    @api.depends('right_ids.group_id', 'right_ids.unit_id', 'right_ids.perm_read',
                 'right_ids.perm_edit', 'right_ids.perm_approve',
                 'parent_id.read_group_ids', 'parent_id.read_unit_ids',
                 'parent_id.edit_group_ids', 'parent_id.edit_unit_ids',
                 'parent_id.approve_group_ids', 'parent_id.approve_unit_ids')
    def _compute_effective_rights(self):
        """KB-5: a directory grants its own rights and those of every ancestor; approve
        implies edit, and both imply read."""
        for directory in self:
            parent = directory.sudo().parent_id
            groups = {perm: parent['%s_group_ids' % perm] for perm in PERMS}
            units = {perm: parent['%s_unit_ids' % perm] for perm in PERMS}
            for right in directory.sudo().right_ids:
                for perm in PERMS:
                    granted = right['perm_%s' % perm] \
                        or (perm in ('read', 'edit') and right.perm_approve) \
                        or (perm == 'read' and right.perm_edit)
                    if granted:
                        groups[perm] |= right.group_id
                        units[perm] |= right.unit_id
            for perm in PERMS:
                directory['%s_group_ids' % perm] = groups[perm]
                directory['%s_unit_ids' % perm] = units[perm]

    def _compute_item_count(self):
        data = self.env['hotline.kb.item'].read_group(
            [('directory_id', 'child_of', self.ids)], ['directory_id'], ['directory_id'])
        counts = {d['directory_id'][0]: d['directory_id_count'] for d in data}
        for directory in self:
            directory.item_count = sum(
                counts.get(d.id, 0) for d in self.search([('id', 'child_of', directory.id)]))

    @api.constrains('parent_id')
    def _check_depth(self):
        """KB-1: the tree has at most seven levels."""
        if not self._check_recursion():
            raise ValidationError(_('A directory cannot be placed inside itself.'))

        def height(directory):
            return 1 + max([height(child) for child in directory.child_ids] or [0])

        # the structure is checked whatever the user may read
        for directory in self.sudo():
            depth, parent = 1, directory.parent_id
            while parent:
                depth, parent = depth + 1, parent.parent_id
            if depth + height(directory) - 1 > MAX_DEPTH:
                raise ValidationError(_(
                    'The knowledge directory tree has at most %(levels)d levels: "%(name)s" '
                    'cannot be created or moved here.') % {
                        'levels': MAX_DEPTH, 'name': directory.name})

    # ------------------------------------------------------------------ rights
    def _user_has(self, perm, user=None):
        """KB-5: whether ``user`` (default: the current user) holds ``perm`` ('read', 'edit'
        or 'approve') on this directory; knowledge-base admins hold every right."""
        self.ensure_one()
        user = user or self.env.user
        if user.has_group('hotline_core.group_hotline_kb_admin') or user._is_superuser():
            return True
        directory = self.sudo()  # reads the rights, not the content: safe
        return bool((directory['%s_group_ids' % perm] & user.groups_id)
                    or (directory['%s_unit_ids' % perm] & user.sudo().hotline_unit_ids))

    def _check_top_level(self, vals):
        if not vals.get('parent_id') and not (
                self.env.user.has_group('hotline_core.group_hotline_kb_admin')
                or self.env.user._is_superuser()):
            raise AccessError(_('Only knowledge-base administrators may create or move '
                                'top-level directories.'))

    @api.model
    def create(self, vals):
        """KB-1: top level only for KB admins; lower levels for editors of the parent."""
        self._check_top_level(vals)
        parent = self.browse(vals.get('parent_id'))
        if parent and not parent._user_has('edit'):
            raise AccessError(_('You may not add sub-directories to "%s": this needs the edit '
                                'right on it.') % parent.sudo().complete_name)
        # created as superuser: the stored rights (which the record rules read) are only
        # computed after the other stored fields, whose write the rules would refuse
        directory = super(HotlineKbDirectory, self.sudo()).create(vals)
        return directory.sudo(self.env.uid)

    @api.multi
    def write(self, vals):
        if 'parent_id' in vals:
            self._check_top_level(vals)
        return super().write(vals)

    # ------------------------------------------------------------------ KB-8
    @api.model
    def _name_search(self, name, args=None, operator='ilike', limit=100, name_get_uid=None):
        """KB-8: directories are found by name, by full pinyin or by pinyin initials."""
        if name and operator in ('ilike', 'like', '=ilike', '=like'):
            key = name.replace(' ', '').lower()
            domain = ['|', '|', ('complete_name', operator, name),
                      ('pinyin_full', 'ilike', key), ('pinyin_initials', 'ilike', key)]
            ids = self._search(domain + list(args or []), limit=limit,
                               access_rights_uid=name_get_uid)
            return self.browse(ids).name_get()
        return super()._name_search(name, args=args, operator=operator, limit=limit,
                                    name_get_uid=name_get_uid)

    @api.model
    def search_pinyin(self, text, limit=20):
        """KB-8: directories whose name, full pinyin or initials contain ``text`` — also
        when the letters skip syllables (``sbzc`` finds 社保政策, ``shebao`` finds 社保…)."""
        key = (text or '').replace(' ', '').lower()
        if not key:
            return self.browse()
        fuzzy = '%' + '%'.join(key) + '%' if key.isascii() else '%%%s%%' % key
        domain = ['|', '|', '|', ('name', 'ilike', text.strip()),
                  ('pinyin_full', 'ilike', key), ('pinyin_initials', 'ilike', key),
                  ('pinyin_initials', '=ilike', fuzzy)]
        return self.search(domain, limit=limit)

    def action_view_items(self):
        self.ensure_one()
        action = self.env.ref('hotline_kb.hotline_kb_item_action').read()[0]
        action['domain'] = [('directory_id', 'child_of', self.id)]
        action['context'] = {'default_directory_id': self.id}
        return action
