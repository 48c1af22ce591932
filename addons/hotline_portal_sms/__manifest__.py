# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
{
    'name': '12345 Hotline Portal SMS',
    'summary': 'Website and WeChat by SMS: request number texted back, query-password '
               'recovery by an SMS code, verified WeChat phone binding',
    'version': '11.0.1.0.0',
    'category': 'Hotline',
    'author': 'The 12345 Hotline Authors',
    'website': 'https://github.com/hotline-12345',
    'license': 'AGPL-3',
    'depends': [
        'hotline_portal',
        'hotline_sms',
    ],
    'external_dependencies': {
        'python': ['passlib'],
    },
    'data': [
        'security/ir.model.access.csv',
        'data/hotline_sms_template_data.xml',
        'data/ir_cron_data.xml',
        'views/website_templates.xml',
    ],
    'installable': True,
    'auto_install': True,
}
