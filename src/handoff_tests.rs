use super::*;
use crate::pagerduty::types::Reference;

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("an instant")
}

/// The shift of these tests: Tue 2026-02-24 16:00 UTC until Mon 2026-03-02 18:00 UTC.
const START: &str = "2026-02-24T16:00:00Z";
const NOW: &str = "2026-03-02T18:00:00Z";

fn incident(id: &str, created: &str, status: &str, resolved_at: Option<&str>) -> Incident {
    Incident {
        id: id.into(),
        title: format!("incident {id}"),
        status: status.into(),
        created_at: Some(created.into()).filter(|c: &String| !c.is_empty()),
        resolved_at: resolved_at.map(String::from),
        ..Incident::default()
    }
}

#[test]
fn the_flags_make_three_deliveries() {
    for (post, dry_run, want) in [
        (false, false, Delivery::Print),
        (false, true, Delivery::Print),
        (true, true, Delivery::DryRun),
        (true, false, Delivery::Post),
    ] {
        assert_eq!(
            Delivery::of(post, dry_run),
            want,
            "post {post}, dry run {dry_run}"
        );
    }
}

#[test]
fn an_incident_counts_for_the_shift_when_it_was_active_during_it() {
    let mut via_last_change = incident("P7", "2026-02-20T09:00:00Z", "resolved", None);
    via_last_change.last_status_change_at = Some("2026-02-25T09:00:00Z".into());
    let mut resolved_before_by_last_change = via_last_change.clone();
    resolved_before_by_last_change.last_status_change_at = Some("2026-02-23T09:00:00Z".into());
    for (i, active, why) in [
        (
            incident(
                "P1",
                "2026-02-25T09:00:00Z",
                "resolved",
                Some("2026-02-25T10:00:00Z"),
            ),
            true,
            "created and resolved during it",
        ),
        (
            incident("P2", "2026-02-27T09:00:00Z", "triggered", None),
            true,
            "created during it, open",
        ),
        (
            incident("P3", "2026-02-20T09:00:00Z", "acknowledged", None),
            true,
            "created before, still open",
        ),
        (
            incident(
                "P4",
                "2026-02-20T09:00:00Z",
                "resolved",
                Some("2026-02-26T10:00:00Z"),
            ),
            true,
            "created before, resolved during it",
        ),
        // Resolved at the very instant the shift began: it was still open then.
        (
            incident("P5", "2026-02-20T09:00:00Z", "resolved", Some(START)),
            true,
            "resolved as it began",
        ),
        (
            incident(
                "P6",
                "2026-02-20T09:00:00Z",
                "resolved",
                Some("2026-02-24T15:59:59Z"),
            ),
            false,
            "resolved before it began",
        ),
        (
            via_last_change,
            true,
            "resolved during it, by last_status_change_at",
        ),
        (
            resolved_before_by_last_change,
            false,
            "resolved before it, by last_status_change_at",
        ),
        (
            incident("P8", "2026-02-20T09:00:00Z", "resolved", None),
            false,
            "resolved, no time to tell",
        ),
        (
            incident("P9", NOW, "triggered", None),
            false,
            "created at the moment asked about",
        ),
        (
            incident("P10", "", "triggered", None),
            true,
            "no creation time, still open",
        ),
        (
            incident(
                "P11",
                "2026-02-24T10:00:00-06:00",
                "resolved",
                Some("2026-02-24T10:30:00-06:00"),
            ),
            true,
            "offsets compared as instants",
        ),
    ] {
        assert_eq!(
            active_during(&i, at(START), at(NOW)),
            active,
            "{}: {why}",
            i.id
        );
    }
}

#[test]
fn the_notes_list_the_open_ones_and_the_shifts_once_oldest_first() {
    let recent = vec![
        incident(
            "P3",
            "2026-02-27T09:00:00Z",
            "resolved",
            Some("2026-02-27T10:00:00Z"),
        ),
        incident(
            "P2",
            "2026-02-20T09:00:00Z",
            "resolved",
            Some("2026-02-25T10:00:00Z"),
        ),
        incident(
            "P1",
            "2026-02-20T08:00:00Z",
            "resolved",
            Some("2026-02-21T10:00:00Z"),
        ),
        incident("P4", "2026-02-28T09:00:00Z", "triggered", None),
    ];
    let open = vec![
        // Open since before the lookback: only the open list has it.
        incident("P0", "2025-11-01T09:00:00Z", "acknowledged", None),
        incident("P4", "2026-02-28T09:00:00Z", "triggered", None),
        // A server that ignores statuses[]: not open, not listed as open.
        incident(
            "P5",
            "2026-02-28T09:00:00Z",
            "resolved",
            Some("2026-02-28T10:00:00Z"),
        ),
        incident("PB", "2026-02-28T09:00:00Z", "triggered", None),
    ];
    let got = incidents(Read::Lists { open, recent }, at(START), at(NOW));
    assert!(got.fetched && got.reason.is_none());
    let ids = |lines: &[IncidentLine]| lines.iter().map(|l| l.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&got.open), ["P0", "P4", "PB"]);
    // P1 was resolved before the shift; ties (P4, PB) by id.
    assert_eq!(ids(&got.ending_shift), ["P0", "P2", "P3", "P4", "PB"]);
}

#[test]
fn incidents_not_read_say_why() {
    for read in [
        Read::NotFetched("PAGERDUTY_TOKEN is not set".into()),
        Read::Failed("PagerDuty GET /incidents: HTTP 500".into()),
    ] {
        let got = incidents(read.clone(), at(START), at(NOW));
        assert!(!got.fetched, "{read:?}");
        assert!(got.reason.is_some(), "{read:?}");
        assert!(got.open.is_empty() && got.ending_shift.is_empty());
    }
}

#[test]
fn the_shift_query_reaches_back_before_the_shift_and_the_open_one_has_no_dates() {
    let tz: Tz = "America/Chicago".parse().expect("a zone");
    let start = at("2026-02-24T16:00:00Z").with_timezone(&tz);
    let now = at(NOW).with_timezone(&tz);
    let q = shift_query(vec!["PSVC001".into()], &start, &now);
    assert_eq!(q.since.as_deref(), Some("2026-01-25T10:00:00-06:00"));
    assert_eq!(q.until.as_deref(), Some("2026-03-02T12:00:00-06:00"));
    assert!(q.statuses.is_empty() && !q.all_dates);
    let q = open_query(vec!["PSVC001".into()]);
    assert_eq!(q.statuses, ["triggered", "acknowledged"]);
    assert!(q.all_dates && q.since.is_none() && q.until.is_none());
}

#[test]
fn the_services_come_from_the_roster_or_its_escalation_policy() {
    let policy = |services: &[&str]| EscalationPolicy {
        id: "PEP1".into(),
        services: services
            .iter()
            .map(|s| Reference {
                id: s.to_string(),
                ..Reference::default()
            })
            .collect(),
    };
    assert_eq!(
        policy_services("PEP1", Ok(policy(&["PS1", "PS2"]))),
        Ok(vec!["PS1".to_string(), "PS2".to_string()])
    );
    let none = policy_services("PEP1", Ok(policy(&[]))).expect_err("no services");
    assert!(
        none.contains("escalation policy PEP1 is used by no service"),
        "{none}"
    );
    let failed = policy_services("PEP1", Err("HTTP 404".into())).expect_err("unread");
    assert!(
        failed.contains("could not read the services of escalation policy PEP1 (HTTP 404)"),
        "{failed}"
    );
}
