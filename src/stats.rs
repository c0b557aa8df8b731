//! Fairness counts behind `dw stats`: weeks held per member per rank, weeks
//! away, and the time covers moved between members.
//! Pure: works on weeks the rotation engine already computed.

use crate::roster::MemberIx;
use std::borrow::Borrow;

use crate::rotation::{Rotation, Week};

/// The time covers hand over, per member, in seconds of real time (a cover
/// across a DST change counts the hours that passed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverTime {
    /// `given[m]`: how long member `m` held someone else's rank by a cover.
    pub given: Vec<i64>,
    /// `received[m]`: how long someone else held member `m`'s rank by a cover.
    pub received: Vec<i64>,
}

impl CoverTime {
    pub fn new(members: usize) -> Self {
        CoverTime {
            given: vec![0; members],
            received: vec![0; members],
        }
    }

    /// Count the covers of `week` (each clipped to it): the covering member
    /// gives the time, the week's holder of the rank receives it.
    pub fn add(&mut self, rot: &Rotation<'_>, week: &Week) {
        for c in rot.covers_in(week.index) {
            let seconds = (c.to - c.from).num_seconds();
            if let Some(n) = self.given.get_mut(c.member.0) {
                *n += seconds;
            }
            let holder = week.slot(c.rank);
            if let Some(n) = holder.and_then(|s| self.received.get_mut(s.member.0)) {
                *n += seconds;
            }
        }
    }
}

/// Seconds as hours, to the hundredth (a 45-minute cover is 0.75).
pub fn hours(seconds: i64) -> f64 {
    (seconds as f64 / 36.0).round() / 100.0
}

/// Every member's weeks per rank and weeks away over some weeks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    /// How many ranks are counted: the most any week has, and at least the named roles.
    pub ranks: usize,
    /// `held[m][r - 1]`: the weeks member `m` held rank `r`, for the ranks kept
    /// (all of them, or the first `keep` given to [`tally_kept`]).
    pub held: Vec<Vec<usize>>,
    /// `beyond[m]`: the weeks member `m` held a rank past those kept.
    pub beyond: Vec<usize>,
    /// `away[m]`: the weeks member `m` took part in but was away for.
    pub away: Vec<usize>,
}

impl Tally {
    /// The weeks member `m` was on call at any rank.
    pub fn on_call(&self, m: MemberIx) -> usize {
        self.held[m].iter().sum::<usize>() + self.beyond[m]
    }
}

/// Count the weeks of `members` members, every rank apart; `roles` is the
/// number of named roles. The tests' reference for the streaming count.
#[cfg(test)]
pub fn tally<W: Borrow<Week>>(
    weeks: impl IntoIterator<Item = W>,
    members: usize,
    roles: usize,
) -> Tally {
    tally_kept(weeks, members, roles, usize::MAX)
}

