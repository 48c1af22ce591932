#!/usr/bin/env python
"""Benchmark: duplicate screening (TK-6) and the default request list on 1,000,000 requests.

    .venv/bin/python bench/bench_duplicates.py [--rows 1000000] [--samples 200] [--runs 50]
                                               [--reload] [--db hotline_bench]

1. Creates (or reuses) database ``hotline_bench`` with hotline_core installed, no demo data.
2. Creates master data through the ORM (categories, units, agents, one unit handler) and loads
   ``--rows`` hotline_ticket rows with one set-based INSERT … SELECT generate_series (the table's
   secondary indexes are dropped during the load and re-created from their own definitions),
   links ~80 % of the requests to units in hotline_ticket_unit_rel (1 % to the unit handler's
   district), fills the stored ``title_keywords`` set-based (jieba once per distinct title,
   COPY into a temp table, UPDATE … FROM), VACUUM FULL, re-creates the indexes, then ANALYZE.
   A second run reuses the data unless --reload is given.
3. Times the duplicate counters on ``env['hotline.ticket'].new({...})`` for ``--samples``
   different phone/name/title values (p50/p95/max): ``new()`` with all three counters, each
   compute alone (``_compute_dup_phone_count`` / ``_name_`` / ``_content_``), each query alone
   and ``title_keywords()`` (jieba) alone; EXPLAIN ANALYZEs every content query (does it use the
   keywords GIN index, how many rows it rechecks) and checks the "similar content" hits
   against the generator's truth (same place and issue).
4. Times the default list an agent sees: search(register_date >= one month ago, limit=80,
   default order) + search_count + read of the list view's fields, ``--runs`` times, as admin
   (uid 1, which bypasses record rules in Odoo 11), as an agent (centre rule 1=1) and as a unit
   handler (record rule unit_ids child_of user's units).

Prints a results table and writes bench/out/duplicates.md.
"""
import argparse
import datetime
import io
import json
import os
import random
import re
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _common as C  # noqa: E402

DB = 'hotline_bench'

# ---------------------------------------------------------------- vocabularies
PLACES = ['阳光花园小区', '幸福里社区', '和平街道', '东城区人民医院', '滨江路', '人民公园', '第三中学',
          '解放路菜市场', '金色家园', '翠苑一区', '城南汽车站', '长江路与黄河路交叉口', '文化广场',
          '世纪新城', '锦绣江南小区', '地铁2号线西门站', '开发区管委会', '南湖村', '工人新村',
          '丽景湾', '中山北路', '体育中心', '新华书店旁', '紫荆花园', '高新区创业大厦', '老城区棚户区',
          '建设路38号', '红星美凯龙', '火车站北广场', '东方明珠小区', '西湖街道', '龙湖天街',
          '明月小学', '北郊垃圾站', '沿江大道', '光明社区卫生服务站', '桃源新村', '财富中心',
          '青年路公交站', '湖滨花园']
ISSUES = ['噪音扰民', '电梯故障', '停水', '停电', '物业乱收费', '路灯不亮', '垃圾清运不及时',
          '占道经营', '违章建筑', '油烟污染', '井盖缺失', '道路积水', '供暖不热', '燃气泄漏隐患',
          '拖欠工资', '房屋漏水', '违规停车', '公交线路调整咨询', '医保报销咨询', '社保缴纳咨询',
          '户口迁移咨询', '学位申请咨询', '施工夜间扰民', '广场舞噪音', '餐饮店无证经营',
          '流浪犬伤人', '绿化带毁坏', '网络诈骗求助', '快递柜收费', '小区消防通道堵塞',
          '出租车拒载', '公厕脏乱', '下水道堵塞', '房产证办理缓慢', '退休金发放咨询',
          '校外培训退费', '预付卡退费难', '食品安全问题', '噪声污染', '树木倒伏']
SUFFIXES = ['', '', '', '问题', '，请尽快处理', '（反复反映）', '，多次反映未解决', '，要求答复',
            '情况', '的投诉', '的建议', '，希望相关部门处理']
SURNAMES = list('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹')
GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟',
         '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '建华', '建国', '志强', '海燕', '红梅',
         '晓东', '晓燕', '国强', '文', '斌', '鹏', '辉', '玉兰', '婷', '雪', '浩', '宇']
DISTRICTS = ['东城区', '西城区', '南湖区', '北郊区', '高新区', '开发区', '滨江区', '城南区']
BUREAUS = ['住房和城乡建设局', '城市管理局', '生态环境局', '交通运输局', '市场监督管理局', '公安局',
           '人力资源和社会保障局', '教育局', '卫生健康委员会', '水务局', '供电公司', '燃气集团',
           '自然资源和规划局', '民政局', '医疗保障局', '文化和旅游局', '应急管理局', '商务局',
           '农业农村局', '税务局']
CATEGORIES = ['城乡建设', '物业管理', '环境保护', '交通运输', '市场监管', '社会治安', '劳动保障',
              '教育', '医疗卫生', '供水', '供电', '供气', '城市管理', '民政', '医保', '文化旅游',
              '安全生产', '消费维权', '农业农村', '其他']

LIST_FIELDS = ['name', 'register_date', 'ticket_type', 'channel', 'title', 'contact_name',
               'contact_phone', 'category_id', 'bureau_id', 'state', 'process_state',
               'supervision_state', 'date_deadline', 'urgent', 'is_overdue']


