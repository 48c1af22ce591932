# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from . import test_kb_directory
from . import test_kb_item
from . import test_kb_search
from . import test_kb_api
from . import test_kb_assist
from . import test_announcement
from . import test_kb_transfer
from . import test_i18n
