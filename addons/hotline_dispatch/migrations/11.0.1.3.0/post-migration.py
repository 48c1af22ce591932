# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""FL-2: requests without a process (registered before hotline_dispatch was installed)
follow the standard process."""
# a migration script is loaded by path, not as a package: no relative import;
# pylint: disable-next=odoo-addons-relative-import
from odoo.addons.hotline_dispatch.hooks import assign_standard_process


def migrate(cr, version):
    assign_standard_process(cr)
