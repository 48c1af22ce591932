#!/usr/bin/env python
"""Benchmark: the supervision scan (SV-3, SV-4, SV-6, SV-7) over 1,000,000 open requests.

    .venv/bin/python bench/bench_supervision.py [--rows 1000000] [--reload]
                                                [--db hotline_bench_sup]

1. Creates (or reuses) database ``hotline_bench_sup`` with hotline_core, hotline_dispatch,
   hotline_sms and hotline_supervision, no demo data; imports the 2026 holidays from
   ``chinese_calendar``; 8 districts × 3 streets with contact phones, a section chief and a
   director (with mobiles) per district, two time-limit policies (one with a 75 % warning).
2. Loads ``--rows`` open requests and their main assignments with two set-based
   INSERT … SELECT generate_series: deadlines uniform over [now − 3 days, now + 27 days],
   dispatched 10 days before the deadline, 70 % signed for (by a handler with a mobile),
   5 % handled by the unit and waiting for the audit (the "citizen not answered" yellow card).
3. Times, on the loaded data (cards and card text messages of earlier runs are removed
   first):
   - the first scan, as the scheduler runs it (``_cron_scan``: batches of 500,000 assignment
     ids, each committed with its text messages): the backlog of a centre switching the
     module on;
   - the same scan again at the same moment (nothing due: the steady state of a 30-minute
     cron) — the evaluation of every open request;
   - the scan one day later (the new cards of one day), rolled back;
   - the card statement alone (text messages and pop-ups switched off), one day later,
     rolled back.

Prints a results table and writes bench/out/supervision.md.
"""
import argparse
import datetime
import os
import subprocess
import sys
import time
from unittest import mock

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _common as C  # noqa: E402

DB = 'hotline_bench_sup'
MODULES = ['hotline_core', 'hotline_dispatch', 'hotline_sms', 'hotline_supervision']
DISTRICTS = ['东城区', '西城区', '南湖区', '北郊区', '高新区', '开发区', '滨江区', '城南区']
CARD_KINDS = ['prewarning', 'share_warning', 'delay', 'yellow', 'red']


def ensure_schema(conf, dbname):
    """A bench database made by an older hotline_supervision gets the module update."""
    conn = C.pg_connect(dbname)
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT 1 FROM information_schema.columns WHERE table_name = "
                       "'hotline_ticket_assignment' AND column_name = 'time_policy_id'")
            current = bool(cr.fetchone())
    finally:
        conn.close()
    if current:
        return
    C.log('updating hotline_supervision in %s' % dbname)
    subprocess.check_call([C.PY, C.ODOO_BIN, '-c', conf, '-d', dbname, '-u',
                           'hotline_supervision', '--stop-after-init', '--logfile=' + os.path.join(
                               C.OUT, 'update_%s.log' % dbname)],
                          cwd=C.ROOT, env=C.odoo_env_vars())


def ensure_masters(registry):
    import odoo
    with C.odoo_env(registry, odoo.SUPERUSER_ID, commit=True) as env:
        Unit = env['hotline.unit']
        streets = Unit.search([('code', '=like', 'BSUP-%-%')])
        if len(streets) == len(DISTRICTS) * 3:
            handlers = env['res.users'].search([('login', '=like', 'bsup_handler%')])
            return {'streets': streets.ids, 'handlers': handlers.ids,
                    'policies': env['hotline.time.policy'].search([]).ids}
        C.log('creating units, users, policies and the 2026 calendar')
        env['hotline.calendar.day'].import_package_year(2026)
        Users = env['res.users'].with_context(no_reset_password=True)
        handler_group = env.ref('hotline_core.group_hotline_unit_handler')
        manager_group = env.ref('hotline_core.group_hotline_unit_manager')
        city = Unit.create({'name': '青川市', 'unit_type': 'other', 'code': 'BSUP'})
        handlers = env['res.users']
        for d, name in enumerate(DISTRICTS):
            chief = Users.create({'name': '%s处长' % name, 'login': 'bsup_chief%d' % d,
                                  'mobile': '+861390000%04d' % (100 + d),
                                  'groups_id': [(6, 0, [manager_group.id])]})
            director = Users.create({'name': '%s主任' % name, 'login': 'bsup_director%d' % d,
                                     'mobile': '+861390000%04d' % (200 + d),
                                     'groups_id': [(6, 0, [manager_group.id])]})
            district = Unit.create({
                'name': name, 'unit_type': 'district', 'parent_id': city.id,
                'code': 'BSUP-%d' % d, 'section_chief_id': chief.id,
                'director_id': director.id, 'manager_id': chief.id})
            for s in range(3):
                handler = Users.create({'name': '%s街道%d经办人' % (name, s),
                                        'login': 'bsup_handler%d_%d' % (d, s),
                                        'mobile': '+86139001%05d' % (d * 10 + s),
                                        'groups_id': [(6, 0, [handler_group.id])]})
                handlers |= handler
                Unit.create({'name': '%s第%d街道' % (name, s + 1), 'unit_type': 'street',
                             'parent_id': district.id, 'code': 'BSUP-%d-%d' % (d, s),
                             'contact_phone': '+86139002%05d' % (d * 10 + s),
                             'section_chief_id': chief.id, 'director_id': director.id,
                             'user_ids': [(4, handler.id)]})
        Policy = env['hotline.time.policy']
        Policy.search([]).write({'active': False})
        policies = Policy.create({'name': '投诉（15个工作日）', 'total_limit': 15}) | \
            Policy.create({'name': '求助（10个工作日，75%提醒）', 'total_limit': 10,
                           'share_warning_percent': 75})
        streets = Unit.search([('code', '=like', 'BSUP-%-%')])
        return {'streets': streets.ids, 'handlers': handlers.ids, 'policies': policies.ids}


