#!/usr/bin/env python
"""Benchmark: auto-dispatch (DS-4) and dispatch suggestions (DS-5) with 1,000,000 past
requests.

    .venv/bin/python bench/bench_dispatch.py [--rows 1000000] [--samples 200] [--rules 50]
                                             [--due 200] [--reload]
                                             [--db hotline_bench_dispatch]

1. Creates (or reuses) database ``hotline_bench_dispatch`` with hotline_core and
   hotline_dispatch installed, no demo data.
2. Creates master data through the ORM: 20 city bureaus, 8 districts × 3 streets (each street
   a location whose responsible unit is the street), 40 categories (one per issue).
3. Loads ``--rows`` past requests with one set-based INSERT … SELECT generate_series. The
   "true" unit of a request is the bureau of its issue for a quarter of the issues and the
   street of its location otherwise; 10 % were first sent to a wrong unit, returned and
   re-dispatched (they must not teach the suggestions). ``title_keywords`` and
   ``content_keywords`` (jieba) are computed once per distinct text and joined in. 85 % are
   closed. A database loaded before content keywords existed is updated (``-u``) and its
   content segmented with ``_backfill_content_keywords`` (timed).
4. Times: relearning the statistics (``_refresh_dispatch_stats``, one SQL statement);
   ``hotline_suggest_units`` on ``--samples`` new requests (p50/p95/max) and how often the true
   unit is first / in the top 3; ``_best_rule`` against ``--rules`` switched-on rules and a
   whole ``action_submit`` that auto-dispatches (rolled back); ``action_try`` of one rule over
   the history; ``hotline_dispatch_accuracy`` over the history; learning from one clean
   close (``_learn_dispatch``); the timed-dispatch cron over ``--due`` due requests among the
   history (picking them, and per request dispatched).

Prints a results table and writes bench/out/dispatch.md.
"""
import argparse
import io
import os
import random
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _common as C  # noqa: E402

DB = 'hotline_bench_dispatch'
MODULES = ['hotline_core', 'hotline_dispatch']
PLACES = ['阳光花园小区', '幸福里社区', '东城区人民医院', '滨江路', '人民公园', '第三中学',
          '解放路菜市场', '金色家园', '翠苑一区', '城南汽车站', '文化广场', '世纪新城',
          '锦绣江南小区', '开发区管委会', '南湖村', '工人新村', '丽景湾', '中山北路', '体育中心',
          '紫荆花园']
ISSUES = ['噪音扰民', '电梯故障', '停水', '停电', '物业乱收费', '路灯不亮', '垃圾清运不及时',
          '占道经营', '违章建筑', '油烟污染', '井盖缺失', '道路积水', '供暖不热', '燃气泄漏隐患',
          '拖欠工资', '房屋漏水', '违规停车', '公交线路调整', '医保报销', '社保缴纳',
          '户口迁移', '学位申请', '施工夜间扰民', '广场舞噪音', '餐饮店无证经营', '流浪犬伤人',
          '绿化带毁坏', '网络诈骗', '快递柜收费', '消防通道堵塞', '出租车拒载', '公厕脏乱',
          '下水道堵塞', '房产证办理缓慢', '退休金发放', '校外培训退费', '预付卡退费难',
          '食品安全问题', '噪声污染', '树木倒伏']
SUFFIXES = ['', '问题', '，请尽快处理', '（反复反映）', '，多次反映未解决', '，要求答复']
DETAILS = ['已持续一周', '影响老人和孩子出行', '物业不予理睬', '社区已协调未果', '夜间尤其严重',
           '周边居民意见很大']
DISTRICTS = ['东城区', '西城区', '南湖区', '北郊区', '高新区', '开发区', '滨江区', '城南区']


