#compdef dw

autoload -U is-at-least

_dw() {
    typeset -A opt_args
    typeset -a _arguments_options
    local ret=1

    if is-at-least 5.2; then
        _arguments_options=(-s -S -C)
    else
        _arguments_options=(-s -C)
    fi

    local context curcontext="$curcontext" state line
    _arguments "${_arguments_options[@]}" : \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for, in the team'\''s time zone\: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday\: the next one after today; 00\:00, so before a handoff that day), a weekday and time ('\''tuesday 10\:00'\''), '\''next handoff'\'' or '\''next week'\'' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH\:MM, a bare date YYYY-MM-DD (which means 00\:00 that day, before a 10\:00 handoff), or an RFC 3339 instant \[default\: now\]]:WHEN:_default' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'--json[Print JSON instead of a table]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_dw_commands" \
"*::: :->dw" \
&& ret=0
    case $state in
    (dw)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:dw-command-$line[1]:"
        case $line[1] in
            (who)
_arguments "${_arguments_options[@]}" : \
'--role=[Only this role\: a role name (primary), an ordinal (4th) or a rank number]:ROLE:_default' \
'--field=[Print only this field, one bare line per rank (for scripts)]:FIELD:(id name email slack pagerduty)' \
'--format=[Output format \[default\: table, or json with --json\]]:FORMAT:((table\:"Aligned columns for people"
json\:"One JSON object\: team, week, start, end, ranks, away, covers"
env\:"Shell assignments to eval in a script\: DW_WEEK, DW_PRIMARY_EMAIL …"
tsv\:"Tab-separated values with a header line"))' \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for, in the team'\''s time zone\: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday\: the next one after today; 00\:00, so before a handoff that day), a weekday and time ('\''tuesday 10\:00'\''), '\''next handoff'\'' or '\''next week'\'' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH\:MM, a bare date YYYY-MM-DD (which means 00\:00 that day, before a 10\:00 handoff), or an RFC 3339 instant \[default\: now\]]:WHEN:_default' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'--json[Print JSON instead of a table]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(schedule)
_arguments "${_arguments_options[@]}" : \
'--from=[Start at the week whose dates include DATE \[default\: the current week\]]:DATE:_default' \
'--weeks=[How many weeks to show]:N:_default' \
'--member=[Only this member'\''s assignments (with --html\: the whole team, this member'\''s weeks and covers highlighted)]:ID:_default' \
'*--roles=[Only these roles, comma-separated (names such as primary, ordinals such as 4th, or rank numbers), in the table, JSON and --ics \[default\: the table shows the named roles, JSON and --ics every rank; --ics --member the named roles\]]:ROLES:_default' \
'*--role=[Only these roles, comma-separated (names such as primary, ordinals such as 4th, or rank numbers), in the table, JSON and --ics \[default\: the table shows the named roles, JSON and --ics every rank; --ics --member the named roles\]]:ROLES:_default' \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for, in the team'\''s time zone\: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday\: the next one after today; 00\:00, so before a handoff that day), a weekday and time ('\''tuesday 10\:00'\''), '\''next handoff'\'' or '\''next week'\'' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH\:MM, a bare date YYYY-MM-DD (which means 00\:00 that day, before a 10\:00 handoff), or an RFC 3339 instant \[default\: now\]]:WHEN:_default' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'(--json)--ics[Print an iCalendar (RFC 5545) file to subscribe to]' \
'(--json --ics --roles)--html[Print a self-contained calendar page (HTML, no outside requests) to publish beside the --ics feed]' \
'--json[Print JSON instead of a table]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(next)
_arguments "${_arguments_options[@]}" : \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for, in the team'\''s time zone\: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday\: the next one after today; 00\:00, so before a handoff that day), a weekday and time ('\''tuesday 10\:00'\''), '\''next handoff'\'' or '\''next week'\'' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH\:MM, a bare date YYYY-MM-DD (which means 00\:00 that day, before a 10\:00 handoff), or an RFC 3339 instant \[default\: now\]]:WHEN:_default' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'--json[Print JSON instead of a table]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'::id -- The member \[default\: DW_ME, else every member\]:_default' \
&& ret=0
;;
(roles)
_arguments "${_arguments_options[@]}" : \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for, in the team'\''s time zone\: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday\: the next one after today; 00\:00, so before a handoff that day), a weekday and time ('\''tuesday 10\:00'\''), '\''next handoff'\'' or '\''next week'\'' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH\:MM, a bare date YYYY-MM-DD (which means 00\:00 that day, before a 10\:00 handoff), or an RFC 3339 instant \[default\: now\]]:WHEN:_default' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'--json[Print JSON instead of a table]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(stats)
_arguments "${_arguments_options[@]}" : \
'--from=[First date counted (its week is included) \[default\: the roster'\''s start\]]:DATE:_default' \
'--to=[Last date counted (its week is included) \[default\: today\]]:DATE:_default' \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for, in the team'\''s time zone\: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday\: the next one after today; 00\:00, so before a handoff that day), a weekday and time ('\''tuesday 10\:00'\''), '\''next handoff'\'' or '\''next week'\'' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH\:MM, a bare date YYYY-MM-DD (which means 00\:00 that day, before a 10\:00 handoff), or an RFC 3339 instant \[default\: now\]]:WHEN:_default' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'--json[Print JSON instead of a table]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(check)
_arguments "${_arguments_options[@]}" : \
'--weeks=[Weeks ahead to check, from the current one \[default\: 52; 4 with --pagerduty\]]:N:_default' \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for, in the team'\''s time zone\: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday\: the next one after today; 00\:00, so before a handoff that day), a weekday and time ('\''tuesday 10\:00'\''), '\''next handoff'\'' or '\''next week'\'' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH\:MM, a bare date YYYY-MM-DD (which means 00\:00 that day, before a 10\:00 handoff), or an RFC 3339 instant \[default\: now\]]:WHEN:_default' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'--pagerduty[Also compare who PagerDuty says is on call with the roster; exit 4 on drift]' \
'--strict[With --pagerduty\: also exit 4 when people'\''s own overrides differ from the roster]' \
'--json[Print JSON instead of a table]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(handoff)
_arguments "${_arguments_options[@]}" : \
'*--issue=[A customer issue to carry over (repeat for several); on a terminal without it, --post opens EDITOR to write them]:TEXT:_default' \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for, in the team'\''s time zone\: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday\: the next one after today; 00\:00, so before a handoff that day), a weekday and time ('\''tuesday 10\:00'\''), '\''next handoff'\'' or '\''next week'\'' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH\:MM, a bare date YYYY-MM-DD (which means 00\:00 that day, before a 10\:00 handoff), or an RFC 3339 instant \[default\: now\]]:WHEN:_default' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'--post[Send the notes to the team channel (\[slack\] channel)]' \
'--dry-run[Print the requests that would change something, and send none of them]' \
'--json[Print JSON instead of a table]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(announce)
_arguments "${_arguments_options[@]}" : \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for, in the team'\''s time zone\: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday\: the next one after today; 00\:00, so before a handoff that day), a weekday and time ('\''tuesday 10\:00'\''), '\''next handoff'\'' or '\''next week'\'' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH\:MM, a bare date YYYY-MM-DD (which means 00\:00 that day, before a 10\:00 handoff), or an RFC 3339 instant \[default\: now\]]:WHEN:_default' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'--post[Post this week'\''s ranks to the team channel]' \
'--topic[Set the team channel'\''s topic to '\''primary\: …, secondary\: …'\'']' \
'--group[Make the roster'\''s Slack user group (@dreamwork) the current primary and secondary]' \
'--dry-run[Print the requests that would change something, and send none of them]' \
'--json[Print JSON instead of a table]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(incident)
_arguments "${_arguments_options[@]}" : \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for, in the team'\''s time zone\: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday\: the next one after today; 00\:00, so before a handoff that day), a weekday and time ('\''tuesday 10\:00'\''), '\''next handoff'\'' or '\''next week'\'' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH\:MM, a bare date YYYY-MM-DD (which means 00\:00 that day, before a 10\:00 handoff), or an RFC 3339 instant \[default\: now\]]:WHEN:_default' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'--json[Print JSON instead of a table]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_dw__subcmd__incident_commands" \
"*::: :->incident" \
&& ret=0

    case $state in
    (incident)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:dw-incident-command-$line[1]:"
        case $line[1] in
            (start)
