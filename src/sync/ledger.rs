//! The ledger: the overrides dw created, so that ownership can be proved.
//!
//! PagerDuty keeps no author or note on an override. dw records each override
//! it creates (id, schedule, user, start, end, when). An override is dw's only
//! when its id is in the ledger AND its user, start and end still match the
//! entry; anything else was made (or changed) by a person. An entry whose
//! override a person deleted (PagerDuty no longer lists it, its span is still
//! ahead, and dw did not delete it) stays as a tombstone, so that dw does not
//! write it again while the roster wants the same. Pure: reading and writing
//! the file is in `store`.
//!
//! A run can be killed at any instant, so dw writes ahead: each override it
//! is about to POST is recorded first as an [`Intent`] (schedule, user,
//! start, end, run), and each override it is about to DELETE is marked
//! `deleting`. The next run adopts an override that exactly matches an
//! intent (and no entry) as dw's, and forgets an intent that matches nothing
//! in a read covering its span (its POST never took effect); an entry marked
//! `deleting` that is gone was deleted by dw, not by a person.
//!
//! Nothing here goes because of dw's clock (`--at`, or a clock that is
//! ahead): an entry or intent goes only when PagerDuty's own data says its
//! override is gone (absent from a read that covers its span) or over (its end
//! before PagerDuty's clock, the `Date` of its answers).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An override as PagerDuty lists it, times as instants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Override {
    pub id: String,
    pub user: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// One override dw created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub schedule: String,
    pub user: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    /// When dw first saw the override gone from PagerDuty without having
    /// deleted it: a person deleted it, and dw does not write it again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_in_pagerduty: Option<DateTime<Utc>>,
    /// dw is deleting it (recorded before the DELETE): gone, it is not a
    /// person's deletion.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleting: bool,
}

/// An override dw is about to create, recorded before its POST.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Intent {
    pub schedule: String,
    pub user: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The run that meant to create it (`pid N, started WHEN`).
    pub run: String,
    pub recorded_at: DateTime<Utc>,
}

impl Intent {
    fn wants(&self, schedule: &str, o: &Override) -> bool {
        self.schedule == schedule
            && self.user == o.user
            && self.start == o.start
            && self.end == o.end
    }
}

/// What [`Ledger::adopt`] did for one schedule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Adopted {
    /// Overrides an earlier run created (its intents matched): dw's now.
    pub adopted: Vec<String>,
    /// Intents that matched nothing: their POST never took effect.
    pub dropped: usize,
}

impl Entry {
    /// Why dw calls the override its own, for `-v` and `--json`.
    pub fn reason(&self) -> String {
        format!(
            "created by dw at {} (ledger entry {} for {} {} → {})",
            self.created_at.to_rfc3339(),
            self.id,
            self.user,
            self.start.to_rfc3339(),
            self.end.to_rfc3339()
        )
    }
}

/// The ledger file's content.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ledger {
    /// Format version of the file.
    pub version: u32,
    pub overrides: Vec<Entry>,
    /// Overrides about to be created (recorded before their POST).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intents: Vec<Intent>,
}

/// The current file format (2: entries may be tombstones; 3: intents, and
/// entries being deleted). dw reads every version up to this one and refuses
/// newer ones.
pub const VERSION: u32 = 3;

/// Whether `[start, end)` overlaps `[since, until)`: a read of that window
/// lists an override of that span.
fn visible(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
) -> bool {
    start < until && end > since
}

/// Whether PagerDuty's clock says a span ending at `end` is over.
fn over(end: DateTime<Utc>, pagerduty_now: Option<DateTime<Utc>>) -> bool {
    pagerduty_now.is_some_and(|now| end <= now)
}

impl Ledger {
    /// The entry that proves `o` (on `schedule`) is dw's, if any.
    pub fn proof(&self, schedule: &str, o: &Override) -> Option<&Entry> {
        self.overrides.iter().find(|e| {
            e.deleted_in_pagerduty.is_none()
                && e.id == o.id
                && e.schedule == schedule
                && e.user == o.user
                && e.start == o.start
                && e.end == o.end
        })
    }

