//! `dw sync pagerduty` and `dw check --pagerduty` in a PagerDuty that people
//! edit too, against the stateful stand-in: a person's later, partial or
//! deleted override, two machines syncing at once, unsure answers, stale
//! locks and ledgers. dw must never undo a person's change, write twice, or
//! report what did not happen.

use std::io::{Read, Write};
use std::time::{Duration, SystemTime};

use crate::support::standin::pagerduty::{Held, PagerDuty};
use crate::support::standin::{Fault, Seen};
use crate::support::truth::*;
use crate::support::{fixture_text, Sandbox};

/// A person deleting an override in PagerDuty's web app: a plain DELETE.
async fn person_deletes(pd: &PagerDuty, schedule: &str, id: &str) -> u16 {
    let url = url::Url::parse(&pd.url()).unwrap();
    let addr = format!("{}:{}", url.host_str().unwrap(), url.port().unwrap());
    let req = format!(
        "DELETE /schedules/{schedule}/overrides/{id} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Token token={}\r\nConnection: close\r\n\r\n",
        crate::support::standin::pagerduty::TOKEN
    );
    tokio::task::spawn_blocking(move || {
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.write_all(req.as_bytes()).unwrap();
        let mut text = String::new();
        let _ = s.read_to_string(&mut text);
        text.split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0)
    })
    .await
    .unwrap()
}

fn state_dir(sandbox: &Sandbox) -> std::path::PathBuf {
    sandbox.home().join(".local/state/dw")
}

fn ledger_path(sandbox: &Sandbox, pd: &PagerDuty) -> std::path::PathBuf {
    let port = url::Url::parse(&pd.url()).unwrap().port().unwrap();
    state_dir(sandbox).join(format!("pagerduty-127.0.0.1-{port}.json"))
}

fn with_cover(role: &str, member: &str, from: &str, to: &str) -> String {
    format!(
        "{}\n[[covers]]\nrole = \"{role}\"\nmember = \"{member}\"\nfrom = {from}\nto = {to}\nreason = \"probe\"\n",
        fixture_text(TEAM)
    )
}

/// Week 9 primary (bob) as dw wrote it.
fn dws_week9_primary(pd: &PagerDuty) -> Held {
    pd.overrides()
        .into_iter()
        .find(|o| o.schedule == PRIMARY && o.start == instant(WEEKS[1].0))
        .expect("dw's week 9 primary override")
}

// ---------------------------------------------------------------------------
// A person's change after dw's.

/// A person lays a one-day override over the middle of dw's week-9 override
/// (created later, so it wins in PagerDuty). dw may reshape its own override
/// around it, but must never create anything over the person's day, never
/// delete it, and settle after one run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_persons_later_partial_override_is_not_resuperseded() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    sync(&sandbox, &pd, AT, &[]).await.exits(0);
    let day = pd.add_override(
        PRIMARY,
        instant("2026-03-12T00:00:00-05:00"),
        instant("2026-03-13T00:00:00-05:00"),
        "PUSERHH",
    );
    let person = pd.overrides().into_iter().find(|o| o.id == day).unwrap();
    let out = sync(&sandbox, &pd, AT, &[]).await;
    out.exits(0);
    let held = pd.overrides();
    assert!(held.contains(&person), "{held:#?}");
    // Everything created after the person's override must stay clear of it.
    let pos = held.iter().position(|o| o.id == day).unwrap();
    for o in &held[pos + 1..] {
        assert!(
            o.schedule != PRIMARY || o.end <= person.start || o.start >= person.end,
            "dw superseded the person's day with {o:?}\n{}",
            out.stdout
        );
    }
    assert_no_duplicates(&pd);
    let before = pd.requests().len();
    sync(&sandbox, &pd, AT, &[]).await.exits(0);
    assert!(writes(&pd, before).is_empty(), "{:#?}", writes(&pd, before));
    check(&sandbox, &pd, AT, &[]).await.exits(0);
    check(&sandbox, &pd, AT, &["--strict"]).await.exits(4);
}

/// A person deletes one of dw's overrides in PagerDuty. The brief: never undo
/// a person's change. Today the next sync silently creates it again (and
/// `check` calls the deletion drift, exit 4); a polite guest would leave the
/// span alone and report it (`manual`, "deleted in PagerDuty"), until the
/// roster's wish for that span changes, and the README would say so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_deleting_dws_override_is_not_undone() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    sync(&sandbox, &pd, AT, &[]).await.exits(0);
    let ours = dws_week9_primary(&pd);
    assert_eq!(person_deletes(&pd, PRIMARY, &ours.id).await, 204);
    let before = pd.requests().len();
    let out = sync(&sandbox, &pd, AT, &[]).await;
    out.exits(0);
    let posts: Vec<Seen> = writes(&pd, before)
        .into_iter()
        .filter(|s| s.method == "POST")
        .collect();
    assert!(
        posts.is_empty(),
        "dw recreated the override a person deleted:\n{}\n{posts:#?}",
        out.stdout
    );
}

