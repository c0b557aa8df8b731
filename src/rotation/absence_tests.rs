use chrono::{DateTime, NaiveDate};
use chrono_tz::Tz;

use super::*;
use crate::test_support::roster;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

fn utc(s: &str) -> DateTime<Tz> {
    DateTime::parse_from_rfc3339(s)
        .expect("an instant")
        .with_timezone(&Tz::UTC)
}

const FOUR: [(&str, &str); 4] = [("ada", ""), ("bob", ""), ("cy", ""), ("dee", "")];

/// (week, days away, the cover's span as UTC instants, or `None` for no cover).
type Want = (usize, i64, Option<(&'static str, &'static str)>);

/// (week, days away, the cover's span) as instants.
type Row = (usize, i64, Option<(DateTime<Tz>, DateTime<Tz>)>);

fn shape(cost: &AwayCost) -> Vec<Row> {
    cost.weeks
        .iter()
        .map(|w| {
            let span = match &w.offer {
                Offer::Cover(c) => Some((c.from, c.to)),
                _ => None,
            };
            (w.week.get(), w.days_away, span)
        })
        .collect()
}

fn want(rows: &[Want]) -> Vec<Row> {
    rows.iter()
        .map(|&(k, n, span)| (k, n, span.map(|(a, b)| (utc(a), utc(b)))))
        .collect()
}

#[test]
fn away_ranges_cost_whole_weeks_and_short_ends_get_covers() {
    // Tuesday 10:00 handoffs. The member away is the one in `who`; the
    // weeks are those they hold a rank in.
    #[allow(clippy::type_complexity)]
    let cases: &[(
        &str,
        &str,
        &str,
        &str,
        &str,
        Vec<Want>,
        Option<Option<(&str, &str)>>,
    )] = &[
        (
            "one Thursday: the day is covered, no away range is left",
            "UTC",
            "2026-01-06",
            "2026-01-08",
            "2026-01-08",
            vec![(0, 1, Some(("2026-01-08T00:00:00Z", "2026-01-09T00:00:00Z")))],
            Some(None),
        ),
        (
            "Monday and the handoff Tuesday: one cover per week, split at the handoff",
            "UTC",
            "2026-01-06",
            "2026-01-12",
            "2026-01-13",
            vec![
                (0, 1, Some(("2026-01-12T00:00:00Z", "2026-01-13T10:00:00Z"))),
                (1, 1, Some(("2026-01-13T10:00:00Z", "2026-01-14T00:00:00Z"))),
            ],
            Some(None),
        ),
        (
            "Sunday to Tuesday: two days and one, both ends covered",
            "UTC",
            "2026-01-06",
            "2026-01-11",
            "2026-01-13",
            vec![
                (0, 2, Some(("2026-01-11T00:00:00Z", "2026-01-13T10:00:00Z"))),
                (1, 1, Some(("2026-01-13T10:00:00Z", "2026-01-14T00:00:00Z"))),
            ],
            Some(None),
        ),
        (
            "a holiday from a Monday: the Monday is covered, the rest stays away",
            "UTC",
            "2026-01-06",
            "2026-01-12",
            "2026-01-25",
            vec![
                (0, 1, Some(("2026-01-12T00:00:00Z", "2026-01-13T10:00:00Z"))),
                (1, 7, None),
                (2, 6, None),
            ],
            Some(Some(("2026-01-13", "2026-01-25"))),
        ),
        (
            "a Monday-to-Friday ski trip: Monday covered, Tuesday to Friday away",
            "UTC",
            "2026-01-06",
            "2026-01-12",
            "2026-01-16",
            vec![
                (0, 1, Some(("2026-01-12T00:00:00Z", "2026-01-13T10:00:00Z"))),
                (1, 4, None),
            ],
            Some(Some(("2026-01-13", "2026-01-16"))),
        ),
        (
            "back on a handoff Tuesday: that Tuesday after the handoff is covered",
            "UTC",
            "2026-01-06",
            "2026-01-08",
            "2026-01-20",
            vec![
                (0, 5, None),
                (1, 7, None),
                (2, 1, Some(("2026-01-20T10:00:00Z", "2026-01-21T00:00:00Z"))),
            ],
            Some(Some(("2026-01-08", "2026-01-19"))),
        ),
        (
            "three days inside one week: no cover",
            "UTC",
            "2026-01-06",
            "2026-01-07",
            "2026-01-09",
            vec![(0, 3, None)],
            None,
        ),
        (
            "spring forward (Chicago, Sun 8 Mar): Sunday and Monday, 47 real hours",
            "America/Chicago",
            "2026-03-03",
            "2026-03-08",
            "2026-03-09",
            vec![(0, 2, Some(("2026-03-08T06:00:00Z", "2026-03-10T05:00:00Z")))],
            Some(None),
        ),
        (
            "fall back (Chicago, Sun 1 Nov): the Sunday is 25 hours",
            "America/Chicago",
            "2026-10-27",
            "2026-11-01",
            "2026-11-01",
            vec![(0, 1, Some(("2026-11-01T05:00:00Z", "2026-11-02T06:00:00Z")))],
            Some(None),
        ),
        (
            "leap year: Monday 28 Feb and Tuesday 29 Feb 2028",
            "UTC",
            "2028-02-22",
            "2028-02-28",
            "2028-02-29",
            vec![
                (0, 1, Some(("2028-02-28T00:00:00Z", "2028-02-29T10:00:00Z"))),
                (1, 1, Some(("2028-02-29T10:00:00Z", "2028-03-01T00:00:00Z"))),
            ],
            Some(None),
        ),
        (
            "leap year: Sunday 27 Feb to Wednesday 1 Mar 2028, two days each side",
            "UTC",
            "2028-02-22",
            "2028-02-27",
            "2028-03-01",
            vec![
                (0, 2, Some(("2028-02-27T00:00:00Z", "2028-02-29T10:00:00Z"))),
                (1, 2, Some(("2028-02-29T10:00:00Z", "2028-03-02T00:00:00Z"))),
            ],
            Some(None),
        ),
        (
            "before the rotation starts: nothing to lose",
            "UTC",
            "2026-01-06",
            "2025-12-01",
            "2025-12-02",
            vec![],
            None,
        ),
        (
            "from before the start into week 0",
            "UTC",
            "2026-01-06",
            "2025-12-30",
            "2026-01-06",
            vec![(0, 1, Some(("2026-01-06T10:00:00Z", "2026-01-07T00:00:00Z")))],
            Some(None),
        ),
    ];
    for (name, tz, start, from, to, weeks, instead) in cases {
        let r = roster(tz, start, &FOUR, "");
        let rot = Rotation::new(&r);
        // The member away: whoever holds rank 2 in the range's first week.
        let first = rot.week_of_date(d(from).max(d(start))).unwrap_or(WeekIx(0));
        let who = rot.week(first).ranks[1].member;
        let cost = away_cost(&rot, who, d(from), d(to));
        assert_eq!(shape(&cost), want(weeks), "{name}");
        let instead = instead.map(|r| r.map(|(a, b)| (d(a), d(b))));
        assert_eq!(cost.instead, instead, "{name}");
        for c in cost.covers() {
            // The cover goes to someone else holding a rank that week, and
            // is of the rank the member holds there once the rest is away.
            assert_ne!(c.member, who, "{name}");
            let mut kept = r.clone();
            if let Some(Some((a, b))) = cost.instead {
                kept.members[who].away.push(Away {
                    from: a,
                    to: b,
                    reason: None,
                });
            }
            let week = Rotation::new(&kept).week(c.week);
            assert_eq!(week.rank_of(who), Some(c.rank), "{name}");
            assert!(week.rank_of(c.member).is_some(), "{name}");
        }
    }
}

