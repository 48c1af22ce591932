# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""NF-2, IF-1 (issue 18): a citizen's (portal) generic client — odoorpc's ``env.user``, any
"read every field" call — must not fail on his own user or partner because of a field he may
never read: Odoo 11 offers portal users every field of res.partner and res.users, relations to
models closed to them included (the partner's bank accounts), and reading one refuses the whole
call. For them the fields of relations to models they may not read are left out of
``fields_get`` and of a read of all fields, as the fields of other groups already are; asked for
by name, they are refused as before. Staff use the back end's views, whose hotline fields carry
their groups (hotline_core's res.partner)."""
from odoo import SUPERUSER_ID, api, models


def _hidden_relations(records):
    """Names of the relational fields whose model the (share) user may not read."""
    if records._uid == SUPERUSER_ID or not records.env.user.share:
        return set()
    env = records.env
    return {name for name, field in records._fields.items()
            if field.relational and field.comodel_name in env and
            not env[field.comodel_name].check_access_rights('read', raise_exception=False)}


class ShareUserFields(object):
    """The two overrides, for res.partner and res.users (a user reads his partner's fields
    through the user too)."""

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        result = super(ShareUserFields, self).fields_get(allfields=allfields,
                                                         attributes=attributes)
        for name in _hidden_relations(self):
            result.pop(name, None)
        return result

    @api.model
    def check_field_access_rights(self, operation, fields):
        result = super(ShareUserFields, self).check_field_access_rights(operation, fields)
        if fields or operation != 'read':
            return result
        hidden = _hidden_relations(self)
        return [name for name in result if name not in hidden]


class ResPartner(ShareUserFields, models.Model):
    _inherit = 'res.partner'


class ResUsers(ShareUserFields, models.Model):
    _inherit = 'res.users'
