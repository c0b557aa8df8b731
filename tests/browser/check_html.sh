#!/usr/bin/env bash
# Open the `dw schedule --html` page in headless Chromium (Debian's
# `chromium`, installed here with apt-get when missing) and check that the
# DOM it renders has a cell per week and role that agrees with
# `dw schedule --json`, that a screenshot (light and dark) is not blank, and
# that the page fits a 1280-pixel-wide window without horizontal scrolling.
# Skips, saying why, only where Chromium cannot be installed.
# Outputs (page, DOM, screenshots, PDF) stay in target/html-check/ to look at.
set -euo pipefail
cd "$(dirname "$0")/../.."

find_chromium() { command -v chromium || command -v chromium-browser || true; }
chromium=$(find_chromium)
if [ -z "$chromium" ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null; then sudo="sudo"; fi
  if command -v apt-get >/dev/null; then
    echo "installing chromium with apt-get"
    if ! { $sudo apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null; }; then
      echo "apt-get could not install chromium" >&2
    fi
  fi
  chromium=$(find_chromium)
fi
if [ -z "$chromium" ]; then
  why="no chromium on PATH and apt-get could not install it (it needs root or sudo and Debian's archive)"
  echo "SKIP browser check: $why"
  exit 0
fi

dw=${DW:-target/debug/dw}
[ -x "$dw" ] || cargo build --locked -q
out=target/html-check
rm -rf "$out" && mkdir -p "$out"
out=$(cd "$out" && pwd)
args=(--roster roster.toml --at 2026-03-03T12:00)
weeks=(--from 2026-01-06 --weeks 30)
"$dw" "${args[@]}" schedule --html "${weeks[@]}" >"$out/dw.html"
"$dw" "${args[@]}" --json schedule "${weeks[@]}" >"$out/dw.json"

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --hide-scrollbars)
browse() {
  local profile
  profile=$(mktemp -d)
  timeout 180 "$chromium" "${flags[@]}" --user-data-dir="$profile" "$@" 2>>"$out/chromium.log"
  rm -rf "$profile"
}
# The widest text a roster may hold: 200-character names without a space,
# long reasons, a cover on every day of a week.
python3 - "$out/wide.toml" <<'PY'
import sys
long_name = "W" * 200
lines = ['[team]', 'name = "%s"' % ("Team" * 50), 'timezone = "Europe/Berlin"',
         'start = 2026-03-03', 'roles = ["%s", "%s"]' % ("r" * 60, "s" * 60)]
for i in range(3):
    lines += ['[[members]]', 'id = "%s%d"' % ("m" * 60, i), 'name = "%s"' % long_name,
              'email = "m%d@example.com"' % i,
              'away = [{ from = 2026-03-10, to = 2026-03-12, reason = "%s" }]' % ("R" * 500) if i == 2 else '']
for day in range(3, 10):
    lines += ['[[covers]]', 'role = 1', 'member = "%s1"' % ("m" * 60),
              'from = 2026-03-%02dT11:00:00' % day, 'to = 2026-03-%02dT12:00:00' % day,
              'reason = "%s"' % ("X" * 500)]
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY
"$dw" --roster "$out/wide.toml" --at 2026-03-04T12:00 schedule --html --weeks 3 >"$out/wide.html"

page="file://$out/dw.html"
# A reader in another zone than the team's, so the script adds their times.
TZ=Asia/Tokyo browse --window-size=1280,900 --dump-dom "$page?measure" >"$out/dom.html"
TZ=Asia/Tokyo browse --window-size=1280,900 --dump-dom "file://$out/wide.html?measure" >"$out/wide-dom.html"
browse --window-size=1280,2400 --screenshot="$out/light.png" "$page" >/dev/null
browse --window-size=1280,2400 --force-dark-mode --blink-settings=preferredColorScheme=0 \
  --screenshot="$out/dark.png" "$page" >/dev/null
browse --no-pdf-header-footer --print-to-pdf="$out/print.pdf" "$page" >/dev/null
head -c 5 "$out/print.pdf" | grep -q '%PDF-' || { echo "FAIL: printing made no PDF" >&2; exit 1; }
echo "print: $(wc -c <"$out/print.pdf") bytes of PDF"
python3 tests/browser/check_html.py "$out/dom.html" "$out/dw.json" "$out/light.png" "$out/dark.png" \
  "$out/wide-dom.html"
echo "browser check passed ($("$chromium" --version 2>/dev/null | head -1)); files in $out"
