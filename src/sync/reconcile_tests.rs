//! Unit tests of the sync plan (`plan.rs`).

use super::*;
use chrono::{Duration, TimeZone};

/// 2026-03-DAY 15:00 UTC.
fn t(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, 15, 0, 0).unwrap()
}

fn span(user: &str, a: u32, b: u32) -> Span {
    Span {
        schedule: "S1".into(),
        role: "primary".into(),
        week: crate::rotation::WeekIx(a as usize),
        from: t(a),
        to: t(b),
        user: user.into(),
        member: user.to_lowercase(),
        why: "rotation".into(),
        cover: None,
    }
}

fn o(id: &str, user: &str, a: DateTime<Utc>, b: DateTime<Utc>) -> Override {
    Override {
        id: id.into(),
        user: user.into(),
        start: a,
        end: b,
    }
}

fn shift(user: &str, a: u32, b: u32) -> Shift {
    Shift {
        start: t(a),
        end: t(b),
        user: user.into(),
        name: None,
    }
}

fn statuses(rows: &[Row]) -> Vec<(Status, DateTime<Utc>, DateTime<Utc>)> {
    rows.iter().map(|r| (r.status, r.from, r.to)).collect()
}

#[test]
fn a_span_pagerduty_shows_needs_nothing_and_a_wrong_one_an_override() {
    let seen = Observed {
        overrides: vec![],
        shifts: vec![shift("U1", 1, 12)],
    };
    let rows = plan(&[span("U1", 3, 10)], "S1", &seen, &Ledger::default(), t(1));
    assert_eq!(statuses(&rows), [(Status::Unchanged, t(3), t(10))]);
    let rows = plan(&[span("U2", 3, 10)], "S1", &seen, &Ledger::default(), t(1));
    assert_eq!(statuses(&rows), [(Status::Created, t(3), t(10))]);
    // The current week starts now: the past is not rewritten.
    let rows = plan(&[span("U2", 3, 10)], "S1", &seen, &Ledger::default(), t(5));
    assert_eq!(statuses(&rows), [(Status::Created, t(5), t(10))]);
}

#[test]
fn a_persons_weekend_splits_the_week_and_is_never_touched() {
    // Friday 15:00 → Tuesday 15:00 by hand, someone else.
    let weekend = o("PERSON", "U9", t(6), t(10));
    let seen = Observed {
        overrides: vec![weekend],
        shifts: vec![shift("U0", 1, 20)],
    };
    let rows = plan(&[span("U1", 3, 10)], "S1", &seen, &Ledger::default(), t(1));
    assert_eq!(
        statuses(&rows),
        [(Status::Created, t(3), t(6)), (Status::Manual, t(6), t(10))]
    );
    assert_eq!(rows[1].override_id.as_deref(), Some("PERSON"));
    assert_eq!(rows[1].override_user.as_deref(), Some("U9"));
}

#[test]
fn dws_exact_override_is_kept_duplicates_removed_stale_replaced() {
    let mut ledger = Ledger::default();
    let a = o("A", "U1", t(3), t(10));
    let dup = o("B", "U1", t(3), t(10));
    let stale = o("C", "U2", t(10), t(17));
    for x in [&a, &dup, &stale] {
        ledger.add("S1", x, t(1));
    }
    let seen = Observed {
        overrides: vec![a, dup, stale],
        shifts: vec![],
    };
    let rows = plan(
        &[span("U1", 3, 10), span("U1", 10, 17)],
        "S1",
        &seen,
        &ledger,
        t(1),
    );
    assert_eq!(
        statuses(&rows),
        [
            (Status::Unchanged, t(3), t(10)),
            (Status::Replaced, t(10), t(17)),
            (Status::Removed, t(3), t(10)),
        ]
    );
    assert_eq!(rows[1].replaces, ["C"]);
    assert_eq!(rows[2].override_id.as_deref(), Some("B"));
    assert!(rows[0]
        .reason
        .as_deref()
        .unwrap_or("")
        .contains("created by dw"));
}

