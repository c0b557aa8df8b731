//! The "truth" team (`tests/fixtures/truth-*.toml`, America/Chicago) and a
//! PagerDuty stand-in set up for it: the fixtures of the sync, check, plan and
//! who tests.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::standin::pagerduty::{Base, PagerDuty, Schedule, Span, TOKEN};
use super::standin::Seen;
use super::{fixture_text, Dw, Run, Sandbox};

/// The team of the sync, check, plan and who tests (America/Chicago).
pub const TEAM: &str = "truth-team.toml";
/// Tuesday 2026-03-03 12:00 in Chicago: two hours into week 8 (ada, bob, cy, dee).
pub const AT: &str = "2026-03-03T12:00";
/// `AT` as an instant.
pub const AT_RFC3339: &str = "2026-03-03T12:00:00-06:00";
/// Thursday of the same week: a later run, as a scheduled job would make it.
pub const LATER: &str = "2026-03-05T08:00";
pub const LATER_RFC3339: &str = "2026-03-05T08:00:00-06:00";

pub const PRIMARY: &str = "PSCHEDP";
pub const SECONDARY: &str = "PSCHEDS";
pub const PD_ACCEPT: &str = "application/vnd.pagerduty+json;version=2";

/// Weeks 8–11 of truth-team.toml: bounds (local, as dw sends them), primary and
/// secondary PagerDuty users. Week 8 crosses the DST change of March 8.
pub const WEEKS: [(&str, &str, &str, &str); 4] = [
    (
        "2026-03-03T10:00:00-06:00",
        "2026-03-10T10:00:00-05:00",
        "PUSERA1",
        "PUSERB1",
    ),
    (
        "2026-03-10T10:00:00-05:00",
        "2026-03-17T10:00:00-05:00",
        "PUSERB1",
        "PUSERC1",
    ),
    (
        "2026-03-17T10:00:00-05:00",
        "2026-03-24T10:00:00-05:00",
        "PUSERC1",
        "PUSERD1",
    ),
    (
        "2026-03-24T10:00:00-05:00",
        "2026-03-31T10:00:00-05:00",
        "PUSERD1",
        "PUSERA1",
    ),
];

pub fn instant(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .unwrap_or_else(|e| panic!("not RFC 3339: {s:?} ({e})"))
        .with_timezone(&Utc)
}

/// A stand-in with the team's users, its clock at `AT`, and the two
/// schedules: primary on an escalation policy, secondary on none; both with
/// `base_user` on call forever below any override.
pub async fn standin(base_user: &str) -> PagerDuty {
    let pd = PagerDuty::start().await;
    pd.set_now(instant(AT_RFC3339));
    for (id, name) in [
        ("PUSERA1", "Ada Lovelace"),
        ("PUSERB1", "Bob O'Brien"),
        ("PUSERC1", "Cy Young"),
        ("PUSERD1", "Dee Dee"),
        ("PUSERZZ", "Zed Stranger"),
        ("PUSERHH", "Hal Hand"),
    ] {
        pd.add_user(id, name);
    }
    for (id, policy) in [(PRIMARY, true), (SECONDARY, false)] {
        pd.add_schedule(Schedule {
            id: id.into(),
            name: format!("Truthful {id}"),
            time_zone: "America/Chicago".into(),
            on_escalation_policy: policy,
            base: everyone(base_user),
        });
    }
    pd
}

/// One user on a schedule's layers, forever.
pub fn everyone(user: &str) -> Base {
    Base::Spans(vec![Span {
        start: instant("2020-01-01T00:00:00Z"),
        end: instant("2030-01-01T00:00:00Z"),
        user: user.into(),
    }])
}

/// The checks only these tests make, on the shared [`Run`].
pub trait Truth {
    /// [`Run::code`], and neither a panic nor the token in what dw printed.
    fn exits(&self, code: i32) -> &Run;
    /// The rows of the sync report: (week, role, member, status).
    fn sync_rows(&self) -> Vec<(String, String, String, String)>;
}

impl Truth for Run {
    fn exits(&self, code: i32) -> &Run {
        self.code(code);
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        assert!(
            !self.stdout.contains(TOKEN) && !self.stderr.contains(TOKEN),
            "the token was printed"
        );
        self
    }

