//! Papercuts a newcomer hit: each test failed before its fix.

use serde_json::Value;

use crate::json_keys::strict_json;
use crate::support::truth::{self as pds, standin, TEAM};
use crate::support::{Sandbox, AT, BUNDLED};

/// A roster whose override names a misspelt role and whose PagerDuty
/// schedules name another.
const ROLE_TYPOS: &str = r#"
[team]
name = "Typos"
timezone = "UTC"
handoff_day = "tuesday"
handoff_time = "10:00"
start = 2026-01-06

[pagerduty]
schedules = { primray = "PSCHED1" }

[[members]]
id = "ann"
name = "Ann"
email = "ann@example.com"

[[members]]
id = "ben"
name = "Ben"
email = "ben@example.com"

[[overrides]]
week = 2026-02-03
role = "secondray"
member = "bem"
"#;

#[test]
fn explain_json_says_rank_once_per_member() {
    // Week 14 of the bundled roster: an override moved ada from primary to 5th.
    let sandbox = Sandbox::with(BUNDLED).at("2026-04-14T12:00");
    let out = sandbox.dw(&["--json", "explain"]).run();
    out.code(0);
    strict_json(&out.stdout).unwrap_or_else(|e| panic!("{e}\n{}", out.stdout));
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    let members = doc["members"].as_array().unwrap();
    assert_eq!(members[0]["id"], "ada");
    assert_eq!(members[0]["rank"], 5);
    assert_eq!(members[0]["kind"], "holds");
    assert_eq!(members[0]["queue_rank"], 1);
}

#[test]
fn who_field_with_nobody_available_fails_on_stderr() {
    // Week 4 of nobody.toml: both members away.
    let sandbox = Sandbox::empty()
        .roster("nobody.toml")
        .at("2026-02-04T12:00");
    let (stdout, stderr) = sandbox
        .dw(&["who", "--role", "primary", "--field", "email"])
        .fails(2);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("no primary to print: nobody is available in week 4"),
        "{stderr}"
    );
    assert!(stderr.contains("hint: `dw check`"), "{stderr}");
    // All ranks, too: an empty answer is never a success.
    let (stdout, _) = sandbox.dw(&["who", "--field", "email"]).fails(2);
    assert_eq!(stdout, "");
    // The table still answers for people, with exit 0.
    sandbox
        .dw(&["who"])
        .run()
        .code(0)
        .stdout_has("Nobody is available this week.");
}

#[test]
fn who_field_for_a_rank_nobody_holds_or_a_missing_field_fails() {
    // Week 3 of nobody.toml: ben is away, ann alone is primary.
    let sandbox = Sandbox::empty()
        .roster("nobody.toml")
        .at("2026-01-28T12:00");
    let (_, stderr) = sandbox
        .dw(&["who", "--role", "secondary", "--field", "email"])
        .fails(2);
    assert!(
        stderr.contains("nobody holds the secondary rank in week 3 (only 1 available)"),
        "{stderr}"
    );
    assert_eq!(
        sandbox
            .dw(&["who", "--role", "primary", "--field", "email"])
            .ok(),
        "ann@example.com\n"
    );
    // ann has no Slack ID: a script would DM nobody.
    let (stdout, stderr) = sandbox
        .dw(&["who", "--role", "primary", "--field", "slack"])
        .fails(2);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("ann holds primary in week 3 but has no slack in the roster"),
        "{stderr}"
    );
}

#[test]
fn next_for_a_member_who_left_says_when() {
    let sandbox = Sandbox::empty()
        .roster("truth-left.toml")
        .at("2026-06-02T12:00");
    let out = sandbox.dw(&["next", "cy"]).ok();
    assert!(out.contains("left on Wed 2026-04-01"), "{out}");
    assert!(!out.contains("not in the next"), "{out}");
    let doc = sandbox.dw(&["--json", "next", "cy"]).json();
    assert_eq!(doc["members"][0]["left"], "2026-04-01");
    assert_eq!(doc["members"][0]["primary"], Value::Null);
    // Before the date, with no turn left: say they are leaving.
    let before = Sandbox::empty()
        .roster("truth-left.toml")
        .at("2026-03-25T12:00");
    let out = before.dw(&["next", "cy"]).ok();
    assert!(out.contains("none: leaves Wed 2026-04-01"), "{out}");
    // Members who stay have no `left`.
    let doc = before.dw(&["--json", "next", "ada"]).json();
    assert_eq!(doc["members"][0]["left"], Value::Null);
}

#[test]
fn every_unknown_name_in_the_roster_is_quoted_with_a_suggestion() {
    let sandbox = Sandbox::empty().at("2026-02-03");
    sandbox.write("work/typos.toml", ROLE_TYPOS);
    let (_, stderr) = sandbox.dw(&["--roster", "typos.toml", "check"]).fails(2);
    for expected in [
        "typos.toml:10:15: schedule for unknown role `primray` in [pagerduty] schedules",
        "hint: did you mean \"primary\"? use one of the roles in [team]",
        "typos.toml:24:8: override #1 names an unknown role \"secondray\"",
        "hint: did you mean \"secondary\"? use a role name",
        "override #1 names unknown member \"bem\"",
        "hint: did you mean \"ben\"?",
    ] {
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
    }
}

