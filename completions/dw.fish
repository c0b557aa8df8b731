# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_dw_global_optspecs
    string join \n roster= at= json no-color color= q/quiet v/verbose h/help V/version
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
complete -c dw -n "__fish_dw_needs_command" -l at -d 'The moment to answer for, in the team\'s time zone: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a weekday and time (\'tuesday 10:00\'), \'next handoff\' or \'next week\' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00 handoff), or an RFC 3339 instant [default: now]' -r
complete -c dw -n "__fish_dw_needs_command" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_needs_command" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_needs_command" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
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
complete -c dw -n "__fish_dw_needs_command" -f -a "handoff" -d 'Markdown notes for the next handoff: outgoing → incoming, incidents, analyses due'
complete -c dw -n "__fish_dw_needs_command" -f -a "announce" -d 'This week\'s ranks to the team\'s Slack channel; also its topic and user group'
complete -c dw -n "__fish_dw_needs_command" -f -a "incident" -d 'Incidents: open one in PagerDuty and tell the incident channel'
complete -c dw -n "__fish_dw_needs_command" -f -a "sync" -d 'Make an outside service match the roster'
complete -c dw -n "__fish_dw_needs_command" -f -a "plan" -d 'Every assignment a roster change moves, week by week (for a pull request)'
complete -c dw -n "__fish_dw_needs_command" -f -a "explain" -d 'Why each member holds their rank in a week'
complete -c dw -n "__fish_dw_needs_command" -f -a "remind" -d 'The day before a handoff: a Slack DM to the incoming primary and secondary'
complete -c dw -n "__fish_dw_needs_command" -f -a "init" -d 'Start a roster: write a commented roster.toml, from flags, questions or a PagerDuty schedule'
complete -c dw -n "__fish_dw_needs_command" -f -a "completions" -d 'Print the shell completion script for SHELL'
complete -c dw -n "__fish_dw_needs_command" -f -a "away" -d 'Time off: add or remove a member\'s away range (edits the roster)'
complete -c dw -n "__fish_dw_needs_command" -f -a "swap" -d 'Two members exchange ranks for one week, and back in another with --back (edits the roster)'
complete -c dw -n "__fish_dw_needs_command" -f -a "cover" -d 'Hand a rank to a member for a few hours or days: an evening, a dentist visit (edits the roster)'
complete -c dw -n "__fish_dw_needs_command" -f -a "join" -d 'Add a member to the rotation (edits the roster)'
complete -c dw -n "__fish_dw_needs_command" -f -a "leave" -d 'Take a member off the rotation from a date on (edits the roster)'
complete -c dw -n "__fish_dw_needs_command" -f -a "man" -d 'Print the man page (roff) that man/dw.1 holds; --out DIR writes every page'
complete -c dw -n "__fish_dw_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dw -n "__fish_dw_using_subcommand who" -l role -d 'Only this role: a role name (primary), an ordinal (4th) or a rank number' -r
complete -c dw -n "__fish_dw_using_subcommand who" -l field -d 'Print only this field, one bare line per rank (for scripts)' -r -f -a "id\t''
name\t''
email\t''
slack\t''
pagerduty\t''"
complete -c dw -n "__fish_dw_using_subcommand who" -l format -d 'Output format [default: table, or json with --json]' -r -f -a "table\t'Aligned columns for people'
json\t'One JSON object: team, week, start, end, ranks, away, covers'
env\t'Shell assignments to eval in a script: DW_WEEK, DW_PRIMARY_EMAIL …'
tsv\t'Tab-separated values with a header line'"
complete -c dw -n "__fish_dw_using_subcommand who" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand who" -l at -d 'The moment to answer for, in the team\'s time zone: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a weekday and time (\'tuesday 10:00\'), \'next handoff\' or \'next week\' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00 handoff), or an RFC 3339 instant [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand who" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_using_subcommand who" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand who" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
complete -c dw -n "__fish_dw_using_subcommand who" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand who" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand who" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand who" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand schedule" -l from -d 'Start at the week whose dates include DATE [default: the current week]' -r
complete -c dw -n "__fish_dw_using_subcommand schedule" -l weeks -d 'How many weeks to show' -r
complete -c dw -n "__fish_dw_using_subcommand schedule" -l member -d 'Only this member\'s assignments (with --html: the whole team, this member\'s weeks and covers highlighted)' -r
complete -c dw -n "__fish_dw_using_subcommand schedule" -l roles -l role -d 'Only these roles, comma-separated (names such as primary, ordinals such as 4th, or rank numbers), in the table, JSON and --ics [default: the table shows the named roles, JSON and --ics every rank; --ics --member the named roles]' -r
complete -c dw -n "__fish_dw_using_subcommand schedule" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand schedule" -l at -d 'The moment to answer for, in the team\'s time zone: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a weekday and time (\'tuesday 10:00\'), \'next handoff\' or \'next week\' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00 handoff), or an RFC 3339 instant [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand schedule" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_using_subcommand schedule" -l ics -d 'Print an iCalendar (RFC 5545) file to subscribe to'
complete -c dw -n "__fish_dw_using_subcommand schedule" -l html -d 'Print a self-contained calendar page (HTML, no outside requests) to publish beside the --ics feed'
complete -c dw -n "__fish_dw_using_subcommand schedule" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand schedule" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
complete -c dw -n "__fish_dw_using_subcommand schedule" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand schedule" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand schedule" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand schedule" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand next" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand next" -l at -d 'The moment to answer for, in the team\'s time zone: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a weekday and time (\'tuesday 10:00\'), \'next handoff\' or \'next week\' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00 handoff), or an RFC 3339 instant [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand next" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_using_subcommand next" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand next" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
complete -c dw -n "__fish_dw_using_subcommand next" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand next" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand next" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand next" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand roles" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand roles" -l at -d 'The moment to answer for, in the team\'s time zone: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a weekday and time (\'tuesday 10:00\'), \'next handoff\' or \'next week\' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00 handoff), or an RFC 3339 instant [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand roles" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_using_subcommand roles" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand roles" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
complete -c dw -n "__fish_dw_using_subcommand roles" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand roles" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand roles" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand roles" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand stats" -l from -d 'First date counted (its week is included) [default: the roster\'s start]' -r
complete -c dw -n "__fish_dw_using_subcommand stats" -l to -d 'Last date counted (its week is included) [default: today]' -r
complete -c dw -n "__fish_dw_using_subcommand stats" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand stats" -l at -d 'The moment to answer for, in the team\'s time zone: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a weekday and time (\'tuesday 10:00\'), \'next handoff\' or \'next week\' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00 handoff), or an RFC 3339 instant [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand stats" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_using_subcommand stats" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand stats" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
complete -c dw -n "__fish_dw_using_subcommand stats" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand stats" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand stats" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand stats" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand check" -l weeks -d 'Weeks ahead to check, from the current one [default: 52; 4 with --pagerduty]' -r
complete -c dw -n "__fish_dw_using_subcommand check" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand check" -l at -d 'The moment to answer for, in the team\'s time zone: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a weekday and time (\'tuesday 10:00\'), \'next handoff\' or \'next week\' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00 handoff), or an RFC 3339 instant [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand check" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_using_subcommand check" -l pagerduty -d 'Also compare who PagerDuty says is on call with the roster; exit 4 on drift'
complete -c dw -n "__fish_dw_using_subcommand check" -l strict -d 'With --pagerduty: also exit 4 when people\'s own overrides differ from the roster'
complete -c dw -n "__fish_dw_using_subcommand check" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand check" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
complete -c dw -n "__fish_dw_using_subcommand check" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand check" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand check" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand handoff" -l issue -d 'A customer issue to carry over (repeat for several); on a terminal without it, --post opens EDITOR to write them' -r
complete -c dw -n "__fish_dw_using_subcommand handoff" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand handoff" -l at -d 'The moment to answer for, in the team\'s time zone: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a weekday and time (\'tuesday 10:00\'), \'next handoff\' or \'next week\' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00 handoff), or an RFC 3339 instant [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand handoff" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_using_subcommand handoff" -l post -d 'Send the notes to the team channel ([slack] channel)'
complete -c dw -n "__fish_dw_using_subcommand handoff" -l dry-run -d 'Print the requests that would change something, and send none of them'
complete -c dw -n "__fish_dw_using_subcommand handoff" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand handoff" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
complete -c dw -n "__fish_dw_using_subcommand handoff" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand handoff" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand handoff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand handoff" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand announce" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand announce" -l at -d 'The moment to answer for, in the team\'s time zone: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a weekday and time (\'tuesday 10:00\'), \'next handoff\' or \'next week\' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00 handoff), or an RFC 3339 instant [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand announce" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_using_subcommand announce" -l post -d 'Post this week\'s ranks to the team channel'
complete -c dw -n "__fish_dw_using_subcommand announce" -l topic -d 'Set the team channel\'s topic to \'primary: …, secondary: …\''
complete -c dw -n "__fish_dw_using_subcommand announce" -l group -d 'Make the roster\'s Slack user group (@dreamwork) the current primary and secondary'
complete -c dw -n "__fish_dw_using_subcommand announce" -l dry-run -d 'Print the requests that would change something, and send none of them'
complete -c dw -n "__fish_dw_using_subcommand announce" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand announce" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
complete -c dw -n "__fish_dw_using_subcommand announce" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand announce" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand announce" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand announce" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand incident; and not __fish_seen_subcommand_from start analysis help" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand incident; and not __fish_seen_subcommand_from start analysis help" -l at -d 'The moment to answer for, in the team\'s time zone: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a weekday and time (\'tuesday 10:00\'), \'next handoff\' or \'next week\' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00 handoff), or an RFC 3339 instant [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand incident; and not __fish_seen_subcommand_from start analysis help" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_using_subcommand incident; and not __fish_seen_subcommand_from start analysis help" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand incident; and not __fish_seen_subcommand_from start analysis help" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
complete -c dw -n "__fish_dw_using_subcommand incident; and not __fish_seen_subcommand_from start analysis help" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand incident; and not __fish_seen_subcommand_from start analysis help" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand incident; and not __fish_seen_subcommand_from start analysis help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand incident; and not __fish_seen_subcommand_from start analysis help" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand incident; and not __fish_seen_subcommand_from start analysis help" -f -a "start" -d 'Open a PagerDuty incident and post it in the incident channel'
complete -c dw -n "__fish_dw_using_subcommand incident; and not __fish_seen_subcommand_from start analysis help" -f -a "analysis" -d 'Decide whether an incident needs an analysis (the team\'s three rules); write a template'
complete -c dw -n "__fish_dw_using_subcommand incident; and not __fish_seen_subcommand_from start analysis help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from start" -l title -d 'What is wrong, in a few words (\'DB down\')' -r
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from start" -l service -d 'PagerDuty service ID [default: [pagerduty] service in the roster]' -r
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from start" -l urgency -d 'PagerDuty urgency [default: high]' -r -f -a "high\t''
low\t''"
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from start" -l impact -d 'One customer or many' -r -f -a "one\t'One customer'
many\t'Many customers'"
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from start" -l details -d 'More about it: symptoms, links, what was tried' -r
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from start" -l incident-key -d 'De-duplication key [default: derived from service, title and the local date]' -r
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from start" -l as -d 'You, as a member id (for the From header and the Slack message)' -r
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from start" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from start" -l at -d 'The moment to answer for, in the team\'s time zone: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a weekday and time (\'tuesday 10:00\'), \'next handoff\' or \'next week\' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00 handoff), or an RFC 3339 instant [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from start" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from start" -s y -l yes -d 'Do not ask for confirmation'
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from start" -l no-slack -d 'Open the incident without posting in Slack'
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from start" -l dry-run -d 'Print the requests, and send nothing'
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from start" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from start" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from start" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from start" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from start" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from analysis" -l service -d 'The service that was rolled back or forward (Check and Documentation have a testing exception)' -r
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from analysis" -l write -d 'Write a Markdown analysis template to FILE' -r -F
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from analysis" -l incident -d 'Fill the template from this PagerDuty incident (needs PAGERDUTY_TOKEN)' -r
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from analysis" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from analysis" -l at -d 'The moment to answer for, in the team\'s time zone: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a weekday and time (\'tuesday 10:00\'), \'next handoff\' or \'next week\' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00 handoff), or an RFC 3339 instant [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from analysis" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from analysis" -l rolled-back -d 'It needed a roll back'
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from analysis" -l rolled-forward -d 'It needed a roll forward (hotfix, quick fix)'
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from analysis" -l testing-phase -d 'The service was in its production testing phase'
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from analysis" -l we-started -d 'The team started the incident'
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from analysis" -l pulled-in -d 'The team was pulled into the incident (did work for it)'
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from analysis" -l status-page -d 'Support updated the external status page'
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from analysis" -l force -d 'Overwrite FILE if it exists'
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from analysis" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from analysis" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from analysis" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from analysis" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from analysis" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from analysis" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "start" -d 'Open a PagerDuty incident and post it in the incident channel'
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "analysis" -d 'Decide whether an incident needs an analysis (the team\'s three rules); write a template'
complete -c dw -n "__fish_dw_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dw -n "__fish_dw_using_subcommand sync; and not __fish_seen_subcommand_from pagerduty help" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand sync; and not __fish_seen_subcommand_from pagerduty help" -l at -d 'The moment to answer for, in the team\'s time zone: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a weekday and time (\'tuesday 10:00\'), \'next handoff\' or \'next week\' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00 handoff), or an RFC 3339 instant [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand sync; and not __fish_seen_subcommand_from pagerduty help" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_using_subcommand sync; and not __fish_seen_subcommand_from pagerduty help" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand sync; and not __fish_seen_subcommand_from pagerduty help" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
complete -c dw -n "__fish_dw_using_subcommand sync; and not __fish_seen_subcommand_from pagerduty help" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand sync; and not __fish_seen_subcommand_from pagerduty help" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand sync; and not __fish_seen_subcommand_from pagerduty help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand sync; and not __fish_seen_subcommand_from pagerduty help" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand sync; and not __fish_seen_subcommand_from pagerduty help" -f -a "pagerduty" -d 'Make the PagerDuty schedules say what the roster says, with overrides'
complete -c dw -n "__fish_dw_using_subcommand sync; and not __fish_seen_subcommand_from pagerduty help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dw -n "__fish_dw_using_subcommand sync; and __fish_seen_subcommand_from pagerduty" -l weeks -d 'How many weeks, from the current one' -r
complete -c dw -n "__fish_dw_using_subcommand sync; and __fish_seen_subcommand_from pagerduty" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand sync; and __fish_seen_subcommand_from pagerduty" -l at -d 'The moment to answer for, in the team\'s time zone: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a weekday and time (\'tuesday 10:00\'), \'next handoff\' or \'next week\' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00 handoff), or an RFC 3339 instant [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand sync; and __fish_seen_subcommand_from pagerduty" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_using_subcommand sync; and __fish_seen_subcommand_from pagerduty" -l dry-run -d 'Print the plan and the requests that would change something; change nothing'
complete -c dw -n "__fish_dw_using_subcommand sync; and __fish_seen_subcommand_from pagerduty" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand sync; and __fish_seen_subcommand_from pagerduty" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
complete -c dw -n "__fish_dw_using_subcommand sync; and __fish_seen_subcommand_from pagerduty" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand sync; and __fish_seen_subcommand_from pagerduty" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand sync; and __fish_seen_subcommand_from pagerduty" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand sync; and __fish_seen_subcommand_from pagerduty" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand sync; and __fish_seen_subcommand_from help" -f -a "pagerduty" -d 'Make the PagerDuty schedules say what the roster says, with overrides'
complete -c dw -n "__fish_dw_using_subcommand sync; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dw -n "__fish_dw_using_subcommand plan" -l git -d 'Compare the roster at git revision REV with the working copy' -r
complete -c dw -n "__fish_dw_using_subcommand plan" -l from -d 'First week compared: the week holding DATE [default: the current week]' -r
complete -c dw -n "__fish_dw_using_subcommand plan" -l weeks -d 'How many weeks to compare' -r
complete -c dw -n "__fish_dw_using_subcommand plan" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand plan" -l at -d 'The moment to answer for, in the team\'s time zone: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a weekday and time (\'tuesday 10:00\'), \'next handoff\' or \'next week\' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00 handoff), or an RFC 3339 instant [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand plan" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_using_subcommand plan" -l markdown -d 'Print a Markdown table to paste into a pull request'
complete -c dw -n "__fish_dw_using_subcommand plan" -l all-ranks -d 'Show every rank (4th, 5th, …), not only the named roles'
complete -c dw -n "__fish_dw_using_subcommand plan" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand plan" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
complete -c dw -n "__fish_dw_using_subcommand plan" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand plan" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand plan" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand explain" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand explain" -l at -d 'The moment to answer for, in the team\'s time zone: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a weekday and time (\'tuesday 10:00\'), \'next handoff\' or \'next week\' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00 handoff), or an RFC 3339 instant [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand explain" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_using_subcommand explain" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand explain" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
complete -c dw -n "__fish_dw_using_subcommand explain" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand explain" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand explain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand explain" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand remind" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand remind" -l at -d 'The moment to answer for, in the team\'s time zone: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a weekday and time (\'tuesday 10:00\'), \'next handoff\' or \'next week\' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00 handoff), or an RFC 3339 instant [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand remind" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_using_subcommand remind" -l post -d 'Send the messages as Slack DMs (needs SLACK_TOKEN; scopes chat:write, im:write, im:history)'
complete -c dw -n "__fish_dw_using_subcommand remind" -l dry-run -d 'With --post: print the requests that would send the messages, and send none'
complete -c dw -n "__fish_dw_using_subcommand remind" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand remind" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
complete -c dw -n "__fish_dw_using_subcommand remind" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand remind" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand remind" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand remind" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand init" -l team -d 'The team\'s name, as announcements and calendars show it' -r
complete -c dw -n "__fish_dw_using_subcommand init" -l timezone -d 'The team\'s time zone, an IANA name such as Europe/Berlin [default: UTC]' -r
complete -c dw -n "__fish_dw_using_subcommand init" -l handoff-day -d 'The weekday each week begins on, at the handoff [default: tuesday]' -r
complete -c dw -n "__fish_dw_using_subcommand init" -l handoff-time -d 'The local time of the handoff, HH:MM or H:MM, 24-hour [default: 10:00]' -r
complete -c dw -n "__fish_dw_using_subcommand init" -l start -d 'The date week 0 begins, a handoff day [default: the next handoff day on or after today]' -r
complete -c dw -n "__fish_dw_using_subcommand init" -l member -d 'A member, as ID:NAME:EMAIL, in rotation order (repeat for each; the ID is lower case a-z, 0-9, \'.\', \'_\', \'-\')' -r
complete -c dw -n "__fish_dw_using_subcommand init" -l slack-channel -d 'The team\'s Slack channel, for handoff notes and announcements (#name or a channel ID)' -r
complete -c dw -n "__fish_dw_using_subcommand init" -l incident-channel -d 'The Slack channel where \'dw incident start\' announces incidents' -r
complete -c dw -n "__fish_dw_using_subcommand init" -l roles -d 'The role names of ranks 1, 2, 3 …, comma-separated [default: primary,secondary,tertiary]' -r
complete -c dw -n "__fish_dw_using_subcommand init" -l from-pagerduty -d 'Take the rotation from this PagerDuty schedule\'s weekly layer (needs PAGERDUTY_TOKEN, read access)' -r
complete -c dw -n "__fish_dw_using_subcommand init" -l secondary -d 'With --from-pagerduty: the schedule of the secondary rank, for [pagerduty] schedules' -r
complete -c dw -n "__fish_dw_using_subcommand init" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand init" -l at -d 'The moment to answer for, in the team\'s time zone: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a weekday and time (\'tuesday 10:00\'), \'next handoff\' or \'next week\' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00 handoff), or an RFC 3339 instant [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand init" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_using_subcommand init" -l force -d 'Replace the file if it exists'
complete -c dw -n "__fish_dw_using_subcommand init" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand init" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
complete -c dw -n "__fish_dw_using_subcommand init" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand init" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand init" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand completions" -l at -d 'Refused: the script is the same at every moment' -r
complete -c dw -n "__fish_dw_using_subcommand completions" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand completions" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_using_subcommand completions" -l json -d 'Refused: the script is never JSON'
complete -c dw -n "__fish_dw_using_subcommand completions" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
complete -c dw -n "__fish_dw_using_subcommand completions" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand completions" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand completions" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand away; and not __fish_seen_subcommand_from add remove help" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand away; and not __fish_seen_subcommand_from add remove help" -l at -d 'The moment to answer for, in the team\'s time zone: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a weekday and time (\'tuesday 10:00\'), \'next handoff\' or \'next week\' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00 handoff), or an RFC 3339 instant [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand away; and not __fish_seen_subcommand_from add remove help" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_using_subcommand away; and not __fish_seen_subcommand_from add remove help" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand away; and not __fish_seen_subcommand_from add remove help" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
complete -c dw -n "__fish_dw_using_subcommand away; and not __fish_seen_subcommand_from add remove help" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand away; and not __fish_seen_subcommand_from add remove help" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand away; and not __fish_seen_subcommand_from add remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand away; and not __fish_seen_subcommand_from add remove help" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand away; and not __fish_seen_subcommand_from add remove help" -f -a "add" -d 'Add an away range: the member holds no rank in any week it touches'
complete -c dw -n "__fish_dw_using_subcommand away; and not __fish_seen_subcommand_from add remove help" -f -a "remove" -d 'Remove the away range that starts on --from'
complete -c dw -n "__fish_dw_using_subcommand away; and not __fish_seen_subcommand_from add remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from add" -l from -d 'First day away (YYYY-MM-DD)' -r
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from add" -l to -d 'Last day away, included (YYYY-MM-DD)' -r
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from add" -l reason -d 'Why, for the calendar (\'PTO\', \'conference\')' -r
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from add" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from add" -l at -d 'The moment to answer for, in the team\'s time zone: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a weekday and time (\'tuesday 10:00\'), \'next handoff\' or \'next week\' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00 handoff), or an RFC 3339 instant [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from add" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from add" -l dry-run -d 'Print the change as a diff and write nothing'
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from add" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from add" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from remove" -l from -d 'The first day of the range to remove (YYYY-MM-DD)' -r
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from remove" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from remove" -l at -d 'The moment to answer for, in the team\'s time zone: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a weekday and time (\'tuesday 10:00\'), \'next handoff\' or \'next week\' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00 handoff), or an RFC 3339 instant [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from remove" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from remove" -l dry-run -d 'Print the change as a diff and write nothing'
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from remove" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from remove" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an away range: the member holds no rank in any week it touches'
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove the away range that starts on --from'
complete -c dw -n "__fish_dw_using_subcommand away; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dw -n "__fish_dw_using_subcommand swap" -l week -d 'Any date of the week to swap (YYYY-MM-DD)' -r
complete -c dw -n "__fish_dw_using_subcommand swap" -l back -d 'Also exchange back in the week holding this date: an even trade when the two then hold each other\'s ranks the other way round (dw warns when they do not, and names such a week)' -r
complete -c dw -n "__fish_dw_using_subcommand swap" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand swap" -l at -d 'The moment to answer for, in the team\'s time zone: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a weekday and time (\'tuesday 10:00\'), \'next handoff\' or \'next week\' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00 handoff), or an RFC 3339 instant [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand swap" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_using_subcommand swap" -l dry-run -d 'Print the change as a diff and write nothing'
complete -c dw -n "__fish_dw_using_subcommand swap" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand swap" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
complete -c dw -n "__fish_dw_using_subcommand swap" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand swap" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand swap" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand swap" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand cover" -l role -d 'The rank covered: a role name (primary), an ordinal (4th) or a number' -r
complete -c dw -n "__fish_dw_using_subcommand cover" -l from -d 'When the cover begins, in the team\'s time zone (YYYY-MM-DDTHH:MM, or as --at)' -r
complete -c dw -n "__fish_dw_using_subcommand cover" -l to -d 'When the cover ends, excluded (YYYY-MM-DDTHH:MM, or as --at)' -r
complete -c dw -n "__fish_dw_using_subcommand cover" -l reason -d 'Why (\'dentist\', \'evening out\')' -r
complete -c dw -n "__fish_dw_using_subcommand cover" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand cover" -l at -d 'The moment to answer for, in the team\'s time zone: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a weekday and time (\'tuesday 10:00\'), \'next handoff\' or \'next week\' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00 handoff), or an RFC 3339 instant [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand cover" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_using_subcommand cover" -l dry-run -d 'Print the change as a diff and write nothing'
complete -c dw -n "__fish_dw_using_subcommand cover" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand cover" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
complete -c dw -n "__fish_dw_using_subcommand cover" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand cover" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand cover" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand cover" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand join" -l name -d 'Full name' -r
complete -c dw -n "__fish_dw_using_subcommand join" -l email -d 'Email address' -r
complete -c dw -n "__fish_dw_using_subcommand join" -l on -d 'First date on the rotation: they take part from the first week wholly on or after it [default: today]' -r
complete -c dw -n "__fish_dw_using_subcommand join" -l slack -d 'Slack user ID (U…)' -r
complete -c dw -n "__fish_dw_using_subcommand join" -l pagerduty -d 'PagerDuty user ID (P…)' -r
complete -c dw -n "__fish_dw_using_subcommand join" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand join" -l at -d 'The moment to answer for, in the team\'s time zone: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a weekday and time (\'tuesday 10:00\'), \'next handoff\' or \'next week\' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00 handoff), or an RFC 3339 instant [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand join" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_using_subcommand join" -l dry-run -d 'Print the change as a diff and write nothing'
complete -c dw -n "__fish_dw_using_subcommand join" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand join" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
complete -c dw -n "__fish_dw_using_subcommand join" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand join" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand join" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand join" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand leave" -l on -d 'First date no longer on the rotation (YYYY-MM-DD); a week holding it is lost whole, so a handoff day keeps the week before it' -r
complete -c dw -n "__fish_dw_using_subcommand leave" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand leave" -l at -d 'The moment to answer for, in the team\'s time zone: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a weekday and time (\'tuesday 10:00\'), \'next handoff\' or \'next week\' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00 handoff), or an RFC 3339 instant [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand leave" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_using_subcommand leave" -l dry-run -d 'Print the change as a diff and write nothing'
complete -c dw -n "__fish_dw_using_subcommand leave" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand leave" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
complete -c dw -n "__fish_dw_using_subcommand leave" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand leave" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand leave" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand leave" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand man" -l out -d 'Write dw.1 and one page per command (dw-who.1, …) into DIR' -r -f -a "(__fish_complete_directories)"
complete -c dw -n "__fish_dw_using_subcommand man" -l roster -d 'The roster file [default: ./roster.toml or the nearest parent\'s, then ~/.config/dw/roster.toml]' -r -F
complete -c dw -n "__fish_dw_using_subcommand man" -l at -d 'The moment to answer for, in the team\'s time zone: now, today, tomorrow, yesterday, a weekday (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a weekday and time (\'tuesday 10:00\'), \'next handoff\' or \'next week\' (the coming handoff), an offset from now (+3d, -1w, +12h), YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00 handoff), or an RFC 3339 instant [default: now]' -r
complete -c dw -n "__fish_dw_using_subcommand man" -l color -d 'When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is unset or empty'
always\t'Always colour, even into a pipe or with NO_COLOR set'
never\t'Never colour'"
complete -c dw -n "__fish_dw_using_subcommand man" -l json -d 'Print JSON instead of a table'
complete -c dw -n "__fish_dw_using_subcommand man" -l no-color -d 'Never colour the output (also: NO_COLOR=1); the same as --color never'
complete -c dw -n "__fish_dw_using_subcommand man" -s q -l quiet -d 'Print only what was asked for: no notes on stderr'
complete -c dw -n "__fish_dw_using_subcommand man" -s v -l verbose -d 'Say more about what dw does (which roster, which requests)'
complete -c dw -n "__fish_dw_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dw -n "__fish_dw_using_subcommand man" -s V -l version -d 'Print version'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check handoff announce incident sync plan explain remind init completions away swap cover join leave man help" -f -a "who" -d 'Who holds each rank now (or --at), with the shift\'s start and end'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check handoff announce incident sync plan explain remind init completions away swap cover join leave man help" -f -a "schedule" -d 'The calendar, week by week: table, --json or --ics'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check handoff announce incident sync plan explain remind init completions away swap cover join leave man help" -f -a "next" -d 'When a member is next primary and next secondary'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check handoff announce incident sync plan explain remind init completions away swap cover join leave man help" -f -a "roles" -d 'What each role is responsible for, and who holds it now'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check handoff announce incident sync plan explain remind init completions away swap cover join leave man help" -f -a "stats" -d 'Weeks per member per role: fairness at a glance'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check handoff announce incident sync plan explain remind init completions away swap cover join leave man help" -f -a "check" -d 'Validate the roster and the weeks ahead; exit 2 listing every problem'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check handoff announce incident sync plan explain remind init completions away swap cover join leave man help" -f -a "handoff" -d 'Markdown notes for the next handoff: outgoing → incoming, incidents, analyses due'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check handoff announce incident sync plan explain remind init completions away swap cover join leave man help" -f -a "announce" -d 'This week\'s ranks to the team\'s Slack channel; also its topic and user group'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check handoff announce incident sync plan explain remind init completions away swap cover join leave man help" -f -a "incident" -d 'Incidents: open one in PagerDuty and tell the incident channel'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check handoff announce incident sync plan explain remind init completions away swap cover join leave man help" -f -a "sync" -d 'Make an outside service match the roster'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check handoff announce incident sync plan explain remind init completions away swap cover join leave man help" -f -a "plan" -d 'Every assignment a roster change moves, week by week (for a pull request)'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check handoff announce incident sync plan explain remind init completions away swap cover join leave man help" -f -a "explain" -d 'Why each member holds their rank in a week'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check handoff announce incident sync plan explain remind init completions away swap cover join leave man help" -f -a "remind" -d 'The day before a handoff: a Slack DM to the incoming primary and secondary'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check handoff announce incident sync plan explain remind init completions away swap cover join leave man help" -f -a "init" -d 'Start a roster: write a commented roster.toml, from flags, questions or a PagerDuty schedule'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check handoff announce incident sync plan explain remind init completions away swap cover join leave man help" -f -a "completions" -d 'Print the shell completion script for SHELL'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check handoff announce incident sync plan explain remind init completions away swap cover join leave man help" -f -a "away" -d 'Time off: add or remove a member\'s away range (edits the roster)'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check handoff announce incident sync plan explain remind init completions away swap cover join leave man help" -f -a "swap" -d 'Two members exchange ranks for one week, and back in another with --back (edits the roster)'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check handoff announce incident sync plan explain remind init completions away swap cover join leave man help" -f -a "cover" -d 'Hand a rank to a member for a few hours or days: an evening, a dentist visit (edits the roster)'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check handoff announce incident sync plan explain remind init completions away swap cover join leave man help" -f -a "join" -d 'Add a member to the rotation (edits the roster)'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check handoff announce incident sync plan explain remind init completions away swap cover join leave man help" -f -a "leave" -d 'Take a member off the rotation from a date on (edits the roster)'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check handoff announce incident sync plan explain remind init completions away swap cover join leave man help" -f -a "man" -d 'Print the man page (roff) that man/dw.1 holds; --out DIR writes every page'
complete -c dw -n "__fish_dw_using_subcommand help; and not __fish_seen_subcommand_from who schedule next roles stats check handoff announce incident sync plan explain remind init completions away swap cover join leave man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dw -n "__fish_dw_using_subcommand help; and __fish_seen_subcommand_from incident" -f -a "start" -d 'Open a PagerDuty incident and post it in the incident channel'
complete -c dw -n "__fish_dw_using_subcommand help; and __fish_seen_subcommand_from incident" -f -a "analysis" -d 'Decide whether an incident needs an analysis (the team\'s three rules); write a template'
complete -c dw -n "__fish_dw_using_subcommand help; and __fish_seen_subcommand_from sync" -f -a "pagerduty" -d 'Make the PagerDuty schedules say what the roster says, with overrides'
complete -c dw -n "__fish_dw_using_subcommand help; and __fish_seen_subcommand_from away" -f -a "add" -d 'Add an away range: the member holds no rank in any week it touches'
complete -c dw -n "__fish_dw_using_subcommand help; and __fish_seen_subcommand_from away" -f -a "remove" -d 'Remove the away range that starts on --from'
