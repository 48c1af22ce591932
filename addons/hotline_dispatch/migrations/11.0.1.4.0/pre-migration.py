# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""DS-5: shares are computed when suggesting (from hits, including the hits learned since the
last fold), no longer stored: a close no longer updates rows that other closes update too."""


def migrate(cr, version):
    cr.execute('ALTER TABLE IF EXISTS hotline_dispatch_stat DROP COLUMN IF EXISTS share')
