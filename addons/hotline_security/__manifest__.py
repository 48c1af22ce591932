# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
{
    'name': '12345 Hotline Security',
    'summary': 'Login protection against password guessing, password policy, idle session '
               'timeout and closed debug routes for the 12345 hotline',
    'version': '11.0.1.2.0',
    'category': 'Hotline',
    'author': 'The 12345 Hotline Authors',
    'website': 'https://github.com/hotline-12345',
    'license': 'AGPL-3',
    'depends': [
        'hotline_core',
        'mail',
        'password_security',
        'base_import',
        'bus',
        'iap',
        'web_editor',
    ],
    'data': [
        'security/hotline_security_security.xml',
        'security/ir.model.access.csv',
        'security/hardening_mail.xml',
        'security/hardening_followers.xml',
        'security/hardening_partner.xml',
        'data/ir_config_parameter_data.xml',
        'data/res_company_data.xml',
        'data/ir_cron_data.xml',
        'data/mail_purge_cron_data.xml',
        'data/res_users_data.xml',
        'views/hotline_login_failure_views.xml',
    ],
    'demo': [
        'demo/res_company_demo.xml',
    ],
    'installable': True,
}
