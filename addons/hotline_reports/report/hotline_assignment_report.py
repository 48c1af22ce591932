# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools

from odoo.addons.hotline_core.models.hotline_ticket import TICKET_TYPES
from odoo.addons.hotline_dispatch.models.hotline_ticket_assignment import (
    ACTIVE_STATES,
    CANCELLED_STATES,
    RETURNED_STATES,
    ROLES,
    STATES,
)

from .hotline_ticket_report import CATEGORY_ROOT_SQL, UNIT_DISTRICT_SQL


class HotlineAssignmentReport(models.Model):
    """ST-1, KP-2: what units did with the requests sent to them, one row per assignment
    (main and co-units, copies): by bureau or district and lower unit, role, category;
    time to sign for, to reply and to complete; sign-for in time, on-time completion,
    returns, extension requests and re-dispatches."""
    _name = 'hotline.assignment.report'
    _description = 'Unit Handling Analysis'
    _inherit = ['hotline.report.rate.mixin']
    _auto = False
    _order = 'date desc'
    _rate_fields = {
        'sign_rate': ('signed_timely', 'to_sign_count'),
        'ontime_rate': ('done_ontime', 'due_count'),
        'return_rate': ('returned_count', 'nbr'),
        'redispatch_rate': ('redispatched_count', 'main_count'),
    }

    assignment_id = fields.Many2one('hotline.ticket.assignment', 'Assignment', readonly=True)
    ticket_id = fields.Many2one('hotline.ticket', 'Request', readonly=True)
    unit_id = fields.Many2one('hotline.unit', 'Unit', readonly=True)
    parent_unit_id = fields.Many2one('hotline.unit', 'Parent Unit', readonly=True)
    district_id = fields.Many2one('hotline.unit', 'District', readonly=True)
    unit_type = fields.Selection(
        lambda self: self.env['hotline.unit']._fields['unit_type'].selection,
        readonly=True)
    role = fields.Selection(ROLES, readonly=True)
    state = fields.Selection(STATES, readonly=True)
    date = fields.Datetime('Dispatched On', readonly=True)
    date_signed = fields.Datetime('Signed On', readonly=True)
    date_done = fields.Datetime('Completed On', readonly=True)
    date_deadline = fields.Datetime('Deadline', readonly=True)
    ticket_type = fields.Selection(TICKET_TYPES, 'Request Type', readonly=True)
    category_id = fields.Many2one('hotline.category', 'Category', readonly=True)
    category_root_id = fields.Many2one('hotline.category', 'Category Group', readonly=True)
    location_id = fields.Many2one('hotline.location', 'Location', readonly=True)
    nbr = fields.Integer('Assignments', readonly=True)
    main_count = fields.Integer('As Main Unit', readonly=True)
    to_sign_count = fields.Integer('To Sign For', readonly=True)
    signed_timely = fields.Integer('Signed For in Time', readonly=True)
    sign_rate = fields.Float('Timely Sign-for Rate (%)', readonly=True)
    due_count = fields.Integer('Due', readonly=True)
    done_ontime = fields.Integer('Completed on Time', readonly=True)
    ontime_rate = fields.Float('On-time Completion Rate (%)', readonly=True)
    returned_count = fields.Integer('Returned', readonly=True)
    return_rate = fields.Float('Return Rate (%)', readonly=True)
    redispatched_count = fields.Integer('Re-dispatched Afterwards', readonly=True)
    redispatch_rate = fields.Float('Re-dispatch Rate (%)', readonly=True)
    extension_count = fields.Integer('Extension Requests', readonly=True)
    hours_to_sign = fields.Float('Hours to Sign For', readonly=True, group_operator='avg')
    hours_to_reply = fields.Float('Hours to Reply', readonly=True, group_operator='avg')
    hours_to_complete = fields.Float('Hours to Complete', readonly=True, group_operator='avg')

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        sign_hours = float(self.env['ir.config_parameter'].sudo().get_param(
            'hotline_reports.sign_hours', '24'))
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW hotline_assignment_report AS (
            WITH unit_district AS ({unit_district}),
                 category_root AS ({category_root}),
                 ext AS (SELECT assignment_id, COUNT(*) AS n FROM hotline_ticket_extension
                          GROUP BY assignment_id),
                 last_main AS (SELECT ticket_id, MAX(id) AS id FROM hotline_ticket_assignment
                                WHERE role = 'main' GROUP BY ticket_id)
            SELECT a.id, a.id AS assignment_id, a.ticket_id, a.unit_id,
                   u.parent_id AS parent_unit_id, ud.district_id, u.unit_type, a.role,
                   a.state, a.create_date AS date, a.date_signed, a.date_done,
                   a.date_deadline, t.ticket_type, t.category_id,
                   cr.root_id AS category_root_id, t.location_id,
                   1 AS nbr, (a.role = 'main')::int AS main_count,
                   (a.role != 'cc')::int AS to_sign_count,
                   (a.role != 'cc' AND a.date_signed <= a.create_date
                    + make_interval(secs => {sign_secs}))::int AS signed_timely,
                   CASE WHEN a.role != 'cc' AND a.date_signed <= a.create_date
                        + make_interval(secs => {sign_secs}) THEN 100 ELSE 0 END AS sign_rate,
                   (a.date_done IS NOT NULL OR (a.date_deadline < now() AT TIME ZONE 'UTC'
                    AND a.state IN %(active)s))::int AS due_count,
                   COALESCE(a.date_done <= a.date_deadline, FALSE)::int AS done_ontime,
                   CASE WHEN a.date_done <= a.date_deadline THEN 100 ELSE 0 END AS ontime_rate,
                   (a.state IN %(returned)s)::int AS returned_count,
                   CASE WHEN a.state IN %(returned)s THEN 100 ELSE 0 END AS return_rate,
                   (a.role = 'main' AND lm.id > a.id)::int AS redispatched_count,
                   CASE WHEN a.role = 'main' AND lm.id > a.id THEN 100 ELSE 0
                   END AS redispatch_rate,
                   COALESCE(e.n, 0) AS extension_count,
                   EXTRACT(EPOCH FROM (a.date_signed - a.create_date)) / 3600.0
                       AS hours_to_sign,
                   EXTRACT(EPOCH FROM (a.date_done - a.date_signed)) / 3600.0
                       AS hours_to_reply,
                   EXTRACT(EPOCH FROM (a.date_done - a.create_date)) / 3600.0
                       AS hours_to_complete
              FROM hotline_ticket_assignment a
              JOIN hotline_ticket t ON t.id = a.ticket_id
              JOIN hotline_unit u ON u.id = a.unit_id
              LEFT JOIN unit_district ud ON ud.unit_id = a.unit_id
              LEFT JOIN category_root cr ON cr.category_id = t.category_id
              LEFT JOIN ext e ON e.assignment_id = a.id
              LEFT JOIN last_main lm ON lm.ticket_id = a.ticket_id
             WHERE a.state NOT IN %(cancelled)s OR a.role = 'main'
            )""".format(unit_district=UNIT_DISTRICT_SQL, category_root=CATEGORY_ROOT_SQL,
                        sign_secs=int(sign_hours * 3600)),
            {'active': ACTIVE_STATES, 'returned': RETURNED_STATES,
             'cancelled': CANCELLED_STATES})
