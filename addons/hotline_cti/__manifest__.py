# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
{
    'name': '12345 Hotline CTI',
    'summary': 'Asterisk bridge: agent states, screen pop, call records, '
               'queue monitor and supervisor actions',
    'version': '11.0.1.0.0',
    'category': 'Hotline',
    'author': 'The 12345 Hotline Authors',
    'website': 'https://github.com/hotline-12345',
    'license': 'AGPL-3',
    'depends': [
        'hotline_core',
        'bus',
        'asterisk_click2dial',
    ],
    'external_dependencies': {
        'python': ['chinese_calendar'],
    },
    'data': [
        'security/hotline_cti_security.xml',
        'security/ir.model.access.csv',
        'views/asterisk_server_views.xml',
        'views/hotline_cti_queue_views.xml',
        'views/hotline_cti_agent_views.xml',
        'views/hotline_cti_call_views.xml',
        'views/hotline_cti_route_views.xml',
        'views/hotline_blacklist_views.xml',
        'views/hotline_ticket_views.xml',
        'wizards/hotline_cti_message_send_views.xml',
        'views/assets.xml',
        'views/menus.xml',
    ],
    'demo': [
        'demo/hotline_cti_demo.xml',
    ],
    'qweb': [
        'static/src/xml/hotline_cti.xml',
    ],
    'installable': True,
}
