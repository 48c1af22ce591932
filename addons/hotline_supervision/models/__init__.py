# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from . import hotline_calendar_day
from . import hotline_time_policy
from . import hotline_supervision_card
from . import hotline_unit
from . import hotline_ticket
from . import hotline_ticket_assignment
from . import hotline_ticket_extension
