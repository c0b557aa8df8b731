//! Applying the plan to one schedule, decided without I/O: which deletes each
//! row waits for, what is created, and what each answer of PagerDuty means.
//! The command sends the requests and reads PagerDuty again; this decides.
//!
//! Order: the deletes of dw's own overrides, then one batched POST of the
//! creates whose deletes all went through. A request whose answer proves
//! nothing is never sent twice: the overrides are read again instead.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::ledger::{Ledger, Override};
use super::reconcile::{delete_took_effect, Observed, Row, Status};

/// A DELETE of one of dw's overrides, and the plan rows that wait for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delete {
    pub id: String,
    /// Removed rows, and replaced rows (whose create waits for the delete).
    pub rows: Vec<usize>,
}

/// A row to create: its index in the plan and the override it wants (no id yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Create {
    pub row: usize,
    pub wish: Override,
}

/// One schedule's writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    pub schedule: String,
    pub deletes: Vec<Delete>,
    /// In the order of the POST's items.
    pub creates: Vec<Create>,
    /// The overrides PagerDuty listed before writing.
    listed: Vec<Override>,
}

/// What the answer to a DELETE proves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeleteAnswer {
    /// Deleted (or ended now), or already gone (404).
    Done,
    /// A 5xx or no answer: PagerDuty may have applied it.
    Unsure(String),
    /// Anything else: it may still be there.
    Failed(String),
}

/// What the answer to one item of the POST proves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreateAnswer {
    /// Created with this id; `copy` is PagerDuty's copy when it was readable.
    Created { id: String, copy: Option<Override> },
    /// PagerDuty refused it.
    Rejected(String),
    /// It may or may not have been created.
    Unsure(String),
}

/// A plan row's new state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowOutcome {
    pub row: usize,
    pub status: Status,
    pub override_id: Option<String>,
    pub error: Option<String>,
}

impl RowOutcome {
    /// The row failed, for `why`.
    pub fn failed(row: usize, why: String) -> Self {
        RowOutcome {
            row,
            status: Status::Failed,
            override_id: None,
            error: Some(why),
        }
    }
}

/// What came of a batch: the rows' new states and the ledger's changes.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub rows: Vec<RowOutcome>,
    /// dw's overrides that are gone from PagerDuty.
    pub gone: Vec<String>,
    /// dw's new overrides.
    pub created: Vec<Override>,
    /// Overrides sent that PagerDuty certainly did not create (refused, or
    /// not there when read again): their intents are forgotten.
    pub not_created: Vec<Override>,
}

impl Outcome {
    /// Write what PagerDuty answered into the ledger (of `schedule`): dw's
    /// overrides that are gone, its new ones (their intents fulfilled), and
    /// the intents of overrides certainly not created. An override whose
    /// DELETE is still unsure stays marked `deleting`; the next read settles it.
    pub fn record(&self, ledger: &mut Ledger, schedule: &str, now: DateTime<Utc>) {
        for id in &self.gone {
            ledger.remove(id);
        }
        for o in &self.created {
            ledger.add(schedule, o, now);
        }
        for w in &self.not_created {
            ledger.abandon(schedule, w);
        }
    }

    /// Write the new states into the plan's rows (an id or error only where there is one).
    pub fn update(&self, rows: &mut [Row]) {
        for o in &self.rows {
            let Some(r) = rows.get_mut(o.row) else {
                continue;
            };
            r.status = o.status;
            if o.override_id.is_some() {
                r.override_id.clone_from(&o.override_id);
            }
            if o.error.is_some() {
                r.error.clone_from(&o.error);
            }
        }
    }
}

/// The deletes answered: what is settled, and the deletes still unsure.
#[derive(Debug)]
pub struct AfterDeletes {
    out: Outcome,
    /// Rows whose delete failed: their creates are not sent.
    blocked: Vec<(usize, String)>,
    /// (index in `deletes`, why) of deletes whose answer proved nothing.
    unsure: Vec<(usize, String)>,
}

/// A create whose answer proved nothing: adopted only if found again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsure {
    /// Index in `creates`.
    create: usize,
    why: String,
    status: Status,
}

fn blocked_why(id: &str, why: &str) -> String {
    format!("deleting dw's override {id} failed, so its replacement was not sent: {why}")
}

