#!/usr/bin/env bash
# Roster pull request: validate the changed roster and show, as a PR comment,
# every on-call assignment the change moves.
#
# Environment:
#   DW         the dw binary (default: dw on PATH)
#   DW_AT      optional --at for dw (tests pin the clock with it)
#   DW_BASE    git revision to compare with (default: origin/main)
#   DW_ROSTER  the roster, relative to the repository root (default: roster.toml)
#   PR_NUMBER  pull request to comment on with `gh pr comment`; when empty the
#              comment is printed to stdout instead (local runs, tests)
#   GH_TOKEN   used by gh when PR_NUMBER is set
set -euo pipefail

DW=${DW:-dw}
base=${DW_BASE:-origin/main}
# A relative path keeps the runner's folders out of the comment.
roster=${DW_ROSTER:-roster.toml}
at=()
if [[ -n ${DW_AT:-} ]]; then at=(--at "$DW_AT"); fi

body=$(mktemp)
trap 'rm -f "$body"' EXIT

comment() {
  if [[ -n ${PR_NUMBER:-} ]]; then
    # Update the bot's previous comment instead of adding one per push.
    gh pr comment "$PR_NUMBER" --edit-last --body-file "$body" 2>/dev/null ||
      gh pr comment "$PR_NUMBER" --body-file "$body"
  else
    cat "$body"
  fi
}

# A broken roster fails the job; the problems go into the comment as well.
status=0
problems=$("$DW" ${at[@]+"${at[@]}"} --roster "$roster" check 2>&1) || status=$?
if [[ $status -ne 0 ]]; then
  {
    echo "### dw check found problems in the roster"
    echo
    echo '```'
    echo "$problems"
    echo '```'
  } >"$body"
  comment
  echo "$problems" >&2
  exit "$status"
fi
echo "$problems"

"$DW" ${at[@]+"${at[@]}"} --roster "$roster" plan --git "$base" --markdown >"$body"
comment
