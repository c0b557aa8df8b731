//! Reconciling: the roster's spans against what PagerDuty shows, override by
//! override, as rows that say what a sync does with each (the plan).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::desired::Span;
use super::ledger::{Ledger, Override};
use crate::rotation::WeekIx;

/// One stretch of PagerDuty's rendered final schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shift {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub user: String,
    /// The user's name, when PagerDuty gave it.
    pub name: Option<String>,
}

/// What PagerDuty shows for one schedule from now on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Observed {
    /// Every override that overlaps the window, whole (not cut at its bounds).
    pub overrides: Vec<Override>,
    /// The final schedule (layers overlaid by overrides), in order.
    pub shifts: Vec<Shift>,
}

/// What happens (or would happen, or failed to) for one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// PagerDuty already shows the roster's wish.
    Unchanged,
    /// A new dw override for the span.
    Created,
    /// dw's own outdated overrides deleted, then a new one created.
    Replaced,
    /// A dw override nobody needs (a duplicate, or no longer the roster's wish) deleted.
    Removed,
    /// A person's override covers the span with someone else: left alone.
    Manual,
    /// PagerDuty did not take the change.
    Failed,
}

/// One row of the plan (and of the report).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub schedule: String,
    pub role: String,
    /// The roster week; none for a removed override.
    pub week: Option<WeekIx>,
    /// The roster member the span belongs to; none for a removed override.
    pub member: Option<String>,
    /// The PagerDuty user the roster wants (for a removed override: its user).
    pub user: String,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub status: Status,
    /// The override the row is about: dw's (unchanged, removed, created), or a person's (manual).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub override_id: Option<String>,
    /// Who a person's override puts on call (manual rows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub override_user: Option<String>,
    /// dw's own overrides deleted before the new one is created.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<String>,
    /// Why: the ledger entry that proves an override is dw's, or why it is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Why PagerDuty did not take the change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl Row {
    /// A change `dw sync pagerduty` would make.
    pub fn is_change(&self) -> bool {
        matches!(
            self.status,
            Status::Created | Status::Replaced | Status::Removed
        )
    }
}

fn overlaps(o: &Override, a: DateTime<Utc>, b: DateTime<Utc>) -> bool {
    o.start < b && o.end > a
}

/// `[from, to)` without the intervals `cut` (sorted by start).
fn uncovered(
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    cut: &[&Override],
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let mut pieces = Vec::new();
    let mut at = from;
    for c in cut {
        if c.start > at {
            pieces.push((at, c.start.min(to)));
        }
        at = at.max(c.end);
        if at >= to {
            break;
        }
    }
    if at < to {
        pieces.push((at, to));
    }
    pieces.retain(|(a, b)| a < b);
    pieces
}

/// Whether the final schedule has `user`, and only them, all through `[a, b)`.
pub fn shows(shifts: &[Shift], user: &str, a: DateTime<Utc>, b: DateTime<Utc>) -> bool {
    let mut at = a;
    let mut list: Vec<&Shift> = shifts.iter().filter(|s| s.end > a && s.start < b).collect();
    list.sort_by_key(|s| s.start);
    for s in list {
        if s.start > at || s.user != user {
            return false;
        }
        at = at.max(s.end);
    }
    at >= b
}

/// Whom the final schedule pages over `[a, b)`: each user once, in order of
/// their first shift there, with how long they are on call in it; empty when
/// nobody is.
pub fn paged(
    shifts: &[Shift],
    a: DateTime<Utc>,
    b: DateTime<Utc>,
) -> Vec<(&Shift, chrono::TimeDelta)> {
    let mut list: Vec<&Shift> = shifts.iter().filter(|s| s.end > a && s.start < b).collect();
    list.sort_by_key(|s| s.start);
    let mut out: Vec<(&Shift, chrono::TimeDelta)> = Vec::new();
    for s in list {
        let part = s.end.min(b) - s.start.max(a);
        match out.iter_mut().find(|(o, _)| o.user == s.user) {
            Some((_, d)) => *d += part,
            None => out.push((s, part)),
        }
    }
    out
}

/// Whether two overrides put the same user on call over the same time.
fn same(a: &Override, b: &Override) -> bool {
    a.user == b.user && a.start == b.start && a.end == b.end
}

