# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class HotlineKpiNote(models.TransientModel):
    """KP-3: improvement notes (改进指导意见) sent to the assessed units: a message on the
    unit and on the result, to the unit's users, and a to-do for the unit's manager."""
    _name = 'hotline.kpi.note'
    _description = 'Send Improvement Notes'

    result_ids = fields.Many2many('hotline.kpi.result', string='Results', required=True)
    note = fields.Text('Improvement Notes', required=True)
    deadline_days = fields.Integer('Reply Within (days)', default=10)

    @api.multi
    def action_send(self):
        self.ensure_one()
        # the notes are posted on the units' threads as superuser below: only who may write
        # the results sends them (checked first, not left to the result.write further down)
        self.result_ids.check_access_rights('write')
        self.result_ids.check_access_rule('write')
        if not (self.note or '').strip():
            raise UserError(_('Write the improvement notes to send.'))
        activity_type = self.env.ref('mail.mail_activity_data_todo')
        deadline = fields.Date.to_string(fields.Date.from_string(
            fields.Date.context_today(self)) + datetime.timedelta(
            days=max(self.deadline_days, 0)))
        for result in self.result_ids:
            unit = result.unit_id
            if not unit:
                raise UserError(_('Improvement notes go to units; %s is not a unit.')
                                % result.display_target)
            body = self.env['ir.qweb'].render('hotline_reports.hotline_kpi_note_message', {
                'summary': _('Assessment %(scheme)s, %(period)s: score %(score).2f, rank '
                             '%(rank)s.') % {
                    'scheme': result.scheme_id.name, 'period': result.period,
                    'score': result.score, 'rank': result.rank or '-'},
                'note': self.note}).decode()
            partners = unit.user_ids.mapped('partner_id') | unit.manager_id.partner_id
            # the unit's thread is where its users follow their affairs; the office may post
            unit.sudo().message_post(body=body, subject=_('Improvement notes'),
                                     partner_ids=partners.ids, subtype='mail.mt_comment')
            result.write({'improvement_note': self.note})
            result.message_post(body=body, partner_ids=partners.ids, subtype='mail.mt_comment')
            responsible = unit.manager_id or unit.user_ids[:1]
            if responsible:
                self.env['mail.activity'].sudo().create({
                    'res_model_id': self.env.ref(
                        'hotline_reports.model_hotline_kpi_result').id,
                    'res_id': result.id,
                    'activity_type_id': activity_type.id,
                    'summary': _('Reply to the improvement notes'),
                    'note': self.note,
                    'user_id': responsible.id,
                    'date_deadline': deadline,
                })
        return {'type': 'ir.actions.act_window_close'}
