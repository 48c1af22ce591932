# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime

from odoo import _, api, fields, models

from odoo.addons.hotline_core.models.hotline_ticket import DRAFT_STATES


class HotlineSpikeAlert(models.Model):
    """MO-3 (beyond): a burst of similar requests (same category) from one location, well
    above the usual rate there. One alert per burst: while the burst lasts the same alert is
    updated; it ends when a whole window passes below the threshold."""
    _name = 'hotline.spike.alert'
    _description = 'Spike Alert'
    _inherit = ['mail.thread']
    _order = 'date_start desc, id desc'

    name = fields.Char(compute='_compute_name')
    location_id = fields.Many2one('hotline.location', 'Location', required=True, index=True,
                                  readonly=True)
    category_id = fields.Many2one('hotline.category', 'Category', required=True, index=True,
                                  readonly=True)
    count = fields.Integer('Requests in Window', readonly=True)
    peak_count = fields.Integer('Peak', readonly=True)
    baseline = fields.Float('Usual per Window', readonly=True, digits=(16, 2))
    date_start = fields.Datetime('First Request', readonly=True)
    date_last = fields.Datetime('Last Seen Above Threshold', readonly=True)
    date_end = fields.Datetime('Ended', readonly=True)
    state = fields.Selection([('active', 'Ongoing'), ('ended', 'Ended')], default='active',
                             required=True, index=True, readonly=True)
    acknowledged_by = fields.Many2one('res.users', readonly=True)

    @api.model_cr
    def init(self):
        # one ongoing alert per location and category, even if two scans run at once
        self._cr.execute("""CREATE UNIQUE INDEX IF NOT EXISTS hotline_spike_alert_active_uniq
                            ON hotline_spike_alert (location_id, category_id)
                            WHERE state = 'active'""")

    @api.depends('location_id', 'category_id', 'count')
    def _compute_name(self):
        for alert in self:
            alert.name = _('%(location)s · %(category)s: %(count)s requests') % {
                'location': alert.location_id.complete_name or '',
                'category': alert.category_id.complete_name or '',
                'count': alert.count}

    @api.model
    def _spike_params(self, now=None):
        ICP = self.env['ir.config_parameter'].sudo()
        window = int(ICP.get_param('hotline_reports.spike_window_minutes', '60'))
        days = int(ICP.get_param('hotline_reports.spike_baseline_days', '7'))
        now = fields.Datetime.from_string(now or fields.Datetime.now())
        return {
            'now': fields.Datetime.to_string(now),
            'since': fields.Datetime.to_string(now - datetime.timedelta(minutes=window)),
            'base_since': fields.Datetime.to_string(now - datetime.timedelta(days=days)),
            'windows': days * 24 * 60.0 / window,
            'factor': float(ICP.get_param('hotline_reports.spike_factor', '3')),
            'min_count': int(ICP.get_param('hotline_reports.spike_min_count', '5')),
            'uid': self.env.uid,
            'draft': DRAFT_STATES,
        }

    @api.model
    def _cron_detect_spikes(self, now=None):
        """Spike detection in two set-based statements: open or extend one alert per
        (location, category) whose requests of the last window reach ``min_count`` and
        ``factor`` × their usual rate of the baseline days; end the alerts not above the
        threshold for a whole window. Returns the new alerts (supervisors are notified)."""
        params = self._spike_params(now)
        cr = self.env.cr
        cr.execute("""
            WITH recent AS (
                SELECT location_id, category_id, COUNT(*) AS n,
                       MIN(register_date) AS first_date
                  FROM hotline_ticket
                 WHERE register_date >= %(since)s AND register_date < %(now)s
                   AND location_id IS NOT NULL AND category_id IS NOT NULL
                   AND state NOT IN %(draft)s
                 GROUP BY location_id, category_id
                HAVING COUNT(*) >= %(min_count)s
            ), usual AS (
                SELECT t.location_id, t.category_id, COUNT(*) / %(windows)s AS per_window
                  FROM hotline_ticket t
                  JOIN recent r ON r.location_id = t.location_id
                               AND r.category_id = t.category_id
                 WHERE t.register_date >= %(base_since)s AND t.register_date < %(since)s
                   AND t.state NOT IN %(draft)s
                 GROUP BY t.location_id, t.category_id
            )
            INSERT INTO hotline_spike_alert AS a (
                location_id, category_id, count, peak_count, baseline, date_start, date_last,
                state, create_uid, create_date, write_uid, write_date)
            SELECT r.location_id, r.category_id, r.n, r.n, COALESCE(u.per_window, 0),
                   r.first_date, %(now)s, 'active', %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM recent r
              LEFT JOIN usual u ON u.location_id = r.location_id
                               AND u.category_id = r.category_id
             WHERE r.n >= %(factor)s * COALESCE(u.per_window, 0)
            ON CONFLICT (location_id, category_id) WHERE state = 'active'
            DO UPDATE SET count = EXCLUDED.count, date_last = EXCLUDED.date_last,
                          peak_count = GREATEST(a.peak_count, EXCLUDED.count),
                          write_date = EXCLUDED.write_date
            RETURNING a.id, (a.xmax = 0) AS inserted""", params)
        new_ids = [row[0] for row in cr.fetchall() if row[1]]
        cr.execute("""
            UPDATE hotline_spike_alert
               SET state = 'ended', date_end = %(now)s, write_date = %(now)s
             WHERE state = 'active' AND date_last < %(since)s""", params)
        self.invalidate_cache()
        alerts = self.browse(new_ids)
        if alerts:
            alerts._notify_supervisors()
        return alerts

    @api.multi
    def _notify_supervisors(self):
        """Notify supervisors and office leaders on screen (web_notify) and in the chatter."""
        groups = [self.env.ref('hotline_core.group_hotline_supervisor'),
                  self.env.ref('hotline_core.group_hotline_office_leader')]
        users = self.env['res.users'].browse()
        for group in groups:
            users |= group.users
        users = users.filtered('active')
        window = self.env['ir.config_parameter'].sudo().get_param(
            'hotline_reports.spike_window_minutes', '60')
        for alert in self:
            message = _('Spike: %(count)s requests about %(category)s from %(location)s in '
                        'the last %(minutes)s minutes (usually %(baseline).1f).') % {
                            'count': alert.count,
                            'category': alert.category_id.complete_name,
                            'location': alert.location_id.complete_name,
                            'minutes': window, 'baseline': alert.baseline}
            # notifying other users is the point; web_notify refuses it to non-superusers
            users.sudo().notify_warning(message, title=_('12345 Hotline spike alert'),
                                        sticky=True)
            alert.message_post(body=message, partner_ids=users.mapped('partner_id').ids,
                               subtype='mail.mt_comment')

    @api.multi
    def action_acknowledge(self):
        self.write({'acknowledged_by': self.env.uid})
        return True
