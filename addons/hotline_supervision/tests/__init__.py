# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from . import test_calendar
from . import test_policy
from . import test_cards
from . import test_exactly_once
from . import test_supervision_lists
from . import test_supervision_i18n
