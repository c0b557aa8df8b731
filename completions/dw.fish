# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_dw_global_optspecs
    string join \n roster= at= json no-color q/quiet v/verbose h/help V/version
end

function __fish_dw_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_dw_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_dw_using_subcommand
    set -l cmd (__fish_dw_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c dw -n "__fish_dw_needs_command" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_needs_command" -l at -d 'The moment to answer for: an RFC 3339 instant, or YYYY-MM-DD[THH:MM] in the team\'s time zone [default: now]' -r
complete -c dw -n "__fish_dw_needs_command" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_needs_command" -l no-color -d 'Never colour the output (also: NO_COLOR=1)'
complete -c dw -n "__fish_dw_needs_command" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_needs_command" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_needs_command" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_needs_command" -f -a "who" -d 'Who holds each rank now (or --at), with the shift\'s start and end'
complete -c dw -n "__fish_dw_needs_command" -f -a "schedule" -d 'The calendar, week by week: table, --json or --ics'
complete -c dw -n "__fish_dw_needs_command" -f -a "next" -d 'When a member is next primary and next secondary'
complete -c dw -n "__fish_dw_needs_command" -f -a "roles" -d 'What each role is responsible for, and who holds it now'
complete -c dw -n "__fish_dw_needs_command" -f -a "stats" -d 'Weeks per member per role: fairness at a glance'
complete -c dw -n "__fish_dw_needs_command" -f -a "check" -d 'Validate the roster and the weeks ahead; exit 2 listing every problem'
complete -c dw -n "__fish_dw_needs_command" -f -a "completions" -d 'Print the shell completion script for SHELL'
complete -c dw -n "__fish_dw_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dw -n "__fish_dw_using_subcommand who" -l role -d 'Only this role: a role name (primary), an ordinal (4th) or a rank number' -r
complete -c dw -n "__fish_dw_using_subcommand who" -l field -d 'Print only this field, one bare line per rank (for scripts)' -r -f -a "id\t''
name\t''
email\t''
slack\t''
pagerduty\t''"
complete -c dw -n "__fish_dw_using_subcommand who" -l format -d 'Output format [default: table, or json with --json]' -r -f -a "table\t'Aligned columns for people'
json\t'The JSON object of SPEC §4'
env\t'Shell assignments: eval "$(dw who --format env)" sets DW_PRIMARY_EMAIL …'
tsv\t'Tab-separated values with a header line'"
complete -c dw -n "__fish_dw_using_subcommand who" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand who" -l at -d 'The moment to answer for: an RFC 3339 instant, or YYYY-MM-DD[THH:MM] in the team\'s time zone [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand who" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand who" -l no-color -d 'Never colour the output (also: NO_COLOR=1)'
complete -c dw -n "__fish_dw_using_subcommand who" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand who" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand who" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand who" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand schedule" -l from -d 'Start at the week whose dates include DATE [default: the current week]' -r
complete -c dw -n "__fish_dw_using_subcommand schedule" -l weeks -d 'How many weeks to show' -r
complete -c dw -n "__fish_dw_using_subcommand schedule" -l member -d 'Only this member\'s assignments' -r
complete -c dw -n "__fish_dw_using_subcommand schedule" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand schedule" -l at -d 'The moment to answer for: an RFC 3339 instant, or YYYY-MM-DD[THH:MM] in the team\'s time zone [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand schedule" -l ics -d 'Print an iCalendar (RFC 5545) file to subscribe to'
complete -c dw -n "__fish_dw_using_subcommand schedule" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand schedule" -l no-color -d 'Never colour the output (also: NO_COLOR=1)'
complete -c dw -n "__fish_dw_using_subcommand schedule" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand schedule" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand schedule" -s h -l help -d 'Print help'
complete -c dw -n "__fish_dw_using_subcommand schedule" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand next" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand next" -l at -d 'The moment to answer for: an RFC 3339 instant, or YYYY-MM-DD[THH:MM] in the team\'s time zone [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand next" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand next" -l no-color -d 'Never colour the output (also: NO_COLOR=1)'
complete -c dw -n "__fish_dw_using_subcommand next" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand next" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand next" -s h -l help -d 'Print help'
complete -c dw -n "__fish_dw_using_subcommand next" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand roles" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand roles" -l at -d 'The moment to answer for: an RFC 3339 instant, or YYYY-MM-DD[THH:MM] in the team\'s time zone [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand roles" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand roles" -l no-color -d 'Never colour the output (also: NO_COLOR=1)'
complete -c dw -n "__fish_dw_using_subcommand roles" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand roles" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand roles" -s h -l help -d 'Print help'
complete -c dw -n "__fish_dw_using_subcommand roles" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand stats" -l from -d 'First date counted (its week is included) [default: the roster\'s start]' -r
complete -c dw -n "__fish_dw_using_subcommand stats" -l to -d 'Last date counted (its week is included) [default: today]' -r
complete -c dw -n "__fish_dw_using_subcommand stats" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand stats" -l at -d 'The moment to answer for: an RFC 3339 instant, or YYYY-MM-DD[THH:MM] in the team\'s time zone [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand stats" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand stats" -l no-color -d 'Never colour the output (also: NO_COLOR=1)'
complete -c dw -n "__fish_dw_using_subcommand stats" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand stats" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand stats" -s h -l help -d 'Print help'
complete -c dw -n "__fish_dw_using_subcommand stats" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand check" -l weeks -d 'How many weeks ahead, from the current one, must have someone on call' -r
complete -c dw -n "__fish_dw_using_subcommand check" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand check" -l at -d 'The moment to answer for: an RFC 3339 instant, or YYYY-MM-DD[THH:MM] in the team\'s time zone [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand check" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand check" -l no-color -d 'Never colour the output (also: NO_COLOR=1)'
complete -c dw -n "__fish_dw_using_subcommand check" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand check" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand check" -s h -l help -d 'Print help'
complete -c dw -n "__fish_dw_using_subcommand check" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand completions" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand completions" -l at -d 'The moment to answer for: an RFC 3339 instant, or YYYY-MM-DD[THH:MM] in the team\'s time zone [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand completions" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand completions" -l no-color -d 'Never colour the output (also: NO_COLOR=1)'
complete -c dw -n "__fish_dw_using_subcommand completions" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand completions" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand completions" -s h -l help -d 'Print help'
complete -c dw -n "__fish_dw_using_subcommand completions" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check completions help" -f -a "who" -d 'Who holds each rank now (or --at), with the shift\'s start and end'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check completions help" -f -a "schedule" -d 'The calendar, week by week: table, --json or --ics'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check completions help" -f -a "next" -d 'When a member is next primary and next secondary'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check completions help" -f -a "roles" -d 'What each role is responsible for, and who holds it now'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check completions help" -f -a "stats" -d 'Weeks per member per role: fairness at a glance'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check completions help" -f -a "check" -d 'Validate the roster and the weeks ahead; exit 2 listing every problem'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check completions help" -f -a "completions" -d 'Print the shell completion script for SHELL'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
