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
'--at=[The moment to answer for\: an RFC 3339 instant, or YYYY-MM-DD\[THH\:MM\] in the team'\''s time zone \[default\: now\]]:WHEN:_default' \
'--json[Print JSON instead of a table]' \
'--no-color[Never colour the output (also\: NO_COLOR=1)]' \
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
json\:"The JSON object of SPEC §4"
env\:"Shell assignments\: eval "\$(dw who --format env)" sets DW_PRIMARY_EMAIL …"
tsv\:"Tab-separated values with a header line"))' \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for\: an RFC 3339 instant, or YYYY-MM-DD\[THH\:MM\] in the team'\''s time zone \[default\: now\]]:WHEN:_default' \
'--json[Print JSON instead of a table]' \
'--no-color[Never colour the output (also\: NO_COLOR=1)]' \
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
'--member=[Only this member'\''s assignments]:ID:_default' \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for\: an RFC 3339 instant, or YYYY-MM-DD\[THH\:MM\] in the team'\''s time zone \[default\: now\]]:WHEN:_default' \
'(--json)--ics[Print an iCalendar (RFC 5545) file to subscribe to]' \
'--json[Print JSON instead of a table]' \
'--no-color[Never colour the output (also\: NO_COLOR=1)]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(next)
_arguments "${_arguments_options[@]}" : \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for\: an RFC 3339 instant, or YYYY-MM-DD\[THH\:MM\] in the team'\''s time zone \[default\: now\]]:WHEN:_default' \
'--json[Print JSON instead of a table]' \
'--no-color[Never colour the output (also\: NO_COLOR=1)]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::id -- The member \[default\: $DW_ME, else every member\]:_default' \
&& ret=0
;;
(roles)
_arguments "${_arguments_options[@]}" : \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for\: an RFC 3339 instant, or YYYY-MM-DD\[THH\:MM\] in the team'\''s time zone \[default\: now\]]:WHEN:_default' \
'--json[Print JSON instead of a table]' \
'--no-color[Never colour the output (also\: NO_COLOR=1)]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(stats)
_arguments "${_arguments_options[@]}" : \
'--from=[First date counted (its week is included) \[default\: the roster'\''s start\]]:DATE:_default' \
'--to=[Last date counted (its week is included) \[default\: today\]]:DATE:_default' \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for\: an RFC 3339 instant, or YYYY-MM-DD\[THH\:MM\] in the team'\''s time zone \[default\: now\]]:WHEN:_default' \
'--json[Print JSON instead of a table]' \
'--no-color[Never colour the output (also\: NO_COLOR=1)]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(check)
_arguments "${_arguments_options[@]}" : \
'--weeks=[Weeks ahead to check, from the current one \[default\: 52; 4 with --pagerduty\]]:N:_default' \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for\: an RFC 3339 instant, or YYYY-MM-DD\[THH\:MM\] in the team'\''s time zone \[default\: now\]]:WHEN:_default' \
'--pagerduty[Also compare who PagerDuty says is on call with the roster; exit 4 on drift]' \
'--strict[With --pagerduty\: also exit 4 when people'\''s own overrides differ from the roster]' \
'--json[Print JSON instead of a table]' \
'--no-color[Never colour the output (also\: NO_COLOR=1)]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(handoff)
_arguments "${_arguments_options[@]}" : \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for\: an RFC 3339 instant, or YYYY-MM-DD\[THH\:MM\] in the team'\''s time zone \[default\: now\]]:WHEN:_default' \
'--post[Send the notes to the team channel (\[slack\] channel)]' \
'--dry-run[Print the requests that would change something, and send none of them]' \
'--json[Print JSON instead of a table]' \
'--no-color[Never colour the output (also\: NO_COLOR=1)]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(announce)
_arguments "${_arguments_options[@]}" : \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for\: an RFC 3339 instant, or YYYY-MM-DD\[THH\:MM\] in the team'\''s time zone \[default\: now\]]:WHEN:_default' \
'--post[Post this week'\''s ranks to the team channel]' \
'--topic[Set the team channel'\''s topic to "primary\: …, secondary\: …"]' \
'--group[Make the roster'\''s Slack user group (@dreamwork) the current primary and secondary]' \
'--dry-run[Print the requests that would change something, and send none of them]' \
'--json[Print JSON instead of a table]' \
'--no-color[Never colour the output (also\: NO_COLOR=1)]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(incident)
_arguments "${_arguments_options[@]}" : \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for\: an RFC 3339 instant, or YYYY-MM-DD\[THH\:MM\] in the team'\''s time zone \[default\: now\]]:WHEN:_default' \
'--json[Print JSON instead of a table]' \
'--no-color[Never colour the output (also\: NO_COLOR=1)]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help]' \
'--help[Print help]' \
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
'--title=[What is wrong, in a few words ("DB down")]:TEXT:_default' \
'--service=[PagerDuty service ID \[default\: \[pagerduty\] service in the roster\]]:ID:_default' \
'--urgency=[PagerDuty urgency \[default\: high\]]:URGENCY:(high low)' \
'--impact=[One customer or many]:IMPACT:((one\:"One customer"
many\:"Many customers"))' \
'--details=[More about it\: symptoms, links, what was tried]:TEXT:_default' \
'--incident-key=[De-duplication key \[default\: derived from service, title and the local date\]]:KEY:_default' \
'--as=[You, as a member id (for the From header and the Slack message)]:ID:_default' \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for\: an RFC 3339 instant, or YYYY-MM-DD\[THH\:MM\] in the team'\''s time zone \[default\: now\]]:WHEN:_default' \
'-y[Do not ask for confirmation]' \
'--yes[Do not ask for confirmation]' \
'--no-slack[Open the incident without posting in Slack]' \
'--dry-run[Print the requests, and send nothing]' \
'--json[Print JSON instead of a table]' \
'--no-color[Never colour the output (also\: NO_COLOR=1)]' \
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
'--at=[The moment to answer for\: an RFC 3339 instant, or YYYY-MM-DD\[THH\:MM\] in the team'\''s time zone \[default\: now\]]:WHEN:_default' \
'--rolled-back[It needed a roll back]' \
'--rolled-forward[It needed a roll forward (hotfix, quick fix)]' \
'--testing-phase[The service was in its production testing phase]' \
'--we-started[The team started the incident]' \
'--pulled-in[The team was pulled into the incident (did work for it)]' \
'--status-page[Support updated the external status page]' \
'--force[Overwrite FILE if it exists]' \
'--json[Print JSON instead of a table]' \
'--no-color[Never colour the output (also\: NO_COLOR=1)]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help]' \
'--help[Print help]' \
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
'--at=[The moment to answer for\: an RFC 3339 instant, or YYYY-MM-DD\[THH\:MM\] in the team'\''s time zone \[default\: now\]]:WHEN:_default' \
'--json[Print JSON instead of a table]' \
'--no-color[Never colour the output (also\: NO_COLOR=1)]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help]' \
'--help[Print help]' \
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
'--at=[The moment to answer for\: an RFC 3339 instant, or YYYY-MM-DD\[THH\:MM\] in the team'\''s time zone \[default\: now\]]:WHEN:_default' \
'--dry-run[Print the plan and the requests that would change something; change nothing]' \
'--json[Print JSON instead of a table]' \
'--no-color[Never colour the output (also\: NO_COLOR=1)]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help]' \
'--help[Print help]' \
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
'--at=[The moment to answer for\: an RFC 3339 instant, or YYYY-MM-DD\[THH\:MM\] in the team'\''s time zone \[default\: now\]]:WHEN:_default' \
'(--json)--markdown[Print a Markdown table to paste into a pull request]' \
'--json[Print JSON instead of a table]' \
'--no-color[Never colour the output (also\: NO_COLOR=1)]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::old -- The roster before the change:_files' \
'::new -- The roster after the change:_files' \
&& ret=0
;;
(explain)
_arguments "${_arguments_options[@]}" : \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for\: an RFC 3339 instant, or YYYY-MM-DD\[THH\:MM\] in the team'\''s time zone \[default\: now\]]:WHEN:_default' \
'--json[Print JSON instead of a table]' \
'--no-color[Never colour the output (also\: NO_COLOR=1)]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::id -- Only this member \[default\: everyone\]:_default' \
&& ret=0
;;
(completions)
_arguments "${_arguments_options[@]}" : \
'--roster=[The roster file \[default\: ./roster.toml or the nearest parent'\''s, then ~/.config/dw/roster.toml\]]:PATH:_files' \
'--at=[The moment to answer for\: an RFC 3339 instant, or YYYY-MM-DD\[THH\:MM\] in the team'\''s time zone \[default\: now\]]:WHEN:_default' \
'--json[Accepted like everywhere, but the script is never JSON\: hidden here]' \
'--no-color[Never colour the output (also\: NO_COLOR=1)]' \
'(-v --verbose)-q[Print only what was asked for\: no notes on stderr]' \
'(-v --verbose)--quiet[Print only what was asked for\: no notes on stderr]' \
'-v[Say more about what dw does (which roster, which requests)]' \
'--verbose[Say more about what dw does (which roster, which requests)]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':shell -- The shell to generate the script for:(bash elvish fish powershell zsh)' \
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
(completions)
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
'completions:Print the shell completion script for SHELL' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'dw commands' commands "$@"
}
(( $+functions[_dw__subcmd__announce_commands] )) ||
_dw__subcmd__announce_commands() {
    local commands; commands=()
    _describe -t commands 'dw announce commands' commands "$@"
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
'completions:Print the shell completion script for SHELL' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'dw help commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__announce_commands] )) ||
_dw__subcmd__help__subcmd__announce_commands() {
    local commands; commands=()
    _describe -t commands 'dw help announce commands' commands "$@"
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
'analysis:Decide whether an incident needs an analysis (SPEC §1 rules); write a template' \
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
'analysis:Decide whether an incident needs an analysis (SPEC §1 rules); write a template' \
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
'analysis:Decide whether an incident needs an analysis (SPEC §1 rules); write a template' \
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
