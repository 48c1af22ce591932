# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).


def assign_standard_process(cr):
    """FL-2: requests registered before this module (or before process templates ran) follow
    the standard process from now on, so that their diagram, step deadlines and control
    rules work; one UPDATE, whatever the number of requests."""
    cr.execute("""
        UPDATE hotline_ticket t SET process_template_id = d.res_id
          FROM ir_model_data d, hotline_process_template p
         WHERE d.module = 'hotline_dispatch' AND d.name = 'process_standard'
           AND p.id = d.res_id AND p.state = 'published'
           AND t.process_template_id IS NULL""")


def post_init_hook(cr, registry):
    assign_standard_process(cr)
