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
}

/// The current file format (2: entries may be tombstones). dw reads every
/// version up to this one and refuses newer ones.
pub const VERSION: u32 = 2;

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

    /// Bring the entries of `schedule` up to date with its overrides as listed
    /// over `[since, until)`: forget entries that ended before `now` and
    /// entries whose override a person changed (it is theirs now); an entry
    /// whose override is gone from the listing although it would be in it was
    /// deleted by a person (dw forgets the ones it deletes itself), so it
    /// becomes a tombstone.
    pub fn reconcile(
        &mut self,
        schedule: &str,
        listed: &[Override],
        since: DateTime<Utc>,
        until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) {
        self.overrides.retain_mut(|e| {
            if e.schedule != schedule {
                return true;
            }
            if e.end <= now {
                return false;
            }
            let visible = e.start < until && e.end > since;
            match listed.iter().find(|o| o.id == e.id) {
                Some(o) => {
                    let same = o.user == e.user && o.start == e.start && o.end == e.end;
                    if same {
                        e.deleted_in_pagerduty = None;
                    }
                    same
                }
                None => {
                    if visible && e.deleted_in_pagerduty.is_none() {
                        e.deleted_in_pagerduty = Some(now);
                    }
                    true
                }
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

    /// Record a new override of dw's.
    pub fn add(&mut self, schedule: &str, o: &Override, now: DateTime<Utc>) {
        self.overrides.retain(|e| e.id != o.id);
        self.overrides.push(Entry {
            id: o.id.clone(),
            schedule: schedule.to_string(),
            user: o.user.clone(),
            start: o.start,
            end: o.end,
            created_at: now,
            deleted_in_pagerduty: None,
        });
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
    fn reconcile_drops_past_and_changed_entries_and_keeps_gone_ones_as_tombstones() {
        let mut l = Ledger::default();
        l.add("S1", &o("PAST", "U1", 1, 2), t(1));
        l.add("S1", &o("GONE", "U1", 3, 10), t(1));
        l.add("S1", &o("EDIT", "U1", 10, 17), t(1));
        l.add("S1", &o("KEEP", "U1", 17, 24), t(1));
        l.add("S1", &o("LATER", "U1", 28, 30), t(1));
        l.add("S2", &o("OTHER", "U1", 3, 10), t(1));
        let listed = [o("EDIT", "U2", 10, 17), o("KEEP", "U1", 17, 24)];
        l.reconcile("S1", &listed, t(3), t(25), t(3));
        let ids: Vec<&str> = l.overrides.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["GONE", "KEEP", "LATER", "OTHER"]);
        let dead: Vec<&str> = l.tombstones("S1", t(3)).map(|e| e.id.as_str()).collect();
        assert_eq!(dead, ["GONE"]);
        // A tombstone proves nothing, and goes once its span has passed.
        assert!(l.proof("S1", &o("GONE", "U1", 3, 10)).is_none());
        l.reconcile("S1", &listed, t(11), t(25), t(11));
        assert_eq!(l.tombstones("S1", t(11)).count(), 0);
    }

    #[test]
    fn a_tombstone_no_row_uses_is_forgotten() {
        let mut l = Ledger::default();
        l.add("S1", &o("GONE", "U1", 3, 10), t(1));
        l.add("S1", &o("FAR", "U1", 28, 30), t(1));
        l.reconcile("S1", &[], t(3), t(31), t(3));
        l.drop_unused_tombstones("S1", t(3), t(25), &["FAR"]);
        let ids: Vec<&str> = l.overrides.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["FAR"]);
        l.drop_unused_tombstones("S1", t(3), t(31), &["GONE"]);
        assert!(l.overrides.is_empty());
    }
}
