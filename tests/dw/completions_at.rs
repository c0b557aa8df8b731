//! Completing `--at` (the words dw takes, then the handoffs' local times)
//! and `away add --from|--to` (the handoff dates), as the scripts ask:
//! `DW_COMPLETE=fish dw -- dw WORDS…`.

use super::completions::{complete, discovered, offered};
use crate::support::{Sandbox, AT};

const WORDS: [&str; 14] = [
    "now",
    "today",
    "tomorrow",
    "yesterday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "next tuesday",
    "next handoff",
    "next week",
];

#[test]
fn at_completes_the_words_dw_takes_then_the_handoffs_from_the_at_on_the_line() {
    let sandbox = discovered();
    // The `--at` on the line is the moment: the value being completed is
    // not one yet.
    let run = complete(&sandbox, &["--at", AT, "who", "--at", ""]);
    run.code(0).stderr_is("");
    let lines: Vec<&str> = run.stdout.lines().collect();
    let values: Vec<&str> = lines
        .iter()
        .map(|l| l.split('\t').next().unwrap_or_default())
        .collect();
    assert_eq!(values[..14], WORDS, "{}", run.stdout);
    // Each word with the moment it means and its week.
    assert_eq!(lines[0], "now\tTue 2026-03-03 12:00 CST, week 8");
    assert_eq!(lines[1], "today\tTue 2026-03-03 00:00 CST, week 7");
    assert_eq!(lines[11], "next tuesday\tTue 2026-03-10 00:00 CDT, week 8");
    assert_eq!(lines[12], "next handoff\tTue 2026-03-10 10:00 CDT, week 9");
    // Then the handoffs of the week of AT and the 8 after it, as for
    // `cover --from`.
    assert_eq!(lines.len(), 14 + 9, "{}", run.stdout);
    assert_eq!(
        lines[14],
        "2026-03-03T10:00\tweek 8: grace primary, linus secondary"
    );
    assert!(
        lines[22].starts_with("2026-04-28T10:00\tweek 16: "),
        "{}",
        run.stdout
    );
    // Every moment offered is one `--at` takes (the words: a unit test,
    // which needs no clock).
    for value in values.iter().filter(|v| v.starts_with("2026-")) {
        sandbox
            .bare()
            .args(["--at", value, "who", "--field", "id", "--role", "primary"])
            .ok();
    }
}

#[test]
fn at_values_filter_by_what_is_typed_spaces_and_quotes_included() {
    let sandbox = discovered();
    let at = |typed: &'static str| offered(&sandbox, &["--at", AT, "schedule", "--at", typed]);
    assert_eq!(at("t"), ["today", "tomorrow", "tuesday", "thursday"]);
    assert_eq!(at("next"), ["next tuesday", "next handoff", "next week"]);
    // Fish passes the word as typed: escaped or in quotes.
    assert_eq!(at("next\\ h"), ["next handoff"]);
    assert_eq!(at("\"next w"), ["next week"]);
    assert_eq!(at("'next t"), ["next tuesday"]);
    assert_eq!(at("2026-03-1"), ["2026-03-10T10:00", "2026-03-17T10:00"]);
    // Before the command and in `--at=` form too.
    let before = offered(&sandbox, &["--at=2026-03-09", "--at", "n"]);
    assert_eq!(before, ["now", "next tuesday", "next handoff", "next week"]);
}

#[test]
fn next_names_the_rosters_handoff_day() {
    // Sunday 02:30 in Berlin.
    let sandbox = Sandbox::empty().roster("html-dst.toml");
    let run = complete(
        &sandbox,
        &[
            "--roster",
            "html-dst.toml",
            "--at",
            "2026-03-25T12:00",
            "who",
            "--at",
            "next",
        ],
    );
    run.code(0).stderr_is("");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "next sunday\tSun 2026-03-29 00:00 CET, week 11",
            "next handoff\tSun 2026-03-29 03:30 CEST, week 12",
            "next week\tSun 2026-03-29 03:30 CEST, week 12",
        ],
        "{}",
        run.stdout
    );
}

#[test]
fn at_words_complete_without_a_roster_and_nothing_else_does() {
    let none = Sandbox::empty();
    complete(&none, &["who", "--at", "n"])
        .code(0)
        .stderr_is("")
        .stdout_is("now\nnext handoff\nnext week\n");
    complete(&none, &["who", "--at", "2026"])
        .code(0)
        .stdout_is("")
        .stderr_is("");
}

#[test]
fn away_add_dates_are_the_handoff_days() {
    let sandbox = discovered();
    for flag in ["--from", "--to"] {
        assert_eq!(
            offered(
                &sandbox,
                &["--at", AT, "away", "add", "ada", flag, "2026-03-1"]
            ),
            ["2026-03-10", "2026-03-17"],
            "{flag}"
        );
    }
    let run = complete(&sandbox, &["--at", AT, "away", "add", "ada", "--from", ""]);
    assert_eq!(run.stdout.lines().count(), 9, "{}", run.stdout);
    assert!(run
        .stdout
        .starts_with("2026-03-03\tweek 8: grace primary, linus secondary\n"));
}