// ---------------------------------------------------------------------------
// Never twice.

/// Two machines (two ledgers) whose scheduled syncs start at the same moment,
/// every time. Round 1 doubles every override (documented). Round 2: each sees
/// the other's copy as a person's that agrees with the roster, so each deletes
/// its OWN copy: nothing is left. Round 3 doubles again. It never converges.
/// Expected: after round 2, exactly one override per span (e.g. a
/// deterministic tie-break: of two identical copies dw removes its own only
/// when the other one is older / has the smaller id).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_machines_in_lockstep_converge() {
    let pd = standin("PUSERZZ").await;
    let one = Sandbox::empty().roster(TEAM);
    let two = Sandbox::empty().roster(TEAM);
    for round in 1..=2 {
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
        eprintln!("round {round}: {} override(s)", pd.overrides().len());
    }
    assert_eq!(
        pd.overrides().len(),
        8,
        "after two lockstep rounds: {:#?}",
        spans_held(&pd)
    );
    check(&one, &pd, AT, &[]).await.exits(0);
}

/// Deleting dw's override of the CURRENT week (in progress: PagerDuty
/// truncates it to now and answers 200) is applied, but the answer is a 502.
/// dw resends the DELETE (DELETE is treated as idempotent); PagerDuty now
/// refuses it ("You cannot remove a past override", 400), so the row fails,
/// the replacement is not sent and the run exits 1. The issue asks that a
/// DELETE after an ambiguous answer is not resent: dw re-reads instead, sees
/// the override truncated (or gone), and sends the replacement: exit 0.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn applied_then_502_on_deleting_the_current_weeks_override() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    sync(&sandbox, &pd, AT, &[]).await.exits(0);
    pd.set_now(instant(LATER_RFC3339));
    rewrite_roster(
        &sandbox,
        TEAM,
        &with_override("2026-03-03", "primary", "cy", "ada is ill"),
    );
    pd.fault(
        "DELETE",
        &format!("/schedules/{PRIMARY}/overrides/*"),
        Fault::AppliedThen(502, "<html>Bad Gateway</html>".into()),
    );
    let out = sync(&sandbox, &pd, LATER, &[]).await;
    let deletes = pd
        .requests()
        .iter()
        .filter(|s| s.method == "DELETE")
        .count();
    assert!(
        out.code == 0,
        "exit {} after {deletes} DELETE(s)\n{}\n{}",
        out.code,
        out.stdout,
        out.stderr
    );
}

/// A 429 on the batched POST is a rate limit: nothing was applied, so it is
/// safe (and expected) to send it again; one copy per span in the end.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_on_the_post_is_retried_once_and_not_doubled() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    pd.fault(
        "POST",
        &format!("/schedules/{PRIMARY}/overrides"),
        Fault::Reply(
            429,
            r#"{"error":{"message":"Rate Limit Exceeded","code":2020}}"#.into(),
        ),
    );
    let out = sync(&sandbox, &pd, AT, &[]).await;
    out.exits(0).stdout_has("Wrote 8 override(s), removed 0.");
    assert_eq!(pd.overrides().len(), 8);
    assert_no_duplicates(&pd);
}

/// A rate limit on the reads with PagerDuty's `ratelimit-reset` header.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ratelimit_reset_on_reads_is_honoured() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    pd.rate_limit(1, 1);
    sync(&sandbox, &pd, AT, &[])
        .await
        .exits(0)
        .stdout_has("Wrote 8 override(s), removed 0.");
    assert_no_duplicates(&pd);
}

/// DELETE answered 404: already gone; the replacement is sent, exit 0, and
/// the rerun does not double anything.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_404_counts_as_gone() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    sync(&sandbox, &pd, AT, &[]).await.exits(0);
    rewrite_roster(
        &sandbox,
        TEAM,
        &with_override("2026-03-18", "primary", "ada", "cy at a conference"),
    );
    for _ in 0..2 {
        pd.fault(
            "DELETE",
            &format!("/schedules/{PRIMARY}/overrides/*"),
            Fault::Reply(
                404,
                r#"{"error":{"message":"Not Found","code":2100}}"#.into(),
            ),
        );
    }
    let out = sync(&sandbox, &pd, AT, &[]).await;
    out.exits(0).stdout_has("Wrote 1 override(s)");
    let again = sync(&sandbox, &pd, AT, &[]).await;
    again.exits(0);
    assert_no_duplicates(&pd);
}

// ---------------------------------------------------------------------------
// Covers.

