# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""The row type of a transition table (see ``hotline.workflow.mixin``)."""
from collections import namedtuple


class Transition(namedtuple('Transition', 'from_states to_state group label')):
    """One action of a state machine.

    - ``from_states``: the states the action may be fired from (a tuple of codes);
    - ``to_state``: the resulting state, or None when the model decides it per record
      (``_transition_target``: a KB item restored from the recycle bin, a skipped step);
    - ``group``: who may fire it — an XML id of a group for requests and extension requests,
      the right needed on the directory for KB items; None for the steps the system takes on
      behalf of the previous one (assignments follow their request; a skipped step);
    - ``label``: the action's name (translated), shown on the trail and in the errors.

    Read the fields by name, never by position.
    """
    __slots__ = ()

    def __new__(cls, from_states, to_state, group=None, label=None):
        return super().__new__(cls, tuple(from_states), to_state, group, label)
