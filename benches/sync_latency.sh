#!/bin/sh
# A 12-week `dw sync pagerduty` of 3 schedules against the PagerDuty stand-in
# answering every request after 200 ms. dw reads all schedules at once, then
# sends one batched POST per schedule: the critical path is 2 round trips
# (~400 ms of waiting), whatever the number of schedules.
# Usage: benches/sync_latency.sh  (prints one BENCH line per run; 3 runs)
set -eu
cd "$(dirname "$0")/.."
CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1} cargo test --test dw --no-run >/dev/null 2>&1
for _ in 1 2 3; do
    CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1} cargo test -q --test dw -- --ignored --exact \
        sync::bench_sync_latency --nocapture 2>/dev/null | grep '^BENCH'
done
