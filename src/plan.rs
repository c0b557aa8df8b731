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

/// How far ahead of the swap week dw looks for a fair week to swap back.
pub const BACK_HORIZON: usize = 104;

/// Each of the two members' net change in turns per named role, where it is
/// not zero: `["ada −1 primary", "ada +1 secondary"]`.
pub fn net_changes(old: &Roster, new: &Roster, weeks: &[usize], ids: [&str; 2]) -> Vec<String> {
    let named = new.team.roles.len();
    let mut moves = Vec::new();
    for &k in weeks {
        moves.extend(changes(old, new, k..k + 1));
    }
    let mut out = Vec::new();
    for id in ids {
        for rank in 1..=named {
            let net = moves
                .iter()
                .filter(|m| m.rank == rank)
                .map(|m| {
                    i64::from(m.after.as_deref() == Some(id))
                        - i64::from(m.before.as_deref() == Some(id))
                })
                .sum::<i64>();
            if net != 0 {
                let sign = if net > 0 { "+" } else { "\u{2212}" };
                out.push(format!("{id} {sign}{} {}", net.abs(), new.role_name(rank)));
            }
        }
    }
    out
}

/// The first week after `k` (within [`BACK_HORIZON`]) in which `first` holds
/// the rank `second` held in week `k` and `second` the rank `first` held.
pub fn fair_back_week(rot: &Rotation<'_>, k: usize, first: usize, second: usize) -> Option<usize> {
    let week = rot.week(k);
    let (r1, r2) = (week.rank_of(first)?, week.rank_of(second)?);
    (k + 1..=k + BACK_HORIZON).find(|&w| {
        let w = rot.week(w);
        w.rank_of(first) == Some(r2) && w.rank_of(second) == Some(r1)
    })
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

    /// ada bob cy, UTC, from 2026-01-06: week k has ranks rotated by k.
    fn three() -> Roster {
        roster(
            "UTC",
            "2026-01-06",
            &[("ada", ""), ("bob", ""), ("cy", "")],
            "",
        )
    }

    #[test]
    fn net_changes_counts_each_members_turns_per_named_role() {
        let old = three();
        let ids = |r: &Roster, k: usize| -> Vec<String> {
            Rotation::new(r)
                .week(k)
                .ranks
                .iter()
                .map(|s| r.members[s.member].id.clone())
                .collect()
        };
        let w0 = ids(&old, 0);
        // The week-0 holders of primary and secondary exchange ranks there.
        let swap = format!(
            "\n[[overrides]]\nweek = 2026-01-06\nrole = \"secondary\"\nmember = \"{}\"\n",
            w0[0]
        );
        let new = roster(
            "UTC",
            "2026-01-06",
            &[("ada", ""), ("bob", ""), ("cy", "")],
            &swap,
        );
        let (a, b) = (w0[0].as_str(), w0[1].as_str());
        assert_eq!(
            net_changes(&old, &new, &[0], [a, b]),
            [
                format!("{a} \u{2212}1 primary"),
                format!("{a} +1 secondary"),
                format!("{b} +1 primary"),
                format!("{b} \u{2212}1 secondary"),
            ]
        );
        // Weeks left out are not counted; the same roster changes nothing.
        assert!(net_changes(&old, &new, &[1], [a, b]).is_empty());
        assert!(net_changes(&old, &old, &[0, 1], [a, b]).is_empty());
    }

    #[test]
    fn fair_back_week_is_the_next_week_with_the_ranks_reversed() {
        // Two members alternate: the week after has the ranks reversed.
        let two = roster("UTC", "2026-01-06", &[("ada", ""), ("bob", "")], "");
        let rot = Rotation::new(&two);
        let w0 = rot.week(0);
        let (first, second) = (w0.ranks[0].member, w0.ranks[1].member);
        assert_eq!(fair_back_week(&rot, 0, first, second), Some(1));
        assert_eq!(fair_back_week(&rot, 3, first, second), Some(4));
        // Three rotating by one never hold each other's ranks reversed.
        let r = three();
        let rot = Rotation::new(&r);
        let w0 = rot.week(0);
        let (first, second) = (w0.ranks[0].member, w0.ranks[1].member);
        assert_eq!(fair_back_week(&rot, 0, first, second), None);
        // Someone without a rank in the week: no answer.
        assert_eq!(fair_back_week(&rot, 0, first, 99), None);
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
