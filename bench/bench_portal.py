#!/usr/bin/env python
"""Benchmark: citizen portal lookup and submission latency with many requests (CH-1, CH-2).

    .venv/bin/python bench/bench_portal.py [--rows 1000000] [--samples 200]
                                           [--db hotline_bench_portal]

Database ``hotline_bench_portal`` (created or reused): hotline_core + hotline_portal, no demo.
``--rows`` requests are inserted set-based (INSERT … SELECT generate_series), every one with a
query-password hash (the same pbkdf2-sha256 hash: verifying costs the same for any hash), and
title keywords from a small vocabulary; then ANALYZE.

Measured in-process, one transaction per operation, as the controllers do it:
(a) lookup by number + right password (``hotline.ticket._portal_lookup``),
(b) lookup of a number that does not exist (must cost about the same: CH-2),
(c) submission: create a web request + set its query password (what /hotline/submit does
    besides rendering), committed,
(d) hot keywords of the last 30 days (``_portal_hot_keywords``, one SQL over the table),
(e) rate-limit check (``hotline.portal.rate.hit``).
Prints median / p95 / max in ms and writes bench/out/portal.md.
"""
import argparse
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _common as C  # noqa: E402

MODULES = ['hotline_core', 'hotline_portal']
PASSWORD = 'k7m2p9qa'
WORDS = ['电梯', '噪音', '路灯', '物业', '垃圾', '医保', '社保', '占道', '积水', '供暖', '工资',
         '漏水', '公交', '学位', '油烟', '退费']


def load(registry, rows):
    from odoo.addons.hotline_portal.models.hotline_ticket import PASSWORD_CRYPT
    with C.odoo_env(registry, 1, commit=True) as env:
        cr = env.cr
        cr.execute('SELECT count(*) FROM hotline_ticket')
        have = cr.fetchone()[0]
        if have >= rows:
            C.log('reusing %d requests' % have)
            return
        C.log('inserting %d requests (INSERT … SELECT generate_series)' % (rows - have))
        t0 = time.time()
        cr.execute("""
            INSERT INTO hotline_ticket (name, title, title_keywords, ticket_type, channel,
                content, register_date, state, supervision_state, process_state,
                contact_name, contact_phone, portal_password_hash, portal_public,
                portal_published, create_uid, write_uid, create_date, write_date)
            SELECT 'B-' || lpad(g::text, 8, '0'),
                   'bench request ' || g,
                   (%(words)s)[1 + g %% 16] || ' ' || (%(words)s)[1 + (g / 16) %% 16],
                   (ARRAY['consult','complaint','report','help'])[1 + g %% 4],
                   (ARRAY['phone','web','wechat','app'])[1 + g %% 4],
                   'bench content', (now() AT TIME ZONE 'UTC') - (g %% 730) * interval '1 day',
                   'submitted', 'normal', 'unprocessed',
                   'bench', '+86138' || lpad((g %% 100000000)::text, 8, '0'),
                   %(hash)s, g %% 10 = 0, g %% 20 = 0, 1, 1, now(), now()
              FROM generate_series(%(start)s, %(rows)s) g""", {
            'words': WORDS, 'hash': PASSWORD_CRYPT.hash(PASSWORD), 'start': have + 1,
            'rows': rows})
        C.log('inserted in %.0f s' % (time.time() - t0))
    with C.odoo_env(registry, 1, commit=True) as env:
        env.cr.execute('ANALYZE hotline_ticket')


def measure(label, fn, samples, commit=False, registry=None):
    times = []
    for i in range(samples):
        with C.odoo_env(registry, 1, commit=commit) as env:
            t0 = time.perf_counter()
            fn(env, i)
            times.append(time.perf_counter() - t0)
    s = C.summary_ms(times)
    C.log('%-40s p50 %.1f ms  p95 %.1f ms  max %.1f ms' % (label, s['p50'], s['p95'], s['max']))
    return [label, s['n'], '%.1f' % s['p50'], '%.1f' % s['p95'], '%.1f' % s['max']]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--rows', type=int, default=1000000)
    parser.add_argument('--samples', type=int, default=200)
    parser.add_argument('--db', default='hotline_bench_portal')
    args = parser.parse_args()
    conf = C.ensure_conf()
    C.ensure_database(args.db, MODULES, conf)
    registry = C.start_odoo(conf, args.db)
    load(registry, args.rows)
    rng = random.Random(42)
    numbers = ['B-%08d' % rng.randint(1, args.rows) for _i in range(args.samples)]

    def lookup(env, i):
        assert env['hotline.ticket']._portal_lookup(numbers[i], PASSWORD)

    def lookup_unknown(env, i):
        assert not env['hotline.ticket']._portal_lookup('12345-19990101-%05d' % i, PASSWORD)

    def submit(env, i):
        ticket = env['hotline.ticket'].with_context(
            tracking_disable=True, mail_create_nosubscribe=True).create({
                'title': '井盖缺失', 'content': '幸福路88号井盖丢了', 'ticket_type': 'report',
                'channel': 'web', 'contact_name': '林芳', 'contact_phone': '13700007777',
                'portal_public': True})
        ticket._portal_set_password()

    def hot(env, i):
        import datetime
        today = datetime.date.today()
        env['hotline.ticket']._portal_hot_keywords(today - datetime.timedelta(days=30), today)

    def rate(env, i):
        env['hotline.portal.rate']._hit('lookup_ip', '10.0.%d.%d' % (i // 250, i % 250))

    rows = [
        measure('lookup, right password', lookup, args.samples, registry=registry),
        measure('lookup, unknown number', lookup_unknown, args.samples, registry=registry),
        measure('submission (create + password)', submit, args.samples, commit=True,
                registry=registry),
        measure('hot keywords, last 30 days', hot, max(5, args.samples // 20),
                registry=registry),
        measure('rate-limit check', rate, args.samples, registry=registry),
    ]
    table = C.md_table(['operation', 'n', 'p50 ms', 'p95 ms', 'max ms'], rows)
    text = '# Portal latency with %d requests\n\n%s\n\n%s\n' % (
        args.rows, table, C.machine_notes())
    os.makedirs(C.OUT, exist_ok=True)
    with open(os.path.join(C.OUT, 'portal.md'), 'w') as f:
        f.write(text)
    print(text)


if __name__ == '__main__':
    main()