def load(registry, ids, rows, reload=False):
    import odoo
    with C.odoo_env(registry, odoo.SUPERUSER_ID, commit=True) as env:
        cr = env.cr
        cr.execute("SELECT count(*) FROM hotline_ticket WHERE name LIKE 'BS-%%'")
        have = cr.fetchone()[0]
        if have >= rows and not reload:
            C.log('reusing %d loaded requests (use --reload to load again)' % have)
            return {'reused': True}
        C.log('emptying the requests')
        cr.execute('TRUNCATE hotline_ticket, hotline_ticket_unit_rel, hotline_ticket_step, '
                   'hotline_ticket_assignment, hotline_supervision_card, hotline_sms_message '
                   'CASCADE')
        cr.execute("SET LOCAL work_mem = '256MB'")
        cr.execute('SELECT setseed(0.4242)')
        t0 = time.time()
        # deadline = end of a day in Beijing time; dispatched 10 days before it
        cr.execute("""
            INSERT INTO hotline_ticket (
                name, title, ticket_type, channel, content, register_date, state,
                process_state, supervision_state, main_unit_id, time_policy_id, date_deadline,
                dispatch_count, create_uid, write_uid, create_date, write_date)
            SELECT 'BS-' || lpad(g::text, 8, '0'), '小区路灯不亮' || (g %% 97), 'complaint',
                   'phone', '小区路灯不亮，请尽快维修。', deadline - interval '10 days',
                   CASE WHEN audit THEN 'to_audit' WHEN signed THEN 'in_progress'
                        ELSE 'dispatched' END,
                   'in_process', 'normal', unit, policy, deadline, 1, 1, 1,
                   deadline - interval '10 days', deadline - interval '10 days'
              FROM (SELECT g, random() < 0.05 AS audit, random() < 0.70 AS signed,
                           (%(streets)s::int[])[1 + floor(random() * %(n_streets)s)::int] AS unit,
                           (%(policies)s::int[])[1 + (g %% 2)] AS policy,
                           date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai')
                             + (floor(random() * 30)::int - 3) * interval '1 day'
                             + interval '23 hours 59 minutes 59 seconds'
                             - interval '8 hours' AS deadline
                      FROM generate_series(1, %(rows)s) g) r""", {
            'streets': ids['streets'], 'n_streets': len(ids['streets']),
            'policies': ids['policies'], 'rows': rows})
        t_tickets = time.time() - t0
        C.log('%d requests in %.0f s; assignments' % (rows, t_tickets))
        t1 = time.time()
        cr.execute("""
            INSERT INTO hotline_ticket_assignment (
                ticket_id, unit_id, role, state, date_deadline, signed_by, date_signed,
                date_done, time_policy_id, create_uid, write_uid, create_date, write_date)
            SELECT t.id, t.main_unit_id, 'main',
                   CASE t.state WHEN 'to_audit' THEN 'done' WHEN 'in_progress' THEN 'in_progress'
                        ELSE 'to_sign' END,
                   t.date_deadline,
                   CASE WHEN t.state != 'dispatched'
                        THEN (%(handlers)s::int[])[1 + (t.id %% %(n_handlers)s)] END,
                   CASE WHEN t.state != 'dispatched' THEN t.create_date + interval '1 day' END,
                   CASE WHEN t.state = 'to_audit' THEN t.create_date + interval '3 days' END,
                   t.time_policy_id, 1, 1, t.create_date, t.create_date
              FROM hotline_ticket t WHERE t.name LIKE 'BS-%%'""", {
            'handlers': ids['handlers'], 'n_handlers': len(ids['handlers'])})
        t_assign = time.time() - t1
        cr.execute('ANALYZE hotline_ticket')
        cr.execute('ANALYZE hotline_ticket_assignment')
        return {'reused': False, 'tickets_s': t_tickets, 'assignments_s': t_assign}


