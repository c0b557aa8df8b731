//! What a roster change moves, behind `dw plan`: every week and rank whose
//! member differs between two rosters. Pure.

use std::ops::Range;

use crate::roster::Roster;
use crate::rotation::Rotation;

/// One assignment that differs between the old and the new roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    /// The week, numbered in the new roster.
    pub week: usize,
    pub rank: usize,
    /// Member ids before and after; `None` when nobody held the rank.
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Compare the calendars of two rosters over weeks of the new one. A week of
/// the new roster is matched with the old roster's week on the same start date.
pub fn changes(old: &Roster, new: &Roster, weeks: Range<usize>) -> Vec<Move> {
    let (old_rot, new_rot) = (Rotation::new(old), Rotation::new(new));
    let new_weeks = new_rot.weeks(weeks.clone());
    let old_index = |k: usize| old_rot.week_of_date(new_rot.dates(k).0).ok();
    let old_range = match (
        old_index(weeks.start),
        weeks.end.checked_sub(1).and_then(old_index),
    ) {
        (Some(a), Some(b)) => a..b + 1,
        (None, Some(b)) => 0..b + 1,
        _ => 0..0,
    };
    let old_weeks = old_rot.weeks(old_range.clone());
    let id = |r: &Roster, m: usize| r.members[m].id.clone();
    let mut out = Vec::new();
    for week in &new_weeks {
        let before = old_index(week.index)
            .and_then(|k| k.checked_sub(old_range.start))
            .and_then(|i| old_weeks.get(i));
        let ranks = week.ranks.len().max(before.map_or(0, |b| b.ranks.len()));
        for rank in 1..=ranks {
            let a = before
                .and_then(|b| b.ranks.get(rank - 1))
                .map(|s| id(old, s.member));
            let b = week.ranks.get(rank - 1).map(|s| id(new, s.member));
            if a != b {
                out.push(Move {
                    week: week.index,
                    rank,
                    before: a,
                    after: b,
                });
            }
        }
    }
    out
}

/// The weeks `moves` touch, in order, each once.
pub fn changed_weeks(moves: &[Move]) -> Vec<usize> {
    let mut weeks: Vec<usize> = moves.iter().map(|m| m.week).collect();
    weeks.sort_unstable();
    weeks.dedup();
    weeks
}

/// The turns one member gains and loses at one rank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turns {
    pub member: String,
    pub rank: usize,
    /// Weeks the member now holds the rank and did not before.
    pub gained: Vec<usize>,
    /// Weeks the member held the rank and no longer does.
    pub lost: Vec<usize>,
}

