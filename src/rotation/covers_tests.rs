//! Table-driven tests of covers (docs/rotation.md, "Covers").

use chrono::{DateTime, NaiveDate};
use chrono_tz::Tz;

use super::*;
use crate::roster::model::{MemberIx, Rank, Roster};
use crate::test_support::rank as r_;
use crate::validate::{describe_cover_conflict, parse};

/// Four members `ana bo cy di`, handoff Tuesday 10:00 in `tz`, from `start`,
/// plus `more` TOML; `away` is extra TOML for `bo`.
fn team_of_four(tz: &str, start: &str, bo: &str, more: &str) -> String {
    let mut text = format!("[team]\nname = \"T\"\ntimezone = \"{tz}\"\nstart = {start}\n");
    for id in ["ana", "bo", "cy", "di"] {
        let extra = if id == "bo" { bo } else { "" };
        text.push_str(&format!(
            "\n[[members]]\nid = \"{id}\"\nname = \"{id}\"\nemail = \"{id}@example.com\"\n{extra}\n"
        ));
    }
    text.push_str(more);
    text
}

fn roster(text: &str) -> Roster {
    parse(text, "test.toml").unwrap_or_else(|e| panic!("roster does not parse:\n{e}\n---\n{text}"))
}

fn cover(role: &str, member: &str, from: &str, to: &str, reason: &str) -> String {
    format!(
        "\n[[covers]]\nrole = {role}\nmember = \"{member}\"\nfrom = {from}\nto = {to}\nreason = \"{reason}\"\n"
    )
}

/// A cover built directly, past the parser's checks.
fn raw(r: &Roster, rank: usize, member: &str, from: &str, to: &str) -> crate::roster::Cover {
    let t =
        |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").expect("local time");
    crate::roster::Cover {
        rank: r_(rank),
        member: r.member_index(member).expect("member"),
        from: t(from),
        to: t(to),
        reason: String::new(),
    }
}

fn at(tz: &str, rfc3339: &str) -> DateTime<Tz> {
    let tz: Tz = tz.parse().expect("zone");
    DateTime::parse_from_rfc3339(rfc3339)
        .unwrap_or_else(|e| panic!("bad instant {rfc3339}: {e}"))
        .with_timezone(&tz)
}

fn id(r: &Roster, m: MemberIx) -> &str {
    &r.members[m].id
}

/// The documented example: bo covers cy's primary Thu 18:00 → Fri 08:00 of week 2.
fn example() -> Roster {
    roster(&team_of_four(
        "UTC",
        "2026-01-06",
        "",
        &cover(
            "\"primary\"",
            "bo",
            "2026-01-22T18:00",
            "2026-01-23T08:00",
            "cy's evening out",
        ),
    ))
}

#[test]
fn holder_at_is_the_covering_member_only_inside_the_span() {
    let r = example();
    let rot = Rotation::new(&r);
    // (instant, rank, who answers, through a cover)
    let cases = [
        ("2026-01-22T17:59:59Z", 1, "cy", false),
        ("2026-01-22T18:00:00Z", 1, "bo", true),
        ("2026-01-23T07:59:59Z", 1, "bo", true),
        ("2026-01-23T08:00:00Z", 1, "cy", false),
        ("2026-01-22T20:00:00Z", 2, "di", false),
        ("2026-01-22T20:00:00Z", 4, "bo", false),
        ("2026-01-29T20:00:00Z", 1, "di", false),
    ];
    for (t, rank, who, covered) in cases {
        let h = rot.holder_at(r_(rank), &at("UTC", t)).expect("a holder");
        assert_eq!(id(&r, h.member), who, "{t} rank {rank}");
        assert_eq!(h.cover.is_some(), covered, "{t} rank {rank}");
    }
    let c = rot
        .holder_at(Rank::PRIMARY, &at("UTC", "2026-01-22T18:00:00Z"))
        .and_then(|h| h.cover)
        .expect("cover");
    assert_eq!(c.reason, "cy's evening out");
    assert_eq!(c.from, at("UTC", "2026-01-22T18:00:00Z"));
    assert_eq!(c.to, at("UTC", "2026-01-23T08:00:00Z"));
    assert_eq!(
        rot.holder_at(r_(9), &at("UTC", "2026-01-22T18:00:00Z")),
        None
    );
    assert_eq!(
        rot.holder_at(Rank::PRIMARY, &at("UTC", "2026-01-01T00:00:00Z")),
        None
    );
}