#[test]
fn unknown_names_on_the_command_line_get_a_suggestion() {
    let sandbox = Sandbox::with(BUNDLED);
    let (_, stderr) = sandbox.dw(&["who", "--role", "primray"]).fails(2);
    assert!(stderr.contains("did you mean \"primary\"?"), "{stderr}");
    let (_, stderr) = sandbox.dw(&["next", "gracee"]).fails(2);
    assert!(stderr.contains("did you mean \"grace\"?"), "{stderr}");
}

#[test]
fn announce_without_slack_ids_names_each_member_once() {
    let sandbox = Sandbox::empty().roster(TEAM).at(AT);
    let out = sandbox.dw(&["-q", "announce"]).ok();
    assert!(out.contains("• primary: Ada Lovelace\n"), "{out}");
    assert!(!out.contains("(Ada Lovelace)"), "{out}");
    // With IDs: the mention, then the name for readers without Slack.
    let out = Sandbox::with(BUNDLED).dw(&["-q", "announce"]).ok();
    assert!(
        out.contains("• primary: <@U0000000B> (Grace Hopper)\n"),
        "{out}"
    );
}

#[test]
fn announce_preview_with_json_is_json() {
    let doc = Sandbox::with(BUNDLED)
        .dw(&["-q", "--json", "announce"])
        .json();
    assert_eq!(doc["preview"], true);
    assert_eq!(doc["week"], 8);
    assert!(doc["text"]
        .as_str()
        .is_some_and(|t| t.contains("• primary: <@U0000000B>")));
}

