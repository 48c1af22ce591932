#!/usr/bin/env python
"""KB-6, KB-7: knowledge search latency over 100,000 Chinese items with attachment text, and
indexing time per item.

    .venv/bin/python bench/bench_kb.py                      # 100,000 items, 300 queries
    .venv/bin/python bench/bench_kb.py --items 5000 --queries 50   # smoke run

1. Copies the test template database (hotline_core + hotline_kb with demo data, built by
   ``HOTLINE_MODULES=hotline_core,hotline_kb HOTLINE_TEST_DB=hotline_test_kb ./hotline test``)
   to ``hotline_bench_kb`` (never touches the demo or test databases).
2. Indexing through the ORM: ``--orm-items`` items created with ``hotline.kb.item.create`` (jieba
   segmentation, stored index text, the generated tsvector column, GIN index update), and the
   extraction time of real .docx/.xlsx/.pdf/.txt/.html attachments.
3. Bulk load: ``--items`` items of generated Chinese text (title, keywords, ~300 characters of
   content, ~600 characters of attachment text) segmented by the module's own ``segment()``
   and inserted with SQL in batches (the tsvector is computed by PostgreSQL).
4. Search: ``--queries`` queries (single words, AND, each OR form) through ``kb_search`` as the
   demo agent (record rules applied), then as the third-party endpoint does (superuser,
   external only); median and p95 in milliseconds. A baseline without the index
   (``ILIKE`` over the plain text) is measured on a few queries for comparison.

Generated text: domain words of the hotline (30 %), general words from jieba's dictionary
drawn with a Zipf-like law (50 %) and function words, so that common terms match a large share
of the base (the hard case for ranking) and rare ones few items.
"""
import argparse
import base64
import io
import os
import random
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

WORDS = ('社保 医保 养老保险 失业保险 工伤 生育津贴 公积金 户口 迁入 落户 身份证 居住证 驾驶证 '
         '违章 公交 地铁 线路 停车 个税 汇算 退税 发票 营业执照 企业 注册 登记 补办 挂失 转移 '
         '接续 缴费 标准 年度 待遇 领取 资格认证 异地 就医 备案 报销 门诊 住院 慢性病 城乡居民 '
         '职工 退休 灵活就业 参保 申请 材料 流程 时限 窗口 网点 手机 App 线上 办理 咨询 投诉 '
         '物业 供暖 供水 燃气 拆迁 补偿 学区 入学 招生 疫苗 接种 医院 预约 挂号 残疾人 低保 '
         '救助 补贴 租房 公租房 人才 引进 创业 贷款 就业 培训 证书 劳动 合同 工资 拖欠 仲裁').split()
FILLER = '的 了 和 与 及 可 需 在 按 向 由 为 对 将 根据 规定 办理 相关 部门 市民 政策 要求'.split()


VOCAB = []  # filled from jieba's dictionary: realistic, Zipf-distributed general vocabulary


def load_vocab(size=30000):
    import jieba
    jieba.initialize()
    words = sorted(((w, f) for w, f in jieba.dt.FREQ.items()
                    if f > 0 and len(w) >= 2 and all('\u4e00' <= c <= '\u9fff' for c in w)),
                   key=lambda wf: -wf[1])
    VOCAB.extend(w for w, _f in words[:size])


