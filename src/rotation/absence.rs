//! What an absence costs: the weeks an away range or a `left` date takes a
//! member out of, how many of each week's 7 dates the member is really gone,
//! and the covers that would keep them in a week they miss only a day or two
//! of (at either end of the absence). Pure: `dw away add` and `dw leave`
//! word it.
//!
//! A member away on any date of a week holds no rank that week, and a member
//! whose `left` date falls inside a week does not take part in it: one day
//! costs the whole week. A cover hands over just the hours instead.

use crate::roster::MemberIx;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime};
use chrono_tz::Tz;

use super::{resolve_local, Rotation, Week, WeekIx};
use crate::roster::model::{Away, Rank};

/// At most this many days away at an end of an absence get the covers offered.
pub const SHORT_DAYS: i64 = 2;

/// A cover that would hand one rank over for the hours a member is away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferedCover {
    pub week: WeekIx,
    /// The rank the absent member holds that week.
    pub rank: Rank,
    /// Who covers: the nearest rank below, else above, free on every date of the span.
    pub member: MemberIx,
    pub from: DateTime<Tz>,
    /// Not included.
    pub to: DateTime<Tz>,
}

/// Whether a week an absence takes is offered a cover instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Offer {
    /// More than [`SHORT_DAYS`] days of the week are away: the week is the absence's.
    Long,
    /// A short end: this cover keeps the member in the week.
    Cover(OfferedCover),
    /// A short end, but nobody else holding a rank that week is free for the whole span.
    NobodyFree,
    /// A short end, but a cover of that rank already overlaps the span.
    AlreadyCovered,
}

/// One week an absence takes a member out of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LostWeek {
    pub week: WeekIx,
    /// The rank the member holds that week without the absence.
    pub rank: Rank,
    /// How many of the week's 7 dates the member is away (or off the rotation).
    pub days_away: i64,
    pub offer: Offer,
}

/// What an away range costs and how to keep the short ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwayCost {
    /// The weeks the range takes the member out of, in order.
    pub weeks: Vec<LostWeek>,
    /// `Some` when at least one week gets a cover: the away range still
    /// needed once the short ends are covers (`None`: covers replace it all).
    pub instead: Option<Option<(NaiveDate, NaiveDate)>>,
}

impl AwayCost {
    /// The covers offered, in week order.
    pub fn covers(&self) -> impl Iterator<Item = &OfferedCover> {
        self.weeks.iter().filter_map(|w| match &w.offer {
            Offer::Cover(c) => Some(c),
            _ => None,
        })
    }
}

/// What a `left` date costs: the week it falls inside, if it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaveCost {
    /// The week holding the date, which the member no longer takes part in
    /// though on the rotation for some of its dates.
    pub week: LostWeek,
    /// The first date of the next week: leaving then keeps the member in `week`.
    pub keep_until: NaiveDate,
}

/// 00:00 of `date` in the team's time zone (a midnight in a gap moves on).
fn midnight(rot: &Rotation<'_>, date: NaiveDate) -> DateTime<Tz> {
    resolve_local(&rot.roster().team.timezone, date.and_time(NaiveTime::MIN))
}

/// The dates of `[from, to]` (both included) that are dates of week `k`.
fn days_in(rot: &Rotation<'_>, k: WeekIx, from: NaiveDate, to: NaiveDate) -> i64 {
    let (a, b) = rot.dates(k);
    ((to.min(b) - from.max(a)).num_days() + 1).max(0)
}

/// The local dates `[from, to)` touches (`to` itself not counted).
fn span_dates(from: &DateTime<Tz>, to: &DateTime<Tz>) -> (NaiveDate, NaiveDate) {
    let first = from.date_naive();
    let last = (*to - Duration::nanoseconds(1)).date_naive();
    (first, last.max(first))
}

/// The offer for week `week` (where `member` holds `rank`) when the member is
/// away from `from` to `to` (instants): the holder of the nearest rank below,
/// else above, who is away on no date of the span.
fn offer_for(
    rot: &Rotation<'_>,
    week: &Week,
    rank: Rank,
    member: MemberIx,
    from: DateTime<Tz>,
    to: DateTime<Tz>,
) -> Offer {
    let (start, end) = rot.bounds(week.index);
    let (from, to) = (from.max(start), to.min(end));
    if from >= to {
        return Offer::NobodyFree;
    }
    if rot
        .covers_in(week.index)
        .iter()
        .any(|c| c.rank == rank && c.from < to && from < c.to)
    {
        return Offer::AlreadyCovered;
    }
    let (first, last) = span_dates(&from, &to);
    let roster = rot.roster();
    let free = |m: MemberIx| {
        m != member
            && !roster.members[m]
                .away
                .iter()
                .any(|a| a.from <= last && first <= a.to)
    };
    let n = week.ranks.len();
    let i = rank.index();
    let nearest = (1..n).flat_map(|d| [i.checked_add(d), i.checked_sub(d)]);
    for r in nearest.flatten().filter(|&r| r < n) {
        let m = week.ranks[r].member;
        if free(m) {
            return Offer::Cover(OfferedCover {
                week: week.index,
                rank,
                member: m,
                from,
                to,
            });
        }
    }
    Offer::NobodyFree
}