_arguments "${_arguments_options[@]}" : \
'--title=[What is wrong, in a few words ('\''DB down'\'')]:TEXT:_default' \
'--service=[PagerDuty service ID \[default\: \[pagerduty\] service in the roster\]]:ID:_default' \
'--urgency=[PagerDuty urgency \[default\: high\]]:URGENCY:(high low)' \
'--impact=[One customer or many]:IMPACT:((one\:"One customer"
many\:"Many customers"))' \
'--details=[More about it\: symptoms, links, what was tried]:TEXT:_default' \
'--incident-key=[De-duplication key \[default\: derived from service, title and the local date\]]:KEY:_default' \
'--as=[You, as a member id (for the From header and the Slack message)]:ID:_default' \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for, in the team'\''s time zone\: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday\: the next one after today; 00\:00, so before a handoff that day), a weekday and time ('\''tuesday 10\:00'\''), '\''next handoff'\'' or '\''next week'\'' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH\:MM, a bare date YYYY-MM-DD (which means 00\:00 that day, before a 10\:00 handoff), or an RFC 3339 instant \[default\: now\]]:WHEN:_default' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'-y[Do not ask for confirmation]' \
'--yes[Do not ask for confirmation]' \
'--no-slack[Open the incident without posting in Slack]' \
'--dry-run[Print the requests, and send nothing]' \
'--json[Print JSON instead of a table]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(analysis)
_arguments "${_arguments_options[@]}" : \
'--service=[The service that was rolled back or forward (Check and Documentation have a testing exception)]:NAME:_default' \
'--write=[Write a Markdown analysis template to FILE]:FILE:_files' \
'--incident=[Fill the template from this PagerDuty incident (needs PAGERDUTY_TOKEN)]:ID:_default' \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for, in the team'\''s time zone\: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday\: the next one after today; 00\:00, so before a handoff that day), a weekday and time ('\''tuesday 10\:00'\''), '\''next handoff'\'' or '\''next week'\'' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH\:MM, a bare date YYYY-MM-DD (which means 00\:00 that day, before a 10\:00 handoff), or an RFC 3339 instant \[default\: now\]]:WHEN:_default' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'--rolled-back[It needed a roll back]' \
'--rolled-forward[It needed a roll forward (hotfix, quick fix)]' \
'--testing-phase[The service was in its production testing phase]' \
'--we-started[The team started the incident]' \
'--pulled-in[The team was pulled into the incident (did work for it)]' \
'--status-page[Support updated the external status page]' \
'--force[Overwrite FILE if it exists]' \
'--json[Print JSON instead of a table]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_dw__subcmd__incident__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:dw-incident-help-command-$line[1]:"
        case $line[1] in
            (start)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(analysis)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(sync)
