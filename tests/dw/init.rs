//! `dw init`: a commented roster from flags, from questions on a terminal,
//! or from a PagerDuty schedule (against the stateful stand-ins). Every
//! roster it writes must pass `dw check` and a TOML 1.0 parser (Python's
//! tomllib); it never replaces a file without `--force`.

use std::process::Command;

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use serde_json::Value;

use crate::prompts::{converse, expect, press, terminal_command};
use crate::support::standin::pagerduty::{self, Base, Layer, Restriction, Schedule};
use crate::support::standin::{slack, Fault};
use crate::support::{skip, Sandbox};

/// Thursday 2026-03-05, noon in Berlin: "today" for the flag tests.
const TODAY: &str = "2026-03-05T12:00:00+01:00";

fn roster_text(sandbox: &Sandbox, name: &str) -> String {
    std::fs::read_to_string(sandbox.work().join(name)).expect("the roster was written")
}

/// The roster as TOML (the `toml` crate, a TOML 1.0 parser).
fn roster_toml(sandbox: &Sandbox, name: &str) -> toml::Table {
    roster_text(sandbox, name).parse().expect("TOML")
}

/// Python's tomllib (TOML 1.0) reads the file; the team name as it read it.
/// `None` (and a line on stderr) when this machine has no Python 3.11+.
fn tomllib_team(sandbox: &Sandbox, name: &str) -> Option<String> {
    let script = "import sys, tomllib\nwith open(sys.argv[1], 'rb') as f:\n    print(tomllib.load(f)['team']['name'])\n";
    let out = match Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(sandbox.work().join(name))
        .output()
    {
        Ok(out) => out,
        Err(_) => {
            skip("python3 is not installed: the tomllib check needs it");
            return None;
        }
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("No module named 'tomllib'") {
        skip("python3 is older than 3.11 (no tomllib)");
        return None;
    }
    assert!(out.status.success(), "tomllib refused the roster: {stderr}");
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// `dw check` on the written roster.
fn passes_check(sandbox: &Sandbox, name: &str) {
    sandbox
        .bare()
        .args(["--roster", name, "--at", "2026-06-01T12:00:00Z", "check"])
        .run()
        .code(0);
}

#[test]
fn every_flag_lands_in_a_roster_that_passes_check_and_a_toml_parser() {
    let sandbox = Sandbox::empty().at(TODAY);
    let out = sandbox
        .dw(&[
            "init",
            "--team",
            "Payments \"Core\"",
            "--timezone",
            "Europe/Berlin",
            "--handoff-day",
            "monday",
            "--handoff-time",
            "09:30",
            "--start",
            "2026-03-16",
            "--member",
            "ada:Ada Lovelace:ada@example.com",
            "--member",
            "grace:Grace: Hopper:grace@example.com",
            "--slack-channel",
            "#payments",
            "--incident-channel",
            "#incidents",
            "--roles",
            "lead,backup",
        ])
        .ok();
    assert!(
        out.starts_with("Wrote roster.toml: Payments \"Core\", 2 members, week 0 begins Mon 2026-03-16 09:30 CET."),
        "{out}"
    );
    for step in [
        "dw check",
        "git add roster.toml",
        "PAGERDUTY_TOKEN",
        "SLACK_TOKEN",
        "docs/setup.md",
    ] {
        assert!(out.contains(step), "the next steps lack {step}: {out}");
    }
    let doc = roster_toml(&sandbox, "roster.toml");
    let team = &doc["team"];
    assert_eq!(team["name"].as_str(), Some("Payments \"Core\""));
    assert_eq!(team["timezone"].as_str(), Some("Europe/Berlin"));
    assert_eq!(team["handoff_day"].as_str(), Some("monday"));
    assert_eq!(team["handoff_time"].as_str(), Some("09:30"));
    assert_eq!(team["start"].to_string(), "2026-03-16");
    assert_eq!(
        team["roles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect::<Vec<_>>(),
        ["lead", "backup"]
    );
    assert_eq!(doc["slack"]["channel"].as_str(), Some("#payments"));
    assert_eq!(
        doc["slack"]["incident_channel"].as_str(),
        Some("#incidents")
    );
    let members = doc["members"].as_array().unwrap();
    let names: Vec<(&str, &str, &str)> = members
        .iter()
        .map(|m| {
            (
                m["id"].as_str().unwrap(),
                m["name"].as_str().unwrap(),
                m["email"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("ada", "Ada Lovelace", "ada@example.com"),
            ("grace", "Grace: Hopper", "grace@example.com"),
        ]
    );
    passes_check(&sandbox, "roster.toml");
    if let Some(name) = tomllib_team(&sandbox, "roster.toml") {
        assert_eq!(name, "Payments \"Core\"");
    }
    // The roster's own role names and handoff: ada leads the first week.
    let who = sandbox
        .bare()
        .args([
            "--roster",
            "roster.toml",
            "--at",
            "2026-03-16T10:00",
            "who",
            "--role",
            "lead",
            "--field",
            "id",
        ])
        .ok();
    assert_eq!(who.trim(), "ada");
}

#[test]
fn the_start_is_the_next_handoff_day_in_the_teams_zone() {
    // Monday 23:30 UTC is Tuesday 00:30 in Berlin: the next Monday is a week on.
    let sandbox = Sandbox::empty().at("2026-03-09T23:30:00Z");
    sandbox
        .dw(&[
            "init",
            "--team",
            "T",
            "--timezone",
            "Europe/Berlin",
            "--handoff-day",
            "monday",
            "--member",
            "a:A:a@example.com",
        ])
        .ok();
    assert_eq!(
        roster_toml(&sandbox, "roster.toml")["team"]["start"].to_string(),
        "2026-03-16"
    );
    // In UTC it is still Monday: the rotation starts today. Defaults: tuesday
    // is not asked for here, monday is; 10:00; primary, secondary, tertiary.
    let sandbox = Sandbox::empty().at("2026-03-09T23:30:00Z");
    sandbox
        .dw(&[
            "init",
            "team.toml",
            "--team",
            "T",
            "--handoff-day",
            "mon",
            "--member",
            "a:A:a@example.com",
        ])
        .ok();
    let doc = roster_toml(&sandbox, "team.toml");
    assert_eq!(doc["team"]["start"].to_string(), "2026-03-09");
    assert_eq!(doc["team"]["timezone"].as_str(), Some("UTC"));
    assert_eq!(doc["team"]["handoff_time"].as_str(), Some("10:00"));
    assert_eq!(doc["team"]["roles"].as_array().map(Vec::len), Some(3));
    passes_check(&sandbox, "team.toml");
}

#[test]
fn the_roster_flag_and_a_path_choose_where_it_goes() {
    let sandbox = Sandbox::empty().at(TODAY);
    std::fs::create_dir_all(sandbox.work().join("oncall")).unwrap();
    let out = sandbox
        .dw(&[
            "--roster",
            "oncall/team.toml",
            "init",
            "--team",
            "T",
            "--member",
            "a:A:a@example.com",
        ])
        .ok();
    assert!(out.contains("dw check --roster oncall/team.toml"), "{out}");
    passes_check(&sandbox, "oncall/team.toml");
    assert!(!sandbox.work().join("roster.toml").exists());
    sandbox
        .dw(&[
            "--roster",
            "a.toml",
            "init",
            "b.toml",
            "--team",
            "T",
            "--member",
            "a:A:a@example.com",
        ])
        .run()
        .code(2)
        .stderr_has("two places to write");
}

#[test]
fn without_a_terminal_the_missing_flags_are_named() {
    let sandbox = Sandbox::empty().at(TODAY);
    sandbox
        .dw(&["init"])
        .run()
        .code(2)
        .stderr_has("not a terminal")
        .stderr_has("--team NAME and --member ID:NAME:EMAIL");
    sandbox
        .dw(&["init", "--team", "T"])
        .run()
        .code(2)
        .stderr_has("a roster needs --member ID:NAME:EMAIL")
        .stderr_lacks("--team NAME");
    assert!(!sandbox.work().join("roster.toml").exists());
}

#[test]
fn an_existing_file_is_kept_unless_forced() {
    let sandbox = Sandbox::empty().at(TODAY);
    sandbox.write("work/roster.toml", "# ours\n");
    let args = ["init", "--team", "T", "--member", "a:A:a@example.com"];
    sandbox
        .dw(&args)
        .run()
        .code(2)
        .stderr_has("roster.toml already exists; dw init does not replace it")
        .stderr_has("hint: pass --force");
    assert_eq!(roster_text(&sandbox, "roster.toml"), "# ours\n");
    // Refused before anything is asked or read: also without the flags.
    sandbox
        .dw(&["init"])
        .run()
        .code(2)
        .stderr_has("already exists");
    let mut forced = args.to_vec();
    forced.push("--force");
    sandbox.dw(&forced).ok();
    assert!(roster_text(&sandbox, "roster.toml").contains("[[members]]"));
    passes_check(&sandbox, "roster.toml");
    // No temporary file is left beside it.
    let left: Vec<String> = std::fs::read_dir(sandbox.work())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["roster.toml"]);
}

#[test]
fn values_dw_check_would_refuse_are_refused_before_writing() {
    let sandbox = Sandbox::empty().at(TODAY);
    let cases: &[(&[&str], &str)] = &[
        (&["--member", "Ada:Ada:ada@example.com"], "id"),
        (&["--member", "ada:Ada:not-an-email"], "email"),
        (
            &[
                "--member",
                "ada:A:a@example.com",
                "--member",
                "ada:B:b@example.com",
            ],
            "ada",
        ),
        (
            &["--member", "ada:A:a@example.com", "--start", "2026-03-11"],
            "start",
        ),
        (
            &[
                "--member",
                "ada:A:a@example.com",
                "--roles",
                "primary,primary",
            ],
            "role",
        ),
    ];
    for (extra, needle) in cases {
        let mut args = vec!["init", "--team", "T"];
        args.extend_from_slice(extra);
        let run = sandbox.dw(&args).run();
        run.code(2)
            .stderr_has("nothing was written")
            .stderr_has(needle);
        assert!(!sandbox.work().join("roster.toml").exists(), "{args:?}");
    }
    for (flag, value, says) in [
        (
            "--timezone",
            "Europe/Berln",
            "did you mean \"Europe/Berlin\"",
        ),
        ("--handoff-day", "someday", "not a weekday"),
        ("--handoff-time", "9h30", "HH:MM"),
        ("--member", "ada", "ID:NAME:EMAIL"),
        ("--start", "2026-02-30", "not a date"),
    ] {
        sandbox
            .dw(&["init", "--team", "T", flag, value])
            .run()
            .code(2)
            .stderr_has(says);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_terminal_dw_asks_for_what_the_flags_do_not_give() {
    let sandbox = Sandbox::empty().at(TODAY);
    let cmd = terminal_command(&sandbox, &["init", "--timezone", "Europe/Berlin"]);
    let (rest, code) = converse(cmd, |p| {
        expect(p, "Team name");
        press(p, "Payments\r");
        // The zone came from a flag: not asked. The weekday is a list.
        expect(p, "Handoff day");
        press(p, "k\r"); // up from tuesday to monday
        expect(p, "Handoff time");
        press(p, "\r"); // 10:00
                        // Thursday the 5th: the next Monday is the 9th.
        expect(p, "2026-03-09");
        press(p, "2026-03-10\r");
        expect(p, "not a monday");
        press(p, "\r");
        expect(p, "Role names");
        press(p, "\r");
        expect(p, "Slack team channel");
        press(p, "#payments\r");
        expect(p, "Slack incident channel");
        press(p, "\r");
        expect(p, "Member 1 id");
        press(p, "ada\r");
        expect(p, "Member 1 name");
        press(p, "Ada Lovelace\r");
        expect(p, "Member 1 email");
        press(p, "ada\r");
        expect(p, "an email has an @");
        press(p, "ada@example.com\r");
        expect(p, "Member 2 id");
        press(p, "grace\r");
        expect(p, "Member 2 name");
        press(p, "Grace Hopper\r");
        expect(p, "Member 2 email");
        press(p, "grace@example.com\r");
        expect(p, "Member 3 id");
        press(p, "\r");
        expect(
            p,
            "Wrote roster.toml: Payments, 2 members, week 0 begins Mon 2026-03-09 10:00 CET.",
        );
    })
    .await;
    assert_eq!(code, 0, "{rest}");
    let doc = roster_toml(&sandbox, "roster.toml");
    assert_eq!(doc["team"]["handoff_day"].as_str(), Some("monday"));
    assert_eq!(doc["team"]["timezone"].as_str(), Some("Europe/Berlin"));
    assert_eq!(doc["slack"]["channel"].as_str(), Some("#payments"));
    assert!(doc["slack"].get("incident_channel").is_none());
    assert_eq!(doc["members"].as_array().map(Vec::len), Some(2));
    passes_check(&sandbox, "roster.toml");
    tomllib_team(&sandbox, "roster.toml");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_every_required_flag_a_terminal_asks_nothing() {
    let sandbox = Sandbox::empty().at(TODAY);
    let cmd = terminal_command(
        &sandbox,
        &["init", "--team", "T", "--member", "a:A:a@example.com"],
    );
    let (rest, code) = converse(cmd, |p| {
        expect(p, "Wrote roster.toml: T, 1 member");
    })
    .await;
    assert_eq!(code, 0, "{rest}");
}

// ---------------------------------------------------------------------------
// --from-pagerduty

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

const WEEK: i64 = 7 * 24 * 3600;

/// The moment the PagerDuty tests run at: Wednesday 2026-03-11, 09:00 UTC.
const NOW: &str = "2026-03-11T09:00:00Z";

/// Four people on PagerDuty, three of them on Slack by the same email.
async fn services() -> (pagerduty::PagerDuty, slack::Slack) {
    let pd = pagerduty::PagerDuty::start().await;
    pd.add_person("PADA001", "Ada Lovelace", "ada@example.com");
    pd.add_person("PGRACE1", "Grace Hopper", "grace@example.com");
    pd.add_person("PLINUS1", "Linus Torvalds", "linus@example.com");
    pd.add_person("PKEN001", "Ken Thompson", "ken@example.org");
    let slack = slack::Slack::start().await;
    slack.add_person("U0000000A", "ADA@example.com", "Ada Lovelace", false);
    slack.add_person("U0000000B", "grace@example.com", "Grace Hopper", false);
    slack.add_person("U0000000C", "linus@example.com", "Linus Torvalds", true);
    (pd, slack)
}

fn against(pd: &pagerduty::PagerDuty, slack: &slack::Slack) -> Sandbox {
    Sandbox::empty()
        .at(NOW)
        .env("DW_PAGERDUTY_URL", pd.url())
        .env("DW_SLACK_URL", slack.url())
        .env("PAGERDUTY_TOKEN", pagerduty::TOKEN)
        .env("SLACK_TOKEN", slack::TOKEN)
        .env("DW_HTTP_BACKOFF_MS", "1")
}

fn schedule(id: &str, tz: &str, layers: Vec<Layer>) -> Schedule {
    Schedule {
        id: id.into(),
        name: format!("{id} rotation"),
        time_zone: tz.into(),
        on_escalation_policy: true,
        base: Base::Layers(layers),
    }
}

/// A weekly layer in Berlin handing off Mondays 10:00 since January, so
/// that the weeks compared cross the spring-forward of 2026-03-29.
fn weekly(users: &[&str]) -> Layer {
    let start = utc("2026-01-05T10:00:00+01:00");
    Layer::rotation("Weekly", start, WEEK, users)
}

const USERS: [&str; 4] = ["PADA001", "PGRACE1", "PLINUS1", "PKEN001"];

/// `dw schedule --json` of the sandbox's roster.toml, first `weeks` weeks.
fn weeks(sandbox: &Sandbox, at: &str, weeks: usize) -> Vec<Value> {
    let doc = sandbox
        .bare()
        .args([
            "--roster",
            "roster.toml",
            "--at",
            at,
            "schedule",
            "--json",
            "--weeks",
            &weeks.to_string(),
        ])
        .json();
    doc["weeks"].as_array().expect("weeks").clone()
}

fn instant(v: &Value) -> DateTime<Utc> {
    utc(v.as_str().expect("a time"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_weekly_layer_becomes_a_roster_whose_first_weeks_are_pagerdutys() {
    let (pd, slack) = services().await;
    pd.add_schedule(schedule("PWEEKLY", "Europe/Berlin", vec![weekly(&USERS)]));
    // The secondary: the same people, one turn ahead (next in line).
    let mut next = weekly(&["PGRACE1", "PLINUS1", "PKEN001", "PADA001"]);
    next.name = "Next in line".into();
    pd.add_schedule(schedule("PSECOND", "Europe/Berlin", vec![next]));
    let sandbox = against(&pd, &slack);
    let run = sandbox
        .dw(&[
            "init",
            "--from-pagerduty",
            "PWEEKLY",
            "--secondary",
            "PSECOND",
            "--team",
            "Payments",
        ])
        .run_async()
        .await;
    run.code(0);
    // Monday 2026-03-16 is turn 10 of four users: linus (10 mod 4 = 2) first.
    assert!(
        run.stdout.contains(
            "Wrote roster.toml: Payments, 4 members, week 0 begins Mon 2026-03-16 10:00 CET."
        ),
        "{}",
        run.stdout
    );
    // Not carried: the email Slack does not know, the deactivated account.
    assert!(
        run.stderr
            .contains("not carried over from PagerDuty (2 items)"),
        "{}",
        run.stderr
    );
    run.stderr_has("member linus: Slack has no member with the email linus@example.com")
        .stderr_has("member ken: Slack has no member with the email ken@example.org");
    let doc = roster_toml(&sandbox, "roster.toml");
    let team = &doc["team"];
    assert_eq!(team["timezone"].as_str(), Some("Europe/Berlin"));
    assert_eq!(team["handoff_day"].as_str(), Some("monday"));
    assert_eq!(team["handoff_time"].as_str(), Some("10:00"));
    assert_eq!(team["start"].to_string(), "2026-03-16");
    let schedules = &doc["pagerduty"]["schedules"];
    assert_eq!(schedules["primary"].as_str(), Some("PWEEKLY"));
    assert_eq!(schedules["secondary"].as_str(), Some("PSECOND"));
    let members: Vec<(String, Option<String>, Option<String>)> = doc["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["id"].as_str().unwrap().to_string(),
                m.get("slack").and_then(|v| v.as_str()).map(String::from),
                m.get("pagerduty")
                    .and_then(|v| v.as_str())
                    .map(String::from),
            )
        })
        .collect();
    let want = |id: &str, s: Option<&str>, p: &str| {
        (id.to_string(), s.map(String::from), Some(p.to_string()))
    };
    assert_eq!(
        members,
        [
            want("linus", None, "PLINUS1"),
            want("ken", None, "PKEN001"),
            want("ada", Some("U0000000A"), "PADA001"),
            want("grace", Some("U0000000B"), "PGRACE1"),
        ]
    );
    passes_check(&sandbox, "roster.toml");
    tomllib_team(&sandbox, "roster.toml");

    // The first 8 weeks of dw's schedule are the stand-in's rendered final
    // schedules, to the second, across the change to summer time.
    let ours = weeks(&sandbox, "2026-03-16T10:00", 8);
    assert_eq!(ours.len(), 8);
    let since = instant(&ours[0]["start"]);
    let until = instant(&ours[7]["end"]);
    for (rank, schedule) in [(0, "PWEEKLY"), (1, "PSECOND")] {
        let theirs = pd.rendered(schedule, since, until);
        assert_eq!(theirs.len(), 8, "{schedule}: {theirs:?}");
        for (week, (start, end, user)) in ours.iter().zip(&theirs) {
            assert_eq!(instant(&week["start"]), *start, "{schedule} {week}");
            assert_eq!(instant(&week["end"]), *end, "{schedule} {week}");
            assert_eq!(
                week["ranks"][rank]["pagerduty"].as_str(),
                Some(user.as_str()),
                "{schedule} {week}"
            );
        }
    }
    // Week 1 holds the change to summer time (2026-03-29): 167 hours.
    assert_eq!(
        instant(&ours[1]["end"]) - instant(&ours[1]["start"]),
        Duration::hours(167)
    );
    // Only reads: dw init never writes to PagerDuty.
    assert!(pd.requests().iter().all(|r| r.method == "GET"));
    let lookups: Vec<String> = slack
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("users.lookupByEmail"))
        .filter_map(|r| r.param("email").map(String::from))
        .collect();
    assert_eq!(lookups.len(), 4, "{lookups:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_daily_layer_is_refused_with_what_to_do_instead() {
    let (pd, slack) = services().await;
    let daily = Layer::rotation("Daily", utc("2026-01-05T09:00:00+01:00"), 86_400, &USERS);
    pd.add_schedule(schedule("PDAILY1", "Europe/Berlin", vec![daily]));
    let sandbox = against(&pd, &slack);
    sandbox
        .dw(&["init", "--from-pagerduty", "PDAILY1", "--team", "T"])
        .run_async()
        .await
        .code(2)
        .stderr_has("layer \"Daily\" hands off every 1 day, not every week")
        .stderr_has("one whole week in turn")
        .stderr_has("hint: use a schedule with a weekly layer, or start the roster by hand");
    assert!(!sandbox.work().join("roster.toml").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restrictions_other_layers_and_overrides_are_listed_not_guessed() {
    let (pd, slack) = services().await;
    let mut days = weekly(&USERS);
    days.name = "Office hours".into();
    days.restrictions = vec![Restriction {
        kind: "daily_restriction",
        start_time_of_day: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
        duration_seconds: 10 * 3600,
        start_day_of_week: None,
    }];
    let mut nights = Layer::rotation(
        "Nights",
        utc("2026-01-05T18:00:00+01:00"),
        86_400,
        &["PKEN001"],
    );
    nights.restrictions = vec![Restriction {
        kind: "weekly_restriction",
        start_time_of_day: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
        duration_seconds: 14 * 3600,
        start_day_of_week: Some(5),
    }];
    pd.add_schedule(schedule("PMIXED1", "Europe/Berlin", vec![days, nights]));
    let from = Utc.with_ymd_and_hms(2026, 3, 24, 9, 0, 0).unwrap();
    pd.add_override("PMIXED1", from, from + Duration::hours(6), "PGRACE1");
    let sandbox = against(&pd, &slack);
    let run = sandbox
        .dw(&["init", "--from-pagerduty", "PMIXED1", "--team", "T"])
        .run_async()
        .await;
    run.code(0)
        .stderr_has("layer \"Office hours\" is on call only daily from 08:00:00 for 10 hours")
        .stderr_has("layer \"Nights\" (turns of 1 day, from Mon 2026-01-05 18:00 CET) is not carried over")
        .stderr_has("override: Grace Hopper from Tue 2026-03-24 10:00 CET to Tue 2026-03-24 16:00 CET")
        .stderr_has("the week of 2026-03-16: PagerDuty's final schedule has Linus Torvalds, Ken Thompson, nobody for part of the week, the roster has Linus Torvalds")
        .stderr_has("member ken: Slack has no member");
    passes_check(&sandbox, "roster.toml");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_slack_token_the_roster_has_no_slack_ids_and_says_so() {
    let (pd, slack) = services().await;
    pd.add_schedule(schedule("PWEEKLY", "Europe/Berlin", vec![weekly(&USERS)]));
    let sandbox = against(&pd, &slack).without("SLACK_TOKEN");
    sandbox
        .dw(&["init", "--from-pagerduty", "PWEEKLY"])
        .run_async()
        .await
        .code(0)
        .stderr_has("no Slack IDs: SLACK_TOKEN is not set")
        .stdout_has("Wrote roster.toml: PWEEKLY rotation, 4 members");
    assert!(slack.requests().is_empty());
    assert!(!roster_text(&sandbox, "roster.toml").contains("\nslack = "));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pagerduty_and_slack_failures_say_what_to_fix() {
    let (pd, slack) = services().await;
    pd.add_schedule(schedule("PWEEKLY", "Europe/Berlin", vec![weekly(&USERS)]));
    let sandbox = against(&pd, &slack);
    sandbox
        .dw(&["init", "--from-pagerduty", "PNOSUCH"])
        .run_async()
        .await
        .code(1)
        .stderr_has("HTTP 404")
        .stderr_has("hint: check the schedule ID PNOSUCH");
    against(&pd, &slack)
        .without("PAGERDUTY_TOKEN")
        .dw(&["init", "--from-pagerduty", "PWEEKLY"])
        .run_async()
        .await
        .code(3)
        .stderr_has("PAGERDUTY_TOKEN is not set")
        .stderr_has("read-only");
    slack.without_scope("users:read.email");
    sandbox
        .dw(&["init", "--from-pagerduty", "PWEEKLY"])
        .run_async()
        .await
        .code(1)
        .stderr_has("missing_scope")
        .stderr_has("users:read.email");
    // A retried read is fine; a 5xx once does not stop dw init.
    pd.fault("GET", "/users/PADA001", Fault::Reply(503, "{}".into()));
    let sandbox = against(&pd, &slack).without("SLACK_TOKEN");
    sandbox
        .dw(&["init", "--from-pagerduty", "PWEEKLY"])
        .run_async()
        .await
        .code(0);
}
