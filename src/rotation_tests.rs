//! Table-driven tests of the rotation engine (see docs/rotation.md).
//!
//! This file holds the helpers and the tests of time: which week an instant
//! or a date is in, DST edges, calendar edges. The queue (membership, away)
//! is tested in `rotation_queue_tests.rs`, overrides in
//! `rotation_override_tests.rs`; both are submodules that use the helpers here.

use super::*;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::roster::model::{MemberIx, Override, Roster};
use crate::validate::{describe_conflict, parse};

#[path = "rotation_queue_tests.rs"]
mod queue;

#[path = "rotation_override_tests.rs"]
mod overrides;

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
        .weeks(WeekIx(0)..WeekIx(n))
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
    let (b, e) = rot.bounds(WeekIx(k));
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
        assert_eq!(rot.week_at(&instant(at)), Ok(WeekIx(want)), "instant {at}");
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
    let cases: &[(&str, Option<WeekIx>)] = &[
        ("2026-01-05", None),
        ("2026-01-06", Some(WeekIx(0))),
        ("2026-01-12", Some(WeekIx(0))),
        ("2026-01-13", Some(WeekIx(1))),
        ("2026-03-08", Some(WeekIx(8))),
        ("2026-03-10", Some(WeekIx(9))),
    ];
    for &(date, want) in cases {
        assert_eq!(rot.week_of_date(d(date)).ok(), want, "date {date}");
    }
    assert_eq!(rot.dates(WeekIx(1)), (d("2026-01-13"), d("2026-01-19")));
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
        assert_eq!(rot.week_start_signed(k).to_rfc3339(), want, "week {k}");
    }
    let (b, e) = rot.bounds(WeekIx(8));
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
        assert_eq!(rot.week_start_signed(k).to_rfc3339(), want, "week {k}");
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
        assert_eq!(rot.week_at(&instant(s)), Ok(WeekIx(want)), "instant {s}");
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
        assert_eq!(rot.week_start_signed(k).to_rfc3339(), want, "week {k}");
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
        assert_eq!(rot.week_at(&instant(s)), Ok(WeekIx(want)), "instant {s}");
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
        assert_eq!(rot.week_start_signed(k).to_rfc3339(), want, "week {k}");
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
        assert_eq!(rot.week_at(&instant(s)), Ok(WeekIx(want)), "instant {s}");
    }
}

#[test]
fn half_hour_dst_zone_lord_howe_gap_and_fold() {
    // Gap: 2026-10-04 02:00 → 02:30, so 02:15 becomes 02:45 (+11:00).
    let gap = roster(
        &(team("Australia/Lord_Howe", "sunday", "02:15", "2026-09-27") + &member("ada", "")),
    );
    let rot = Rotation::new(&gap);
    assert_eq!(
        rot.week_start(WeekIx(0)).to_rfc3339(),
        "2026-09-27T02:15:00+10:30"
    );
    assert_eq!(
        rot.week_start(WeekIx(1)).to_rfc3339(),
        "2026-10-04T02:45:00+11:00"
    );
    assert_eq!(
        rot.week_start(WeekIx(2)).to_rfc3339(),
        "2026-10-11T02:15:00+11:00"
    );
    assert_eq!(hours(&rot, 0), 168.0);
    assert_eq!(hours(&rot, 1), 167.5);
    // Fold: 2026-04-05 02:00 → 01:30, so 01:45 happens twice; the earlier is +11:00.
    let fold = roster(
        &(team("Australia/Lord_Howe", "sunday", "01:45", "2026-03-29") + &member("ada", "")),
    );
    let rot = Rotation::new(&fold);
    assert_eq!(
        rot.week_start(WeekIx(1)).to_rfc3339(),
        "2026-04-05T01:45:00+11:00"
    );
    assert_eq!(
        rot.week_start(WeekIx(2)).to_rfc3339(),
        "2026-04-12T01:45:00+10:30"
    );
    assert_eq!(hours(&rot, 0), 168.0);
    assert_eq!(hours(&rot, 1), 168.5);
}

// ------------------------------------------------------ calendar edges

