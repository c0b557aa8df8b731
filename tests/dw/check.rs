//! `dw check`: the roster's weeks ahead, and `--pagerduty` against a
//! stateful PagerDuty stand-in (see `support::standin` and `support::truth`).

use serde_json::{json, Value};

use crate::support::standin::pagerduty::{Base, Span};
use crate::support::truth::*;
use crate::support::{run_code, snapshot, snapshot_failure, stdout_ok, Sandbox, AT, BUNDLED};

#[test]
fn check_ok() {
    snapshot("check_ok", &Sandbox::with(BUNDLED), &["check"]);
}

#[test]
fn check_exits_2_listing_the_week_nobody_is_available() {
    let sandbox = Sandbox::empty()
        .roster("nobody.toml")
        .at("2026-01-06T12:00");
    let stderr = snapshot_failure("check_nobody", &sandbox, &["check", "--weeks", "8"], 2);
    let week4 = stderr
        .lines()
        .find(|l| l.contains("nobody is available"))
        .unwrap_or_else(|| panic!("no week without anyone in:\n{stderr}"));
    assert!(week4.contains("week 4"), "{week4}");
    assert!(week4.contains("2026-02-03"), "{week4}");
    // Weeks with only one member are warnings, not errors.
    assert_eq!(stderr.matches("warning:").count(), 2, "{stderr}");

    let (stdout, _) = run_code(&mut sandbox.dw(&["check", "--weeks", "8", "--json"]), 2);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["ok"], false);
    assert_eq!(report["problems"].as_array().unwrap().len(), 1);
    assert_eq!(report["warnings"].as_array().unwrap().len(), 2);

    // The weeks after the gap are fine.
    let later = Sandbox::empty()
        .roster("nobody.toml")
        .at("2026-02-17T12:00");
    let out = stdout_ok(&mut later.dw(&["check", "--weeks", "8"]));
    assert!(out.contains(": ok:"), "{out}");
}

#[test]
fn check_json_answers_json_for_a_broken_roster_too() {
    let sandbox = Sandbox::empty().roster("bad.toml");
    let (stdout, stderr) = run_code(&mut sandbox.dw(&["--json", "check"]), 2);
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON document");
    assert_eq!(doc["ok"], false);
    assert_eq!(doc["warnings"], serde_json::json!([]), "{doc}");
    let problems = doc["problems"].as_array().expect("problems");
    assert!(problems.len() > 1, "{doc}");
    assert!(problems
        .iter()
        .all(|p| p["message"].as_str().is_some_and(|m| !m.is_empty())));
    assert!(stderr.contains("problems in bad.toml"), "{stderr}");
}

/// The keys of one problem or warning of `check --json`.
const PROBLEM_KEYS: [&str; 7] = [
    "column", "file", "hint", "line", "message", "to_week", "week",
];

fn keys(v: &Value) -> Vec<String> {
    let mut keys: Vec<String> = v
        .as_object()
        .unwrap_or_else(|| panic!("an object: {v}"))
        .keys()
        .cloned()
        .collect();
    keys.sort();
    keys
}