/// The plan for one schedule: `spans` are the roster's (this schedule's only),
/// `observed` what PagerDuty shows, `ledger` dw's record of its overrides.
///
/// Rules: an override is dw's only with a ledger proof; a person's override is
/// never deleted, and dw writes only the parts of a span it does not cover
/// (the covered parts are `manual`, or `unchanged` when it agrees). dw's
/// override of exactly a span stays (`unchanged`) while it is under every
/// person's override inside it (PagerDuty shows the person there); else dw's
/// override matching an uncovered part exactly is kept, and dw's other
/// overrides there are replaced. Of identical copies (same user, start, end)
/// dw keeps its own only when its id sorts first among them, so two dw's with
/// two ledgers agree on which copy stays. A part where a person deleted dw's
/// override for the same wish (a ledger tombstone) is `manual`: not written
/// again. Nothing before `now` is judged or changed.
pub fn plan(
    spans: &[Span],
    schedule: &str,
    observed: &Observed,
    ledger: &Ledger,
    now: DateTime<Utc>,
) -> Vec<Row> {
    let found = sort_out(observed, schedule, ledger, now);
    let mut fates = Fates::default();
    let mut rows = Vec::new();
    for span in spans
        .iter()
        .filter(|s| s.schedule == schedule && s.to > now)
    {
        let wish = Wish {
            schedule,
            span,
            from: span.from.max(now),
        };
        rows.extend(span_rows(&wish, &found, &observed.shifts, now, &mut fates));
    }
    let role = spans
        .iter()
        .find(|s| s.schedule == schedule)
        .map_or("", |s| s.role.as_str());
    rows.extend(removals(&found, &fates, ledger, (schedule, role), now));
    rows
}

/// The live overrides of one schedule, sorted out by whose they are.
struct Found<'a> {
    live: Vec<&'a Override>,
    /// dw's, with the ledger's reason: of identical copies only the kept one.
    ours: Vec<(&'a Override, String)>,
    /// People's, by start and end.
    manual: Vec<&'a Override>,
    /// Copies of dw's kept overrides made outside this ledger (another
    /// machine's dw, or a person): reported, but they do not cut a span.
    copies: Vec<&'a Override>,
    /// dw's copies that yield to an identical override whose id sorts
    /// first: (id, that first id).
    yielded: Vec<(String, String)>,
    /// dw's overrides a person deleted: never written again.
    tombstones: Vec<Override>,
}

/// What the spans decided about dw's overrides, by id.
#[derive(Default)]
struct Fates {
    kept: Vec<String>,
    /// (duplicate, the copy kept instead).
    duplicates: Vec<(String, String)>,
    replaced: Vec<String>,
}

/// Sort the overrides PagerDuty lists (those not over by `now`) into dw's,
/// with a ledger proof, and people's.
fn sort_out<'a>(
    observed: &'a Observed,
    schedule: &str,
    ledger: &Ledger,
    now: DateTime<Utc>,
) -> Found<'a> {
    let live: Vec<&Override> = observed.overrides.iter().filter(|o| o.end > now).collect();
    let mut ours: Vec<(&Override, String)> = Vec::new();
    let mut manual: Vec<&Override> = Vec::new();
    for o in live.iter().copied() {
        match ledger.proof(schedule, o) {
            Some(entry) => ours.push((o, entry.reason())),
            None => manual.push(o),
        }
    }
    // The tie-break among identical copies: the smallest id stays.
    let mut yielded: Vec<(String, String)> = Vec::new();
    ours.retain(|(o, _)| {
        let first = live
            .iter()
            .filter(|c| same(c, o))
            .map(|c| c.id.as_str())
            .min()
            .unwrap_or(o.id.as_str());
        if first != o.id {
            yielded.push((o.id.clone(), first.to_string()));
        }
        first == o.id
    });
    let (copies, mut manual): (Vec<&Override>, Vec<&Override>) = manual
        .into_iter()
        .partition(|m| ours.iter().any(|(o, _)| same(o, m)));
    ours.sort_by(|a, b| (a.0.start, &a.0.id).cmp(&(b.0.start, &b.0.id)));
    manual.sort_by_key(|o| (o.start, o.end));
    let tombstones = ledger
        .tombstones(schedule, now)
        .map(|e| Override {
            id: e.id.clone(),
            user: e.user.clone(),
            start: e.start,
            end: e.end,
        })
        .collect();
    Found {
        live,
        ours,
        manual,
        copies,
        yielded,
        tombstones,
    }
}

