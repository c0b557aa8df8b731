#!/usr/bin/env bash
# Write the calendar site into a folder: index.html and the team's feed
# dw.ics, and per member a page ID.html and a feed dw-ID.ics (the pages link
# to their feeds by these names). Copy this
# file to .github/dw/pages.sh in the roster's repository (pages.yml runs it).
#
#   .github/dw/pages.sh SITE_DIR
#
# Environment:
#   ROSTER  the roster (default: roster.toml)
#
# The page shows 13 weeks from the current one, the feeds a year.
set -euo pipefail

site=${1:?usage: pages.sh SITE_DIR}
roster=${ROSTER:-roster.toml}
mkdir -p "$site"

dw --roster "$roster" schedule --html --weeks 13 >"$site/index.html"
dw --roster "$roster" schedule --ics --weeks 52 >"$site/dw.ics"
# Member ids are [a-z0-9._-]+: safe as words and as file names.
ids=$(dw --roster "$roster" next --json | jq -r '.members[].id')
for id in $ids; do
  dw --roster "$roster" schedule --html --weeks 13 --member "$id" >"$site/$id.html"
  dw --roster "$roster" schedule --ics --weeks 52 --member "$id" >"$site/dw-$id.ics"
done
ls "$site"
