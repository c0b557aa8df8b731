//! Tests of the rotation engine's queue: membership (`joined`, `left`, the
//! order joiners and leavers leave behind) and away ranges (who is away in
//! which week, make-up turns, weeks without ranks). Helpers are in
//! `rotation_tests.rs`.

use super::*;

// ------------------------------------------------------------ membership

#[test]
fn member_takes_part_only_in_weeks_whose_7_dates_are_within_joined_left() {
    // Week k holds the dates 2026-01-06 + 7k .. + 7k + 6.
    let cases: &[(&str, &str, [bool; 5])] = &[
        ("", "", [true, true, true, true, true]),
        ("joined = 2025-06-01", "", [true, true, true, true, true]),
        ("joined = 2026-01-06", "", [true, true, true, true, true]),
        ("joined = 2026-01-07", "", [false, true, true, true, true]),
        ("joined = 2026-01-12", "", [false, true, true, true, true]),
        ("joined = 2026-01-13", "", [false, true, true, true, true]),
        ("joined = 2026-01-14", "", [false, false, true, true, true]),
        ("", "left = 2026-01-12", [false, false, false, false, false]),
        ("", "left = 2026-01-13", [true, false, false, false, false]),
        ("", "left = 2026-01-19", [true, false, false, false, false]),
        ("", "left = 2026-01-20", [true, true, false, false, false]),
        ("", "left = 2026-01-21", [true, true, false, false, false]),
        (
            "joined = 2026-01-08",
            "left = 2026-01-27",
            [false, true, true, false, false],
        ),
        (
            "joined = 2026-01-08",
            "left = 2026-01-19",
            [false, false, false, false, false],
        ),
        (
            "joined = 2026-01-13",
            "left = 2026-01-20",
            [false, true, false, false, false],
        ),
        (
            "joined = 2025-01-01",
            "left = 2025-06-01",
            [false, false, false, false, false],
        ),
    ];
    for (joined, left, want) in cases {
        let extra = format!("{joined}\n{left}");
        let r = simple(&[("a", ""), ("b", ""), ("x", &extra)], "");
        let weeks = Rotation::new(&r).weeks(WeekIx(0)..WeekIx(5));
        let got: Vec<bool> = weeks
            .iter()
            .map(|w| w.rank_of(MemberIx(2)).is_some())
            .collect();
        assert_eq!(got, want, "x with {joined:?} {left:?}");
        for w in &weeks {
            assert!(w.away.is_empty(), "nobody is away ({joined:?} {left:?})");
            assert_eq!(
                w.ranks.len(),
                2 + usize::from(w.rank_of(MemberIx(2)).is_some())
            );
        }
    }
}

#[test]
fn joiner_goes_to_the_back_of_the_queue_in_file_order() {
    let cases: &[QueueCase] = &[
        (
            "joiner listed last",
            &[
                ("a", ""),
                ("b", ""),
                ("c", ""),
                ("d", "joined = 2026-01-20"),
            ],
            &["a b c", "b c a", "c a b d", "a b d c", "b d c a"],
        ),
        (
            "joiner listed first still starts at the back",
            &[
                ("d", "joined = 2026-01-20"),
                ("a", ""),
                ("b", ""),
                ("c", ""),
            ],
            &["a b c", "b c a", "c a b d", "a b d c", "b d c a"],
        ),
        (
            "joined mid-week starts the next week",
            &[
                ("a", ""),
                ("b", ""),
                ("c", ""),
                ("d", "joined = 2026-01-15"),
            ],
            &["a b c", "b c a", "c a b d", "a b d c", "b d c a"],
        ),
        (
            "two joiners in one week queue in file order",
            &[
                ("e", "joined = 2026-01-12"),
                ("a", ""),
                ("d", "joined = 2026-01-13"),
                ("b", ""),
            ],
            &["a b", "b a e d", "a e d b", "e d b a"],
        ),
    ];
    for (name, members, want) in cases {
        let r = simple(members, "");
        assert_eq!(schedule(&r, want.len()), rows(want), "{name}");
    }
}

#[test]
fn leaver_leaves_the_queue_and_everyone_behind_moves_up() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "left on a handoff day",
            "left = 2026-01-20",
            &["a b c d", "b c d a", "c d a", "d a c", "a c d"],
        ),
        (
            "left mid-week misses that whole week",
            "left = 2026-01-22",
            &["a b c d", "b c d a", "c d a", "d a c"],
        ),
        (
            "left on the last date of a week misses it",
            "left = 2026-01-19",
            &["a b c d", "c d a", "d a c"],
        ),
    ];
    for (name, left, want) in cases {
        let r = simple(&[("a", ""), ("b", left), ("c", ""), ("d", "")], "");
        assert_eq!(schedule(&r, want.len()), rows(want), "{name}");
    }
}

// ------------------------------------------------------------------ away

