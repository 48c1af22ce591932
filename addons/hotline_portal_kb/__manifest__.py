# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
{
    'name': '12345 Hotline Portal Knowledge',
    'summary': 'Website and knowledge base: citizens search the external knowledge items '
               '(CH-6)',
    'version': '11.0.1.0.0',
    'category': 'Hotline',
    'author': 'The 12345 Hotline Authors',
    'website': 'https://github.com/hotline-12345',
    'license': 'AGPL-3',
    'depends': [
        'hotline_portal',
        'hotline_kb',
    ],
    'data': [
        'security/ir.model.access.csv',
        'views/website_templates.xml',
    ],
    'installable': True,
    'auto_install': True,
}