# ---------------------------------------------------------------- master data (ORM)
def ensure_masters(registry):
    """Categories, units, 5 agents and one unit handler, created once (committed)."""
    import odoo
    with C.odoo_env(registry, odoo.SUPERUSER_ID, commit=True) as env:
        Cat, Unit, Users = env['hotline.category'], env['hotline.unit'], env['res.users']
        for i, name in enumerate(CATEGORIES, 1):
            if not Cat.search([('code', '=', 'BC%02d' % i)]):
                Cat.create({'name': name, 'code': 'BC%02d' % i})
        for i, name in enumerate(BUREAUS, 1):
            if not Unit.search([('code', '=', 'BB%02d' % i)]):
                Unit.create({'name': name, 'code': 'BB%02d' % i, 'unit_type': 'bureau'})
        for i, name in enumerate(DISTRICTS, 1):
            district = Unit.search([('code', '=', 'BD%02d' % i)])
            if not district:
                district = Unit.create({'name': name, 'code': 'BD%02d' % i,
                                        'unit_type': 'district'})
            for j in range(1, 4):
                if not Unit.search([('code', '=', 'BD%02dS%d' % (i, j))]):
                    Unit.create({'name': '%s第%d街道' % (name, j), 'code': 'BD%02dS%d' % (i, j),
                                 'unit_type': 'street', 'parent_id': district.id})
        agent_group = env.ref('hotline_core.group_hotline_agent')
        for i in range(1, 6):
            login = 'bench_agent%d' % i
            if not Users.with_context(active_test=False).search([('login', '=', login)]):
                Users.with_context(no_reset_password=True).create({
                    'name': '话务员%d' % i, 'login': login, 'password': login,
                    'groups_id': [(6, 0, [agent_group.id])], 'tz': 'Asia/Shanghai'})
        if not Users.with_context(active_test=False).search([('login', '=', 'bench_unit')]):
            Users.with_context(no_reset_password=True).create({
                'name': '东城区经办人', 'login': 'bench_unit', 'password': 'bench_unit',
                'groups_id': [(6, 0, [env.ref('hotline_core.group_hotline_unit_handler').id])],
                'hotline_unit_ids': [(6, 0, Unit.search([('code', '=', 'BD01')]).ids)],
                'tz': 'Asia/Shanghai'})
        ids = {
            'categories': Cat.search([('code', '=like', 'BC%')]).ids,
            'bureaus': Unit.search([('code', '=like', 'BB%')]).ids,
            'districts': Unit.search([('code', '=like', 'BD__')]).ids,
            'bench_units': Unit.search([('code', '=like', 'BD01%')]).ids,
            'other_units': Unit.search([('code', '=like', 'B%'),
                                        ('code', 'not like', 'BD01%')]).ids,
            'agents': Users.search([('login', '=like', 'bench_agent%')]).ids,
            'unit_user': Users.search([('login', '=', 'bench_unit')]).id,
        }
    return ids


# ---------------------------------------------------------------- bulk load (SQL)
def _sql_array(values):
    return 'ARRAY[%s]' % ','.join("'%s'" % v.replace("'", "''") for v in values)


def _pick(array_sql, rnd):
    """SQL picking an element of a literal array with a uniform random() column."""
    n = array_sql.count("','") + 1
    return '(%s)[1 + floor(%s * %d)::int]' % (array_sql, rnd, n)


def _pending_path():
    """Index definitions saved while the table's indexes are dropped (removed once re-created)."""
    return os.path.join(C.OUT, 'hotline_ticket_indexes_%s.json' % DB)


def _copy_text(value):
    """A value in COPY text format (None = NULL)."""
    if value is None or value is False:
        return '\\N'
    return (value.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n')
            .replace('\r', '\\r'))


def _outside_transaction(*statements):
    """Run statements that cannot run in a transaction block (VACUUM) on a connection of
    its own."""
    conn = C.pg_connect(DB)
    try:
        conn.autocommit = True
        with conn.cursor() as cr:
            for statement in statements:
                cr.execute(statement)
    finally:
        conn.close()


def _heap_size():
    conn = C.pg_connect(DB)
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT pg_size_pretty(pg_relation_size('hotline_ticket'))")
            return cr.fetchone()[0]
    finally:
        conn.close()


def _wait_for_older_transactions(xid, timeout=300):
    """VACUUM FULL keeps the row versions the load replaced while any transaction of the
    cluster that is older than the load runs (its snapshot counts them as running, whatever
    database it is in: e.g. a test suite on another database). Wait for those (at most
    ``timeout`` seconds), else the table keeps twice its size."""
    conn = C.pg_connect(DB)
    conn.autocommit = True
    t0 = time.time()
    try:
        with conn.cursor() as cr:
            while True:
                cr.execute("""SELECT count(*), string_agg(DISTINCT datname, ', ')
                                FROM pg_stat_activity
                               WHERE pid <> pg_backend_pid() AND backend_xid IS NOT NULL
                                 AND age(backend_xid) > age(%s::text::xid)""", [str(xid)])
                n, dbs = cr.fetchone()
                if not n:
                    break
                if time.time() - t0 > timeout:
                    C.log('WARNING: %d older transactions still running (%s): VACUUM FULL will '
                          'not reclaim the replaced rows' % (n, dbs))
                    break
                C.log('waiting for %d older transaction(s) on %s before VACUUM FULL' % (n, dbs))
                time.sleep(2)
    finally:
        conn.close()


