//! What a roster change moves, behind `dw plan`: every week and rank whose
//! member differs between two rosters. Pure.

use std::collections::HashMap;
use std::ops::Range;

use crate::roster::{MemberIx, Rank, Roster};
use crate::rotation::{Rotation, Week, WeekIx, Weeks};

/// One assignment that differs between the old and the new roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    /// The week, numbered in the new roster.
    pub week: WeekIx,
    pub rank: Rank,
    /// Member ids before and after; `None` when nobody held the rank.
    pub before: Option<String>,
    pub after: Option<String>,
}

/// One assignment that differs, borrowing the member ids from the rosters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moved<'a> {
    pub week: WeekIx,
    pub rank: Rank,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
}

impl Moved<'_> {
    pub fn to_move(self) -> Move {
        Move {
            week: self.week,
            rank: self.rank,
            before: self.before.map(str::to_string),
            after: self.after.map(str::to_string),
        }
    }
}

/// Every assignment that differs over weeks of the new roster, in week then
/// rank order, made as the two calendars are walked side by side: nothing
/// is kept but the week at hand of each. A week of the new roster is
/// matched with the old roster's week on the same start date.
pub struct Moves<'a> {
    old: &'a Rotation<'a>,
    new: &'a Rotation<'a>,
    new_weeks: Weeks<'a, 'a>,
    old_weeks: Weeks<'a, 'a>,
    /// The index of the week `old_weeks` yields next.
    old_at: WeekIx,
    /// The next new week to compare, and the end of the weeks compared.
    k: WeekIx,
    end: WeekIx,
    /// The new week being compared, the old week it matches, how many of
    /// its ranks were compared and how many there are.
    week: Option<(Week, Option<Week>)>,
    rank: usize,
    ranks: usize,
}

impl<'a> Moves<'a> {
    pub fn new(old: &'a Rotation<'a>, new: &'a Rotation<'a>, weeks: Range<WeekIx>) -> Self {
        let end = weeks.end.min(WeekIx::END);
        let start = weeks.start.min(end);
        let mut new_weeks = new.iter();
        for _ in 0..start.get() {
            new_weeks.next();
        }
        Moves {
            old,
            new,
            new_weeks,
            old_weeks: old.iter(),
            old_at: WeekIx::FIRST,
            k: start,
            end,
            week: None,
            rank: 0,
            ranks: 0,
        }
    }

    /// The old roster's week `j`, moving its calendar on (never back).
    fn old_week(&mut self, j: WeekIx) -> Option<Week> {
        while self.old_at < j {
            self.old_weeks.next();
            self.old_at = self.old_at.next();
        }
        self.old_at = self.old_at.next();
        self.old_weeks.next()
    }
}

impl<'a> Iterator for Moves<'a> {
    type Item = Moved<'a>;

    fn next(&mut self) -> Option<Moved<'a>> {
        let (old, new) = (self.old.roster(), self.new.roster());
        loop {
            if let Some((week, before)) = &self.week {
                while self.rank < self.ranks {
                    let rank = Rank::from_index(self.rank);
                    self.rank += 1;
                    let a = before
                        .as_ref()
                        .and_then(|b| b.slot(rank))
                        .map(|s| old.members[s.member].id.as_str());
                    let b = week.slot(rank).map(|s| new.members[s.member].id.as_str());
                    if a != b {
                        return Some(Moved {
                            week: week.index,
                            rank,
                            before: a,
                            after: b,
                        });
                    }
                }
                self.week = None;
            }
            if self.k >= self.end {
                return None;
            }
            let week = self.new_weeks.next()?;
            self.k = self.k.next();
            let before = self
                .old
                .week_of_date(self.new.dates(week.index).0)
                .ok()
                .and_then(|j| self.old_week(j));
            self.ranks = week
                .ranks
                .len()
                .max(before.as_ref().map_or(0, |b| b.ranks.len()));
            self.rank = 0;
            self.week = Some((week, before));
        }
    }
}

