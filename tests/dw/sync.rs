//! `dw sync pagerduty` against the stateful PagerDuty stand-in: it keeps the
//! overrides (last created wins), renders the final schedule, and can be made
//! to misbehave, so reruns see what earlier runs (and people) left.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::{json, Value};

use crate::support::standin::pagerduty::{Held, PagerDuty};
use crate::support::standin::Seen;
use crate::support::truth::*;
use crate::support::{fixture_text, Sandbox};

fn row(w: &str, r: &str, m: &str, s: &str) -> (String, String, String, String) {
    (w.into(), r.into(), m.into(), s.into())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_creates_then_changes_nothing_then_replaces_only_the_stale_week() {
    // PagerDuty's own layers: someone else on both schedules.
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);

    // 1. The first run creates one override per week and role.
    let first = sync(&sandbox, &pd, AT, &[]).await;
    first.exits(0).stdout_has("Wrote 8 override(s), removed 0.");
    assert_eq!(
        first.sync_rows(),
        [
            row("8", "primary", "ada", "created"),
            row("8", "secondary", "bob", "created"),
            row("9", "primary", "bob", "created"),
            row("9", "secondary", "cy", "created"),
            row("10", "primary", "cy", "created"),
            row("10", "secondary", "dee", "created"),
            row("11", "primary", "dee", "created"),
            row("11", "secondary", "ada", "created"),
        ]
    );
    let sent = writes(&pd, 0);
    assert_eq!(sent.len(), 2, "one POST per schedule: {sent:#?}");
    for (seen, schedule, column) in [(&sent[0], PRIMARY, 0), (&sent[1], SECONDARY, 1)] {
        let seen = if seen.path.contains(schedule) {
            seen
        } else {
            sent.iter().find(|s| s.path.contains(schedule)).unwrap()
        };
        assert_eq!(seen.method, "POST");
        assert_eq!(seen.path, format!("/schedules/{schedule}/overrides"));
        assert_eq!(seen.header("accept"), Some(PD_ACCEPT));
        assert_eq!(
            seen.body,
            json!({ "overrides": expected_items(AT_RFC3339, column) }),
            "POST body for {schedule}"
        );
    }
    // Reads: each schedule's final schedule and whole overrides; never /oncalls.
    let seen = pd.requests();
    assert!(seen.iter().all(|s| s.path != "/oncalls"), "{seen:#?}");
    for schedule in [PRIMARY, SECONDARY] {
        let get = seen
            .iter()
            .find(|s| s.path == format!("/schedules/{schedule}/overrides") && !s.writes())
            .unwrap_or_else(|| panic!("no GET of {schedule}'s overrides"));
        assert_eq!(get.param("overflow"), Some("true"));
        assert_eq!(instant(get.param("since").unwrap()), instant(AT_RFC3339));
        assert_eq!(instant(get.param("until").unwrap()), instant(WEEKS[3].1));
        assert!(seen
            .iter()
            .any(|s| s.path == format!("/schedules/{schedule}")));
    }
    assert_eq!(pd.overrides().len(), 8);

    // 2. A second run, later in the same week, changes nothing.
    let before = pd.requests().len();
    pd.set_now(instant(LATER_RFC3339));
    let second = sync(&sandbox, &pd, LATER, &[]).await;
    second
        .exits(0)
        .stdout_has("PagerDuty already matches the roster.");
    assert!(second.sync_rows().iter().all(|r| r.3 == "unchanged"));
    assert!(writes(&pd, before).is_empty(), "{:#?}", writes(&pd, before));
    // -v shows the ledger entry that makes each override dw's.
    let verbose = sync(&sandbox, &pd, LATER, &["-v"]).await;
    verbose.exits(0).stdout_has("created by dw at");

    // 3. The roster changes week 10's primary: only that override is replaced.
    rewrite_roster(
        &sandbox,
        TEAM,
        &with_override("2026-03-18", "primary", "ada", "cy at a conference"),
    );
    let before = pd.requests().len();
    let third = sync(&sandbox, &pd, LATER, &[]).await;
    third.exits(0).stdout_has("Wrote 1 override(s), removed 0.");
    let changed: Vec<_> = third
        .sync_rows()
        .into_iter()
        .filter(|r| r.3 != "unchanged")
        .collect();
    // ada takes cy's primary; cy takes ada's unsynced rank.
    assert_eq!(
        changed,
        [row("10", "primary", "ada", "replaced")],
        "{}",
        third.stdout
    );
    let w = writes(&pd, before);
    assert_eq!(
        w.iter().map(|s| s.method.as_str()).collect::<Vec<_>>(),
        ["DELETE", "POST"],
        "{w:#?}"
    );
    assert_eq!(pd.overrides().len(), 8);
    assert_no_duplicates(&pd);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_dry_run_prints_the_plan_and_the_requests_and_sends_no_write() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    let dry = sync(&sandbox, &pd, AT, &["--dry-run"]).await;
    dry.exits(0)
        .stdout_has("Dry run: 8 override(s) to write, 0 to remove; nothing was changed.")
        .stdout_has("# dry run: not sent")
        .stdout_has(&format!("POST {}/schedules/{PRIMARY}/overrides", pd.url()))
        .stdout_has("Token token=***")
        .stdout_has(&format!("\"start\": \"{AT_RFC3339}\""));
    assert!(dry.sync_rows().iter().all(|r| r.3 == "would create"));
    assert!(writes(&pd, 0).is_empty(), "{:#?}", writes(&pd, 0));

    let json_run = sync(&sandbox, &pd, AT, &["--dry-run", "--json"]).await;
    json_run.exits(0);
    let plan = json_run.json();
    assert_eq!(plan["dry_run"], true);
    assert_eq!(plan["requests"].as_array().unwrap().len(), 2);
    let rows = plan["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 8);
    assert_eq!(rows[0]["week"], 8);
    assert_eq!(rows[0]["role"], "primary");
    assert_eq!(rows[0]["schedule"], PRIMARY);
    assert_eq!(rows[0]["member"], "ada");
    assert_eq!(rows[0]["user"], "PUSERA1");
    assert_eq!(
        rows[0]["status"], "would_create",
        "a dry run has done nothing"
    );
    assert_eq!(
        instant(rows[0]["from"].as_str().unwrap()),
        instant(AT_RFC3339)
    );
    assert_eq!(
        instant(rows[0]["to"].as_str().unwrap()),
        instant(WEEKS[0].1)
    );
    assert!(pd.overrides().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn peoples_weekend_whole_week_and_mid_week_overrides_are_never_deleted_or_superseded() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    // A weekend cover by hand: Friday 15:00 UTC → Tuesday 15:00 UTC (the handoff).
    let weekend = pd.add_override(
        PRIMARY,
        instant("2026-03-06T15:00:00Z"),
        instant("2026-03-10T15:00:00Z"),
        "PUSERHH",
    );
    // Exactly week 9 on the secondary: it looks like one of dw's, but dw did not make it.
    let whole = pd.add_override(
        SECONDARY,
        instant(WEEKS[1].0),
        instant(WEEKS[1].1),
        "PUSERHH",
    );
    // One day in the middle of week 10.
    let mid = pd.add_override(
        PRIMARY,
        instant("2026-03-19T00:00:00-05:00"),
        instant("2026-03-20T00:00:00-05:00"),
        "PUSERZZ",
    );
    let theirs: Vec<Held> = pd.overrides();

    for at in [AT, LATER] {
        pd.set_now(instant(if at == AT { AT_RFC3339 } else { LATER_RFC3339 }));
        let out = sync(&sandbox, &pd, at, &[]).await;
        out.exits(0).stdout_has("left to overrides made outside dw");
        for id in [&weekend, &whole, &mid] {
            out.stdout_has(&format!("by override {id}, made outside dw"));
        }
    }
    // Never deleted, never changed.
    assert!(pd.requests().iter().all(|s| s.method != "DELETE"));
    let held = pd.overrides();
    for t in &theirs {
        assert!(held.contains(t), "{t:?} is gone: {held:#?}");
    }
    // Never superseded: no dw override (created later) overlaps a person's.
    for o in held.iter().filter(|o| !theirs.contains(o)) {
        for t in theirs.iter().filter(|t| t.schedule == o.schedule) {
            assert!(
                o.end <= t.start || o.start >= t.end,
                "dw's {o:?} overlaps the person's {t:?}"
            );
        }
    }
    assert_no_duplicates(&pd);
    // The uncovered parts are written: week 8 primary ends where the weekend
    // begins; week 10 primary is split around the day in the middle.
    assert!(held.iter().any(|o| o.schedule == PRIMARY
        && o.user == "PUSERA1"
        && o.end == instant("2026-03-06T15:00:00Z")));
    assert!(held.iter().any(|o| o.schedule == PRIMARY
        && o.user == "PUSERC1"
        && o.start == instant(WEEKS[2].0)
        && o.end == instant("2026-03-19T00:00:00-05:00")));
    assert!(held.iter().any(|o| o.schedule == PRIMARY
        && o.user == "PUSERC1"
        && o.start == instant("2026-03-20T00:00:00-05:00")
        && o.end == instant(WEEKS[2].1)));

    // JSON: the manual spans with the override's id, user and span.
    let doc = sync(&sandbox, &pd, LATER, &["--json"]).await;
    doc.exits(0);
    let rows = doc.json()["rows"].as_array().unwrap().clone();
    let manual: Vec<&Value> = rows.iter().filter(|r| r["status"] == "manual").collect();
    assert_eq!(manual.len(), 3, "{rows:#?}");
    let w = manual
        .iter()
        .find(|r| r["override_id"] == weekend.as_str() && r["week"] == 8)
        .unwrap();
    assert_eq!(w["override_user"], "PUSERHH");
    assert_eq!(
        instant(w["from"].as_str().unwrap()),
        instant("2026-03-06T15:00:00Z")
    );
    assert_eq!(instant(w["to"].as_str().unwrap()), instant(WEEKS[0].1));

    // check agrees with sync: nothing to fix, manual spans listed, exit 0.
    check(&sandbox, &pd, LATER, &[])
        .await
        .exits(0)
        // Not "agrees": PagerDuty pages someone else there.
        .stdout_lacks("agrees")
        .stdout_has("PagerDuty does not page the roster's member everywhere")
        .stdout_has("3 span(s) are covered by overrides made outside dw");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_ledger_is_safe_dws_old_overrides_become_manual() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    sync(&sandbox, &pd, AT, &[]).await.exits(0);
    std::fs::remove_dir_all(sandbox.home().join(".local/state/dw")).unwrap();
    rewrite_roster(
        &sandbox,
        TEAM,
        &with_override("2026-03-18", "primary", "ada", "cy at a conference"),
    );
    let out = sync(&sandbox, &pd, AT, &[]).await;
    out.exits(0);
    // Without proof, dw deletes nothing and writes nothing over them.
    assert!(pd.requests().iter().all(|s| s.method != "DELETE"));
    assert_eq!(pd.overrides().len(), 8);
    assert_eq!(
        out.sync_rows(),
        [
            row("8", "primary", "ada", "unchanged"),
            row("8", "secondary", "bob", "unchanged"),
            row("9", "primary", "bob", "unchanged"),
            row("9", "secondary", "cy", "unchanged"),
            row("10", "primary", "ada", "manual"),
            row("10", "secondary", "dee", "unchanged"),
            row("11", "primary", "dee", "unchanged"),
            row("11", "secondary", "ada", "unchanged"),
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_schedule_off_every_escalation_policy_syncs_and_checks_like_any_other() {
    // SECONDARY is on no escalation policy: /oncalls would never show it.
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    sync(&sandbox, &pd, AT, &[]).await.exits(0);
    check(&sandbox, &pd, AT, &[])
        .await
        .exits(0)
        .stdout_has("PagerDuty agrees with the roster (8 span(s) compared).");
    let before = pd.requests().len();
    sync(&sandbox, &pd, AT, &[])
        .await
        .exits(0)
        .stdout_has("PagerDuty already matches the roster.");
    assert!(writes(&pd, before).is_empty(), "{:#?}", writes(&pd, before));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_twenty_week_sync_then_check_agree() {
    let pd = standin("PUSERZZ").await;
    // Should PagerDuty refuse long windows, dw asks in parts of at most 90 days.
    pd.set_max_render_days(Some(90));
    let sandbox = Sandbox::empty().roster(TEAM);
    sync(&sandbox, &pd, AT, &["--weeks", "20"])
        .await
        .exits(0)
        .stdout_has("Wrote 40 override(s), removed 0.");
    check(&sandbox, &pd, AT, &["--weeks", "20"])
        .await
        .exits(0)
        .stdout_has("PagerDuty agrees with the roster (40 span(s) compared).");
    let renders: Vec<Seen> = pd
        .requests()
        .into_iter()
        .filter(|s| s.path == format!("/schedules/{PRIMARY}"))
        .collect();
    assert!(renders.len() >= 2, "{renders:#?}");
    for r in renders {
        let span = instant(r.param("until").unwrap()) - instant(r.param("since").unwrap());
        assert!(span <= chrono::TimeDelta::days(90), "{r:?}");
    }
    assert!(pd.requests().iter().all(|s| s.path != "/oncalls"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_a_week_later_adds_only_the_new_week() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    sync(&sandbox, &pd, AT, &[]).await.exits(0);
    let before = pd.requests().len();
    pd.set_now(instant("2026-03-11T09:00:00-05:00"));
    let next = sync(&sandbox, &pd, "2026-03-11T09:00", &[]).await;
    next.exits(0).stdout_has("Wrote 2 override(s), removed 0.");
    let changed: Vec<_> = next
        .sync_rows()
        .into_iter()
        .filter(|r| r.3 != "unchanged")
        .collect();
    assert_eq!(
        changed,
        [
            row("12", "primary", "ada", "created"),
            row("12", "secondary", "bob", "created")
        ]
    );
    let w = writes(&pd, before);
    assert_eq!(w.len(), 2, "{w:#?}");
    assert!(w.iter().all(|w| w.method == "POST"));
}

/// The truth team with a third schedule, for the tertiary rank.
fn three_schedules(sandbox: &Sandbox) {
    rewrite_roster(
        sandbox,
        TEAM,
        &fixture_text(TEAM).replace(
            "secondary = \"PSCHEDS\" }",
            "secondary = \"PSCHEDS\", tertiary = \"PSCHEDT\" }",
        ),
    );
}

async fn three_schedule_standin() -> PagerDuty {
    let pd = standin("PUSERZZ").await;
    pd.add_schedule(crate::support::standin::pagerduty::Schedule {
        id: "PSCHEDT".into(),
        name: "Truthful tertiary".into(),
        time_zone: "America/Chicago".into(),
        on_escalation_policy: false,
        base: everyone("PUSERZZ"),
    });
    pd
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_twelve_week_sync_of_three_schedules_reads_each_once_and_posts_each_once() {
    let pd = three_schedule_standin().await;
    let sandbox = Sandbox::empty().roster(TEAM);
    three_schedules(&sandbox);
    sync(&sandbox, &pd, AT, &["--weeks", "12"])
        .await
        .exits(0)
        .stdout_has("Wrote 36 override(s), removed 0.");
    let mut per: BTreeMap<(String, String), usize> = BTreeMap::new();
    for s in pd.requests() {
        *per.entry((s.method, s.path)).or_default() += 1;
    }
    let mut expected = BTreeMap::new();
    for id in [PRIMARY, SECONDARY, "PSCHEDT"] {
        expected.insert(("GET".to_string(), format!("/schedules/{id}")), 1);
        expected.insert(("GET".to_string(), format!("/schedules/{id}/overrides")), 1);
        expected.insert(
            ("POST".to_string(), format!("/schedules/{id}/overrides")),
            1,
        );
    }
    assert_eq!(per, expected);
}

/// `benches/sync_latency.sh` runs this: wall time of a 12-week sync of 3
/// schedules when every answer takes 200 ms.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "a benchmark: run benches/sync_latency.sh"]
async fn bench_sync_latency() {
    let pd = three_schedule_standin().await;
    pd.set_latency(Some(Duration::from_millis(200)));
    let sandbox = Sandbox::empty().roster(TEAM);
    three_schedules(&sandbox);
    let started = std::time::Instant::now();
    let out = sync(&sandbox, &pd, AT, &["--weeks", "12"]).await;
    let wall = started.elapsed();
    out.exits(0);
    let requests = pd.requests();
    println!(
        "BENCH sync 12 weeks x 3 schedules, 200 ms per answer: wall {:.0} ms, {} requests ({} GET, {} POST, {} DELETE), {} overrides held",
        wall.as_secs_f64() * 1000.0,
        requests.len(),
        requests.iter().filter(|s| s.method == "GET").count(),
        requests.iter().filter(|s| s.method == "POST").count(),
        requests.iter().filter(|s| s.method == "DELETE").count(),
        pd.overrides().len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cover_is_written_as_an_override_of_exactly_its_span() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    // cy (tertiary in week 8) covers ada's primary Thursday evening to Friday morning.
    let cover = "\n[[covers]]\nrole = \"primary\"\nmember = \"cy\"\nfrom = 2026-03-05T18:00\nto = 2026-03-06T08:00\nreason = \"school play\"\n";
    rewrite_roster(&sandbox, TEAM, &format!("{}{cover}", fixture_text(TEAM)));
    let first = sync(&sandbox, &pd, AT, &[]).await;
    first.exits(0);
    let primary: Vec<(String, String, String)> = pd
        .overrides()
        .into_iter()
        .filter(|o| o.schedule == PRIMARY)
        .filter(|o| o.start < instant(WEEKS[0].1))
        .map(|o| (o.user, o.start.to_rfc3339(), o.end.to_rfc3339()))
        .collect();
    assert_eq!(
        primary,
        [
            (
                "PUSERA1".to_string(),
                instant(AT_RFC3339).to_rfc3339(),
                instant("2026-03-06T00:00:00Z").to_rfc3339()
            ),
            (
                "PUSERC1".to_string(),
                instant("2026-03-06T00:00:00Z").to_rfc3339(),
                instant("2026-03-06T14:00:00Z").to_rfc3339()
            ),
            (
                "PUSERA1".to_string(),
                instant("2026-03-06T14:00:00Z").to_rfc3339(),
                instant(WEEKS[0].1).to_rfc3339()
            ),
        ],
        "{}",
        first.stdout
    );
    // A rerun changes nothing; `check --pagerduty` agrees.
    let again = sync(&sandbox, &pd, AT, &[]).await;
    again
        .exits(0)
        .stdout_has("PagerDuty already matches the roster.");
    check(&sandbox, &pd, AT, &[]).await.exits(0);
    assert_no_duplicates(&pd);
}
