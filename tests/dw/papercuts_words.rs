//! A newcomer's team names its own ranks (pager, backup): the messages that
//! tell it what to add say the team's words, not the bundled roster's.

use crate::support::{Run, Sandbox};

/// A Berlin team handing over on Wednesday, ranks named pager and backup,
/// no Slack or PagerDuty IDs yet (as `dw init` writes it).
const PAGER_BACKUP: &str = r##"
[team]
name = "Platform"
timezone = "Europe/Berlin"
handoff_day = "wednesday"
handoff_time = "09:30"
start = 2026-12-09
roles = ["pager", "backup"]

[slack]
channel = "#platform-oncall"
group = "platform-oncall"

[[members]]
id = "ana"
name = "Ana Lima"
email = "ana@example.com"

[[members]]
id = "bo"
name = "Bo Berg"
email = "bo@example.com"
"##;

/// `dw --roster roster.toml --at … ARGS` on that roster, in week 0.
fn run(args: &[&str]) -> Run {
    let sandbox = Sandbox::empty().at("2026-12-10T12:00");
    sandbox.write("work/roster.toml", PAGER_BACKUP);
    let mut all = vec!["--roster", "roster.toml"];
    all.extend_from_slice(args);
    sandbox.run(&all)
}

#[test]
fn sync_without_schedules_hints_with_the_rosters_own_role_names() {
    for args in [
        &["sync", "pagerduty", "--dry-run"][..],
        &["check", "--pagerduty"][..],
    ] {
        run(args)
            .code(2)
            .stderr_has("no [pagerduty] schedules to sync or compare")
            .stderr_has("schedules = { pager = \"PSCHED1\", backup = \"PSCHED2\" }")
            .stderr_lacks("primary");
    }
}

#[test]
fn announce_group_names_the_member_without_a_slack_id_by_role_and_flag() {
    run(&["announce", "--group", "--dry-run"])
        .code(2)
        .stderr_has("--group: member \"ana\" (pager this week) has no Slack user ID")
        .stderr_has("add slack = \"U…\" to member \"ana\"");
}

#[test]
fn init_next_steps_say_the_docs_commit_and_no_monday_for_a_wednesday_team() {
    let sandbox = Sandbox::empty().at("2026-12-04T12:00");
    let run = sandbox.run(&[
        "init",
        "--team",
        "Platform",
        "--timezone",
        "Europe/Berlin",
        "--handoff-day",
        "wednesday",
        "--handoff-time",
        "09:30",
        "--roles",
        "pager,backup",
        "--member",
        "ana:Ana Lima:ana@example.com",
        "--member",
        "bo:Bo Berg:bo@example.com",
    ]);
    run.code(0);
    let said = format!("{}{}", run.stdout, run.stderr);
    // README and docs/setup.md commit with this message.
    assert!(
        said.contains("git add roster.toml && git commit -m \"On-call rotation\""),
        "{said}"
    );
    assert!(said.contains("to the first handoff"), "{said}");
    assert!(!said.contains("Monday"), "{said}");
}
