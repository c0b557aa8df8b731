#!/usr/bin/env bash
# Monday, the day before the handoff: remind the incoming primary and
# secondary (Slack DMs) and post the handoff notes to the team channel.
#
# Environment:
#   DW                the dw binary (default: dw on PATH)
#   DW_AT             optional --at for dw (tests pin the clock with it)
#   SLACK_TOKEN       Slack bot token
#   PAGERDUTY_TOKEN   PagerDuty REST token (incidents in the handoff notes)
#   DW_SLACK_URL, DW_PAGERDUTY_URL  optional base URLs (tests, EU region)
set -euo pipefail

DW=${DW:-dw}
at=()
if [[ -n ${DW_AT:-} ]]; then at=(--at "$DW_AT"); fi

# Both steps run even if the first fails; the job fails if either did.
status=0
"$DW" ${at[@]+"${at[@]}"} remind --post || status=$?
"$DW" ${at[@]+"${at[@]}"} handoff --post || status=$?
exit "$status"
