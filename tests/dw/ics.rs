//! `dw schedule --ics`, read back by an independent parser (the `ical` crate)
//! and checked against `dw schedule --json` and the tz database (chrono-tz).

use std::io::BufReader;

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use ical::parser::ical::component::{IcalCalendar, IcalEvent, IcalTimeZoneTransitionType};
use ical::property::Property;
use serde_json::Value;

use crate::support::{json, stdout_ok, Sandbox, BUNDLED};

fn parse(text: &str) -> IcalCalendar {
    let mut parser = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let cal = parser
        .next()
        .expect("a VCALENDAR")
        .unwrap_or_else(|e| panic!("the ical crate rejects dw's output: {e}\n{text}"));
    assert!(parser.next().is_none(), "exactly one VCALENDAR");
    cal
}

/// The one property called `name`.
fn prop<'a>(props: &'a [Property], name: &str) -> &'a Property {
    let found: Vec<&Property> = props.iter().filter(|p| p.name == name).collect();
    assert_eq!(found.len(), 1, "want one {name} in {props:?}");
    found[0]
}

fn value<'a>(props: &'a [Property], name: &str) -> &'a str {
    prop(props, name).value.as_deref().unwrap_or("")
}

fn param<'a>(p: &'a Property, name: &str) -> Option<&'a str> {
    p.params
        .as_ref()?
        .iter()
        .find(|(k, _)| k == name)
        .and_then(|(_, v)| v.first())
        .map(String::as_str)
}

/// A `DTSTART;TZID=…:YYYYMMDDTHHMMSS` read as an instant with the tz
/// database, or a `DTSTART:YYYYMMDDTHHMMSSZ` in UTC.
fn instant(p: &Property) -> DateTime<Utc> {
    let text = p.value.as_deref().unwrap();
    if let Some(utc) = text.strip_suffix('Z') {
        assert_eq!(param(p, "TZID"), None, "{p:?}");
        let t = NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").unwrap();
        return Utc.from_utc_datetime(&t);
    }
    let tzid = param(p, "TZID").unwrap_or_else(|| panic!("{} has no TZID: {p:?}", p.name));
    let tz: Tz = tzid.parse().expect("TZID is an IANA name");
    let local = NaiveDateTime::parse_from_str(p.value.as_deref().unwrap(), "%Y%m%dT%H%M%S")
        .unwrap_or_else(|e| panic!("{p:?}: {e}"));
    tz.from_local_datetime(&local)
        .single()
        .expect("a handoff time that exists once")
        .with_timezone(&Utc)
}

fn rfc3339(v: &Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(v.as_str().unwrap())
        .unwrap()
        .with_timezone(&Utc)
}

/// `+HHMM` / `-HHMM` (`TZOFFSETFROM`, `TZOFFSETTO`) in seconds.
fn offset_seconds(s: &str) -> i32 {
    let sign = if s.starts_with('-') { -1 } else { 1 };
    let h: i32 = s[1..3].parse().unwrap();
    let m: i32 = s[3..5].parse().unwrap();
    let sec: i32 = if s.len() >= 7 {
        s[5..7].parse().unwrap()
    } else {
        0
    };
    sign * (h * 3600 + m * 60 + sec)
}

fn ics_and_json(sandbox: &Sandbox, extra: &[&str]) -> (String, IcalCalendar, Value) {
    let mut ics_args = vec!["schedule", "--ics"];
    ics_args.extend_from_slice(extra);
    let mut json_args = vec!["schedule", "--json"];
    json_args.extend_from_slice(extra);
    let text = stdout_ok(&mut sandbox.dw(&ics_args));
    let cal = parse(&text);
    let schedule = json(&mut sandbox.dw(&json_args));
    (text, cal, schedule)
}

