//! Which covers would replace a short away range: a day or two away takes a
//! member out of every week the range touches, while a cover hands over just
//! those days. Pure: the command words and prints the suggestion.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime};
use chrono_tz::Tz;

use crate::rotation::{resolve_local, Rotation};

/// Away ranges this short (in days) that take someone out of a week get a
/// note suggesting covers instead.
pub const SHORT_DAYS: i64 = 2;

/// One cover that hands over a rank for the days of a short absence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestedCover {
    pub week: usize,
    /// The rank the absent member holds that week.
    pub rank: usize,
    /// Who covers: the member one rank below, or above for the last rank.
    pub member: usize,
    pub from: DateTime<Tz>,
    /// Not included.
    pub to: DateTime<Tz>,
}

/// The covers that could replace `member`'s away range `from..=to` (dates,
/// both included) on `rot` (the roster before the range is added): one per
/// week the range touches in which the member holds a rank, each clipped to
/// that week (a range starting on a handoff day starts at the handoff, since
/// its midnight still belongs to the week before). Empty for ranges longer
/// than [`SHORT_DAYS`] or before the rotation starts.
pub fn covers_for_short_absence(
    rot: &Rotation<'_>,
    member: usize,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<SuggestedCover> {
    let days = (to - from).num_days() + 1;
    if !(1..=SHORT_DAYS).contains(&days) {
        return Vec::new();
    }
    let (Ok(first), Ok(last)) = (rot.week_of_date(from), rot.week_of_date(to)) else {
        return Vec::new();
    };
    let tz = rot.roster().team.timezone;
    let midnight = |d: NaiveDate| resolve_local(&tz, d.and_time(NaiveTime::MIN));
    let (away_from, away_to) = (midnight(from), midnight(to + Duration::days(1)));
    let mut covers = Vec::new();
    for k in first..=last.min(first + 1) {
        let week = rot.week(k);
        let Some(rank) = week.rank_of(member) else {
            continue;
        };
        let other = week
            .ranks
            .get(rank)
            .or_else(|| rank.checked_sub(2).and_then(|i| week.ranks.get(i)));
        let Some(other) = other else { continue };
        let (start, end) = rot.bounds(k);
        let (from, to) = (away_from.max(start), away_to.min(end));
        if from < to {
            covers.push(SuggestedCover {
                week: k,
                rank,
                member: other.member,
                from,
                to,
            });
        }
    }
    covers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::roster;

    fn at(s: &str) -> DateTime<Tz> {
        DateTime::parse_from_rfc3339(s)
            .expect("an instant")
            .with_timezone(&Tz::UTC)
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("a date")
    }

    #[test]
    fn a_short_absence_is_covered_by_the_next_rank_clipped_to_each_week() {
        let r = roster(
            "UTC",
            "2026-01-06",
            &[("ada", ""), ("bob", ""), ("cy", "")],
            "",
        );
        let rot = Rotation::new(&r);
        let holder = |k: usize, rank: usize| rot.week(k).ranks[rank - 1].member;
        // One Thursday off for week 0's primary: the secondary covers that day.
        let p0 = holder(0, 1);
        assert_eq!(
            covers_for_short_absence(&rot, p0, d("2026-01-08"), d("2026-01-08")),
            [SuggestedCover {
                week: 0,
                rank: 1,
                member: holder(0, 2),
                from: at("2026-01-08T00:00:00Z"),
                to: at("2026-01-09T00:00:00Z"),
            }]
        );
        // The last rank is covered by the one above.
        let last = holder(0, 3);
        let c = covers_for_short_absence(&rot, last, d("2026-01-08"), d("2026-01-08"));
        assert_eq!((c[0].rank, c[0].member), (3, holder(0, 2)));
        // Monday and the handoff Tuesday: one cover per week, split at the handoff.
        let m = holder(0, 1);
        let got = covers_for_short_absence(&rot, m, d("2026-01-12"), d("2026-01-13"));
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(
            (got[0].week, got[0].from, got[0].to),
            (0, at("2026-01-12T00:00:00Z"), at("2026-01-13T10:00:00Z"))
        );
        assert_eq!(
            (got[1].week, got[1].from, got[1].to),
            (1, at("2026-01-13T10:00:00Z"), at("2026-01-14T00:00:00Z"))
        );
        assert_eq!(got[1].rank, rot.week(1).rank_of(m).expect("a rank"));
        // Three days is not short; before the start there is nothing to cover.
        assert!(covers_for_short_absence(&rot, p0, d("2026-01-07"), d("2026-01-09")).is_empty());
        assert!(covers_for_short_absence(&rot, p0, d("2025-12-01"), d("2025-12-01")).is_empty());
    }
}
