#!/usr/bin/env bash
# Tuesday, after the handoff meeting: announce the new week in the team
# channel (message, channel topic, @group) and make PagerDuty match the roster.
#
# Environment:
#   DW                 the dw binary (default: dw on PATH)
#   DW_AT              optional --at for dw (tests pin the clock with it)
#   SLACK_TOKEN        Slack bot token
#   PAGERDUTY_TOKEN    PagerDuty REST token
#   DW_PAGERDUTY_FROM  email of the PagerDuty user the overrides are made as
#   DW_STATE_DIR       where `dw sync pagerduty` keeps the ledger of the
#                      overrides it made (default: $XDG_STATE_HOME/dw); the
#                      workflow keeps this folder between runs
#   DW_SLACK_URL, DW_PAGERDUTY_URL  optional base URLs (tests, EU region)
set -euo pipefail

DW=${DW:-dw}
at=()
if [[ -n ${DW_AT:-} ]]; then at=(--at "$DW_AT"); fi

if [[ -n ${DW_STATE_DIR:-} ]]; then mkdir -p "$DW_STATE_DIR"; fi

# Both steps run even if the first fails; the job fails if either did.
status=0
"$DW" ${at[@]+"${at[@]}"} announce --post --topic --group || status=$?
"$DW" ${at[@]+"${at[@]}"} sync pagerduty || status=$?
exit "$status"
