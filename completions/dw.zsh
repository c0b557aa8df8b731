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
'--weeks=[How many weeks ahead, from the current one, must have someone on call]:N:_default' \
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
(completions)
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
'completions:Print the shell completion script for SHELL' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'dw commands' commands "$@"
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
(( $+functions[_dw__subcmd__help_commands] )) ||
_dw__subcmd__help_commands() {
    local commands; commands=(
'who:Who holds each rank now (or --at), with the shift'\''s start and end' \
'schedule:The calendar, week by week\: table, --json or --ics' \
'next:When a member is next primary and next secondary' \
'roles:What each role is responsible for, and who holds it now' \
'stats:Weeks per member per role\: fairness at a glance' \
'check:Validate the roster and the weeks ahead; exit 2 listing every problem' \
'completions:Print the shell completion script for SHELL' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'dw help commands' commands "$@"
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
(( $+functions[_dw__subcmd__help__subcmd__help_commands] )) ||
_dw__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'dw help help commands' commands "$@"
}
(( $+functions[_dw__subcmd__help__subcmd__next_commands] )) ||
_dw__subcmd__help__subcmd__next_commands() {
    local commands; commands=()
    _describe -t commands 'dw help next commands' commands "$@"
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
(( $+functions[_dw__subcmd__help__subcmd__who_commands] )) ||
_dw__subcmd__help__subcmd__who_commands() {
    local commands; commands=()
    _describe -t commands 'dw help who commands' commands "$@"
}
(( $+functions[_dw__subcmd__next_commands] )) ||
_dw__subcmd__next_commands() {
    local commands; commands=()
    _describe -t commands 'dw next commands' commands "$@"
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
