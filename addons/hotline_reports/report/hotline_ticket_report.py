# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from psycopg2 import sql

from odoo import api, fields, models, tools

from odoo.addons.hotline_core.models.hotline_ticket import (
    CHANNELS,
    DONE_STATES,
    DRAFT_STATES,
    PROCESS_STATES,
    SUPERVISION_STATES,
    TICKET_TYPES,
)


# Shared pieces of the report views: each unit's district (nearest ancestor-or-self of type
# district / county), each location's district and each category's top category. These
# tables are small; resolving them once lets the big scans use hash joins. The trees are
# walked through parent_id (recursive CTE), not parent_left/right: records loaded with the
# module data may have no nested-set values.
def tree_closure_sql(table):
    """(id, ancestor_id, depth) for every record of ``table`` and each of its ancestors,
    itself included at depth 0. ``table`` is a constant of this module."""
    return """
        WITH RECURSIVE closure(id, ancestor_id, depth) AS (
            SELECT id, id, 0 FROM {table}
            UNION ALL
            SELECT c.id, p.parent_id, c.depth + 1
              FROM closure c JOIN {table} p ON p.id = c.ancestor_id
             WHERE p.parent_id IS NOT NULL AND c.depth < 32)
        SELECT id, ancestor_id, depth FROM closure""".format(table=table)


UNIT_DISTRICT_SQL = """
    SELECT DISTINCT ON (t.id) t.id AS unit_id, d.id AS district_id
      FROM ({closure}) t
      JOIN hotline_unit d ON d.id = t.ancestor_id AND d.unit_type = 'district'
     ORDER BY t.id, t.depth""".format(closure=tree_closure_sql('hotline_unit'))
LOCATION_DISTRICT_SQL = """
    SELECT DISTINCT ON (t.id) t.id AS location_id, d.id AS district_id
      FROM ({closure}) t
      JOIN hotline_location d ON d.id = t.ancestor_id AND d.location_type = 'district'
     ORDER BY t.id, t.depth""".format(closure=tree_closure_sql('hotline_location'))
CATEGORY_ROOT_SQL = """
    SELECT t.id AS category_id, r.id AS root_id
      FROM ({closure}) t
      JOIN hotline_category r ON r.id = t.ancestor_id AND r.parent_id IS NULL
""".format(closure=tree_closure_sql('hotline_category'))
AGENT_GROUP_SQL = """
    SELECT DISTINCT ON (r.user_id) r.user_id, r.group_id
      FROM hotline_agent_group_user_rel r
      JOIN hotline_agent_group g ON g.id = r.group_id AND g.active
     ORDER BY r.user_id, g.sequence, g.id"""


def view_sql(cr, template, **fragments):
    """The text of a report view: ``template`` with the named constant SQL ``fragments`` of this
    module, composed with psycopg2.sql; returned as a string, because Odoo 11's cursor handles
    queries as strings when it logs them (``--log-level=debug_sql``)."""
    return sql.SQL(template).format(
        **{name: sql.SQL(text) for name, text in fragments.items()}).as_string(cr._obj)


