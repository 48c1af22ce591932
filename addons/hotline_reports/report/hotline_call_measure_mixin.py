# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import fields, models

WAIT_BUCKETS = [
    ('a_lt20', '< 20 s'),
    ('b_20_40', '20–40 s'),
    ('c_40_60', '40–60 s'),
    ('d_gt60', '> 60 s'),
]
HOURS = [('%02d' % h, '%02d:00' % h) for h in range(24)]
HALF_HOURS = [('%02d:%s' % (h, m), '%02d:%s' % (h, m)) for h in range(24) for m in ('00', '30')]


class HotlineCallMeasureMixin(models.AbstractModel):
    """ST-2: the dimensions and measures the call analysis (one row per call) and the call
    summary (one row per half-hour) share, defined once so that their labels, units and
    rates cannot drift apart."""
    _name = 'hotline.call.measure.mixin'
    _description = 'Call Measures'
    _inherit = ['hotline.report.rate.mixin']
    _rate_fields = {
        'answer_rate': ('answered_count', 'offered_count'),
        'abandon_rate': ('abandoned_count', 'offered_count'),
        'sl15_rate': ('answered_15', 'offered_count'),
        'sl20_rate': ('answered_20', 'offered_count'),
    }

    hour = fields.Selection(HOURS, 'Hour of Day', readonly=True)
    half_hour = fields.Selection(HALF_HOURS, 'Half-hour', readonly=True)
    direction = fields.Selection([('inbound', 'Inbound'), ('outbound', 'Outbound')],
                                 readonly=True)
    disposition = fields.Selection([
        ('answered', 'Answered'), ('abandoned', 'Abandoned'), ('voicemail', 'Voicemail'),
        ('ivr', 'IVR Only')], readonly=True)
    queue_id = fields.Many2one('hotline.cti.queue', 'Queue', readonly=True)
    wait_bucket = fields.Selection(WAIT_BUCKETS, 'Wait', readonly=True)
    nbr = fields.Integer('Calls', readonly=True)
    offered_count = fields.Integer('Offered', readonly=True)
    answered_count = fields.Integer('Answered', readonly=True)
    abandoned_count = fields.Integer('Abandoned', readonly=True)
    answered_15 = fields.Integer('Answered within 15 s', readonly=True)
    answered_20 = fields.Integer('Answered within 20 s', readonly=True)
    answer_rate = fields.Float('Answer Rate (%)', readonly=True)
    abandon_rate = fields.Float('Abandon Rate (%)', readonly=True)
    sl15_rate = fields.Float('Service Level 15 s (%)', readonly=True)
    sl20_rate = fields.Float('Service Level 20 s (%)', readonly=True)
    wait_time = fields.Integer('Total Wait (s)', readonly=True)
    max_wait = fields.Integer('Longest Wait (s)', readonly=True, group_operator='max')
    talk_time = fields.Integer('Total Talk (s)', readonly=True)
    outbound_count = fields.Integer('Outbound', readonly=True)
    outbound_answered = fields.Integer('Outbound Connected', readonly=True)
    outbound_talk = fields.Integer('Outbound Talk (s)', readonly=True)