    /// Adopt what an earlier run (killed, or unsure of an answer) created:
    /// each intent of `schedule` that exactly matches an override `listed`
    /// over `[since, until)` which no entry proves becomes an entry; an
    /// intent that matches nothing although the read covers its span, or that
    /// PagerDuty's clock (`pagerduty_now`) says is over, is forgotten.
    pub fn adopt(
        &mut self,
        schedule: &str,
        listed: &[Override],
        since: DateTime<Utc>,
        until: DateTime<Utc>,
        pagerduty_now: Option<DateTime<Utc>>,
    ) -> Adopted {
        let mut done = Adopted::default();
        let intents = std::mem::take(&mut self.intents);
        for i in intents {
            if i.schedule != schedule {
                self.intents.push(i);
                continue;
            }
            let found = listed
                .iter()
                .find(|o| i.wants(schedule, o) && !self.overrides.iter().any(|e| e.id == o.id));
            match found {
                Some(o) => {
                    done.adopted.push(o.id.clone());
                    self.overrides.push(Entry {
                        id: o.id.clone(),
                        schedule: schedule.to_string(),
                        user: o.user.clone(),
                        start: o.start,
                        end: o.end,
                        created_at: i.recorded_at,
                        deleted_in_pagerduty: None,
                        deleting: false,
                    });
                }
                None if visible(i.start, i.end, since, until) || over(i.end, pagerduty_now) => {
                    done.dropped += 1;
                }
                None => self.intents.push(i),
            }
        }
        done
    }

    /// Bring the entries of `schedule` up to date with its overrides as listed
    /// over `[since, until)` (`now`: when, for the record). An entry listed
    /// with another user or span was changed by a person: it is theirs now.
    /// One gone from the listing although the read covers its span was
    /// deleted: by dw when it was marking it `deleting` (forgotten), else by a
    /// person (a tombstone). An entry the read does not cover stays, unless
    /// PagerDuty's clock (`pagerduty_now`) says it is over: never because of
    /// dw's own clock.
    pub fn reconcile(
        &mut self,
        schedule: &str,
        listed: &[Override],
        since: DateTime<Utc>,
        until: DateTime<Utc>,
        now: DateTime<Utc>,
        pagerduty_now: Option<DateTime<Utc>>,
    ) {
        self.overrides.retain_mut(|e| {
            if e.schedule != schedule {
                return true;
            }
            match listed.iter().find(|o| o.id == e.id) {
                Some(o) => {
                    let same = o.user == e.user && o.start == e.start && o.end == e.end;
                    if same {
                        e.deleted_in_pagerduty = None;
                        e.deleting = false;
                    }
                    same
                }
                None if visible(e.start, e.end, since, until) => {
                    if e.deleting {
                        return false;
                    }
                    if e.deleted_in_pagerduty.is_none() {
                        e.deleted_in_pagerduty = Some(now);
                    }
                    true
                }
                None => !over(e.end, pagerduty_now),
            }
        });
    }

