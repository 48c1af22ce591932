#!/usr/bin/env python
"""Benchmark: statistics and assessment (hotline_reports) over millions of rows.

    .venv/bin/python bench/bench_reports.py [--tickets 5000000] [--calls 10000000]
                                            [--db hotline_bench_rep] [--port 8321] [--update]

1. Creates (or reuses) database ``hotline_bench_rep`` with hotline_core, hotline_dispatch,
   hotline_kb, hotline_cti and hotline_reports, no demo data (own configuration file
   bench/out/bench_reports.conf, add-ons of this checkout).
2. Master data through the ORM: 8 districts × 5 streets (a location each), 20 bureaus, 40
   categories under 8 groups, 20 agents with seats in 4 agent groups and 3 queues.
3. Loads requests up to ``--tickets`` and call records up to ``--calls`` with set-based
   INSERT … SELECT generate_series in chunks of 1,000,000 (resumable: a second run adds
   only what is missing), spread over the last 12 months: 70 % dispatched (one main
   assignment, 10 % also a co-unit, 2 % dispatched twice), 80 % closed, callbacks on
   closed dispatched requests; calls 90 % inbound (12 % abandoned), 10 % outbound.
4. Times, each twice (cold, warm), through the ORM as the pivot view calls it
   (``read_group``): request analysis unit × month over everything and for one month,
   unit handling analysis unit × month, call analysis by month (all) and by half-hour and by
   agent for one month; the call summary (rebuild, refresh, by month and by half-hour over
   everything); the three assessment schemes for last month (``_compute_period``,
   rolled back); the wallboard figures; the spike scan.

Prints a table and writes bench/out/reports.md.
"""
import argparse
import datetime
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _common as C  # noqa: E402

DB = 'hotline_bench_rep'
MODULES = ['hotline_core', 'hotline_dispatch', 'hotline_kb', 'hotline_cti', 'hotline_reports']
CHUNK = 1000000


def master_data(env):
    """Units, locations, categories, agents, queues and groups (once)."""
    Unit = env['hotline.unit']
    if Unit.search([('code', '=like', 'BR-%')], limit=1):
        return
    C.log('creating master data')
    city = Unit.create({'name': '基准市', 'code': 'BR-CITY', 'unit_type': 'other'})
    Location = env['hotline.location']
    city_loc = Location.create({'name': '基准市', 'location_type': 'city'})
    for d in range(8):
        district = Unit.create({'name': '基准%d区' % d, 'code': 'BR-D%d' % d,
                                'unit_type': 'district', 'parent_id': city.id})
        dloc = Location.create({'name': '基准%d区' % d, 'location_type': 'district',
                                'parent_id': city_loc.id, 'unit_id': district.id})
        for s in range(5):
            street = Unit.create({'name': '基准%d区%d街道' % (d, s), 'code': 'BR-S%d%d' % (d, s),
                                  'unit_type': 'street', 'parent_id': district.id})
            Location.create({'name': '基准%d区%d街道' % (d, s), 'location_type': 'street',
                             'parent_id': dloc.id, 'unit_id': street.id})
    for b in range(20):
        Unit.create({'name': '基准局%02d' % b, 'code': 'BR-B%02d' % b, 'unit_type': 'bureau',
                     'parent_id': city.id})
    Category = env['hotline.category']
    for g in range(8):
        group = Category.create({'name': '基准大类%d' % g, 'code': 'BR-G%d' % g})
        for k in range(5):
            Category.create({'name': '基准问题%d-%d' % (g, k), 'code': 'BR-C%d%d' % (g, k),
                             'parent_id': group.id})
    server = env['asterisk.server'].create({
        'name': 'bench PBX', 'ip_address': '127.0.0.1', 'login': 'bench',
        'password': 'bench', 'context': 'from-internal'})
    queues = env['hotline.cti.queue']
    for q in range(3):
        queues |= queues.create({'name': 'bench-q%d' % q, 'server_id': server.id})
    group_agent = env.ref('hotline_core.group_hotline_agent')
    users = env['res.users']
    for a in range(20):
        user = users.with_context(no_reset_password=True).create({
            'name': '基准座席%02d' % a, 'login': 'bench_agent_%02d' % a,
            'groups_id': [(6, 0, [group_agent.id])]})
        env['hotline.cti.agent'].create({
            'user_id': user.id, 'agent_number': 'b%02d' % a, 'extension': '7%03d' % a,
            'server_id': server.id, 'queue_ids': [(6, 0, queues.ids)]})
        users |= user
    for g in range(4):
        env['hotline.agent.group'].create({
            'name': '基准座席%d组' % g, 'user_ids': [(6, 0, users[g * 5:g * 5 + 5].ids)],
            'queue_ids': [(6, 0, queues[g % 3].ids)]})


