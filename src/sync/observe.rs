//! What PagerDuty shows against what the roster wants: the reads and the
//! comparison that `dw sync pagerduty` and `dw check --pagerduty` share.
//! Reads only: the commands send.

use std::thread::ScopedJoinHandle;

use chrono::{DateTime, Timelike, Utc};

use crate::error::{Error, Result};
use crate::pagerduty::{PagerDuty, ScheduleOverride};
use crate::roster::{Rank, Roster};
use crate::rotation::{Rotation, WeekIx};
use crate::sync::{self, scope, store, Ledger, Observed, Override, Row, Shift, Span};

/// Why a result is missing when the thread that was to produce it stopped
/// (a panic: a bug in dw). The one wording of it.
pub const THREAD_FAILED: &str = "PagerDuty: a request thread failed";

/// The result of every thread, in order; a thread that panicked is
/// `Err(THREAD_FAILED)`, never a default value.
pub fn join_all<T>(handles: Vec<ScopedJoinHandle<'_, T>>) -> Vec<Result<T, &'static str>> {
    handles
        .into_iter()
        .map(|h| h.join().map_err(|_| THREAD_FAILED))
        .collect()
}

/// [`join_all`] of threads that each return a `Result`: a panic is an error too.
fn join_results<T>(handles: Vec<ScopedJoinHandle<'_, Result<T>>>) -> Vec<Result<T>> {
    join_all(handles)
        .into_iter()
        .map(|r| r.unwrap_or_else(|why| Err(Error::service(why))))
        .collect()
}

fn instant(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// An override as PagerDuty gave it, if it has an id and readable times.
pub fn override_of(o: &ScheduleOverride) -> Option<Override> {
    Some(Override {
        id: o.id.clone().filter(|id| !id.is_empty())?,
        user: o.user.id.clone(),
        start: instant(&o.start)?,
        end: instant(&o.end)?,
    })
}

/// The roster's spans for `weeks` weeks from week `first`, or exit 2
/// naming a member without a PagerDuty ID.
pub fn wishes(roster: &Roster, first: WeekIx, weeks: usize) -> Result<Vec<Span>> {
    if roster.pagerduty.schedules.is_empty() {
        // The example names the roster's own first two roles.
        let example = Rank::up_to(roster.team.roles.len().min(2))
            .map(|rank| format!("{} = \"PSCHED{rank}\"", roster.role_name(rank)))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(Error::usage(
            "the roster has no [pagerduty] schedules to sync or compare",
            format!(
                "add schedules = {{ {example} }} under [pagerduty] (role name = PagerDuty schedule ID)"
            ),
        ));
    }
    let rot = Rotation::new(roster);
    let list = rot.weeks(first..first + weeks);
    sync::spans(&rot, &list).map_err(|e| {
        let hint = format!(
            "add pagerduty = \"PXXXXXX\" to member \"{}\" in the roster",
            e.member
        );
        Error::usage(e.to_string(), hint)
    })
}

/// `now` to the whole second (PagerDuty's precision).
pub fn now_s(now: DateTime<Utc>) -> DateTime<Utc> {
    now.with_nanosecond(0).unwrap_or(now)
}

/// The end of what a sync of `spans` reads and writes (at least `now`).
pub fn until(spans: &[Span], now: DateTime<Utc>) -> DateTime<Utc> {
    spans.iter().map(|s| s.to).max().unwrap_or(now).max(now)
}

/// The overrides of one schedule over `[since, until)`, each whole, read in
/// windows PagerDuty accepts (at once); one crossing windows is listed once.
pub fn read_overrides(
    pd: &PagerDuty<'_>,
    schedule: &str,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<Override>> {
    let parts = std::thread::scope(|s| {
        let handles = scope::windows(since, until)
            .into_iter()
            .map(|(a, b)| {
                s.spawn(move || {
                    pd.overrides(schedule, &a.to_rfc3339(), &b.to_rfc3339())
                        .map_err(Error::from)
                })
            })
            .collect();
        join_results(handles)
    });
    let mut out: Vec<Override> = Vec::new();
    for part in parts {
        for o in part?.iter().filter_map(override_of) {
            if !out.iter().any(|seen| seen.id == o.id) {
                out.push(o);
            }
        }
    }
    Ok(out)
}

/// What PagerDuty shows for one schedule over `[since, until)`: its overrides
/// and its final schedule, rendered in windows PagerDuty accepts.
fn observe_one(
    pd: &PagerDuty<'_>,
    schedule: &str,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Observed> {
    let windows = scope::windows(since, until);
    let (overrides, parts) = std::thread::scope(|s| {
        let overrides = s.spawn(|| read_overrides(pd, schedule, since, until));
        let parts = windows
            .iter()
            .map(|(a, b)| {
                s.spawn(move || {
                    pd.final_schedule(schedule, &a.to_rfc3339(), &b.to_rfc3339())
                        .map_err(Error::from)
                })
            })
            .collect();
        let parts = join_results(parts);
        let overrides = join_results(vec![overrides]).pop();
        (overrides, parts)
    });
    let mut shifts = Vec::new();
    let mut failed = None;
    for part in parts {
        match part {
            Ok(entries) => shifts.extend(entries.iter().filter_map(|e| {
                let user = e.user.as_ref()?;
                Some(Shift {
                    start: instant(&e.start)?,
                    end: instant(&e.end)?,
                    user: user.id.clone(),
                    name: user.summary.clone().filter(|n| !n.is_empty()),
                })
            })),
            // The last failure is the one reported.
            Err(e) => failed = Some(e),
        }
    }
    let overrides = overrides.unwrap_or_else(|| Err(Error::service(THREAD_FAILED)))?;
    if let Some(e) = failed {
        return Err(e);
    }
    Ok(Observed { overrides, shifts })
}

/// Read every schedule at once (one thread each).
pub fn observe(
    pd: &PagerDuty<'_>,
    schedules: &[String],
    since: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<Observed>> {
    std::thread::scope(|s| {
        let handles = schedules
            .iter()
            .map(|id| s.spawn(move || observe_one(pd, id, since, until)))
            .collect();
        join_results(handles).into_iter().collect()
    })
}

/// What [`compare`] found.
#[derive(Debug)]
pub struct Compared {
    /// The schedules, in the order of `observed`.
    pub ids: Vec<String>,
    pub observed: Vec<Observed>,
    pub rows: Vec<Row>,
    /// What the ledger learnt from the reads, one line each (for stderr):
    /// overrides adopted from an earlier run's intents, intents forgotten.
    pub notes: Vec<String>,
}

impl Compared {
    /// What PagerDuty's final schedule `schedule` shows (none if it was not read).
    pub fn shifts(&self, schedule: &str) -> &[Shift] {
        self.ids
            .iter()
            .position(|id| id == schedule)
            .and_then(|i| self.observed.get(i))
            .map_or(&[][..], |o| o.shifts.as_slice())
    }
}

/// The plan for the next `weeks` weeks: read PagerDuty, adopt what earlier
/// runs recorded an intent for, reconcile `ledger` with what it lists, and
/// compare. Shared by `sync` and `check --pagerduty`.
pub fn compare(
    roster: &Roster,
    pd: &PagerDuty<'_>,
    spans: &[Span],
    ledger: &mut Ledger,
    now: DateTime<Utc>,
) -> Result<Compared> {
    let now = now_s(now);
    let until = until(spans, now);
    let ids = scope::schedules(roster);
    let observed = observe(pd, &ids, now, until)?;
    // PagerDuty's clock, not dw's, says what is over.
    let pagerduty_now = pd.server_time();
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    for (id, seen) in ids.iter().zip(&observed) {
        let adopted = ledger.adopt(id, &seen.overrides, now, until, pagerduty_now);
        if !adopted.adopted.is_empty() {
            notes.push(format!(
                "dw: schedule {id}: {} override(s) an earlier run created before it was stopped are dw's: {}",
                adopted.adopted.len(),
                adopted.adopted.join(", ")
            ));
        }
        if adopted.dropped > 0 {
            notes.push(format!(
                "dw: schedule {id}: {} override(s) an earlier run meant to create are not in PagerDuty: they will be written again where the roster still wants them",
                adopted.dropped
            ));
        }
        ledger.reconcile(id, &seen.overrides, now, until, now, pagerduty_now);
        let planned = sync::plan(spans, id, seen, ledger, now);
        let used: Vec<&str> = planned
            .iter()
            .filter_map(|r| r.override_id.as_deref())
            .collect();
        ledger.drop_unused_tombstones(id, now, until, &used);
        rows.extend(planned);
    }
    scope::order(roster, &mut rows);
    Ok(Compared {
        ids,
        observed,
        rows,
        notes,
    })
}

/// The ledger, in the state folder `dir`, of the PagerDuty account `pd` talks to.
pub fn ledger_file(dir: &std::path::Path, pd: &PagerDuty<'_>) -> std::path::PathBuf {
    store::ledger_path(dir, pd.base_url())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicked_thread_is_an_error_not_a_default() {
        let got: Vec<Result<usize, &str>> = std::thread::scope(|s| {
            let handles = vec![
                s.spawn(|| 1),
                s.spawn(|| -> usize { panic!("boom (expected by this test)") }),
                s.spawn(|| 3),
            ];
            join_all(handles)
        });
        assert_eq!(got, [Ok(1), Err(THREAD_FAILED), Ok(3)]);
    }
}