    /// The tombstones of `schedule` still ahead of `now`: dw's overrides a
    /// person deleted in PagerDuty.
    pub fn tombstones<'a>(
        &'a self,
        schedule: &'a str,
        now: DateTime<Utc>,
    ) -> impl Iterator<Item = &'a Entry> + 'a {
        self.overrides.iter().filter(move |e| {
            e.schedule == schedule && e.deleted_in_pagerduty.is_some() && e.end > now
        })
    }

    /// Forget the tombstones of `schedule` over `[since, until)` that no row
    /// used (`used`: override ids of the plan's rows): the roster's wish for
    /// their span changed, so they no longer apply.
    pub fn drop_unused_tombstones(
        &mut self,
        schedule: &str,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
        used: &[&str],
    ) {
        self.overrides.retain(|e| {
            e.schedule != schedule
                || e.deleted_in_pagerduty.is_none()
                || !(e.start < until && e.end > since)
                || used.contains(&e.id.as_str())
        });
    }

    /// Record a new override of dw's, and forget the intent it fulfils.
    pub fn add(&mut self, schedule: &str, o: &Override, now: DateTime<Utc>) {
        self.overrides.retain(|e| e.id != o.id);
        if let Some(i) = self.intents.iter().position(|i| i.wants(schedule, o)) {
            self.intents.remove(i);
        }
        self.overrides.push(Entry {
            id: o.id.clone(),
            schedule: schedule.to_string(),
            user: o.user.clone(),
            start: o.start,
            end: o.end,
            created_at: now,
            deleted_in_pagerduty: None,
            deleting: false,
        });
    }

    /// Record, before its POST, that dw is about to create `wish` (its id
    /// is not known yet) on `schedule`.
    pub fn intend(&mut self, schedule: &str, wish: &Override, run: &str, now: DateTime<Utc>) {
        self.intents.push(Intent {
            schedule: schedule.to_string(),
            user: wish.user.clone(),
            start: wish.start,
            end: wish.end,
            run: run.to_string(),
            recorded_at: now,
        });
    }

    /// Forget the intent for `wish` on `schedule`: PagerDuty certainly did not create it.
    pub fn abandon(&mut self, schedule: &str, wish: &Override) {
        if let Some(i) = self.intents.iter().position(|i| i.wants(schedule, wish)) {
            self.intents.remove(i);
        }
    }

    /// Mark dw's override `id` as being deleted (before its DELETE), or no
    /// longer (`on` false: the DELETE failed, it is still there).
    pub fn deleting(&mut self, id: &str, on: bool) {
        for e in self.overrides.iter_mut().filter(|e| e.id == id) {
            e.deleting = on;
        }
    }

    /// Forget an override (deleted, or found gone).
    pub fn remove(&mut self, id: &str) {
        self.overrides.retain(|e| e.id != id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, day, 16, 0, 0).unwrap()
    }

    fn o(id: &str, user: &str, a: u32, b: u32) -> Override {
        Override {
            id: id.into(),
            user: user.into(),
            start: t(a),
            end: t(b),
        }
    }

    #[test]
    fn ownership_needs_the_id_and_the_same_user_and_span() {
        let mut l = Ledger::default();
        l.add("S1", &o("Q1", "U1", 3, 10), t(1));
        assert!(l.proof("S1", &o("Q1", "U1", 3, 10)).is_some());
        assert!(l.proof("S2", &o("Q1", "U1", 3, 10)).is_none());
        assert!(l.proof("S1", &o("Q1", "U2", 3, 10)).is_none());
        assert!(l.proof("S1", &o("Q1", "U1", 3, 9)).is_none());
        assert!(l.proof("S1", &o("Q2", "U1", 3, 10)).is_none());
    }

    #[test]
    fn reconcile_drops_changed_entries_and_keeps_gone_ones_as_tombstones() {
        let mut l = Ledger::default();
        l.add("S1", &o("PAST", "U1", 1, 2), t(1));
        l.add("S1", &o("GONE", "U1", 3, 10), t(1));
        l.add("S1", &o("EDIT", "U1", 10, 17), t(1));
        l.add("S1", &o("KEEP", "U1", 17, 24), t(1));
        l.add("S1", &o("LATER", "U1", 28, 30), t(1));
        l.add("S2", &o("OTHER", "U1", 3, 10), t(1));
        let listed = [o("EDIT", "U2", 10, 17), o("KEEP", "U1", 17, 24)];
        // PagerDuty's clock says the PAST one is over.
        l.reconcile("S1", &listed, t(3), t(25), t(3), Some(t(3)));
        let ids: Vec<&str> = l.overrides.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["GONE", "KEEP", "LATER", "OTHER"]);
        let dead: Vec<&str> = l.tombstones("S1", t(3)).map(|e| e.id.as_str()).collect();
        assert_eq!(dead, ["GONE"]);
        // A tombstone proves nothing, and goes once PagerDuty says its span has passed.
        assert!(l.proof("S1", &o("GONE", "U1", 3, 10)).is_none());
        l.reconcile("S1", &listed, t(11), t(25), t(11), Some(t(11)));
        assert_eq!(l.tombstones("S1", t(11)).count(), 0);
        assert!(!l.overrides.iter().any(|e| e.id == "GONE"));
    }

    /// `--at` in the future (or a clock that is ahead) reads a later window:
    /// the entries before it stay, so when the clock is back they still prove
    /// dw's overrides.
    #[test]
    fn a_clock_ahead_drops_nothing() {
        let mut l = Ledger::default();
        l.add("S1", &o("Q1", "U1", 3, 10), t(1));
        l.add("S1", &o("Q2", "U1", 10, 17), t(1));
        // The run believes it is day 20; PagerDuty's clock says day 2.
        l.reconcile("S1", &[], t(20), t(27), t(20), Some(t(2)));
        assert_eq!(l.overrides.len(), 2);
        assert!(l.overrides.iter().all(|e| e.deleted_in_pagerduty.is_none()));
        // Without PagerDuty's clock nothing is judged over either.
        l.reconcile("S1", &[], t(20), t(27), t(20), None);
        assert_eq!(l.overrides.len(), 2);
        // Back to day 2: both still dw's.
        let listed = [o("Q1", "U1", 3, 10), o("Q2", "U1", 10, 17)];
        l.reconcile("S1", &listed, t(2), t(20), t(2), Some(t(2)));
        assert!(l.proof("S1", &listed[0]).is_some() && l.proof("S1", &listed[1]).is_some());
    }

    #[test]
    fn an_override_dw_was_deleting_is_forgotten_not_a_tombstone() {
        let mut l = Ledger::default();
        l.add("S1", &o("Q1", "U1", 3, 10), t(1));
        l.add("S1", &o("Q2", "U1", 10, 17), t(1));
        l.deleting("Q1", true);
        l.deleting("Q2", true);
        // Q1's DELETE went through before the run was killed; Q2's did not.
        l.reconcile("S1", &[o("Q2", "U1", 10, 17)], t(2), t(20), t(2), None);
        let ids: Vec<&str> = l.overrides.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["Q2"]);
        assert!(!l.overrides[0].deleting, "still there: dw's again");
        assert_eq!(l.tombstones("S1", t(2)).count(), 0);
    }

    #[test]
    fn an_intent_is_adopted_once_by_an_exact_match_else_forgotten_when_the_read_covers_it() {
        let mut l = Ledger::default();
        let run = "pid 1, started then";
        l.intend("S1", &o("", "U1", 3, 10), run, t(1));
        l.intend("S1", &o("", "U1", 10, 17), run, t(1));
        l.intend("S1", &o("", "U2", 17, 24), run, t(1));
        l.intend("S1", &o("", "U1", 28, 30), run, t(1));
        l.intend("S2", &o("", "U1", 3, 10), run, t(1));
        let listed = [
            o("A", "U1", 3, 10),
            // Another user, or another span: not what dw sent.
            o("B", "U9", 10, 17),
            o("C", "U2", 17, 23),
        ];
        let got = l.adopt("S1", &listed, t(2), t(25), None);
        assert_eq!(got.adopted, ["A"]);
        assert_eq!(got.dropped, 2);
        assert!(l.proof("S1", &listed[0]).is_some());
        assert!(l.proof("S1", &listed[1]).is_none());
        // The one the read did not cover waits; the other schedule's is untouched.
        let left: Vec<(&str, u32)> = l
            .intents
            .iter()
            .map(|i| (i.schedule.as_str(), chrono::Datelike::day(&i.start)))
            .collect();
        assert_eq!(left, [("S1", 28), ("S2", 3)]);
        // An override already proven is not adopted a second time.
        l.intend("S1", &o("", "U1", 3, 10), run, t(1));
        let again = l.adopt("S1", &listed, t(2), t(25), None);
        assert!(again.adopted.is_empty());
        // PagerDuty's clock past the waiting one: forgotten.
        let late = l.adopt("S1", &[], t(2), t(25), Some(t(31)));
        assert_eq!(late.dropped, 1);
        assert_eq!(l.intents.len(), 1);
    }

    #[test]
    fn an_answer_turns_the_intent_into_an_entry_or_forgets_it() {
        let mut l = Ledger::default();
        l.intend("S1", &o("", "U1", 3, 10), "r", t(1));
        l.intend("S1", &o("", "U2", 10, 17), "r", t(1));
        l.add("S1", &o("Q1", "U1", 3, 10), t(1));
        l.abandon("S1", &o("", "U2", 10, 17));
        assert!(l.intents.is_empty());
        assert_eq!(l.overrides.len(), 1);
    }

    #[test]
    fn a_tombstone_no_row_uses_is_forgotten() {
        let mut l = Ledger::default();
        l.add("S1", &o("GONE", "U1", 3, 10), t(1));
        l.add("S1", &o("FAR", "U1", 28, 30), t(1));
        l.reconcile("S1", &[], t(3), t(31), t(3), None);
        l.drop_unused_tombstones("S1", t(3), t(25), &["FAR"]);
        let ids: Vec<&str> = l.overrides.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["FAR"]);
        l.drop_unused_tombstones("S1", t(3), t(31), &["GONE"]);
        assert!(l.overrides.is_empty());
    }
}