/// One expected VEVENT: bounds and words its SUMMARY holds.
fn expect_one(cal: &IcalCalendar, start: DateTime<Utc>, end: DateTime<Utc>, words: &[&str]) {
    let matching: Vec<&IcalEvent> = cal
        .events
        .iter()
        .filter(|e| {
            instant(prop(&e.properties, "DTSTART")) == start
                && instant(prop(&e.properties, "DTEND")) == end
                && words
                    .iter()
                    .all(|w| value(&e.properties, "SUMMARY").contains(w))
        })
        .collect();
    assert_eq!(matching.len(), 1, "{words:?} from {start} to {end}");
}

/// Every (week, rank) of the JSON (of `ranks`, all when `None`) is one
/// VEVENT with the week's bounds naming the member and the role, split
/// around the covers of that rank; every cover (given by `member`, when
/// set) is one more VEVENT of exactly its clipped span; and there are no
/// other events.
fn assert_events_match(
    cal: &IcalCalendar,
    schedule: &Value,
    ranks: Option<&[u64]>,
    member: Option<&str>,
) {
    let mut expected = 0;
    let shown = |r: &Value| ranks.is_none_or(|rs| rs.contains(&r["rank"].as_u64().unwrap()));
    for w in schedule["weeks"].as_array().unwrap() {
        let (start, end) = (rfc3339(&w["start"]), rfc3339(&w["end"]));
        let covers = w["covers"].as_array().unwrap();
        for r in w["ranks"].as_array().unwrap().iter().filter(|r| shown(r)) {
            let name = r["name"].as_str().unwrap();
            let role = r["role"].as_str().unwrap();
            // The holder's parts: the week minus the covers of the rank.
            let mut at = start;
            for c in covers.iter().filter(|c| c["rank"] == r["rank"]) {
                let (from, to) = (rfc3339(&c["from"]), rfc3339(&c["to"]));
                if from > at {
                    expected += 1;
                    expect_one(cal, at, from, &[name, role]);
                }
                at = at.max(to);
            }
            if at < end {
                expected += 1;
                expect_one(cal, at, end, &[name, role]);
            }
        }
        for c in covers
            .iter()
            .filter(|c| shown(c) && member.is_none_or(|m| c["id"] == m))
        {
            expected += 1;
            let role = format!("{} (cover)", c["role"].as_str().unwrap());
            expect_one(cal, rfc3339(&c["from"]), rfc3339(&c["to"]), &[&role]);
        }
    }
    assert_eq!(
        cal.events.len(),
        expected,
        "one VEVENT per member per rank per week, split around covers, and one per cover"
    );
}

#[test]
fn one_event_per_member_per_rank_per_week() {
    let sandbox = Sandbox::with(BUNDLED);
    let (_, cal, schedule) = ics_and_json(&sandbox, &["--weeks", "10"]);
    assert_eq!(schedule["weeks"].as_array().unwrap().len(), 10);
    // Weeks 8..17; frances joins in week 13: 5×7 + 5×8 ranks; the cover of
    // week 8 splits ada's primary event in two and adds one for ken.
    assert_eq!(cal.events.len(), 5 * 7 + 5 * 8 + 2);
    assert_events_match(&cal, &schedule, None, None);
    let mut uids: Vec<&str> = cal
        .events
        .iter()
        .map(|e| value(&e.properties, "UID"))
        .collect();
    uids.sort_unstable();
    uids.dedup();
    assert_eq!(uids.len(), cal.events.len(), "UIDs are unique");
    for e in &cal.events {
        for p in ["DTSTAMP", "SUMMARY"] {
            prop(&e.properties, p);
        }
    }
}

