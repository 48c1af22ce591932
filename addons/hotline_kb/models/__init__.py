# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from . import hotline_kb_directory
from . import hotline_kb_right
from . import hotline_kb_item
from . import hotline_kb_usage
from . import hotline_kb_client
from . import hotline_ticket
from . import ir_attachment
from . import hotline_announcement
