//! Tests of the rotation engine's overrides: how an override moves a member
//! to a rank, which week it applies to, several in one week, and
//! `check_overrides` for those that cannot apply. Helpers are in
//! `rotation_tests.rs`.

use super::*;

// ------------------------------------------------------------- overrides

/// a b c d with the base schedule a b c d / b c d a / c d a b / d a b c.
fn four(overrides: &str) -> Roster {
    simple(&[("a", ""), ("b", ""), ("c", ""), ("d", "")], overrides)
}

#[test]
fn override_puts_the_member_at_the_rank_and_swaps_with_its_holder() {
    // Week 1 (2026-01-13 .. 01-19) is "b c d a" without overrides.
    let cases: &[(&str, &str, &str, &str)] = &[
        ("by role name", "\"primary\"", "d", "d c b a"),
        ("by role name, any case", "\"Secondary\"", "a", "b a d c"),
        ("by role name tertiary", "\"tertiary\"", "b", "d c b a"),
        ("by rank number", "1", "c", "c b d a"),
        ("by rank number past the role names", "4", "b", "a c d b"),
        ("by ordinal past the role names", "\"4th\"", "c", "b a d c"),
        ("by rank string", "\"2\"", "d", "b d c a"),
        ("member already at that rank", "\"primary\"", "b", "b c d a"),
    ];
    for (name, role, who, want) in cases {
        let r = four(&override_toml("2026-01-15", role, who, "because"));
        let w = Rotation::new(&r).week(WeekIx(1));
        assert_eq!(ids(&r, &w), row(want), "{name}");
        let m = r.member_index(who).unwrap();
        let rank = w.rank_of(m).unwrap();
        for (i, slot) in w.ranks.iter().enumerate() {
            let want_reason = (i + 1 == rank.get()).then(|| "because".to_string());
            assert_eq!(slot.override_reason, want_reason, "{name}: rank {}", i + 1);
        }
    }
}

#[test]
fn override_with_custom_role_names() {
    let text = team("UTC", "tuesday", "10:00", "2026-01-06").replace(
        "start = 2026-01-06\n",
        "start = 2026-01-06\nroles = [\"lead\", \"backup\"]\n",
    ) + &member("a", "")
        + &member("b", "")
        + &member("c", "")
        + &override_toml("2026-01-06", "\"backup\"", "c", "")
        + &override_toml("2026-01-13", "\"3rd\"", "b", "");
    let r = roster(&text);
    let s = schedule(&r, 3);
    assert_eq!(s, rows(&["a c b", "a c b", "c a b"]));
    let w = Rotation::new(&r).week(WeekIx(0));
    assert_eq!(w.ranks[1].override_reason.as_deref(), Some(""));
}

#[test]
fn override_applies_to_the_week_holding_its_date() {
    for date in ["2026-01-13", "2026-01-16", "2026-01-19"] {
        let r = four(&override_toml(date, "\"primary\"", "a", ""));
        assert_eq!(
            schedule(&r, 3),
            rows(&["a b c d", "a c d b", "c d a b"]),
            "override week = {date}"
        );
    }
}

#[test]
fn several_overrides_of_one_week_apply_in_file_order() {
    // Week 1 is "b c d a" without overrides.
    // (name, overrides as (role, member, reason), ranks, reasons by rank)
    type Case = (
        &'static str,
        &'static [(&'static str, &'static str, &'static str)],
        &'static str,
        [Option<&'static str>; 4],
    );
    let cases: &[Case] = &[
        (
            "independent swaps",
            &[("\"primary\"", "a", "o1"), ("\"tertiary\"", "b", "o2")],
            "a c b d",
            [Some("o1"), None, Some("o2"), None],
        ),
        (
            "second override moves the member the first placed",
            &[("\"primary\"", "d", "o1"), ("\"secondary\"", "d", "o2")],
            "c d b a",
            [None, Some("o2"), None, None],
        ),
        (
            "same overrides in the other order",
            &[("\"secondary\"", "d", "o2"), ("\"primary\"", "d", "o1")],
            "d b c a",
            [Some("o1"), None, None, None],
        ),
        (
            "second override works on the ranks the first left",
            &[("\"primary\"", "c", "o1"), ("4", "b", "o2")],
            "c a d b",
            [Some("o1"), None, None, Some("o2")],
        ),
    ];
    for (name, overrides, want, reasons) in cases {
        let text: String = overrides
            .iter()
            .map(|(role, who, why)| override_toml("2026-01-14", role, who, why))
            .collect();
        let r = four(&text);
        let w = Rotation::new(&r).week(WeekIx(1));
        assert_eq!(ids(&r, &w), row(want), "{name}");
        let got: Vec<Option<&str>> = w
            .ranks
            .iter()
            .map(|s| s.override_reason.as_deref())
            .collect();
        assert_eq!(got, reasons.to_vec(), "{name}");
    }
}

#[test]
fn overrides_never_change_other_weeks() {
    let base = four("");
    let want = schedule(&base, 10);
    let overridden = four(
        &(override_toml("2026-01-13", "\"primary\"", "a", "")
            + &override_toml("2026-01-13", "\"secondary\"", "d", "")
            + &override_toml("2026-02-03", "3", "a", "")),
    );
    let got = schedule(&overridden, 10);
    for k in 0..10 {
        if k == 1 || k == 4 {
            assert_ne!(got[k], want[k], "week {k} is overridden");
        } else {
            assert_eq!(got[k], want[k], "week {k}");
        }
    }
    // Unlike a changed queue, the next week's primary is still the base's.
    assert_eq!(got[2], row("c d a b"));
}