class HotlineTicketReport(models.Model):
    """ST-1, ST-3, ST-4: request analysis, one row per request (no drafts): by type,
    channel, bureau, district, unit, location, category, state, extensions, time to close,
    first-contact resolution of consults and direct resolution by the agent."""
    _name = 'hotline.ticket.report'
    _description = 'Request Analysis'
    _inherit = ['hotline.report.rate.mixin']
    _auto = False
    _order = 'register_date desc'
    _rec_name = 'name'
    _rate_fields = {
        'fcr_rate': ('fcr_count', 'consult_count'),
        'direct_rate': ('direct_count', 'nbr'),
        'overdue_rate': ('overdue_count', 'nbr'),
        'extension_rate': ('extended_count', 'nbr'),
    }

    name = fields.Char('Number', readonly=True)
    ticket_id = fields.Many2one('hotline.ticket', 'Request', readonly=True)
    title = fields.Char(readonly=True)
    register_date = fields.Datetime('Registered On', readonly=True)
    date_done = fields.Datetime('Closed On', readonly=True)
    ticket_type = fields.Selection(TICKET_TYPES, 'Request Type', readonly=True)
    channel = fields.Selection(CHANNELS, readonly=True)
    state = fields.Selection(
        lambda self: self.env['hotline.ticket']._fields['state'].selection, readonly=True)
    process_state = fields.Selection(PROCESS_STATES, 'Processing', readonly=True)
    supervision_state = fields.Selection(SUPERVISION_STATES, 'Supervision', readonly=True)
    urgent = fields.Boolean(readonly=True)
    category_id = fields.Many2one('hotline.category', 'Category', readonly=True)
    category_root_id = fields.Many2one('hotline.category', 'Category Group', readonly=True)
    location_id = fields.Many2one('hotline.location', 'Location', readonly=True)
    location_district_id = fields.Many2one('hotline.location', 'Location District',
                                           readonly=True)
    bureau_id = fields.Many2one('hotline.unit', 'Responsible Bureau', readonly=True)
    main_unit_id = fields.Many2one('hotline.unit', 'Main Unit', readonly=True)
    district_id = fields.Many2one('hotline.unit', 'District of the Main Unit', readonly=True)
    user_id = fields.Many2one('res.users', 'Registered By', readonly=True)
    agent_group_id = fields.Many2one('hotline.agent.group', 'Agent Group', readonly=True)
    nbr = fields.Integer('Requests', readonly=True)
    consult_count = fields.Integer('Consultations', readonly=True)
    fcr_count = fields.Integer('Answered at First Contact', readonly=True)
    fcr_rate = fields.Float('First-contact Resolution (%)', readonly=True)
    direct_count = fields.Integer('Resolved Directly', readonly=True)
    direct_rate = fields.Float('Direct-resolution Rate (%)', readonly=True)
    dispatched_count = fields.Integer('Dispatched', readonly=True)
    dispatch_count = fields.Integer('Dispatches', readonly=True)
    return_count = fields.Integer('Returns by Units', readonly=True)
    dissatisfied_count = fields.Integer('Unsatisfied Callbacks', readonly=True)
    extension_count = fields.Integer('Extension Requests', readonly=True)
    extended_count = fields.Integer('Requests with Extension', readonly=True)
    extension_rate = fields.Float('Extension Rate (%)', readonly=True)
    overdue_count = fields.Integer('Overdue', readonly=True)
    overdue_rate = fields.Float('Overdue Rate (%)', readonly=True)
    hours_to_close = fields.Float('Hours to Close', readonly=True, group_operator='avg')

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(view_sql(self.env.cr, """
            CREATE OR REPLACE VIEW hotline_ticket_report AS (
            WITH unit_district AS ({unit_district}),
                 location_district AS ({location_district}),
                 category_root AS ({category_root}),
                 agent_group AS ({agent_group}),
                 ext AS (SELECT ticket_id, COUNT(*) AS n FROM hotline_ticket_extension
                          GROUP BY ticket_id)
            SELECT t.id, t.id AS ticket_id, t.name, t.title, t.register_date, t.date_done,
                   t.ticket_type, t.channel, t.state, t.process_state, t.supervision_state,
                   t.urgent, t.category_id, cr.root_id AS category_root_id, t.location_id,
                   ld.district_id AS location_district_id, t.bureau_id, t.main_unit_id,
                   ud.district_id, t.user_id, ag.group_id AS agent_group_id,
                   1 AS nbr,
                   (t.ticket_type = 'consult')::int AS consult_count,
                   (t.ticket_type = 'consult' AND t.kb_answered AND t.dispatch_count = 0
                    AND t.state IN %(done)s)::int AS fcr_count,
                   CASE WHEN t.ticket_type = 'consult' AND t.kb_answered
                        AND t.dispatch_count = 0 AND t.state IN %(done)s THEN 100 ELSE 0
                   END AS fcr_rate,
                   (t.state IN %(done)s AND t.dispatch_count = 0)::int AS direct_count,
                   CASE WHEN t.state IN %(done)s AND t.dispatch_count = 0 THEN 100 ELSE 0
                   END AS direct_rate,
                   (t.dispatch_count > 0)::int AS dispatched_count,
                   t.dispatch_count, t.return_count, t.dissatisfied_count,
                   COALESCE(e.n, 0) AS extension_count,
                   (e.n IS NOT NULL)::int AS extended_count,
                   CASE WHEN e.n IS NOT NULL THEN 100 ELSE 0 END AS extension_rate,
                   (t.date_deadline < COALESCE(t.date_done, now() AT TIME ZONE 'UTC'))::int
                       AS overdue_count,
                   CASE WHEN t.date_deadline < COALESCE(t.date_done, now() AT TIME ZONE 'UTC')
                        THEN 100 ELSE 0 END AS overdue_rate,
                   EXTRACT(EPOCH FROM (t.date_done - t.register_date)) / 3600.0
                       AS hours_to_close
              FROM hotline_ticket t
              LEFT JOIN unit_district ud ON ud.unit_id = t.main_unit_id
              LEFT JOIN location_district ld ON ld.location_id = t.location_id
              LEFT JOIN category_root cr ON cr.category_id = t.category_id
              LEFT JOIN agent_group ag ON ag.user_id = t.user_id
              LEFT JOIN ext e ON e.ticket_id = t.id
             WHERE t.state NOT IN %(draft)s
            )""", unit_district=UNIT_DISTRICT_SQL,
                                     location_district=LOCATION_DISTRICT_SQL,
                                     category_root=CATEGORY_ROOT_SQL, agent_group=AGENT_GROUP_SQL),
                            {'done': DONE_STATES, 'draft': DRAFT_STATES})
