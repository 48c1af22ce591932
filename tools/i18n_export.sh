#!/usr/bin/env bash
# Re-export the translation template of a module and merge it into its zh_CN.po (NF-1).
#   tools/i18n_export.sh MODULE [DB]
# MODULE  an addon under addons/ (e.g. hotline_core)
# DB      database with MODULE installed (default: $DB or hotline_test_template; run
#         './hotline test' once to create it)
# Writes addons/MODULE/i18n/MODULE.pot; if gettext's msgmerge is installed, updates
# addons/MODULE/i18n/zh_CN.po against it and prints how many entries are untranslated.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODULE="${1:-}"
[ -n "$MODULE" ] || { sed -n '2,8p' "$0" >&2; exit 2; }
DB_NAME="${2:-${DB:-hotline_test_template}}"
I18N="addons/$MODULE/i18n"
CONF=".local/odoo.conf"

cd "$ROOT"
[ -d "addons/$MODULE" ] || { echo "no module addons/$MODULE" >&2; exit 2; }
[ -x .venv/bin/python ] || { echo "no .venv: run ./hotline setup first" >&2; exit 2; }
[ -f "$CONF" ] || { echo "no $CONF: run ./hotline setup first" >&2; exit 2; }

# Odoo 11 infers the format from the extension and refuses .pot: export to a temporary .po.
TMP_PO="$(mktemp -d)/$MODULE.po"
trap 'rm -rf "$(dirname "$TMP_PO")"' EXIT
PATH="$ROOT/node_modules/.bin:$PATH" .venv/bin/python tools/odoo-bin -c "$CONF" -d "$DB_NAME" \
  --modules="$MODULE" --i18n-export="$TMP_PO" --stop-after-init --log-level=warn
[ -s "$TMP_PO" ] || { echo "export produced no file ($TMP_PO)" >&2; exit 1; }
mkdir -p "$I18N"
cp "$TMP_PO" "$I18N/$MODULE.pot"
echo "wrote $I18N/$MODULE.pot ($(grep -c '^msgid ' "$I18N/$MODULE.pot") msgids, header included)"

if ! command -v msgmerge >/dev/null; then
  echo "gettext is not installed (apt-get install gettext): zh_CN.po not merged" >&2
  exit 0
fi
PO="$I18N/zh_CN.po"
if [ -f "$PO" ]; then
  msgmerge --quiet --update --backup=none --no-fuzzy-matching --no-wrap "$PO" "$I18N/$MODULE.pot"
  untranslated="$(msgattrib --untranslated --no-obsolete "$PO" | grep -c '^msgid ' || true)"
  # msgattrib keeps the header entry (msgid "") in its output: do not count it.
  [ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
  echo "$PO: $untranslated untranslated entries"
  [ "$untranslated" -eq 0 ] || msgattrib --untranslated --no-obsolete --no-wrap "$PO" | grep '^msgid ' | tail -n +2
else
  echo "no $PO yet: copy $I18N/$MODULE.pot to it and translate"
fi