#[test]
fn override_of_an_away_members_week_keeps_their_make_up_turn() {
    // b is away in week 1; swapping a into primary that week must not
    // cost b the make-up turn in week 2.
    let r = simple(
        &[
            ("a", ""),
            ("b", "away = [{ from = 2026-01-13, to = 2026-01-13 }]"),
            ("c", ""),
        ],
        &override_toml("2026-01-13", "\"primary\"", "a", ""),
    );
    assert_eq!(schedule(&r, 4), rows(&["a b c", "a c", "b a c", "a c b"]));
}

// -------------------------------------------------------- check_overrides

/// A roster parsed without overrides, then given these (week, rank, member).
fn with_overrides(members: &[(&str, &str)], overrides: &[(&str, usize, &str)]) -> Roster {
    let mut r = simple(members, "");
    for &(week, rank, who) in overrides {
        let member = r.member_index(who).expect("known member");
        r.overrides.push(Override {
            week: d(week),
            rank: crate::test_support::rank(rank),
            member,
            reason: String::new(),
        });
    }
    r
}

#[test]
fn check_overrides_reports_each_override_that_cannot_apply() {
    let members: &[(&str, &str)] = &[
        ("a", ""),
        ("b", "away = [{ from = 2026-01-14, to = 2026-01-15 }]"),
        ("c", ""),
        ("late", "joined = 2026-01-20"),
        ("gone", "left = 2026-01-13"),
    ];
    // (name, overrides, [(index, message fragment)])
    type Case<'a> = (
        &'a str,
        &'a [(&'a str, usize, &'a str)],
        &'a [(usize, &'a str)],
    );
    let cases: &[Case<'_>] = &[
        (
            "valid overrides",
            &[("2026-01-06", 1, "b"), ("2026-01-20", 4, "late")],
            &[],
        ),
        (
            "member away that week",
            &[("2026-01-13", 1, "b")],
            &[(0, "is away")],
        ),
        (
            "member not yet on the rotation",
            &[("2026-01-13", 2, "late")],
            &[(0, "is not on the rotation")],
        ),
        (
            "member no longer on the rotation",
            &[("2026-01-06", 1, "a"), ("2026-01-13", 1, "gone")],
            &[(1, "is not on the rotation")],
        ),
        (
            "rank the week does not have (b away: 2 ranks)",
            &[("2026-01-13", 3, "a")],
            &[(0, "only 2 ranks")],
        ),
        (
            "rank past everybody",
            &[("2026-01-06", 5, "a")],
            &[(0, "only 4 ranks")],
        ),
        (
            "same week and rank twice, by different dates",
            &[("2026-01-20", 1, "a"), ("2026-01-22", 1, "c")],
            &[(1, "#1 and #2")],
        ),
        (
            "same rank in different weeks is fine",
            &[("2026-01-06", 1, "c"), ("2026-01-13", 1, "c")],
            &[],
        ),
        (
            "every problem reported, in file order",
            &[
                ("2026-01-27", 2, "a"),
                ("2026-01-13", 1, "b"),
                ("2026-01-27", 2, "c"),
                ("2026-01-06", 1, "late"),
            ],
            &[
                (1, "is away"),
                (2, "#1 and #3"),
                (3, "is not on the rotation"),
            ],
        ),
    ];
    for (name, overrides, want) in cases {
        let r = with_overrides(members, overrides);
        let problems = check_overrides(&r);
        let got: Vec<usize> = problems.iter().map(|p| p.index).collect();
        let want_idx: Vec<usize> = want.iter().map(|w| w.0).collect();
        assert_eq!(got, want_idx, "{name}: {problems:?}");
        for (p, (_, fragment)) in problems.iter().zip(want.iter()) {
            let p = describe_conflict(&r, p);
            assert!(
                p.message.contains(fragment),
                "{name}: {:?} should mention {fragment:?}",
                p.message
            );
            assert!(!p.hint.is_empty(), "{name}: a hint says what to change");
        }
    }
}

#[test]
fn override_that_cannot_apply_is_a_roster_error_with_its_position() {
    let text = utc_team()
        + &member("a", "")
        + &member("b", "away = [{ from = 2026-01-13, to = 2026-01-13 }]")
        + &override_toml("2026-01-13", "\"primary\"", "b", "")
        + &override_toml("2026-01-20", "\"primary\"", "a", "")
        + &override_toml("2026-01-21", "1", "b", "");
    let err = parse(&text, "roster.toml").expect_err("the roster has override errors");
    assert_eq!(err.diagnostics.len(), 2, "{err}");
    assert!(err.diagnostics[0].message.contains("is away"), "{err}");
    assert!(err.diagnostics[1].message.contains("both set"), "{err}");
    for diag in &err.diagnostics {
        assert!(diag.position.is_some(), "{err}");
    }
}

#[test]
fn unapplicable_override_is_skipped_by_the_calendar() {
    // `dw check` reports it; the calendar must still not panic or shift.
    let r = with_overrides(
        &[("a", ""), ("b", ""), ("c", "")],
        &[("2026-01-13", 9, "a"), ("2026-01-13", 1, "c")],
    );
    assert_eq!(schedule(&r, 3), rows(&["a b c", "c b a", "c a b"]));
}
