# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
{
    'name': '12345 Hotline Citizen Portal',
    'summary': 'Citizens submit and track requests on the website and the portal; '
               'public case list, hot questions, announcements; app JSON API; '
               'e-mail intake; WeChat; partner-system gateway',
    'version': '11.0.1.2.0',
    'category': 'Hotline',
    'author': 'The 12345 Hotline Authors',
    'website': 'https://github.com/hotline-12345',
    'license': 'AGPL-3',
    'depends': [
        'hotline_core',
        'mail',
        'portal',
        'website',
        'website_form',
    ],
    'external_dependencies': {
        'python': ['passlib', 'cryptography'],
    },
    'data': [
        'security/hotline_portal_security.xml',
        'security/ir.model.access.csv',
        'data/ir_config_parameter_data.xml',
        'data/mail_template_data.xml',
        'data/ir_cron_data.xml',
        'data/website_data.xml',
        'views/assets.xml',
        'views/portal_templates.xml',
        'views/website_templates.xml',
        'views/website_layout.xml',
        'views/hotline_ticket_views.xml',
        'views/hotline_portal_announcement_views.xml',
        'views/hotline_portal_phone_views.xml',
        'views/hotline_portal_client_views.xml',
        'wizards/hotline_portal_photo_redact_views.xml',
        'views/menus.xml',
    ],
    'demo': [
        'demo/hotline_portal_demo.xml',
    ],
    'installable': True,
}