#[test]
fn the_week_that_crosses_spring_forward_has_local_bounds_and_167_hours() {
    let sandbox = Sandbox::with(BUNDLED);
    let (_, cal, _) = ics_and_json(&sandbox, &["--weeks", "1"]);
    // 7 ranks; ada's primary split around ken's cover, and the cover.
    assert_eq!(cal.events.len(), 9);
    for e in cal.events.iter().filter(|e| {
        let summary = value(&e.properties, "SUMMARY");
        !summary.starts_with("primary")
    }) {
        let start = prop(&e.properties, "DTSTART");
        let end = prop(&e.properties, "DTEND");
        assert_eq!(param(start, "TZID"), Some("America/Chicago"));
        assert_eq!(param(end, "TZID"), Some("America/Chicago"));
        assert_eq!(start.value.as_deref(), Some("20260303T100000"));
        assert_eq!(end.value.as_deref(), Some("20260310T100000"));
        assert_eq!(
            instant(start),
            Utc.with_ymd_and_hms(2026, 3, 3, 16, 0, 0).unwrap()
        );
        assert_eq!(
            instant(end),
            Utc.with_ymd_and_hms(2026, 3, 10, 15, 0, 0).unwrap()
        );
        assert_eq!((instant(end) - instant(start)).num_hours(), 167);
    }
    // That week's primary is in the primary's event.
    let grace = cal
        .events
        .iter()
        .find(|e| value(&e.properties, "SUMMARY").contains("Grace Hopper"))
        .unwrap();
    assert!(value(&grace.properties, "SUMMARY").starts_with("primary"));
}

#[test]
fn the_week_that_crosses_fall_back_has_169_hours() {
    let sandbox = Sandbox::with(BUNDLED);
    // DST ends Sunday 2026-11-01; that week runs 2026-10-27 → 2026-11-03.
    let (_, cal, schedule) = ics_and_json(&sandbox, &["--from", "2026-10-27", "--weeks", "1"]);
    assert_events_match(&cal, &schedule, None, None);
    for e in &cal.events {
        let start = instant(prop(&e.properties, "DTSTART"));
        let end = instant(prop(&e.properties, "DTEND"));
        assert_eq!(start, Utc.with_ymd_and_hms(2026, 10, 27, 15, 0, 0).unwrap());
        assert_eq!(end, Utc.with_ymd_and_hms(2026, 11, 3, 16, 0, 0).unwrap());
    }
}

#[test]
fn the_vtimezone_agrees_with_the_tz_database() {
    let sandbox = Sandbox::with(BUNDLED);
    let (_, cal, _) = ics_and_json(&sandbox, &["--weeks", "40"]);
    assert_eq!(cal.timezones.len(), 1, "one VTIMEZONE");
    let vtz = &cal.timezones[0];
    assert_eq!(value(&vtz.properties, "TZID"), "America/Chicago");
    let tz: Tz = "America/Chicago".parse().unwrap();
    let offset_at = |t: DateTime<Utc>| {
        chrono::Offset::fix(&tz.offset_from_utc_datetime(&t.naive_utc())).local_minus_utc()
    };
    let mut onsets = Vec::new();
    for (i, obs) in vtz.transitions.iter().enumerate() {
        let from = offset_seconds(value(&obs.properties, "TZOFFSETFROM"));
        let to = offset_seconds(value(&obs.properties, "TZOFFSETTO"));
        // RFC 5545 §3.6.5: DTSTART is a local time read with TZOFFSETFROM.
        let local =
            NaiveDateTime::parse_from_str(value(&obs.properties, "DTSTART"), "%Y%m%dT%H%M%S")
                .unwrap();
        let onset = Utc.from_utc_datetime(&(local - chrono::Duration::seconds(from.into())));
        assert_eq!(offset_at(onset), to, "observance {i} {:?}", obs.properties);
        if i > 0 {
            assert_eq!(
                offset_at(onset - chrono::Duration::seconds(1)),
                from,
                "observance {i} starts where the offset changes"
            );
        }
        let daylight = matches!(obs.transition, IcalTimeZoneTransitionType::DAYLIGHT);
        assert_eq!(daylight, to == -5 * 3600, "observance {i}");
        onsets.push(onset);
    }
    // Weeks 8–47: CST at the start, then spring-forward and fall-back.
    assert_eq!(
        &onsets[1..],
        [
            Utc.with_ymd_and_hms(2026, 3, 8, 8, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2026, 11, 1, 7, 0, 0).unwrap(),
        ]
    );
    // Every event starts after the first observance.
    for e in &cal.events {
        assert!(instant(prop(&e.properties, "DTSTART")) >= onsets[0]);
    }
}

