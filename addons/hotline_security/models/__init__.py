# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from . import generic_clients
from . import hotline_document_access
from . import hotline_login_failure
from . import ir_attachment
from . import ir_http
from . import mail_activity
from . import mail_alias
from . import mail_followers
from . import mail_mail
from . import mail_message
from . import mail_template
from . import res_partner
from . import res_users
from . import rpc_guard
