"""Shared helpers of the benchmarks in bench/ (run with the project's venv Python).

Nothing here is imported by the add-ons or the test suite.
"""
import configparser
import contextlib
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, 'bench')
OUT = os.path.join(BENCH, 'out')
# A worktree uses the main checkout's venv and .local through the variables ./hotline reads.
PY = os.path.join(os.environ.get('HOTLINE_VENV') or os.path.join(ROOT, '.venv'), 'bin', 'python')
ODOO_BIN = os.path.join(ROOT, 'tools', 'odoo-bin')
LOCAL_CONF = os.path.join(os.environ.get('HOTLINE_LOCAL') or os.path.join(ROOT, '.local'),
                          'odoo.conf')
BENCH_CONF = os.path.join(OUT, 'bench.conf')


def set_base_conf(path):
    """Read the server settings (database, paths) from ``path`` instead of .local/odoo.conf
    (which is rewritten by whoever ran ./hotline run last)."""
    global LOCAL_CONF
    LOCAL_CONF = os.path.abspath(path)


def log(msg):
    print('[bench %s] %s' % (time.strftime('%H:%M:%S'), msg), file=sys.stderr, flush=True)


def odoo_env_vars():
    env = dict(os.environ)
    env['PATH'] = os.path.join(ROOT, 'node_modules', '.bin') + os.pathsep + env.get('PATH', '')
    return env


def write_conf(name='bench', http_port=8269, base=None, extra=None):
    """The configuration every benchmark's Odoo runs on, bench/out/<name>.conf: the server
    settings of ``base`` (default .local/odoo.conf, made by `./hotline setup`) with quiet logs,
    no cron threads, no workers, long time limits, the port ``http_port`` (long polling on
    ``http_port + 3``) and this checkout's add-ons first (whatever checkout ``base`` was written
    for), then ``extra``. Returns its path."""
    os.makedirs(OUT, exist_ok=True)
    c = configparser.RawConfigParser()
    c.read(base or LOCAL_CONF)
    o = c['options']
    o.update({'log_level': 'warn', 'max_cron_threads': '0', 'workers': '0',
              'http_port': str(http_port), 'longpolling_port': str(http_port + 3),
              'list_db': 'False', 'limit_time_cpu': '3600', 'limit_time_real': '7200'})
    paths = [p.strip() for p in o.get('addons_path', '').split(',') if p.strip()]
    others = [p for p in paths if os.path.basename(p.rstrip('/')) == 'addons'
              and os.path.exists(os.path.join(p, 'mail'))]
    o['addons_path'] = ','.join([os.path.join(ROOT, 'addons')] + others)
    for k, v in (extra or {}).items():
        o[k] = str(v)
    path = os.path.join(OUT, '%s.conf' % name)
    with open(path, 'w') as f:
        c.write(f)
    return path


def ensure_conf(http_port=8269, extra=None, name='bench'):
    """``write_conf`` on .local/odoo.conf, after starting the embedded PostgreSQL (and making
    .local/odoo.conf) with `./hotline setup` if it is not running."""
    if not os.path.exists(LOCAL_CONF) or not _pg_alive():
        log('running ./hotline setup (embedded PostgreSQL + .local/odoo.conf)')
        subprocess.check_call([os.path.join(ROOT, 'hotline'), 'setup'], cwd=ROOT)
    return write_conf(name, http_port=http_port, extra=extra)


def _conf_options():
    c = configparser.RawConfigParser()
    c.read(LOCAL_CONF)
    return c['options'] if c.has_section('options') else {}


def pg_connect(dbname='postgres'):
    import psycopg2
    o = _conf_options()
    return psycopg2.connect(dbname=dbname, host=o.get('db_host'), port=o.get('db_port') or None,
                            user=o.get('db_user'), password=o.get('db_password'))


def _pg_alive():
    if not os.path.exists(LOCAL_CONF):
        return False
    try:
        pg_connect().close()
        return True
    except Exception:
        return False


def db_modules_installed(dbname, modules):
    try:
        conn = pg_connect(dbname)
    except Exception:
        return False
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT count(*) FROM ir_module_module WHERE state = 'installed' "
                       "AND name = ANY(%s)", [list(modules)])
            return cr.fetchone()[0] == len(modules)
    except Exception:
        return False
    finally:
        conn.close()


def ensure_database(dbname, modules, conf):
    """Create ``dbname`` with ``modules`` installed (no demo data), or reuse it."""
    if db_modules_installed(dbname, modules):
        log('reusing database %s (%s installed)' % (dbname, ', '.join(modules)))
        return
    logfile = os.path.join(OUT, 'install_%s.log' % dbname)
    log('installing %s into %s (log: %s)' % (', '.join(modules), dbname, logfile))
    t0 = time.time()
    subprocess.check_call([PY, ODOO_BIN, '-c', conf, '-d', dbname, '-i', ','.join(modules),
                           '--without-demo=all', '--stop-after-init', '--logfile=' + logfile],
                          cwd=ROOT, env=odoo_env_vars())
    if not db_modules_installed(dbname, modules):
        raise SystemExit('installation of %s into %s failed; see %s' % (modules, dbname, logfile))
    log('installed in %.0f s' % (time.time() - t0))


def start_odoo(conf, dbname):
    """Load Odoo in this process on ``conf``; returns the registry of ``dbname``."""
    sys.path.insert(0, ROOT)
    import odoo
    odoo.tools.config.parse_config(['-c', conf, '-d', dbname, '--log-level=warn'])
    return odoo.registry(dbname)


@contextlib.contextmanager
def odoo_env(registry, uid, commit=False):
    import odoo
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        env = odoo.api.Environment(cr, uid, {'tz': 'Asia/Shanghai'})
        try:
            yield env
            if commit:
                cr.commit()
            else:
                cr.rollback()
        except BaseException:
            cr.rollback()
            raise


def pct(values, p):
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


def summary_ms(seconds):
    ms = [x * 1000.0 for x in seconds]
    return {'n': len(ms), 'p50': statistics.median(ms), 'p95': pct(ms, 95), 'max': max(ms),
            'mean': statistics.mean(ms)}


def md_table(headers, rows):
    out = ['| ' + ' | '.join(headers) + ' |', '|' + '|'.join('---' for _ in headers) + '|']
    for row in rows:
        out.append('| ' + ' | '.join(str(c) for c in row) + ' |')
    return '\n'.join(out)


def machine_notes():
    import platform
    try:
        with open('/proc/cpuinfo') as f:
            model = next((line.split(':', 1)[1].strip() for line in f
                          if line.startswith('model name')), '?')
    except OSError:
        model = '?'
    try:
        with open('/proc/meminfo') as f:
            mem = int(f.readline().split()[1]) // 1024 // 1024
    except OSError:
        mem = '?'
    pgv = '?'
    try:
        conn = pg_connect()
        with conn.cursor() as cr:
            cr.execute('SHOW server_version')
            pgv = cr.fetchone()[0]
            cr.execute('SHOW shared_buffers')
            pgv += ', shared_buffers ' + cr.fetchone()[0]
            cr.execute('SHOW fsync')
            pgv += ', fsync ' + cr.fetchone()[0]
        conn.close()
    except Exception:
        pass
    return ('%d CPU (%s), %s GiB RAM, Python %s, PostgreSQL %s; measured %s'
            % (os.cpu_count(), model, mem, platform.python_version(), pgv,
               time.strftime('%Y-%m-%d %H:%M %Z')))