def load(cr, tickets, calls):
    """Set-based loading up to the wanted sizes, 1,000,000 rows per statement."""
    cr.execute("SELECT array_agg(id ORDER BY code) FROM hotline_unit WHERE code LIKE 'BR-S%%'")
    streets = cr.fetchone()[0]
    cr.execute("SELECT array_agg(id ORDER BY code) FROM hotline_unit WHERE code LIKE 'BR-B%%'")
    bureaus = cr.fetchone()[0]
    cr.execute("SELECT array_agg(l.id ORDER BY u.code) FROM hotline_location l "
               "JOIN hotline_unit u ON u.id = l.unit_id WHERE u.code LIKE 'BR-S%%'")
    locations = cr.fetchone()[0]
    cr.execute("SELECT array_agg(id ORDER BY code) FROM hotline_category "
               "WHERE code LIKE 'BR-C%%'")
    categories = cr.fetchone()[0]
    cr.execute("SELECT array_agg(user_id ORDER BY agent_number), array_agg(id ORDER BY "
               "agent_number) FROM hotline_cti_agent WHERE agent_number LIKE 'b%%'")
    agent_users, agents = cr.fetchone()
    cr.execute("SELECT array_agg(id ORDER BY name) FROM hotline_cti_queue "
               "WHERE name LIKE 'bench-q%%'")
    queues = cr.fetchone()[0]
    cr.execute("SELECT id FROM asterisk_server WHERE name = 'bench PBX'")
    server = cr.fetchone()[0]
    params = {'streets': streets, 'bureaus': bureaus, 'locations': locations,
              'categories': categories, 'users': agent_users, 'agents': agents,
              'queues': queues, 'server': server,
              'now': datetime.datetime.utcnow().replace(microsecond=0)}
    cr.execute("SELECT COALESCE(MAX(substr(name, 3)::int), 0) FROM hotline_ticket "
               "WHERE name LIKE 'BR%%'")
    have = cr.fetchone()[0]
    while have < tickets:
        upto = min(tickets, have + CHUNK)
        t0 = time.time()
        params.update(lo=have + 1, hi=upto)
        cr.execute("""
            INSERT INTO hotline_ticket (name, title, ticket_type, channel, content,
                register_date, state, process_state, supervision_state, urgent, user_id,
                main_unit_id, bureau_id, location_id, category_id, dispatch_count,
                return_count, dissatisfied_count, urge_count, dispatch_accurate, kb_answered,
                date_deadline, date_done, has_recording, special_supervision, hot_qa_pushed,
                create_uid, create_date, write_uid, write_date)
            SELECT 'BR' || i, '基准诉求' || (i %% 40), (ARRAY['consult', 'complaint', 'report',
                   'appeal', 'help', 'suggestion', 'praise', 'message'])[1 + i %% 8],
                   (ARRAY['phone', 'phone', 'phone', 'web', 'wechat', 'app'])[1 + i %% 6], '内容',
                   d.reg, CASE WHEN i %% 10 < 8 THEN 'done' WHEN i %% 10 = 8 THEN 'in_progress'
                               ELSE 'submitted' END,
                   CASE WHEN i %% 10 < 8 THEN 'done' WHEN i %% 10 = 8 THEN 'in_process'
                        ELSE 'unprocessed' END,
                   'normal', i %% 20 = 0, (%(users)s::int[])[1 + i %% 20],
                   CASE WHEN i %% 10 < 7 THEN (%(streets)s::int[])[1 + (i / 7) %% 40] END,
                   CASE WHEN i %% 3 = 0 THEN (%(bureaus)s::int[])[1 + i %% 20] END,
                   (%(locations)s::int[])[1 + (i / 7) %% 40],
                   (%(categories)s::int[])[1 + (i * 7) %% 40],
                   CASE WHEN i %% 50 = 0 THEN 2 WHEN i %% 10 < 7 THEN 1 ELSE 0 END,
                   CASE WHEN i %% 50 = 0 THEN 1 ELSE 0 END, 0, 0,
                   i %% 10 < 7 AND i %% 50 != 0, i %% 8 = 0 AND i %% 3 = 0,
                   d.reg + interval '10 days',
                   CASE WHEN i %% 10 < 8 THEN d.reg + (i %% 15) * interval '1 day' END,
                   FALSE, FALSE, FALSE, 1, d.reg, 1, d.reg
              FROM generate_series(%(lo)s, %(hi)s) AS i,
                   LATERAL (SELECT %(now)s::timestamp
                                   - ((i * 37) %% 525600) * interval '1 minute' AS reg) d
            """, params)
        cr.execute("""
            INSERT INTO hotline_ticket_assignment (ticket_id, unit_id, role, state, redispatch,
                date_deadline, date_signed, date_done, solved, late, urge_count,
                leader_opinion_required, supervise, create_uid, create_date, write_uid,
                write_date)
            SELECT t.id, t.main_unit_id, 'main',
                   CASE WHEN t.state = 'done' THEN 'done' ELSE 'in_progress' END, FALSE,
                   t.date_deadline, t.register_date + (1 + t.id %% 48) * interval '1 hour',
                   t.date_done, t.id %% 4 != 0, FALSE, 0, FALSE, FALSE,
                   1, t.register_date + interval '1 hour', 1, t.register_date
              FROM hotline_ticket t
             WHERE t.name LIKE 'BR%%' AND substr(t.name, 3)::int BETWEEN %(lo)s AND %(hi)s
               AND t.main_unit_id IS NOT NULL
            UNION ALL
            SELECT t.id, (%(bureaus)s::int[])[1 + t.id %% 20], 'co', 'done', FALSE,
                   t.date_deadline, t.register_date + interval '30 hours', t.date_done, TRUE,
                   FALSE, 0, FALSE, FALSE, 1, t.register_date + interval '1 hour', 1,
                   t.register_date
              FROM hotline_ticket t
             WHERE t.name LIKE 'BR%%' AND substr(t.name, 3)::int BETWEEN %(lo)s AND %(hi)s
               AND t.main_unit_id IS NOT NULL AND t.id %% 10 = 3
            """, params)
        cr.execute("""
            INSERT INTO hotline_ticket_step (ticket_id, date, user_id, action, name, create_uid,
                create_date, write_uid, write_date)
            SELECT t.id, t.date_done,
                   t.user_id, CASE WHEN t.id %% 7 = 0 THEN 'callback_unsatisfied'
                                   ELSE 'callback_satisfied' END, '回访', 1, t.date_done, 1,
                   t.date_done
              FROM hotline_ticket t
             WHERE t.name LIKE 'BR%%' AND substr(t.name, 3)::int BETWEEN %(lo)s AND %(hi)s
               AND t.state = 'done' AND t.dispatch_count > 0
            """, params)
        cr.commit()
        C.log('requests %d–%d loaded in %.0f s' % (have + 1, upto, time.time() - t0))
        have = upto
    cr.execute("SELECT COALESCE(MAX(substr(uniqueid, 3)::bigint), 0) FROM hotline_cti_call "
               "WHERE uniqueid LIKE 'bc%%'")
    have = cr.fetchone()[0]
    while have < calls:
        upto = min(calls, have + CHUNK)
        t0 = time.time()
        params.update(lo=have + 1, hi=upto)
        cr.execute("""
            INSERT INTO hotline_cti_call (uniqueid, server_id, direction, caller_number,
                queue_id, agent_id, agent_user_id, enter_date, answer_date, end_date,
                wait_time, talk_time, state, disposition, create_uid, create_date, write_uid,
                write_date)
            SELECT 'bc' || i, %(server)s,
                   CASE WHEN i %% 10 = 9 THEN 'outbound' ELSE 'inbound' END,
                   '139' || lpad((i %% 100000000)::text, 8, '0'),
                   CASE WHEN i %% 10 != 9 THEN (%(queues)s::int[])[1 + i %% 3] END,
                   CASE WHEN i %% 25 NOT IN (1, 2, 3) THEN (%(agents)s::int[])[1 + i %% 20] END,
                   CASE WHEN i %% 25 NOT IN (1, 2, 3) THEN (%(users)s::int[])[1 + i %% 20] END,
                   d.enter,
                   CASE WHEN i %% 25 NOT IN (1, 2, 3)
                        THEN d.enter + ((i * 13) %% 90) * interval '1 second' END,
                   d.enter + interval '5 minutes',
                   CASE WHEN i %% 10 != 9 THEN (i * 13) %% 90 END,
                   CASE WHEN i %% 25 NOT IN (1, 2, 3) THEN (i * 17) %% 600 ELSE 0 END,
                   'done', CASE WHEN i %% 25 IN (1, 2, 3) THEN 'abandoned' ELSE 'answered' END,
                   1, d.enter, 1, d.enter
              FROM generate_series(%(lo)s, %(hi)s) AS i,
                   LATERAL (SELECT %(now)s::timestamp
                                   - ((i * 31) %% 31536000) * interval '1 second' AS enter) d
            """, params)
        cr.commit()
        C.log('calls %d–%d loaded in %.0f s' % (have + 1, upto, time.time() - t0))
        have = upto


