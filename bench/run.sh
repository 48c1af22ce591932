#!/usr/bin/env bash
# Run a benchmark of bench/ with the project's venv (on demand only; never part of ./hotline test).
#   bench/run.sh duplicates   [--rows 1000000] [--samples 200] [--runs 50] [--reload]
#   bench/run.sh registration [--n 2000] [--rpc-n 500] [--port 8269] [--workers 0,2]
# Both start the embedded PostgreSQL (./hotline setup) if needed and write bench/out/*.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$PATH"
what="${1:-}"; shift || true
case "$what" in
  duplicates)   exec "${HOTLINE_VENV:-$ROOT/.venv}/bin/python" "$ROOT/bench/bench_duplicates.py" "$@" ;;
  registration) exec "${HOTLINE_VENV:-$ROOT/.venv}/bin/python" "$ROOT/bench/bench_registration.py" "$@" ;;
  *) sed -n '2,5p' "$0"; exit 2 ;;
esac