def load_tickets(registry, ids, rows, reload=False):
    import odoo

    from odoo.addons.hotline_core.tools.text import title_keywords
    pending = _pending_path()
    with C.odoo_env(registry, odoo.SUPERUSER_ID, commit=True) as env:
        cr = env.cr
        cr.execute("""SELECT 1 FROM information_schema.columns
                       WHERE table_name = 'hotline_ticket' AND column_name = 'title_keywords'""")
        if not cr.fetchone():
            raise SystemExit(
                'database %s predates hotline_ticket.title_keywords: drop it (it is created '
                'again), or TRUNCATE hotline_ticket CASCADE, update hotline_core '
                '(-u hotline_core --stop-after-init) and run with --reload' % DB)
        cr.execute("SELECT count(*) FROM hotline_ticket WHERE name LIKE '12345-%%-_______'")
        have = cr.fetchone()[0]
        if have >= rows and not reload:
            cr.execute('SELECT EXISTS (SELECT 1 FROM hotline_ticket WHERE title_keywords IS NULL)')
            if os.path.exists(pending):
                C.log('an earlier load stopped before re-creating the indexes: loading again')
            elif cr.fetchone()[0]:
                C.log('some requests have no title_keywords: loading again')
            else:
                C.log('reusing %d loaded requests (use --reload to load again)' % have)
                return {'reused': True, 'rows': have}
        t_all = time.time()
        C.log('emptying hotline_ticket')
        cr.execute('TRUNCATE hotline_ticket, hotline_ticket_unit_rel, hotline_ticket_step, '
                   'hotline_ticket_field_value CASCADE')
        # Drop the secondary indexes during the load, re-create them from their definitions
        # (saved to a file first: the table is committed and VACUUM FULLed without them).
        cr.execute("""
            SELECT i.relname, pg_get_indexdef(x.indexrelid)
              FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
             WHERE x.indrelid = 'hotline_ticket'::regclass AND NOT x.indisprimary
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)""")
        present = cr.fetchall()
        index_defs = dict(present)
        if os.path.exists(pending):
            with open(pending) as f:
                index_defs.update(json.load(f))
        with open(pending, 'w') as f:
            json.dump(index_defs, f, ensure_ascii=False, indent=1)
        for name, _ in present:
            cr.execute('DROP INDEX %s' % name)
        cr.execute("SET LOCAL work_mem = '256MB'")
        cr.execute("SET LOCAL maintenance_work_mem = '1GB'")
        cr.execute('SELECT setseed(0.12345)')
        places, issues, suffixes = _sql_array(PLACES), _sql_array(ISSUES), _sql_array(SUFFIXES)
        surnames, given = _sql_array(SURNAMES), _sql_array(GIVEN)
        districts = _sql_array(DISTRICTS)
        t0 = time.time()
        # r0..r9: independent uniforms per row; age: days since registration (0..365).
        sql = """
        INSERT INTO hotline_ticket (
            name, title, ticket_type, channel, content, reply, urgent, typical_recording,
            recording_url, has_recording, register_date, user_id, date_done, date_deadline,
            color, caller_number, contact_name, contact_phone, contact_gender, contact_address,
            anonymous, bureau_id, address, category_id, state, process_state,
            supervision_state, create_uid, create_date, write_uid, write_date)
        SELECT
            '12345-' || to_char(reg + interval '8 hours', 'YYYYMMDD') || '-'
                     || lpad(i::text, 7, '0'),
            title, ticket_type, channel,
            title || '。来电人反映：' || {place_c} || '附近' || {issue_c}
                  || '，已持续一段时间，影响正常生活，希望有关部门尽快核实处理并给予答复。',
            CASE WHEN state IN ('done', 'refused') THEN '已按政策解答，来电人表示认可。' END,
            r7 < 0.03, r7 > 0.995,
            CASE WHEN channel = 'phone' THEN 'https://pbx.example/rec/' || i || '.wav' END,
            channel = 'phone',
            reg, agent,
            CASE WHEN state IN ('done', 'refused') THEN reg + r8 * interval '5 days' END,
            CASE WHEN state = 'submitted' THEN reg + interval '10 days' END,
            0,
            CASE WHEN channel = 'phone' AND r9 < 0.9 THEN phone
                 WHEN channel = 'phone'
                 THEN '+8610' || (60000000 + floor(r9 * 9999999))::bigint END,
            CASE WHEN anon THEN NULL ELSE cname END,
            phone,
            CASE WHEN anon THEN 'unknown' WHEN r8 < 0.5 THEN 'male' ELSE 'female' END,
            {district} || {place_a} || (1 + floor(r9 * 30))::int || '号',
            anon, bureau, {district} || {place_a}, category,
            state,
            CASE WHEN state IN ('done', 'refused') THEN 'done'
                 WHEN state IN ('draft', 'submitted', 'refuse_pending') THEN 'unprocessed'
                 ELSE 'in_process' END,
            'normal', agent, reg, agent, reg
        FROM (
            SELECT i, reg, r7, r8, r9, ra, rb, rc, rd, anon, phone, bureau, category, agent,
                   {place} || {issue} || {suffix} AS title,
                   {surname} || {given} AS cname,
                   CASE WHEN r3 < 0.45 THEN 'consult' WHEN r3 < 0.65 THEN 'complaint'
                        WHEN r3 < 0.73 THEN 'report' WHEN r3 < 0.78 THEN 'appeal'
                        WHEN r3 < 0.88 THEN 'help' WHEN r3 < 0.95 THEN 'suggestion'
                        WHEN r3 < 0.97 THEN 'praise' ELSE 'message' END AS ticket_type,
                   CASE WHEN r4 < 0.70 THEN 'phone' WHEN r4 < 0.80 THEN 'web'
                        WHEN r4 < 0.88 THEN 'wechat' WHEN r4 < 0.93 THEN 'app'
                        WHEN r4 < 0.95 THEN 'sms' WHEN r4 < 0.96 THEN 'email'
                        WHEN r4 < 0.98 THEN 'mailbox' WHEN r4 < 0.99 THEN 'hotline'
                        WHEN r4 < 0.995 THEN 'police' ELSE 'other' END AS channel,
                   CASE WHEN age > 30 THEN
                            CASE WHEN r5 < 0.85 THEN 'done' WHEN r5 < 0.90 THEN 'refused'
                                 ELSE 'submitted' END
                        ELSE
                            CASE WHEN r5 < 0.05 THEN 'draft' WHEN r5 < 0.50 THEN 'submitted'
                                 WHEN r5 < 0.55 THEN 'refuse_pending' ELSE 'done' END
                   END AS state
            FROM (
                SELECT i, age, r1, r2, r3, r4, r5, r6, r7, r8, r9, ra, rb, rc, rd,
                       (now() AT TIME ZONE 'UTC') - age * interval '1 day' AS reg,
                       r6 < 0.03 AS anon,
                       -- ~200k distinct mobiles; 20 %% of the calls from 2,000 frequent callers
                       '+86' || (13800000000 + CASE WHEN r1 < 0.2 THEN floor(r2 * 2000)
                                                    ELSE floor(r2 * 200000) END)::bigint AS phone,
                       (%(bureaus)s::int[])[1 + floor(r8 * %(n_bureaus)s)::int] AS bureau,
                       (%(categories)s::int[])[1 + floor(r9 * %(n_categories)s)::int] AS category,
                       (%(agents)s::int[])[1 + floor(r7 * %(n_agents)s)::int] AS agent
                FROM (
                    SELECT g AS i, random() * 365 AS age, random() AS r1, random() AS r2,
                           random() AS r3, random() AS r4, random() AS r5, random() AS r6,
                           random() AS r7, random() AS r8, random() AS r9,
                           random() AS ra, random() AS rb, random() AS rc, random() AS rd
                      FROM generate_series(1, %(rows)s) g
                ) raw
            ) base
        ) t
        """.format(
            place=_pick(places, 'ra'), issue=_pick(issues, 'rb'), suffix=_pick(suffixes, 'r6'),
            place_c=_pick(places, 'r8'), issue_c=_pick(issues, 'r8'),
            place_a=_pick(places, 'r9'), district=_pick(districts, 'r7'),
            surname=_pick(surnames, 'rc'), given=_pick(given, 'rd'))
        params = {'rows': rows, 'bureaus': ids['bureaus'], 'n_bureaus': len(ids['bureaus']),
                  'categories': ids['categories'], 'n_categories': len(ids['categories']),
                  'agents': ids['agents'], 'n_agents': len(ids['agents'])}
        C.log('inserting %d requests (set-based INSERT … SELECT generate_series)' % rows)
        cr.execute(sql, params)
        t_insert = time.time() - t0
        C.log('inserted %d rows in %.1f s' % (cr.rowcount, t_insert))
        # Units involved: 1 % to the unit handler's district (or its streets), ~80 % of the
        # others (not drafts) to their bureau or another unit.
        t0 = time.time()
        cr.execute("""
            INSERT INTO hotline_ticket_unit_rel (ticket_id, unit_id)
            SELECT id, (%(bench)s::int[])[1 + (id / 100) %% %(n_bench)s]
              FROM hotline_ticket WHERE id %% 100 = 7
            UNION ALL
            SELECT id, CASE WHEN id %% 3 = 0
                            THEN (%(other)s::int[])[1 + (id / 7) %% %(n_other)s]
                            ELSE bureau_id END
              FROM hotline_ticket
             WHERE id %% 100 != 7 AND state != 'draft' AND id %% 5 != 0 AND bureau_id IS NOT NULL
        """, {'bench': ids['bench_units'], 'n_bench': len(ids['bench_units']),
              'other': ids['other_units'], 'n_other': len(ids['other_units'])})
        t_rel = time.time() - t0
        C.log('linked %d requests to units in %.1f s' % (cr.rowcount, t_rel))
        # title_keywords (stored compute of the model, jieba): computed in Python once per
        # distinct title, loaded into a temp table with COPY and applied set-based.
        t0 = time.time()
        cr.execute('SELECT DISTINCT title FROM hotline_ticket')
        titles = [r[0] for r in cr.fetchall()]
        t1 = time.time()
        buf = io.StringIO()
        for title in titles:
            buf.write('%s\t%s\n' % (_copy_text(title), _copy_text(title_keywords(title))))
        t2 = time.time()
        buf.seek(0)
        cr.execute('CREATE TEMP TABLE bench_title_keywords (title varchar PRIMARY KEY, '
                   'keywords varchar) ON COMMIT DROP')
        cr.copy_from(buf, 'bench_title_keywords', columns=('title', 'keywords'))
        cr.execute('ANALYZE bench_title_keywords')
        t3 = time.time()
        cr.execute("""UPDATE hotline_ticket t SET title_keywords = k.keywords
                        FROM bench_title_keywords k WHERE k.title = t.title""")
        n_kw = cr.rowcount
        t_kw = time.time() - t0
        kw = {'titles': len(titles), 'distinct_s': t1 - t0, 'python_s': t2 - t1,
              'copy_s': t3 - t2, 'update_s': time.time() - t3, 'total_s': t_kw}
        C.log('title_keywords: %d distinct titles read in %.1f s, jieba %.1f s, COPY %.1f s, '
              'UPDATE of %d rows %.1f s' % (
                  len(titles), kw['distinct_s'], kw['python_s'], kw['copy_s'], n_kw,
                  kw['update_s']))
        cr.execute('SELECT txid_current() % 4294967296')
        load_xid = cr.fetchone()[0]
        cr.commit()
    # The UPDATE left a dead version of every row: rewrite the table (no secondary indexes yet,
    # so only the primary key and the unique number are rebuilt).
    t0 = time.time()
    _wait_for_older_transactions(load_xid)
    _outside_transaction('VACUUM FULL hotline_ticket')
    t_vacuum = time.time() - t0
    C.log('VACUUM FULL in %.1f s (heap now %s)' % (t_vacuum, _heap_size()))
    with C.odoo_env(registry, odoo.SUPERUSER_ID, commit=True) as env:
        cr = env.cr
        cr.execute("SET LOCAL maintenance_work_mem = '1GB'")
        t0 = time.time()
        for name, definition in index_defs.items():
            cr.execute(definition)
        t_index = time.time() - t0
        C.log('re-created %d indexes in %.1f s' % (len(index_defs), t_index))
        cr.execute("SELECT setval('hotline_ticket_id_seq', (SELECT max(id) FROM hotline_ticket))")
        cr.commit()
        os.remove(pending)
    # VACUUM sets the visibility map (VACUUM FULL does not): without it index-only scans fetch
    # every heap row until autovacuum passes, in the middle of the measurements.
    t0 = time.time()
    _outside_transaction('VACUUM (ANALYZE) hotline_ticket',
                         'VACUUM (ANALYZE) hotline_ticket_unit_rel')
    t_analyze = time.time() - t0
    C.log('VACUUM ANALYZE in %.1f s; whole load %.1f s' % (t_analyze, time.time() - t_all))
    return {'reused': False, 'rows': rows, 'insert_s': t_insert, 'rel_s': t_rel, 'kw': kw,
            'vacuum_s': t_vacuum, 'index_s': t_index, 'indexes': len(index_defs),
            'analyze_s': t_analyze, 'total_s': time.time() - t_all}