/// The contract: "`sync pagerduty` writes a cover as an override of exactly
/// its span". A cover crossing the Tuesday handoff (Mon 18:00 → Wed 08:00)
/// is clipped to each week and written as TWO overrides split at the handoff.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cover_crossing_a_handoff_is_one_override_of_its_span() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    // dee is tertiary? No: week 8 ranks ada, bob, cy; week 9 bob, cy, dee.
    // dee is free in both weeks' primary; covers primary across the handoff.
    rewrite_roster(
        &sandbox,
        TEAM,
        &with_cover("primary", "dee", "2026-03-09T18:00", "2026-03-11T08:00"),
    );
    let out = sync(&sandbox, &pd, AT, &[]).await;
    out.exits(0);
    let dee: Vec<(String, String)> = pd
        .overrides()
        .into_iter()
        .filter(|o| o.schedule == PRIMARY && o.user == "PUSERD1")
        .filter(|o| o.start < instant("2026-03-12T00:00:00Z"))
        .map(|o| (o.start.to_rfc3339(), o.end.to_rfc3339()))
        .collect();
    assert_eq!(
        dee,
        [(
            instant("2026-03-09T18:00:00-05:00").to_rfc3339(),
            instant("2026-03-11T08:00:00-05:00").to_rfc3339()
        )],
        "{}",
        out.stdout
    );
}

/// The same cover, however written, must converge: a rerun writes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cover_crossing_a_handoff_converges() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    rewrite_roster(
        &sandbox,
        TEAM,
        &with_cover("primary", "dee", "2026-03-09T18:00", "2026-03-11T08:00"),
    );
    sync(&sandbox, &pd, AT, &[]).await.exits(0);
    let before = pd.requests().len();
    sync(&sandbox, &pd, AT, &[])
        .await
        .exits(0)
        .stdout_has("PagerDuty already matches the roster.");
    assert!(writes(&pd, before).is_empty());
    check(&sandbox, &pd, AT, &[]).await.exits(0);
}

// ---------------------------------------------------------------------------
// Ledger and lock.

/// A ledger that is not JSON: sync refuses before writing anything (exit 2,
/// saying how to fix it); it never guesses ownership.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_corrupt_ledger_stops_sync_before_any_write() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    std::fs::create_dir_all(state_dir(&sandbox)).unwrap();
    std::fs::write(ledger_path(&sandbox, &pd), "{\"version\":1,\"overr").unwrap();
    let out = sync(&sandbox, &pd, AT, &[]).await;
    out.exits(2).stderr_has("not a ledger dw can read");
    assert!(writes(&pd, 0).is_empty());
}

/// A ledger from a newer dw (version 7, unknown fields): dw 1 reads it as if
/// it were its own format, drops the unknown fields, and writes its own
/// shape back still labelled version 7. Expected: refuse (exit 2, "written
/// by a newer dw") or keep the file untouched.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ledger_of_a_newer_version_is_not_silently_rewritten() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    std::fs::create_dir_all(state_dir(&sandbox)).unwrap();
    std::fs::write(
        ledger_path(&sandbox, &pd),
        r#"{"version":7,"overrides":[],"written_by":"dw 9.0"}"#,
    )
    .unwrap();
    let out = sync(&sandbox, &pd, AT, &[]).await;
    // Either refuse (exit 2) or keep the version it does not know; it must
    // not claim the file as version 7 after writing it in version 1's shape.
    let text = std::fs::read_to_string(ledger_path(&sandbox, &pd)).unwrap();
    if out.code == 0 {
        assert!(
            !text.contains("\"version\": 7"),
            "dw wrote its own format under a newer version number:\n{text}"
        );
    }
}

/// A lock left by a sync that was killed is taken over at once (whatever
/// its mtime), with a warning that `--quiet` does not hide.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_lock_is_taken_over() {
    for extra in [&[][..], &["--quiet"][..]] {
        let pd = standin("PUSERZZ").await;
        let sandbox = Sandbox::empty().roster(TEAM);
        std::fs::create_dir_all(state_dir(&sandbox)).unwrap();
        let mut lock = ledger_path(&sandbox, &pd).into_os_string();
        lock.push(".lock");
        // Left by a sync that was killed: nobody holds it, whatever its
        // mtime (here a year ahead) says; a leftover takeover file too.
        std::fs::write(&lock, "pid 99999999, started 2026-03-01T00:00:00+00:00\n").unwrap();
        let f = std::fs::File::open(&lock).unwrap();
        f.set_modified(SystemTime::now() + Duration::from_secs(365 * 86_400))
            .unwrap();
        drop(f);
        let mut takeover = lock.clone();
        takeover.push(".takeover");
        std::fs::write(&takeover, "").unwrap();
        sync(&sandbox, &pd, AT, extra)
            .await
            .exits(0)
            .stderr_has("warning: taking over")
            .stderr_has("pid 99999999");
        assert!(!std::path::Path::new(&lock).exists());
        assert!(!std::path::Path::new(&takeover).exists());
    }
}

