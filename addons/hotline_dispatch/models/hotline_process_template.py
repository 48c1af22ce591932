# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.hotline_core.models.hotline_ticket import TICKET_TYPES
from odoo.addons.hotline_core.tools.workflow import Transition


class HotlineProcessTemplate(models.Model):
    """FL-1, FL-2: a process template — its steps with time limits, dispatch modes,
    serial/parallel order and control rules — with a lifecycle draft → approval → published,
    suspended, resumed, retired. Templates sharing a code are versions of one process;
    a request keeps the version it started with."""
    _name = 'hotline.process.template'
    _inherit = ['hotline.workflow.mixin']
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
    approved_by = fields.Many2one('res.users', readonly=True, copy=False)
    note = fields.Text()

    _sql_constraints = [
        ('code_version_uniq', 'unique(code, version)',
         'There is already a process template with this code and version.'),
    ]

    def _check_manager(self):
        if self.env.uid != SUPERUSER_ID and not self.env.user.has_group(
                'hotline_core.group_hotline_office_leader'):
            raise AccessError(_('Only the office leader manages process templates.'))

    # ------------------------------------------------------------------ state machine
    @api.model
    def _get_transitions(self):
        """FL-2: the versions' approval: action → ``Transition``."""
        leader = 'hotline_core.group_hotline_office_leader'
        return {
            'submit_approval': Transition(('draft',), 'pending', leader,
                                          _('Submit for Approval')),
            'approve': Transition(('pending',), 'published', leader, _('Approve and Publish')),
            'reject': Transition(('pending',), 'draft', leader, _('Back to Draft')),
            'suspend': Transition(('published',), 'suspended', leader, _('Suspend')),
            'resume': Transition(('suspended',), 'published', leader, _('Resume')),
            'retire': Transition(('published', 'suspended'), 'retired', leader, _('Retire')),
        }

    @api.model
    def _transition_buttons(self):
        buttons = {'action_%s' % action: action for action in self._get_transitions()}
        buttons['action_new_version'] = 'new_version'
        return buttons

    @api.model
    def _transition_button_states(self):
        # FL-2: a new version is made from any version that is no longer a draft
        return {'new_version': ('pending', 'published', 'suspended', 'retired')}

    def _check_transition_access(self, action, transition):
        self._check_manager()

    def _transition_refusal(self, action, transition):
        return _('Template %(template)s v%(version)d is "%(state)s".') % {
            'template': self.name, 'version': self.version, 'state': self._state_label()}

    @api.multi
    def action_submit_approval(self):
        """FL-2: a finished draft goes to approval."""
        for template in self:
            if not template.step_ids:
                raise UserError(_('Add the steps of the process first.'))
        return self._transition('submit_approval')

    @api.multi
    def action_approve(self):
        """FL-2: approval publishes the version; the version published before it is
        retired (requests already running on it keep it)."""
        res = self._transition('approve')
        retire_from = self._get_transitions()['retire'].from_states
        for template in self:
            template.approved_by = self.env.user
            self.search([('code', '=', template.code), ('id', '!=', template.id),
                         ('state', 'in', retire_from)])._transition('retire')
        return res

    @api.multi
    def action_reject(self):
        return self._transition('reject')

    @api.multi
    def action_suspend(self):
        """FL-2: a suspended template is not given to new requests."""
        return self._transition('suspend')

    @api.multi
    def action_resume(self):
        return self._transition('resume')

    @api.multi
    def action_retire(self):
        return self._transition('retire')

    @api.multi
    def action_new_version(self):
        """FL-2: a new draft version to edit; the running version is not touched."""
        self.ensure_one()
        self._check_manager()
        last = self.search([('code', '=', self.code)], order='version desc', limit=1)
        new = self.copy({'version': last.version + 1, 'state': 'draft'})
        # the copied steps' "if not, back to" must point at the new version's own steps
        old_steps = self.step_ids.sorted(lambda s: (s.sequence, s.id))
        new_steps = new.step_ids.sorted(lambda s: (s.sequence, s.id))
        twins = dict(zip(old_steps.ids, new_steps))
        for step in new_steps.filtered('fail_step_id'):
            step.fail_step_id = twins.get(step.fail_step_id.id, step.fail_step_id)
        return {'type': 'ir.actions.act_window', 'res_model': self._name, 'res_id': new.id,
                'view_mode': 'form', 'target': 'current'}

    # ------------------------------------------------------------------ running (FL-1, FL-3)
    def _columns(self):
        """FL-1: the steps in the order a request meets them; a parallel step shares the
        column of the step before it."""
        self.ensure_one()
        columns = []
        for step in self.step_ids.sorted(lambda s: (s.sequence, s.id)):
            if step.parallel and columns:
                columns[-1].append(step)
            else:
                columns.append([step])
        return columns

    def _column_of(self, state):
        """Index of the column holding the main (non co-unit) step of ``state``, or None."""
        for index, column in enumerate(self._columns()):
            if any(s.state_code == state and s.unit_role != 'co' for s in column):
                return index
        return None

    def _step_of(self, state, role='main'):
        """The step of the request state ``state`` (the co-units' one with role='co')."""
        self.ensure_one()
        steps = self.step_ids.sorted(lambda s: (s.sequence, s.id)).filtered(
            lambda s: s.state_code == state)
        if role == 'co':
            return steps.filtered(lambda s: s.unit_role == 'co')[:1]
        return steps.filtered(lambda s: s.unit_role != 'co')[:1]

    def _span_hours(self, states, role='main'):
        """FL-1: hours the steps of ``states`` take together: serial columns add up, parallel
        steps of one column run at once (the longest counts). With role='co', a column's
        co-unit step is what co-units are given; other columns count as for the main unit."""
        self.ensure_one()
        total = 0.0
        for column in self._columns():
            steps = [s for s in column if s.state_code in states]
            if not steps:
                continue
            co = [s for s in steps if s.unit_role == 'co']
            if role == 'co' and co:
                total += max(s.time_limit_hours for s in co)
            else:
                total += max([s.time_limit_hours for s in steps if s.unit_role != 'co'] or [0])
        return total

    @api.model
    def _for_type(self, ticket_type):
        """FL-2: the published template a new request of this type follows (its type's,
        else the general one)."""
        # one statement (issue 19: at every registration): the type's own template sorts
        # before the general one, whose type is empty (NULL: last in ascending order)
        return self.search([('state', '=', 'published'), '|',
                            ('ticket_type', '=', ticket_type or False),
                            ('ticket_type', '=', False)],
                           order='ticket_type, version desc', limit=1)


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
    ], required=True, default='none')
    fail_step_id = fields.Many2one(
        'hotline.process.step', 'If Not, Back To',
        domain="[('template_id', '=', template_id)]",
        help='Where the request goes when the control rule fails: the unit\'s handling '
             '(单位办理), its signing (单位签收) or the office\'s review (热线办审阅).')
    action_codes = fields.Char(
        'Allowed Actions',
        help='Codes of the actions allowed while the request is in this step, separated by '
             'commas (e.g. "dispatch,return_agent"); empty: every action the request state '
             'allows.')
    dispatch_times = fields.Char(
        'Dispatch At', help='Timed dispatch: times of day (Beijing time) at which the '
                            'waiting requests are dispatched by the rules, e.g. "08:30,14:00".')
    unit_role = fields.Selection([
        ('main', 'Main unit / office'),
        ('co', 'Co-units'),
    ], 'Who', required=True, default='main',
        help='Co-units: the step of the co-units beside the main unit\'s handling (make it '
             'parallel); its time limit is the co-units\' deadline.')

    # Which step a failed control rule may send a request back to, by rule.
    _FAIL_STATES = {
        'audit_passed': ('in_progress', 'dispatched', 'submitted'),
        'satisfied': ('in_progress', 'dispatched', 'submitted'),
    }
    _RULE_STATES = {'audit_passed': 'to_audit', 'satisfied': 'to_callback'}

    @api.constrains('control_rule', 'fail_step_id', 'state_code', 'dispatch_mode',
                    'dispatch_times', 'action_codes')
    def _check_rule(self):
        """FL-1: a control rule belongs to the step that decides it, its "if not" step is
        one the request can really go back to, and a timed step says when."""
        transitions = self.env['hotline.ticket']._get_transitions()
        labels = dict(_ticket_states(self))
        for step in self:
            rule_state = self._RULE_STATES.get(step.control_rule)
            if rule_state and step.state_code != rule_state:
                raise ValidationError(_(
                    'Step "%(step)s": the control rule can only be decided in the step of '
                    'state "%(state)s".') % {'step': step.name, 'state': labels.get(rule_state)})
            if step.fail_step_id:
                allowed = self._FAIL_STATES.get(step.control_rule, ())
                if step.fail_step_id.state_code not in allowed:
                    raise ValidationError(_(
                        'Step "%(step)s": a failed control rule can send the request back '
                        'only to a step of state %(states)s.') % {
                            'step': step.name,
                            'states': '、'.join(labels.get(s, s) for s in allowed) or '-'})
            if step.dispatch_mode == 'timed' and not step._dispatch_hours():
                raise ValidationError(_(
                    'Step "%s": give the times of day of the timed dispatch, e.g. '
                    '"08:30,14:00".') % step.name)
            unknown = [c for c in step._action_list() if c not in transitions]
            if unknown:
                raise ValidationError(_('Step "%(step)s": unknown actions %(actions)s.') % {
                    'step': step.name, 'actions': ', '.join(unknown)})

    def _action_list(self):
        return [c.strip() for c in (self.action_codes or '').split(',') if c.strip()]

    def _dispatch_hours(self):
        """The times of day of a timed step as (hour, minute) pairs, sorted; [] if none or
        badly written."""
        times = []
        for part in (self.dispatch_times or '').replace('，', ',').split(','):
            part = part.strip().replace('：', ':')
            if not part:
                continue
            try:
                hour, minute = [int(x) for x in part.split(':')]
            except ValueError:
                return []
            if not (0 <= hour < 24 and 0 <= minute < 60):
                return []
            times.append((hour, minute))
        return sorted(times)

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