# ---------------------------------------------------------------- (a) duplicate screening
DUP_FIELDS = {'phone': 'dup_phone_count', 'name': 'dup_name_count',
              'content': 'dup_content_count'}


def sample_values(env, n):
    """n different (phone, caller, name, title) from recent requests; half the titles varied.

    Returns the values for new() and, for each, the title as it was stored."""
    cr = env.cr
    cr.execute('SELECT setseed(0.5)')
    cr.execute("""
        SELECT DISTINCT ON (contact_phone) contact_phone, caller_number, contact_name, title
          FROM (SELECT * FROM hotline_ticket
                 WHERE register_date >= (now() AT TIME ZONE 'UTC') - interval '60 days'
                 ORDER BY random() LIMIT %s) s
         ORDER BY contact_phone""", [n * 3])
    rows = cr.fetchall()
    rng = random.Random(42)
    rng.shuffle(rows)
    out, originals, names, titles = [], [], set(), set()
    for phone, caller, name, title in rows:
        if name in names and title in titles:
            continue
        names.add(name)
        titles.add(title)
        originals.append(title)
        if rng.random() < 0.5:  # the agent types a slightly different title
            title = rng.choice(['关于', '反映', '']) + title + rng.choice(['', '，再次来电', '的问题'])
        out.append({'contact_phone': phone, 'caller_number': caller, 'contact_name': name,
                    'title': title, 'content': '测试', 'ticket_type': 'complaint',
                    'channel': 'phone'})
        if len(out) == n:
            break
    return out, originals