def sentence(rng, n):
    """Domain words (30 %), general words drawn with a Zipf-like law (50 %), fillers."""
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.3:
            out.append(rng.choice(WORDS))
        elif r < 0.8:
            out.append(VOCAB[min(int(rng.paretovariate(0.6)) - 1, len(VOCAB) - 1)])
        else:
            out.append(rng.choice(FILLER))
    return ''.join(out) + '。'


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100.0
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def make_files():
    """One small file of each supported type, as agents upload them."""
    import docx
    import xlsxwriter
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas
    text = '城乡居民养老保险缴费标准和领取条件说明，灵活就业人员参保登记需要携带身份证。' * 20
    files = {}
    document = docx.Document()
    for _ in range(10):
        document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    files['docx'] = buf.getvalue()
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {'in_memory': True})
    sheet = book.add_worksheet()
    for row in range(200):
        sheet.write(row, 0, '第%d档' % row)
        sheet.write(row, 1, text[:40])
    book.close()
    files['xlsx'] = buf.getvalue()
    pdfmetrics.registerFont(UnicodeCIDFont('STSong-Light'))
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    pdf.setFont('STSong-Light', 10)
    for i in range(40):
        pdf.drawString(40, 800 - i * 18, text[:50])
    pdf.save()
    files['pdf'] = buf.getvalue()
    files['txt'] = (text * 5).encode('utf-8')
    files['html'] = ('<html><body>%s</body></html>' % ('<p>%s</p>' % text * 10)).encode()
    return files


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--config', default=os.path.join(
        ROOT, '.local', 'odoo-test-hotline_test_kb.conf'))
    parser.add_argument('--template', default='hotline_test_kb_template')
    parser.add_argument('--db', default='hotline_bench_kb')
    parser.add_argument('--items', type=int, default=100000)
    parser.add_argument('--orm-items', type=int, default=300)
    parser.add_argument('--queries', type=int, default=300)
    parser.add_argument('--reuse', action='store_true', help='keep the loaded database')
    parser.add_argument('--seed', type=int, default=12345)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    load_vocab()

    import odoo
    odoo.tools.config.parse_config(['-c', args.config, '--log-level=warn'])
    if not args.reuse:
        subprocess.check_call([sys.executable, os.path.join(ROOT, 'tools', 'hotline_db.py'),
                               '--config', args.config, 'clone', args.template, args.db])
    from odoo.addons.hotline_kb.tools import kb_text
    registry = odoo.registry(args.db)
    report = []
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {'tracking_disable': True,
                                                           'mail_create_nolog': True})
        Item = env['hotline.kb.item'].with_context(hotline_kb_no_review=True)
        Directory = env['hotline.kb.directory']
        kb_text.segment('预热分词词典')  # load jieba's dictionary before timing

        # -- attachment extraction per file type
        files = make_files()
        report.append('| attachment type | size (KB) | text extraction (ms) |')
        report.append('|---|---|---|')
        for ext, data in files.items():
            t0 = time.perf_counter()
            for _ in range(5):
                text = kb_text.extract_text(data, 'f.%s' % ext)
            ms = (time.perf_counter() - t0) * 1000 / 5
            assert '养老保险' in text, ext
            report.append('| %s | %.1f | %.1f |' % (ext, len(data) / 1024.0, ms))

        # -- directories
        tops = Directory.search([('parent_id', '=', False)])
        dirs = []
        for top in tops:
            for i in range(10):
                dirs.append(Directory.create({'name': '%s子目录%d' % (top.name, i),
                                              'parent_id': top.id}).id)

        # -- ORM indexing
        times = []
        for i in range(args.orm_items):
            vals = {'name': sentence(rng, 5)[:-1], 'keywords': ' '.join(rng.sample(WORDS, 3)),
                    'content': '<p>%s</p>' % ''.join(sentence(rng, 12) for _ in range(6)),
                    'directory_id': rng.choice(dirs), 'state': 'published',
                    'visibility': 'external'}
            if i % 10 == 0:
                ext = rng.choice(list(files))
                vals['attachment_ids'] = [(0, 0, {
                    'name': 'a.%s' % ext, 'datas_fname': 'a.%s' % ext,
                    'datas': base64.b64encode(files[ext]), 'res_model': 'hotline.kb.item'})]
            t0 = time.perf_counter()
            Item.create(vals)
            times.append((time.perf_counter() - t0) * 1000)
        orm_ms = statistics.median(times)
        t0 = time.perf_counter()
        for _ in range(200):
            kb_text.segment(''.join(sentence(rng, 12) for _ in range(20)))
        seg_ms = (time.perf_counter() - t0) * 1000 / 200

        # -- bulk load
        t_load = time.perf_counter()
        batch = []
        cr.execute('SELECT count(*) FROM hotline_kb_item')
        before = cr.fetchone()[0]

        def flush():
            if batch:
                cr.execute(
                    'INSERT INTO hotline_kb_item (name, keywords, content, directory_id, state,'
                    ' visibility, attachment_text, index_text, index_title, view_count,'
                    ' usage_count,'
                    ' date_published, create_uid, write_uid, create_date, write_date) VALUES '
                    + ','.join(['(%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,0,now(),1,1,now(),now())']
                               * len(batch)),
                    [v for row in batch for v in row])
                batch.clear()
        for i in range(args.items):
            name = sentence(rng, 5)[:-1]
            keywords = ' '.join(rng.sample(WORDS, 3))
            content = ''.join(sentence(rng, 12) for _ in range(5))
            attachment = ''.join(sentence(rng, 12) for _ in range(10))
            index = kb_text.segment('\n'.join([name, keywords, content, attachment]))
            batch.append((name, keywords, '<p>%s</p>' % content, rng.choice(dirs),
                          'published', rng.choice(['internal', 'external']), attachment,
                          index, kb_text.segment(name + ' ' + keywords),
                          rng.randint(0, 5000)))
            if len(batch) == 1000:
                flush()
        flush()
        load_s = time.perf_counter() - t_load
        cr.execute('ANALYZE hotline_kb_item')
        cr.commit()
        cr.execute('SELECT count(*) FROM hotline_kb_item')
        total = cr.fetchone()[0]

        # -- search
        agent = env.ref('hotline_core.user_agent', raise_if_not_found=False) or \
            env['res.users'].search([('login', '=', 'agent')])
        forms = ['{a}', '{a} {b}', '{a} OR {b}', '{a}-{b}', '{a}——{b}', '{a} 或 {b}',
                 '{a} {b} OR {c}']

        def term():  # half domain words, half general words of middling frequency
            return rng.choice(WORDS) if rng.random() < 0.5 else rng.choice(VOCAB[200:5000])
        queries = [rng.choice(forms).format(a=term(), b=term(), c=term())
                   for _ in range(args.queries)]
        results = {}
        for label, model in (('agent (record rules)', Item.sudo(agent.id)),
                             ('third-party endpoint (external)', Item)):
            lat = []
            for q in queries:
                t0 = time.perf_counter()
                if label.startswith('third'):
                    model.kb_search(q, limit=10, visibility='external')
                else:
                    model.kb_search(q, limit=10)
                lat.append((time.perf_counter() - t0) * 1000)
            results[label] = lat
        # baseline: no index, ILIKE over the plain text (what a naive search does)
        base = []
        for q in queries[:10]:
            word = q.split()[0].split('-')[0].split('——')[0]
            t0 = time.perf_counter()
            cr.execute("""SELECT id FROM hotline_kb_item
                           WHERE state = 'published' AND (name ILIKE %s OR content ILIKE %s
                                 OR attachment_text ILIKE %s) LIMIT 10""",
                       ['%' + word + '%'] * 3)
            cr.fetchall()
            base.append((time.perf_counter() - t0) * 1000)
        cr.execute("SELECT pg_size_pretty(pg_relation_size('hotline_kb_item_index_tsv_idx'))")
        gin_size = cr.fetchone()[0]
        cr.execute("SELECT pg_size_pretty(pg_total_relation_size('hotline_kb_item'))")
        table_size = cr.fetchone()[0]
        cr.execute("""EXPLAIN SELECT id FROM hotline_kb_item
                       WHERE index_tsv @@ plainto_tsquery('simple', '养老保险')""")
        plan = ' '.join(r[0].strip() for r in cr.fetchall())

    lines = ['# hotline_kb search benchmark', '',
             'items in the base: %d (%d loaded in bulk, %d through the ORM, %d demo)' % (
                 total, args.items, args.orm_items, before - args.orm_items),
             '', '| measure | value |', '|---|---|',
             '| indexing through the ORM (create, median per item) | %.1f ms |' % orm_ms,
             '| jieba segmentation of ~1,000 characters | %.2f ms |' % seg_ms,
             '| bulk load incl. segmentation, per item | %.2f ms |' % (
                 load_s * 1000 / max(args.items, 1)),
             '| GIN index / table size | %s / %s |' % (gin_size, table_size)]
    for label, lat in results.items():
        lines.append('| search as %s: median / p95 / max | %.1f / %.1f / %.1f ms |' % (
            label, statistics.median(lat), percentile(lat, 95), max(lat)))
    lines.append('| baseline ILIKE without index, one word: median | %.1f ms |'
                 % statistics.median(base))
    lines += ['', 'query plan: `%s`' % plan[:300], ''] + report
    out = '\n'.join(lines)
    print(out)
    os.makedirs(os.path.join(ROOT, 'bench', 'out'), exist_ok=True)
    with open(os.path.join(ROOT, 'bench', 'out', 'bench_kb.md'), 'w') as f:
        f.write(out + '\n')


if __name__ == '__main__':
    main()