#[test]
fn member_is_away_in_every_week_an_away_range_overlaps_including_the_handoff_day() {
    let cases: &[(&str, &str, [bool; 5])] = &[
        (
            "2026-01-13",
            "2026-01-13",
            [false, true, false, false, false],
        ),
        (
            "2026-01-12",
            "2026-01-12",
            [true, false, false, false, false],
        ),
        (
            "2026-01-12",
            "2026-01-13",
            [true, true, false, false, false],
        ),
        (
            "2026-01-14",
            "2026-01-18",
            [false, true, false, false, false],
        ),
        (
            "2026-01-06",
            "2026-01-19",
            [true, true, false, false, false],
        ),
        ("2026-01-06", "2026-01-26", [true, true, true, false, false]),
        ("2026-01-06", "2026-01-27", [true, true, true, true, false]),
        (
            "2025-12-01",
            "2026-01-06",
            [true, false, false, false, false],
        ),
        (
            "2025-12-01",
            "2026-01-05",
            [false, false, false, false, false],
        ),
        (
            "2026-02-03",
            "2026-03-01",
            [false, false, false, false, true],
        ),
    ];
    for (from, to, want) in cases {
        let away = format!("away = [{{ from = {from}, to = {to}, reason = \"PTO\" }}]");
        let r = simple(&[("a", ""), ("b", ""), ("x", &away)], "");
        let weeks = Rotation::new(&r).weeks(WeekIx(0)..WeekIx(5));
        for (w, &away) in weeks.iter().zip(want.iter()) {
            let listed = w.away.iter().find(|a| a.member == MemberIx(2));
            assert_eq!(
                listed.is_some(),
                away,
                "away {from}..{to}, week {}",
                w.index
            );
            assert_eq!(
                w.rank_of(MemberIx(2)).is_none(),
                away,
                "away {from}..{to}, week {}",
                w.index
            );
            if let Some(slot) = listed {
                assert_eq!(slot.reason.as_deref(), Some("PTO"));
            }
        }
    }
}

#[test]
fn away_member_keeps_their_queue_place_and_is_primary_the_first_week_back() {
    let cases: &[QueueCase] = &[
        (
            "first in line away for week 0",
            &[
                ("a", "away = [{ from = 2026-01-06, to = 2026-01-12 }]"),
                ("b", ""),
                ("c", ""),
                ("d", ""),
            ],
            &["b c d", "a c d b", "c d b a", "d b a c"],
        ),
        (
            "away two weeks, including when their turn comes",
            &[
                ("a", ""),
                ("b", ""),
                ("c", "away = [{ from = 2026-01-13, to = 2026-01-26 }]"),
                ("d", ""),
            ],
            &["a b c d", "b d a", "d a b", "c a b d", "a b d c"],
        ),
        (
            "two away in one week both keep their places",
            &[
                ("a", ""),
                ("b", "away = [{ from = 2026-01-14, to = 2026-01-14 }]"),
                ("c", "away = [{ from = 2026-01-19, to = 2026-01-19 }]"),
                ("d", ""),
            ],
            &["a b c d", "d a", "b c a d", "c a d b"],
        ),
        (
            "away on the make-up week too: still first in line after",
            &[
                ("a", "away = [{ from = 2026-01-06, to = 2026-01-06 }, { from = 2026-01-13, to = 2026-01-13 }]"),
                ("b", ""),
                ("c", ""),
            ],
            &["b c", "c b", "a b c", "b c a"],
        ),
    ];
    for (name, members, want) in cases {
        let r = simple(members, "");
        assert_eq!(schedule(&r, want.len()), rows(want), "{name}");
    }
}

#[test]
fn everybody_away_leaves_the_week_without_ranks_and_the_queue_untouched() {
    let r = simple(
        &[
            (
                "a",
                "away = [{ from = 2026-01-13, to = 2026-01-19, reason = \"offsite\" }]",
            ),
            ("b", "away = [{ from = 2026-01-15, to = 2026-01-15 }]"),
        ],
        "",
    );
    let weeks = Rotation::new(&r).weeks(WeekIx(0)..WeekIx(3));
    assert_eq!(ids(&r, &weeks[0]), row("a b"));
    assert!(weeks[1].ranks.is_empty());
    assert_eq!(away_ids(&r, &weeks[1]), row("a b"));
    assert_eq!(weeks[1].away[0].reason.as_deref(), Some("offsite"));
    assert_eq!(weeks[1].away[1].reason, None);
    assert_eq!(ids(&r, &weeks[2]), row("b a"));
}

#[test]
fn nobody_taking_part_leaves_the_week_without_ranks_or_away() {
    let r = simple(
        &[("a", "joined = 2026-01-13"), ("b", "joined = 2026-01-13")],
        "",
    );
    let weeks = Rotation::new(&r).weeks(WeekIx(0)..WeekIx(2));
    assert!(weeks[0].ranks.is_empty() && weeks[0].away.is_empty());
    assert_eq!(ids(&r, &weeks[1]), row("a b"));
}

#[test]
fn with_nobody_away_the_secondary_is_next_weeks_primary() {
    let r = simple(&[("a", ""), ("b", ""), ("c", ""), ("d", ""), ("e", "")], "");
    let s = schedule(&r, 12);
    assert_eq!(s[0], row("a b c d e"));
    assert_eq!(s[1], row("b c d e a"));
    assert_eq!(s[5], row("a b c d e"));
    for k in 0..11 {
        assert_eq!(s[k][1], s[k + 1][0], "week {k}");
        // everyone moves up one rank a week
        assert_eq!(s[k][1..], s[k + 1][..4], "week {k}");
    }
}

#[test]
fn weeks_and_week_agree_with_the_iterator() {
    let r = simple(
        &[
            ("a", "away = [{ from = 2026-01-20, to = 2026-02-02 }]"),
            ("b", "joined = 2026-02-10"),
            ("c", "left = 2026-03-03"),
            ("d", ""),
        ],
        &override_toml("2026-02-11", "\"secondary\"", "a", "swap"),
    );
    let rot = Rotation::new(&r);
    let all: Vec<Week> = rot.iter().take(12).collect();
    for (k, w) in all.iter().enumerate() {
        assert_eq!(w.index.get(), k);
        assert_eq!(&rot.week(WeekIx(k)), w, "week {k}");
    }
    assert_eq!(rot.weeks(WeekIx(3)..WeekIx(9)), all[3..9].to_vec());
    assert!(rot.weeks(WeekIx(5)..WeekIx(5)).is_empty());
}
