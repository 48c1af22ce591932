# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo import _, api, models
from odoo.exceptions import UserError


class HotlineWorkflowMixin(models.AbstractModel):
    """One place per rule: the state machine of a model is one table of allowed transitions
    (``_get_transitions``: action → ``Transition``), and its state changes only through
    ``_transition``, which checks the state and the right, writes the new state with the
    step's values in one write, then lets the model record the step (``_after_transition``).

    Used by requests (``hotline.ticket``), unit assignments, extension requests, KB items and
    process templates. Not by the telephony states — calls (``hotline.cti.call``), seats
    (``hotline.cti.agent``) and SMS messages (``hotline.sms.message``): those follow the PBX's
    and the SMS gateway's events, which report what already happened; there is no user
    action to check. Not yet by the announcements and the KPI rankings, whose withdraw and
    back-to-draft buttons work from any state (a table would refuse some of those clicks).

    Form buttons show in the from-states of their transition: ``_transition_buttons`` maps
    each button to its action, and a test compares every button's ``states=`` with the table
    (``_transition_button_states`` declares the states of buttons that fire no transition).
    """
    _name = 'hotline.workflow.mixin'
    _description = 'Workflow (transition table)'

    @api.model
    def _get_transitions(self):
        """action → ``Transition``; models that add states extend the table."""
        return {}

    @api.model
    def _state_groups(self):
        """Named groups of state codes (name → tuple), defined next to the selection, for
        the domains and SQL of other modules: state codes are typed only where the states
        are defined, and SQL receives them as parameters."""
        return {}

    @api.model
    def _transition_buttons(self):
        """The form and list buttons of the model, by method name (or (method, value of the
        ``wizard_action`` key of the button's context)), mapped to the action they fire."""
        return {}

    @api.model
    def _transition_button_states(self):
        """The states of the buttons mapped to an action that is not a transition (e.g.
        urging the units), so that those are checked too."""
        return {}

    def _state_label(self):
        self.ensure_one()
        return dict(self._fields['state']._description_selection(self.env)).get(self.state)

    def _check_transition_access(self, action, transition):
        """Refuse (AccessError) when the user may not fire ``action`` on these records."""

    def _transition_refusal(self, action, transition):
        """The error for a record whose state does not allow ``action``."""
        return _('%(name)s is "%(state)s": "%(action)s" is not possible now.') % {
            'name': self.display_name, 'state': self._state_label(), 'action': transition.label}

    def _transition_target(self, action, transition, vals):
        """The state this record goes to: ``transition.to_state``; for a transition without
        one, the model decides, or the caller gives it (``vals['state']``, e.g. the state
        of an imported item)."""
        return transition.to_state or vals.get('state')

    def _transition_values(self, action, transition, values):
        """The values written with the new state (``values['state']``); models add theirs."""
        return values

    def _transition_context(self):
        """The context of the transition's write and of ``_after_transition``."""
        return {}

    def _after_transition(self, action, transition, state_from, **kwargs):
        """Called for each record once it is in its new state (trail, notifications)."""

    def _check_transition(self, action):
        """Refuse (UserError) unless every record is in a state ``action`` may be fired
        from; actions call it first when other checks must come after it."""
        transition = self._get_transitions()[action]
        for record in self:
            if record.state not in transition.from_states:
                raise UserError(record._transition_refusal(action, transition))

    def _transition(self, action, vals=None, **kwargs):
        """Fire ``action`` on every record in self, or refuse with a clear error: checks the
        right and every record's state first, then writes each record's new state with
        ``vals`` (one write per record) and calls ``_after_transition`` with ``kwargs``."""
        transition = self._get_transitions()[action]
        self._check_transition_access(action, transition)
        self._check_transition(action)
        for record in self:
            state_from = record.state
            values = dict(vals or {})
            values['state'] = record._transition_target(action, transition, values)
            values = record._transition_values(action, transition, values)
            record = record.with_context(**record._transition_context())
            record.write(values)
            record._after_transition(action, transition, state_from, **kwargs)
        return True
