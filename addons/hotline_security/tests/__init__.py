# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from . import test_i18n
from . import test_policy
from . import test_attack_attachment
from . import test_attack_mail
from . import test_attack_alias
from . import test_attack_template
from . import test_rpc_guard
from . import test_attack_membership