/// Per member and rank up to `max_rank`, the turns gained and lost, members in
/// the order they first appear in `moves`, ranks in order.
pub fn turns(moves: &[Move], max_rank: usize) -> Vec<Turns> {
    let mut out: Vec<Turns> = Vec::new();
    let mut order: Vec<&str> = Vec::new();
    let entry = |out: &mut Vec<Turns>, id: &str, rank: usize| -> usize {
        if let Some(i) = out.iter().position(|t| t.member == id && t.rank == rank) {
            return i;
        }
        out.push(Turns {
            member: id.to_string(),
            rank,
            gained: Vec::new(),
            lost: Vec::new(),
        });
        out.len() - 1
    };
    for m in moves.iter().filter(|m| m.rank <= max_rank) {
        if let Some(id) = &m.after {
            let i = entry(&mut out, id, m.rank);
            out[i].gained.push(m.week);
        }
        if let Some(id) = &m.before {
            let i = entry(&mut out, id, m.rank);
            out[i].lost.push(m.week);
        }
    }
    for t in &out {
        if !order.contains(&t.member.as_str()) {
            order.push(&t.member);
        }
    }
    let mut sorted = out.clone();
    sorted.sort_by_key(|t| {
        (
            order.iter().position(|id| *id == t.member).unwrap_or(0),
            t.rank,
        )
    });
    sorted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::roster;

    fn mv(week: usize, rank: usize, before: Option<&str>, after: Option<&str>) -> Move {
        Move {
            week,
            rank,
            before: before.map(str::to_string),
            after: after.map(str::to_string),
        }
    }

    #[test]
    fn changed_weeks_are_sorted_and_listed_once() {
        let moves = [
            mv(7, 1, Some("ada"), Some("bob")),
            mv(3, 2, Some("bob"), None),
            mv(7, 2, Some("bob"), Some("ada")),
            mv(3, 1, None, Some("cy")),
        ];
        assert_eq!(changed_weeks(&moves), [3, 7]);
        assert!(changed_weeks(&[]).is_empty());
    }

    #[test]
    fn lists_every_rank_that_moves() {
        let ab = [("ada", ""), ("bob", "")];
        let abc = [("ada", ""), ("bob", ""), ("cy", "")];
        let ba = [("bob", ""), ("ada", "")];
        let override_w1 = "\n[[overrides]]\nweek = 2026-01-14\nrole = \"primary\"\nmember = \"ada\"\nreason = \"swap\"\n";
        // (name, old, new, weeks, moves)
        type Case = (&'static str, Roster, Roster, Range<usize>, Vec<Move>);
        let cases: Vec<Case> = vec![
            (
                "same roster",
                roster("UTC", "2026-01-06", &ab, ""),
                roster("UTC", "2026-01-06", &ab, ""),
                0..4,
                vec![],
            ),
            (
                "order swapped",
                roster("UTC", "2026-01-06", &ab, ""),
                roster("UTC", "2026-01-06", &ba, ""),
                0..1,
                vec![
                    mv(0, 1, Some("ada"), Some("bob")),
                    mv(0, 2, Some("bob"), Some("ada")),
                ],
            ),
            (
                "a third member adds a rank",
                roster("UTC", "2026-01-06", &ab, ""),
                roster("UTC", "2026-01-06", &abc, ""),
                0..1,
                vec![mv(0, 3, None, Some("cy"))],
            ),
            (
                "an override moves one week only",
                roster("UTC", "2026-01-06", &ab, ""),
                roster("UTC", "2026-01-06", &ab, override_w1),
                0..3,
                vec![
                    mv(1, 1, Some("bob"), Some("ada")),
                    mv(1, 2, Some("ada"), Some("bob")),
                ],
            ),
            (
                "an empty range",
                roster("UTC", "2026-01-06", &ab, ""),
                roster("UTC", "2026-01-06", &ba, ""),
                2..2,
                vec![],
            ),
        ];
        for (name, old, new, weeks, want) in cases {
            assert_eq!(changes(&old, &new, weeks), want, "{name}");
        }
    }

    #[test]
    fn weeks_are_matched_by_date_across_dst_and_leap_days() {
        // The new roster starts a week later; its week k is the old week k + 1,
        // whatever DST or a leap day does to the weeks' length.
        let cases = [
            (
                "spring forward",
                "America/Chicago",
                "2026-03-03",
                "2026-03-10",
            ),
            ("fall back", "Europe/Berlin", "2026-10-20", "2026-10-27"),
            ("leap day", "UTC", "2028-02-22", "2028-02-29"),
        ];
        let ab = [("ada", ""), ("bob", "")];
        let ba = [("bob", ""), ("ada", "")];
        for (name, tz, old_start, new_start) in cases {
            let old = roster(tz, old_start, &ab, "");
            // Same calendar: old week 1 (bob) is new week 0 (bob, as first).
            let new = roster(tz, new_start, &ba, "");
            assert_eq!(changes(&old, &new, 0..6), vec![], "{name}");
        }
    }

    #[test]
    fn weeks_before_the_old_start_have_nobody_before() {
        let ab = [("ada", ""), ("bob", "")];
        let old = roster("UTC", "2026-01-13", &ab, "");
        let new = roster("UTC", "2026-01-06", &ab, "");
        let got = changes(&old, &new, 0..1);
        assert_eq!(
            got,
            vec![mv(0, 1, None, Some("ada")), mv(0, 2, None, Some("bob"))]
        );
    }

    #[test]
    fn turns_sum_gains_and_losses_per_member_and_named_rank() {
        let moves = vec![
            mv(12, 1, Some("grace"), Some("ada")),
            mv(12, 2, Some("ada"), Some("grace")),
            mv(14, 1, Some("ada"), Some("grace")),
            mv(14, 5, Some("x"), Some("y")),
        ];
        let got = turns(&moves, 1);
        let t = |member: &str, gained: Vec<usize>, lost: Vec<usize>| Turns {
            member: member.into(),
            rank: 1,
            gained,
            lost,
        };
        assert_eq!(
            got,
            vec![t("ada", vec![12], vec![14]), t("grace", vec![14], vec![12])]
        );
    }
}