_PLACES_LONGEST = sorted(PLACES, key=len, reverse=True)
_ISSUES_LONGEST = sorted(ISSUES, key=len, reverse=True)


def place_issue(title):
    """(place, issue) of a generated title (place || issue || ending): two requests are about
    the same matter when both are equal; the ending does not matter."""
    for place in _PLACES_LONGEST:
        if title.startswith(place):
            rest = title[len(place):]
            for issue in _ISSUES_LONGEST:
                if rest.startswith(issue):
                    return place, issue
    return None


def _pcts(values):
    s = sorted(values)
    return {'p50': statistics.median(s), 'p95': C.pct(s, 95), 'max': s[-1], 'min': s[0]}


def bench_duplicates(registry, ids, samples):
    from odoo.addons.hotline_core.tools.text import title_keywords
    uid = ids['agents'][0]
    with C.odoo_env(registry, uid) as env:
        Ticket = env['hotline.ticket']
        vals_list, originals = sample_values(env, samples)
        window = Ticket._duplicate_window_days()
        threshold = Ticket._duplicate_threshold()
        title_keywords('结巴分词预热')  # jieba loads its dictionary once per process (~1 s)
        queries = [Ticket.new(v)._duplicate_queries() for v in vals_list]
        since = queries[0]['content'][1][0]
        # warm-up: every query once, untimed (PostgreSQL buffers, plans)
        for qs in queries:
            for query, params in qs.values():
                env.cr.execute('SELECT count(*) FROM (%s LIMIT 1000) dup' % query, params)
        # new() with the three counters, as the form shows them
        times, counts = [], []
        for vals in vals_list:
            env.cache.invalidate()
            t0 = time.perf_counter()
            rec = Ticket.new(vals)
            c = tuple(rec[f] for f in DUP_FIELDS.values())
            times.append(time.perf_counter() - t0)
            counts.append(c)
        # each compute separately (the form re-runs only the one whose input changed)
        per_compute = {}
        for kind, field in DUP_FIELDS.items():
            per_compute[kind] = []
            for vals in vals_list:
                env.cache.invalidate()
                rec = Ticket.new(vals)
                t0 = time.perf_counter()
                rec[field]
                per_compute[kind].append(time.perf_counter() - t0)
        # each query alone (the SQL of _count_duplicates), and jieba alone
        per_query = {'phone': [], 'name': [], 'content': []}
        for qs in queries:
            for kind, (query, params) in qs.items():
                t0 = time.perf_counter()
                env.cr.execute('SELECT count(*) FROM (%s LIMIT 1000) dup' % query, params)
                env.cr.fetchone()
                per_query[kind].append(time.perf_counter() - t0)
        jieba_t = []
        for vals in vals_list:
            t0 = time.perf_counter()
            title_keywords(vals['title'])
            jieba_t.append(time.perf_counter() - t0)
        # EXPLAIN ANALYZE of every content query: plan shape, rows read and rechecked
        content_plans = []
        for qs in queries:
            query, params = qs['content']
            env.cr.execute('EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM (%s LIMIT 1000) dup'
                           % query, params)
            content_plans.append([r[0] for r in env.cr.fetchall()])
        # hits: which titles the content query finds, against the generator's truth
        env.cr.execute('SELECT title FROM hotline_ticket WHERE register_date >= %s', [since])
        truth = {}
        window_titles = [r[0] for r in env.cr.fetchall()]
        for title in window_titles:
            key = place_issue(title)
            truth[key] = truth.get(key, 0) + 1
        hits = []
        for i, qs in enumerate(queries):
            query, params = qs['content']
            env.cr.execute('SELECT title, count(*) FROM hotline_ticket WHERE id IN (%s LIMIT 1000)'
                           ' GROUP BY title ORDER BY count(*) DESC, title' % query, params)
            found = env.cr.fetchall()
            key = place_issue(originals[i])
            n = sum(c for _, c in found)
            same = sum(c for t, c in found if place_issue(t) == key)
            hits.append({'n': n, 'same': same, 'other': n - same, 'truth': truth.get(key, 0),
                         'titles': found, 'key': key})
        # full plans of the three queries for the sample with the most phone duplicates, and of
        # the content query for the slowest and the most-hit samples
        worst = max(range(len(vals_list)), key=lambda i: counts[i][0])
        plans = {}
        for kind, (query, params) in queries[worst].items():
            env.cr.execute('EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM (%s LIMIT 1000) dup'
                           % query, params)
            plans[kind] = [r[0] for r in env.cr.fetchall()]
        slowest = max(range(len(vals_list)), key=lambda i: per_query['content'][i])
        most = max(range(len(vals_list)), key=lambda i: counts[i][2])
        plans['content, slowest sample (%s)' % vals_list[slowest]['title']] = \
            content_plans[slowest]
        plans['content, most hits (%s)' % vals_list[most]['title']] = content_plans[most]
        env.cr.execute('SELECT count(*) FROM hotline_ticket WHERE register_date >= %s', [since])
        window_rows = env.cr.fetchone()[0]
    return {'times': times, 'per_compute': per_compute, 'per_query': per_query,
            'jieba': jieba_t, 'counts': counts, 'plans': plans, 'content_plans': content_plans,
            'hits': hits, 'sample': vals_list[worst], 'vals': vals_list,
            'originals': originals, 'window': window,
            'threshold': threshold, 'window_rows': window_rows, 'n': len(vals_list),
            'window_titles': len(set(window_titles))}