#[test]
fn testing_phase_without_service_says_the_exception_needs_it() {
    let sandbox = Sandbox::empty();
    let run = sandbox
        .bare()
        .args(["incident", "analysis", "--rolled-back", "--testing-phase"])
        .run();
    run.code(0)
        .stdout_has("Analysis required")
        .stdout_has("no service was named")
        .stderr_has("without --service it cannot apply (pass --service NAME to decide)");
    let doc = sandbox
        .bare()
        .args([
            "--json",
            "incident",
            "analysis",
            "--rolled-back",
            "--testing-phase",
            "--service",
            "billing",
        ])
        .json();
    assert_eq!(doc["required"], true);
    let why = doc["rules"][0]["why"].as_str().unwrap();
    assert!(
        why.contains("covers only a Check or Documentation service, not billing"),
        "{why}"
    );
    // The exception itself still applies.
    let doc = sandbox
        .bare()
        .args([
            "--json",
            "incident",
            "analysis",
            "--rolled-back",
            "--testing-phase",
            "--service",
            "docs",
        ])
        .json();
    assert_eq!(doc["required"], false);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_dry_run_json_never_reads_as_done() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    let dry = pds::sync(&sandbox, &pd, pds::AT, &["--dry-run", "--json"]).await;
    dry.code(0);
    let plan: Value = serde_json::from_str(&dry.stdout).unwrap();
    let actions: Vec<&str> = plan["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(actions, vec!["would_create"; 8], "{}", dry.stdout);
    let table = pds::sync(&sandbox, &pd, pds::AT, &["--dry-run"]).await;
    table.code(0).stdout_has("would create");
    // A real run says what it did.
    let done = pds::sync(&sandbox, &pd, pds::AT, &["--json"]).await;
    done.code(0);
    let doc: Value = serde_json::from_str(&done.stdout).unwrap();
    assert_eq!(doc["rows"][0]["status"], "created");
    // A replacement in a dry run.
    pds::rewrite_roster(
        &sandbox,
        TEAM,
        &pds::with_override("2026-03-10", "primary", "dee", "swap"),
    );
    let dry = pds::sync(&sandbox, &pd, pds::AT, &["--dry-run", "--json"]).await;
    dry.code(0);
    let plan: Value = serde_json::from_str(&dry.stdout).unwrap();
    let replaced: Vec<&Value> = plan["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["status"] == "would_replace")
        .collect();
    assert!(!replaced.is_empty(), "{}", dry.stdout);
    assert!(!dry.stdout.contains("\"replaced\""), "{}", dry.stdout);
}

#[test]
fn a_flag_of_another_command_points_there() {
    let sandbox = Sandbox::with(BUNDLED);
    // (`dw schedule --role` is a command of its own now: see schedule.rs.)
    let (_, stderr) = sandbox.dw(&["stats", "--role", "primary"]).fails(2);
    assert!(
        stderr.contains("tip: --role belongs to `dw who --role <ROLE>`"),
        "{stderr}"
    );
    assert!(!stderr.contains("'--roster'"), "{stderr}");
    // A real typo keeps clap's suggestion.
    let (_, stderr) = sandbox.dw(&["who", "--rol", "primary"]).fails(2);
    assert!(stderr.contains("'--role'"), "{stderr}");
}

#[test]
fn an_unknown_command_suggests_only_near_misses() {
    let sandbox = Sandbox::empty();
    let (_, stderr) = sandbox.bare().arg("nosuch").fails(2);
    assert!(
        stderr.contains("unrecognized subcommand 'nosuch'"),
        "{stderr}"
    );
    assert!(!stderr.contains("announce"), "{stderr}");
    assert!(!stderr.contains("tip:"), "{stderr}");
    let (_, stderr) = sandbox.bare().arg("sched").fails(2);
    assert!(stderr.contains("'schedule'"), "{stderr}");
    assert!(!stderr.contains("'check'"), "{stderr}");
    let (_, stderr) = sandbox.bare().arg("explian").fails(2);
    assert!(stderr.contains("'explain'"), "{stderr}");
}

#[test]
fn completions_refuses_json_and_at_and_does_not_show_them() {
    let sandbox = Sandbox::empty();
    for args in [
        &["completions", "bash", "--json"][..],
        &["--json", "completions", "bash"],
        &["completions", "bash", "--at", "2026-03-03"],
        &["--at", "2026-03-03", "completions", "zsh"],
    ] {
        let (stdout, stderr) = sandbox.bare().args(args).fails(2);
        assert_eq!(stdout, "", "{args:?}");
        assert!(stderr.starts_with("dw: --"), "{args:?}: {stderr}");
    }
    let help = sandbox.bare().args(["completions", "--help"]).ok();
    assert!(!help.contains("--at"), "{help}");
    assert!(!help.contains("--json"), "{help}");
    // Everywhere else the globals stay, before or after the command.
    let bundled = Sandbox::with(BUNDLED);
    bundled
        .bare()
        .args(["--roster", "roster.toml", "--at", AT, "who"])
        .run()
        .code(0)
        .stdout_has("week 8");
    bundled
        .bare()
        .args(["who", "--roster", "roster.toml", "--at", AT, "--json"])
        .run()
        .code(0)
        .stdout_has("\"week\":8");
}

#[test]
fn a_role_prefix_gets_a_suggestion_and_a_rank_no_week_has_is_refused() {
    let sandbox = Sandbox::with(BUNDLED);
    for args in [
        &["who", "--role", "prim"][..],
        &["schedule", "--ics", "--roles", "prim"],
    ] {
        let (_, stderr) = sandbox.dw(args).fails(2);
        assert!(stderr.contains("did you mean \"primary\"?"), "{stderr}");
    }
    // The bundled roster has 8 members: no week has a rank 9.
    for args in [
        &["schedule", "--ics", "--roles", "9"][..],
        &["who", "--role", "9"],
    ] {
        let (stdout, stderr) = sandbox.dw(args).fails(2);
        assert!(stdout.is_empty(), "{stdout}");
        assert!(
            stderr.contains("has a rank 9: the roster has 8 members")
                && stderr.contains(
                    "use a role name (primary, secondary, tertiary), an ordinal (4th to 8th) or a rank number from 1 to 8"
                ),
            "{stderr}"
        );
    }
}

#[test]
fn a_bad_override_role_lists_only_ranks_the_roster_can_have() {
    // Two members: ranks 1 and 2 only, so tertiary is not offered.
    let sandbox = Sandbox::empty().at("2026-02-03");
    sandbox.write(
        "work/typos.toml",
        ROLE_TYPOS.replace("secondray", "tertairy"),
    );
    let (_, stderr) = sandbox.dw(&["--roster", "typos.toml", "check"]).fails(2);
    assert!(
        stderr.contains("override #1 names an unknown role \"tertairy\"")
            && stderr.contains(
                "hint: use a role name (primary, secondary) or a rank number from 1 to 2"
            ),
        "{stderr}"
    );
}

#[test]
fn a_value_of_the_wrong_type_gets_a_hint() {
    let sandbox = Sandbox::empty().at("2026-02-03");
    sandbox.write(
        "work/typed.toml",
        ROLE_TYPOS.replace("name = \"Ann\"", "name = 5"),
    );
    let (_, stderr) = sandbox.dw(&["--roster", "typed.toml", "check"]).fails(2);
    assert!(
        stderr.contains("must be a string (in quotes), not an integer")
            && stderr.contains("hint: put the value in double quotes: name = \"…\""),
        "{stderr}"
    );
}

#[test]
fn init_takes_a_handoff_time_with_a_one_digit_hour_as_the_roster_does() {
    // `handoff_time = "9:00"` is read in a roster; `dw init --handoff-time
    // 9:00` is taken too, and written as 09:00.
    let sandbox = Sandbox::empty().at("2026-03-05T12:00:00+01:00");
    let out = sandbox
        .dw(&[
            "init",
            "--team",
            "T",
            "--timezone",
            "Europe/Berlin",
            "--handoff-time",
            "9:00",
            "--member",
            "ada:Ada:ada@example.com",
        ])
        .ok();
    assert!(
        out.contains("week 0 begins Tue 2026-03-10 09:00 CET"),
        "{out}"
    );
    let text = std::fs::read_to_string(sandbox.work().join("roster.toml")).unwrap();
    assert!(text.contains("handoff_time = \"09:00\""), "{text}");
    sandbox
        .bare()
        .args([
            "--roster",
            "roster.toml",
            "--at",
            "2026-03-12T12:00",
            "check",
        ])
        .run()
        .code(0);
}