/// One span of the roster's, from `from` (its start, or now) to its end.
struct Wish<'s> {
    schedule: &'s str,
    span: &'s Span,
    from: DateTime<Utc>,
}

impl Wish<'_> {
    /// A row of this span from `a` to `b`.
    fn row(
        &self,
        a: DateTime<Utc>,
        b: DateTime<Utc>,
        status: Status,
        id: Option<&String>,
        reason: Option<String>,
    ) -> Row {
        Row {
            schedule: self.schedule.to_string(),
            role: self.span.role.clone(),
            week: Some(self.span.week),
            member: Some(self.span.member.clone()),
            user: self.span.user.clone(),
            from: a,
            to: b,
            status,
            override_id: id.cloned(),
            override_user: None,
            replaces: Vec::new(),
            reason,
            error: None,
        }
    }

    /// A row for someone else's override `o` inside this span.
    fn theirs(&self, o: &Override, status: Status, reason: &str) -> Row {
        let mut r = self.row(
            o.start.max(self.from),
            o.end.min(self.span.to),
            status,
            Some(&o.id),
            Some(reason.into()),
        );
        r.override_user = Some(o.user.clone());
        r
    }
}

/// The rows of one span: people's overrides inside it as they are, then
/// the parts they leave uncovered, kept, written or replaced.
fn span_rows(
    wish: &Wish<'_>,
    found: &Found<'_>,
    shifts: &[Shift],
    now: DateTime<Utc>,
    fates: &mut Fates,
) -> Vec<Row> {
    let (s, from) = (wish.span, wish.from);
    let theirs: Vec<&Override> = found
        .manual
        .iter()
        .copied()
        .filter(|m| overlaps(m, from, s.to))
        .collect();
    let mut rows: Vec<Row> = theirs
        .iter()
        .map(|m| {
            if m.user == s.user {
                wish.theirs(
                    m,
                    Status::Unchanged,
                    "made outside dw; it agrees with the roster",
                )
            } else {
                wish.theirs(m, Status::Manual, "made outside dw; dw leaves it in place")
            }
        })
        .collect();
    rows.extend(found.copies.iter().filter(|c| overlaps(c, from, s.to)).map(|c| {
        wish.theirs(
            c,
            Status::Manual,
            "a copy of dw's override made outside this dw's ledger (another dw?); dw keeps its own, whose id sorts first",
        )
    }));
    // dw's override of the whole span still says what the roster wants,
    // unless it was laid over a person's (PagerDuty shows dw's user there).
    let whole = found
        .ours
        .iter()
        .filter(|(o, _)| o.user == s.user && o.end == s.to && o.start.max(now) == from)
        .find(|_| {
            theirs.iter().all(|m| {
                m.user == s.user || !shows(shifts, &s.user, m.start.max(from), m.end.min(s.to))
            })
        });
    if let Some((o, reason)) = whole {
        fates.kept.push(o.id.clone());
        for (a, b) in uncovered(from, s.to, &theirs) {
            rows.push(wish.row(a, b, Status::Unchanged, Some(&o.id), Some(reason.clone())));
        }
    } else {
        // A person deleted dw's override for this very wish: left alone.
        let dead: Vec<&Override> = found
            .tombstones
            .iter()
            .filter(|t| {
                t.user == s.user
                    && t.start.max(now) >= from
                    && t.end <= s.to
                    && overlaps(t, from, s.to)
            })
            .collect();
        for (a, b) in uncovered(from, s.to, &theirs) {
            for t in dead.iter().filter(|t| overlaps(t, a, b)) {
                let (a, b) = (t.start.max(a), t.end.min(b));
                rows.push(wish.row(a, b, Status::Manual, Some(&t.id), Some(DELETED.into())));
            }
            for (a, b) in uncovered(a, b, &dead) {
                rows.push(part_row(wish, found, shifts, now, (a, b), fates));
            }
        }
    }
    rows.sort_by_key(|r| (r.from, r.status == Status::Manual));
    rows
}