def _num(pattern, text):
    return sum(int(x) for x in re.findall(pattern, text))


def plan_summary(lines):
    text = '\n'.join(lines)
    idx = sorted(set(re.findall(r'(?:Index|Index Only|Bitmap Index) Scan (?:Backward )?'
                                r'(?:using|on) (\w+)', text)))
    seq = 'Seq Scan' in text
    m = re.search(r'Execution Time: ([\d.]+) ms', text)
    gin = 'hotline_ticket_title_keywords_idx' in text
    date = any(i in text for i in ('hotline_ticket_register_date_index',
                                   'hotline_ticket_register_id_idx'))
    if 'BitmapAnd' in text and gin and date:
        shape = 'BitmapAnd (keywords GIN + register_date)'
    elif gin:
        shape = 'keywords GIN only'
    elif date:
        shape = 'register_date index only'
    elif seq:
        shape = 'seq scan'
    else:
        shape = 'other'
    heap = re.search(r'Bitmap Heap Scan on hotline_ticket .*?actual time=[\d.]+\.\.[\d.]+ '
                     r'rows=(\d+)', text)
    scan_rows = re.search(r'(?:Index|Bitmap Heap) Scan (?:Backward )?(?:using \w+ )?on '
                          r'hotline_ticket .*?actual time=[\d.]+\.\.[\d.]+ rows=(\d+)', text)
    removed_filter = _num(r'Rows Removed by Filter: (\d+)', text)
    removed_recheck = _num(r'Rows Removed by Index Recheck: (\d+)', text)
    returned = int((heap or scan_rows).group(1)) if (heap or scan_rows) else 0
    bitmap = re.search(r'Bitmap Index Scan on hotline_ticket_title_keywords_idx .*?'
                       r'actual time=[\d.]+\.\.[\d.]+ rows=(\d+)', text)
    return {'indexes': idx, 'seq_scan': seq, 'exec_ms': float(m.group(1)) if m else None,
            'rows_removed': removed_filter + removed_recheck, 'shape': shape,
            'removed_filter': removed_filter, 'removed_recheck': removed_recheck,
            'returned': returned, 'read': returned + removed_filter + removed_recheck,
            'gin_rows': int(bitmap.group(1)) if bitmap else None,
            'heap_exact': _num(r'Heap Blocks: exact=(\d+)', text),
            'heap_lossy': _num(r'Heap Blocks:.*?lossy=(\d+)', text)}


# ---------------------------------------------------------------- (b) default list
def bench_list(registry, uid, runs):
    import odoo
    with C.odoo_env(registry, uid) as env:
        Ticket = env['hotline.ticket']
        month_ago = odoo.fields.Datetime.to_string(
            datetime.datetime.utcnow() - datetime.timedelta(days=30))
        domain = [('register_date', '>=', month_ago)]
        t_search, t_count, t_read, t_total = [], [], [], []
        count = n_ids = 0
        for i in range(runs + 2):
            env.cache.invalidate()
            t0 = time.perf_counter()
            recs = Ticket.search(domain, limit=80)
            t1 = time.perf_counter()
            count = Ticket.search_count(domain)
            t2 = time.perf_counter()
            recs.read(LIST_FIELDS)
            t3 = time.perf_counter()
            n_ids = len(recs)
            if i >= 2:  # two warm-up runs (registry caches, first plans)
                t_search.append(t1 - t0)
                t_count.append(t2 - t1)
                t_read.append(t3 - t2)
                t_total.append(t3 - t0)
        # the SQL the ORM runs for the search, explained once
        query = Ticket._where_calc(domain)
        Ticket._apply_ir_rules(query, 'read')
        order_by = Ticket._generate_order_by(None, query)
        from_clause, where_clause, params = query.get_sql()
        sql = 'SELECT "hotline_ticket".id FROM %s WHERE %s%s LIMIT 80' % (
            from_clause, where_clause or 'TRUE', order_by)
        env.cr.execute('EXPLAIN (ANALYZE, BUFFERS) ' + sql, params)
        plan_search = [r[0] for r in env.cr.fetchall()]
        env.cr.execute('EXPLAIN (ANALYZE, BUFFERS) SELECT count(1) FROM %s WHERE %s' % (
            from_clause, where_clause or 'TRUE'), params)
        plan_count = [r[0] for r in env.cr.fetchall()]
        # the same search without parallel workers (2-core machine: worker start-up dominates)
        env.cr.execute('SAVEPOINT noparallel')
        env.cr.execute('SET LOCAL max_parallel_workers_per_gather = 0')
        serial = []
        for _ in range(10):
            t0 = time.perf_counter()
            env.cr.execute(sql, params)
            serial.append(time.perf_counter() - t0)
        env.cr.execute('EXPLAIN (ANALYZE, BUFFERS) ' + sql, params)
        plan_serial = [r[0] for r in env.cr.fetchall()]
        env.cr.execute('ROLLBACK TO SAVEPOINT noparallel')
        parallel = []
        for _ in range(10):
            t0 = time.perf_counter()
            env.cr.execute(sql, params)
            parallel.append(time.perf_counter() - t0)
        login = env.user.login
        env.cr.execute('SHOW max_parallel_workers_per_gather')
        server_parallel = env.cr.fetchone()[0]
    return {'login': login, 'uid': uid, 'rows': n_ids, 'count': count,
            'search': C.summary_ms(t_search), 'count_t': C.summary_ms(t_count),
            'read': C.summary_ms(t_read), 'total': C.summary_ms(t_total),
            'plan_search': plan_search, 'plan_count': plan_count, 'sql': sql,
            'sql_parallel': C.summary_ms(parallel), 'sql_serial': C.summary_ms(serial),
            'plan_serial': plan_serial, 'server_parallel': server_parallel}


# ---------------------------------------------------------------- report
def fmt(x):
    return '%.1f' % x


