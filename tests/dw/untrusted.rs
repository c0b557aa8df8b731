//! Roster text is untrusted input (it arrives by pull request): strings
//! holding control, bidi or line-separator characters are refused with
//! their position, in the file and in the editing commands' flags, and no
//! such character reaches the terminal raw.

use crate::support::{fixture_text, Run, Sandbox};

/// Control, bidi and separator characters, raw or as TOML escapes.
const HOSTILE: [(&str, &str); 8] = [
    (
        "\\u001b]8;;http://evil\\u0007x\\u001b]8;;\\u0007",
        "U+001B (escape)",
    ),
    ("\\u001b]0;pwned\\u0007", "U+001B (escape)"),
    ("Ada\\u001b[1A\\u001b[2K", "U+001B (escape)"),
    ("Ada\\rEve", "U+000D (carriage return)"),
    ("Ada\\b\\b\\bEve", "U+0008 (backspace)"),
    ("\u{202e}adA", "U+202E (bidirectional control)"),
    ("Ada\\nEve", "U+000A (line feed)"),
    ("Ada\u{2028}Eve", "U+2028 (line separator)"),
];

/// Nothing a terminal would interpret: no C0 or C1 control but the line
/// feeds between lines, no bidi control.
fn assert_inert(run: &Run) {
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        let bad = text.chars().find(|c| {
            (c.is_control() && *c != '\n')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
        });
        assert!(bad.is_none(), "{stream} holds {bad:?}\n{run:?}");
    }
}

#[test]
fn every_hostile_roster_string_is_refused_with_its_position() {
    let base = fixture_text("utc.toml");
    for (value, named) in HOSTILE {
        for (target, replacement, at) in [
            (
                "name = \"Testers\"",
                format!("name = \"{value}\""),
                "team.name",
            ),
            (
                "name = \"Alice Example\"",
                format!("name = \"{value}\""),
                "members[1].name",
            ),
            (
                "email = \"alice@example.com\"",
                format!("email = \"alice@example.com{value}\""),
                "members[1].email",
            ),
            (
                "slack = \"U0000001A\"",
                format!("slack = \"{value}\""),
                "members[1].slack",
            ),
        ] {
            assert!(base.contains(target), "{target}");
            let text = base.replacen(target, &replacement, 1);
            let line = text
                .lines()
                .position(|l| l == replacement)
                .expect("the line")
                + 1;
            let sandbox = Sandbox::empty().at("2026-01-06T12:00");
            sandbox.write("work/r.toml", &text);
            for args in [
                &["check"][..],
                &["who"],
                &["plan", "--markdown", "r.toml", "r.toml"],
            ] {
                let run = sandbox.dw(&["--roster", "r.toml"]).args(args).run();
                run.code(2)
                    .no_panic()
                    .stderr_has(&format!("r.toml:{line}:"))
                    .stderr_has(&format!("`{at}` holds {named}"))
                    .stderr_has("hint: roster text must be plain");
                assert_inert(&run);
            }
        }
    }
}

#[test]
fn every_hostile_string_of_a_file_is_reported_not_just_the_first() {
    let text = fixture_text("utc.toml")
        .replacen("name = \"Testers\"", "name = \"T\\u001b[2J\"", 1)
        .replacen("name = \"Alice Example\"", "name = \"A\\u202eB\"", 1)
        .replacen("name = \"Bob O'Brien\"", "name = 'B\tO'", 1);
    let sandbox = Sandbox::empty().at("2026-01-06T12:00");
    sandbox.write("work/r.toml", &text);
    let run = sandbox.run(&["--roster", "r.toml", "check"]);
    run.code(2)
        .stderr_has(":12:10: `team.name` holds U+001B (escape)")
        .stderr_has(":21:10: `members[1].name` holds U+202E (bidirectional control)")
        .stderr_has(":29:10: `members[2].name` holds U+0009 (tab)")
        .stderr_has("3 problems in r.toml");
    assert_inert(&run);
}

#[test]
fn editing_flags_refuse_the_same_strings_naming_the_flag() {
    for (value, named) in HOSTILE {
        // The TOML escapes of HOSTILE as the characters a shell would pass.
        let value = value
            .replace("\\u001b", "\u{1b}")
            .replace("\\u0007", "\u{7}")
            .replace("\\r", "\r")
            .replace("\\b", "\u{8}")
            .replace("\\n", "\n");
        let sandbox = Sandbox::with("utc.toml").at("2026-01-06T12:00");
        let before = std::fs::read_to_string(sandbox.work().join("utc.toml")).expect("roster");
        let runs: Vec<(&str, Vec<&str>)> = vec![
            (
                "--name",
                vec!["join", "dan", "--name", &value, "--email", "d@example.com"],
            ),
            (
                "--email",
                vec!["join", "dan", "--name", "Dan", "--email", &value],
            ),
            (
                "--slack",
                vec![
                    "join", "dan", "--name", "Dan", "--email", "d@x.com", "--slack", &value,
                ],
            ),
            (
                "--pagerduty",
                vec![
                    "join",
                    "dan",
                    "--name",
                    "Dan",
                    "--email",
                    "d@x.com",
                    "--pagerduty",
                    &value,
                ],
            ),
            (
                "ID",
                vec!["join", &value, "--name", "D", "--email", "d@x.com"],
            ),
            (
                "--reason",
                vec![
                    "away",
                    "add",
                    "alice",
                    "--from",
                    "2026-02-02",
                    "--to",
                    "2026-02-03",
                    "--reason",
                    &value,
                ],
            ),
            (
                "--reason",
                vec![
                    "cover",
                    "alice",
                    "--role",
                    "primary",
                    "--from",
                    "2026-02-02T10:00",
                    "--to",
                    "2026-02-02T12:00",
                    "--reason",
                    &value,
                ],
            ),
            (
                "--role",
                vec![
                    "cover",
                    "alice",
                    "--role",
                    &value,
                    "--from",
                    "2026-02-02T10:00",
                    "--to",
                    "2026-02-02T12:00",
                ],
            ),
            ("ID2", vec!["swap", "alice", &value, "--week", "2026-02-02"]),
            ("ID", vec!["leave", &value, "--on", "2026-03-02"]),
            ("ID", vec!["away", "remove", &value, "--from", "2026-02-02"]),
        ];
        for (flag, args) in runs {
            let run = sandbox.run(&args);
            run.code(2)
                .no_panic()
                .stderr_has(&format!("dw: {flag} holds {named} at character "))
                .stderr_has("hint: roster text must be plain");
            assert_inert(&run);
            let after = std::fs::read_to_string(sandbox.work().join("utc.toml")).expect("roster");
            assert_eq!(before, after, "{args:?} changed the roster");
        }
    }
}