/// [`tally`], counting apart only the first `keep` ranks (at least the
/// named roles) and the rest together in `beyond`. One pass over `weeks`,
/// which may be the engine's iterator: what is kept grows with members
/// (times the ranks kept), never with the number of weeks.
pub fn tally_kept<W: Borrow<Week>>(
    weeks: impl IntoIterator<Item = W>,
    members: usize,
    roles: usize,
    keep: usize,
) -> Tally {
    let keep = keep.max(roles);
    let mut ranks = roles;
    let mut held = vec![vec![0usize; ranks]; members];
    let mut beyond = vec![0usize; members];
    let mut away = vec![0usize; members];
    for week in weeks {
        let week = week.borrow();
        if week.ranks.len() > ranks {
            ranks = week.ranks.len();
            for row in &mut held {
                row.resize(ranks.min(keep), 0);
            }
        }
        for (i, slot) in week.ranks.iter().enumerate() {
            if i < keep {
                if let Some(row) = held.get_mut(slot.member.0) {
                    row[i] += 1;
                }
            } else if let Some(n) = beyond.get_mut(slot.member.0) {
                *n += 1;
            }
        }
        for a in &week.away {
            if let Some(n) = away.get_mut(a.member.0) {
                *n += 1;
            }
        }
    }
    Tally {
        ranks,
        held,
        beyond,
        away,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rotation::{Rotation, WeekIx};
    use crate::test_support::{roster, week};

    #[test]
    fn counts_each_rank_and_away_week() {
        // (name, weeks, members, roles, ranks, held, away)
        type Case = (
            &'static str,
            Vec<Week>,
            usize,
            usize,
            usize,
            Vec<Vec<usize>>,
            Vec<usize>,
        );
        let cases: Vec<Case> = vec![
            ("no weeks", vec![], 2, 2, 2, vec![vec![0, 0]; 2], vec![0, 0]),
            (
                "two weeks, swapping",
                vec![week(0, &[0, 1], &[]), week(1, &[1, 0], &[])],
                2,
                2,
                2,
                vec![vec![1, 1], vec![1, 1]],
                vec![0, 0],
            ),
            (
                "a third rank beyond the named roles",
                vec![week(0, &[0, 1, 2], &[])],
                3,
                2,
                3,
                vec![vec![1, 0, 0], vec![0, 1, 0], vec![0, 0, 1]],
                vec![0, 0, 0],
            ),
            (
                "away weeks and an empty week",
                vec![week(0, &[0], &[1]), week(1, &[], &[0, 1])],
                2,
                2,
                2,
                vec![vec![1, 0], vec![0, 0]],
                vec![1, 2],
            ),
        ];
        for (name, weeks, members, roles, ranks, held, away) in cases {
            let t = tally(&weeks, members, roles);
            let beyond = vec![0; members];
            assert_eq!(
                t,
                Tally {
                    ranks,
                    held: held.clone(),
                    beyond,
                    away: away.clone()
                },
                "{name}"
            );
            // Keeping only the named roles apart sums the rest per member.
            let kept = tally_kept(&weeks, members, roles, 0);
            for m in 0..members {
                assert_eq!(
                    kept.held[m][..],
                    held[m][..roles.min(held[m].len())],
                    "{name}"
                );
                assert_eq!(
                    kept.beyond[m],
                    held[m].iter().skip(roles).sum::<usize>(),
                    "{name}"
                );
                assert_eq!(kept.on_call(MemberIx(m)), t.on_call(MemberIx(m)), "{name}");
            }
        }
    }

    #[test]
    fn on_call_sums_every_rank() {
        let weeks = [
            week(0, &[0, 1], &[]),
            week(1, &[1, 0], &[]),
            week(2, &[0, 1], &[]),
        ];
        let t = tally(&weeks, 2, 2);
        assert_eq!((t.on_call(MemberIx(0)), t.on_call(MemberIx(1))), (3, 3));
    }

    #[test]
    fn cover_time_counts_real_hours_for_the_giver_and_the_holder() {
        // (name, timezone, start, cover from, to, hours): each cover is of
        // rank 1 by cy (rank 3); the holder of rank 1 receives the time.
        let cases = [
            (
                "an evening",
                "UTC",
                "2026-01-06",
                "2026-01-08T18:00",
                "2026-01-08T22:30",
                4.5,
            ),
            (
                "spring forward: 23 hours",
                "America/Chicago",
                "2026-03-03",
                "2026-03-08T00:00",
                "2026-03-09T00:00",
                23.0,
            ),
            (
                "fall back: 25 hours",
                "America/Chicago",
                "2026-10-27",
                "2026-11-01T00:00",
                "2026-11-02T00:00",
                25.0,
            ),
            (
                "Lord Howe fall back, half an hour more",
                "Australia/Lord_Howe",
                "2026-03-31",
                "2026-04-05T01:00",
                "2026-04-05T03:00",
                2.5,
            ),
            (
                "leap day",
                "UTC",
                "2028-02-22",
                "2028-02-28T12:00",
                "2028-02-29T12:00",
                24.0,
            ),
            (
                "across the handoff: both holders",
                "UTC",
                "2026-01-06",
                "2026-01-13T08:00",
                "2026-01-13T12:00",
                4.0,
            ),
        ];
        for (name, tz, start, from, to, want) in cases {
            let cover =
                format!("[[covers]]\nrole = 1\nmember = \"cy\"\nfrom = {from}:00\nto = {to}:00\n");
            let members = [("ada", ""), ("bob", ""), ("cy", ""), ("dee", "")];
            let r = roster(tz, start, &members, &cover);
            let rot = Rotation::new(&r);
            assert!(crate::rotation::check_covers(&r).is_empty(), "{name}");
            let mut time = CoverTime::new(r.members.len());
            for week in rot.weeks(WeekIx(0)..WeekIx(3)) {
                time.add(&rot, &week);
            }
            assert_eq!(hours(time.given[2]), want, "{name}: cy gave");
            let received: i64 = time.received.iter().sum();
            assert_eq!(hours(received), want, "{name}: the holders received");
            assert_eq!(time.received[2], 0, "{name}");
        }
        // Across the handoff of week 1: ada held rank 1 until 10:00, bob after.
        let cover = "[[covers]]\nrole = 1\nmember = \"cy\"\nfrom = 2026-01-13T08:00:00\nto = 2026-01-13T12:00:00\n";
        let r = roster(
            "UTC",
            "2026-01-06",
            &[("ada", ""), ("bob", ""), ("cy", "")],
            cover,
        );
        let rot = Rotation::new(&r);
        let mut time = CoverTime::new(3);
        for week in rot.weeks(WeekIx(0)..WeekIx(2)) {
            time.add(&rot, &week);
        }
        assert_eq!(time.received, [7200, 7200, 0]);
        assert_eq!(hours(2700), 0.75);
    }

    #[test]
    fn every_week_is_counted_once_across_dst_and_leap_days() {
        // (name, timezone, start, weeks): a year over both DST changes in
        // Chicago, and weeks over 29 February 2028.
        let cases = [
            ("DST year", "America/Chicago", "2026-01-06", 52),
            ("leap February", "Europe/Berlin", "2028-02-01", 8),
        ];
        for (name, tz, start, n) in cases {
            let r = roster(tz, start, &[("ada", ""), ("bob", ""), ("cy", "")], "");
            let rot = Rotation::new(&r);
            let t = tally(
                rot.weeks(WeekIx(0)..WeekIx(n)),
                r.members.len(),
                r.team.roles.len(),
            );
            let total: usize = (0..r.members.len()).map(|m| t.held[m][0]).sum();
            assert_eq!(total, n, "{name}: one primary per week");
            for m in 0..r.members.len() {
                assert!(t.on_call(MemberIx(m)) > 0, "{name}: member {m} is counted");
            }
        }
    }
}