def report(load, dup, lists, table_stats):
    lines = ['# Duplicate screening and default list on %s requests' % format(load['rows'], ','),
             '', C.machine_notes(), '']
    if load.get('reused'):
        lines.append('Data: reused the %s rows already loaded in database `%s`.'
                     % (format(load['rows'], ','), DB))
    else:
        kw = load['kw']
        lines.append(
            'Load: INSERT %.1f s, unit links %.1f s, title_keywords %.1f s (%s distinct titles: '
            'SELECT DISTINCT %.1f s, jieba %.1f s, COPY into a temp table %.1f s, UPDATE … FROM '
            '%.1f s), VACUUM FULL %.1f s, %d secondary indexes re-created in %.1f s, VACUUM '
            'ANALYZE %.1f s — total %.1f s.' % (
                load['insert_s'], load['rel_s'], kw['total_s'], format(kw['titles'], ','),
                kw['distinct_s'], kw['python_s'], kw['copy_s'], kw['update_s'],
                load['vacuum_s'], load['indexes'], load['index_s'], load['analyze_s'],
                load['total_s']))
    lines.append('Table: %s' % table_stats)
    lines += ['', '## (a) Duplicate screening (the three counters on `new()`)', '',
              'Window %d days (%s requests in it, %s distinct titles), keyword share %.2f '
              '(`hotline.duplicate_keyword_share`), %d different samples (phone/name/title of '
              'recent requests; half the titles varied), as an agent. One untimed warm-up pass '
              'of all queries first; the ORM cache is invalidated before each timed compute.'
              % (dup['window'], format(dup['window_rows'], ','),
                 format(dup['window_titles'], ','), dup['threshold'], dup['n']), '']
    rows = []

    def add(label, seconds):
        if seconds:
            s = C.summary_ms(seconds)
            rows.append([label, s['n'], fmt(s['p50']), fmt(s['p95']), fmt(s['max'])])
    add('`new(vals)` + all three counters', dup['times'])
    for kind, field in DUP_FIELDS.items():
        add('`%s` compute alone' % field, dup['per_compute'][kind])
    for kind in ('phone', 'name', 'content'):
        add('%s query alone (SQL)' % kind, dup['per_query'][kind])
    add('`title_keywords()` alone (jieba)', dup['jieba'])
    lines.append(C.md_table(['what', 'n', 'p50 ms', 'p95 ms', 'max ms'], rows))
    counts = dup['counts']
    lines += ['', 'Counts found (p50 / p95 / max): ' + ', '.join(
        '%s %s / %s / %s' % ((kind,) + tuple(
            '%g' % v for v in (lambda p: (p['p50'], p['p95'], p['max']))(
                _pcts([c[k] for c in counts]))))
        for k, kind in enumerate(DUP_FIELDS)) + '.', '']
    # hits of the content counter against the generator's truth (same place and same issue)
    hits = dup['hits']
    n_hit = _pcts([h['n'] for h in hits])
    n_other = _pcts([h['other'] for h in hits])
    n_same = _pcts([h['same'] for h in hits])
    n_truth = _pcts([h['truth'] for h in hits])
    tot, same = sum(h['n'] for h in hits), sum(h['same'] for h in hits)
    truth = sum(h['truth'] for h in hits)
    capped = sum(1 for h in hits if h['n'] >= 1000)
    zero = sum(1 for h in hits if h['n'] == 0)
    lines += ['### "Similar content" hits', '',
              'A generated title is place + issue + ending; a hit is *right* when it has the '
              'same place and issue as the sample (the ending does not matter), *wrong* '
              'otherwise. "In window" = requests of the window with the same place and issue.',
              '']
    lines.append(C.md_table(
        ['per sample', 'p50', 'p95', 'max'],
        [[label, '%g' % p['p50'], '%g' % p['p95'], '%g' % p['max']] for label, p in (
            ('hits (dup_content_count)', n_hit), ('right hits', n_same),
            ('wrong hits', n_other), ('same matter in window', n_truth))]))
    lines += ['', 'Over the %d samples: %s hits, %s right (precision %.1f %%); %s of %s requests '
              'about the same matter found (recall %.1f %%); %d samples with no hit, %d at '
              'the 1,000 cap.' % (len(hits), format(tot, ','), format(same, ','),
                                  100.0 * same / tot if tot else 0, format(same, ','),
                                  format(truth, ','), 100.0 * same / truth if truth else 0,
                                  zero, capped), '']
    # five samples spread over the hit counts: title -> 3 matched titles
    order = sorted(range(len(hits)), key=lambda i: (hits[i]['n'], i))
    with_hits = [i for i in order if hits[i]['n']]
    picks = []
    for q in (0, 0.25, 0.5, 0.75, 1.0):
        if with_hits:
            i = with_hits[min(len(with_hits) - 1, int(q * (len(with_hits) - 1)))]
            if i not in picks:
                picks.append(i)
    lines += ['Sample titles → 3 of the matched titles (most frequent first, other than the '
              'sample\'s own stored title; ✓ same place and issue, ✗ not), with the number of '
              'requests having that title:', '']
    for i in picks:
        h = hits[i]
        others = [(t, c) for t, c in h['titles'] if t != dup['originals'][i]][:3]
        lines.append('- `%s` (%d hits, %d wrong) → %s' % (
            dup['vals'][i]['title'], h['n'], h['other'], '; '.join(
                '%s %s ×%d' % ('✓' if place_issue(t) == h['key'] else '✗', t, c)
                for t, c in others) or '(only its own title)'))
    lines += ['', '### EXPLAIN ANALYZE', '',
              'Content query, all %d samples (`EXPLAIN (ANALYZE, BUFFERS)` of the counter\'s '
              '`count(*) … LIMIT 1000`):' % len(dup['content_plans']), '']
    sums = [plan_summary(p) for p in dup['content_plans']]
    shapes = {}
    for p in sums:
        shapes[p['shape']] = shapes.get(p['shape'], 0) + 1
    rows = []
    for shape, n in sorted(shapes.items(), key=lambda x: -x[1]):
        sel = [p for p in sums if p['shape'] == shape]
        rows.append([shape, n] + [
            '%s / %s / %s' % tuple(format(int(v), ',') for v in (
                lambda q: (q['p50'], q['p95'], q['max']))(_pcts([p[k] or 0 for p in sel])))
            for k in ('gin_rows', 'read', 'removed_filter', 'removed_recheck', 'heap_exact')
        ] + ['%s / %s' % tuple(fmt(v) for v in (
            lambda q: (q['p50'], q['max']))(_pcts([p['exec_ms'] or 0 for p in sel])))])
    lines.append(C.md_table(
        ['plan', 'samples', 'GIN bitmap rows p50/p95/max', 'heap rows read p50/p95/max',
         'removed by filter p50/p95/max', 'removed by index recheck p50/p95/max',
         'heap blocks p50/p95/max', 'exec ms p50/max'], rows))
    lines += ['', '"Heap rows read" = rows the Bitmap Heap Scan fetched and rechecked against the '
              'keyword-share filter (returned + removed); the `LIMIT 1000` stops it early for '
              'capped samples.', '',
              'Full plans: the three queries for the sample with the most phone duplicates '
              '(%s / %s / %s), and the content query of the slowest and of the most-hit sample:'
              % (dup['sample']['contact_phone'], dup['sample']['contact_name'],
                 dup['sample']['title']), '']
    rows = []
    for kind, plan in dup['plans'].items():
        p = plan_summary(plan)
        rows.append([kind, ', '.join(p['indexes']) or '—', p['shape'] if 'content' in kind
                     else ('yes' if 'BitmapOr' in '\n'.join(plan) else 'no'),
                     format(p['read'], ','), format(p['removed_filter'], ','),
                     format(p['removed_recheck'], ','), fmt(p['exec_ms'] or 0)])
    lines.append(C.md_table(['query', 'indexes used', 'shape / BitmapOr', 'heap rows read',
                             'removed by filter', 'removed by recheck', 'exec ms'], rows))
    for kind, plan in dup['plans'].items():
        lines += ['', '`%s`:' % kind, '```', *plan, '```']
    lines += ['', '## (b) Default list: search(register_date >= 1 month ago, limit 80) + '
              'search_count + read(list fields)', '']
    rows = []
    for r in lists:
        rows.append([r['login'], format(r['count'], ','),
                     '%s / %s' % (fmt(r['search']['p50']), fmt(r['search']['p95'])),
                     '%s / %s' % (fmt(r['count_t']['p50']), fmt(r['count_t']['p95'])),
                     '%s / %s' % (fmt(r['read']['p50']), fmt(r['read']['p95'])),
                     '%s / %s' % (fmt(r['total']['p50']), fmt(r['total']['p95']))])
    lines.append(C.md_table(['user', 'matching', 'search p50/p95 ms', 'search_count p50/p95 ms',
                             'read p50/p95 ms', 'total p50/p95 ms'], rows))
    lines.append('')
    lines.append('%d runs each after 2 warm-up runs; the ORM cache is invalidated before each run.'
                 % lists[0]['total']['n'])
    lines += ['', 'The search SQL alone (10 runs, p50 ms), with the server default '
              '(`max_parallel_workers_per_gather = %s`) and with '
              '`max_parallel_workers_per_gather = 0`:' % lists[0]['server_parallel'], '']
    if lists[0]['server_parallel'] == '0':
        lines += ['The server already runs without parallel workers: both columns are the same '
                  'setting (the difference is run-to-run noise).', '']
    lines.append(C.md_table(['user', 'server default p50 ms', 'no parallel p50 ms'],
                            [[r['login'], fmt(r['sql_parallel']['p50']),
                              fmt(r['sql_serial']['p50'])] for r in lists]))
    for r in lists:
        lines += ['', '`%s` search SQL plan:' % r['login'], '```', *r['plan_search'], '```',
                  '`%s` count plan:' % r['login'], '```', *r['plan_count'], '```',
                  '`%s` search plan without parallel workers:' % r['login'], '```',
                  *r['plan_serial'], '```']
    return '\n'.join(lines) + '\n'


