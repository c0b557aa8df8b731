#!/usr/bin/env bash
# Benchmarks for dw (issue 2, "Speed"). Not part of `cargo test`.
#
#   benches/bench.sh            # from the repository root (or anywhere)
#   RUNS=20 benches/bench.sh    # fewer hyperfine runs for the schedule cases
#   DW=/path/to/dw benches/bench.sh   # measure that binary, no build
#
# Needs: cargo, python3; hyperfine (falls back to a `date +%s%N` loop) and
# GNU time at /usr/bin/time (peak RSS is skipped without it).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
RUNS=${RUNS:-30}

if [[ -n "${DW:-}" ]]; then
    dw=$(realpath "$DW") # measure a given binary, e.g. an older build
else
    cargo build --release --quiet
    dw="$repo/target/release/dw"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 benches/gen_roster.py --members 200 --years 10 --seed 1 >"$tmp/roster200.toml"
"$dw" check --roster "$tmp/roster200.toml" >/dev/null

# median wall time in ms of a command (stdout discarded)
median_ms() {
    local runs=$1
    shift
    if command -v hyperfine >/dev/null; then
        hyperfine -N --style none --warmup 3 --runs "$runs" \
            --export-json "$tmp/h.json" "$*" >/dev/null 2>&1
        python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.2f ms (mean %.2f ± %.2f, min %.2f, %d runs)" % (r["median"]*1e3, r["mean"]*1e3, r["stddev"]*1e3, r["min"]*1e3, len(r["times"])))' "$tmp/h.json"
    else
        local i t0 t1
        : >"$tmp/times"
        for ((i = 0; i < runs + 3; i++)); do
            t0=$(date +%s%N)
            "$@" >/dev/null
            t1=$(date +%s%N)
            ((i >= 3)) && echo $(((t1 - t0) / 1000)) >>"$tmp/times"
        done
        sort -n "$tmp/times" | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f ms (%d runs, date loop)\n", m/1000, NR}'
    fi
}

# peak resident set size in MiB
peak_rss() {
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -v "$@" 2>"$tmp/time.txt" >/dev/null
        awk -F': ' '/Maximum resident set size/ {printf "%.1f MiB\n", $2/1024}' "$tmp/time.txt"
    else
        echo "n/a (no /usr/bin/time)"
    fi
}

bytes() { "$@" | wc -c | tr -d ' '; }

echo "dw $("$dw" --version 2>/dev/null | awk '{print $2}') · $(nproc) cores · $(uname -sr)"
echo "generated roster: $(wc -c <"$tmp/roster200.toml") bytes, 200 members, $(grep -c 'reason = "PTO"' "$tmp/roster200.toml") away periods"
echo

who=("$dw" who --roster roster.toml --at 2026-03-03T12:00)
echo "## dw who --roster roster.toml --at 2026-03-03T12:00   (target: median <= 5 ms, peak RSS <= 15 MiB)"
echo "  wall: $(median_ms 200 "${who[@]}")"
echo "  peak RSS: $(peak_rss "${who[@]}")"
echo

echo "## dw schedule --weeks N --json --at 2026-01-07 on the 200-member roster   (target: N=5200 <= 100 ms; linear in N)"
for n in 520 5200 52000; do
    cmd=("$dw" schedule --roster "$tmp/roster200.toml" --weeks "$n" --json --at 2026-01-07)
    runs=$RUNS
    ((n == 52000)) && runs=$(((RUNS + 2) / 3))
    echo "  N=$n: wall $(median_ms "$runs" "${cmd[@]}"); peak RSS $(peak_rss "${cmd[@]}"); output $(bytes "${cmd[@]}") bytes"
done
echo

echo "## the same weeks, one member's entries only (--member m0003): the engine with little output"
for n in 520 5200 52000; do
    cmd=("$dw" schedule --roster "$tmp/roster200.toml" --weeks "$n" --json --member m0003 --at 2026-01-07)
    echo "  N=$n: wall $(median_ms "$RUNS" "${cmd[@]}"); peak RSS $(peak_rss "${cmd[@]}"); output $(bytes "${cmd[@]}") bytes"
done
echo

echo "## dw who on the 200-member roster (parse + validate a $(wc -c <"$tmp/roster200.toml")-byte roster)"
who200=("$dw" who --roster "$tmp/roster200.toml" --at 2026-03-03T12:00)
echo "  wall: $(median_ms 50 "${who200[@]}"); peak RSS $(peak_rss "${who200[@]}")"