_arguments "${_arguments_options[@]}" : \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for, in the team'\''s time zone\: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday\: the next one after today; 00\:00, so before a handoff that day), a weekday and time ('\''tuesday 10\:00'\''), '\''next handoff'\'' or '\''next week'\'' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH\:MM, a bare date YYYY-MM-DD (which means 00\:00 that day, before a 10\:00 handoff), or an RFC 3339 instant \[default\: now\]]:WHEN:_default' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'--json[Print JSON instead of a table]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_dw__subcmd__sync_commands" \
"*::: :->sync" \
&& ret=0

    case $state in
    (sync)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:dw-sync-command-$line[1]:"
        case $line[1] in
            (pagerduty)
_arguments "${_arguments_options[@]}" : \
'--weeks=[How many weeks, from the current one]:N:_default' \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for, in the team'\''s time zone\: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday\: the next one after today; 00\:00, so before a handoff that day), a weekday and time ('\''tuesday 10\:00'\''), '\''next handoff'\'' or '\''next week'\'' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH\:MM, a bare date YYYY-MM-DD (which means 00\:00 that day, before a 10\:00 handoff), or an RFC 3339 instant \[default\: now\]]:WHEN:_default' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'--dry-run[Print the plan and the requests that would change something; change nothing]' \
'--json[Print JSON instead of a table]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_dw__subcmd__sync__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:dw-sync-help-command-$line[1]:"
        case $line[1] in
            (pagerduty)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(plan)
_arguments "${_arguments_options[@]}" : \
'--git=[Compare the roster at git revision REV with the working copy]:REV:_default' \
'--from=[First week compared\: the week holding DATE \[default\: the current week\]]:DATE:_default' \
'--weeks=[How many weeks to compare]:N:_default' \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for, in the team'\''s time zone\: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday\: the next one after today; 00\:00, so before a handoff that day), a weekday and time ('\''tuesday 10\:00'\''), '\''next handoff'\'' or '\''next week'\'' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH\:MM, a bare date YYYY-MM-DD (which means 00\:00 that day, before a 10\:00 handoff), or an RFC 3339 instant \[default\: now\]]:WHEN:_default' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'(--json)--markdown[Print a Markdown table to paste into a pull request]' \
'--all-ranks[Show every rank (4th, 5th, …), not only the named roles]' \
'--json[Print JSON instead of a table]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'::old -- The roster before the change:_files' \
'::new -- The roster after the change:_files' \
&& ret=0
;;
(explain)
_arguments "${_arguments_options[@]}" : \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for, in the team'\''s time zone\: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday\: the next one after today; 00\:00, so before a handoff that day), a weekday and time ('\''tuesday 10\:00'\''), '\''next handoff'\'' or '\''next week'\'' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH\:MM, a bare date YYYY-MM-DD (which means 00\:00 that day, before a 10\:00 handoff), or an RFC 3339 instant \[default\: now\]]:WHEN:_default' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'--json[Print JSON instead of a table]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'::id -- Only this member \[default\: everyone\]:_default' \
&& ret=0
;;
(remind)
_arguments "${_arguments_options[@]}" : \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for, in the team'\''s time zone\: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday\: the next one after today; 00\:00, so before a handoff that day), a weekday and time ('\''tuesday 10\:00'\''), '\''next handoff'\'' or '\''next week'\'' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH\:MM, a bare date YYYY-MM-DD (which means 00\:00 that day, before a 10\:00 handoff), or an RFC 3339 instant \[default\: now\]]:WHEN:_default' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'--post[Send the messages as Slack DMs (needs SLACK_TOKEN; scopes chat\:write, im\:write, im\:history)]' \
'--dry-run[With --post\: print the requests that would send the messages, and send none]' \
'--json[Print JSON instead of a table]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(init)
_arguments "${_arguments_options[@]}" : \
'--team=[The team'\''s name, as announcements and calendars show it]:NAME:_default' \
'--timezone=[The team'\''s time zone, an IANA name such as Europe/Berlin \[default\: UTC\]]:ZONE:_default' \
'(--from-pagerduty)--handoff-day=[The weekday each week begins on, at the handoff \[default\: tuesday\]]:DAY:_default' \
'(--from-pagerduty)--handoff-time=[The local time of the handoff, HH\:MM or H\:MM, 24-hour \[default\: 10\:00\]]:HH:MM:_default' \
'(--from-pagerduty)--start=[The date week 0 begins, a handoff day \[default\: the next handoff day on or after today\]]:DATE:_default' \
'(--from-pagerduty)*--member=[A member, as ID\:NAME\:EMAIL, in rotation order (repeat for each; the ID is lower case a-z, 0-9, '\''.'\'', '\''_'\'', '\''-'\'')]:ID:NAME:EMAIL:_default' \
'--slack-channel=[The team'\''s Slack channel, for handoff notes and announcements (#name or a channel ID)]:CHANNEL:_default' \
'--incident-channel=[The Slack channel where '\''dw incident start'\'' announces incidents]:CHANNEL:_default' \
'*--roles=[The role names of ranks 1, 2, 3 …, comma-separated \[default\: primary,secondary,tertiary\]]:NAMES:_default' \
'--from-pagerduty=[Take the rotation from this PagerDuty schedule'\''s weekly layer (needs PAGERDUTY_TOKEN, read access)]:SCHEDULE_ID:_default' \
'--secondary=[With --from-pagerduty\: the schedule of the secondary rank, for \[pagerduty\] schedules]:SCHEDULE_ID:_default' \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for, in the team'\''s time zone\: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday\: the next one after today; 00\:00, so before a handoff that day), a weekday and time ('\''tuesday 10\:00'\''), '\''next handoff'\'' or '\''next week'\'' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH\:MM, a bare date YYYY-MM-DD (which means 00\:00 that day, before a 10\:00 handoff), or an RFC 3339 instant \[default\: now\]]:WHEN:_default' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'--force[Replace the file if it exists]' \
'--json[Print JSON instead of a table]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
'::path -- Where to write the roster \[default\: --roster or DW_ROSTER if set, else roster.toml in the current folder\]:_files' \
&& ret=0
;;
(completions)
_arguments "${_arguments_options[@]}" : \
'--at=[Refused\: the script is the same at every moment]:WHEN:_default' \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'--json[Refused\: the script is never JSON]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':shell -- The shell to generate the script for:(bash elvish fish powershell zsh)' \
&& ret=0
;;
(away)
_arguments "${_arguments_options[@]}" : \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for, in the team'\''s time zone\: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday\: the next one after today; 00\:00, so before a handoff that day), a weekday and time ('\''tuesday 10\:00'\''), '\''next handoff'\'' or '\''next week'\'' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH\:MM, a bare date YYYY-MM-DD (which means 00\:00 that day, before a 10\:00 handoff), or an RFC 3339 instant \[default\: now\]]:WHEN:_default' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'--json[Print JSON instead of a table]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_dw__subcmd__away_commands" \
"*::: :->away" \
&& ret=0

    case $state in
    (away)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:dw-away-command-$line[1]:"
        case $line[1] in
            (add)