/// Compare the calendars of two rosters over weeks of the new one (see [`Moves`]).
pub fn changes(old: &Roster, new: &Roster, weeks: Range<WeekIx>) -> Vec<Move> {
    let (old_rot, new_rot) = (Rotation::new(old), Rotation::new(new));
    Moves::new(&old_rot, &new_rot, weeks)
        .map(Moved::to_move)
        .collect()
}

/// The weeks `moves` touch, in order, each once.
pub fn changed_weeks(moves: &[Move]) -> Vec<WeekIx> {
    let mut weeks: Vec<WeekIx> = moves.iter().map(|m| m.week).collect();
    weeks.sort_unstable();
    weeks.dedup();
    weeks
}

/// The turns one member gains and loses at one rank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turns {
    pub member: String,
    pub rank: Rank,
    /// Weeks the member now holds the rank and did not before.
    pub gained: Vec<WeekIx>,
    /// Weeks the member held the rank and no longer does.
    pub lost: Vec<WeekIx>,
}

/// Per member and rank up to `max_rank`, the turns gained and lost, members in
/// the order they first appear in `moves`, ranks in order.
pub fn turns(moves: &[Move], max_rank: usize) -> Vec<Turns> {
    let mut t = TurnsBuilder::new(max_rank);
    for m in moves {
        t.add(&Moved {
            week: m.week,
            rank: m.rank,
            before: m.before.as_deref(),
            after: m.after.as_deref(),
        });
    }
    t.finish()
}

/// [`turns`] gathered one move at a time.
pub struct TurnsBuilder {
    max_rank: usize,
    out: Vec<Turns>,
    /// Index in `out` by member id and rank.
    index: HashMap<(String, Rank), usize>,
    /// Each member's place in the order members first appear.
    order: HashMap<String, usize>,
}

impl TurnsBuilder {
    pub fn new(max_rank: usize) -> Self {
        TurnsBuilder {
            max_rank,
            out: Vec::new(),
            index: HashMap::new(),
            order: HashMap::new(),
        }
    }

    fn entry(&mut self, id: &str, rank: Rank) -> &mut Turns {
        let key = (id.to_string(), rank);
        let i = match self.index.get(&key) {
            Some(&i) => i,
            None => {
                let next = self.order.len();
                self.order.entry(id.to_string()).or_insert(next);
                self.out.push(Turns {
                    member: id.to_string(),
                    rank,
                    gained: Vec::new(),
                    lost: Vec::new(),
                });
                self.index.insert(key, self.out.len() - 1);
                self.out.len() - 1
            }
        };
        &mut self.out[i]
    }

    pub fn add(&mut self, m: &Moved<'_>) {
        if m.rank.get() > self.max_rank {
            return;
        }
        if let Some(id) = m.after {
            self.entry(id, m.rank).gained.push(m.week);
        }
        if let Some(id) = m.before {
            self.entry(id, m.rank).lost.push(m.week);
        }
    }

    pub fn finish(self) -> Vec<Turns> {
        let mut sorted = self.out;
        let order = self.order;
        sorted.sort_by_key(|t| (order.get(&t.member).copied().unwrap_or(0), t.rank));
        sorted
    }
}

/// How far ahead of the swap week dw looks for a fair week to swap back.
pub const BACK_HORIZON: usize = 104;

