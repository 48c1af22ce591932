# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""FL-1: process templates now run. The standard process's data is noupdate; on a database
installed before, its callback step sent an unsatisfied citizen's request back to the unit
(a rule that was only shown then): as in the seed, it goes back to the office's review."""


def migrate(cr, version):
    cr.execute("""
        UPDATE hotline_process_step s SET fail_step_id = review.res_id
          FROM ir_model_data callback, ir_model_data handle, ir_model_data review
         WHERE callback.module = 'hotline_dispatch'
           AND callback.name = 'process_standard_callback' AND s.id = callback.res_id
           AND handle.module = 'hotline_dispatch' AND handle.name = 'process_standard_handle'
           AND review.module = 'hotline_dispatch' AND review.name = 'process_standard_review'
           AND s.fail_step_id = handle.res_id""")