impl Batch {
    /// The writes of `schedule` in the plan `rows`, with what PagerDuty listed (`seen`).
    pub fn new(schedule: &str, seen: &Observed, rows: &[Row]) -> Batch {
        let mut deletes: Vec<Delete> = Vec::new();
        let mut creates = Vec::new();
        for (i, r) in rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.schedule == schedule)
        {
            let waits: Vec<&String> = match r.status {
                Status::Removed => r.override_id.iter().collect(),
                Status::Replaced => r.replaces.iter().collect(),
                _ => Vec::new(),
            };
            for id in waits {
                match deletes.iter_mut().find(|d| d.id == *id) {
                    Some(d) => d.rows.push(i),
                    None => deletes.push(Delete {
                        id: id.clone(),
                        rows: vec![i],
                    }),
                }
            }
            if matches!(r.status, Status::Created | Status::Replaced) {
                creates.push(Create {
                    row: i,
                    wish: Override {
                        id: String::new(),
                        user: r.user.clone(),
                        start: r.from,
                        end: r.to,
                    },
                });
            }
        }
        Batch {
            schedule: schedule.to_string(),
            deletes,
            creates,
            listed: seen.overrides.clone(),
        }
    }

    /// Every plan row this batch changes.
    pub fn rows(&self) -> BTreeSet<usize> {
        let deleted = self.deletes.iter().flat_map(|d| d.rows.iter().copied());
        deleted.chain(self.creates.iter().map(|c| c.row)).collect()
    }

    /// The outcome when the batch could not run to the end (its thread
    /// failed): every row it changes failed with `why`; the ledger is unchanged.
    pub fn failed(&self, why: &str) -> Outcome {
        Outcome {
            rows: self
                .rows()
                .into_iter()
                .map(|r| RowOutcome::failed(r, why.to_string()))
                .collect(),
            ..Outcome::default()
        }
    }

    /// The answers to the deletes, in the order of `deletes`.
    pub fn deletes_answered(&self, answers: Vec<DeleteAnswer>) -> AfterDeletes {
        let mut after = AfterDeletes {
            out: Outcome::default(),
            blocked: Vec::new(),
            unsure: Vec::new(),
        };
        let mut answers = answers.into_iter();
        for (i, d) in self.deletes.iter().enumerate() {
            // A missing answer proves nothing was deleted.
            let answer = answers
                .next()
                .unwrap_or_else(|| DeleteAnswer::Failed("PagerDuty gave no answer".into()));
            match answer {
                DeleteAnswer::Done => after.done(d),
                DeleteAnswer::Unsure(why) => after.unsure.push((i, why)),
                DeleteAnswer::Failed(why) => {
                    for &r in &d.rows {
                        after.blocked.push((r, blocked_why(&d.id, &why)));
                    }
                }
            }
        }
        after
    }

    /// Whether a create waits for a delete (it replaces dw's override).
    fn status_of(&self, row: usize) -> Status {
        if self.deletes.iter().any(|d| d.rows.contains(&row)) {
            Status::Replaced
        } else {
            Status::Created
        }
    }

    /// The answers to the POST of the creates `sent` (indices in `creates`):
    /// proven creations and refusals go into `out`; the unsure ones are
    /// returned, to be looked for with [`Batch::adopt`].
    pub fn created(
        &self,
        out: &mut Outcome,
        sent: &[usize],
        answers: Vec<CreateAnswer>,
    ) -> Vec<Unsure> {
        let mut unsure = Vec::new();
        let mut answers = answers.into_iter();
        for &c in sent {
            // A missing answer proves nothing either way.
            let answer = answers
                .next()
                .unwrap_or_else(|| CreateAnswer::Unsure("PagerDuty gave no answer".into()));
            let Some(create) = self.creates.get(c) else {
                continue;
            };
            let status = self.status_of(create.row);
            match answer {
                CreateAnswer::Created { id, copy } => {
                    // PagerDuty's copy, or what was sent where it gave none.
                    let made = match copy {
                        Some(mut m) => {
                            if m.user.is_empty() {
                                m.user = create.wish.user.clone();
                            }
                            m
                        }
                        None => Override {
                            id,
                            ..create.wish.clone()
                        },
                    };
                    out.rows.push(RowOutcome {
                        row: create.row,
                        status,
                        override_id: Some(made.id.clone()),
                        error: None,
                    });
                    out.created.push(made);
                }
                CreateAnswer::Rejected(why) => {
                    out.not_created.push(create.wish.clone());
                    out.rows.push(RowOutcome::failed(create.row, why));
                }
                CreateAnswer::Unsure(why) => unsure.push(Unsure {
                    create: c,
                    why,
                    status,
                }),
            }
        }
        unsure
    }

    /// After a POST whose answer proved nothing for `unsure`, the overrides
    /// read `again`: an override that was not there before, not adopted
    /// yet, and exactly what was sent is dw's; otherwise the row failed.
    pub fn adopt(&self, out: &mut Outcome, unsure: Vec<Unsure>, again: Result<&[Override], &str>) {
        let before: BTreeSet<&str> = self.listed.iter().map(|o| o.id.as_str()).collect();
        let mut adopted: BTreeSet<String> = out.created.iter().map(|o| o.id.clone()).collect();
        for u in unsure {
            let Some(create) = self.creates.get(u.create) else {
                continue;
            };
            let sent = &create.wish;
            let found = again.ok().and_then(|list| {
                list.iter().find(|o| {
                    !before.contains(o.id.as_str())
                        && !adopted.contains(&o.id)
                        && o.user == sent.user
                        && o.start == sent.start
                        && o.end == sent.end
                })
            });
            match found {
                Some(o) => {
                    adopted.insert(o.id.clone());
                    out.rows.push(RowOutcome {
                        row: create.row,
                        status: u.status,
                        override_id: Some(o.id.clone()),
                        error: None,
                    });
                    out.created.push(o.clone());
                }
                None => {
                    let reread = match again {
                        Ok(_) => {
                            out.not_created.push(create.wish.clone());
                            "and it is not in PagerDuty".to_string()
                        }
                        // Unknown: the intent stays, for the next run to adopt or forget.
                        Err(e) => format!("and reading the overrides again failed: {e}"),
                    };
                    out.rows.push(RowOutcome::failed(
                        create.row,
                        format!("{}, {reread}", u.why),
                    ));
                }
            }
        }
    }
}

