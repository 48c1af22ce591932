# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
{
    'name': '12345 Hotline SMS',
    'summary': 'SMS platform: outbox with retries, Kannel gateway with delivery reports, '
               'inbound SMS requests, templates, phrases, groups, dispatch reminders',
    'version': '11.0.1.1.0',
    'category': 'Hotline',
    'author': 'The 12345 Hotline Authors',
    'website': 'https://github.com/hotline-12345',
    'license': 'AGPL-3',
    'depends': [
        'hotline_core',
        'hotline_dispatch',
    ],
    'external_dependencies': {
        'python': ['requests', 'phonenumbers'],
    },
    'data': [
        'security/hotline_sms_security.xml',
        'security/ir.model.access.csv',
        'data/ir_config_parameter_data.xml',
        'data/ir_cron_data.xml',
        'data/hotline_sms_template_data.xml',
        'views/hotline_sms_message_views.xml',
        'views/hotline_sms_gateway_views.xml',
        'views/hotline_sms_template_views.xml',
        'views/hotline_ticket_views.xml',
        'wizards/hotline_sms_compose_views.xml',
        'views/menus.xml',
    ],
    'demo': [
        'demo/hotline_sms_demo.xml',
    ],
    'installable': True,
}
