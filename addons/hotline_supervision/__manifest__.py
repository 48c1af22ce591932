# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
{
    'name': '12345 Hotline Supervision',
    'summary': 'Time-limit policies in Chinese working days, pre-warnings, yellow and red '
               'cards, supervision lists',
    'version': '11.0.1.1.0',
    'category': 'Hotline',
    'author': 'The 12345 Hotline Authors',
    'website': 'https://github.com/hotline-12345',
    'license': 'AGPL-3',
    'depends': [
        'hotline_dispatch',
        'hotline_sms',
    ],
    'external_dependencies': {
        'python': ['chinese_calendar'],
    },
    'data': [
        'security/ir.model.access.csv',
        'security/hotline_supervision_security.xml',
        'data/ir_config_parameter_data.xml',
        'data/hotline_time_policy_data.xml',
        'data/ir_cron_data.xml',
        'views/hotline_calendar_day_views.xml',
        'views/hotline_time_policy_views.xml',
        'views/hotline_supervision_card_views.xml',
        'views/hotline_ticket_views.xml',
        'views/hotline_ticket_assignment_views.xml',
        'views/hotline_unit_views.xml',
        'wizards/hotline_calendar_import_views.xml',
        'views/menus.xml',
        'data/hotline_desk_queue_data.xml',
    ],
    'demo': [
        'demo/hotline_supervision_demo.xml',
    ],
    'installable': True,
}