#[test]
fn the_last_week_is_covered_at_the_rank_held_on_coming_back() {
    // ada would be primary in week 4 (3 Feb) and tertiary in week 6. Away
    // weeks 4 and 5 and back on the handoff Tuesday of week 6, she keeps her
    // place in the queue and is primary that week (her make-up turn): the
    // cover is of the primary, not of the rank she held without the absence.
    let r = roster("UTC", "2026-01-06", &FOUR, "");
    let rot = Rotation::new(&r);
    let ada = 0;
    let cost = away_cost(&rot, MemberIx(ada), d("2026-02-03"), d("2026-02-17"));
    let last = cost.weeks.last().expect("weeks");
    assert_eq!(
        (last.week.get(), last.days_away, last.rank.get()),
        (6, 1, 3)
    );
    match &last.offer {
        Offer::Cover(c) => {
            assert_eq!(c.rank.get(), 1, "{c:?}");
            assert_eq!(
                (c.from, c.to),
                (utc("2026-02-17T10:00:00Z"), utc("2026-02-18T00:00:00Z"))
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(cost.instead, Some(Some((d("2026-02-03"), d("2026-02-16")))));
}

#[test]
fn the_cover_goes_to_the_nearest_rank_free_on_every_date_of_its_span() {
    // Week 0 (6–12 Jan): ada primary, bob secondary, cy tertiary, dee 4th.
    // ada is away Monday 12 and Tuesday 13: week 0's cover runs to Tuesday's
    // handoff, a date bob is away, so cy covers.
    let r = roster(
        "UTC",
        "2026-01-06",
        &[
            ("ada", ""),
            ("bob", "away = [{ from = 2026-01-13, to = 2026-01-14 }]"),
            ("cy", ""),
            ("dee", ""),
        ],
        "",
    );
    let rot = Rotation::new(&r);
    let cost = away_cost(&rot, MemberIx(0), d("2026-01-12"), d("2026-01-12"));
    match &cost.weeks[0].offer {
        // A Monday alone ends at Tuesday 00:00: bob is free for it.
        Offer::Cover(c) => assert_eq!(c.member, MemberIx(1)),
        other => panic!("{other:?}"),
    }
    let cost = away_cost(&rot, MemberIx(0), d("2026-01-12"), d("2026-01-13"));
    match &cost.weeks[0].offer {
        Offer::Cover(c) => assert_eq!((c.rank.get(), c.member), (1, MemberIx(2))),
        other => panic!("{other:?}"),
    }
    // The last rank is covered by the one above.
    let cost = away_cost(&rot, MemberIx(3), d("2026-01-08"), d("2026-01-08"));
    match &cost.weeks[0].offer {
        Offer::Cover(c) => assert_eq!((c.rank.get(), c.member), (4, MemberIx(2))),
        other => panic!("{other:?}"),
    }
}

#[test]
fn no_cover_when_nobody_is_free_or_the_rank_is_already_covered() {
    // Two members: with bob away too, ada is alone in week 0.
    let r = roster(
        "UTC",
        "2026-01-06",
        &[
            ("ada", ""),
            ("bob", "away = [{ from = 2026-01-08, to = 2026-01-08 }]"),
        ],
        "",
    );
    let rot = Rotation::new(&r);
    let cost = away_cost(&rot, MemberIx(0), d("2026-01-09"), d("2026-01-09"));
    assert_eq!(cost.weeks[0].offer, Offer::NobodyFree);
    assert_eq!(cost.instead, None);
    // A cover of ada's rank that overlaps the day.
    let covered = "[[covers]]\nrole = 1\nmember = \"cy\"\nfrom = 2026-01-08T12:00:00\nto = 2026-01-08T14:00:00\n";
    let r = roster(
        "UTC",
        "2026-01-06",
        &[("ada", ""), ("bob", ""), ("cy", "")],
        covered,
    );
    let rot = Rotation::new(&r);
    let cost = away_cost(&rot, MemberIx(0), d("2026-01-08"), d("2026-01-08"));
    assert_eq!(cost.weeks[0].offer, Offer::AlreadyCovered);
}

#[test]
fn a_left_date_inside_a_week_costs_that_week() {
    // (name, timezone, start, left, want: (week, days off, cover span) or None, keep_until)
    #[allow(clippy::type_complexity)]
    let cases: &[(&str, &str, &str, &str, Option<Want>, &str)] = &[
        (
            "a handoff Tuesday: a clean cut",
            "UTC",
            "2026-01-06",
            "2026-01-13",
            None,
            "",
        ),
        (
            "a Monday: the week ending the next day is lost, the Monday can be covered",
            "UTC",
            "2026-01-06",
            "2026-01-12",
            Some((0, 1, Some(("2026-01-12T00:00:00Z", "2026-01-13T10:00:00Z")))),
            "2026-01-13",
        ),
        (
            "a Sunday: two days",
            "UTC",
            "2026-01-06",
            "2026-01-11",
            Some((0, 2, Some(("2026-01-11T00:00:00Z", "2026-01-13T10:00:00Z")))),
            "2026-01-13",
        ),
        (
            "a Thursday: five days off, no cover",
            "UTC",
            "2026-01-06",
            "2026-01-08",
            Some((0, 5, None)),
            "2026-01-13",
        ),
        (
            "spring forward (Chicago): Sunday 8 and Monday 9 March",
            "America/Chicago",
            "2026-03-03",
            "2026-03-08",
            Some((0, 2, Some(("2026-03-08T06:00:00Z", "2026-03-10T15:00:00Z")))),
            "2026-03-10",
        ),
        (
            "leap day 2028, a handoff Tuesday",
            "UTC",
            "2028-02-22",
            "2028-02-29",
            None,
            "",
        ),
        (
            "leap year: Monday 28 February 2028",
            "UTC",
            "2028-02-22",
            "2028-02-28",
            Some((0, 1, Some(("2028-02-28T00:00:00Z", "2028-02-29T10:00:00Z")))),
            "2028-02-29",
        ),
    ];
    for (name, tz, start, on, want_week, keep) in cases {
        let r = roster(tz, start, &FOUR, "");
        let rot = Rotation::new(&r);
        let who = rot.week(WeekIx(0)).ranks[1].member;
        let got = leave_cost(&rot, who, d(on));
        match (got, want_week) {
            (None, None) => {}
            (Some(cost), Some((k, days, span))) => {
                let span = span.map(|(a, b)| (utc(a), utc(b)));
                let got_span = match &cost.week.offer {
                    Offer::Cover(c) => {
                        assert_eq!(c.rank.get(), 2, "{name}");
                        Some((c.from, c.to))
                    }
                    _ => None,
                };
                assert_eq!(
                    (cost.week.week.get(), cost.week.days_away, got_span),
                    (*k, *days, span),
                    "{name}"
                );
                assert_eq!(cost.keep_until, d(keep), "{name}");
            }
            (got, _) => panic!("{name}: {got:?}"),
        }
    }
    // A member away that week loses nothing by leaving in it.
    let r = roster(
        "UTC",
        "2026-01-06",
        &[
            ("ada", "away = [{ from = 2026-01-07, to = 2026-01-07 }]"),
            ("bob", ""),
        ],
        "",
    );
    assert_eq!(
        leave_cost(&Rotation::new(&r), MemberIx(0), d("2026-01-12")),
        None
    );
}
