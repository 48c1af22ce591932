# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

TARGETS = [
    ('unit', 'Handling units'),
    ('agent_group', 'Agent groups'),
]
# indicator code → (label, target, direction); 'up' = the higher the better, 'down' = the
# lower the better (score 100 - rate), 'max' = relative to the best in the period,
# 'penalty' = 100 minus the line's penalty per occurrence
INDICATORS = [
    ('sign_rate', 'Timely sign-for rate'),
    ('redispatch_rate', 'Re-dispatch rate'),
    ('ontime_rate', 'On-time completion rate'),
    ('sentback_rate', 'Sent-back rate'),
    ('satisfaction_rate', 'Satisfaction rate'),
    ('card_count', 'Warnings and cards'),
    ('response_rate', 'Response rate'),
    ('resolution_rate', 'Resolution rate'),
    ('direct_rate', 'Direct-resolution rate'),
    ('answer_rate', 'Timely answer rate'),
    ('volume', 'Requests handled'),
    ('accuracy_rate', 'Dispatch accuracy'),
    ('online_rate', 'Online resolution rate'),
]
INDICATOR_RULES = {
    'sign_rate': (('unit',), 'up'),
    'redispatch_rate': (('unit',), 'down'),
    'ontime_rate': (('unit',), 'up'),
    'sentback_rate': (('unit',), 'down'),
    'satisfaction_rate': (('unit', 'agent_group'), 'up'),
    'card_count': (('unit',), 'penalty'),
    'response_rate': (('unit',), 'up'),
    'resolution_rate': (('unit',), 'up'),
    'direct_rate': (('unit',), 'up'),
    'answer_rate': (('agent_group',), 'up'),
    'volume': (('agent_group',), 'max'),
    'accuracy_rate': (('agent_group',), 'up'),
    'online_rate': (('agent_group',), 'up'),
}


class HotlineKpiScheme(models.Model):
    """KP-3: an assessment scheme (考核方案): weighted indicators giving each unit or agent
    group a score out of 100 per period."""
    _name = 'hotline.kpi.scheme'
    _description = 'Assessment Scheme'
    _order = 'sequence, id'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    target = fields.Selection(TARGETS, 'Assessed', required=True, default='unit')
    line_ids = fields.One2many('hotline.kpi.scheme.line', 'scheme_id', 'Indicators', copy=True)
    total_weight = fields.Float(compute='_compute_total_weight')
    auto_monthly = fields.Boolean(
        'Assess Every Month', default=True,
        help='The monthly job scores the previous month with this scheme.')
    note = fields.Text('Method')
    active = fields.Boolean(default=True)

    @api.depends('line_ids.weight')
    def _compute_total_weight(self):
        for scheme in self:
            scheme.total_weight = sum(scheme.line_ids.mapped('weight'))

    @api.constrains('line_ids', 'target')
    def _check_lines(self):
        labels = dict(INDICATORS)
        for scheme in self:
            for line in scheme.line_ids:
                if scheme.target not in INDICATOR_RULES[line.indicator][0]:
                    raise ValidationError(_(
                        'The indicator "%(indicator)s" cannot assess %(target)s.') % {
                        'indicator': labels[line.indicator],
                        'target': dict(
                            self._fields['target']._description_selection(self.env))[
                                scheme.target]})


class HotlineKpiSchemeLine(models.Model):
    """KP-3: one weighted indicator of a scheme."""
    _name = 'hotline.kpi.scheme.line'
    _description = 'Assessment Indicator'
    _order = 'sequence, id'

    scheme_id = fields.Many2one(
        'hotline.kpi.scheme', 'Scheme', required=True, index=True, ondelete='cascade')
    sequence = fields.Integer(default=10)
    indicator = fields.Selection(INDICATORS, required=True)
    weight = fields.Float(required=True, default=1.0)
    penalty = fields.Float(
        'Points per Card', default=10.0,
        help='For warnings and cards: points taken off 100 for each one.')

    _sql_constraints = [
        ('weight_positive', 'CHECK (weight > 0)', 'An indicator weight must be positive.'),
        ('indicator_uniq', 'unique(scheme_id, indicator)',
         'An indicator appears once in a scheme.'),
    ]
