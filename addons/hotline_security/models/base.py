# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api, models


class Base(models.AbstractModel):
    """NF-2, IF-1 (issue 18): a citizen's (portal) or the public's generic client — odoorpc's
    ``env.user``, any "read every field" call — must not fail on a field it may never read:
    Odoo 11 offers such users every field, relations to models closed to them included (the
    partner's bank accounts), and reading one then refuses the whole call. For them the
    fields of relations to models they may not read are left out of ``fields_get`` and of a
    read of all fields, as fields of other groups already are; asked for by name, they are
    refused as before. Staff use the back end's views, whose fields carry their groups."""
    _inherit = 'base'

    def _hotline_hidden_relations(self):
        """Names of the relational fields whose model the (share) user may not read."""
        if self._uid == SUPERUSER_ID or not self.env.user.share:
            return set()
        hidden = set()
        for name, field in self._fields.items():
            if field.relational and field.comodel_name in self.env and not self.env[
                    field.comodel_name].check_access_rights('read', raise_exception=False):
                hidden.add(name)
        return hidden

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        result = super(Base, self).fields_get(allfields=allfields, attributes=attributes)
        for name in self._hotline_hidden_relations():
            result.pop(name, None)
        return result

    @api.model
    def check_field_access_rights(self, operation, fields):
        result = super(Base, self).check_field_access_rights(operation, fields)
        if fields or operation != 'read':
            return result
        hidden = self._hotline_hidden_relations()
        return [name for name in result if name not in hidden]
