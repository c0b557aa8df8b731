//! Covers: a rank handed to a member for a span of time shorter than, or
//! crossing, a week. A cover changes neither the queue nor any week's ranks;
//! it only changes who answers for one rank between two instants.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

use super::{resolve_local, Rotation, Week, WeekIx, MAX_WEEKS};
use crate::roster::model::{MemberIx, Rank, Roster};

/// A cover resolved to instants and weeks, made once per rotation.
#[derive(Debug, Clone)]
pub(super) struct Resolved {
    /// Index into `Roster::covers`.
    pub(super) index: usize,
    pub(super) from: DateTime<Tz>,
    pub(super) to: DateTime<Tz>,
    /// The weeks the span touches (`last` is -1 when it ends before week 0).
    pub(super) first: i64,
    pub(super) last: i64,
}

/// The part of a cover that falls in one week (or the whole cover, for
/// [`Rotation::covers_at`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverSpan<'r> {
    /// Index into `Roster::covers`.
    pub index: usize,
    /// The rank covered.
    pub rank: Rank,
    /// The covering member.
    pub member: MemberIx,
    pub from: DateTime<Tz>,
    /// Not included.
    pub to: DateTime<Tz>,
    /// `""` when none was given.
    pub reason: &'r str,
}

/// Who answers for one rank at one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder<'r> {
    pub member: MemberIx,
    /// The cover that put them there, if one did (the whole cover, unclipped).
    pub cover: Option<CoverSpan<'r>>,
}

/// A cover that cannot apply, by its index in `Roster::covers`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverConflict {
    pub index: usize,
    pub kind: CoverConflictKind,
}

/// Why a cover cannot apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CoverConflictKind {
    /// It starts before week 0 begins (at `start`).
    BeforeStart { start: DateTime<Tz> },
    /// `from` and `to` are the same instant once read in the time zone
    /// (both in a spring-forward gap).
    Empty,
    /// The member is away on `date`, a date of the span (away entry `away`).
    Away { date: NaiveDate, away: usize },
    /// The member does not take part in `week`, which the span touches.
    NotTakingPart { week: WeekIx },
    /// The member already holds the rank in `week`.
    HoldsRank { week: WeekIx },
    /// `week` has only `ranks` ranks, fewer than the cover's.
    RankMissing { week: WeekIx, ranks: usize },
    /// An earlier cover (index `other`) of the same rank overlaps this one.
    Overlaps { other: usize },
}

/// Resolve the roster's covers, sorted by first week.
pub(super) fn resolve(rot: &Rotation<'_>) -> Vec<Resolved> {
    let tz = rot.roster.team.timezone;
    let mut covers: Vec<Resolved> = rot
        .roster
        .covers
        .iter()
        .enumerate()
        .map(|(index, c)| {
            let from = resolve_local(&tz, c.from);
            let to = resolve_local(&tz, c.to);
            let first = rot.week_index_at(&from);
            let last = if to > from {
                rot.week_index_at(&(to - Duration::nanoseconds(1)))
            } else {
                first - 1
            };
            Resolved {
                index,
                from,
                to,
                first,
                last,
            }
        })
        .collect();
    covers.sort_by_key(|c| (c.first, c.index));
    covers
}

/// For each position in `covers`, the last week reached by it or any before it.
pub(super) fn reach(covers: &[Resolved]) -> Vec<i64> {
    covers
        .iter()
        .scan(i64::MIN, |max, c| {
            *max = (*max).max(c.last);
            Some(*max)
        })
        .collect()
}

/// The local dates a span of local times touches: `to` itself is not in it.
fn span_dates(from: NaiveDateTime, to: NaiveDateTime) -> (NaiveDate, NaiveDate) {
    let last = (to - Duration::nanoseconds(1)).date();
    (from.date(), last.max(from.date()))
}

impl<'r> Rotation<'r> {
    /// The week holding `instant`, negative before week 0.
    fn week_index_at(&self, instant: &DateTime<Tz>) -> i64 {
        match self.week_at(instant) {
            Ok(k) => k.signed(),
            Err(_) => -1,
        }
    }

    /// The resolved covers touching week `k`, in start order.
    fn resolved_in(&self, k: i64) -> impl Iterator<Item = &Resolved> + '_ {
        let end = self.covers.partition_point(|c| c.first <= k);
        let mut i = end;
        // Walk back while some earlier cover still reaches week k.
        while i > 0 && self.cover_reach[i - 1] >= k {
            i -= 1;
        }
        self.covers[i..end].iter().filter(move |c| c.last >= k)
    }

    fn span(&self, c: &Resolved, from: DateTime<Tz>, to: DateTime<Tz>) -> CoverSpan<'r> {
        let cover = &self.roster.covers[c.index];
        CoverSpan {
            index: c.index,
            rank: cover.rank,
            member: cover.member,
            from,
            to,
            reason: &cover.reason,
        }
    }

    /// The covers that touch week `k`, each clipped to the week, in order of
    /// their start (then file order). A cover crossing a handoff appears in
    /// every week it touches.
    pub fn covers_in(&self, k: WeekIx) -> Vec<CoverSpan<'r>> {
        let (start, end) = self.bounds(k);
        let mut spans: Vec<CoverSpan<'r>> = self
            .resolved_in(k.signed())
            .map(|c| self.span(c, c.from.max(start), c.to.min(end)))
            .filter(|s| s.from < s.to)
            .collect();
        spans.sort_by_key(|s| (s.from, s.index));
        spans
    }

    /// The covers in force at `instant`, whole (not clipped to a week).
    pub fn covers_at(&self, instant: &DateTime<Tz>) -> Vec<CoverSpan<'r>> {
        let k = self.week_index_at(instant);
        if k < 0 {
            return Vec::new();
        }
        let mut spans: Vec<CoverSpan<'r>> = self
            .resolved_in(k)
            .filter(|c| c.from <= *instant && *instant < c.to)
            .map(|c| self.span(c, c.from, c.to))
            .collect();
        spans.sort_by_key(|s| (s.rank, s.index));
        spans
    }

    /// Who answers for `rank` at `instant`: a cover's member inside its
    /// span, else the week's holder (overrides applied). `None` before the
    /// rotation starts or when nobody holds the rank that week.
    pub fn holder_at(&self, rank: Rank, instant: &DateTime<Tz>) -> Option<Holder<'r>> {
        let k = self.week_at(instant).ok()?;
        self.holder_in(&self.week(k), rank, instant)
    }

    /// [`Rotation::holder_at`] for `week`, already computed: the week holding
    /// `instant` (or week 0, answered for before the rotation starts). The
    /// one place that decides who answers for a rank at an instant.
    pub fn holder_in(&self, week: &Week, rank: Rank, instant: &DateTime<Tz>) -> Option<Holder<'r>> {
        let usual = week.slot(rank)?.member;
        let cover = self.covers_at(instant).into_iter().find(|c| c.rank == rank);
        Some(Holder {
            member: cover.as_ref().map_or(usual, |c| c.member),
            cover,
        })
    }
}