#[test]
fn weeks_run_across_year_ends() {
    // 2025-12-30 and 2026-12-29 are Tuesdays: both weeks straddle New Year.
    let r = roster(&(team("UTC", "tuesday", "10:00", "2025-12-30") + &member("ada", "")));
    let rot = Rotation::new(&r);
    let dates: &[(&str, Option<WeekIx>)] = &[
        ("2025-12-29", None),
        ("2025-12-30", Some(WeekIx(0))),
        ("2025-12-31", Some(WeekIx(0))),
        ("2026-01-01", Some(WeekIx(0))),
        ("2026-01-05", Some(WeekIx(0))),
        ("2026-01-06", Some(WeekIx(1))),
        ("2026-12-28", Some(WeekIx(51))),
        ("2026-12-29", Some(WeekIx(52))),
        ("2027-01-01", Some(WeekIx(52))),
        ("2027-01-04", Some(WeekIx(52))),
        ("2027-01-05", Some(WeekIx(53))),
    ];
    for &(date, want) in dates {
        assert_eq!(rot.week_of_date(d(date)).ok(), want, "date {date}");
    }
    assert_eq!(rot.dates(WeekIx(0)), (d("2025-12-30"), d("2026-01-05")));
    assert_eq!(rot.dates(WeekIx(52)), (d("2026-12-29"), d("2027-01-04")));
    let at: &[(&str, usize)] = &[
        ("2025-12-31T23:59:59Z", 0),
        ("2026-01-01T00:00:00Z", 0),
        ("2026-12-31T23:59:59Z", 52),
        ("2027-01-01T00:00:00Z", 52),
        ("2027-01-05T09:59:59Z", 52),
        ("2027-01-05T10:00:00Z", 53),
    ];
    for &(s, want) in at {
        assert_eq!(rot.week_at(&instant(s)), Ok(WeekIx(want)), "instant {s}");
    }
    assert_eq!(
        rot.week_start(WeekIx(53)).to_rfc3339(),
        "2027-01-05T10:00:00+00:00"
    );
}

#[test]
fn start_on_a_leap_day_counts_whole_weeks_from_it() {
    // 2028-02-29 is a Tuesday.
    let r = roster(&(team("UTC", "tuesday", "10:00", "2028-02-29") + &member("ada", "")));
    let rot = Rotation::new(&r);
    assert_eq!(rot.dates(WeekIx(0)), (d("2028-02-29"), d("2028-03-06")));
    let starts: &[(i64, &str)] = &[
        (0, "2028-02-29T10:00:00+00:00"),
        (1, "2028-03-07T10:00:00+00:00"),
        (52, "2029-02-27T10:00:00+00:00"),
        (53, "2029-03-06T10:00:00+00:00"),
    ];
    for &(k, want) in starts {
        assert_eq!(rot.week_start_signed(k).to_rfc3339(), want, "week {k}");
    }
    let dates: &[(&str, Option<WeekIx>)] = &[
        ("2028-02-28", None),
        ("2028-02-29", Some(WeekIx(0))),
        ("2028-03-06", Some(WeekIx(0))),
        ("2028-03-07", Some(WeekIx(1))),
        ("2029-02-28", Some(WeekIx(52))),
        ("2029-03-01", Some(WeekIx(52))),
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
    assert_eq!(rot.dates(WeekIx(0)), (d("2028-02-26"), d("2028-03-03")));
    assert_eq!(rot.week_of_date(d("2028-02-29")), Ok(WeekIx(0)));
    assert_eq!(rot.week_of_date(d("2028-03-04")), Ok(WeekIx(1)));
    assert_eq!(hours(&rot, 0), 168.0);
    let w = rot.weeks(WeekIx(0)..WeekIx(2));
    assert_eq!(ids(&r, &w[0]), row("a b after-leap"));
    assert_eq!(away_ids(&r, &w[0]), row("leap-away"));
    // week 1: after-leap has left, leap-joiner joins at the back, and leap-away
    // is back in the place they kept (behind b, ahead of a)
    assert_eq!(ids(&r, &w[1]), row("b leap-away a leap-joiner"));
    assert!(w[1].away.is_empty());
}