def main():
    global DB
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument('--db', default='hotline_bench')
    ap.add_argument('--rows', type=int, default=1000000)
    ap.add_argument('--samples', type=int, default=200)
    ap.add_argument('--runs', type=int, default=50)
    ap.add_argument('--reload', action='store_true', help='empty and load the requests again')
    args = ap.parse_args()
    DB = args.db
    conf = C.ensure_conf()
    C.ensure_database(DB, ['hotline_core'], conf)
    registry = C.start_odoo(conf, DB)
    ids = ensure_masters(registry)
    load = load_tickets(registry, ids, args.rows, reload=args.reload)
    import odoo
    with C.odoo_env(registry, odoo.SUPERUSER_ID) as env:
        env.cr.execute("""SELECT pg_size_pretty(pg_total_relation_size('hotline_ticket')),
                                 pg_size_pretty(pg_relation_size('hotline_ticket')),
                                 (SELECT count(*) FROM hotline_ticket),
                                 (SELECT count(DISTINCT contact_phone) FROM hotline_ticket),
                                 (SELECT count(*) FROM hotline_ticket_unit_rel),
                                 (SELECT count(DISTINCT ticket_id) FROM hotline_ticket_unit_rel
                                   WHERE unit_id = ANY(%s))""", [ids['bench_units']])
        total, heap, n, phones, rel, bench_rel = env.cr.fetchone()
    table_stats = ('%s rows, %s distinct contact phones, heap %s, with indexes %s; '
                   '%s unit links, %s requests visible to bench_unit.'
                   % (format(n, ','), format(phones, ','), heap, total, format(rel, ','),
                      format(bench_rel, ',')))
    C.log(table_stats)
    C.log('(a) duplicate screening on %d samples' % args.samples)
    dup = bench_duplicates(registry, ids, args.samples)
    lists = []
    for uid in (odoo.SUPERUSER_ID, ids['agents'][0], ids['unit_user']):
        C.log('(b) default list as uid %d, %d runs' % (uid, args.runs))
        lists.append(bench_list(registry, uid, args.runs))
    text = report(load, dup, lists, table_stats)
    path = os.path.join(C.OUT, 'duplicates.md')
    with open(path, 'w') as f:
        f.write(text)
    # print the tables, not the full plans
    print(text.split('\n`phone`:')[0])
    print('## (b)' + text.split('## (b)', 1)[1].split('\n`admin` search SQL plan:')[0])
    C.log('written %s' % path)


if __name__ == '__main__':
    main()
