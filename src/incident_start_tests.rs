//! The decisions of `incident start`, table by table.

use super::*;
use crate::pagerduty::Reference;
use serde_json::json;

fn incident(id: &str, key: Option<&str>, service: Option<&str>, status: &str) -> Incident {
    Incident {
        id: id.into(),
        status: status.into(),
        incident_key: key.map(String::from),
        service: service.map(|s| Reference {
            id: s.into(),
            ..Reference::default()
        }),
        ..Incident::default()
    }
}

const SENT: Sent<'static> = Sent {
    incident_key: "dw-k",
    service: "P1",
};

#[test]
fn only_the_same_key_service_and_an_open_status_are_the_incident() {
    // (name, incident, is it)
    let cases = [
        (
            "same",
            incident("A", Some("dw-k"), Some("P1"), "triggered"),
            true,
        ),
        (
            "acknowledged",
            incident("A", Some("dw-k"), Some("P1"), "acknowledged"),
            true,
        ),
        (
            "resolved",
            incident("A", Some("dw-k"), Some("P1"), "resolved"),
            false,
        ),
        (
            "another key",
            incident("A", Some("dw-x"), Some("P1"), "triggered"),
            false,
        ),
        (
            "no key",
            incident("A", None, Some("P1"), "triggered"),
            false,
        ),
        (
            "another service",
            incident("A", Some("dw-k"), Some("P2"), "triggered"),
            false,
        ),
        (
            "no service",
            incident("A", Some("dw-k"), None, "triggered"),
            false,
        ),
        (
            "key in another case",
            incident("A", Some("DW-K"), Some("P1"), "triggered"),
            false,
        ),
    ];
    for (name, i, want) in cases {
        assert_eq!(is_the_incident(&i, &SENT), want, "{name}");
    }
}

#[test]
fn settle_trusts_only_the_matching_incident() {
    let it = incident("IT", Some("dw-k"), Some("P1"), "triggered");
    let noise = vec![
        incident("OTHER", Some("key-OTHER"), Some("P1"), "triggered"),
        incident("ELSEWHERE", Some("dw-k"), Some("P2"), "triggered"),
        incident("OLD", Some("dw-k"), Some("P1"), "resolved"),
    ];
    let with_it: Vec<Incident> = noise.iter().cloned().chain([it.clone()]).collect();
    let unsure = || OpenAnswer::Unsure("HTTP 502".into());
    // (name, answer, listed, settled)
    let cases = [
        (
            "created",
            OpenAnswer::Created(Box::new(it.clone())),
            noise.clone(),
            Settled::Opened(it.clone()),
        ),
        (
            "duplicate, found among others",
            OpenAnswer::DuplicateKey,
            with_it.clone(),
            Settled::AlreadyOpen(it.clone()),
        ),
        (
            "duplicate, only others",
            OpenAnswer::DuplicateKey,
            noise.clone(),
            Settled::DuplicateNotFound,
        ),
        (
            "unsure, found",
            unsure(),
            with_it.clone(),
            Settled::Listed(it.clone()),
        ),
        (
            "unsure, only others",
            unsure(),
            noise.clone(),
            Settled::NotOpened {
                why: "HTTP 502".into(),
            },
        ),
        (
            "unsure, nothing",
            unsure(),
            Vec::new(),
            Settled::NotOpened {
                why: "HTTP 502".into(),
            },
        ),
    ];
    for (name, answer, listed, want) in cases {
        assert_eq!(
            needs_lookup(&answer),
            !name.starts_with("created"),
            "{name}"
        );
        let got = settle(answer, &listed, &SENT);
        assert_eq!(got, want, "{name}");
        assert_eq!(
            got.incident().is_some(),
            got.failure("dw-k").is_none(),
            "{name}"
        );
    }
}

#[test]
fn failures_say_the_key_and_what_to_do() {
    let not = Settled::NotOpened {
        why: "HTTP 500".into(),
    };
    let text = not.failure("dw-k").unwrap_or_default();
    assert!(
        text.starts_with("HTTP 500; no open incident with key dw-k"),
        "{text}"
    );
    assert!(text.contains("run the same command again"), "{text}");
    let dup = Settled::DuplicateNotFound
        .failure("dw-k")
        .unwrap_or_default();
    assert!(
        dup.contains("key dw-k exists, but dw cannot find it"),
        "{dup}"
    );
}