#[test]
fn an_override_not_in_the_ledger_is_a_persons_even_when_it_looks_like_dws() {
    let seen = Observed {
        overrides: vec![o("LOOKALIKE", "U2", t(3), t(10))],
        shifts: vec![shift("U2", 3, 10)],
    };
    let rows = plan(&[span("U1", 3, 10)], "S1", &seen, &Ledger::default(), t(1));
    assert_eq!(statuses(&rows), [(Status::Manual, t(3), t(10))]);
    assert!(rows.iter().all(|r| r.replaces.is_empty()));
}

#[test]
fn the_current_week_keeps_dws_override_from_an_earlier_run() {
    let mut ledger = Ledger::default();
    let earlier = o("A", "U1", t(3) + Duration::hours(2), t(10));
    ledger.add("S1", &earlier, t(3));
    let seen = Observed {
        overrides: vec![earlier],
        shifts: vec![],
    };
    let rows = plan(&[span("U1", 3, 10)], "S1", &seen, &ledger, t(5));
    assert_eq!(statuses(&rows), [(Status::Unchanged, t(5), t(10))]);
}

#[test]
fn of_two_identical_copies_in_two_ledgers_only_the_smaller_id_stays() {
    // Machine one made Q1, machine two Q2, for the same span.
    let (q1, q2) = (o("Q1", "U1", t(3), t(10)), o("Q2", "U1", t(3), t(10)));
    let seen = Observed {
        overrides: vec![q1.clone(), q2.clone()],
        shifts: vec![shift("U1", 1, 20)],
    };
    let (mut one, mut two) = (Ledger::default(), Ledger::default());
    one.add("S1", &q1, t(1));
    two.add("S1", &q2, t(1));
    let spans = [span("U1", 3, 10)];
    // One keeps its Q1 and reports Q2 as manual; two removes its Q2.
    let rows = plan(&spans, "S1", &seen, &one, t(1));
    assert_eq!(
        statuses(&rows),
        [
            (Status::Unchanged, t(3), t(10)),
            (Status::Manual, t(3), t(10))
        ]
    );
    assert!(rows.iter().all(|r| !r.is_change()));
    let rows = plan(&spans, "S1", &seen, &two, t(1));
    assert_eq!(
        statuses(&rows),
        [
            (Status::Unchanged, t(3), t(10)),
            (Status::Removed, t(3), t(10))
        ]
    );
    assert_eq!(rows[0].override_id.as_deref(), Some("Q1"));
    assert_eq!(rows[1].override_id.as_deref(), Some("Q2"));
    // Next round: only Q1 is left, and both agree nothing is to do.
    let seen = Observed {
        overrides: vec![q1],
        shifts: vec![shift("U1", 1, 20)],
    };
    for ledger in [&one, &two] {
        let rows = plan(&spans, "S1", &seen, ledger, t(1));
        assert_eq!(statuses(&rows), [(Status::Unchanged, t(3), t(10))]);
    }
}

#[test]
fn a_persons_newer_override_inside_dws_week_leaves_dws_override_unchanged() {
    let mut ledger = Ledger::default();
    let ours = o("A", "U1", t(3), t(10));
    ledger.add("S1", &ours, t(1));
    let day = o("PERSON", "U9", t(5), t(6));
    // Created later, the person's day wins in PagerDuty.
    let seen = Observed {
        overrides: vec![ours, day],
        shifts: vec![shift("U1", 3, 5), shift("U9", 5, 6), shift("U1", 6, 10)],
    };
    let rows = plan(&[span("U1", 3, 10)], "S1", &seen, &ledger, t(1));
    assert_eq!(
        statuses(&rows),
        [
            (Status::Unchanged, t(3), t(5)),
            (Status::Manual, t(5), t(6)),
            (Status::Unchanged, t(6), t(10)),
        ]
    );
    assert!(rows.iter().all(|r| !r.is_change()));
    assert_eq!(rows[2].override_id.as_deref(), Some("A"));
    // Were dw's override on top of the person's (PagerDuty shows U1 on
    // their day), dw reshapes its own around it.
    let seen = Observed {
        shifts: vec![shift("U1", 3, 10)],
        ..seen
    };
    let rows = plan(&[span("U1", 3, 10)], "S1", &seen, &ledger, t(1));
    assert_eq!(
        statuses(&rows),
        [
            (Status::Replaced, t(3), t(5)),
            (Status::Manual, t(5), t(6)),
            (Status::Replaced, t(6), t(10)),
        ]
    );
}

