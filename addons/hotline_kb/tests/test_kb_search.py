# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import io

from .common import KbCase


class TestKbSearch(KbCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Item = cls.env['hotline.kb.item'].sudo(cls.kb_admin)

        def make(name, content, directory=None, keywords=''):
            item = Item.create({'name': name, 'keywords': keywords,
                                'content': '<p>%s</p>' % content,
                                'directory_id': (directory or cls.sub).id})
            item.with_context(hotline_kb_no_review=True).sudo().write({'state': 'published'})
            return item
        cls.pension = make('养老保险关系转移', '跨省流动就业可申请转移养老保险关系。',
                           cls.subsub, keywords='养老 转移')
        cls.card = make('社保卡补办', '社保卡丢失后先挂失再到网点补办。', keywords='社保卡 挂失')
        cls.medical = make('异地就医备案', '通过医保平台办理异地就医备案。', cls.root,
                           keywords='医保 异地')
        cls.both = make('养老保险与医保同时转移', '养老保险和医保可以一并办理转移。', cls.root)

    def _ids(self, query, **kw):
        kw.setdefault('directory_id', self.root.id)  # the fixtures, not the demo data
        return [r['id'] for r in self.env['hotline.kb.item'].sudo(self.agent).kb_search(
            query, **kw)]

    def test_space_means_and(self):
        """KB-7: words separated by a space must all match."""
        self.assertEqual(set(self._ids('养老 转移')), {self.pension.id, self.both.id})
        self.assertEqual(self._ids('养老 挂失'), [])

    def test_or_operators(self):
        """KB-7: `OR`, `-`, `——` and ` 或 ` separate alternatives; items matching more of them
        come first."""
        for query in ('养老保险 OR 医保', '养老保险-医保', '养老保险——医保', '养老保险 或 医保'):
            ids = self._ids(query)
            self.assertEqual(set(ids), {self.pension.id, self.medical.id, self.both.id}, query)
            self.assertEqual(ids[0], self.both.id, '%s: the item matching both terms first'
                             % query)

    def test_title_keywords_content(self):
        """KB-6: title, keywords and content are searched."""
        self.assertEqual(self._ids('补办'), [self.card.id])        # title
        self.assertEqual(self._ids('挂失'), [self.card.id])        # keywords and content
        self.assertEqual(self._ids('流动就业'), [self.pension.id])  # content only

    def test_spoken_query_ignores_particles(self):
        """KB-7: a query typed as spoken ("社保卡丢了") is segmented and its particles ignored."""
        self.assertEqual(self._ids('社保卡丢了'), [self.card.id])

    def test_directory_scope(self):
        """KB-6: search the whole base or one directory with its sub-directories."""
        self.assertEqual(set(self._ids('转移', directory_id=self.sub.id)), {self.pension.id})
        self.assertEqual(set(self._ids('转移')), {self.pension.id, self.both.id})
        self.assertIn(self.env.ref('hotline_kb.kb_item_1').id, self._ids('转移', directory_id=None))

    def test_snippet_highlighted(self):
        """KB-6: the results show a snippet with the terms highlighted."""
        result = self.env['hotline.kb.item'].sudo(self.agent).kb_search(
            '挂失', directory_id=self.root.id)[0]
        self.assertIn('<mark>挂失</mark>', result['snippet'])
        self.assertNotIn('<p>', result['snippet'])

    def test_sort_by_views(self):
        """KB-6, KB-9: results sort by views on request."""
        self.pension.sudo().write({'view_count': 1})
        self.both.sudo().write({'view_count': 50})
        self.assertEqual(self._ids('转移', order='views')[0], self.both.id)
        self.pension.sudo().write({'view_count': 100})
        self.assertEqual(self._ids('转移', order='views')[0], self.pension.id)

    def test_search_respects_rights(self):
        """KB-5, KB-6: the search never returns items the user may not read."""
        hidden = self.env['hotline.kb.item'].sudo(self.kb_admin).create({
            'name': '甲区内部养老口径', 'content': '<p>养老保险内部口径</p>',
            'directory_id': self.unit_sub.id})
        hidden.with_context(hotline_kb_no_review=True).sudo().write({'state': 'published'})
        self.assertNotIn(hidden.id, self._ids('养老保险', directory_id=None))
        self.assertIn(hidden.id, [r['id'] for r in self.env['hotline.kb.item'].sudo(
            self.unit_a_user).kb_search('养老保险')])

    # ------------------------------------------------------------------ attachments
    def _item_with_file(self, filename, data):
        item = self.env['hotline.kb.item'].sudo(self.kb_admin).create({
            'name': '附件测试 %s' % filename, 'directory_id': self.sub.id})
        item.with_context(hotline_kb_no_review=True).sudo().write({'state': 'published'})
        self._attach(item, filename, data)
        return item

    def test_attachment_docx(self):
        """KB-6: the text of a Word .docx attachment is searchable."""
        import docx
        document = docx.Document()
        document.add_paragraph('灵活就业人员参保登记需要携带户口簿。')
        buf = io.BytesIO()
        document.save(buf)
        item = self._item_with_file('参保登记.docx', buf.getvalue())
        self.assertEqual(self._ids('户口簿'), [item.id])

    def test_attachment_xlsx(self):
        """KB-6: the text of an Excel .xlsx attachment is searchable."""
        import xlsxwriter
        buf = io.BytesIO()
        book = xlsxwriter.Workbook(buf, {'in_memory': True})
        sheet = book.add_worksheet()
        sheet.write(0, 0, '缴费档次')
        sheet.write(1, 0, '城乡居民养老保险年缴费标准')
        book.close()
        item = self._item_with_file('缴费标准.xlsx', buf.getvalue())
        self.assertEqual(self._ids('缴费档次'), [item.id])

    def test_attachment_txt(self):
        """KB-6: the text of a .txt attachment (UTF-8 or GB18030) is searchable."""
        item = self._item_with_file('说明.txt', '失业保险金申领条件说明'.encode('gb18030'))
        self.assertEqual(self._ids('失业保险金'), [item.id])

    def test_attachment_pdf(self):
        """KB-6: the text of a PDF attachment is searchable."""
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.pdfgen import canvas
        pdfmetrics.registerFont(UnicodeCIDFont('STSong-Light'))
        buf = io.BytesIO()
        pdf = canvas.Canvas(buf, pagesize=A4)
        pdf.setFont('STSong-Light', 14)
        pdf.drawString(72, 750, '生育津贴申领流程')
        pdf.save()
        item = self._item_with_file('生育.pdf', buf.getvalue())
        self.assertEqual(self._ids('生育津贴'), [item.id])

    def test_attachment_html(self):
        """KB-6: the text of an HTML attachment is searchable, markup excluded."""
        html = '<html><body><h1>工伤认定</h1><p>工伤认定申请时限为一年</p>' \
               '<script>var secretword = 1;</script></body></html>'
        item = self._item_with_file('工伤.html', html.encode('utf-8'))
        self.assertEqual(self._ids('工伤认定'), [item.id])
        self.assertEqual(self._ids('secretword'), [])


class TestKbPinyinSearch(KbCase):
    """KB-7, KB-8, issue #16: pinyin (full or initials) finds knowledge items in every search
    box, and the back end's list search finds what the search page finds."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Item = cls.env['hotline.kb.item'].with_context(hotline_kb_no_review=True)
        cls.card = Item.create({
            'name': '社保卡丢失如何补办', 'keywords': '社保卡 补办 挂失',
            'content': '<p>先拨打12333挂失，再带身份证到网点补办。</p>',
            'directory_id': cls.sub.id, 'state': 'published', 'visibility': 'external'})
        cls.other = Item.create({
            'name': '公交线路调整咨询', 'keywords': '公交 线路',
            'content': '<p>线路调整以公交集团公告为准。</p>',
            'directory_id': cls.sub.id, 'state': 'published', 'visibility': 'external'})

    def test_pinyin_everywhere(self):
        """KB-8: ``shebao``, ``sbk`` and ``SheBaoKa`` find 社保卡丢失如何补办 by name search
        (the 'Answered With' picker), in the back end's search box and in kb_search (the
        search page and the public search); the bus item is not found."""
        Item = self.env['hotline.kb.item'].sudo(self.agent)
        for key in ('shebao', 'sbk', 'SheBaoKa', 'guashi'):
            with self.subTest(key=key):
                found = [i for i, __ in Item.name_search(key)]
                self.assertIn(self.card.id, found)
                self.assertNotIn(self.other.id, found)
                listed = Item.search([('search_text', 'ilike', key)])
                self.assertIn(self.card, listed)
                self.assertNotIn(self.other, listed)
                ids = [r['id'] for r in Item.kb_search(key)]
                self.assertIn(self.card.id, ids)
                self.assertNotIn(self.other.id, ids)
                public = [r['id'] for r in Item.kb_search(key, visibility='external')]
                self.assertIn(self.card.id, public)

    def test_list_search_finds_what_the_search_page_finds(self):
        """KB-7, issue #16: words only in the content (网点, 身份证) or an OR query find the
        same items in the back end's list search as on the search page."""
        Item = self.env['hotline.kb.item'].sudo(self.agent)
        for query in ('网点', '身份证 补办', '网点 OR 公交集团'):
            with self.subTest(query=query):
                page = {r['id'] for r in Item.kb_search(query, limit=100)}
                listed = set(Item.search([('search_text', 'ilike', query),
                                          ('id', 'in', (self.card | self.other).ids)]).ids)
                self.assertTrue(page)
                self.assertEqual(listed, page & set((self.card | self.other).ids))