#[test]
fn member_keeps_only_that_members_events() {
    let sandbox = Sandbox::with(BUNDLED);
    // Weeks 4–8; grace is away in weeks 5 and 6, and only her weeks in a
    // named role are events by default: 5th in week 4 is not; secondary in
    // week 7 is, and primary in week 8 is two events around ken's cover.
    let extra = ["--member", "grace", "--from", "2026-02-03", "--weeks", "5"];
    let (_, cal, schedule) = ics_and_json(&sandbox, &extra);
    assert_eq!(cal.events.len(), 3);
    assert_events_match(&cal, &schedule, Some(&[1, 2, 3]), Some("grace"));
    let mut every_rank = vec!["schedule", "--ics", "--roles", "1,2,3,4,5,6,7,8"];
    every_rank.extend_from_slice(&extra);
    let cal = parse(&stdout_ok(&mut sandbox.dw(&every_rank)));
    assert_eq!(cal.events.len(), 4);
    assert_events_match(&cal, &schedule, None, Some("grace"));
    for e in &cal.events {
        let summary = value(&e.properties, "SUMMARY");
        assert!(summary.contains("Grace Hopper"), "{summary}");
    }
    let everyone =
        stdout_ok(&mut sandbox.dw(&["schedule", "--ics", "--from", "2026-02-03", "--weeks", "5"]));
    // Week 8's cover splits grace's event and adds ken's.
    assert_eq!(parse(&everyone).events.len(), 7 + 6 + 6 + 7 + 7 + 2);
}

#[test]
fn lines_end_in_crlf_and_fold_at_75_octets() {
    let sandbox = Sandbox::with(BUNDLED);
    for fixture_args in [
        &["schedule", "--ics", "--weeks", "12"][..],
        &["schedule", "--ics", "--weeks", "3", "--member", "grace"],
        &["schedule", "--ics", "--weeks", "3", "--roles", "primary"],
    ] {
        let text = stdout_ok(&mut sandbox.dw(fixture_args));
        assert!(text.ends_with("END:VCALENDAR\r\n"), "{fixture_args:?}");
        let body = text.strip_suffix("\r\n").unwrap();
        for line in body.split("\r\n") {
            assert!(
                !line.contains('\n') && !line.contains('\r'),
                "bare LF or CR in {line:?}"
            );
            assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        }
        assert!(
            body.split("\r\n").any(|l| l.starts_with(' ')),
            "the covered week's DESCRIPTION is long enough to be folded"
        );
        // Unfolding (RFC 5545 §3.1) gives back the whole DESCRIPTION.
        let unfolded = text.replace("\r\n ", "");
        assert!(
            unfolded.contains(
                "DESCRIPTION:Grace Hopper is primary (rank 1) for week 8. Covered by Ken Thompson from Thu 2026-03-05 18:00 to Fri 2026-03-06 08:00.\r\n"
            ),
            "{unfolded}"
        );
    }
}

#[test]
fn folding_never_splits_a_character() {
    // Carol's name has two-octet characters; a long --weeks makes many lines.
    let sandbox = Sandbox::empty()
        .roster("utc.toml")
        .at("2026-01-05T09:00:00Z");
    let text = stdout_ok(&mut sandbox.dw(&["schedule", "--ics", "--weeks", "6"]));
    // stdout_ok already required UTF-8; also every physical line is.
    for line in text.split("\r\n") {
        assert!(line.len() <= 75);
    }
    let cal = parse(&text);
    let schedule = json(&mut sandbox.dw(&["schedule", "--json", "--weeks", "6"]));
    assert_events_match(&cal, &schedule, None, None);
    assert!(cal
        .events
        .iter()
        .any(|e| value(&e.properties, "SUMMARY").contains("Carol Ångström")));
    // A UTC team's events still carry a TZID the calendar defines.
    let vtz = &cal.timezones[0];
    assert_eq!(value(&vtz.properties, "TZID"), "UTC");
}