def timed(label, fn, results, runs=2):
    times = []
    for _ in range(runs):
        t0 = time.time()
        out = fn()
        times.append(time.time() - t0)
    results.append((label, times, out))
    C.log('%-58s %s' % (label, ' / '.join('%.2f s' % t for t in times)))
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--tickets', type=int, default=5000000)
    parser.add_argument('--calls', type=int, default=10000000)
    parser.add_argument('--db', default=DB)
    parser.add_argument('--port', type=int, default=8321)
    parser.add_argument('--update', action='store_true',
                        help='update hotline_reports in the database first')
    args = parser.parse_args()
    path = C.ensure_conf(http_port=args.port, name='bench_reports')
    C.ensure_database(args.db, MODULES, path)
    if args.update:
        # the views, indexes and SQL of the checked-out hotline_reports
        t0 = time.time()
        import subprocess
        subprocess.check_call([C.PY, C.ODOO_BIN, '-c', path, '-d', args.db, '-u',
                               'hotline_reports', '--stop-after-init', '--logfile=' +
                               os.path.join(C.OUT, 'update_%s.log' % args.db)],
                              cwd=C.ROOT, env=C.odoo_env_vars())
        C.log('hotline_reports updated in %.0f s' % (time.time() - t0))
    registry = C.start_odoo(path, args.db)
    import odoo
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {'tz': 'Asia/Shanghai'})
        master_data(env)
        cr.commit()
        load(cr, args.tickets, args.calls)
        t0 = time.time()
        cr.commit()
        cr._cnx.autocommit = True
        cr.execute("VACUUM ANALYZE hotline_ticket")
        cr.execute("VACUUM ANALYZE hotline_ticket_assignment")
        cr.execute("VACUUM ANALYZE hotline_ticket_step")
        cr.execute("VACUUM ANALYZE hotline_cti_call")
        cr._cnx.autocommit = False
        C.log('vacuum analyze %.0f s' % (time.time() - t0))
        cr.execute("SELECT (SELECT count(*) FROM hotline_ticket), "
                   "(SELECT count(*) FROM hotline_ticket_assignment), "
                   "(SELECT count(*) FROM hotline_ticket_step), "
                   "(SELECT count(*) FROM hotline_cti_call)")
        sizes = cr.fetchone()
        C.log('rows: %d requests, %d assignments, %d steps, %d calls' % sizes)
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {'tz': 'Asia/Shanghai',
                                                           'lang': 'zh_CN'})
        today = datetime.date.today()
        month_first = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
        month_next = today.replace(day=1)
        one_month = [('register_date', '>=', str(month_first)),
                     ('register_date', '<', str(month_next))]
        results = []
        Ticket = env['hotline.ticket.report']
        timed('request analysis: unit × month, all %d requests' % sizes[0],
              lambda: len(Ticket.read_group([], ['nbr', 'main_unit_id', 'register_date'],
                                            ['main_unit_id', 'register_date:month'],
                                            lazy=False)), results)
        timed('request analysis: unit × month, last month',
              lambda: len(Ticket.read_group(one_month, ['nbr', 'direct_rate', 'main_unit_id',
                                                        'register_date'],
                                            ['main_unit_id', 'register_date:month'],
                                            lazy=False)), results)
        timed('first-contact resolution by bureau, all',
              lambda: len(Ticket.read_group([], ['fcr_rate', 'bureau_id'], ['bureau_id'],
                                            lazy=False)), results)
        Assignment = env['hotline.assignment.report']
        timed('unit handling: unit × month, all %d assignments' % sizes[1],
              lambda: len(Assignment.read_group(
                  [], ['nbr', 'sign_rate', 'ontime_rate', 'unit_id', 'date'],
                  ['unit_id', 'date:month'], lazy=False)), results)
        Call = env['hotline.call.report']
        calls_month = [('enter_date', '>=', str(month_first)),
                       ('enter_date', '<', str(month_next))]
        timed('call analysis: by month, all %d calls' % sizes[3],
              lambda: len(Call.read_group([], ['offered_count', 'answer_rate', 'sl15_rate',
                                               'avg_wait', 'enter_date'],
                                          ['enter_date:month'], lazy=False)), results)
        timed('call analysis: by half-hour, last month',
              lambda: len(Call.read_group(calls_month, ['offered_count', 'sl20_rate',
                                                        'half_hour'],
                                          ['half_hour'], lazy=False)), results)
        timed('call analysis: by agent, last month',
              lambda: len(Call.read_group(calls_month, ['answered_count', 'avg_talk',
                                                        'agent_id'],
                                          ['agent_id'], lazy=False)), results)
        Stat = env['hotline.call.stat']
        timed('call summary: full rebuild from %d calls' % sizes[3],
              lambda: Stat._refresh(), results, runs=1)
        cr.commit()
        timed('call summary: refresh of the last two days', lambda: Stat._cron_refresh(),
              results)
        cr.commit()
        timed('call summary: by month, all calls',
              lambda: len(Stat.read_group([], ['offered_count', 'answer_rate', 'sl15_rate',
                                               'avg_wait', 'date'], ['date:month'],
                                          lazy=False)), results)
        timed('call summary: by half-hour, all calls',
              lambda: len(Stat.read_group([], ['offered_count', 'sl20_rate', 'half_hour'],
                                          ['half_hour'], lazy=False)), results)
        Result = env['hotline.kpi.result']
        for xmlid, label in (('kpi_scheme_unit', 'KPI: unit scheme, last month'),
                             ('kpi_scheme_beijing', 'KPI: three rates, last month'),
                             ('kpi_scheme_centre', 'KPI: agent groups + centre, last month')):
            scheme = env.ref('hotline_reports.%s' % xmlid)
            timed(label, lambda: len(Result._compute_period(scheme, month_first)), results)
            cr.rollback()
        timed('wallboard figures', lambda: len(env['hotline.wallboard']._wallboard_data()),
              results)
        timed('spike scan (last hour vs 7 days)',
              lambda: len(env['hotline.spike.alert']._cron_detect_spikes()), results)
        cr.rollback()
    lines = ['# hotline_reports benchmark', '',
             '%d requests, %d assignments, %d steps, %d call records (database %s)' % (
                 sizes + (args.db,)), '',
             '| operation | cold | warm | rows out |', '| --- | --- | --- | --- |']
    for label, times, out in results:
        lines.append('| %s | %.2f s | %.2f s | %s |' % (label, times[0], times[-1], out))
    text = '\n'.join(lines) + '\n'
    with open(os.path.join(C.OUT, 'reports.md'), 'w') as f:
        f.write(text)
    print(text)


if __name__ == '__main__':
    main()
