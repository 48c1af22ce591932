# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from psycopg2 import sql

from odoo import api, fields, models, tools


class HotlineContactHistory(models.Model):
    """CZ-3: every contact of a citizen with the hotline — requests here; calls and text
    messages are added by the modules that own them — read-only, newest first.

    A module adds a source by extending ``_history_queries`` with one SELECT returning the
    columns of this view; ``init`` rebuilds the view when such a module is installed.
    """
    _name = 'hotline.contact.history'
    _description = 'Citizen Contact History'
    _auto = False
    _order = 'date desc, id desc'

    partner_id = fields.Many2one('res.partner', 'Citizen', readonly=True, index=True)
    date = fields.Datetime(readonly=True)
    kind = fields.Selection([
        ('ticket', 'Request'),
        ('call', 'Call'),
        ('sms', 'Text message'),
    ], readonly=True)
    name = fields.Char('Subject', readonly=True)
    reference = fields.Char(readonly=True)
    ticket_id = fields.Many2one('hotline.ticket', 'Request', readonly=True)
    res_model = fields.Char('Document Model', readonly=True)
    res_id = fields.Integer('Document ID', readonly=True)

    @api.model
    def _history_queries(self):
        # Ids are spread by kind (kind number in the low digits) so that they stay unique.
        return ["""
            SELECT t.id * 10 + 1 AS id, t.partner_id, t.register_date AS date,
                   'ticket'::varchar AS kind, t.title AS name, t.name AS reference,
                   t.id AS ticket_id, 'hotline.ticket'::varchar AS res_model, t.id AS res_id
              FROM hotline_ticket t
             WHERE t.partner_id IS NOT NULL"""]

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self._cr, self._table)
        # the parts are this model's (and its extensions') constant SELECTs
        query = sql.SQL('CREATE VIEW {} AS ({})').format(
            sql.Identifier(self._table),
            sql.SQL(' UNION ALL ').join(sql.SQL(part) for part in self._history_queries()))
        self._cr.execute(query.as_string(self._cr._obj))

    @api.multi
    def action_open_document(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window',
            'res_model': self.res_model,
            'res_id': self.res_id,
            'view_mode': 'form',
        }
