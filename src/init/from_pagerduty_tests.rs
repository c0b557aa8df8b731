//! Unit tests of `from_pagerduty`.

use super::*;
use crate::pagerduty::{LayerUser, Reference};

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn layer(virtual_start: &str, seconds: i64, users: &[&str]) -> ScheduleLayer {
    ScheduleLayer {
        id: Some("PLAYER1".into()),
        name: Some("Weekly".into()),
        start: virtual_start.into(),
        end: None,
        users: users
            .iter()
            .map(|u| LayerUser {
                user: Reference {
                    id: u.to_string(),
                    summary: Some(format!("User {u}")),
                    html_url: None,
                },
            })
            .collect(),
        restrictions: Vec::new(),
        rotation_virtual_start: virtual_start.into(),
        rotation_turn_length_seconds: seconds,
    }
}

fn schedule(tz: &str, layers: Vec<ScheduleLayer>) -> ScheduleDetail {
    ScheduleDetail {
        id: "PSCHED1".into(),
        time_zone: tz.into(),
        schedule_layers: layers,
        ..Default::default()
    }
}

/// The rotation math, table-driven: (zone, virtual start, now, users) →
/// (start date, handoff time, who is first).
#[test]
fn the_first_member_is_on_call_from_the_first_handoff_after_now() {
    let cases = [
        // Turn 0 begins now: A first, and start is today.
        (
            "Europe/Berlin",
            "2026-03-02T10:00:00+01:00",
            "2026-03-02T09:00:00Z",
            "ABC",
            "2026-03-02",
            "10:00",
            "A",
        ),
        // One second after a handoff: the next one is turn 1, B's.
        (
            "Europe/Berlin",
            "2026-03-02T10:00:00+01:00",
            "2026-03-02T09:00:01Z",
            "ABC",
            "2026-03-09",
            "10:00",
            "B",
        ),
        // Three turns later the cycle is back at A.
        (
            "Europe/Berlin",
            "2026-03-02T10:00:00+01:00",
            "2026-03-20T00:00:00Z",
            "ABC",
            "2026-03-23",
            "10:00",
            "A",
        ),
        // Across spring forward (Berlin, 2026-03-29): still 10:00 local,
        // which is 08:00Z now; at 08:30Z on 03-30 the handoff has passed.
        (
            "Europe/Berlin",
            "2026-03-02T10:00:00+01:00",
            "2026-03-30T08:30:00Z",
            "ABC",
            "2026-04-06",
            "10:00",
            "C",
        ),
        // 08:30Z is before the 09:00Z a naive 604800-second step would give,
        // and after the real 08:00Z handoff: the local-time rule decides.
        (
            "Europe/Berlin",
            "2026-03-02T10:00:00+01:00",
            "2026-03-30T07:59:59Z",
            "ABC",
            "2026-03-30",
            "10:00",
            "B",
        ),
        // Fall back (Chicago, 2026-11-01): a 09:00 handoff stays 09:00 CST.
        (
            "America/Chicago",
            "2026-10-05T09:00:00-05:00",
            "2026-11-02T14:59:59Z",
            "ABCD",
            "2026-11-02",
            "09:00",
            "A",
        ),
        (
            "America/Chicago",
            "2026-10-05T09:00:00-05:00",
            "2026-11-02T15:00:01Z",
            "ABCD",
            "2026-11-09",
            "09:00",
            "B",
        ),
        // A virtual start years ago, and a negative turn before it.
        // 2247 days = 321 turns; 321 mod 5 = 1.
        (
            "UTC",
            "2020-01-07T10:00:00Z",
            "2026-03-03T10:00:00Z",
            "ABCDE",
            "2026-03-03",
            "10:00",
            "B",
        ),
        (
            "UTC",
            "2026-03-10T10:00:00Z",
            "2026-03-01T00:00:00Z",
            "ABC",
            "2026-03-03",
            "10:00",
            "C",
        ),
        // The zone decides the weekday: Monday 23:00 in Los Angeles is Tuesday in UTC.
        (
            "America/Los_Angeles",
            "2026-01-05T23:00:00-08:00",
            "2026-01-06T00:00:00Z",
            "AB",
            "2026-01-05",
            "23:00",
            "A",
        ),
        // Across a leap day.
        (
            "UTC",
            "2028-02-22T10:00:00Z",
            "2028-02-25T00:00:00Z",
            "AB",
            "2028-02-29",
            "10:00",
            "B",
        ),
    ];
    for (tz, vs, now, users, start, time, first) in cases {
        let users: Vec<String> = users.chars().map(String::from).collect();
        let refs: Vec<&str> = users.iter().map(String::as_str).collect();
        let mut l = layer(vs, WEEK_SECONDS, &refs);
        // The layer itself began long ago (a virtual start may be later).
        l.start = "2000-01-01T00:00:00Z".into();
        let r = rotation(&schedule(tz, vec![l]), utc(now), None).unwrap();
        assert_eq!(r.start.to_string(), start, "{tz} {vs} {now}");
        assert_eq!(
            r.handoff_time.format("%H:%M").to_string(),
            time,
            "{tz} {vs} {now}"
        );
        assert_eq!(r.users[0], first, "{tz} {vs} {now}");
        // The rest follow in the layer's order.
        let at = users.iter().position(|u| u == first).unwrap();
        let want: Vec<String> = (0..users.len())
            .map(|i| users[(at + i) % users.len()].clone())
            .collect();
        assert_eq!(r.users, want);
        assert!(r.not_carried.is_empty(), "{:?}", r.not_carried);
    }
}

