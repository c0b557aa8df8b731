//! `dw check`: the roster's weeks ahead, and `--pagerduty` against a
//! stateful PagerDuty mock (see `support::pagerduty`).

use serde_json::{json, Value};

use crate::support::pagerduty::*;
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
    let problems = doc["problems"].as_array().expect("problems");
    assert!(problems.len() > 1, "{doc}");
    assert!(problems
        .iter()
        .all(|p| p.as_str().is_some_and(|p| p.contains(": "))));
    assert!(stderr.contains("problems in bad.toml"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_pagerduty_agrees_and_ignores_the_past_of_this_week() {
    let pd = PagerDuty::start().await;
    let mut base = agreeing_base();
    // Before --at (12:00) bob covered ada's first two hours: the past is not judged.
    base[0].start = instant("2026-03-03T12:00:00-06:00");
    base.push(Span {
        schedule: PRIMARY.into(),
        start: instant(WEEKS[0].0),
        end: instant(AT_RFC3339),
        user: "PUSERB1".into(),
    });
    pd.set_base(base);
    let sandbox = Sandbox::empty().roster(TEAM);
    let out = run(dw(
        &sandbox,
        Some(&pd),
        true,
        &["--at", AT, "check", "--pagerduty"],
    ))
    .await;
    out.exits(0)
        .stdout_has("truth-team.toml: ok: 4 members, weeks 8–11 all have someone on call")
        .stdout_has("PagerDuty agrees with the roster (8 week-and-role pairs compared).");
    assert_eq!(pd.writes_since(0), [] as [Seen; 0]);
    let seen = pd.seen();
    assert!(seen.iter().all(|s| s.path == "/oncalls"), "{seen:#?}");
    assert_eq!(seen[0].param("schedule_ids[]"), [PRIMARY, SECONDARY]);
    assert_eq!(instant(seen[0].param("since")[0]), instant(AT_RFC3339));
    assert_eq!(instant(seen[0].param("until")[0]), instant(WEEKS[3].1));
    // Nine spans, five a page: dw followed `more` to the end.
    let offsets: Vec<&str> = seen.iter().flat_map(|s| s.param("offset")).collect();
    assert_eq!(offsets, ["0", "5"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_pagerduty_drift_exits_4_with_a_table_and_json() {
    let pd = PagerDuty::start().await;
    let mut base = agreeing_base();
    // Week 10 primary: bob, a member, instead of cy.
    base[4].user = "PUSERB1".into();
    // Week 11 secondary: someone PagerDuty knows and the roster does not.
    base[7].user = "PSTRNGR".into();
    // Week 9 secondary: nobody for the second half of the week.
    base[3].end = instant("2026-03-14T00:00:00-05:00");
    pd.set_base(base);
    let sandbox = Sandbox::empty().roster(TEAM);
    let out = run(dw(
        &sandbox,
        Some(&pd),
        true,
        &["--at", AT, "check", "--pagerduty"],
    ))
    .await;
    out.exits(4)
        .stdout_has("PagerDuty disagrees with the roster in 3 of 8 week-and-role pairs:")
        .stderr_has("dw sync pagerduty");
    let table: Vec<Vec<String>> = out
        .stdout
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("WEEK"))
        .skip(1)
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect();
    let row = |cols: &[&str]| cols.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    assert_eq!(
        table,
        [
            row(&[
                "9",
                "secondary",
                "cy",
                "cy,",
                "(nobody,",
                "part",
                "of",
                "the",
                "week)"
            ]),
            row(&["10", "primary", "cy", "bob"]),
            row(&["11", "secondary", "ada", "PSTRNGR"]),
        ],
        "{}",
        out.stdout
    );
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
    assert_eq!(
        report["pagerduty"]["differences"],
        json!([
            {"week": 9, "role": "secondary", "schedule": SECONDARY, "roster": "cy",
             "roster_user": "PUSERC1", "pagerduty": ["PUSERC1"], "gap": true},
            {"week": 10, "role": "primary", "schedule": PRIMARY, "roster": "cy",
             "roster_user": "PUSERC1", "pagerduty": ["PUSERB1"], "gap": false},
            {"week": 11, "role": "secondary", "schedule": SECONDARY, "roster": "ada",
             "roster_user": "PUSERA1", "pagerduty": ["PSTRNGR"], "gap": false},
        ])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_pagerduty_with_nobody_on_call_is_drift_in_every_pair() {
    let pd = PagerDuty::start().await;
    let sandbox = Sandbox::empty().roster(TEAM);
    let out = run(dw(
        &sandbox,
        Some(&pd),
        true,
        &["--at", AT, "check", "--pagerduty", "--weeks", "2"],
    ))
    .await;
    out.exits(4)
        .stdout_has("PagerDuty disagrees with the roster in 4 of 4 week-and-role pairs:");
}
