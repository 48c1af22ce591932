# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
{
    'name': '12345 Hotline Portal Dispatch',
    'summary': 'Website and dispatch: default receiving unit by request type for website '
               'submissions (CH-9); public data broadcast by unit (CH-7)',
    'version': '11.0.1.0.0',
    'category': 'Hotline',
    'author': 'The 12345 Hotline Authors',
    'website': 'https://github.com/hotline-12345',
    'license': 'AGPL-3',
    'depends': [
        'hotline_portal',
        'hotline_dispatch',
    ],
    'data': [
        'security/ir.model.access.csv',
        'views/hotline_portal_type_unit_views.xml',
        'views/website_templates.xml',
    ],
    'demo': [
        'demo/hotline_portal_type_unit_demo.xml',
    ],
    'installable': True,
    'auto_install': True,
}