_arguments "${_arguments_options[@]}" : \
'--from=[First day away (YYYY-MM-DD)]:DATE:_default' \
'--to=[Last day away, included (YYYY-MM-DD)]:DATE:_default' \
'--reason=[Why, for the calendar ('\''PTO'\'', '\''conference'\'')]:TEXT:_default' \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for, in the team'\''s time zone\: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday\: the next one after today; 00\:00, so before a handoff that day), a weekday and time ('\''tuesday 10\:00'\''), '\''next handoff'\'' or '\''next week'\'' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH\:MM, a bare date YYYY-MM-DD (which means 00\:00 that day, before a 10\:00 handoff), or an RFC 3339 instant \[default\: now\]]:WHEN:_default' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'--dry-run[Print the change as a diff and write nothing]' \
'--json[Print JSON instead of a table]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':id -- The member:_default' \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
'--from=[The first day of the range to remove (YYYY-MM-DD)]:DATE:_default' \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for, in the team'\''s time zone\: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday\: the next one after today; 00\:00, so before a handoff that day), a weekday and time ('\''tuesday 10\:00'\''), '\''next handoff'\'' or '\''next week'\'' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH\:MM, a bare date YYYY-MM-DD (which means 00\:00 that day, before a 10\:00 handoff), or an RFC 3339 instant \[default\: now\]]:WHEN:_default' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'--dry-run[Print the change as a diff and write nothing]' \
'--json[Print JSON instead of a table]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':id -- The member:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_dw__subcmd__away__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:dw-away-help-command-$line[1]:"
        case $line[1] in
            (add)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(swap)
