# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from . import generic_clients
from . import hotline_login_failure
from . import ir_http
from . import res_users
