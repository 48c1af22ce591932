# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
{
    'name': '12345 Hotline Dispatch',
    'summary': 'Dispatch to units, multi-level unit handling, audit, callback and closing '
               'of citizen requests',
    'version': '11.0.1.6.0',
    'category': 'Hotline',
    'author': 'The 12345 Hotline Authors',
    'website': 'https://github.com/hotline-12345',
    'license': 'AGPL-3',
    'depends': [
        'hotline_core',
        'web_notify',
    ],
    'external_dependencies': {
        'python': ['jieba'],
    },
    'data': [
        'security/ir.model.access.csv',
        'security/hotline_dispatch_security.xml',
        'data/hotline_return_reason_data.xml',
        'data/ir_config_parameter_data.xml',
        'data/ir_cron_data.xml',
        'data/hotline_process_template_data.xml',
        'views/hotline_process_template_views.xml',
        'views/hotline_dispatch_rule_views.xml',
        'views/hotline_return_reason_views.xml',
        'views/hotline_ticket_assignment_views.xml',
        'views/hotline_ticket_extension_views.xml',
        'views/hotline_ticket_templates.xml',
        'views/hotline_ticket_views.xml',
        'views/hotline_desk_queue_views.xml',
        'wizards/hotline_dispatch_wizard_views.xml',
        'wizards/hotline_assignment_wizard_views.xml',
        'views/menus.xml',
        'data/hotline_desk_queue_data.xml',
        'views/assets.xml',
    ],
    'demo': [
        'demo/hotline_dispatch_demo.xml',
    ],
    'post_init_hook': 'post_init_hook',
    'installable': True,
}
