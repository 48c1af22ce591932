# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, models


class HotlineReportRateMixin(models.AbstractModel):
    """ST-1, ST-2, ST-5: rates in pivot and graph views computed as a ratio of sums.

    A rate such as the answer rate is answered calls / offered calls *of the group*, not the
    average of per-row rates. Models list ``_rate_fields = {rate: (numerator, denominator)}``
    (or ``(numerator, denominator, factor)``, factor 100 by default: 1 gives an average such
    as total wait / offered calls); ``read_group`` replaces the rate's aggregate by
    ``factor * sum(numerator) / sum(denominator)``.
    """
    _name = 'hotline.report.rate.mixin'
    _description = 'Report with Rates'
    _rate_fields = {}

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False,
                   lazy=True):
        wanted = [name for name in self._rate_fields
                  if any(f == name or f.startswith(name + ':') for f in fields)]
        extra = []
        for name in wanted:
            for part in self._rate_fields[name][:2]:
                if not any(f == part or f.startswith(part + ':') for f in fields):
                    extra.append(part)
        extra = list(dict.fromkeys(extra))
        result = super().read_group(domain, list(fields) + extra, groupby, offset=offset,
                                    limit=limit, orderby=orderby, lazy=lazy)
        for group in result:
            for name in wanted:
                num, den = self._rate_fields[name][:2]
                factor = (self._rate_fields[name][2:] or (100.0,))[0]
                numerator, denominator = group.get(num) or 0, group.get(den) or 0
                group[name] = (round(factor * numerator / denominator, 2) if denominator
                               else 0.0)
            for part in extra:
                group.pop(part, None)
        return result