/// Each of the two members' net change in turns per named role, where it is
/// not zero: `["ada −1 primary", "ada +1 secondary"]`.
pub fn net_changes(old: &Roster, new: &Roster, weeks: &[WeekIx], ids: [&str; 2]) -> Vec<String> {
    let named = new.team.roles.len();
    let mut moves = Vec::new();
    for &k in weeks {
        moves.extend(changes(old, new, k..k.next()));
    }
    let mut out = Vec::new();
    for id in ids {
        for rank in Rank::up_to(named) {
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
pub fn fair_back_week(
    rot: &Rotation<'_>,
    k: WeekIx,
    first: MemberIx,
    second: MemberIx,
) -> Option<WeekIx> {
    let week = rot.week(k);
    let (r1, r2) = (week.rank_of(first)?, week.rank_of(second)?);
    WeekIx::range_inclusive(k.next(), k + BACK_HORIZON).find(|&w| {
        let w = rot.week(w);
        w.rank_of(first) == Some(r2) && w.rank_of(second) == Some(r1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::roster;

    /// Weeks `r.start .. r.end`.
    fn wk(r: Range<usize>) -> Range<WeekIx> {
        WeekIx(r.start)..WeekIx(r.end)
    }

    fn mv(week: usize, rank: usize, before: Option<&str>, after: Option<&str>) -> Move {
        Move {
            week: WeekIx(week),
            rank: Rank::new(rank).expect("a rank"),
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
                .week(WeekIx(k))
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
            net_changes(&old, &new, &[WeekIx(0)], [a, b]),
            [
                format!("{a} \u{2212}1 primary"),
                format!("{a} +1 secondary"),
                format!("{b} +1 primary"),
                format!("{b} \u{2212}1 secondary"),
            ]
        );
        // Weeks left out are not counted; the same roster changes nothing.
        assert!(net_changes(&old, &new, &[WeekIx(1)], [a, b]).is_empty());
        assert!(net_changes(&old, &old, &[WeekIx(0), WeekIx(1)], [a, b]).is_empty());
    }

    #[test]
    fn fair_back_week_is_the_next_week_with_the_ranks_reversed() {
        // Two members alternate: the week after has the ranks reversed.
        let two = roster("UTC", "2026-01-06", &[("ada", ""), ("bob", "")], "");
        let rot = Rotation::new(&two);
        let w0 = rot.week(WeekIx(0));
        let (first, second) = (w0.ranks[0].member, w0.ranks[1].member);
        assert_eq!(
            fair_back_week(&rot, WeekIx(0), first, second),
            Some(WeekIx(1))
        );
        assert_eq!(
            fair_back_week(&rot, WeekIx(3), first, second),
            Some(WeekIx(4))
        );
        // Three rotating by one never hold each other's ranks reversed.
        let r = three();
        let rot = Rotation::new(&r);
        let w0 = rot.week(WeekIx(0));
        let (first, second) = (w0.ranks[0].member, w0.ranks[1].member);
        assert_eq!(fair_back_week(&rot, WeekIx(0), first, second), None);
        // Someone without a rank in the week: no answer.
        assert_eq!(fair_back_week(&rot, WeekIx(0), first, MemberIx(99)), None);
    }

    #[test]
    fn changed_weeks_are_sorted_and_listed_once() {
        let moves = [
            mv(7, 1, Some("ada"), Some("bob")),
            mv(3, 2, Some("bob"), None),
            mv(7, 2, Some("bob"), Some("ada")),
            mv(3, 1, None, Some("cy")),
        ];
        assert_eq!(changed_weeks(&moves), [WeekIx(3), WeekIx(7)]);
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
            assert_eq!(changes(&old, &new, wk(weeks)), want, "{name}");
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
            assert_eq!(changes(&old, &new, wk(0..6)), vec![], "{name}");
        }
    }

    #[test]
    fn weeks_before_the_old_start_have_nobody_before() {
        let ab = [("ada", ""), ("bob", "")];
        let old = roster("UTC", "2026-01-13", &ab, "");
        let new = roster("UTC", "2026-01-06", &ab, "");
        let got = changes(&old, &new, wk(0..1));
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
            rank: Rank::PRIMARY,
            gained: gained.into_iter().map(WeekIx).collect(),
            lost: lost.into_iter().map(WeekIx).collect(),
        };
        assert_eq!(
            got,
            vec![t("ada", vec![12], vec![14]), t("grace", vec![14], vec![12])]
        );
    }
}
