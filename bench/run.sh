#!/usr/bin/env bash
# Run one benchmark of bench/ with the project's venv (on demand only; never part of ./hotline test).
#   bench/run.sh                 list the benchmarks (the first sentence of each script's docstring)
#   bench/run.sh NAME [ARGS…]    run bench/NAME.py, or bench/bench_NAME.py (e.g. duplicates)
#   bench/run.sh NAME --help     the script's own arguments
# A worktree uses the main checkout's venv and .local through HOTLINE_VENV / HOTLINE_LOCAL.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${HOTLINE_VENV:-$ROOT/.venv}/bin/python"
[ -x "$PY" ] || PY=python3   # listing needs no venv
export PATH="$ROOT/node_modules/.bin:$PATH"
what="${1:-}"; shift || true
if [ -z "$what" ] || [ "$what" = "-h" ] || [ "$what" = "--help" ]; then
  sed -n '3,5p' "$0"
  echo
  "$PY" - "$ROOT/bench" <<'EOF'
import ast, glob, os, sys
for path in sorted(glob.glob(os.path.join(sys.argv[1], '*.py'))):
    name = os.path.basename(path)[:-3]
    if name.startswith('_'):
        continue
    with open(path, encoding='utf-8') as f:
        doc = ast.get_docstring(ast.parse(f.read())) or ''
    first = ' '.join(doc.strip().split('\n\n')[0].split())   # the first paragraph
    print('  %-15s %s' % (name[len('bench_'):] if name.startswith('bench_') else name,
                          first.split('. ')[0].rstrip('.')))
EOF
  exit 0
fi
for script in "$ROOT/bench/$what.py" "$ROOT/bench/bench_$what.py"; do
  case "$(basename "$script")" in _*) continue ;; esac
  [ -f "$script" ] && exec "$PY" "$script" "$@"
done
echo "bench/run.sh: no benchmark '$what' (bench/$what.py or bench/bench_$what.py); run bench/run.sh for the list" >&2
exit 2
