//! `dw sync pagerduty` killed at any instant, then run again (the matrix in
//! the issue): SIGKILL, SIGINT and SIGTERM before the POST (the stand-in
//! holds it without applying it), while PagerDuty holds the answer (applied,
//! not answered) and after the answer (the other schedule's POST held). The
//! rerun must leave no duplicate, treat dw's overrides as dw's, and a later
//! roster change must reach PagerDuty. Also: a clock ahead then back, and a
//! person deleting dw's override (`check --pagerduty` says whom PagerDuty pages).

use std::process::Stdio;
use std::time::Duration;

use crate::support::standin::pagerduty::PagerDuty;
use crate::support::standin::Fault;
use crate::support::truth::*;
use crate::support::Sandbox;

fn ledger_path(sandbox: &Sandbox, pd: &PagerDuty) -> std::path::PathBuf {
    let port = url::Url::parse(&pd.url()).unwrap().port().unwrap();
    sandbox
        .home()
        .join(format!(".local/state/dw/pagerduty-127.0.0.1-{port}.json"))
}

fn ledger(sandbox: &Sandbox, pd: &PagerDuty) -> serde_json::Value {
    std::fs::read_to_string(ledger_path(sandbox, pd))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(serde_json::Value::Null)
}

/// Entries of `schedule` in the ledger file.
fn entries(sandbox: &Sandbox, pd: &PagerDuty, schedule: &str) -> usize {
    ledger(sandbox, pd)["overrides"].as_array().map_or(0, |a| {
        a.iter().filter(|e| e["schedule"] == schedule).count()
    })
}

#[derive(Debug, Clone, Copy)]
enum Step {
    /// dw recorded its intents, the POST never reached PagerDuty.
    BeforePost,
    /// PagerDuty applied the POST and holds the answer.
    HeldAnswer,
    /// The primary schedule's answer came; the secondary's is held.
    AfterAnswer,
}

