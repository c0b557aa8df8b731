//! Table-driven tests of the rotation engine (see docs/rotation.md).

use super::*;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::roster::model::{MemberIx, Override, Roster};
use crate::validate::{describe_conflict, parse};

// ---------------------------------------------------------------- helpers

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("bad date {s}: {e}"))
}

fn instant(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap_or_else(|e| panic!("bad instant {s}: {e}"))
}

fn roster(text: &str) -> Roster {
    parse(text, "test.toml").unwrap_or_else(|e| panic!("roster does not parse:\n{e}\n---\n{text}"))
}

/// A `[team]` section with every timing setting explicit.
fn team(tz: &str, day: &str, time: &str, start: &str) -> String {
    format!(
        "[team]\nname = \"Test\"\ntimezone = \"{tz}\"\nhandoff_day = \"{day}\"\n\
         handoff_time = \"{time}\"\nstart = {start}\n"
    )
}

/// One `[[members]]` entry; `extra` is more TOML lines (joined, left, away).
fn member(id: &str, extra: &str) -> String {
    format!(
        "\n[[members]]\nid = \"{id}\"\nname = \"{id}\"\nemail = \"{id}@example.com\"\n{extra}\n"
    )
}

/// The usual test team: UTC, Tuesday 10:00, week 0 begins 2026-01-06.
fn utc_team() -> String {
    team("UTC", "tuesday", "10:00", "2026-01-06")
}

/// A UTC roster of members given as (id, extra TOML), plus override TOML.
fn simple(members: &[(&str, &str)], overrides: &str) -> Roster {
    let mut text = utc_team();
    for (id, extra) in members {
        text.push_str(&member(id, extra));
    }
    text.push_str(overrides);
    roster(&text)
}

fn override_toml(week: &str, role: &str, member: &str, reason: &str) -> String {
    format!(
        "\n[[overrides]]\nweek = {week}\nrole = {role}\nmember = \"{member}\"\nreason = \"{reason}\"\n"
    )
}

/// Member ids by rank.
fn ids(r: &Roster, w: &Week) -> Vec<String> {
    w.ranks
        .iter()
        .map(|s| r.members[s.member].id.clone())
        .collect()
}

fn away_ids(r: &Roster, w: &Week) -> Vec<String> {
    w.away
        .iter()
        .map(|a| r.members[a.member].id.clone())
        .collect()
}

/// The ranks of weeks 0..n, as member ids.
fn schedule(r: &Roster, n: usize) -> Vec<Vec<String>> {
    Rotation::new(r)
        .weeks(0..n)
        .iter()
        .map(|w| ids(r, w))
        .collect()
}