/// The row of a part of a span nobody else covers: dw's override of
/// exactly that part stays, PagerDuty's own layers may already have the
/// member, else it is written (replacing dw's overrides there).
fn part_row(
    wish: &Wish<'_>,
    found: &Found<'_>,
    shifts: &[Shift],
    now: DateTime<Utc>,
    (a, b): (DateTime<Utc>, DateTime<Utc>),
    fates: &mut Fates,
) -> Row {
    let user = &wish.span.user;
    let exact: Vec<&(&Override, String)> = found
        .ours
        .iter()
        .filter(|(o, _)| o.user == *user && o.end == b && o.start.max(now) == a)
        .collect();
    if let Some((first, reason)) = exact.first() {
        fates.kept.push(first.id.clone());
        for (dup, _) in &exact[1..] {
            fates.duplicates.push((dup.id.clone(), first.id.clone()));
        }
        return wish.row(
            a,
            b,
            Status::Unchanged,
            Some(&first.id),
            Some(reason.clone()),
        );
    }
    let stale: Vec<String> = found
        .ours
        .iter()
        .filter(|(o, _)| overlaps(o, a, b))
        .map(|(o, _)| o.id.clone())
        .collect();
    if stale.is_empty() && shows(shifts, user, a, b) {
        let why = "PagerDuty's own schedule has them";
        return wish.row(a, b, Status::Unchanged, None, Some(why.into()));
    }
    let status = if stale.is_empty() {
        Status::Created
    } else {
        Status::Replaced
    };
    let mut r = wish.row(a, b, status, None, None);
    fates.replaced.extend(stale.iter().cloned());
    r.replaces = stale;
    r
}

/// The rows of dw's overrides no span kept or replaced: removed, as no
/// longer wanted, as a duplicate, or as a copy yielding to an identical one.
fn removals(
    found: &Found<'_>,
    fates: &Fates,
    ledger: &Ledger,
    (schedule, role): (&str, &str),
    now: DateTime<Utc>,
) -> Vec<Row> {
    let removed = found
        .ours
        .iter()
        .map(|(o, _)| *o)
        .filter(|o| !fates.kept.contains(&o.id) && !fates.replaced.contains(&o.id))
        .map(|o| {
            let reason = match fates.duplicates.iter().find(|(d, _)| *d == o.id) {
                Some((_, first)) => format!("a duplicate of dw's override {first}"),
                None => "dw's override, no longer what the roster wants".into(),
            };
            (o, reason)
        });
    let yielded = found.yielded.iter().filter_map(|(id, first)| {
        let o = found.live.iter().find(|o| o.id == *id)?;
        let reason = if ledger.overrides.iter().any(|e| e.id == *first) {
            format!("a duplicate of dw's override {first}")
        } else {
            format!(
                "an identical override {first} exists (not in this dw's ledger: another dw's, or a person's) and its id sorts first, so dw removes its own copy"
            )
        };
        Some((*o, reason))
    });
    let mut gone: Vec<(&Override, String)> = removed.chain(yielded).collect();
    gone.sort_by(|a, b| (a.0.start, &a.0.id).cmp(&(b.0.start, &b.0.id)));
    gone.into_iter()
        .map(|(o, reason)| Row {
            schedule: schedule.to_string(),
            role: role.to_string(),
            week: None,
            member: None,
            user: o.user.clone(),
            from: o.start.max(now),
            to: o.end,
            status: Status::Removed,
            override_id: Some(o.id.clone()),
            override_user: None,
            replaces: Vec::new(),
            reason: Some(reason),
            error: None,
        })
        .collect()
}

/// After a DELETE whose answer proves nothing (a 5xx, a timeout), whether it
/// took effect, from the override as listed before (`before`) and as listed
/// again (`after`): gone, or cut short (one in progress ends now), is done;
/// still there whole, it is not (and the DELETE is not sent twice).
pub fn delete_took_effect(before: Option<&Override>, after: Option<&Override>) -> bool {
    match (before, after) {
        (_, None) => true,
        (Some(b), Some(a)) => a.end < b.end,
        (None, Some(_)) => false,
    }
}

/// The reason of a part where a person deleted dw's override.
pub const DELETED: &str = "dw's override was deleted in PagerDuty; left alone";

#[cfg(test)]
#[path = "reconcile_tests.rs"]
mod tests;