_arguments "${_arguments_options[@]}" : \
'--week=[Any date of the week to swap (YYYY-MM-DD)]:DATE:_default' \
'--back=[Also exchange back in the week holding this date\: an even trade when the two then hold each other'\''s ranks the other way round (dw warns when they do not, and names such a week)]:DATE:_default' \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for, in the team'\''s time zone\: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday\: the next one after today; 00\:00, so before a handoff that day), a weekday and time ('\''tuesday 10\:00'\''), '\''next handoff'\'' or '\''next week'\'' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH\:MM, a bare date YYYY-MM-DD (which means 00\:00 that day, before a 10\:00 handoff), or an RFC 3339 instant \[default\: now\]]:WHEN:_default' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'--dry-run[Print the change as a diff and write nothing]' \
'--json[Print JSON instead of a table]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':first -- The member who takes the other'\''s rank:_default' \
':second -- The member who takes ID1'\''s rank in exchange:_default' \
&& ret=0
;;
(cover)
_arguments "${_arguments_options[@]}" : \
'--role=[The rank covered\: a role name (primary), an ordinal (4th) or a number]:ROLE:_default' \
'--from=[When the cover begins, in the team'\''s time zone (YYYY-MM-DDTHH\:MM, or as --at)]:WHEN:_default' \
'--to=[When the cover ends, excluded (YYYY-MM-DDTHH\:MM, or as --at)]:WHEN:_default' \
'--reason=[Why ('\''dentist'\'', '\''evening out'\'')]:TEXT:_default' \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for, in the team'\''s time zone\: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday\: the next one after today; 00\:00, so before a handoff that day), a weekday and time ('\''tuesday 10\:00'\''), '\''next handoff'\'' or '\''next week'\'' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH\:MM, a bare date YYYY-MM-DD (which means 00\:00 that day, before a 10\:00 handoff), or an RFC 3339 instant \[default\: now\]]:WHEN:_default' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'--dry-run[Print the change as a diff and write nothing]' \
'--json[Print JSON instead of a table]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':id -- The member who covers:_default' \
&& ret=0
;;
(join)
_arguments "${_arguments_options[@]}" : \
'--name=[Full name]:NAME:_default' \
'--email=[Email address]:EMAIL:_default' \
'--on=[First date on the rotation\: they take part from the first week wholly on or after it \[default\: today\]]:DATE:_default' \
'--slack=[Slack user ID (U…)]:USER:_default' \
'--pagerduty=[PagerDuty user ID (P…)]:USER:_default' \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for, in the team'\''s time zone\: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday\: the next one after today; 00\:00, so before a handoff that day), a weekday and time ('\''tuesday 10\:00'\''), '\''next handoff'\'' or '\''next week'\'' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH\:MM, a bare date YYYY-MM-DD (which means 00\:00 that day, before a 10\:00 handoff), or an RFC 3339 instant \[default\: now\]]:WHEN:_default' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'--dry-run[Print the change as a diff and write nothing]' \
'--json[Print JSON instead of a table]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':id -- The new member'\''s id (\[a-z0-9._-\]+):_default' \
&& ret=0
;;
(leave)
_arguments "${_arguments_options[@]}" : \
'--on=[First date no longer on the rotation (YYYY-MM-DD); a week holding it is lost whole, so a handoff day keeps the week before it]:DATE:_default' \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for, in the team'\''s time zone\: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday\: the next one after today; 00\:00, so before a handoff that day), a weekday and time ('\''tuesday 10\:00'\''), '\''next handoff'\'' or '\''next week'\'' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH\:MM, a bare date YYYY-MM-DD (which means 00\:00 that day, before a 10\:00 handoff), or an RFC 3339 instant \[default\: now\]]:WHEN:_default' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'--dry-run[Print the change as a diff and write nothing]' \
'--json[Print JSON instead of a table]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
':id -- The member:_default' \
&& ret=0
;;
(man)
_arguments "${_arguments_options[@]}" : \
'--out=[Write dw.1 and one page per command (dw-who.1, …) into DIR]:DIR:_files -/' \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for, in the team'\''s time zone\: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday\: the next one after today; 00\:00, so before a handoff that day), a weekday and time ('\''tuesday 10\:00'\''), '\''next handoff'\'' or '\''next week'\'' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH\:MM, a bare date YYYY-MM-DD (which means 00\:00 that day, before a 10\:00 handoff), or an RFC 3339 instant \[default\: now\]]:WHEN:_default' \
'--color=[When to colour the output\: auto (a terminal, and NO_COLOR unset or empty), always, never]:WHEN:((auto\:"Colour when stdout is a terminal and NO_COLOR is unset or empty"
always\:"Always colour, even into a pipe or with NO_COLOR set"
never\:"Never colour"))' \
'--json[Print JSON instead of a table]' \
'(--color)--no-color[Never colour the output (also\: NO_COLOR=1); the same as --color never]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_dw__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:dw-help-command-$line[1]:"
        case $line[1] in
            (who)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(schedule)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(next)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(roles)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(stats)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(check)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(handoff)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(announce)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(incident)
_arguments "${_arguments_options[@]}" : \
":: :_dw__subcmd__help__subcmd__incident_commands" \
"*::: :->incident" \
&& ret=0

    case $state in
    (incident)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:dw-help-incident-command-$line[1]:"
        case $line[1] in
            (start)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(analysis)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(sync)
_arguments "${_arguments_options[@]}" : \
":: :_dw__subcmd__help__subcmd__sync_commands" \
"*::: :->sync" \
&& ret=0

    case $state in
    (sync)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:dw-help-sync-command-$line[1]:"
        case $line[1] in
            (pagerduty)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(plan)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(explain)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(remind)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(init)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(completions)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(away)
_arguments "${_arguments_options[@]}" : \
":: :_dw__subcmd__help__subcmd__away_commands" \
"*::: :->away" \
&& ret=0

    case $state in
    (away)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:dw-help-away-command-$line[1]:"
        case $line[1] in
            (add)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(remove)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(swap)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(cover)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(join)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(leave)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(man)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
}

