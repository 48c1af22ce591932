# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from . import test_dispatch_flow
from . import test_dispatch_concurrency
from . import test_dispatch_rules
from . import test_dispatch_i18n
from . import test_dispatch_templates
from . import test_desk_home
from . import test_demo_trail