#[test]
fn dws_override_a_person_deleted_is_not_written_again_while_the_wish_is_the_same() {
    let mut ledger = Ledger::default();
    ledger.add("S1", &o("A", "U1", t(3), t(10)), t(1));
    let seen = Observed {
        overrides: vec![],
        shifts: vec![shift("U0", 1, 20)],
    };
    ledger.reconcile("S1", &seen.overrides, t(2), t(20), t(2), None);
    let rows = plan(&[span("U1", 3, 10)], "S1", &seen, &ledger, t(2));
    assert_eq!(statuses(&rows), [(Status::Manual, t(3), t(10))]);
    assert_eq!(rows[0].reason.as_deref(), Some(DELETED));
    assert_eq!(rows[0].override_id.as_deref(), Some("A"));
    // The roster now wants someone else there: the tombstone does not apply.
    let rows = plan(&[span("U2", 3, 10)], "S1", &seen, &ledger, t(2));
    assert_eq!(statuses(&rows), [(Status::Created, t(3), t(10))]);
    // Nor when the wish's span changed (a cover now splits the week).
    let rows = plan(
        &[span("U1", 3, 6), span("U2", 6, 7), span("U1", 7, 10)],
        "S1",
        &seen,
        &ledger,
        t(2),
    );
    assert!(
        rows.iter().all(|r| r.status == Status::Created),
        "{rows:#?}"
    );
}

#[test]
fn a_span_longer_than_a_week_is_one_override() {
    // A cover from day 8 to day 12 crosses the handoff of day 10.
    let mut cover = span("U2", 8, 12);
    cover.week = crate::rotation::WeekIx(3);
    let spans = [span("U1", 3, 8), cover, span("U1", 12, 17)];
    let seen = Observed {
        overrides: vec![],
        shifts: vec![shift("U1", 1, 20)],
    };
    let rows = plan(&spans, "S1", &seen, &Ledger::default(), t(1));
    assert_eq!(
        statuses(&rows),
        [
            (Status::Unchanged, t(3), t(8)),
            (Status::Created, t(8), t(12)),
            (Status::Unchanged, t(12), t(17)),
        ]
    );
    // Once written, dw's override of the whole cover is kept.
    let mut ledger = Ledger::default();
    let ours = o("A", "U2", t(8), t(12));
    ledger.add("S1", &ours, t(1));
    let seen = Observed {
        overrides: vec![ours],
        shifts: vec![shift("U1", 1, 8), shift("U2", 8, 12), shift("U1", 12, 20)],
    };
    let rows = plan(&spans, "S1", &seen, &ledger, t(1));
    assert!(
        rows.iter().all(|r| r.status == Status::Unchanged),
        "{rows:#?}"
    );
}

#[test]
fn an_unsure_delete_is_done_when_the_override_is_gone_or_cut_short() {
    let before = o("A", "U1", t(3), t(10));
    assert!(delete_took_effect(Some(&before), None));
    let cut = o("A", "U1", t(3), t(5));
    assert!(delete_took_effect(Some(&before), Some(&cut)));
    assert!(!delete_took_effect(Some(&before), Some(&before)));
}

#[test]
fn pieces_and_coverage() {
    let m = o("M", "U9", t(5), t(7));
    assert_eq!(uncovered(t(3), t(10), &[&m]), [(t(3), t(5)), (t(7), t(10))]);
    assert_eq!(uncovered(t(3), t(10), &[]), [(t(3), t(10))]);
    assert!(shows(
        &[shift("U1", 1, 4), shift("U1", 4, 11)],
        "U1",
        t(3),
        t(10)
    ));
    assert!(!shows(
        &[shift("U1", 1, 4), shift("U1", 5, 11)],
        "U1",
        t(3),
        t(10)
    ));
    assert!(!shows(
        &[shift("U1", 1, 4), shift("U2", 4, 11)],
        "U1",
        t(3),
        t(10)
    ));
}