#[test]
fn covers_change_neither_the_ranks_nor_the_queue() {
    let with = example();
    let without = roster(&team_of_four("UTC", "2026-01-06", "", ""));
    assert_eq!(
        Rotation::new(&with).weeks(WeekIx(0)..WeekIx(12)),
        Rotation::new(&without).weeks(WeekIx(0)..WeekIx(12))
    );
}

#[test]
fn cover_crossing_a_handoff_appears_clipped_in_each_week() {
    let r = roster(&team_of_four(
        "UTC",
        "2026-01-06",
        "",
        &cover("2", "bo", "2026-01-26T18:00", "2026-01-27T12:00", ""),
    ));
    let rot = Rotation::new(&r);
    // (week, clipped from, clipped to, holder it replaces)
    let cases = [
        (2, "2026-01-26T18:00:00Z", "2026-01-27T10:00:00Z", "di"),
        (3, "2026-01-27T10:00:00Z", "2026-01-27T12:00:00Z", "ana"),
    ];
    for (k, from, to, holder) in cases {
        let covers = rot.covers_in(WeekIx(k));
        assert_eq!(covers.len(), 1, "week {k}");
        assert_eq!(covers[0].from, at("UTC", from), "week {k}");
        assert_eq!(covers[0].to, at("UTC", to), "week {k}");
        assert_eq!(covers[0].rank.get(), 2);
        assert_eq!(id(&r, rot.week(WeekIx(k)).ranks[1].member), holder);
        let inside = rot.holder_at(r_(2), &at("UTC", from)).expect("holder");
        assert_eq!(id(&r, inside.member), "bo", "week {k}");
    }
    assert!(rot.covers_in(WeekIx(1)).is_empty());
    assert!(rot.covers_in(WeekIx(4)).is_empty());
    // Whole, not clipped, at an instant.
    let whole = rot.covers_at(&at("UTC", "2026-01-27T11:00:00Z"));
    assert_eq!(whole[0].from, at("UTC", "2026-01-26T18:00:00Z"));
    assert_eq!(whole[0].to, at("UTC", "2026-01-27T12:00:00Z"));
}

#[test]
fn cover_times_are_wall_clock_across_a_dst_change() {
    // Chicago springs forward on Sun 2026-03-08 (02:00 → 03:00) and falls
    // back on Sun 2026-11-01 (02:00 → 01:00). Week 8 begins 2026-03-03.
    let tz = "America/Chicago";
    // (from, to, what, from as RFC 3339, to as RFC 3339, minutes long)
    let cases = [
        (
            "2026-03-07T20:00",
            "2026-03-08T08:00",
            "-06:00 → -05:00, 11 h",
            "2026-03-07T20:00:00-06:00",
            "2026-03-08T08:00:00-05:00",
            11 * 60,
        ),
        (
            // 02:30 does not exist that day: it means 03:30 CDT.
            "2026-03-08T02:30",
            "2026-03-08T06:00",
            "a time in the gap moves forward",
            "2026-03-08T03:30:00-05:00",
            "2026-03-08T06:00:00-05:00",
            150,
        ),
        (
            "2026-10-31T20:00",
            "2026-11-01T08:00",
            "-05:00 → -06:00, 13 h",
            "2026-10-31T20:00:00-05:00",
            "2026-11-01T08:00:00-06:00",
            13 * 60,
        ),
    ];
    for (from, to, what, want_from, want_to, minutes) in cases {
        let r = roster(&team_of_four(
            tz,
            "2026-01-06",
            "",
            &cover("\"tertiary\"", "bo", from, to, what),
        ));
        let rot = Rotation::new(&r);
        let c = rot
            .covers_at(&at(tz, want_from))
            .pop()
            .unwrap_or_else(|| panic!("{what}: no cover at its start"));
        assert_eq!(c.from, at(tz, want_from), "{what}");
        assert_eq!(c.to, at(tz, want_to), "{what}");
        assert_eq!((c.to - c.from).num_minutes(), minutes, "{what}");
        let k = rot.week_at(&c.from).expect("week");
        assert_eq!(rot.covers_in(k).len(), 1, "{what}");
    }
}

