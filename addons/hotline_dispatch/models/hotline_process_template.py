# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.hotline_core.models.hotline_ticket import TICKET_TYPES


class HotlineProcessTemplate(models.Model):
    """FL-1, FL-2: a process template — its steps with time limits, dispatch modes,
    serial/parallel order and control rules — with a lifecycle draft → approval → published,
    suspended, resumed, retired. Templates sharing a code are versions of one process;
    a request keeps the version it started with."""
    _name = 'hotline.process.template'
    _description = 'Process Template'
    _order = 'code, version desc'

    name = fields.Char(required=True)
    code = fields.Char(required=True, help='Versions of the same process share the code.')
    version = fields.Integer(required=True, default=1, readonly=True)
    ticket_type = fields.Selection(
        TICKET_TYPES, 'Request Type', help='Empty: the process of every request type.')
    state = fields.Selection([
        ('draft', 'Draft'),
        ('pending', 'Awaiting approval'),
        ('published', 'Published'),
        ('suspended', 'Suspended'),
        ('retired', 'Retired'),
    ], required=True, default='draft', readonly=True, index=True)
    step_ids = fields.One2many('hotline.process.step', 'template_id', 'Steps', copy=True)
    approved_by = fields.Many2one('res.users', 'Approved By', readonly=True, copy=False)
    note = fields.Text()

    _sql_constraints = [
        ('code_version_uniq', 'unique(code, version)',
         'There is already a process template with this code and version.'),
    ]

    def _check_manager(self):
        if self.env.uid != SUPERUSER_ID and not self.env.user.has_group(
                'hotline_core.group_hotline_office_leader'):
            raise AccessError(_('Only the office leader manages process templates.'))

    def _move(self, from_states, to_state):
        self._check_manager()
        labels = dict(self._fields['state']._description_selection(self.env))
        for template in self:
            if template.state not in from_states:
                raise UserError(_('Template %s v%d is "%s".') % (
                    template.name, template.version, labels[template.state]))
        self.write({'state': to_state})
        return True

    @api.multi
    def action_submit_approval(self):
        """FL-2: a finished draft goes to approval."""
        for template in self:
            if not template.step_ids:
                raise UserError(_('Add the steps of the process first.'))
        return self._move(('draft',), 'pending')

    @api.multi
    def action_approve(self):
        """FL-2: approval publishes the version; the version published before it is
        retired (requests already running on it keep it)."""
        res = self._move(('pending',), 'published')
        for template in self:
            template.approved_by = self.env.user
            self.search([('code', '=', template.code), ('id', '!=', template.id),
                         ('state', 'in', ('published', 'suspended'))]).write(
                {'state': 'retired'})
        return res

    @api.multi
    def action_reject(self):
        return self._move(('pending',), 'draft')

    @api.multi
    def action_suspend(self):
        """FL-2: a suspended template is not given to new requests."""
        return self._move(('published',), 'suspended')

    @api.multi
    def action_resume(self):
        return self._move(('suspended',), 'published')

    @api.multi
    def action_retire(self):
        return self._move(('published', 'suspended'), 'retired')

    @api.multi
    def action_new_version(self):
        """FL-2: a new draft version to edit; the running version is not touched."""
        self.ensure_one()
        self._check_manager()
        last = self.search([('code', '=', self.code)], order='version desc', limit=1)
        new = self.copy({'version': last.version + 1, 'state': 'draft'})
        return {'type': 'ir.actions.act_window', 'res_model': self._name, 'res_id': new.id,
                'view_mode': 'form', 'target': 'current'}

    @api.model
    def _for_type(self, ticket_type):
        """FL-2: the published template a new request of this type follows (its type's,
        else the general one)."""
        templates = self.search([('state', '=', 'published')], order='version desc')
        return (templates.filtered(lambda t: t.ticket_type == ticket_type)[:1]
                or templates.filtered(lambda t: not t.ticket_type)[:1])


def _ticket_states(self):
    return self.env['hotline.ticket']._fields['state']._description_selection(self.env)


class HotlineProcessStep(models.Model):
    """FL-1: one step of a process template."""
    _name = 'hotline.process.step'
    _description = 'Process Step'
    _order = 'template_id, sequence, id'

    template_id = fields.Many2one(
        'hotline.process.template', 'Template', required=True, ondelete='cascade', index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    state_code = fields.Selection(
        _ticket_states, 'Request State', required=True,
        help='The step is current while the request is in this state.')
    time_limit_hours = fields.Float('Time Limit (hours)', help='0: no limit.')
    dispatch_mode = fields.Selection([
        ('manual', 'Manual'),
        ('automatic', 'Automatic'),
        ('timed', 'Timed'),
    ], required=True, default='manual')
    parallel = fields.Boolean(
        'Parallel with Previous', help='Runs at the same time as the step before it (e.g. '
                                       'co-units beside the main unit).')
    control_rule = fields.Selection([
        ('none', 'None'),
        ('audit_passed', 'Audit passed?'),
        ('satisfied', 'Citizen satisfied?'),
    ], 'Control Rule', required=True, default='none')
    fail_step_id = fields.Many2one(
        'hotline.process.step', 'If Not, Back To',
        domain="[('template_id', '=', template_id)]")

    def _check_draft(self, templates):
        if self.env.uid == SUPERUSER_ID or self.env.context.get('install_mode'):
            return
        if templates.filtered(lambda t: t.state != 'draft'):
            raise ValidationError(_(
                'Only a draft template can be changed: make a new version instead.'))

    @api.model
    def create(self, vals):
        self._check_draft(self.env['hotline.process.template'].browse(vals.get('template_id')))
        return super().create(vals)

    @api.multi
    def write(self, vals):
        self._check_draft(self.mapped('template_id'))
        return super().write(vals)

    @api.multi
    def unlink(self):
        self._check_draft(self.mapped('template_id'))
        return super().unlink()
