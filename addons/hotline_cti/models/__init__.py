# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from . import asterisk_server
from . import hotline_cti_queue
from . import hotline_cti_agent
from . import hotline_cti_agent_calls
from . import hotline_cti_call
from . import hotline_cti_call_events
from . import hotline_cti_call_dialplan
from . import hotline_ticket
from . import hotline_contact_history
from . import phone_common
from . import hotline_cti_message
from . import hotline_cti_route
from . import hotline_blacklist