def ensure_masters(registry):
    import odoo
    with C.odoo_env(registry, odoo.SUPERUSER_ID, commit=True) as env:
        Unit, Loc, Cat = env['hotline.unit'], env['hotline.location'], env['hotline.category']
        city = Unit.search([('code', '=', 'BX')]) or Unit.create(
            {'name': '基准市', 'code': 'BX', 'unit_type': 'other'})
        city_loc = Loc.search([('code', '=', 'BXL')]) or Loc.create(
            {'name': '基准市', 'code': 'BXL', 'location_type': 'city'})
        for i in range(20):
            code = 'BXB%02d' % i
            if not Unit.search([('code', '=', code)]):
                Unit.create({'name': '基准局%02d' % i, 'code': code, 'unit_type': 'bureau',
                             'parent_id': city.id, 'is_vertical': i % 2 == 0})
        for i, name in enumerate(DISTRICTS):
            code = 'BXD%d' % i
            district = Unit.search([('code', '=', code)]) or Unit.create(
                {'name': name, 'code': code, 'unit_type': 'district', 'parent_id': city.id})
            dloc = Loc.search([('code', '=', code + 'L')]) or Loc.create({
                'name': name, 'code': code + 'L', 'location_type': 'district',
                'parent_id': city_loc.id, 'unit_id': district.id})
            for j in range(3):
                scode = '%sS%d' % (code, j)
                street = Unit.search([('code', '=', scode)]) or Unit.create({
                    'name': '%s第%d街道' % (name, j + 1), 'code': scode, 'unit_type': 'street',
                    'parent_id': district.id})
                if not Loc.search([('code', '=', scode + 'L')]):
                    Loc.create({'name': '第%d街道' % (j + 1), 'code': scode + 'L',
                                'location_type': 'street', 'parent_id': dloc.id,
                                'unit_id': street.id})
        for i, issue in enumerate(ISSUES):
            code = 'BXC%02d' % i
            if not Cat.search([('code', '=', code)]):
                Cat.create({'name': issue, 'code': code})
        bureaus = Unit.search([('code', '=like', 'BXB%')], order='code').ids
        streets = Loc.search([('code', '=like', 'BXD_S_L')], order='code')
        return {
            'bureaus': bureaus,
            'street_locations': streets.ids,
            'street_units': streets.mapped('unit_id').ids,
            'categories': Cat.search([('code', '=like', 'BXC%')], order='code').ids,
            'all_units': Unit.search([('code', '=like', 'BX%')]).ids,
        }


def true_unit_sql(ids):
    """SQL of the right unit of a request from its issue index and location index (the
    ``%%`` are for the psycopg2 parameters of the statement it goes into)."""
    return ('CASE WHEN issue %% 4 = 0 THEN (ARRAY[{b}]::int[])[1 + (issue / 4) %% 20] '
            'ELSE (ARRAY[{s}]::int[])[1 + loc] END').format(
                b=','.join(map(str, ids['bureaus'])), s=','.join(map(str, ids['street_units'])))


