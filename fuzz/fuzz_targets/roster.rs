//! Roster parsing + validation must never panic, whatever the bytes; and a
//! roster it accepts must drive the rotation engine without panicking either.
//!
//! Run: RUSTC_BOOTSTRAP=1 cargo fuzz run roster fuzz/corpus/roster fuzz/seeds
#![no_main]

use chrono::{DateTime, Duration, TimeZone, Utc};
use dw::rotation::{Rotation, WeekIx};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(roster) = dw::validate::parse_bytes(data, "fuzz.toml") else {
        return;
    };
    let rotation = Rotation::new(&roster);

    let weeks = rotation.weeks(WeekIx(0)..WeekIx(60));
    assert_eq!(weeks.len(), 60);
    for week in &weeks {
        // Every rank holder is a real member, and nobody holds two ranks.
        let mut seen = vec![false; roster.members.len()];
        for slot in &week.ranks {
            assert!(!seen[slot.member], "member holds two ranks in week {}", week.index);
            seen[slot.member] = true;
            let _ = roster.role_name(week.rank_of(slot.member).unwrap());
        }
        let _ = rotation.bounds(week.index);
        let _ = rotation.dates(week.index);
    }
    let _ = rotation.week(WeekIx(59));

    // A few instants: around week 0, inside the computed weeks, and far away.
    let start = rotation.week_start(WeekIx(0)).with_timezone(&Utc);
    let mut instants = vec![
        start,
        start - Duration::seconds(1),
        start + Duration::days(3) + Duration::hours(7),
        rotation.week_start(WeekIx(59)).with_timezone(&Utc) + Duration::minutes(30),
        Utc.with_ymd_and_hms(2026, 3, 3, 12, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(1970, 1, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59).unwrap(),
    ];
    instants.push(DateTime::<Utc>::from_timestamp(0, 0).unwrap());
    for instant in instants {
        if let Ok(k) = rotation.week_at(&instant) {
            let (from, to) = rotation.bounds(k);
            assert!(from <= instant && instant < to, "week_at({instant}) = {k} does not hold it");
            if k < WeekIx(60) {
                assert_eq!(rotation.week(k), weeks[k.get()]);
            }
        }
    }
    let _ = rotation.week_of_date(roster.team.start);
});