// ---------------------------------------------------------------------------
// check --pagerduty.

/// Manual spans: exit 0, `--strict` 4, JSON lists them with status "manual";
/// drift: exit 4 with and without --strict. (The person's override is there
/// before dw's first sync.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_exit_codes_and_json_status() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    pd.add_override(
        SECONDARY,
        instant("2026-03-20T00:00:00Z"),
        instant("2026-03-21T00:00:00Z"),
        "PUSERHH",
    );
    sync(&sandbox, &pd, AT, &[]).await.exits(0);
    check_codes(&sandbox, &pd).await;
}

/// The same, but the person makes their one-day override AFTER dw's sync, on
/// top of dw's whole-week override (it wins: last created). PagerDuty already
/// shows the roster's wish everywhere outside the person's day, yet
/// `check --pagerduty` exits 4 ("would replace" dw's own override, twice) so a
/// nightly CI job alarms on a person's polite change, and the next sync churns
/// (DELETE + POST) for nothing. Expected: dw's override lying under a person's
/// newer one is kept (`unchanged`), check exits 0 (`--strict`: 4).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_after_a_persons_later_override_exits_0() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    sync(&sandbox, &pd, AT, &[]).await.exits(0);
    pd.add_override(
        SECONDARY,
        instant("2026-03-20T00:00:00Z"),
        instant("2026-03-21T00:00:00Z"),
        "PUSERHH",
    );
    // Sync first: `check_codes` ends by changing the roster (drift).
    let before = pd.requests().len();
    sync(&sandbox, &pd, AT, &[]).await.exits(0);
    assert!(writes(&pd, before).is_empty(), "{:#?}", writes(&pd, before));
    check_codes(&sandbox, &pd).await;
}

async fn check_codes(sandbox: &Sandbox, pd: &PagerDuty) {
    check(sandbox, pd, AT, &[]).await.exits(0);
    check(sandbox, pd, AT, &["--strict"]).await.exits(4);
    let doc = check(sandbox, pd, AT, &["--json"]).await;
    doc.exits(0);
    let v = doc.json();
    let manual = v["pagerduty"]["manual"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(manual.len(), 1, "{v:#}");
    assert_eq!(manual[0]["status"], "manual", "{v:#}");
    // Drift on top: exit 4 either way.
    rewrite_roster(
        sandbox,
        TEAM,
        &with_override("2026-03-24", "primary", "ada", "probe"),
    );
    check(sandbox, pd, AT, &[]).await.exits(4);
    check(sandbox, pd, AT, &["--strict"]).await.exits(4);
}

/// `--weeks 52` (sync's maximum) with PagerDuty refusing to render more than
/// 30 days at once (a stricter account than the 90 dw assumes). The docs
/// state no limit; this only shows what a user would see: an error naming the
/// request, exit 1, nothing written.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn weeks_at_maximum_with_a_tight_render_limit_fails_cleanly() {
    let pd = standin("PUSERZZ").await;
    pd.set_max_render_days(Some(30));
    let sandbox = Sandbox::empty().roster(TEAM);
    let out = sync(&sandbox, &pd, AT, &["--weeks", "52"]).await;
    assert!(out.code != 0 && out.code != 101, "{}", out.stderr);
    assert!(writes(&pd, 0).is_empty(), "wrote after a failed read");
    pd.set_max_render_days(Some(90));
    sync(&sandbox, &pd, AT, &["--weeks", "52"])
        .await
        .exits(0)
        .stdout_has("Wrote 104 override(s), removed 0.");
    check(&sandbox, &pd, AT, &["--weeks", "52"]).await.exits(0);
}

/// The decision for a newer ledger: refused (exit 2, how to fix it), no write
/// to PagerDuty, the file left as it was; `check --pagerduty` refuses too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ledger_of_a_newer_version_is_refused_and_left_untouched() {
    let pd = standin("PUSERZZ").await;
    let sandbox = Sandbox::empty().roster(TEAM);
    std::fs::create_dir_all(state_dir(&sandbox)).unwrap();
    let text = r#"{"version":7,"overrides":[],"written_by":"dw 9.0"}"#;
    std::fs::write(ledger_path(&sandbox, &pd), text).unwrap();
    sync(&sandbox, &pd, AT, &[])
        .await
        .exits(2)
        .stderr_has("written by a newer dw")
        .stderr_has("upgrade dw or move the file aside");
    check(&sandbox, &pd, AT, &[]).await.exits(2);
    assert!(writes(&pd, 0).is_empty());
    assert_eq!(
        std::fs::read_to_string(ledger_path(&sandbox, &pd)).unwrap(),
        text
    );
}
