//! The ledger: the overrides dw created, so that ownership can be proved.
//!
//! PagerDuty keeps no author or note on an override. dw records each override
//! it creates (id, schedule, user, start, end, when). An override is dw's only
//! when its id is in the ledger AND its user, start and end still match the
//! entry; anything else was made (or changed) by a person. Pure: reading and
//! writing the file is in `store`.

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

/// The current file format.
pub const VERSION: u32 = 1;

impl Ledger {
    /// The entry that proves `o` (on `schedule`) is dw's, if any.
    pub fn proof(&self, schedule: &str, o: &Override) -> Option<&Entry> {
        self.overrides.iter().find(|e| {
            e.id == o.id
                && e.schedule == schedule
                && e.user == o.user
                && e.start == o.start
                && e.end == o.end
        })
    }

    /// Forget what can no longer matter for `schedule`, given its overrides as
    /// listed over `[since, until)`: entries that ended before `now`, entries
    /// whose override is gone from the listing although it would be in it, and
    /// entries whose override a person changed (it is theirs now).
    pub fn reconcile(
        &mut self,
        schedule: &str,
        listed: &[Override],
        since: DateTime<Utc>,
        until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) {
        self.overrides.retain(|e| {
            if e.schedule != schedule {
                return true;
            }
            if e.end <= now {
                return false;
            }
            let visible = e.start < until && e.end > since;
            match listed.iter().find(|o| o.id == e.id) {
                Some(o) => o.user == e.user && o.start == e.start && o.end == e.end,
                None => !visible,
            }
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
    fn reconcile_drops_past_gone_and_changed_entries_only() {
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
        assert_eq!(ids, ["KEEP", "LATER", "OTHER"]);
    }
}
