//! `dw sync pagerduty` when things go wrong, against the PagerDuty stand-in:
//! bogus or failed answers (a 2xx that is not, a POST applied then a 502, a
//! failing delete), two syncs at once and the lock, and what sync refuses
//! (missing PagerDuty IDs, rosters without schedules or with two roles on one
//! schedule, no token, overrides PagerDuty rejects item by item). The runs
//! that go right are in `sync.rs`.

use std::time::Duration;

use crate::support::standin::Fault;
use crate::support::truth::*;
use crate::support::{fixture_text, Sandbox};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bogus_2xx_answers_are_failures_and_a_rerun_converges() {
    for bogus in [
        (200, r#"{"error":{"message":"Internal","code":2001}}"#),
        (201, "[]"),
        (201, "[{\"status\":201,\"override\":{}}]"),
    ] {
        let pd = standin("PUSERZZ").await;
        let sandbox = Sandbox::empty().roster(TEAM);
        pd.fault(
            "POST",
            &format!("/schedules/{PRIMARY}/overrides"),
            Fault::Reply(bogus.0, bogus.1.into()),
        );
        let out = sync(&sandbox, &pd, AT, &[]).await;
        out.exits(1)
            .stdout_has("Wrote 4 override(s), removed 0; 4 failed.")
            .stdout_has("(ada): PagerDuty's answer proves nothing")
            .stderr_has("PagerDuty did not take 4 change(s)");
        assert_eq!(pd.overrides().len(), 4, "{bogus:?}");
        let again = sync(&sandbox, &pd, AT, &[]).await;
        again.exits(0).stdout_has("Wrote 4 override(s), removed 0.");
        assert_eq!(pd.overrides().len(), 8);
        assert_no_duplicates(&pd);
        sync(&sandbox, &pd, AT, &[])
            .await
            .exits(0)
            .stdout_has("PagerDuty already matches the roster.");
    }
}

/// A POST PagerDuty applied but answered 502: dw does not send it again; it
/// reads the overrides and adopts the ones it sent.
async fn applied_then_502(retries: &str) {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    pd.fault(
        "POST",
        &format!("/schedules/{PRIMARY}/overrides"),
        Fault::AppliedThen(502, "<html>Bad Gateway</html>".into()),
    );
    let mut cmd = dw(
        &sandbox,
        Some(&pd),
        true,
        &["--at", AT, "sync", "pagerduty"],
    );
    cmd.env("DW_HTTP_RETRIES", retries);
    let out = run(cmd).await;
    out.exits(0).stdout_has("Wrote 8 override(s), removed 0.");
    let posts = pd
        .requests()
        .iter()
        .filter(|s| s.method == "POST" && s.path.contains(PRIMARY))
        .count();
    assert_eq!(posts, 1, "the POST was sent again");
    assert_eq!(pd.overrides().len(), 8);
    assert_no_duplicates(&pd);
    // The adopted overrides are dw's: a rerun keeps them.
    let before = pd.requests().len();
    sync(&sandbox, &pd, AT, &[])
        .await
        .exits(0)
        .stdout_has("PagerDuty already matches the roster.");
    assert!(writes(&pd, before).is_empty(), "{:#?}", writes(&pd, before));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn applied_then_502_leaves_one_override_not_two() {
    applied_then_502("0").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn applied_then_502_with_retries_on_leaves_one_override_not_four() {
    applied_then_502("3").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_delete_stops_its_replacement_and_a_rerun_converges() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    sync(&sandbox, &pd, AT, &[]).await.exits(0);
    // Week 10's primary changes: one of dw's overrides is stale.
    rewrite_roster(
        &sandbox,
        TEAM,
        &with_override("2026-03-18", "primary", "ada", "cy at a conference"),
    );
    // One: a DELETE answered 5xx is not resent (dw reads the overrides again).
    pd.fault(
        "DELETE",
        &format!("/schedules/{PRIMARY}/overrides/*"),
        Fault::Reply(
            500,
            r#"{"error":{"message":"Internal Server Error"}}"#.into(),
        ),
    );
    let before = pd.requests().len();
    let out = sync(&sandbox, &pd, AT, &[]).await;
    out.exits(1)
        .stdout_has("failed, so its replacement was not sent")
        .stderr_has("PagerDuty did not take 1 change(s)");
    // No replacement POST for the primary.
    assert!(writes(&pd, before)
        .iter()
        .all(|s| !(s.method == "POST" && s.path.contains(PRIMARY))));
    let again = sync(&sandbox, &pd, AT, &[]).await;
    again.exits(0).stdout_has("Wrote 1 override(s), removed 0.");
    assert_eq!(pd.overrides().len(), 8);
    assert_no_duplicates(&pd);
    sync(&sandbox, &pd, AT, &[])
        .await
        .exits(0)
        .stdout_has("PagerDuty already matches the roster.");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_syncs_at_once_on_one_machine_leave_no_duplicates() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    for _ in 0..4 {
        pd.fault(
            "GET",
            "/schedules/*",
            Fault::Delay(Duration::from_millis(700)),
        );
    }
    let a = sync(&sandbox, &pd, AT, &[]);
    let b = sync(&sandbox, &pd, AT, &[]);
    let (a, b) = tokio::join!(a, b);
    // One waits for the other's lock, then finds everything in place.
    for r in [&a, &b] {
        assert!(r.code == 0, "{}\n{}", r.stdout, r.stderr);
    }
    assert_eq!(pd.overrides().len(), 8);
    assert_no_duplicates(&pd);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_syncs_at_once_from_two_machines_converge_on_the_next_runs() {
    let pd = standin("PUSERZZ").await;
    let one = Sandbox::empty().roster(TEAM);
    let two = Sandbox::empty().roster(TEAM);
    // Slow reads: both read before either writes.
    for _ in 0..8 {
        pd.fault(
            "GET",
            "/schedules/*",
            Fault::Delay(Duration::from_millis(700)),
        );
    }
    let (a, b) = tokio::join!(sync(&one, &pd, AT, &[]), sync(&two, &pd, AT, &[]));
    a.exits(0);
    b.exits(0);
    // Each sees the other's overrides as a person's: the next run of the first
    // machine removes its own copies, and from then on both agree.
    sync(&one, &pd, AT, &[]).await.exits(0);
    sync(&two, &pd, AT, &[]).await.exits(0);
    assert_eq!(pd.overrides().len(), 8);
    assert_no_duplicates(&pd);
    for s in [&one, &two] {
        check(s, &pd, AT, &[]).await.exits(0);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_sync_refuses_while_a_lock_is_held() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    let dir = sandbox.home().join(".local/state/dw");
    std::fs::create_dir_all(&dir).unwrap();
    let port = url::Url::parse(&pd.url()).unwrap().port().unwrap();
    let path = dir.join(format!("pagerduty-127.0.0.1-{port}.json.lock"));
    std::fs::write(&path, "pid 1, started earlier\n").unwrap();
    // Held the way a running sync holds it: an exclusive flock.
    let held = std::fs::File::open(&path).unwrap();
    // SAFETY: flock on a file this test owns; released when it is dropped.
    let locked =
        unsafe { libc::flock(std::os::unix::io::AsRawFd::as_raw_fd(&held), libc::LOCK_EX) };
    assert_eq!(locked, 0);
    sync(&sandbox, &pd, AT, &[])
        .await
        .exits(1)
        .stderr_has("another `dw sync pagerduty` is running on this machine")
        .stderr_has("pid 1, started earlier");
    drop(held);
    assert!(writes(&pd, 0).is_empty(), "{:#?}", writes(&pd, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_needs_pagerduty_ids_for_synced_ranks_only() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
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
    assert!(pd.requests().is_empty());
    rewrite_roster(
        &sandbox,
        TEAM,
        &fixture_text(TEAM).replace("pagerduty = \"PUSERD1\"\n", ""),
    );
    sync(&sandbox, &pd, AT, &["--weeks", "1", "--dry-run"])
        .await
        .exits(0)
        .stdout_has("would create");
    sync(&sandbox, &pd, AT, &["--weeks", "3", "--dry-run"])
        .await
        .exits(2)
        .stderr_has("\"dee\"");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_and_check_need_schedules_in_the_roster() {
    let pd = standin("PUSERZZ").await;
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
    assert!(pd.requests().is_empty());
}

#[test]
fn two_roles_on_one_schedule_is_a_roster_error() {
    let sandbox = Sandbox::empty().roster(TEAM);
    rewrite_roster(
        &sandbox,
        TEAM,
        &fixture_text(TEAM).replace("secondary = \"PSCHEDS\"", "secondary = \"PSCHEDP\""),
    );
    sandbox
        .dw(&["--at", AT, "check"])
        .run()
        .code(2)
        .stderr_has("truth-team.toml:16:")
        .stderr_has("roles `primary` and `secondary` both map to PagerDuty schedule PSCHEDP")
        .stderr_has("hint: give each role its own schedule");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_and_check_without_a_token_exit_3_and_send_nothing() {
    let pd = standin("PUSERZZ").await;
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
    assert!(pd.requests().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_reports_overrides_pagerduty_rejects_item_by_item() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    // PagerDuty does not know bob: his items are refused, the others are created.
    rewrite_roster(
        &sandbox,
        TEAM,
        &fixture_text(TEAM).replace("PUSERB1", "PUSERNO"),
    );
    let out = sync(&sandbox, &pd, AT, &[]).await;
    out.exits(1)
        .stdout_has("Wrote 6 override(s), removed 0; 2 failed.")
        .stdout_has("(bob): rejected: User not found")
        .stderr_has("PagerDuty did not take 2 change(s)");
    assert_eq!(pd.overrides().len(), 6);
}