#[test]
fn cover_across_a_leap_day_counts_it_as_a_date_of_the_span() {
    let at_leap = "away = [{ from = 2028-02-29, to = 2028-02-29 }]";
    let text = team_of_four(
        "UTC",
        "2028-01-04",
        at_leap,
        &cover("1", "bo", "2028-02-28T18:00", "2028-03-01T08:00", "leap"),
    );
    let err = parse(&text, "test.toml").expect_err("bo is away on the leap day");
    let text = err.to_string();
    assert!(text.contains("is away on 2028-02-29"), "{text}");
    // Without the away range: the leap day is a handoff Tuesday (week 8
    // begins 2028-02-29 10:00), so the 38 hours are split 16 + 22.
    let r = roster(&team_of_four(
        "UTC",
        "2028-01-04",
        "",
        &cover("1", "bo", "2028-02-28T18:00", "2028-03-01T08:00", "leap"),
    ));
    let rot = Rotation::new(&r);
    let k = rot
        .week_of_date(NaiveDate::from_ymd_opt(2028, 2, 29).expect("leap day"))
        .expect("week");
    assert_eq!(k, WeekIx(8));
    let hours = |k: usize| -> Vec<i64> {
        rot.covers_in(WeekIx(k))
            .iter()
            .map(|c| (c.to - c.from).num_hours())
            .collect()
    };
    assert_eq!(hours(7), [16]);
    assert_eq!(hours(8), [22]);
    assert_eq!(
        rot.covers_in(WeekIx(8))[0].from,
        at("UTC", "2028-02-29T10:00:00Z")
    );
}

#[test]
fn check_covers_reports_each_cover_that_cannot_apply() {
    // Plain rotation: week 1 (01-13 … 01-19) is bo cy di ana; week 2 cy di ana bo.
    let away =
        "away = [{ from = 2026-01-29, to = 2026-01-29, reason = \"dentist\" }]\nleft = 2026-03-03";
    // (rank, member, from, to, expected conflict kind, words in the message)
    let cases = [
        (
            1,
            "bo",
            "2026-01-14T18:00",
            "2026-01-14T20:00",
            CoverConflictKind::HoldsRank { week: WeekIx(1) },
            "\"bo\" is already primary in week 1 (from 2026-01-13)",
        ),
        (
            // Crosses into week 3, where ana is secondary.
            2,
            "ana",
            "2026-01-26T18:00",
            "2026-01-27T12:00",
            CoverConflictKind::HoldsRank { week: WeekIx(3) },
            "\"ana\" is already secondary in week 3",
        ),
        (
            1,
            "bo",
            "2026-01-28T18:00",
            "2026-01-29T08:00",
            CoverConflictKind::Away {
                date: NaiveDate::from_ymd_opt(2026, 1, 29).expect("date"),
                away: 0,
            },
            "\"bo\" is away on 2026-01-29 (away 2026-01-29 to 2026-01-29)",
        ),
        (
            1,
            "bo",
            "2026-03-05T18:00",
            "2026-03-05T20:00",
            CoverConflictKind::NotTakingPart { week: WeekIx(8) },
            "\"bo\" is not on the rotation in week 8",
        ),
        (
            1,
            "bo",
            "2026-01-06T08:00",
            "2026-01-06T12:00",
            CoverConflictKind::BeforeStart {
                start: at("UTC", "2026-01-06T10:00:00Z"),
            },
            "starts before the rotation begins at 2026-01-06T10:00",
        ),
        (
            // Only 3 members take part in week 8 (bo has left).
            4,
            "ana",
            "2026-03-05T18:00",
            "2026-03-05T20:00",
            CoverConflictKind::RankMissing {
                week: WeekIx(8),
                ranks: 3,
            },
            "week 8 (from 2026-03-03) has only 3 ranks, so nobody holds the 4th",
        ),
    ];
    for (rank, member, from, to, kind, words) in cases {
        let toml = cover(&rank.to_string(), member, from, to, "");
        let text = team_of_four("UTC", "2026-01-06", away, &toml);
        let shown = parse(&text, "test.toml").expect_err(words).to_string();
        assert!(shown.contains(words), "want {words:?} in:\n{shown}");
        let mut r = roster(&team_of_four("UTC", "2026-01-06", away, ""));
        r.covers = vec![raw(&r, rank, member, from, to)];
        assert_eq!(
            check_covers(&r),
            vec![CoverConflict { index: 0, kind }],
            "{words}"
        );
    }
}

