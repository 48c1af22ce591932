# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import _, api, models
from odoo.exceptions import AccessError

# Marks an alias change made by the record that owns the alias (mail.alias.mixin). It is an
# object, not a string: no XML-RPC or JSON-RPC caller can put it in a context.
_OWNER_CHANGE = object()


class MailAlias(models.Model):
    """NF-2, CH-13 (issue 15): the e-mail intake addresses (``12345@…``, ``mayor@…``) are
    the system administrator's. Odoo 11 lets every employee create, change and delete any
    alias (access row mail.access_mail_alias_user); here only the system may, apart from
    the alias a record makes for itself (mail.alias.mixin: a Discuss channel an employee
    creates), changed through that record."""
    _inherit = 'mail.alias'

    def _hotline_check_alias_change(self):
        if self.env.uid == 1 or self.env.user._is_system() \
                or self.env.context.get('hotline_alias_owner') is _OWNER_CHANGE:
            return
        raise AccessError(_('Only the system administrator may change e-mail aliases.'))

    @api.model
    def create(self, vals):
        self._hotline_check_alias_change()
        return super().create(vals)

    @api.multi
    def write(self, vals):
        self._hotline_check_alias_change()
        return super().write(vals)

    @api.multi
    def unlink(self):
        self._hotline_check_alias_change()
        return super().unlink()


class MailAliasMixin(models.AbstractModel):
    """NF-2 (issue 15): a record with its own alias (mail.channel, …) still creates,
    changes and deletes that alias for whoever may create, change or delete the record
    itself; it cannot be pointed at another alias by anyone but the system."""
    _inherit = 'mail.alias.mixin'

    def _hotline_owner_env(self):
        return self.with_context(hotline_alias_owner=_OWNER_CHANGE)

    @api.model
    def create(self, vals):
        if vals.get('alias_id') and not (self.env.uid == 1 or self.env.user._is_system()):
            raise AccessError(_('Only the system administrator may change e-mail aliases.'))
        # the record keeps the mark: models such as mail.channel complete their alias after
        # creating themselves (alias_force_thread_id); RPC answers carry ids only
        return super(MailAliasMixin, self._hotline_owner_env()).create(vals)

    @api.multi
    def write(self, vals):
        if 'alias_id' in vals and not (self.env.uid == 1 or self.env.user._is_system()):
            raise AccessError(_('Only the system administrator may change e-mail aliases.'))
        # the record's own rights are checked by its write before its alias is written
        self.check_access_rights('write')
        self.check_access_rule('write')
        return super(MailAliasMixin, self._hotline_owner_env()).write(vals)

    @api.multi
    def unlink(self):
        self.check_access_rights('unlink')
        self.check_access_rule('unlink')
        return super(MailAliasMixin, self._hotline_owner_env()).unlink()
