#!/usr/bin/env bash
# Benchmark of `dw handoff` against a slow API (issue 3, "Speed"). Not a test.
#
#   benches/handoff.sh              # from anywhere in the repository
#   RUNS=10 DELAY_MS=200 benches/handoff.sh
#
# A local mock (benches/handoff_mock.py) adds DELAY_MS to every answer. The
# longest chain of dependent calls is:
#   dw handoff          1 call  (the two GET /incidents run concurrently)
#   dw handoff --post   2 calls (the notes need the incidents before the post)
# and the target is wall time <= 1.5 x chain x DELAY_MS.
# Needs: cargo, python3; hyperfine if installed (else a `date` loop).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
RUNS=${RUNS:-10}
DELAY_MS=${DELAY_MS:-200}
export DELAY_MS

cargo build --release --quiet
dw="$repo/target/release/dw"

tmp=$(mktemp -d)
mock_pid=
cleanup() {
    [[ -n $mock_pid ]] && kill "$mock_pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

python3 benches/handoff_mock.py >"$tmp/port" 2>"$tmp/mock.log" &
mock_pid=$!
for _ in $(seq 100); do
    [[ -s $tmp/port ]] && break
    sleep 0.05
done
port=$(head -1 "$tmp/port")
[[ -n $port ]] || { echo "the mock did not start" >&2; exit 1; }

export DW_PAGERDUTY_URL="http://127.0.0.1:$port"
export DW_SLACK_URL="http://127.0.0.1:$port"
export PAGERDUTY_TOKEN=bench-pd-token SLACK_TOKEN=bench-slack-token
base=("$dw" --roster tests/fixtures/http-team.toml --at 2026-03-02T12:00 handoff)

# Check that both commands work against the mock before timing them.
"${base[@]}" 2>/dev/null | grep -q "Benchmark incident"
"${base[@]}" --post 2>/dev/null | grep -q "Benchmark incident"

# median wall time in ms of a command (stdout and stderr discarded)
median_ms() {
    if command -v hyperfine >/dev/null; then
        hyperfine -N --style none --warmup 1 --runs "$RUNS" \
            --export-json "$tmp/h.json" "$*" >/dev/null 2>&1
        python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.1f %.1f %.1f" % (r["median"]*1e3, r["min"]*1e3, r["max"]*1e3))' "$tmp/h.json"
    else
        local i t0 t1
        : >"$tmp/times"
        for ((i = 0; i < RUNS; i++)); do
            t0=$(date +%s%N)
            "$@" >/dev/null 2>&1
            t1=$(date +%s%N)
            echo $(((t1 - t0) / 1000)) >>"$tmp/times"
        done
        sort -n "$tmp/times" | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f %.1f %.1f\n", m/1000, a[1]/1000, a[NR]/1000}'
    fi
}

echo "dw $("$dw" --version | awk '{print $2}') · $(nproc) cores · $(uname -sr) · mock delay ${DELAY_MS} ms · $RUNS runs"
printf '%-20s %6s %9s %10s %15s %7s\n' command chain "chain ms" "median ms" "min–max ms" ratio
status=0
for case in "handoff:1" "handoff --post:2"; do
    name=${case%:*}
    chain=${case##*:}
    if [[ $name == *--post ]]; then cmd=("${base[@]}" --post); else cmd=("${base[@]}"); fi
    read -r med lo hi <<<"$(median_ms "${cmd[@]}")"
    ideal=$((chain * DELAY_MS))
    ratio=$(python3 -c "print('%.2f' % ($med / $ideal))")
    printf '%-20s %6s %9s %10s %15s %6sx\n' "dw $name" "$chain" "$ideal" "$med" "$lo–$hi" "$ratio"
    python3 -c "import sys; sys.exit(0 if $med <= 1.5 * $ideal else 1)" || status=1
done
if ((status)); then
    echo "over the target of 1.5 x the chain" >&2
else
    echo "within the target of 1.5 x the chain"
fi
exit $status
