//! The coverage problems behind `dw check`: runs of consecutive weeks that
//! have nobody on call, or only one member. Pure.

use crate::roster::MemberIx;
use crate::rotation::{Week, WeekIx};

/// A run of consecutive weeks with fewer than two members on call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    /// First and last week of the run (inclusive).
    pub from: WeekIx,
    pub to: WeekIx,
    /// The one member on call through the run, or `None` when nobody is.
    pub alone: Option<MemberIx>,
}

/// One gap per run of consecutive weeks with the same shortage, not one per
/// week. One pass: `weeks` may be the engine's iterator, and only the gaps are kept.
pub fn gaps<W: std::borrow::Borrow<Week>>(weeks: impl IntoIterator<Item = W>) -> Vec<Gap> {
    let mut runs: Vec<Gap> = Vec::new();
    for week in weeks {
        let week = week.borrow();
        if week.ranks.len() >= 2 {
            continue;
        }
        let alone = week.ranks.first().map(|s| s.member);
        match runs.last_mut() {
            Some(g) if g.to.next() == week.index && g.alone == alone => g.to = week.index,
            _ => runs.push(Gap {
                from: week.index,
                to: week.index,
                alone,
            }),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rotation::Rotation;
    use crate::test_support::{roster, week};

    fn gap(from: usize, to: usize, alone: Option<usize>) -> Gap {
        let alone = alone.map(MemberIx);
        Gap {
            from: WeekIx(from),
            to: WeekIx(to),
            alone,
        }
    }

    #[test]
    fn groups_runs_of_the_same_shortage() {
        let cases: Vec<(&str, Vec<Week>, Vec<Gap>)> = vec![
            ("no weeks", vec![], vec![]),
            (
                "all covered",
                vec![week(0, &[0, 1], &[]), week(1, &[1, 0], &[])],
                vec![],
            ),
            (
                "nobody, three weeks",
                vec![week(4, &[], &[]), week(5, &[], &[]), week(6, &[], &[])],
                vec![gap(4, 6, None)],
            ),
            (
                "alone, then nobody",
                vec![week(0, &[1], &[]), week(1, &[1], &[]), week(2, &[], &[])],
                vec![gap(0, 1, Some(1)), gap(2, 2, None)],
            ),
            (
                "a different member alone starts a new run",
                vec![week(0, &[0], &[]), week(1, &[1], &[])],
                vec![gap(0, 0, Some(0)), gap(1, 1, Some(1))],
            ),
            (
                "a covered week splits a run",
                vec![week(0, &[], &[]), week(1, &[0, 1], &[]), week(2, &[], &[])],
                vec![gap(0, 0, None), gap(2, 2, None)],
            ),
        ];
        for (name, weeks, want) in cases {
            assert_eq!(gaps(&weeks), want, "{name}");
        }
    }

    #[test]
    fn an_absence_over_dst_and_leap_days_is_one_run() {
        // (name, timezone, start, away range): the absence spans a DST change
        // or 29 February; the weeks it empties form one run.
        let cases = [
            (
                "spring forward",
                "America/Chicago",
                "2026-03-03",
                "2026-03-03",
                "2026-03-23",
            ),
            (
                "fall back",
                "Europe/Berlin",
                "2026-10-20",
                "2026-10-20",
                "2026-11-09",
            ),
            ("leap day", "UTC", "2028-02-22", "2028-02-22", "2028-03-13"),
        ];
        for (name, tz, start, from, to) in cases {
            let away = format!("away = [{{ from = {from}, to = {to} }}]");
            let r = roster(tz, start, &[("ada", ""), ("bob", &away)], "");
            let rot = Rotation::new(&r);
            assert_eq!(
                gaps(rot.weeks(WeekIx(0)..WeekIx(6))),
                vec![gap(0, 2, Some(0))],
                "{name}"
            );
        }
    }
}