#[test]
fn the_calendar_is_the_same_for_the_same_question() {
    let sandbox = Sandbox::with(BUNDLED);
    let a = stdout_ok(&mut sandbox.dw(&["schedule", "--ics"]));
    let b = stdout_ok(&mut sandbox.dw(&["schedule", "--ics"]));
    assert_eq!(a, b);
    let cal = parse(&a);
    assert_eq!(value(&cal.properties, "VERSION"), "2.0");
    prop(&cal.properties, "PRODID");
    // DTSTAMP is the moment asked about (--at), not the clock.
    for e in &cal.events {
        assert_eq!(value(&e.properties, "DTSTAMP"), "20260303T180000Z");
    }
}

/// Lord Howe: clocks go back half an hour on Sun 5 Apr 2026 at 02:00 (01:30
/// to 02:00 comes twice) and forward on Sun 4 Oct at 02:00 (to 02:30). A
/// Sunday 01:45 handoff, and a cover from 02:15 on 4 October, a time that
/// does not exist (read as 02:45).
const LORD_HOWE: &str = r#"
[team]
name = "Lord Howe"
timezone = "Australia/Lord_Howe"
handoff_day = "sunday"
handoff_time = "01:45"
start = 2026-01-04

[[members]]
id = "ash"
name = "Ash Ng"
email = "ash@example.com"

[[members]]
id = "bea"
name = "Bea Park"
email = "bea@example.com"

[[members]]
id = "cal"
name = "Cal Reyes"
email = "cal@example.com"

[[covers]]
role = "primary"
member = "bea"
from = 2026-10-04T02:15:00
to = 2026-10-04T06:00:00
reason = "in the gap"
"#;

#[test]
fn ambiguous_and_missing_local_times_are_written_in_utc() {
    let sandbox = Sandbox::empty().at("2026-01-04T12:00");
    sandbox.write("work/lord-howe.toml", LORD_HOWE);
    let base = ["--roster", "lord-howe.toml"];
    let with = |extra: &[&str]| -> Vec<String> {
        let mut args: Vec<String> = base.iter().map(|s| s.to_string()).collect();
        args.extend(extra.iter().map(|s| s.to_string()));
        args
    };
    // The fall-back week: its 01:45 start (and the week before's end) in
    // UTC, the earlier 01:45 (+11:00), which ical.js read half an hour late.
    let args = with(&[
        "schedule",
        "--ics",
        "--from",
        "2026-03-29",
        "--weeks",
        "2",
        "--roles",
        "primary",
    ]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let text = sandbox.dw(&args).ok();
    crate::support::assert_snapshot(
        "ics_lord_howe_fall_back",
        &text.replace(env!("CARGO_PKG_VERSION"), "VERSION"),
        Some(&format!("dw --at 2026-01-04T12:00 {}", args.join(" "))),
    );
    assert!(text.contains("DTEND:20260404T144500Z\r\n"), "{text}");
    assert!(text.contains("DTSTART:20260404T144500Z\r\n"), "{text}");
    assert!(
        text.contains("DTSTART;TZID=Australia/Lord_Howe:20260329T014500\r\n"),
        "{text}"
    );
    // The gap: the cover's start in UTC, its end local.
    let args = with(&["schedule", "--ics", "--from", "2026-09-27", "--weeks", "2"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let text = sandbox.dw(&args).ok();
    assert!(text.contains("DTSTART:20261003T154500Z\r\n"), "{text}");
    assert!(
        text.contains("DTEND;TZID=Australia/Lord_Howe:20261004T060000\r\n"),
        "{text}"
    );
    // A year of it, read by the ical crate: every event where JSON says.
    let (_, cal, schedule) = ics_and_json(
        &sandbox,
        &with(&["--from", "2026-01-04", "--weeks", "53"])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    assert_events_match(&cal, &schedule, None, None);
    let utc = cal
        .events
        .iter()
        .flat_map(|e| [prop(&e.properties, "DTSTART"), prop(&e.properties, "DTEND")])
        .filter(|p| p.value.as_deref().is_some_and(|v| v.ends_with('Z')))
        .count();
    // 3 events start and 3 end at the fold's 01:45; the cover starts in the
    // gap and the holder's part before it ends there.
    assert_eq!(utc, 8);
}