#[test]
fn check_json_gives_each_problem_of_a_broken_roster_as_file_line_column_message_hint() {
    let sandbox = Sandbox::empty().roster("bad.toml").at(AT);
    let (stdout, stderr) = run_code(&mut sandbox.dw(&["--json", "check"]), 2);
    let doc: Value = serde_json::from_str(&stdout).expect("one JSON document");
    let problems = doc["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 12, "{doc}");
    assert_eq!(
        problems[0],
        json!({
            "file": "bad.toml", "line": 4, "column": 12,
            "message": "unknown time zone \"America/Chicgo\" in [team]",
            "hint": "did you mean \"America/Chicago\"? use an IANA time zone name",
            "week": null, "to_week": null,
        })
    );
    // Each one is what people read on stderr, taken apart: no parsing of text.
    for p in problems {
        assert_eq!(keys(p), PROBLEM_KEYS, "{p}");
        let line = format!(
            "{}:{}:{}: {}\n  hint: {}\n",
            p["file"].as_str().unwrap(),
            p["line"],
            p["column"],
            p["message"].as_str().unwrap(),
            p["hint"].as_str().unwrap()
        );
        assert!(stderr.contains(&line), "{line} not in:\n{stderr}");
    }
    // A roster that cannot be read at all: no position, and still a hint.
    let missing = Sandbox::empty().at(AT);
    let (stdout, _) = run_code(
        &mut missing.dw(&["--json", "--roster", "nowhere.toml", "check"]),
        2,
    );
    let doc: Value = serde_json::from_str(&stdout).expect("one JSON document");
    let p = &doc["problems"][0];
    assert_eq!(keys(p), PROBLEM_KEYS, "{doc}");
    assert_eq!(p["file"], "nowhere.toml", "{doc}");
    assert_eq!((&p["line"], &p["column"]), (&Value::Null, &Value::Null));
    assert!(p["hint"].is_string(), "{doc}");
}

#[test]
fn check_json_names_the_weeks_of_a_gap_and_of_each_warning() {
    let sandbox = Sandbox::empty()
        .roster("nobody.toml")
        .at("2026-01-06T12:00");
    let (stdout, stderr) = run_code(&mut sandbox.dw(&["--json", "check", "--weeks", "8"]), 2);
    assert_eq!(stderr.matches("nobody is available").count(), 1, "{stderr}");
    let doc: Value = serde_json::from_str(&stdout).expect("one JSON document");
    let gap = &doc["problems"][0];
    assert_eq!(keys(gap), PROBLEM_KEYS, "{doc}");
    assert_eq!(gap["file"], "nobody.toml");
    assert_eq!((&gap["line"], &gap["column"]), (&Value::Null, &Value::Null));
    assert_eq!(
        (&gap["week"], &gap["to_week"]),
        (&json!(4), &json!(4)),
        "{doc}"
    );
    assert!(gap["message"]
        .as_str()
        .is_some_and(|m| m.starts_with("week 4 (") && m.ends_with("nobody is available")));
    assert_eq!(
        gap["hint"],
        "shorten an away range or add a member for that week"
    );
    let warnings = doc["warnings"].as_array().expect("warnings");
    let weeks: Vec<(&Value, &Value)> = warnings
        .iter()
        .map(|w| (&w["week"], &w["to_week"]))
        .collect();
    assert_eq!(
        weeks,
        [(&json!(3), &json!(3)), (&json!(5), &json!(5))],
        "{doc}"
    );
    for w in warnings {
        assert_eq!(keys(w), PROBLEM_KEYS, "{w}");
        assert_eq!(w["hint"], Value::Null, "{w}");
        assert!(w["message"]
            .as_str()
            .is_some_and(|m| m.contains("only ann is available")));
    }
    // The human output is as it was: the same words, one line each.
    let (_, human) = run_code(&mut sandbox.dw(&["check", "--weeks", "8"]), 2);
    for w in warnings {
        let line = format!("nobody.toml: warning: {}\n", w["message"].as_str().unwrap());
        assert!(human.contains(&line), "{line} not in:\n{human}");
    }
}

/// Spans of the primary schedule's layers: week `k` of [`WEEKS`] to `user`.
fn layers(users: [&str; 4], col: usize) -> Base {
    Base::Spans(
        WEEKS
            .iter()
            .zip(users)
            .map(|(w, u)| Span {
                start: instant(w.0),
                end: instant(w.1),
                user: if u.is_empty() {
                    if col == 0 { w.2 } else { w.3 }.to_string()
                } else {
                    u.to_string()
                },
            })
            .collect(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_pagerduty_agrees_and_ignores_the_past_of_this_week() {
    let pd = standin("PUSERZZ").await;
    // The layers agree; before --at (12:00) bob covered ada's first two
    // hours by hand: the past is not judged.
    pd.set_base(PRIMARY, layers(["", "", "", ""], 0));
    pd.set_base(SECONDARY, layers(["", "", "", ""], 1));
    pd.add_override(PRIMARY, instant(WEEKS[0].0), instant(AT_RFC3339), "PUSERB1");
    let sandbox = Sandbox::empty().roster(TEAM);
    let out = check(&sandbox, &pd, AT, &[]).await;
    out.exits(0)
        .stdout_has("truth-team.toml: ok: 4 members, weeks 8–11 all have someone on call")
        .stdout_has("PagerDuty agrees with the roster (8 span(s) compared).");
    let seen = pd.requests();
    assert!(seen.iter().all(|s| !s.writes()), "{seen:#?}");
    // Each schedule's rendered final schedule and its overrides, never /oncalls;
    // since/until in whole seconds, from now to the end of week 11.
    assert!(seen.iter().all(|s| s.path != "/oncalls"), "{seen:#?}");
    for schedule in [PRIMARY, SECONDARY] {
        for path in [
            format!("/schedules/{schedule}"),
            format!("/schedules/{schedule}/overrides"),
        ] {
            let get = seen
                .iter()
                .find(|s| s.path == path)
                .unwrap_or_else(|| panic!("no GET {path}: {seen:#?}"));
            assert_eq!(instant(get.param("since").unwrap()), instant(AT_RFC3339));
            assert_eq!(instant(get.param("until").unwrap()), instant(WEEKS[3].1));
            assert!(!get.param("since").unwrap().contains('.'), "{get:?}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_pagerduty_drift_exits_4_with_a_table_and_json() {
    let pd = standin("PUSERZZ").await;
    // Week 10 primary: bob instead of cy. Week 11 secondary: someone the
    // roster does not know. Week 9 secondary: nobody for its second half.
    pd.set_base(PRIMARY, layers(["", "", "PUSERB1", ""], 0));
    let Base::Spans(mut secondary) = layers(["", "", "", "PUSERZZ"], 1) else {
        unreachable!()
    };
    secondary[1].end = instant("2026-03-14T00:00:00-05:00");
    pd.set_base(SECONDARY, Base::Spans(secondary));
    let sandbox = Sandbox::empty().roster(TEAM);
    let out = check(&sandbox, &pd, AT, &[]).await;
    out.exits(4)
        .stdout_has("PagerDuty differs from the roster in 3 place(s) that `dw sync pagerduty` would change (8 span(s) compared):")
        .stderr_has("dw sync pagerduty");
    crate::support::assert_snapshot("check_pagerduty_drift", &out.stdout, None);

    let json_out = run(dw(
        &sandbox,
        Some(&pd),
        true,
        &["--at", AT, "--json", "check", "--pagerduty"],
    ))
    .await;
    json_out.exits(4);
    let report: Value = serde_json::from_str(&json_out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", json_out.stdout));
    assert_eq!(report["ok"], false);
    assert_eq!(report["from_week"], 8);
    assert_eq!(report["to_week"], 11);
    assert_eq!(report["problems"], json!([]));
    assert_eq!(report["pagerduty"]["drift"], true);
    assert_eq!(report["pagerduty"]["compared"], 8);
    assert_eq!(report["pagerduty"]["manual"], json!([]));
    let diffs: Vec<(Value, Value, Value, Value)> = report["pagerduty"]["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["week"].clone(),
                d["role"].clone(),
                d["member"].clone(),
                d["status"].clone(),
            )
        })
        .collect();
    assert_eq!(
        diffs,
        [
            (json!(9), json!("secondary"), json!("cy"), json!("created")),
            (json!(10), json!("primary"), json!("cy"), json!("created")),
            (
                json!(11),
                json!("secondary"),
                json!("ada"),
                json!("created")
            ),
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_pagerduty_with_nobody_on_call_is_drift_in_every_pair() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    let out = check(&sandbox, &pd, AT, &["--weeks", "2"]).await;
    out.exits(4).stdout_has(
        "PagerDuty differs from the roster in 4 place(s) that `dw sync pagerduty` would change (4 span(s) compared):",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_pagerduty_lists_peoples_overrides_as_manual_exit_0_or_4_when_strict() {
    let pd = standin("PUSERZZ").await;
    pd.set_base(PRIMARY, layers(["", "", "", ""], 0));
    pd.set_base(SECONDARY, layers(["", "", "", ""], 1));
    // A weekend made by hand: Friday 15:00 UTC → Tuesday 15:00 UTC of week 9.
    let weekend = pd.add_override(
        PRIMARY,
        instant("2026-03-13T15:00:00Z"),
        instant("2026-03-17T15:00:00Z"),
        "PUSERHH",
    );
    let sandbox = Sandbox::empty().roster(TEAM);
    let out = check(&sandbox, &pd, AT, &[]).await;
    out.exits(0)
        // Not "agrees": PagerDuty pages someone else there.
        .stdout_lacks("agrees")
        .stdout_has("PagerDuty does not page the roster's member everywhere")
        .stdout_has("1 span(s) are covered by overrides made outside dw")
        .stdout_has(&format!("PUSERHH by override {weekend}, made outside dw"));
    let strict = check(&sandbox, &pd, AT, &["--strict"]).await;
    strict.exits(4).stderr_has("--strict");
    let doc = run(dw(
        &sandbox,
        Some(&pd),
        true,
        &["--at", AT, "--json", "check", "--pagerduty"],
    ))
    .await;
    doc.exits(0);
    let report = doc.json();
    let manual = &report["pagerduty"]["manual"][0];
    assert_eq!(manual["status"], "manual");
    assert_eq!(manual["override_id"], weekend.as_str());
    assert_eq!(manual["override_user"], "PUSERHH");
    assert_eq!(
        instant(manual["from"].as_str().unwrap()),
        instant("2026-03-13T15:00:00Z")
    );
    assert_eq!(
        instant(manual["to"].as_str().unwrap()),
        instant("2026-03-17T15:00:00Z")
    );
}