/// Start a sync, kill it with `signal` at `step`; what it exited with.
async fn killed_sync(sandbox: &Sandbox, pd: &PagerDuty, step: Step, signal: i32) -> Option<i32> {
    let (schedule, fault) = match step {
        Step::BeforePost => (PRIMARY, Fault::Hold(false)),
        Step::HeldAnswer => (PRIMARY, Fault::Hold(true)),
        Step::AfterAnswer => (SECONDARY, Fault::Hold(true)),
    };
    let path = format!("/schedules/{schedule}/overrides");
    pd.fault("POST", &path, fault);
    let mut cmd = dw(sandbox, Some(pd), true, &["--at", AT, "sync", "pagerduty"]);
    let mut child = cmd
        .std()
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Until the held POST has arrived (and, after the answer, until the
    // primary schedule's answer is in the ledger).
    loop {
        let held = pd
            .requests()
            .iter()
            .any(|r| r.method == "POST" && r.path == path);
        let answered = !matches!(step, Step::AfterAnswer) || entries(sandbox, pd, PRIMARY) == 4;
        if held && answered {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    // SAFETY: signalling the child this test started.
    unsafe { libc::kill(pid, signal) };
    let status = tokio::task::spawn_blocking(move || child.wait().unwrap())
        .await
        .unwrap();
    status.code()
}

/// One cell: kill, rerun, check, change the roster, sync again.
async fn cell(step: Step, signal: i32) -> String {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    let code = killed_sync(&sandbox, &pd, step, signal).await;
    let want = match signal {
        libc::SIGINT => Some(130),
        libc::SIGTERM => Some(143),
        _ => None,
    };
    assert_eq!(code, want, "{step:?} {signal}");
    let held_after_kill = pd.overrides().len();
    let before = pd.requests().len();
    let rerun = sync(&sandbox, &pd, AT, &[]).await;
    rerun.exits(0);
    assert_no_duplicates(&pd);
    assert_eq!(pd.overrides().len(), 8, "{step:?}: one override per span");
    let posts = writes(&pd, before)
        .iter()
        .filter(|w| w.method == "POST")
        .count();
    let notes: Vec<&str> = rerun
        .stderr
        .lines()
        .filter(|l| l.starts_with("dw: schedule"))
        .collect();
    // dw's overrides are dw's: check agrees, nothing manual.
    check(&sandbox, &pd, AT, &[])
        .await
        .exits(0)
        .stdout_has("PagerDuty agrees with the roster");
    // A later roster change reaches PagerDuty: week 9's primary becomes dee.
    rewrite_roster(
        &sandbox,
        TEAM,
        &with_override("2026-03-10", "primary", "dee", "swap"),
    );
    sync(&sandbox, &pd, AT, &[]).await.exits(0);
    assert_no_duplicates(&pd);
    let week9 = pd
        .overrides()
        .into_iter()
        .filter(|o| o.schedule == PRIMARY && o.start == instant(WEEKS[1].0))
        .map(|o| o.user)
        .collect::<Vec<_>>();
    assert_eq!(week9, ["PUSERD1"], "{step:?}: the change reached PagerDuty");
    check(&sandbox, &pd, AT, &[])
        .await
        .exits(0)
        .stdout_has("PagerDuty agrees with the roster");
    format!(
        "| {step:?} | {} | exit {} | {held_after_kill} | {posts} POST(s); {} | no duplicate, check agrees, change reached PagerDuty |",
        match signal {
            libc::SIGKILL => "SIGKILL",
            libc::SIGINT => "SIGINT",
            _ => "SIGTERM",
        },
        code.map_or("by signal".to_string(), |c| c.to_string()),
        if notes.is_empty() { "no note".to_string() } else { notes.join(" / ") }
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_killed_at_any_step_is_repaired_by_the_next_run() {
    let mut table = Vec::new();
    for step in [Step::BeforePost, Step::HeldAnswer, Step::AfterAnswer] {
        for signal in [libc::SIGKILL, libc::SIGINT, libc::SIGTERM] {
            table.push(cell(step, signal).await);
        }
    }
    // The matrix, for the record (`-- --nocapture`).
    eprintln!("{}", table.join("\n"));
}

/// `--at` ahead of PagerDuty's clock, then back: the ledger keeps every
/// entry, so dw's overrides stay dw's (no "manual", no duplicate).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clock_ahead_then_back_loses_no_ledger_entry() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    sync(&sandbox, &pd, AT, &[]).await.exits(0);
    let dws = entries(&sandbox, &pd, PRIMARY) + entries(&sandbox, &pd, SECONDARY);
    assert_eq!(dws, 8);
    // Two weeks ahead (PagerDuty's clock is still at AT).
    sync(&sandbox, &pd, "2026-03-17T12:00", &[]).await.exits(0);
    assert!(entries(&sandbox, &pd, PRIMARY) >= 4);
    let back = sync(&sandbox, &pd, AT, &[]).await;
    back.exits(0)
        .stdout_has("PagerDuty already matches the roster");
    assert!(
        back.sync_rows().iter().all(|r| r.3 == "unchanged"),
        "{}",
        back.stdout
    );
    assert_no_duplicates(&pd);
    check(&sandbox, &pd, AT, &[])
        .await
        .exits(0)
        .stdout_has("PagerDuty agrees with the roster");
}

/// A person deletes dw's override: check does not say "agrees"; the span is
/// manual, with whom PagerDuty pages instead (the layer's user), in the
/// table and as `pagerduty_user` in JSON.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_names_whom_pagerduty_pages_where_a_person_deleted_dws_override() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    sync(&sandbox, &pd, AT, &[]).await.exits(0);
    let week9 = pd
        .overrides()
        .into_iter()
        .find(|o| o.schedule == PRIMARY && o.start == instant(WEEKS[1].0))
        .unwrap();
    pd.remove_override(&week9.id);
    let run = check(&sandbox, &pd, AT, &[]).await;
    run.exits(0)
        .stdout_lacks("agrees")
        .stdout_has("PAGERDUTY")
        .stdout_has("Zed Stranger")
        .stdout_has("manual");
    let json = check(&sandbox, &pd, AT, &["--json"]).await;
    json.exits(0);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let manual = v["pagerduty"]["manual"].as_array().unwrap();
    assert_eq!(manual.len(), 1, "{manual:#?}");
    assert_eq!(manual[0]["member"], "bob");
    assert_eq!(manual[0]["pagerduty_user"], "PUSERZZ");
    assert_eq!(manual[0]["pagerduty_name"], "Zed Stranger");
    assert_eq!(v["pagerduty"]["agrees"], false);
    // --strict: exit 4.
    check(&sandbox, &pd, AT, &["--strict"]).await.exits(4);
}