/// What adding the away range `from..=to` (dates, both included) to
/// `member` costs on `rot`, the roster before the range is added: every week
/// whose dates the range touches and in which the member holds a rank, with
/// the days away. A week at either end with [`SHORT_DAYS`] or fewer days
/// away is offered a cover of the hours away in it (from 00:00 of the first
/// day away, or the week's handoff, to 00:00 after the last, or the next
/// handoff), worked out on the roster as it would be with the rest of the
/// range only: coming back from the weeks between changes the queue, so the
/// last week's rank is the one the member would then hold.
pub fn away_cost(rot: &Rotation<'_>, member: MemberIx, from: NaiveDate, to: NaiveDate) -> AwayCost {
    let mut cost = AwayCost {
        weeks: Vec::new(),
        instead: None,
    };
    let start = rot.roster().team.start;
    let Ok(last) = rot.week_of_date(to) else {
        return cost;
    };
    if to < from {
        return cost;
    }
    let first = rot.week_of_date(from.max(start)).unwrap_or(WeekIx::FIRST);
    for week in rot.weeks(first..last.next()) {
        if let Some(rank) = week.rank_of(member) {
            cost.weeks.push(LostWeek {
                week: week.index,
                rank,
                days_away: days_in(rot, week.index, from, to),
                offer: Offer::Long,
            });
        }
    }
    let short = |k: WeekIx| {
        cost.weeks
            .iter()
            .any(|w| w.week == k && w.days_away <= SHORT_DAYS)
    };
    // The ends to keep; an end whose cover cannot be made is dropped, and
    // the other is worked out again without it.
    let mut ends: Vec<WeekIx> = [first, last].into_iter().filter(|&k| short(k)).collect();
    ends.dedup();
    let (away_from, away_to) = (midnight(rot, from), midnight(rot, to + Duration::days(1)));
    let mut offers: Vec<(WeekIx, Offer)> = Vec::new();
    let mut rest = None;
    while !ends.is_empty() {
        let a = if ends.contains(&first) {
            rot.dates(first).1 + Duration::days(1)
        } else {
            from
        };
        let b = if ends.contains(&last) {
            rot.dates(last).0 - Duration::days(1)
        } else {
            to
        };
        rest = (a <= b).then_some((a, b));
        let mut roster = rot.roster().clone();
        if let Some((a, b)) = rest {
            roster.members[member].away.push(Away {
                from: a,
                to: b,
                reason: None,
            });
        }
        let kept = Rotation::new(&roster);
        let mut good = Vec::new();
        for &k in &ends {
            let week = kept.week(k);
            let offer = match week.rank_of(member) {
                Some(rank) => offer_for(&kept, &week, rank, member, away_from, away_to),
                None => Offer::NobodyFree,
            };
            match offer {
                Offer::Cover(_) => good.push((k, offer)),
                _ => offers.push((k, offer)),
            }
        }
        if good.len() == ends.len() {
            offers.extend(good);
            break;
        }
        // An end without a cover keeps its days away; the other is worked out again.
        ends.retain(|k| good.iter().any(|(g, _)| g == k));
    }
    for w in &mut cost.weeks {
        if let Some((_, offer)) = offers.iter().find(|(k, _)| *k == w.week) {
            w.offer = offer.clone();
        }
    }
    if cost.covers().next().is_some() {
        cost.instead = Some(rest);
    }
    cost
}

/// What `left = on` costs `member` on `rot`, the roster before the change:
/// `None` when `on` is the first date of a week (a clean cut) or the member
/// holds no rank in the week holding it. Otherwise that week is lost though
/// the member is on the rotation until `on`; with [`SHORT_DAYS`] or fewer
/// dates from `on` to the week's end, a cover from 00:00 of `on` to the next
/// handoff is offered, with leaving on the next week's first date.
pub fn leave_cost(rot: &Rotation<'_>, member: MemberIx, on: NaiveDate) -> Option<LeaveCost> {
    let k = rot.week_of_date(on).ok()?;
    let (first, last) = rot.dates(k);
    if on == first {
        return None;
    }
    let week = rot.week(k);
    let rank = week.rank_of(member)?;
    let days_away = days_in(rot, k, on, last);
    let offer = if days_away <= SHORT_DAYS {
        offer_for(rot, &week, rank, member, midnight(rot, on), rot.bounds(k).1)
    } else {
        Offer::Long
    };
    Some(LeaveCost {
        week: LostWeek {
            week: k,
            rank,
            days_away,
            offer,
        },
        keep_until: last + Duration::days(1),
    })
}

#[cfg(test)]
#[path = "absence_tests.rs"]
mod tests;