#[test]
fn overlapping_covers_of_one_rank_conflict_and_of_two_ranks_do_not() {
    let mut r = roster(&team_of_four("UTC", "2026-01-06", "", ""));
    // (rank, member, from, to): #3 lies inside #1; #4 starts where #1 ends;
    // #2 is another rank. Week 2 is cy di ana bo.
    r.covers = [
        (1, "bo", "2026-01-21T08:00", "2026-01-24T08:00"),
        (2, "bo", "2026-01-22T08:00", "2026-01-22T09:00"),
        (1, "ana", "2026-01-23T08:00", "2026-01-23T09:00"),
        (1, "ana", "2026-01-24T08:00", "2026-01-24T09:00"),
    ]
    .iter()
    .map(|&(rank, m, from, to)| raw(&r, rank, m, from, to))
    .collect();
    assert_eq!(
        check_covers(&r),
        vec![CoverConflict {
            index: 2,
            kind: CoverConflictKind::Overlaps { other: 0 }
        }]
    );
    let words = describe_cover_conflict(&r, &check_covers(&r)[0]);
    assert_eq!(
        words.message,
        "cover #3 (ana as primary, 2026-01-23T08:00 to 2026-01-23T09:00) overlaps cover #1 of the same rank"
    );
}

#[test]
fn parse_errors_name_the_position_and_how_to_fix_it() {
    // (cover TOML, words in the error)
    let cases = [
        (
            cover("\"primry\"", "bo", "2026-01-22T18:00", "2026-01-22T20:00", ""),
            "r.toml:31:8: cover #1 names an unknown role",
        ),
        (
            cover("\"primry\"", "bo", "2026-01-22T18:00", "2026-01-22T20:00", ""),
            "did you mean \"primary\"?",
        ),
        (
            cover("1", "boo", "2026-01-22T18:00", "2026-01-22T20:00", ""),
            "did you mean \"bo\"?",
        ),
        (
            cover("1", "bo", "2026-01-22T18:00", "2026-01-22T18:00", ""),
            "ends (2026-01-22 18:00:00) before or when it starts",
        ),
        (
            cover("1", "bo", "2026-01-22T18:00Z", "2026-01-22T20:00", ""),
            "has a UTC offset",
        ),
        (
            cover("1", "bo", "2026-01-22", "2026-01-22T20:00", ""),
            "needs a date and a time of day",
        ),
        (
            cover("1", "bo", "\"tomorrow\"", "2026-01-22T20:00", ""),
            "not a local date and time as YYYY-MM-DDTHH:MM",
        ),
        (
            "\n[[covers]]\nrole = 1\nmember = \"bo\"\nfrom = 2026-01-22T18:00\nuntil = 2026-01-22T19:00\n"
                .to_string(),
            "unknown key `until` in cover #1",
        ),
    ];
    for (toml, words) in cases {
        let text = team_of_four("UTC", "2026-01-06", "", &toml);
        let shown = parse(&text, "r.toml").expect_err(words).to_string();
        assert!(shown.contains(words), "want {words:?} in:\n{shown}");
    }
    // Strings of the same form are accepted.
    let r = roster(&team_of_four(
        "UTC",
        "2026-01-06",
        "",
        &cover(
            "1",
            "bo",
            "\"2026-01-22T18:00\"",
            "\"2026-01-22 20:00\"",
            "",
        ),
    ));
    assert_eq!(r.covers.len(), 1);
}

#[test]
fn holder_in_answers_like_holder_at_for_the_week_given() {
    let r = example();
    let rot = Rotation::new(&r);
    let week = rot.week(WeekIx(2));
    for t in [
        "2026-01-22T17:59:59Z",
        "2026-01-22T18:00:00Z",
        "2026-01-23T08:00:00Z",
    ] {
        for rank in Rank::up_to(5) {
            let instant = at("UTC", t);
            assert_eq!(
                rot.holder_in(&week, rank, &instant),
                rot.holder_at(rank, &instant),
                "{t} rank {rank}"
            );
        }
    }
    // Before the start, week 0 (which dw answers for) has its holders.
    let before = at("UTC", "2026-01-01T00:00:00Z");
    let h = rot
        .holder_in(&rot.week(WeekIx(0)), Rank::PRIMARY, &before)
        .expect("a holder");
    assert_eq!((id(&r, h.member), h.cover), ("ana", None));
}
