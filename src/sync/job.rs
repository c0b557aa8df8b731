//! One sync, start to end, in the order it must happen: the roster's wishes,
//! the lock, the ledger, PagerDuty's overrides read and compared, the plan,
//! the batches sent (each step recorded before it is sent), the ledger saved.
//! `dw sync pagerduty` builds the client and prints; `dw check --pagerduty`
//! runs the same reads and comparison through [`Job::compare`].

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::error::Result;
use crate::http::Request;
use crate::pagerduty::PagerDuty;
use crate::roster::Roster;
use crate::rotation::WeekIx;

use super::apply::Batch;
use super::observe::{self, join_all, Compared};
use super::{send, store, Ledger, Row, Span, Status};

/// A sync of the weeks from `first` on, decided before anything is read.
pub struct Job<'a> {
    roster: &'a Roster,
    spans: Vec<Span>,
    now: DateTime<Utc>,
}

/// How a sync ended.
#[derive(Debug)]
pub enum Done {
    /// What would happen (`rows`), and the requests that would do it.
    Preview {
        rows: Vec<Row>,
        requests: Vec<Request>,
    },
    /// What happened, row by row; `failed` rows PagerDuty did not take.
    Applied { rows: Vec<Row>, failed: usize },
}

/// What PagerDuty shows against the roster, read without writing anything.
pub struct Reading {
    pub compared: Compared,
    /// The spans compared (those not over yet).
    pub spans: usize,
    /// Whether PagerDuty's final schedule pages the roster's member all
    /// through every span compared.
    pub agrees: bool,
}

/// What a running sync tells the person running it, as it happens.
pub trait Say: Sync {
    /// A warning shown even with `--quiet` (a stale lock taken over).
    fn warn(&self, text: &str);
    /// A note about what the reads found (an intent adopted, an entry dropped).
    fn note(&self, text: &str);
}

impl<'a> Job<'a> {
    /// The roster's spans for `weeks` weeks from week `first` (exit 2 when
    /// the roster has no schedules or a member no PagerDuty ID).
    pub fn new(
        roster: &'a Roster,
        first: WeekIx,
        weeks: usize,
        now: DateTime<Utc>,
    ) -> Result<Self> {
        Ok(Job {
            roster,
            spans: observe::wishes(roster, first, weeks)?,
            now,
        })
    }

    /// No week in range has a rank with a schedule: nothing to read or send.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The ledger file of the PagerDuty account `pd` talks to, in `state_dir`.
    pub fn ledger_file(state_dir: &Path, pd: &PagerDuty<'_>) -> PathBuf {
        observe::ledger_file(state_dir, pd)
    }

    /// Compare without writing: no lock, the ledger read but never saved
    /// (without one, every override counts as a person's).
    pub fn compare(&self, pd: &PagerDuty<'_>, ledger: Option<&Path>) -> Result<Reading> {
        let mut ledger = match ledger {
            Some(path) => store::load(path)?,
            None => Ledger::default(),
        };
        let compared = observe::compare(self.roster, pd, &self.spans, &mut ledger, self.now)?;
        let now = observe::now_s(self.now);
        let live = || self.spans.iter().filter(|s| s.to > now);
        let agrees = live().all(|s| {
            super::reconcile::shows(compared.shifts(&s.schedule), &s.user, s.from.max(now), s.to)
        });
        Ok(Reading {
            spans: live().count(),
            agrees,
            compared,
        })
    }

    /// Run the sync against `pd`, with the ledger at `ledger_path` and this
    /// run named `run` (in the lock and the intents). A dry run takes no
    /// lock and sends nothing.
    pub fn run(
        &self,
        pd: &PagerDuty<'_>,
        ledger_path: &Path,
        run: &str,
        dry_run: bool,
        say: &dyn Say,
    ) -> Result<Done> {
        let tz = self.roster.team.timezone;
        // A dry run changes nothing, so it needs no lock.
        let _lock = if dry_run {
            None
        } else {
            Some(store::lock(ledger_path, run, &|w| say.warn(w))?)
        };
        let mut ledger = store::load(ledger_path)?;
        let Compared {
            ids,
            observed,
            mut rows,
            notes,
        } = observe::compare(self.roster, pd, &self.spans, &mut ledger, self.now)?;
        let batches: Vec<Batch> = ids
            .iter()
            .zip(&observed)
            .map(|(id, seen)| Batch::new(id, seen, &rows))
            .collect();
        if dry_run {
            let requests = batches
                .iter()
                .flat_map(|b| send::requests(pd, b, tz))
                .collect();
            return Ok(Done::Preview { rows, requests });
        }
        for n in &notes {
            say.note(n);
        }
        let now = observe::now_s(self.now);
        let until = observe::until(&self.spans, now);
        // Every change of the ledger is saved as it happens: intents before
        // a POST, answers as they come.
        let journal = store::Journal::new(ledger_path.to_path_buf(), ledger, run.to_string());
        // Each schedule on its own thread: its deletes, then its one POST.
        let results = std::thread::scope(|s| {
            let handles = batches
                .iter()
                .map(|b| s.spawn(|| send::batch(pd, b, tz, now, until, &journal)))
                .collect();
            join_all(handles)
        });
        for (batch, outcome) in batches.iter().zip(results) {
            // A batch whose thread failed changed who knows what: its rows
            // failed (its intents stay, for the next run to adopt or forget).
            let outcome = outcome.unwrap_or_else(|why| batch.failed(why));
            outcome.update(&mut rows);
        }
        // What the reads taught the ledger, also when nothing was written.
        journal.update(|_, _| {})?;
        let failed = rows.iter().filter(|r| r.status == Status::Failed).count();
        Ok(Done::Applied { rows, failed })
    }
}