def true_unit(ids, issue, loc):
    if issue % 4 == 0:
        return ids['bureaus'][(issue // 4) % 20]
    return ids['street_units'][loc]


def load(registry, ids, rows, reload=False):
    import odoo

    from odoo.addons.hotline_core.tools.text import title_keywords
    with C.odoo_env(registry, odoo.SUPERUSER_ID, commit=True) as env:
        cr = env.cr
        cr.execute("SELECT count(*) FROM hotline_ticket WHERE name LIKE 'BX-%%'")
        have = cr.fetchone()[0]
        if have >= rows and not reload:
            C.log('reusing %d loaded requests (use --reload to load again)' % have)
            return {'reused': True}
        C.log('emptying hotline_ticket')
        cr.execute('TRUNCATE hotline_ticket, hotline_ticket_unit_rel, hotline_ticket_step, '
                   'hotline_ticket_assignment, hotline_ticket_field_value CASCADE')
        t0 = time.time()
        # one jieba call per distinct title
        cr.execute('CREATE TEMP TABLE bench_title (k int PRIMARY KEY, issue int, title text, '
                   'kw text, content text, ckw text) ON COMMIT DROP')
        buf = io.StringIO()
        k = 0
        for p, place in enumerate(PLACES):
            for i, issue in enumerate(ISSUES):
                for s, suffix in enumerate(SUFFIXES):
                    title = place + issue + suffix
                    content = '%s，%s，请有关部门处理。' % (title, DETAILS[(p + s) % len(DETAILS)])
                    buf.write('%d\t%d\t%s\t%s\t%s\t%s\n' % (
                        k, i, title, title_keywords(title) or '', content,
                        title_keywords(content) or ''))
                    k += 1
        buf.seek(0)
        cr.copy_from(buf, 'bench_title', columns=('k', 'issue', 'title', 'kw', 'content', 'ckw'))
        t_kw = time.time() - t0
        C.log('%d distinct titles segmented in %.1f s; inserting %d requests' % (k, t_kw, rows))
        cr.execute("SET LOCAL work_mem = '256MB'")
        cr.execute('SELECT setseed(0.54321)')
        t1 = time.time()
        cr.execute("""
            INSERT INTO hotline_ticket (
                name, title, title_keywords, ticket_type, channel, content, content_keywords,
                register_date,
                state, process_state, supervision_state, category_id, location_id,
                main_unit_id, dispatch_count, return_count, dissatisfied_count, urge_count,
                dispatch_accurate, date_done, create_uid, write_uid, create_date, write_date)
            SELECT 'BX-' || lpad(g::text, 8, '0'), t.title, t.kw, 'complaint', 'phone',
                   t.content, t.ckw, reg,
                   CASE WHEN done THEN 'done' ELSE 'in_progress' END,
                   CASE WHEN done THEN 'done' ELSE 'in_process' END, 'normal',
                   (%(categories)s::int[])[1 + t.issue], (%(locations)s::int[])[1 + loc],
                   """ + true_unit_sql(ids).replace('issue', 't.issue') + """,
                   CASE WHEN wrong THEN 2 ELSE 1 END, CASE WHEN wrong THEN 1 ELSE 0 END, 0, 0,
                   NOT wrong, CASE WHEN done THEN reg + interval '3 days' END,
                   1, 1, reg, reg
              FROM (SELECT g, floor(random() * %(titles)s)::int AS k,
                           floor(random() * %(n_loc)s)::int AS loc,
                           random() < 0.85 AS done, random() < 0.10 AS wrong,
                           (now() AT TIME ZONE 'UTC') - random() * interval '365 days' AS reg
                      FROM generate_series(1, %(rows)s) g) r
              JOIN bench_title t ON t.k = r.k""", {
            'categories': ids['categories'], 'locations': ids['street_locations'],
            'n_loc': len(ids['street_locations']), 'titles': k, 'rows': rows})
        t_insert = time.time() - t1
        C.log('inserted in %.0f s; analysing' % t_insert)
        cr.execute('ANALYZE hotline_ticket')
        return {'reused': False, 'insert_s': t_insert, 'titles': k, 'segment_s': t_kw}


def ensure_rules(registry, ids, n_rules):
    """``n_rules`` switched-on rules: one per issue on its category (+ keywords), some also on
    location (more specific)."""
    import odoo
    with C.odoo_env(registry, odoo.SUPERUSER_ID, commit=True) as env:
        Rule = env['hotline.dispatch.rule']
        Rule.search([]).unlink()
        for n in range(n_rules):
            issue = n % len(ISSUES)
            vals = {'name': 'bench %d' % n, 'enabled': True,
                    'category_ids': [(6, 0, [ids['categories'][issue]])],
                    'keywords': ISSUES[issue][:2],
                    'main_unit_id': true_unit(ids, issue, n % len(ids['street_locations']))}
            if n >= len(ISSUES):
                loc = n % len(ids['street_locations'])
                vals['location_ids'] = [(6, 0, [ids['street_locations'][loc]])]
                vals['main_unit_id'] = true_unit(ids, issue, loc)
            Rule.create(vals)
        return Rule.search([]).ids


def ensure_schema(conf, dbname):
    """A bench database installed with an older hotline_dispatch gets the module update (new
    columns); True when its content keywords must then be filled."""
    import ast
    with open(os.path.join(C.ROOT, 'addons', 'hotline_dispatch', '__manifest__.py')) as f:
        version = ast.literal_eval(f.read().split('\n', 2)[2])['version']
    conn = C.pg_connect(dbname)
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT latest_version FROM ir_module_module "
                       "WHERE name = 'hotline_dispatch'")
            installed = cr.fetchone()[0]
            cr.execute("SELECT 1 FROM information_schema.columns WHERE table_name = "
                       "'hotline_ticket' AND column_name = 'content_keywords'")
            had_keywords = bool(cr.fetchone())
    finally:
        conn.close()
    if installed == version:
        return False
    C.log('updating hotline_dispatch in %s (%s → %s)' % (dbname, installed, version))
    subprocess.check_call([C.PY, C.ODOO_BIN, '-c', conf, '-d', dbname, '-u', 'hotline_dispatch',
                           '--stop-after-init', '--logfile=' + os.path.join(
                               C.OUT, 'update_%s.log' % dbname)],
                          cwd=C.ROOT, env=C.odoo_env_vars())
    return not had_keywords


def backfill(registry):
    import odoo
    with C.odoo_env(registry, odoo.SUPERUSER_ID, commit=True) as env:
        t, total = time.time(), 0
        while True:
            done = env['hotline.ticket']._backfill_content_keywords(limit=100000)
            if not done:
                break
            total += done
            env.cr.commit()
        return total, time.time() - t


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--rows', type=int, default=1000000)
    parser.add_argument('--samples', type=int, default=200)
    parser.add_argument('--rules', type=int, default=50)
    parser.add_argument('--due', type=int, default=200)
    parser.add_argument('--reload', action='store_true')
    parser.add_argument('--db', default=DB)
    args = parser.parse_args()
    conf = C.ensure_conf(http_port=8279, name='bench_dispatch')
    C.ensure_database(args.db, MODULES, conf)
    updated = ensure_schema(conf, args.db)
    registry = C.start_odoo(conf, args.db)
    import odoo
    ids = ensure_masters(registry)
    filled = backfill(registry) if updated else None
    loaded = load(registry, ids, args.rows, args.reload)
    rule_ids = ensure_rules(registry, ids, args.rules)
    results = []
    rnd = random.Random(7)
    with C.odoo_env(registry, odoo.SUPERUSER_ID) as env:
        Ticket = env['hotline.ticket']
        env.cr.execute('SELECT count(*) FROM hotline_ticket')
        total_rows = env.cr.fetchone()[0]
        t0 = time.time()
        Ticket._refresh_dispatch_stats()
        t_refresh = time.time() - t0
        env.cr.execute('SELECT count(*) FROM hotline_dispatch_stat')
        stat_rows = env.cr.fetchone()[0]
        env.cr.execute('ANALYZE hotline_dispatch_stat')

        samples = []
        for __ in range(args.samples):
            issue = rnd.randrange(len(ISSUES))
            loc = rnd.randrange(len(ids['street_locations']))
            title = rnd.choice(PLACES) + ISSUES[issue] + rnd.choice(SUFFIXES)
            samples.append((issue, loc, title))
        times, first, top3 = [], 0, 0
        for issue, loc, title in samples:
            ticket = Ticket.new({'title': title, 'content': title,
                                 'category_id': ids['categories'][issue],
                                 'location_id': ids['street_locations'][loc]})
            t = time.time()
            suggestions = ticket.hotline_suggest_units()
            times.append(time.time() - t)
            wanted = true_unit(ids, issue, loc)
            got = [s['unit_id'] for s in suggestions]
            first += bool(got and got[0] == wanted)
            top3 += wanted in got
        results.append(('suggestions (hotline_suggest_units)', C.summary_ms(times)))
        # the same, by title words only (no category or location typed yet)
        times_words = []
        for issue, loc, title in samples:
            ticket = Ticket.new({'title': title, 'content': title})
            t = time.time()
            ticket.hotline_suggest_units()
            times_words.append(time.time() - t)
        results.append(('suggestions, title only', C.summary_ms(times_words)))

        Rule = env['hotline.dispatch.rule']
        times_rule = []
        for issue, loc, title in samples:
            ticket = Ticket.new({'title': title, 'content': title, 'ticket_type': 'complaint',
                                 'category_id': ids['categories'][issue],
                                 'location_id': ids['street_locations'][loc]})
            t = time.time()
            Rule._best_rule(ticket)
            times_rule.append(time.time() - t)
        results.append(('auto-dispatch: choose rule (%d rules)' % len(rule_ids),
                        C.summary_ms(times_rule)))

        times_submit = []
        for issue, loc, title in samples[:50]:
            ticket = Ticket.create({
                'title': title, 'content': title, 'ticket_type': 'complaint',
                'contact_name': '基准', 'contact_phone': '13800000000',
                'category_id': ids['categories'][issue],
                'location_id': ids['street_locations'][loc]})
            t = time.time()
            ticket.action_submit()
            times_submit.append(time.time() - t)
            assert ticket.state == 'dispatched', ticket.state
        results.append(('auto-dispatch: whole submit + dispatch', C.summary_ms(times_submit)))

        rule = Rule.browse(rule_ids[0])
        rule.try_days = 365
        t = time.time()
        rule.action_try()
        t_try = time.time() - t
        try_count = rule.try_count
        t = time.time()
        accuracy = Ticket.hotline_dispatch_accuracy()
        t_acc = time.time() - t

        # DS-5: learning at once from one clean close (one INSERT of new hits)
        env.cr.execute("SELECT id FROM hotline_ticket WHERE state = 'done' AND "
                       "dispatch_count = 1 AND return_count = 0 ORDER BY id DESC LIMIT %s",
                       [args.samples])
        times_learn = []
        for ticket in Ticket.browse([r[0] for r in env.cr.fetchall()]):
            t = time.time()
            ticket._learn_dispatch()
            times_learn.append(time.time() - t)
        results.append(('learn from one clean close (_learn_dispatch)',
                        C.summary_ms(times_learn)))

        # FL-1: the timed-dispatch cron: --due submitted requests whose time has come
        due_ids = []
        for issue, loc, title in (samples * (1 + args.due // len(samples)))[:args.due]:
            due_ids.append(Ticket.create({
                'title': title, 'content': title, 'ticket_type': 'complaint',
                'contact_name': '基准', 'contact_phone': '13800000000',
                'category_id': ids['categories'][issue],
                'location_id': ids['street_locations'][loc]}).id)
        env.cr.execute("""UPDATE hotline_ticket SET state = 'submitted',
                              dispatch_scheduled = (now() AT TIME ZONE 'UTC') - interval '1 minute'
                          WHERE id = ANY(%s)""", [due_ids])
        Ticket.invalidate_cache()
        t = time.time()
        env.cr.execute("""
            SELECT id FROM hotline_ticket
             WHERE state = 'submitted' AND dispatch_scheduled IS NOT NULL
               AND dispatch_scheduled <= (now() AT TIME ZONE 'UTC')
             ORDER BY dispatch_scheduled, id LIMIT 500 FOR UPDATE SKIP LOCKED""")
        picked = len(env.cr.fetchall())
        t_pick = time.time() - t
        t = time.time()
        cron_done = Ticket._cron_timed_dispatch(limit=args.due)
        t_cron = time.time() - t
        env.cr.execute("SELECT count(*) FROM hotline_ticket WHERE id = ANY(%s) AND "
                       "state = 'dispatched'", [due_ids])
        cron_dispatched = env.cr.fetchone()[0]
        env.cr.rollback()

    rows = [(name, s['n'], '%.1f' % s['p50'], '%.1f' % s['p95'], '%.1f' % s['max'])
            for name, s in results]
    table = C.md_table(['operation', 'n', 'p50 ms', 'p95 ms', 'max ms'], rows)
    lines = [
        '# Dispatch benchmark (DS-4, DS-5)', '',
        C.machine_notes(), '',
        '%d past requests in hotline_ticket%s.' % (
            total_rows, '' if loaded.get('reused') else
            ' (loaded in %.0f s, %d distinct titles segmented in %.1f s)' % (
                loaded['insert_s'], loaded['titles'], loaded['segment_s'])), '',
        table, '',
        '- relearning the suggestion statistics (`_refresh_dispatch_stats`, one SQL '
        'statement over the history): %.1f s, %d feature rows' % (t_refresh, stat_rows),
        '- suggestion quality on %d new requests: true unit first %.0f %%, in the top 3 '
        '%.0f %%' % (args.samples, 100.0 * first / args.samples, 100.0 * top3 / args.samples),
        '- trying one rule against a year of history (`action_try`): %.0f ms (%d matches)' % (
            t_try * 1000, try_count),
        '- dispatch accuracy over the history (`hotline_dispatch_accuracy`): %.0f ms → '
        '%s %%' % (t_acc * 1000, accuracy['accuracy']),
        '- timed dispatch (`_cron_timed_dispatch`) of %d due requests among the history: '
        'picking them (one SELECT … FOR UPDATE SKIP LOCKED) %.1f ms; the whole run %.1f s, '
        '%.0f ms per request, %d dispatched by rule' % (
            picked, t_pick * 1000, t_cron, 1000.0 * t_cron / max(cron_done, 1),
            cron_dispatched),
    ]
    if filled:
        lines.append('- content keywords of the history segmented once '
                     '(`_backfill_content_keywords`): %d requests in %.0f s' % filled)
    report = '\n'.join(lines) + '\n'
    print(report)
    with open(os.path.join(C.OUT, 'dispatch.md'), 'w') as f:
        f.write(report)


if __name__ == '__main__':
    main()
