#!/usr/bin/env bash
# Nightly: does PagerDuty still say what the roster says? Exit 4 (and a failed
# job) when it does not; `dw sync pagerduty` fixes that kind of drift.
#
# Environment:
#   DW                the dw binary (default: dw on PATH)
#   DW_AT             optional --at for dw (tests pin the clock with it)
#   PAGERDUTY_TOKEN   PagerDuty REST token
#   DW_STATE_DIR      the sync ledger, if the workflow restored it
#   DW_PAGERDUTY_URL  optional base URL (tests, EU region)
set -euo pipefail

DW=${DW:-dw}
at=()
if [[ -n ${DW_AT:-} ]]; then at=(--at "$DW_AT"); fi

"$DW" ${at[@]+"${at[@]}"} check --pagerduty
