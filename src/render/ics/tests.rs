use super::*;
use chrono::TimeZone;

/// The DTSTART and DTEND lines of `weeks` weeks of a roster with these team
/// settings, four members and `more` TOML (covers).
fn times(tz: &str, day: &str, time: &str, start: &str, weeks: usize, more: &str) -> Vec<String> {
    let mut text = format!(
        "[team]\nname = \"T\"\ntimezone = \"{tz}\"\nhandoff_day = \"{day}\"\nhandoff_time = \"{time}\"\nstart = {start}\n"
    );
    for id in ["ash", "bea", "cal", "dev"] {
        text.push_str(&format!(
            "\n[[members]]\nid = \"{id}\"\nname = \"{id}\"\nemail = \"{id}@example.com\"\n"
        ));
    }
    text.push_str(more);
    let roster = crate::validate::parse(&text, "t.toml").expect("a roster");
    let rot = Rotation::new(&roster);
    let mut out = Vec::new();
    let stamp = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    write_ics(
        &mut out,
        &rot,
        rot.weeks(WeekIx(0)..WeekIx(weeks)),
        Some((WeekIx(0), WeekIx(weeks - 1))),
        None,
        Some(&[Rank::PRIMARY]),
        stamp,
    )
    .expect("write");
    let text = String::from_utf8(out).expect("utf8");
    let (_, events) = text.split_once("END:VTIMEZONE").expect("a VTIMEZONE");
    events
        .lines()
        .filter(|l| l.starts_with("DTSTART") || l.starts_with("DTEND"))
        .map(str::to_string)
        .collect()
}

#[test]
fn ambiguous_or_missing_local_times_are_written_in_utc() {
    // (name, zone, handoff day and time, start, weeks, covers, the events'
    // DTSTART and DTEND in order: rank 1 only).
    let lh = "DTSTART;TZID=Australia/Lord_Howe:";
    let lh_end = "DTEND;TZID=Australia/Lord_Howe:";
    let chi = "DTSTART;TZID=America/Chicago:";
    let chi_end = "DTEND;TZID=America/Chicago:";
    let cover = "\n[[covers]]\nrole = 1\nmember = \"dev\"\nfrom = 2026-04-05T01:40:00\nto = 2026-04-05T03:00:00\n";
    let gap = "\n[[covers]]\nrole = 1\nmember = \"dev\"\nfrom = 2026-10-04T02:15:00\nto = 2026-10-04T06:00:00\n";
    #[allow(clippy::type_complexity)]
    let cases: Vec<(&str, &str, &str, &str, &str, usize, &str, Vec<String>)> = vec![
        (
            // Clocks go back at 02:00 (+11:00) to 01:30 (+10:30): 01:45 comes twice.
            "Lord Howe fall back, handoff 01:45: the earlier 01:45, in UTC",
            "Australia/Lord_Howe",
            "sunday",
            "01:45",
            "2026-03-29",
            3,
            "",
            vec![
                format!("{lh}20260329T014500"),
                "DTEND:20260404T144500Z".into(),
                "DTSTART:20260404T144500Z".into(),
                format!("{lh_end}20260412T014500"),
                format!("{lh}20260412T014500"),
                format!("{lh_end}20260419T014500"),
            ],
        ),
        (
            // Clocks go forward at 02:00 to 02:30: 02:15 does not exist and moves to 02:45.
            "Lord Howe spring forward, handoff 02:15: the missing time, in UTC",
            "Australia/Lord_Howe",
            "sunday",
            "02:15",
            "2026-09-27",
            2,
            "",
            vec![
                format!("{lh}20260927T021500"),
                "DTEND:20261003T154500Z".into(),
                "DTSTART:20261003T154500Z".into(),
                format!("{lh_end}20261011T021500"),
            ],
        ),
        (
            "Chicago fall back, handoff 01:30",
            "America/Chicago",
            "sunday",
            "01:30",
            "2026-10-25",
            2,
            "",
            vec![
                format!("{chi}20261025T013000"),
                "DTEND:20261101T063000Z".into(),
                "DTSTART:20261101T063000Z".into(),
                format!("{chi_end}20261108T013000"),
            ],
        ),
        (
            "Chicago spring forward, handoff 02:30 (read as 03:30 CDT)",
            "America/Chicago",
            "sunday",
            "02:30",
            "2026-03-01",
            2,
            "",
            vec![
                format!("{chi}20260301T023000"),
                "DTEND:20260308T083000Z".into(),
                "DTSTART:20260308T083000Z".into(),
                format!("{chi_end}20260315T023000"),
            ],
        ),
        (
            "a cover from inside the fold: its start and the holder's part before it",
            "Australia/Lord_Howe",
            "saturday",
            "10:00",
            "2026-04-04",
            1,
            cover,
            vec![
                format!("{lh}20260404T100000"),
                "DTEND:20260404T144000Z".into(),
                format!("{lh}20260405T030000"),
                format!("{lh_end}20260411T100000"),
                "DTSTART:20260404T144000Z".into(),
                format!("{lh_end}20260405T030000"),
            ],
        ),
        (
            "a cover from inside the gap",
            "Australia/Lord_Howe",
            "saturday",
            "10:00",
            "2026-10-03",
            1,
            gap,
            vec![
                format!("{lh}20261003T100000"),
                "DTEND:20261003T154500Z".into(),
                format!("{lh}20261004T060000"),
                format!("{lh_end}20261010T100000"),
                "DTSTART:20261003T154500Z".into(),
                format!("{lh_end}20261004T060000"),
            ],
        ),
    ];
    for (name, tz, day, time, start, weeks, more, want) in cases {
        assert_eq!(times(tz, day, time, start, weeks, more), want, "{name}");
    }
}

#[test]
fn times_that_exist_once_stay_local_all_year() {
    // Tuesday 10:00 in Chicago and Lord Howe, a year over both changes, and
    // over 29 February 2028: never UTC.
    for (tz, start) in [
        ("America/Chicago", "2026-01-06"),
        ("Australia/Lord_Howe", "2026-01-06"),
        ("America/Chicago", "2028-01-04"),
    ] {
        let lines = times(tz, "tuesday", "10:00", start, 53, "");
        assert_eq!(lines.len(), 2 * 53, "{tz}");
        assert!(
            lines
                .iter()
                .all(|l| l.contains(";TZID=") && !l.ends_with('Z')),
            "{tz}: {lines:?}"
        );
    }
}
