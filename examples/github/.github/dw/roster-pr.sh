#!/usr/bin/env bash
# Roster pull request: check the changed roster, then comment on the pull
# request with every on-call turn the change moves. Copy this file to
# .github/dw/roster-pr.sh in the roster's repository (roster-pr.yml runs it).
#
# Roster text goes into the comment only in two forms: dw's own Markdown
# (`dw plan --markdown` escapes what the roster says), and plain output (dw
# check) inside a code fence longer than any run of backticks in it, so no
# text of the roster can close the fence and be read as Markdown.
#
# Environment:
#   BASE       git revision to compare with (default: origin/main)
#   ROSTER     the roster, relative to the repository root (default: roster.toml)
#   PR_NUMBER  the pull request to comment on with `gh pr comment`; when
#              empty the comment is printed instead (a run by hand)
#   GH_TOKEN   for gh, when PR_NUMBER is set
set -euo pipefail

base=${BASE:-origin/main}
# A relative path keeps the runner's folders out of the comment.
roster=${ROSTER:-roster.toml}
# GitHub refuses comments past 65,536 characters.
limit=60000

body=$(mktemp)
trap 'rm -f "$body"' EXIT

# stdin inside a code fence of more backticks than the longest run in it.
fenced() {
  local text longest fence
  text=$(cat)
  longest=$(printf '%s\n' "$text" | awk '{
    while (match($0, /`+/)) { if (RLENGTH > m) m = RLENGTH; $0 = substr($0, RSTART + RLENGTH) }
  } END { print m + 0 }')
  fence='```'
  while ((${#fence} <= longest)); do fence="$fence\`"; done
  printf '%s\n%s\n%s\n' "$fence" "$text" "$fence"
}

comment() {
  if (($(wc -c <"$body") > limit)); then
    {
      echo "### On-call changes"
      echo
      echo "The list is too long for a comment; run \`dw plan --git $base\` to see it."
    } >"$body"
  fi
  if [[ -n ${PR_NUMBER:-} ]]; then
    # Edit the bot's previous comment instead of adding one per push.
    gh pr comment "$PR_NUMBER" --edit-last --body-file "$body" 2>/dev/null ||
      gh pr comment "$PR_NUMBER" --body-file "$body"
  else
    cat "$body"
  fi
}

# A broken roster fails the job; its problems go into the comment as well.
status=0
checked=$(dw --roster "$roster" check 2>&1) || status=$?
if ((status != 0)); then
  {
    echo "### dw check found problems in the roster"
    echo
    fenced <<<"$checked"
  } >"$body"
  comment
  echo "$checked" >&2
  exit "$status"
fi
echo "$checked"

if git cat-file -e "$base:$roster" 2>/dev/null; then
  {
    dw --roster "$roster" plan --git "$base" --markdown
    echo
    fenced <<<"$checked"
  } >"$body"
else
  # The pull request that starts the roster: nothing to compare with yet,
  # so the comment shows the first weeks instead.
  weeks=$(dw --roster "$roster" schedule --weeks 8)
  {
    echo "### On-call changes"
    echo
    echo "The roster is new in this pull request. Its first weeks:"
    echo
    fenced <<<"$weeks"
    echo
    fenced <<<"$checked"
  } >"$body"
fi
comment