(( $+functions[_dw_commands] )) ||
_dw_commands() {
    local commands; commands=(
'who:Who holds each rank now (or --at), with the shift'\''s start and end' \
'schedule:The calendar, week by week\: table, --json or --ics' \
'next:When a member is next primary and next secondary' \
'roles:What each role is responsible for, and who holds it now' \
'stats:Weeks per member per role\: fairness at a glance' \
'check:Validate the roster and the weeks ahead; exit 2 listing every problem' \
'handoff:Markdown notes for the next handoff\: outgoing → incoming, incidents, analyses due' \
'announce:This week'\''s ranks to the team'\''s Slack channel; also its topic and user group' \
'incident:Incidents\: open one in PagerDuty and tell the incident channel' \
'sync:Make an outside service match the roster' \
'plan:Every assignment a roster change moves, week by week (for a pull request)' \
'explain:Why each member holds their rank in a week' \
'remind:The day before a handoff\: a Slack DM to the incoming primary and secondary' \
'init:Start a roster\: write a commented roster.toml, from flags, questions or a PagerDuty schedule' \
'completions:Print the shell completion script for SHELL' \
'away:Time off\: add or remove a member'\''s away range (edits the roster)' \
'swap:Two members exchange ranks for one week, and back in another with --back (edits the roster)' \
'cover:Hand a rank to a member for a few hours or days\: an evening, a dentist visit (edits the roster)' \
'join:Add a member to the rotation (edits the roster)' \
'leave:Take a member off the rotation from a date on (edits the roster)' \
'man:Print the man page (roff) that man/dw.1 holds; --out DIR writes every page' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'dw commands' commands "$@"
}
(( $+functions[_dw__subcmd__announce_commands] )) ||
_dw__subcmd__announce_commands() {
    local commands; commands=()
    _describe -t commands 'dw announce commands' commands "$@"
}
(( $+functions[_dw__subcmd__away_commands] )) ||
_dw__subcmd__away_commands() {
    local commands; commands=(
'add:Add an away range\: the member holds no rank in any week it touches' \
'remove:Remove the away range that starts on --from' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'dw away commands' commands "$@"
}
(( $+functions[_dw__subcmd__away__subcmd__add_commands] )) ||
_dw__subcmd__away__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'dw away add commands' commands "$@"
}
(( $+functions[_dw__subcmd__away__subcmd__help_commands] )) ||
_dw__subcmd__away__subcmd__help_commands() {
    local commands; commands=(
'add:Add an away range\: the member holds no rank in any week it touches' \
'remove:Remove the away range that starts on --from' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'dw away help commands' commands "$@"
}
(( $+functions[_dw__subcmd__away__subcmd__help__subcmd__add_commands] )) ||
_dw__subcmd__away__subcmd__help__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'dw away help add commands' commands "$@"
}
(( $+functions[_dw__subcmd__away__subcmd__help__subcmd__help_commands] )) ||
_dw__subcmd__away__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'dw away help help commands' commands "$@"
}
(( $+functions[_dw__subcmd__away__subcmd__help__subcmd__remove_commands] )) ||
_dw__subcmd__away__subcmd__help__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'dw away help remove commands' commands "$@"
}
(( $+functions[_dw__subcmd__away__subcmd__remove_commands] )) ||
_dw__subcmd__away__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'dw away remove commands' commands "$@"
}
(( $+functions[_dw__subcmd__check_commands] )) ||
_dw__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'dw check commands' commands "$@"
}
(( $+functions[_dw__subcmd__completions_commands] )) ||
_dw__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'dw completions commands' commands "$@"
}
(( $+functions[_dw__subcmd__cover_commands] )) ||
_dw__subcmd__cover_commands() {
    local commands; commands=()
    _describe -t commands 'dw cover commands' commands "$@"
}
(( $+functions[_dw__subcmd__explain_commands] )) ||
_dw__subcmd__explain_commands() {
    local commands; commands=()
    _describe -t commands 'dw explain commands' commands "$@"
}
(( $+functions[_dw__subcmd__handoff_commands] )) ||
_dw__subcmd__handoff_commands() {
    local commands; commands=()
    _describe -t commands 'dw handoff commands' commands "$@"
}
(( $+functions[_dw__subcmd__help_commands] )) ||
_dw__subcmd__help_commands() {
    local commands; commands=(
'who:Who holds each rank now (or --at), with the shift'\''s start and end' \
'schedule:The calendar, week by week\: table, --json or --ics' \
'next:When a member is next primary and next secondary' \
'roles:What each role is responsible for, and who holds it now' \
'stats:Weeks per member per role\: fairness at a glance' \
'check:Validate the roster and the weeks ahead; exit 2 listing every problem' \
'handoff:Markdown notes for the next handoff\: outgoing → incoming, incidents, analyses due' \
'announce:This week'\''s ranks to the team'\''s Slack channel; also its topic and user group' \
'incident:Incidents\: open one in PagerDuty and tell the incident channel' \
'sync:Make an outside service match the roster' \
'plan:Every assignment a roster change moves, week by week (for a pull request)' \
'explain:Why each member holds their rank in a week' \
'remind:The day before a handoff\: a Slack DM to the incoming primary and secondary' \
'init:Start a roster\: write a commented roster.toml, from flags, questions or a PagerDuty schedule' \
'completions:Print the shell completion script for SHELL' \
'away:Time off\: add or remove a member'\''s away range (edits the roster)' \
'swap:Two members exchange ranks for one week, and back in another with --back (edits the roster)' \
'cover:Hand a rank to a member for a few hours or days\: an evening, a dentist visit (edits the roster)' \
'join:Add a member to the rotation (edits the roster)' \
'leave:Take a member off the rotation from a date on (edits the roster)' \
'man:Print the man page (roff) that man/dw.1 holds; --out DIR writes every page' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'dw help commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__announce_commands] )) ||
_dw__subcmd__help__subcmd__announce_commands() {
    local commands; commands=()
    _describe -t commands 'dw help announce commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__away_commands] )) ||
_dw__subcmd__help__subcmd__away_commands() {
    local commands; commands=(
'add:Add an away range\: the member holds no rank in any week it touches' \
'remove:Remove the away range that starts on --from' \
    )
    _describe -t commands 'dw help away commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__away__subcmd__add_commands] )) ||
_dw__subcmd__help__subcmd__away__subcmd__add_commands() {
    local commands; commands=()
    _describe -t commands 'dw help away add commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__away__subcmd__remove_commands] )) ||
_dw__subcmd__help__subcmd__away__subcmd__remove_commands() {
    local commands; commands=()
    _describe -t commands 'dw help away remove commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__check_commands] )) ||
_dw__subcmd__help__subcmd__check_commands() {
    local commands; commands=()
    _describe -t commands 'dw help check commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__completions_commands] )) ||
_dw__subcmd__help__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'dw help completions commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__cover_commands] )) ||
_dw__subcmd__help__subcmd__cover_commands() {
    local commands; commands=()
    _describe -t commands 'dw help cover commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__explain_commands] )) ||
_dw__subcmd__help__subcmd__explain_commands() {
    local commands; commands=()
    _describe -t commands 'dw help explain commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__handoff_commands] )) ||
_dw__subcmd__help__subcmd__handoff_commands() {
    local commands; commands=()
    _describe -t commands 'dw help handoff commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__help_commands] )) ||
_dw__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'dw help help commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__incident_commands] )) ||
_dw__subcmd__help__subcmd__incident_commands() {
    local commands; commands=(
'start:Open a PagerDuty incident and post it in the incident channel' \
'analysis:Decide whether an incident needs an analysis (the team'\''s three rules); write a template' \
    )
    _describe -t commands 'dw help incident commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__incident__subcmd__analysis_commands] )) ||
_dw__subcmd__help__subcmd__incident__subcmd__analysis_commands() {
    local commands; commands=()
    _describe -t commands 'dw help incident analysis commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__incident__subcmd__start_commands] )) ||
_dw__subcmd__help__subcmd__incident__subcmd__start_commands() {
    local commands; commands=()
    _describe -t commands 'dw help incident start commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__init_commands] )) ||
_dw__subcmd__help__subcmd__init_commands() {
    local commands; commands=()
    _describe -t commands 'dw help init commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__join_commands] )) ||
_dw__subcmd__help__subcmd__join_commands() {
    local commands; commands=()
    _describe -t commands 'dw help join commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__leave_commands] )) ||
_dw__subcmd__help__subcmd__leave_commands() {
    local commands; commands=()
    _describe -t commands 'dw help leave commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__man_commands] )) ||
_dw__subcmd__help__subcmd__man_commands() {
    local commands; commands=()
    _describe -t commands 'dw help man commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__next_commands] )) ||
_dw__subcmd__help__subcmd__next_commands() {
    local commands; commands=()
    _describe -t commands 'dw help next commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__plan_commands] )) ||
_dw__subcmd__help__subcmd__plan_commands() {
    local commands; commands=()
    _describe -t commands 'dw help plan commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__remind_commands] )) ||
_dw__subcmd__help__subcmd__remind_commands() {
    local commands; commands=()
    _describe -t commands 'dw help remind commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__roles_commands] )) ||
_dw__subcmd__help__subcmd__roles_commands() {
    local commands; commands=()
    _describe -t commands 'dw help roles commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__schedule_commands] )) ||
_dw__subcmd__help__subcmd__schedule_commands() {
    local commands; commands=()
    _describe -t commands 'dw help schedule commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__stats_commands] )) ||
_dw__subcmd__help__subcmd__stats_commands() {
    local commands; commands=()
    _describe -t commands 'dw help stats commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__swap_commands] )) ||
_dw__subcmd__help__subcmd__swap_commands() {
    local commands; commands=()
    _describe -t commands 'dw help swap commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__sync_commands] )) ||
_dw__subcmd__help__subcmd__sync_commands() {
    local commands; commands=(
'pagerduty:Make the PagerDuty schedules say what the roster says, with overrides' \
    )
    _describe -t commands 'dw help sync commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__sync__subcmd__pagerduty_commands] )) ||
_dw__subcmd__help__subcmd__sync__subcmd__pagerduty_commands() {
    local commands; commands=()
    _describe -t commands 'dw help sync pagerduty commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__who_commands] )) ||
_dw__subcmd__help__subcmd__who_commands() {
    local commands; commands=()
    _describe -t commands 'dw help who commands' commands "$@"
}
(( $+functions[_dw__subcmd__incident_commands] )) ||
_dw__subcmd__incident_commands() {
    local commands; commands=(
'start:Open a PagerDuty incident and post it in the incident channel' \
'analysis:Decide whether an incident needs an analysis (the team'\''s three rules); write a template' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'dw incident commands' commands "$@"
}
(( $+functions[_dw__subcmd__incident__subcmd__analysis_commands] )) ||
_dw__subcmd__incident__subcmd__analysis_commands() {
    local commands; commands=()
    _describe -t commands 'dw incident analysis commands' commands "$@"
}
(( $+functions[_dw__subcmd__incident__subcmd__help_commands] )) ||
_dw__subcmd__incident__subcmd__help_commands() {
    local commands; commands=(
'start:Open a PagerDuty incident and post it in the incident channel' \
'analysis:Decide whether an incident needs an analysis (the team'\''s three rules); write a template' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'dw incident help commands' commands "$@"
}
(( $+functions[_dw__subcmd__incident__subcmd__help__subcmd__analysis_commands] )) ||
_dw__subcmd__incident__subcmd__help__subcmd__analysis_commands() {
    local commands; commands=()
    _describe -t commands 'dw incident help analysis commands' commands "$@"
}
(( $+functions[_dw__subcmd__incident__subcmd__help__subcmd__help_commands] )) ||
_dw__subcmd__incident__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'dw incident help help commands' commands "$@"
}
(( $+functions[_dw__subcmd__incident__subcmd__help__subcmd__start_commands] )) ||
_dw__subcmd__incident__subcmd__help__subcmd__start_commands() {
    local commands; commands=()
    _describe -t commands 'dw incident help start commands' commands "$@"
}
(( $+functions[_dw__subcmd__incident__subcmd__start_commands] )) ||
_dw__subcmd__incident__subcmd__start_commands() {
    local commands; commands=()
    _describe -t commands 'dw incident start commands' commands "$@"
}
(( $+functions[_dw__subcmd__init_commands] )) ||
_dw__subcmd__init_commands() {
    local commands; commands=()
    _describe -t commands 'dw init commands' commands "$@"
}
(( $+functions[_dw__subcmd__join_commands] )) ||
_dw__subcmd__join_commands() {
    local commands; commands=()
    _describe -t commands 'dw join commands' commands "$@"
}
(( $+functions[_dw__subcmd__leave_commands] )) ||
_dw__subcmd__leave_commands() {
    local commands; commands=()
    _describe -t commands 'dw leave commands' commands "$@"
}
(( $+functions[_dw__subcmd__man_commands] )) ||
_dw__subcmd__man_commands() {
    local commands; commands=()
    _describe -t commands 'dw man commands' commands "$@"
}
(( $+functions[_dw__subcmd__next_commands] )) ||
_dw__subcmd__next_commands() {
    local commands; commands=()
    _describe -t commands 'dw next commands' commands "$@"
}
(( $+functions[_dw__subcmd__plan_commands] )) ||
_dw__subcmd__plan_commands() {
    local commands; commands=()
    _describe -t commands 'dw plan commands' commands "$@"
}
(( $+functions[_dw__subcmd__remind_commands] )) ||
_dw__subcmd__remind_commands() {
    local commands; commands=()
    _describe -t commands 'dw remind commands' commands "$@"
}
(( $+functions[_dw__subcmd__roles_commands] )) ||
_dw__subcmd__roles_commands() {
    local commands; commands=()
    _describe -t commands 'dw roles commands' commands "$@"
}
(( $+functions[_dw__subcmd__schedule_commands] )) ||
_dw__subcmd__schedule_commands() {
    local commands; commands=()
    _describe -t commands 'dw schedule commands' commands "$@"
}
(( $+functions[_dw__subcmd__stats_commands] )) ||
_dw__subcmd__stats_commands() {
    local commands; commands=()
    _describe -t commands 'dw stats commands' commands "$@"
}
(( $+functions[_dw__subcmd__swap_commands] )) ||
_dw__subcmd__swap_commands() {
    local commands; commands=()
    _describe -t commands 'dw swap commands' commands "$@"
}
(( $+functions[_dw__subcmd__sync_commands] )) ||
_dw__subcmd__sync_commands() {
    local commands; commands=(
'pagerduty:Make the PagerDuty schedules say what the roster says, with overrides' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'dw sync commands' commands "$@"
}
(( $+functions[_dw__subcmd__sync__subcmd__help_commands] )) ||
_dw__subcmd__sync__subcmd__help_commands() {
    local commands; commands=(
'pagerduty:Make the PagerDuty schedules say what the roster says, with overrides' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'dw sync help commands' commands "$@"
}
(( $+functions[_dw__subcmd__sync__subcmd__help__subcmd__help_commands] )) ||
_dw__subcmd__sync__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'dw sync help help commands' commands "$@"
}
(( $+functions[_dw__subcmd__sync__subcmd__help__subcmd__pagerduty_commands] )) ||
_dw__subcmd__sync__subcmd__help__subcmd__pagerduty_commands() {
    local commands; commands=()
    _describe -t commands 'dw sync help pagerduty commands' commands "$@"
}
(( $+functions[_dw__subcmd__sync__subcmd__pagerduty_commands] )) ||
_dw__subcmd__sync__subcmd__pagerduty_commands() {
    local commands; commands=()
    _describe -t commands 'dw sync pagerduty commands' commands "$@"
}
(( $+functions[_dw__subcmd__who_commands] )) ||
_dw__subcmd__who_commands() {
    local commands; commands=()
    _describe -t commands 'dw who commands' commands "$@"
}

if [ "$funcstack[1]" = "_dw" ]; then
    _dw "$@"
else
    compdef _dw dw
fi
