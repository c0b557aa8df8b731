//! `--at`: its relative forms, a rotation that has not started yet, and the
//! ISO week in titles. The words themselves are resolved against the clock,
//! which tests never read: their arithmetic is unit-tested in `src/when.rs`;
//! here only what does not depend on the day the tests run.

use crate::support::{Sandbox, AT, BUNDLED};

/// The utc.toml team, starting in 2099: not started on any day these tests run.
fn future_team(sandbox: &Sandbox) {
    let text = "[team]\nname = \"Later\"\ntimezone = \"UTC\"\nhandoff_day = \"monday\"\n\
                handoff_time = \"09:00\"\nstart = 2099-01-05\n\n\
                [[members]]\nid = \"alice\"\nname = \"Alice\"\nemail = \"alice@example.com\"\n";
    sandbox.write("work/future.toml", text);
}

#[test]
fn relative_forms_are_accepted() {
    let sandbox = Sandbox::empty();
    future_team(&sandbox);
    // Every form parses; before the start (2099) an explicit --at is an error
    // that names the start, never a parse error.
    for at in [
        "now",
        "today",
        "tomorrow",
        "yesterday",
        "tuesday",
        "next friday",
        "tuesday 10:00",
        "next fri 9:30",
        "next handoff",
        "next week",
        "+3d",
        "-1w",
        "+12h",
    ] {
        sandbox
            .bare()
            .args(["--roster", "future.toml", "--at", at, "who"])
            .run()
            .code(2)
            .stderr_has("--at is before the rotation starts: week 0 begins Mon 2099-01-05 09:00");
    }
}

#[test]
fn an_unknown_form_says_what_is_accepted() {
    Sandbox::with(BUNDLED)
        .bare()
        .args(["--roster", "roster.toml", "--at", "someday", "who"])
        .run()
        .code(2)
        .stderr_has("next tuesday")
        .stderr_has("+3d");
}

#[test]
fn the_help_says_a_bare_date_means_midnight() {
    let out = Sandbox::empty().bare().args(["who", "--help"]).ok();
    assert!(out.contains("which means 00:00"), "{out}");
    assert!(out.contains("next tuesday"), "{out}");
}

#[test]
fn a_rotation_not_started_answers_for_week_0_and_says_when_it_starts() {
    let sandbox = Sandbox::empty();
    future_team(&sandbox);
    let run = sandbox
        .bare()
        .args(["--roster", "future.toml", "who"])
        .run();
    run.success()
        .stdout_has("week 0 (ISO 2)")
        .stdout_has("alice")
        .stderr_has("the rotation has not started yet: week 0 begins Mon 2099-01-05 09:00");
}

#[test]
fn an_explicit_at_before_the_start_stays_an_error() {
    Sandbox::with(BUNDLED)
        .bare()
        .args(["--roster", "roster.toml", "--at", "2025-12-01", "who"])
        .run()
        .code(2)
        .stderr_has("before the rotation starts");
}

#[test]
fn week_titles_show_the_iso_week() {
    Sandbox::with(BUNDLED)
        .run(&["who"])
        .success()
        .stdout_has("on call, week 8 (ISO 10):");
    let _ = AT;
}
