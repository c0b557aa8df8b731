//! `dw init --from-pagerduty`: a roster read from a PagerDuty schedule (and
//! Slack IDs found by email) against the stateful stand-ins; its first weeks
//! must be PagerDuty's, what it cannot express is listed not guessed, and
//! failures say what to fix. The helpers that check a written roster are in
//! `init.rs`.

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use serde_json::Value;

use crate::init::{passes_check, roster_text, roster_toml, tomllib_team};
use crate::support::standin::pagerduty::{self, Base, Layer, Restriction, Schedule};
use crate::support::standin::{slack, Fault};
use crate::support::Sandbox;

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