impl AfterDeletes {
    fn done(&mut self, d: &Delete) {
        self.out.gone.push(d.id.clone());
        for &r in &d.rows {
            self.out.rows.push(RowOutcome {
                row: r,
                status: Status::Removed,
                override_id: Some(d.id.clone()),
                error: None,
            });
        }
    }

    /// Whether a delete's answer proved nothing, so the overrides must be read again.
    pub fn needs_reread(&self) -> bool {
        !self.unsure.is_empty()
    }

    /// The overrides read `again` after unsure deletes: gone, or ended early
    /// (one in progress ends now), is done; otherwise the delete failed.
    pub fn reread(&mut self, batch: &Batch, again: Result<&[Override], &str>) {
        for (i, why) in std::mem::take(&mut self.unsure) {
            let Some(d) = batch.deletes.get(i) else {
                continue;
            };
            let before = batch.listed.iter().find(|o| o.id == d.id);
            let after = again.map(|list| list.iter().find(|o| o.id == d.id));
            let failed = match after {
                Ok(after) if delete_took_effect(before, after) => {
                    self.done(d);
                    continue;
                }
                Ok(_) => format!("{why}; it is still in PagerDuty"),
                Err(e) => format!("{why}; reading the overrides again failed: {e}"),
            };
            for &r in &d.rows {
                self.blocked.push((r, blocked_why(&d.id, &failed)));
            }
        }
    }

    /// The deletes settled: the outcome so far, and the creates to send
    /// (indices in `creates`, in order): those whose deletes all went through.
    /// A delete still unsure (not read again) blocks its rows too.
    pub fn finish(mut self, batch: &Batch) -> (Outcome, Vec<usize>) {
        for (i, why) in std::mem::take(&mut self.unsure) {
            if let Some(d) = batch.deletes.get(i) {
                for &r in &d.rows {
                    self.blocked.push((r, blocked_why(&d.id, &why)));
                }
            }
        }
        // Removed rows keep their status; replaced rows get theirs from the POST.
        self.out
            .rows
            .retain(|o| !batch.creates.iter().any(|c| c.row == o.row));
        for (r, why) in &self.blocked {
            self.out.rows.push(RowOutcome::failed(*r, why.clone()));
        }
        let send = (0..batch.creates.len())
            .filter(|&c| !self.blocked.iter().any(|(b, _)| *b == batch.creates[c].row))
            .collect();
        (self.out, send)
    }
}

#[cfg(test)]
#[path = "apply_tests.rs"]
mod tests;