/// Every cover that cannot apply (docs/rotation.md, "Covers"): before the start, an
/// empty span, a member away or not taking part on a date of the span, a
/// member already holding the rank, a rank the week does not have, and two
/// covers of one rank that overlap. At most one conflict of each kind per cover.
pub fn check_covers(roster: &Roster) -> Vec<CoverConflict> {
    conflicts_of(&Rotation::with_every_cover(roster))
}

/// [`check_covers`] on a calendar that still has every cover of its roster.
pub(super) fn conflicts_of(rot: &Rotation<'_>) -> Vec<CoverConflict> {
    let roster = rot.roster;
    let mut conflicts = Vec::new();
    let start = rot.week_start(WeekIx::FIRST);
    let mut live: Vec<&Resolved> = Vec::new();
    for c in &rot.covers {
        let cover = &roster.covers[c.index];
        let push = |conflicts: &mut Vec<CoverConflict>, kind| {
            conflicts.push(CoverConflict {
                index: c.index,
                kind,
            })
        };
        if c.from < start {
            push(&mut conflicts, CoverConflictKind::BeforeStart { start });
            continue;
        }
        if c.to <= c.from {
            push(&mut conflicts, CoverConflictKind::Empty);
            continue;
        }
        let (d1, d2) = span_dates(cover.from, cover.to);
        let away = roster.members[cover.member]
            .away
            .iter()
            .enumerate()
            .find(|(_, a)| a.from <= d2 && d1 <= a.to);
        if let Some((i, a)) = away {
            push(
                &mut conflicts,
                CoverConflictKind::Away {
                    date: a.from.max(d1),
                    away: i,
                },
            );
        }
        live.push(c);
    }
    // Overlaps: covers of one rank, by start instant, against the one
    // reaching furthest so far.
    let mut by_rank: Vec<&Resolved> = live.clone();
    by_rank.sort_by_key(|c| (roster.covers[c.index].rank, c.from, c.index));
    let mut furthest: Option<&Resolved> = None;
    for &c in &by_rank {
        match furthest {
            Some(f)
                if roster.covers[f.index].rank == roster.covers[c.index].rank && c.from < f.to =>
            {
                let (first, second) = (f.index.min(c.index), f.index.max(c.index));
                conflicts.push(CoverConflict {
                    index: second,
                    kind: CoverConflictKind::Overlaps { other: first },
                });
                if c.to > f.to {
                    furthest = Some(c);
                }
            }
            _ => furthest = Some(c),
        }
    }
    // Week by week: taking part, holding the rank, the rank existing.
    let Some(last) = live.iter().map(|c| c.last).max() else {
        conflicts.sort_by_key(|c| c.index);
        return conflicts;
    };
    let mut reported = vec![[false; 3]; roster.covers.len()];
    let last = usize::try_from(last).unwrap_or(0).min(MAX_WEEKS - 1);
    let first = live
        .iter()
        .map(|c| usize::try_from(c.first).unwrap_or(0))
        .min()
        .unwrap_or(0);
    for week in rot.iter().take(last + 1).skip(first) {
        let k = week.index;
        for c in rot.resolved_in(k.signed()) {
            if c.from < start || c.to <= c.from {
                continue;
            }
            let cover = &roster.covers[c.index];
            let seen = &mut reported[c.index];
            let kind = if !rot.member_takes_part(cover.member, k) {
                (!seen[0]).then(|| {
                    seen[0] = true;
                    CoverConflictKind::NotTakingPart { week: k }
                })
            } else if cover.rank.get() > week.ranks.len() {
                (!seen[2]).then(|| {
                    seen[2] = true;
                    CoverConflictKind::RankMissing {
                        week: k,
                        ranks: week.ranks.len(),
                    }
                })
            } else if week.ranks[cover.rank.index()].member == cover.member {
                (!seen[1]).then(|| {
                    seen[1] = true;
                    CoverConflictKind::HoldsRank { week: k }
                })
            } else {
                None
            };
            if let Some(kind) = kind {
                conflicts.push(CoverConflict {
                    index: c.index,
                    kind,
                });
            }
        }
    }
    conflicts.sort_by_key(|c| c.index);
    conflicts
}

#[cfg(test)]
#[path = "covers_tests.rs"]
mod tests;