#[test]
fn a_layer_that_begins_later_starts_the_roster_at_its_first_handoff() {
    let mut l = layer("2026-03-03T10:00:00Z", WEEK_SECONDS, &["A", "B"]);
    l.start = "2026-03-12T00:00:00Z".into();
    let r = rotation(&schedule("UTC", vec![l]), utc("2026-03-01T00:00:00Z"), None).unwrap();
    assert_eq!(r.start.to_string(), "2026-03-17");
    assert_eq!(r.users, ["A", "B"]);
}

#[test]
fn a_daily_layer_is_refused_and_the_refusal_says_why() {
    let s = schedule("UTC", vec![layer("2026-03-02T10:00:00Z", 86_400, &["A"])]);
    let e = rotation(&s, utc("2026-03-05T00:00:00Z"), None).unwrap_err();
    assert_eq!(
        e,
        Refusal::NotWeekly {
            layer: "Weekly".into(),
            seconds: 86_400
        }
    );
    let (message, hint) = e.describe("PSCHED1");
    assert!(message.contains("every 1 day, not every week"), "{message}");
    assert!(hint.contains("dw init --team"), "{hint}");
    // Two weeks a turn is not dw's rotation either.
    let s = schedule(
        "UTC",
        vec![layer("2026-03-02T10:00:00Z", 2 * WEEK_SECONDS, &["A"])],
    );
    assert!(matches!(
        rotation(&s, utc("2026-03-05T00:00:00Z"), None),
        Err(Refusal::NotWeekly { .. })
    ));
}

#[test]
fn what_a_weekly_rotation_cannot_hold_is_listed() {
    let mut weekly = layer("2026-03-02T10:00:00+01:00", WEEK_SECONDS, &["A", "B"]);
    weekly.restrictions = vec![Restriction {
        kind: "daily_restriction".into(),
        duration_seconds: 9 * 3600,
        start_time_of_day: "08:00:00".into(),
        start_day_of_week: None,
    }];
    weekly.end = Some("2026-12-28T10:00:00+01:00".into());
    let mut nights = layer("2026-03-02T20:00:00+01:00", 86_400, &["C"]);
    nights.name = Some("Nights".into());
    let mut old = layer("2025-01-06T10:00:00+01:00", WEEK_SECONDS, &["Z"]);
    old.end = Some("2026-03-02T10:00:00+01:00".into());
    let s = schedule("Europe/Berlin", vec![old, weekly, nights]);
    let r = rotation(&s, utc("2026-03-04T00:00:00Z"), None).unwrap();
    assert_eq!(r.users, ["B", "A"]);
    let lines: Vec<String> = r.not_carried.iter().map(NotCarried::describe).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(
        lines[0].contains("on call only daily from 08:00:00 for 9 hours"),
        "{lines:?}"
    );
    assert!(
        lines[1].contains("ends Mon 2026-12-28 10:00 CET"),
        "{lines:?}"
    );
    assert!(
        lines[2].contains("layer \"Nights\" (turns of 1 day"),
        "{lines:?}"
    );
}

#[test]
fn a_user_twice_on_the_layer_or_an_unknown_zone_is_refused() {
    let s = schedule(
        "UTC",
        vec![layer(
            "2026-03-02T10:00:00Z",
            WEEK_SECONDS,
            &["A", "B", "A"],
        )],
    );
    assert!(matches!(
        rotation(&s, utc("2026-03-05T00:00:00Z"), None),
        Err(Refusal::RepeatedUser { user, .. }) if user == "User A"
    ));
    let s = schedule(
        "Eastern Time (US & Canada)",
        vec![layer("2026-03-02T10:00:00-05:00", WEEK_SECONDS, &["A"])],
    );
    assert!(matches!(
        rotation(&s, utc("2026-03-05T00:00:00Z"), None),
        Err(Refusal::UnknownTimeZone(_))
    ));
    let r = rotation(
        &s,
        utc("2026-03-05T00:00:00Z"),
        Some(chrono_tz::America::New_York),
    )
    .unwrap();
    assert_eq!(r.handoff_day, Weekday::Mon);
    let s = schedule("UTC", Vec::new());
    assert_eq!(
        rotation(&s, utc("2026-03-05T00:00:00Z"), None),
        Err(Refusal::NoLayer)
    );
}

