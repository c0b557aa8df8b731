//! `dw::sync::job` run as a library against the PagerDuty stand-in: the
//! whole sync in its order without the binary, and the read-only comparison
//! that `dw check --pagerduty` shares with it.

use std::sync::Mutex;

use chrono::{DateTime, Utc};
use dw::http::{Http, Secret, Settings};
use dw::rotation::Rotation;
use dw::sync::job::{Done, Job, Say};
use dw::sync::Status;

use crate::support::fixture_text;
use crate::support::truth::*;

/// What the job said, kept for the test to read.
#[derive(Default)]
struct Heard(Mutex<Vec<String>>);

impl Say for Heard {
    fn warn(&self, text: &str) {
        self.0.lock().unwrap().push(format!("warn: {text}"));
    }
    fn note(&self, text: &str) {
        self.0.lock().unwrap().push(format!("note: {text}"));
    }
}

/// One run of the job over 4 weeks from `now`, against the stand-in at `url`.
fn run(url: &str, ledger: &std::path::Path, now: DateTime<Utc>, dry_run: bool) -> Done {
    let roster = dw::validate::parse(&fixture_text(TEAM), TEAM).unwrap();
    let first = Rotation::new(&roster).week_at(&now).unwrap();
    let job = Job::new(&roster, first, 4, now).unwrap();
    let http = Http::new(Settings::default(), None).unwrap();
    let pd = dw::pagerduty::PagerDuty::new(
        &http,
        url.parse().unwrap(),
        Secret::new(crate::support::standin::pagerduty::TOKEN),
        None,
    );
    job.run(&pd, ledger, "run-1", dry_run, &Heard::default())
        .unwrap()
}

/// The read-only comparison, as `check --pagerduty` makes it.
fn agrees(url: &str, ledger: &std::path::Path, now: DateTime<Utc>) -> bool {
    let roster = dw::validate::parse(&fixture_text(TEAM), TEAM).unwrap();
    let first = Rotation::new(&roster).week_at(&now).unwrap();
    let job = Job::new(&roster, first, 4, now).unwrap();
    let http = Http::new(Settings::default(), None).unwrap();
    let pd = dw::pagerduty::PagerDuty::new(
        &http,
        url.parse().unwrap(),
        Secret::new(crate::support::standin::pagerduty::TOKEN),
        None,
    );
    job.compare(&pd, Some(ledger)).unwrap().agrees
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_job_previews_writes_then_finds_nothing_left_to_do() {
    let pd = standin("PUSERZZ").await;
    let url = pd.url();
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("ledger.json");
    let now = instant(AT_RFC3339);
    let (preview, applied, again, before, after) = tokio::task::spawn_blocking(move || {
        let before = agrees(&url, &ledger, now);
        let preview = run(&url, &ledger, now, true);
        let applied = run(&url, &ledger, now, false);
        let again = run(&url, &ledger, now, false);
        let after = agrees(&url, &ledger, now);
        (preview, applied, again, before, after)
    })
    .await
    .unwrap();
    let Done::Preview { rows, requests } = preview else {
        panic!("a dry run previews: {preview:?}")
    };
    assert_eq!(rows.len(), 8, "{rows:#?}");
    assert_eq!(requests.len(), 2, "one POST per schedule: {requests:#?}");
    let Done::Applied { rows, failed } = applied else {
        panic!("a run applies: {applied:?}")
    };
    assert_eq!(failed, 0);
    assert!(
        rows.iter().all(|r| r.status == Status::Created),
        "{rows:#?}"
    );
    assert_eq!(pd.overrides().len(), 8);
    let Done::Applied { rows, failed } = again else {
        panic!("a rerun applies: {again:?}")
    };
    assert_eq!(failed, 0);
    assert!(rows.iter().all(|r| !r.is_change()), "{rows:#?}");
    assert_eq!(pd.overrides().len(), 8, "a rerun writes nothing");
    assert!(!before, "before the first run PagerDuty pages Zed");
    assert!(after, "after it, PagerDuty pages the roster's members");
}