def reset(registry):
    import odoo
    with C.odoo_env(registry, odoo.SUPERUSER_ID, commit=True) as env:
        cr = env.cr
        cr.execute('TRUNCATE hotline_supervision_card')
        cr.execute('DELETE FROM hotline_sms_message WHERE kind = ANY(%s)', [CARD_KINDS])
        cr.execute("UPDATE hotline_ticket SET supervision_state = 'normal' "
                   "WHERE supervision_state != 'normal'")
        # databases loaded before assignments carried the policy
        cr.execute('UPDATE hotline_ticket_assignment a SET time_policy_id = t.time_policy_id '
                   'FROM hotline_ticket t WHERE t.id = a.ticket_id AND a.time_policy_id IS NULL '
                   'AND t.time_policy_id IS NOT NULL')


def counts(env):
    env.cr.execute("""
        SELECT (SELECT count(*) FROM hotline_ticket_assignment
                 WHERE state IN ('to_sign', 'in_progress')),
               (SELECT count(*) FROM hotline_supervision_card),
               (SELECT count(*) FROM hotline_sms_message WHERE kind = ANY(%s))""",
                   [CARD_KINDS])
    return env.cr.fetchone()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--rows', type=int, default=1000000)
    parser.add_argument('--reload', action='store_true')
    parser.add_argument('--db', default=DB)
    args = parser.parse_args()
    conf = C.ensure_conf(http_port=8283, name='bench_supervision')
    C.ensure_database(args.db, MODULES, conf)
    ensure_schema(conf, args.db)
    registry = C.start_odoo(conf, args.db)
    import odoo
    from odoo import fields
    ids = ensure_masters(registry)
    loaded = load(registry, ids, args.rows, args.reload)
    reset(registry)
    results = []
    now = fields.Datetime.now()
    tomorrow = fields.Datetime.to_string(
        fields.Datetime.from_string(now) + datetime.timedelta(days=1))

    with C.odoo_env(registry, odoo.SUPERUSER_ID, commit=True) as env:
        Card = env['hotline.supervision.card']
        open_count, __, __ = counts(env)
        C.log('first scan over %d open assignments' % open_count)
        t0 = time.time()
        issued = Card._scan(now=now, commit=True)
        t_first = time.time() - t0
        __, cards, sms = counts(env)
        env.cr.execute('SELECT level, count(*) FROM hotline_supervision_card GROUP BY level '
                       'ORDER BY level')
        by_level = ', '.join('%s %d' % row for row in env.cr.fetchall())
        results.append(('first scan (backlog), committed per batch', '%.1f s' % t_first,
                        '%d cards (%s), %d SMS queued' % (len(issued), by_level, sms)))
    with C.odoo_env(registry, odoo.SUPERUSER_ID) as env:
        Card = env['hotline.supervision.card']
        t0 = time.time()
        again = Card._scan(now=now)
        t_again = time.time() - t0
        results.append(('same scan again (nothing due: steady state)', '%.1f s' % t_again,
                        '%d new cards, %d open assignments evaluated' % (len(again),
                                                                         open_count)))
    with C.odoo_env(registry, odoo.SUPERUSER_ID) as env:
        Card = env['hotline.supervision.card']
        __, cards_before, sms_before = counts(env)
        t0 = time.time()
        day = Card._scan(now=tomorrow)
        t_day = time.time() - t0
        __, cards_after, sms_after = counts(env)
        results.append(('scan one day later (rolled back)', '%.1f s' % t_day,
                        '%d new cards, %d SMS queued' % (len(day), sms_after - sms_before)))
    with C.odoo_env(registry, odoo.SUPERUSER_ID) as env:
        Card = env['hotline.supervision.card']
        cls = type(Card)
        with mock.patch.object(cls, '_send_sms', lambda self, ids: []), \
                mock.patch.object(cls, '_notify_units', lambda self, ids: None):
            t0 = time.time()
            day = Card._scan(now=tomorrow)
            t_sql = time.time() - t0
        results.append(('card statements only, one day later (rolled back)', '%.1f s' % t_sql,
                        '%d new cards' % len(day)))

    table = C.md_table(['measure', 'time', 'what'], results)
    load_note = 'reused' if loaded.get('reused') else (
        'loaded: requests %.0f s, assignments %.0f s' % (loaded['tickets_s'],
                                                         loaded['assignments_s']))
    report = '\n'.join([
        '## Supervision scan — %d open requests (%s)' % (args.rows, load_note), '',
        table, '', C.machine_notes(), ''])
    print(report)
    with open(os.path.join(C.OUT, 'supervision.md'), 'w') as f:
        f.write(report)


if __name__ == '__main__':
    main()
