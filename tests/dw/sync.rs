//! `dw sync pagerduty` against a stateful PagerDuty mock that keeps the
//! overrides dw creates, so a second run sees what the first one wrote.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use crate::support::pagerduty::*;
use crate::support::{fixture_text, Sandbox};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_creates_then_changes_nothing_then_replaces_only_the_stale_week() {
    let pd = PagerDuty::start().await;
    // PagerDuty's own layers: someone else on primary, nobody on secondary.
    pd.set_base(vec![everyone(PRIMARY, "PUSERZZ")]);
    let sandbox = Sandbox::empty().roster(TEAM);

    // 1. The first run creates one override per week and role.
    let first = sync(&sandbox, &pd, AT, &[]).await;
    first.exits(0).stdout_has("Wrote 8 override(s).");
    let rows = first.sync_rows();
    assert_eq!(rows.len(), 8, "{}", first.stdout);
    let expected_rows: Vec<(String, String, String, String)> = [
        ("8", "primary", "ada"),
        ("8", "secondary", "bob"),
        ("9", "primary", "bob"),
        ("9", "secondary", "cy"),
        ("10", "primary", "cy"),
        ("10", "secondary", "dee"),
        ("11", "primary", "dee"),
        ("11", "secondary", "ada"),
    ]
    .iter()
    .map(|(w, r, m)| {
        (
            w.to_string(),
            r.to_string(),
            m.to_string(),
            "created".into(),
        )
    })
    .collect();
    assert_eq!(rows, expected_rows);

    let writes = pd.writes_since(0);
    assert_eq!(writes.len(), 2, "one POST per schedule: {writes:#?}");
    for (seen, schedule, column) in [(&writes[0], PRIMARY, 0), (&writes[1], SECONDARY, 1)] {
        assert_eq!(seen.method, "POST");
        assert_eq!(seen.path, format!("/schedules/{schedule}/overrides"));
        assert_eq!(seen.accept.as_deref(), Some(PD_ACCEPT));
        assert!(
            seen.content_type
                .as_deref()
                .is_some_and(|c| c.starts_with("application/json")),
            "{seen:?}"
        );
        assert_eq!(
            seen.body,
            json!({ "overrides": expected_items(AT_RFC3339, column) }),
            "POST body for {schedule}"
        );
    }
    // Reads first: the overrides of each schedule and who is on call, over
    // the span to sync (from now to the end of week 11).
    let seen = pd.seen();
    let reads: Vec<&Seen> = seen.iter().filter(|s| s.method == "GET").collect();
    for schedule in [PRIMARY, SECONDARY] {
        let get = reads
            .iter()
            .find(|s| s.path == format!("/schedules/{schedule}/overrides"))
            .unwrap_or_else(|| panic!("no GET of {schedule}'s overrides: {reads:#?}"));
        assert_eq!(instant(get.param("since")[0]), instant(AT_RFC3339));
        assert_eq!(instant(get.param("until")[0]), instant(WEEKS[3].1));
    }
    let oncalls: Vec<&&Seen> = reads.iter().filter(|s| s.path == "/oncalls").collect();
    assert!(!oncalls.is_empty(), "no GET /oncalls");
    assert_eq!(oncalls[0].param("schedule_ids[]"), [PRIMARY, SECONDARY]);
    assert_eq!(pd.overrides().len(), 8);

    // 2. A second run, later in the same week, changes nothing.
    let before = pd.seen().len();
    let second = sync(&sandbox, &pd, LATER, &[]).await;
    second
        .exits(0)
        .stdout_has("PagerDuty already matches the roster.");
    assert!(
        second.sync_rows().iter().all(|r| r.3 == "unchanged") && second.sync_rows().len() == 8,
        "{}",
        second.stdout
    );
    assert_eq!(pd.writes_since(before), [] as [Seen; 0]);
    let reads = pd.seen().split_off(before);
    let get = reads
        .iter()
        .find(|s| s.path == format!("/schedules/{PRIMARY}/overrides"))
        .expect("the second run read the overrides");
    assert_eq!(instant(get.param("since")[0]), instant(LATER_RFC3339));

    // 3. The roster changes week 9: dee (tertiary) swaps in as primary.
    let week9_primary = pd
        .overrides()
        .into_iter()
        .find(|o| o.schedule == PRIMARY && o.start == instant(WEEKS[1].0))
        .expect("week 9's primary override");
    assert_eq!(week9_primary.user, "PUSERB1");
    rewrite_roster(
        &sandbox,
        TEAM,
        &with_override("2026-03-10", "primary", "dee", "dentist on Friday"),
    );
    let before = pd.seen().len();
    let third = sync(&sandbox, &pd, LATER, &[]).await;
    third.exits(0).stdout_has("Wrote 1 override(s).");
    let rows = third.sync_rows();
    assert_eq!(
        rows.iter()
            .filter(|r| r.3 != "unchanged")
            .cloned()
            .collect::<Vec<_>>(),
        [(
            "9".to_string(),
            "primary".to_string(),
            "dee".to_string(),
            "replaced".to_string()
        )],
        "{}",
        third.stdout
    );
    assert_eq!(rows.len(), 8);
    let writes = pd.writes_since(before);
    assert_eq!(writes.len(), 2, "{writes:#?}");
    assert_eq!(writes[0].method, "DELETE");
    assert_eq!(
        writes[0].path,
        format!("/schedules/{PRIMARY}/overrides/{}", week9_primary.id)
    );
    assert_eq!(writes[1].method, "POST");
    assert_eq!(writes[1].path, format!("/schedules/{PRIMARY}/overrides"));
    assert_eq!(
        writes[1].body,
        json!({"overrides": [{
            "start": WEEKS[1].0,
            "end": WEEKS[1].1,
            "user": {"id": "PUSERD1", "type": "user_reference"},
            "time_zone": "America/Chicago",
        }]})
    );
    assert_eq!(pd.overrides().len(), 8);

    // 4. And again: nothing to do.
    let before = pd.seen().len();
    let fourth = sync(&sandbox, &pd, LATER, &[]).await;
    fourth
        .exits(0)
        .stdout_has("PagerDuty already matches the roster.");
    assert_eq!(pd.writes_since(before), [] as [Seen; 0]);

    // 5. The drift check agrees with what sync made.
    let check = run(dw(
        &sandbox,
        Some(&pd),
        true,
        &["--at", LATER, "check", "--pagerduty"],
    ))
    .await;
    check
        .exits(0)
        .stdout_has("PagerDuty agrees with the roster (8 week-and-role pairs compared).");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_dry_run_prints_the_plan_and_the_requests_and_sends_no_write() {
    let pd = PagerDuty::start().await;
    let sandbox = Sandbox::empty().roster(TEAM);
    let dry = sync(&sandbox, &pd, AT, &["--dry-run"]).await;
    dry.exits(0)
        .stdout_has("Dry run: 8 override(s) to write; nothing was changed.")
        .stdout_has("# dry run: not sent")
        .stdout_has(&format!(
            "POST {}/schedules/{PRIMARY}/overrides",
            pd.server.uri()
        ))
        .stdout_has(&format!(
            "POST {}/schedules/{SECONDARY}/overrides",
            pd.server.uri()
        ))
        .stdout_has("Token token=***")
        .stdout_has("\"time_zone\": \"America/Chicago\"")
        .stdout_has(&format!("\"start\": \"{AT_RFC3339}\""));
    assert!(dry.sync_rows().iter().all(|r| r.3 == "would create"));
    assert_eq!(pd.writes_since(0), [] as [Seen; 0]);
    assert!(pd.overrides().is_empty());

    // --json: the plan for scripts.
    let json_run = sync(&sandbox, &pd, AT, &["--dry-run", "--json"]).await;
    json_run.exits(0);
    // One JSON document: the plan and the requests dw would send.
    let plan: Value = serde_json::from_str(&json_run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", json_run.stdout));
    assert_eq!(plan["dry_run"], true);
    let requests = plan["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0]["method"], "POST");
    assert_eq!(
        requests[0]["url"],
        format!("{}/schedules/{PRIMARY}/overrides", pd.server.uri())
    );
    assert_eq!(
        requests[1]["body"],
        json!({ "overrides": expected_items(AT_RFC3339, 1) })
    );
    let steps = plan["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 8);
    assert_eq!(steps[0]["week"], 8);
    assert_eq!(steps[0]["role"], "primary");
    assert_eq!(steps[0]["schedule"], PRIMARY);
    assert_eq!(steps[0]["member"], "ada");
    assert_eq!(steps[0]["user"], "PUSERA1");
    assert_eq!(
        steps[0]["action"], "would_create",
        "a dry run has done nothing"
    );
    assert_eq!(
        instant(steps[0]["start"].as_str().unwrap()),
        instant(WEEKS[0].0)
    );
    assert_eq!(
        instant(steps[0]["from"].as_str().unwrap()),
        instant(AT_RFC3339)
    );
    assert_eq!(
        instant(steps[0]["end"].as_str().unwrap()),
        instant(WEEKS[0].1)
    );
    assert_eq!(pd.writes_since(0), [] as [Seen; 0]);

    // After a real sync and a roster change, the dry run shows the DELETE too.
    sync(&sandbox, &pd, AT, &[]).await.exits(0);
    let ids: BTreeSet<String> = pd.overrides().into_iter().map(|o| o.id).collect();
    rewrite_roster(
        &sandbox,
        TEAM,
        &with_override("2026-03-17", "secondary", "ada", "trade"),
    );
    let before = pd.seen().len();
    let dry = sync(&sandbox, &pd, AT, &["--dry-run"]).await;
    dry.exits(0)
        .stdout_has("Dry run: 1 override(s) to write; nothing was changed.")
        .stdout_has(&format!(
            "DELETE {}/schedules/{SECONDARY}/overrides/",
            pd.server.uri()
        ));
    let changed: Vec<_> = dry
        .sync_rows()
        .into_iter()
        .filter(|r| r.3 != "unchanged")
        .collect();
    assert_eq!(
        changed,
        [(
            "10".to_string(),
            "secondary".to_string(),
            "ada".to_string(),
            "would replace".to_string()
        )]
    );
    assert_eq!(pd.writes_since(before), [] as [Seen; 0]);
    let after: BTreeSet<String> = pd.overrides().into_iter().map(|o| o.id).collect();
    assert_eq!(ids, after, "a dry run changed PagerDuty");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_leaves_weeks_pagerduty_already_has_right() {
    let pd = PagerDuty::start().await;
    let mut base = agreeing_base();
    // Week 10's primary in PagerDuty's own layers is bob, not cy.
    base[4].user = "PUSERB1".into();
    pd.set_base(base);
    let sandbox = Sandbox::empty().roster(TEAM);
    let first = sync(&sandbox, &pd, AT, &[]).await;
    first.exits(0).stdout_has("Wrote 1 override(s).");
    let changed: Vec<_> = first
        .sync_rows()
        .into_iter()
        .filter(|r| r.3 != "unchanged")
        .collect();
    assert_eq!(
        changed,
        [(
            "10".to_string(),
            "primary".to_string(),
            "cy".to_string(),
            "created".to_string()
        )]
    );
    let writes = pd.writes_since(0);
    assert_eq!(writes.len(), 1, "{writes:#?}");
    assert_eq!(
        writes[0].body,
        json!({"overrides": [{
            "start": WEEKS[2].0,
            "end": WEEKS[2].1,
            "user": {"id": "PUSERC1", "type": "user_reference"},
            "time_zone": "America/Chicago",
        }]})
    );
    let before = pd.seen().len();
    sync(&sandbox, &pd, AT, &[])
        .await
        .exits(0)
        .stdout_has("PagerDuty already matches the roster.");
    assert_eq!(pd.writes_since(before), [] as [Seen; 0]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_needs_pagerduty_ids_for_synced_ranks_only() {
    let pd = PagerDuty::start().await;
    let sandbox = Sandbox::empty().roster(TEAM);
    // bob is secondary in week 8: a synced rank without a PagerDuty ID.
    rewrite_roster(
        &sandbox,
        TEAM,
        &fixture_text(TEAM).replace("pagerduty = \"PUSERB1\"\n", ""),
    );
    for extra in [&[][..], &["--dry-run"][..]] {
        sync(&sandbox, &pd, AT, extra)
            .await
            .exits(2)
            .stderr_has("\"bob\"")
            .stderr_has("no PagerDuty user ID");
    }
    assert!(
        pd.seen().is_empty(),
        "dw talked to PagerDuty: {:#?}",
        pd.seen()
    );

    // dee is 4th in week 8, a rank with no schedule: one week syncs fine.
    rewrite_roster(
        &sandbox,
        TEAM,
        &fixture_text(TEAM).replace("pagerduty = \"PUSERD1\"\n", ""),
    );
    sync(&sandbox, &pd, AT, &["--weeks", "1", "--dry-run"])
        .await
        .exits(0)
        .stdout_has("would create");
    // Two weeks do not: dee is primary in week 11, secondary in week 10.
    sync(&sandbox, &pd, AT, &["--weeks", "3", "--dry-run"])
        .await
        .exits(2)
        .stderr_has("\"dee\"");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_a_week_later_adds_only_the_new_week() {
    let pd = PagerDuty::start().await;
    let sandbox = Sandbox::empty().roster(TEAM);
    sync(&sandbox, &pd, AT, &[]).await.exits(0);
    let before = pd.seen().len();
    // Wednesday of week 9: weeks 9–11 are synced already, week 12 is new.
    let next = sync(&sandbox, &pd, "2026-03-11T09:00", &[]).await;
    next.exits(0).stdout_has("Wrote 2 override(s).");
    let changed: Vec<_> = next
        .sync_rows()
        .into_iter()
        .filter(|r| r.3 != "unchanged")
        .collect();
    assert_eq!(
        changed,
        [
            (
                "12".into(),
                "primary".into(),
                "ada".into(),
                "created".into()
            ),
            (
                "12".into(),
                "secondary".into(),
                "bob".into(),
                "created".into()
            ),
        ] as [(String, String, String, String); 2]
    );
    let writes = pd.writes_since(before);
    assert_eq!(writes.len(), 2, "{writes:#?}");
    assert!(writes.iter().all(|w| w.method == "POST"));
    assert_eq!(
        writes[0].body["overrides"],
        json!([{
            "start": "2026-03-31T10:00:00-05:00",
            "end": "2026-04-07T10:00:00-05:00",
            "user": {"id": "PUSERA1", "type": "user_reference"},
            "time_zone": "America/Chicago",
        }])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_and_check_need_schedules_in_the_roster() {
    let pd = PagerDuty::start().await;
    let sandbox = Sandbox::empty().roster(TEAM);
    rewrite_roster(
        &sandbox,
        TEAM,
        &fixture_text(TEAM).replace(
            "schedules = { primary = \"PSCHEDP\", secondary = \"PSCHEDS\" }\n",
            "",
        ),
    );
    for args in [
        &["--at", AT, "sync", "pagerduty"][..],
        &["--at", AT, "check", "--pagerduty"][..],
    ] {
        run(dw(&sandbox, Some(&pd), true, args))
            .await
            .exits(2)
            .stderr_has("no [pagerduty] schedules");
    }
    assert!(pd.seen().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_and_check_without_a_token_exit_3_and_send_nothing() {
    let pd = PagerDuty::start().await;
    let sandbox = Sandbox::empty().roster(TEAM);
    for args in [
        &["--at", AT, "sync", "pagerduty"][..],
        &["--at", AT, "sync", "pagerduty", "--dry-run"][..],
        &["--at", AT, "check", "--pagerduty"][..],
    ] {
        run(dw(&sandbox, Some(&pd), false, args))
            .await
            .exits(3)
            .stderr_has("PAGERDUTY_TOKEN");
    }
    assert!(pd.seen().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_reports_overrides_pagerduty_rejects_item_by_item() {
    let pd = PagerDuty::start().await;
    pd.state.lock().unwrap().reject = true;
    let sandbox = Sandbox::empty().roster(TEAM);
    let out = sync(&sandbox, &pd, AT, &[]).await;
    // Every row says why, and the exit code says something failed.
    out.exits(1)
        .stdout_has("Wrote 0 of 8 override(s); 8 failed.")
        .stdout_has("failed: rejected: Override must end")
        .stderr_has("PagerDuty did not take 8 change(s)");
}
