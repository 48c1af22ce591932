# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
{
    'name': '12345 Hotline Knowledge Base',
    'summary': 'Knowledge directories, items with approval and expiry, Chinese full-text '
               'search, agent assist, a third-party search interface, and internal '
               'announcements',
    'version': '11.0.1.0.0',
    'category': 'Hotline',
    'author': 'The 12345 Hotline Authors',
    'website': 'https://github.com/hotline-12345',
    'license': 'AGPL-3',
    'depends': [
        'hotline_core',
    ],
    'external_dependencies': {
        'python': ['jieba', 'pypinyin', 'docx', 'pdfminer', 'xlrd', 'lxml'],
    },
    'data': [
        'security/hotline_kb_security.xml',
        'security/ir.model.access.csv',
        'data/hotline_kb_cron.xml',
        'data/hotline_announcement_type_data.xml',
        'views/hotline_kb_directory_views.xml',
        'views/hotline_kb_item_views.xml',
        'views/hotline_kb_client_views.xml',
        'views/hotline_ticket_views.xml',
        'views/hotline_kb_templates.xml',
        'views/hotline_announcement_views.xml',
        'views/menus.xml',
        'wizards/hotline_kb_transfer_views.xml',
    ],
    'demo': [
        'demo/hotline_kb_demo.xml',
    ],
    'installable': True,
}
