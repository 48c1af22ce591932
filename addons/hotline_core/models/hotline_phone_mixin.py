# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import _, api, models
from odoo.exceptions import ValidationError

from ..tools.phone import PhoneError, normalize_phone


class HotlinePhoneMixin(models.AbstractModel):
    """CZ-1: the phone fields of a model are stored in E.164.

    ``_hotline_phone_fields`` maps each phone field to ``True`` when an invalid number must
    be refused, or ``False`` when it is kept as given (a PBX may send an extension).
    """
    _name = 'hotline.phone.mixin'
    _description = 'Hotline Phone Normalisation'
    _hotline_phone_fields = {}

    @api.model
    def _hotline_normalize_phone(self, number):
        """``number`` in E.164 (False when empty); raises PhoneError when invalid.
        Local landlines are completed with ``hotline.default_area_code`` when it is set."""
        area_code = self.env['ir.config_parameter'].sudo().get_param('hotline.default_area_code')
        return normalize_phone(number, default_area_code=area_code or None)

    @api.model
    def _hotline_normalize_phone_vals(self, vals):
        for fname, strict in self._hotline_phone_fields.items():
            if not vals.get(fname):
                continue
            try:
                vals[fname] = self._hotline_normalize_phone(vals[fname])
            except PhoneError:
                if strict:
                    raise ValidationError(_(
                        '%(field)s: "%(number)s" is not a valid phone number. Enter a mobile '
                        'number (13812345678) or a landline with its area code '
                        '(010-65123456).'
                    ) % {'field': self._fields[fname].get_description(self.env)['string'],
                         'number': vals[fname]})
                vals[fname] = vals[fname].strip()
        return vals

    @api.model
    def create(self, vals):
        return super().create(self._hotline_normalize_phone_vals(vals))

    @api.multi
    def write(self, vals):
        return super().write(self._hotline_normalize_phone_vals(vals))
