# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from . import hotline_assignment_part_mixin
from . import hotline_return_reason
from . import hotline_dispatch_rule
from . import hotline_ticket
from . import hotline_ticket_process
from . import hotline_ticket_dispatch_stat
from . import hotline_ticket_auto_dispatch
from . import hotline_ticket_actions
from . import hotline_ticket_assignment
from . import hotline_ticket_handling
from . import hotline_ticket_extension
from . import hotline_desk_queue
from . import hotline_process_template
from . import res_users