#[test]
fn a_rendered_schedule_is_compared_week_by_week() {
    let s = schedule(
        "UTC",
        vec![layer("2026-03-03T10:00:00Z", WEEK_SECONDS, &["A", "B"])],
    );
    let r = rotation(&s, utc("2026-03-03T10:00:00Z"), None).unwrap();
    let entry = |a: &str, b: &str, u: &str| RenderedEntry {
        start: a.into(),
        end: b.into(),
        user: Some(Reference {
            id: u.into(),
            ..Default::default()
        }),
    };
    let mut entries = Vec::new();
    for j in 0..COMPARED_WEEKS {
        let (a, b) = week_bounds(&r, j);
        entries.push(entry(&a.to_rfc3339(), &b.to_rfc3339(), ["A", "B"][j % 2]));
    }
    let name = |id: &str| format!("user {id}");
    assert!(differing_weeks(&r, &entries, 1, &name).is_empty());
    // Rank 2 is the next in line: every week differs from the primaries.
    assert_eq!(
        differing_weeks(&r, &entries, 2, &name).len(),
        COMPARED_WEEKS
    );
    // An override in week 1 and a gap in week 2.
    entries[1] = entry("2026-03-10T10:00:00Z", "2026-03-12T10:00:00Z", "C");
    entries.insert(
        2,
        entry("2026-03-12T10:00:00Z", "2026-03-17T10:00:00Z", "B"),
    );
    entries[3].start = "2026-03-18T10:00:00Z".into();
    let got = differing_weeks(&r, &entries, 1, &name);
    assert_eq!(
        got,
        [
            (
                "2026-03-10".parse().unwrap(),
                vec!["user C".into(), "user B".into()],
                "user B".into()
            ),
            (
                "2026-03-17".parse().unwrap(),
                vec!["user A".into(), "nobody for part of the week".into()],
                "user A".into()
            ),
        ]
    );
}

#[test]
fn members_take_the_layers_order_pagerduty_ids_and_slack_ids_by_email() {
    let s = schedule(
        "UTC",
        vec![layer(
            "2026-03-03T10:00:00Z",
            WEEK_SECONDS,
            &["P1", "P2", "P3"],
        )],
    );
    let r = rotation(&s, utc("2026-03-10T09:00:00Z"), None).unwrap();
    assert_eq!(r.users, ["P2", "P3", "P1"]);
    let user = |id: &str, name: &str, email: &str| User {
        id: id.into(),
        name: name.into(),
        email: email.into(),
    };
    let users = [
        user("P1", "Ada Lovelace", "ada@example.com"),
        user("P2", "Grace Hopper", "grace@example.com"),
        user("P3", "Ada King", "ada@example.org"),
    ];
    let slack: BTreeMap<String, Option<String>> = [
        ("ada@example.com".to_string(), Some("U0000000A".to_string())),
        ("grace@example.com".to_string(), None),
    ]
    .into_iter()
    .collect();
    let (members, notes) = super::members(&r, &users, Some(&slack));
    let got: Vec<(&str, Option<&str>, Option<&str>)> = members
        .iter()
        .map(|m| (m.id.as_str(), m.slack.as_deref(), m.pagerduty.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("grace", None, Some("P2")),
            ("ada", None, Some("P3")),
            ("ada-2", Some("U0000000A"), Some("P1")),
        ]
    );
    assert_eq!(
        notes,
        [
            NotCarried::NoSlackMatch {
                member: "grace".into(),
                email: "grace@example.com".into()
            },
            NotCarried::NoSlackMatch {
                member: "ada".into(),
                email: "ada@example.org".into()
            },
        ]
    );
    let (_, notes) = super::members(&r, &users, None);
    assert_eq!(notes, [NotCarried::NoSlackToken]);
}

#[test]
fn turn_lengths_read_as_people_say_them() {
    assert_eq!(turn_length(86_400), "1 day");
    assert_eq!(turn_length(2 * WEEK_SECONDS), "2 weeks");
    assert_eq!(turn_length(43_200), "12 hours");
    assert_eq!(turn_length(5_400), "90 minutes");
    assert_eq!(turn_length(61), "61 seconds");
}