#[test]
fn the_slack_step_looks_first_unless_this_runs_post_opened_it() {
    let it = incident("IT", Some("dw-k"), Some("P1"), "triggered");
    let c = || "#inc".to_string();
    let found = Looked::Found("17.000100".into());
    let cannot = Looked::Unreadable("missing_scope".into());
    let post = |repair| Step::Post {
        channel: c(),
        repair,
    };
    let not_opened = Settled::NotOpened { why: "502".into() };
    // (name, settled, channel, looked, step)
    let cases = [
        (
            "opened",
            Settled::Opened(it.clone()),
            Some("#inc"),
            Looked::NotYet,
            post(false),
        ),
        (
            "opened, no channel",
            Settled::Opened(it.clone()),
            None,
            Looked::NotYet,
            Step::NoPost,
        ),
        (
            "open already: look",
            Settled::AlreadyOpen(it.clone()),
            Some("#inc"),
            Looked::NotYet,
            Step::Look(c()),
        ),
        (
            "open already, found",
            Settled::AlreadyOpen(it.clone()),
            Some("#inc"),
            found.clone(),
            Step::Already {
                channel: c(),
                ts: "17.000100".into(),
            },
        ),
        (
            "open already, missing: repair",
            Settled::AlreadyOpen(it.clone()),
            Some("#inc"),
            Looked::Missing,
            post(true),
        ),
        (
            "open already, unreadable",
            Settled::AlreadyOpen(it.clone()),
            Some("#inc"),
            cannot.clone(),
            Step::CannotTell {
                channel: c(),
                why: "missing_scope".into(),
            },
        ),
        (
            "open already, no channel",
            Settled::AlreadyOpen(it.clone()),
            None,
            Looked::Missing,
            Step::NoPost,
        ),
        (
            "listed: look",
            Settled::Listed(it.clone()),
            Some("#inc"),
            Looked::NotYet,
            Step::Look(c()),
        ),
        (
            "listed, missing: a first post",
            Settled::Listed(it.clone()),
            Some("#inc"),
            Looked::Missing,
            post(false),
        ),
        (
            "listed, found",
            Settled::Listed(it.clone()),
            Some("#inc"),
            found.clone(),
            Step::Already {
                channel: c(),
                ts: "17.000100".into(),
            },
        ),
        (
            "listed, unreadable",
            Settled::Listed(it),
            Some("#inc"),
            cannot,
            Step::CannotTell {
                channel: c(),
                why: "missing_scope".into(),
            },
        ),
        (
            "duplicate not found",
            Settled::DuplicateNotFound,
            Some("#inc"),
            Looked::NotYet,
            Step::NoPost,
        ),
        (
            "not opened",
            not_opened,
            Some("#inc"),
            Looked::Missing,
            Step::NoPost,
        ),
    ];
    for (name, settled, channel, looked, want) in cases {
        assert_eq!(step(&settled, channel, &looked), want, "{name}");
    }
}

#[test]
fn a_lost_post_is_posted_only_when_the_second_look_finds_it() {
    // (looked, outcome)
    let cases = [
        (Looked::Found("1.2".into()), LostPost::Arrived("1.2".into())),
        (Looked::Missing, LostPost::NotArrived),
        (
            Looked::Unreadable("HTTP 503".into()),
            LostPost::Unknown("HTTP 503".into()),
        ),
        (
            Looked::NotYet,
            LostPost::Unknown("dw did not look for it".into()),
        ),
    ];
    for (looked, want) in cases {
        assert_eq!(lost_post(&looked), want, "{looked:?}");
    }
}

#[test]
fn only_the_incidents_own_metadata_is_its_announcement() {
    let ours = json!({"ts": "1", "metadata": metadata("PINC1", "dw-k")});
    // (name, message, is it)
    let cases = [
        ("ours", ours.clone(), true),
        (
            "no metadata",
            json!({"ts": "1", "text": "PINC1 dw-k"}),
            false,
        ),
        (
            "another incident, same key",
            json!({"metadata": metadata("PINC0", "dw-k")}),
            false,
        ),
        (
            "another key",
            json!({"metadata": metadata("PINC1", "dw-x")}),
            false,
        ),
        (
            "another event type",
            json!({"metadata": {"event_type": "dw_announce",
                "event_payload": {"incident_id": "PINC1", "incident_key": "dw-k"}}}),
            false,
        ),
        (
            "payload missing",
            json!({"metadata": {"event_type": EVENT_TYPE}}),
            false,
        ),
    ];
    for (name, message, want) in cases {
        assert_eq!(is_announcement(&message, "PINC1", "dw-k"), want, "{name}");
    }
    assert_eq!(ours["metadata"]["event_type"], "dw_incident");
}

#[test]
fn the_history_is_read_from_just_before_the_incident_opened() {
    let now = DateTime::parse_from_rfc3339("2026-03-03T18:00:00Z")
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default();
    let ts = |t: &str| {
        DateTime::parse_from_rfc3339(t)
            .map(|t| format!("{}.000000", t.timestamp()))
            .unwrap_or_default()
    };
    // (created_at, oldest)
    let cases = [
        (Some("2026-03-03T17:00:00Z"), ts("2026-03-03T16:50:00Z")),
        (
            Some("2026-03-03T11:00:00-06:00"),
            ts("2026-03-03T16:50:00Z"),
        ),
        // A PagerDuty clock ahead of now: from now.
        (Some("2026-03-03T19:00:00Z"), ts("2026-03-03T17:50:00Z")),
        (Some("yesterday"), ts("2026-02-24T18:00:00Z")),
        (None, ts("2026-02-24T18:00:00Z")),
    ];
    for (created, want) in cases {
        assert_eq!(history_oldest(created, now), want, "{created:?}");
    }
}