/// `"a b c"` → `["a", "b", "c"]`; `""` → no ranks.
fn row(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

fn rows(rs: &[&str]) -> Vec<Vec<String>> {
    rs.iter().map(|s| row(s)).collect()
}

/// A queue case: name, members as (id, extra TOML), ranks of weeks 0, 1, …
type QueueCase = (
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static [&'static str],
);

fn hours(rot: &Rotation<'_>, k: usize) -> f64 {
    let (b, e) = rot.bounds(k);
    (e - b).num_minutes() as f64 / 60.0
}

fn chicago_tuesdays() -> Roster {
    roster(&(team("America/Chicago", "tuesday", "10:00", "2026-01-06") + &member("ada", "")))
}

// ------------------------------------------------------- weeks and instants

#[test]
fn instant_belongs_to_the_week_whose_tuesday_10_00_handoff_precedes_it() {
    let r = chicago_tuesdays();
    let rot = Rotation::new(&r);
    let cases: &[(&str, usize)] = &[
        // exactly at the first handoff
        ("2026-01-06T10:00:00-06:00", 0),
        ("2026-01-06T16:00:00Z", 0),
        // Monday evening local is still the old week, although UTC is on Tuesday
        ("2026-01-12T23:00:00-06:00", 0),
        ("2026-01-13T03:00:00Z", 0),
        // Tuesday before 10:00 local: still the old week
        ("2026-01-13T00:00:00-06:00", 0),
        ("2026-01-13T09:59:59-06:00", 0),
        ("2026-01-13T15:59:59Z", 0),
        // Tuesday exactly at and after 10:00 local: the new week
        ("2026-01-13T10:00:00-06:00", 1),
        ("2026-01-13T16:00:00Z", 1),
        ("2026-01-13T10:00:01-06:00", 1),
        ("2026-01-13T23:59:59-06:00", 1),
        // after the spring-forward, 10:00 local is 15:00Z
        ("2026-03-10T09:59:59-05:00", 8),
        ("2026-03-10T14:59:59Z", 8),
        ("2026-03-10T10:00:00-05:00", 9),
        ("2026-03-10T15:00:00Z", 9),
        // after the fall-back, 10:00 local is 16:00Z again
        ("2026-11-03T09:59:59-06:00", 42),
        ("2026-11-03T15:59:59Z", 42),
        ("2026-11-03T10:00:00-06:00", 43),
        // the repeated hour of the fall-back Sunday: both instants, same week
        ("2026-11-01T01:30:00-05:00", 42),
        ("2026-11-01T01:30:00-06:00", 42),
    ];
    for &(at, want) in cases {
        assert_eq!(rot.week_at(&instant(at)), Ok(want), "instant {at}");
    }
}

#[test]
fn instant_before_week_0_is_an_error_naming_the_start() {
    let r = chicago_tuesdays();
    let rot = Rotation::new(&r);
    for at in [
        "2026-01-06T09:59:59-06:00",
        "2026-01-06T15:59:59Z",
        "2026-01-05T12:00:00-06:00",
        "2025-01-01T00:00:00Z",
    ] {
        let err = rot.week_at(&instant(at)).expect_err(at);
        assert_eq!(
            err.start.to_rfc3339(),
            "2026-01-06T10:00:00-06:00",
            "instant {at}"
        );
    }
}

#[test]
fn date_belongs_to_the_week_holding_it_among_its_7_dates() {
    let r = chicago_tuesdays();
    let rot = Rotation::new(&r);
    let cases: &[(&str, Option<usize>)] = &[
        ("2026-01-05", None),
        ("2026-01-06", Some(0)),
        ("2026-01-12", Some(0)),
        ("2026-01-13", Some(1)),
        ("2026-03-08", Some(8)),
        ("2026-03-10", Some(9)),
    ];
    for &(date, want) in cases {
        assert_eq!(rot.week_of_date(d(date)).ok(), want, "date {date}");
    }
    assert_eq!(rot.dates(1), (d("2026-01-13"), d("2026-01-19")));
}

#[test]
fn week_begins_at_the_local_handoff_time_on_every_handoff_day() {
    let r = chicago_tuesdays();
    let rot = Rotation::new(&r);
    let cases: &[(i64, &str)] = &[
        (0, "2026-01-06T10:00:00-06:00"),
        (1, "2026-01-13T10:00:00-06:00"),
        (8, "2026-03-03T10:00:00-06:00"),
        (9, "2026-03-10T10:00:00-05:00"),
        (42, "2026-10-27T10:00:00-05:00"),
        (43, "2026-11-03T10:00:00-06:00"),
        (-1, "2025-12-30T10:00:00-06:00"),
    ];
    for &(k, want) in cases {
        assert_eq!(rot.week_start(k).to_rfc3339(), want, "week {k}");
    }
    let (b, e) = rot.bounds(8);
    assert_eq!(b.to_rfc3339(), "2026-03-03T10:00:00-06:00");
    assert_eq!(e.to_rfc3339(), "2026-03-10T10:00:00-05:00");
}

#[test]
fn week_crossing_us_dst_change_is_167_or_169_hours() {
    let r = chicago_tuesdays();
    let rot = Rotation::new(&r);
    // week 8: 2026-03-03 .. 03-10, DST starts 03-08; week 42: 10-27 .. 11-03, DST ends 11-01
    let cases: &[(usize, f64)] = &[
        (7, 168.0),
        (8, 167.0),
        (9, 168.0),
        (41, 168.0),
        (42, 169.0),
        (43, 168.0),
    ];
    for &(k, want) in cases {
        assert_eq!(hours(&rot, k), want, "week {k}");
    }
}

// ------------------------------------------------------------- DST edges

#[test]
fn local_time_in_spring_forward_gap_moves_forward_by_the_gap() {
    let tz: Tz = "America/Chicago".parse().unwrap();
    let cases: &[(&str, &str)] = &[
        ("2026-03-08T01:59", "2026-03-08T01:59:00-06:00"),
        ("2026-03-08T02:00", "2026-03-08T03:00:00-05:00"),
        ("2026-03-08T02:30", "2026-03-08T03:30:00-05:00"),
        ("2026-03-08T02:59", "2026-03-08T03:59:00-05:00"),
        ("2026-03-08T03:00", "2026-03-08T03:00:00-05:00"),
    ];
    for &(local, want) in cases {
        let naive = NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M").unwrap();
        assert_eq!(
            resolve_local(&tz, naive).to_rfc3339(),
            want,
            "local {local}"
        );
    }
}

#[test]
fn ambiguous_local_time_in_fall_back_fold_is_the_earlier_instant() {
    let tz: Tz = "America/Chicago".parse().unwrap();
    let cases: &[(&str, &str)] = &[
        ("2026-11-01T00:59", "2026-11-01T00:59:00-05:00"),
        ("2026-11-01T01:00", "2026-11-01T01:00:00-05:00"),
        ("2026-11-01T01:30", "2026-11-01T01:30:00-05:00"),
        ("2026-11-01T01:59", "2026-11-01T01:59:00-05:00"),
        ("2026-11-01T02:00", "2026-11-01T02:00:00-06:00"),
    ];
    for &(local, want) in cases {
        let naive = NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M").unwrap();
        assert_eq!(
            resolve_local(&tz, naive).to_rfc3339(),
            want,
            "local {local}"
        );
    }
}

#[test]
fn handoff_time_in_spring_forward_gap_begins_the_week_an_hour_later() {
    // Sundays at 02:30; week 1 begins on 2026-03-08, when 02:30 does not exist.
    let r =
        roster(&(team("America/Chicago", "sunday", "02:30", "2026-03-01") + &member("ada", "")));
    let rot = Rotation::new(&r);
    let starts: &[(i64, &str)] = &[
        (0, "2026-03-01T02:30:00-06:00"),
        (1, "2026-03-08T03:30:00-05:00"),
        (2, "2026-03-15T02:30:00-05:00"),
    ];
    for &(k, want) in starts {
        assert_eq!(rot.week_start(k).to_rfc3339(), want, "week {k}");
    }
    // week 0 ends an hour "late" in wall-clock terms, so it is a full 168 hours
    assert_eq!(hours(&rot, 0), 168.0);
    assert_eq!(hours(&rot, 1), 167.0);
    let at: &[(&str, usize)] = &[
        ("2026-03-08T01:59:59-06:00", 0),
        ("2026-03-08T03:29:59-05:00", 0),
        ("2026-03-08T03:30:00-05:00", 1),
        ("2026-03-08T08:30:00Z", 1),
    ];
    for &(s, want) in at {
        assert_eq!(rot.week_at(&instant(s)), Ok(want), "instant {s}");
    }
}

#[test]
fn handoff_time_in_fall_back_fold_begins_the_week_at_the_earlier_instant() {
    // Sundays at 01:30; week 1 begins on 2026-11-01, when 01:30 happens twice.
    let r =
        roster(&(team("America/Chicago", "sunday", "01:30", "2026-10-25") + &member("ada", "")));
    let rot = Rotation::new(&r);
    let starts: &[(i64, &str)] = &[
        (0, "2026-10-25T01:30:00-05:00"),
        (1, "2026-11-01T01:30:00-05:00"),
        (2, "2026-11-08T01:30:00-06:00"),
    ];
    for &(k, want) in starts {
        assert_eq!(rot.week_start(k).to_rfc3339(), want, "week {k}");
    }
    assert_eq!(hours(&rot, 0), 168.0);
    assert_eq!(hours(&rot, 1), 169.0);
    let at: &[(&str, usize)] = &[
        ("2026-11-01T01:29:59-05:00", 0),
        ("2026-11-01T01:30:00-05:00", 1),
        // the second 01:30 (CST) is an hour into week 1
        ("2026-11-01T01:30:00-06:00", 1),
        ("2026-11-08T01:29:59-06:00", 1),
        ("2026-11-08T01:30:00-06:00", 2),
    ];
    for &(s, want) in at {
        assert_eq!(rot.week_at(&instant(s)), Ok(want), "instant {s}");
    }
}

#[test]
fn half_hour_dst_zone_lord_howe_weeks_are_167_5_or_168_5_hours() {
    // Lord Howe: +11:00 in summer, +10:30 in winter; 2026 changes on Apr 5 and Oct 4.
    let r = roster(
        &(team("Australia/Lord_Howe", "tuesday", "10:00", "2026-01-06") + &member("ada", "")),
    );
    let rot = Rotation::new(&r);
    let starts: &[(i64, &str)] = &[
        (0, "2026-01-06T10:00:00+11:00"),
        (12, "2026-03-31T10:00:00+11:00"),
        (13, "2026-04-07T10:00:00+10:30"),
        (38, "2026-09-29T10:00:00+10:30"),
        (39, "2026-10-06T10:00:00+11:00"),
    ];
    for &(k, want) in starts {
        assert_eq!(rot.week_start(k).to_rfc3339(), want, "week {k}");
    }
    let lengths: &[(usize, f64)] = &[
        (11, 168.0),
        (12, 168.5),
        (13, 168.0),
        (38, 167.5),
        (39, 168.0),
    ];
    for &(k, want) in lengths {
        assert_eq!(hours(&rot, k), want, "week {k}");
    }
    let at: &[(&str, usize)] = &[
        ("2026-04-07T09:59:59+10:30", 12),
        ("2026-04-07T10:00:00+10:30", 13),
        ("2026-04-06T23:29:59Z", 12),
        ("2026-04-06T23:30:00Z", 13),
    ];
    for &(s, want) in at {
        assert_eq!(rot.week_at(&instant(s)), Ok(want), "instant {s}");
    }
}

#[test]
fn half_hour_dst_zone_lord_howe_gap_and_fold() {
    // Gap: 2026-10-04 02:00 → 02:30, so 02:15 becomes 02:45 (+11:00).
    let gap = roster(
        &(team("Australia/Lord_Howe", "sunday", "02:15", "2026-09-27") + &member("ada", "")),
    );
    let rot = Rotation::new(&gap);
    assert_eq!(rot.week_start(0).to_rfc3339(), "2026-09-27T02:15:00+10:30");
    assert_eq!(rot.week_start(1).to_rfc3339(), "2026-10-04T02:45:00+11:00");
    assert_eq!(rot.week_start(2).to_rfc3339(), "2026-10-11T02:15:00+11:00");
    assert_eq!(hours(&rot, 0), 168.0);
    assert_eq!(hours(&rot, 1), 167.5);
    // Fold: 2026-04-05 02:00 → 01:30, so 01:45 happens twice; the earlier is +11:00.
    let fold = roster(
        &(team("Australia/Lord_Howe", "sunday", "01:45", "2026-03-29") + &member("ada", "")),
    );
    let rot = Rotation::new(&fold);
    assert_eq!(rot.week_start(1).to_rfc3339(), "2026-04-05T01:45:00+11:00");
    assert_eq!(rot.week_start(2).to_rfc3339(), "2026-04-12T01:45:00+10:30");
    assert_eq!(hours(&rot, 0), 168.0);
    assert_eq!(hours(&rot, 1), 168.5);
}

// ------------------------------------------------------ calendar edges

#[test]
fn weeks_run_across_year_ends() {
    // 2025-12-30 and 2026-12-29 are Tuesdays: both weeks straddle New Year.
    let r = roster(&(team("UTC", "tuesday", "10:00", "2025-12-30") + &member("ada", "")));
    let rot = Rotation::new(&r);
    let dates: &[(&str, Option<usize>)] = &[
        ("2025-12-29", None),
        ("2025-12-30", Some(0)),
        ("2025-12-31", Some(0)),
        ("2026-01-01", Some(0)),
        ("2026-01-05", Some(0)),
        ("2026-01-06", Some(1)),
        ("2026-12-28", Some(51)),
        ("2026-12-29", Some(52)),
        ("2027-01-01", Some(52)),
        ("2027-01-04", Some(52)),
        ("2027-01-05", Some(53)),
    ];
    for &(date, want) in dates {
        assert_eq!(rot.week_of_date(d(date)).ok(), want, "date {date}");
    }
    assert_eq!(rot.dates(0), (d("2025-12-30"), d("2026-01-05")));
    assert_eq!(rot.dates(52), (d("2026-12-29"), d("2027-01-04")));
    let at: &[(&str, usize)] = &[
        ("2025-12-31T23:59:59Z", 0),
        ("2026-01-01T00:00:00Z", 0),
        ("2026-12-31T23:59:59Z", 52),
        ("2027-01-01T00:00:00Z", 52),
        ("2027-01-05T09:59:59Z", 52),
        ("2027-01-05T10:00:00Z", 53),
    ];
    for &(s, want) in at {
        assert_eq!(rot.week_at(&instant(s)), Ok(want), "instant {s}");
    }
    assert_eq!(rot.week_start(53).to_rfc3339(), "2027-01-05T10:00:00+00:00");
}

#[test]
fn start_on_a_leap_day_counts_whole_weeks_from_it() {
    // 2028-02-29 is a Tuesday.
    let r = roster(&(team("UTC", "tuesday", "10:00", "2028-02-29") + &member("ada", "")));
    let rot = Rotation::new(&r);
    assert_eq!(rot.dates(0), (d("2028-02-29"), d("2028-03-06")));
    let starts: &[(i64, &str)] = &[
        (0, "2028-02-29T10:00:00+00:00"),
        (1, "2028-03-07T10:00:00+00:00"),
        (52, "2029-02-27T10:00:00+00:00"),
        (53, "2029-03-06T10:00:00+00:00"),
    ];
    for &(k, want) in starts {
        assert_eq!(rot.week_start(k).to_rfc3339(), want, "week {k}");
    }
    let dates: &[(&str, Option<usize>)] = &[
        ("2028-02-28", None),
        ("2028-02-29", Some(0)),
        ("2028-03-06", Some(0)),
        ("2028-03-07", Some(1)),
        ("2029-02-28", Some(52)),
        ("2029-03-01", Some(52)),
    ];
    for &(date, want) in dates {
        assert_eq!(rot.week_of_date(d(date)).ok(), want, "date {date}");
    }
}

#[test]
fn leap_day_inside_a_week_is_one_of_its_7_dates() {
    // Saturdays: week 0 is 2028-02-26 .. 2028-03-03 and holds 02-29.
    let text = team("UTC", "saturday", "09:00", "2028-02-26")
        + &member("a", "")
        + &member("b", "")
        + &member(
            "leap-away",
            "away = [{ from = 2028-02-29, to = 2028-02-29 }]",
        )
        + &member("leap-joiner", "joined = 2028-02-29")
        + &member("leap-leaver", "left = 2028-02-29")
        + &member("after-leap", "left = 2028-03-04");
    let r = roster(&text);
    let rot = Rotation::new(&r);
    assert_eq!(rot.dates(0), (d("2028-02-26"), d("2028-03-03")));
    assert_eq!(rot.week_of_date(d("2028-02-29")), Ok(0));
    assert_eq!(rot.week_of_date(d("2028-03-04")), Ok(1));
    assert_eq!(hours(&rot, 0), 168.0);
    let w = rot.weeks(0..2);
    assert_eq!(ids(&r, &w[0]), row("a b after-leap"));
    assert_eq!(away_ids(&r, &w[0]), row("leap-away"));
    // week 1: after-leap has left, leap-joiner joins at the back, and leap-away
    // is back in the place they kept (behind b, ahead of a)
    assert_eq!(ids(&r, &w[1]), row("b leap-away a leap-joiner"));
    assert!(w[1].away.is_empty());
}

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
        let weeks = Rotation::new(&r).weeks(0..5);
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
        let weeks = Rotation::new(&r).weeks(0..5);
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
    let weeks = Rotation::new(&r).weeks(0..3);
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
    let weeks = Rotation::new(&r).weeks(0..2);
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
        assert_eq!(w.index, k);
        assert_eq!(&rot.week(k), w, "week {k}");
    }
    assert_eq!(rot.weeks(3..9), all[3..9].to_vec());
    assert!(rot.weeks(5..5).is_empty());
}

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
        let w = Rotation::new(&r).week(1);
        assert_eq!(ids(&r, &w), row(want), "{name}");
        let m = r.member_index(who).unwrap();
        let rank = w.rank_of(m).unwrap();
        for (i, slot) in w.ranks.iter().enumerate() {
            let want_reason = (i + 1 == rank).then(|| "because".to_string());
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
    let w = Rotation::new(&r).week(0);
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
        let w = Rotation::new(&r).week(1);
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
            rank,
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
