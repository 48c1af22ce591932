# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from . import test_bridge
from . import test_agent
from . import test_popup
from . import test_security
from . import test_lookup
from . import test_api
from . import test_ivr
from . import test_call_control
from . import test_route
from . import test_blacklist_routing
from . import test_i18n
