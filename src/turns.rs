//! The next-turn search behind `dw next`: the first week ahead in which a
//! member is primary, and the first in which they are secondary. Pure.

use crate::roster::MemberIx;
use crate::rotation::{Rotation, WeekIx};

/// How far ahead `dw next` looks: ten years of weeks.
pub const HORIZON_WEEKS: usize = 520;

/// A member's next week at rank 1 and at rank 2, if one comes within the horizon.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NextTurns {
    pub primary: Option<WeekIx>,
    pub secondary: Option<WeekIx>,
}

/// For each wanted member (in the order given), the first week from `from`
/// (included) through `horizon` weeks in which they are primary and secondary.
pub fn next_turns(
    rot: &Rotation<'_>,
    from: WeekIx,
    wanted: &[MemberIx],
    horizon: usize,
) -> Vec<NextTurns> {
    let mut found = vec![NextTurns::default(); wanted.len()];
    let mut missing = wanted.len() * 2;
    if missing == 0 {
        return found;
    }
    for week in rot.iter().skip(from.get()).take(horizon) {
        for rank in 1..=2 {
            let Some(slot) = week.ranks.get(rank - 1) else {
                continue;
            };
            for (i, _) in wanted.iter().enumerate().filter(|(_, &m)| m == slot.member) {
                let entry = match rank {
                    1 => &mut found[i].primary,
                    _ => &mut found[i].secondary,
                };
                if entry.is_none() {
                    *entry = Some(week.index);
                    missing -= 1;
                }
            }
        }
        if missing == 0 {
            break;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::roster;

    fn turns(p: Option<usize>, s: Option<usize>) -> NextTurns {
        NextTurns {
            primary: p.map(WeekIx),
            secondary: s.map(WeekIx),
        }
    }

    #[test]
    fn finds_the_first_primary_and_secondary_week() {
        let three = [("ada", ""), ("bob", ""), ("cy", "")];
        let r = roster("UTC", "2026-01-06", &three, "");
        let rot = Rotation::new(&r);
        // Week k: primary is member k % 3, secondary (k + 1) % 3.
        type Case<'a> = (&'a str, usize, &'a [usize], usize, Vec<NextTurns>);
        let cases: &[Case] = &[
            (
                "from week 0",
                0,
                &[0, 1, 2],
                520,
                vec![
                    turns(Some(0), Some(2)),
                    turns(Some(1), Some(0)),
                    turns(Some(2), Some(1)),
                ],
            ),
            ("from week 4", 4, &[0], 520, vec![turns(Some(6), Some(5))]),
            (
                "a horizon too short",
                0,
                &[2],
                2,
                vec![turns(None, Some(1))],
            ),
            ("nobody wanted", 0, &[], 520, vec![]),
            (
                "the same member twice",
                0,
                &[1, 1],
                520,
                vec![turns(Some(1), Some(0)), turns(Some(1), Some(0))],
            ),
        ];
        for (name, from, wanted, horizon, want) in cases {
            let wanted: Vec<MemberIx> = wanted.iter().copied().map(MemberIx).collect();
            assert_eq!(
                &next_turns(&rot, WeekIx(*from), &wanted, *horizon),
                want,
                "{name}"
            );
        }
    }

    #[test]
    fn weeks_over_dst_and_leap_days_count_like_any_other() {
        // (name, timezone, start): the weeks straddle a DST change or 29 February.
        let cases = [
            ("spring forward", "America/Chicago", "2026-03-03"),
            ("fall back", "Europe/Berlin", "2026-10-20"),
            ("leap day", "UTC", "2028-02-22"),
        ];
        let two = [("ada", ""), ("bob", "")];
        for (name, tz, start) in cases {
            let r = roster(tz, start, &two, "");
            let rot = Rotation::new(&r);
            assert_eq!(
                next_turns(&rot, WeekIx(1), &[MemberIx(0), MemberIx(1)], HORIZON_WEEKS),
                vec![turns(Some(2), Some(1)), turns(Some(1), Some(2))],
                "{name}"
            );
        }
    }

    #[test]
    fn an_away_member_is_found_after_the_absence() {
        let members = [
            ("ada", "away = [{ from = 2026-01-06, to = 2026-01-26 }]"),
            ("bob", ""),
            ("cy", ""),
        ];
        let r = roster("UTC", "2026-01-06", &members, "");
        let rot = Rotation::new(&r);
        let got = next_turns(&rot, WeekIx(0), &[MemberIx(0)], HORIZON_WEEKS)[0];
        let primary = got
            .primary
            .unwrap_or_else(|| panic!("ada is primary again"));
        assert!(
            primary >= WeekIx(3),
            "ada is away for weeks 0-2, got {primary}"
        );
        assert_eq!(rot.week(primary).ranks[0].member, MemberIx(0));
    }
}