    fn sync_rows(&self) -> Vec<(String, String, String, String)> {
        self.stdout
            .lines()
            .skip_while(|l| !l.trim_start().starts_with("WEEK"))
            .skip(1)
            .take_while(|l| l.starts_with(' ') && !l.starts_with("  "))
            .map(|l| {
                let cols: Vec<&str> = l.split_whitespace().collect();
                // week, role, member, from (3 words), to (3 words), status;
                // the notes under the table are indented by two spaces
                (
                    cols[0].to_string(),
                    cols[1].to_string(),
                    cols[2].to_string(),
                    cols[9..].join(" "),
                )
            })
            .collect()
    }
}

/// `dw ARGS…` with the stand-in's URL and (optionally) the token.
pub fn dw(sandbox: &Sandbox, pd: Option<&PagerDuty>, token: bool, args: &[&str]) -> Dw {
    let mut cmd = sandbox.dw(args);
    cmd.env("DW_HTTP_BACKOFF_MS", "1")
        .env("DW_HTTP_RETRIES", "1")
        .env("DW_HTTP_TIMEOUT", "10");
    if let Some(pd) = pd {
        cmd.env("DW_PAGERDUTY_URL", pd.url());
    }
    if token {
        cmd.env("PAGERDUTY_TOKEN", TOKEN);
    }
    cmd
}

/// Run a blocking `dw` while the stand-in keeps serving on the runtime.
pub async fn run(cmd: Dw) -> Run {
    cmd.run_async().await
}

/// `dw --at AT sync pagerduty EXTRA…` with the stand-in and the token.
pub async fn sync(sandbox: &Sandbox, pd: &PagerDuty, at: &str, extra: &[&str]) -> Run {
    let mut args = vec!["--at", at, "sync", "pagerduty"];
    args.extend_from_slice(extra);
    run(dw(sandbox, Some(pd), true, &args)).await
}

/// `dw --at AT check --pagerduty EXTRA…` with the stand-in and the token.
pub async fn check(sandbox: &Sandbox, pd: &PagerDuty, at: &str, extra: &[&str]) -> Run {
    let mut args = vec!["--at", at, "check", "--pagerduty"];
    args.extend_from_slice(extra);
    run(dw(sandbox, Some(pd), true, &args)).await
}

/// Replace the sandbox's roster with `text`.
pub fn rewrite_roster(sandbox: &Sandbox, name: &str, text: &str) {
    std::fs::write(sandbox.work().join(name), text).unwrap();
}

/// The roster with one more override appended.
pub fn with_override(week: &str, role: &str, member: &str, reason: &str) -> String {
    format!(
        "{}\n[[overrides]]\nweek = {week}\nrole = \"{role}\"\nmember = \"{member}\"\nreason = \"{reason}\"\n",
        fixture_text(TEAM)
    )
}

/// The overrides dw should POST to one schedule for weeks 8–11, the current
/// week starting at `now` (PagerDuty's past is not rewritten).
pub fn expected_items(now: &str, column: usize) -> Vec<Value> {
    WEEKS
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let user = if column == 0 { w.2 } else { w.3 };
            json!({
                "start": if i == 0 { now } else { w.0 },
                "end": w.1,
                "user": {"id": user, "type": "user_reference"},
                "time_zone": "America/Chicago",
            })
        })
        .collect()
}

/// The writes (POST, DELETE) the stand-in received, from request number `from` on.
pub fn writes(pd: &PagerDuty, from: usize) -> Vec<Seen> {
    pd.requests()
        .into_iter()
        .skip(from)
        .filter(Seen::writes)
        .collect()
}

/// Each (schedule, user, start, end) held, and how many times.
pub fn spans_held(pd: &PagerDuty) -> BTreeMap<(String, String, String, String), usize> {
    let mut out = BTreeMap::new();
    for o in pd.overrides() {
        *out.entry((o.schedule, o.user, o.start.to_rfc3339(), o.end.to_rfc3339()))
            .or_default() += 1;
    }
    out
}

/// No span is held twice.
pub fn assert_no_duplicates(pd: &PagerDuty) {
    let dups: Vec<_> = spans_held(pd).into_iter().filter(|(_, n)| *n > 1).collect();
    assert!(dups.is_empty(), "duplicate overrides: {dups:#?}");
}
