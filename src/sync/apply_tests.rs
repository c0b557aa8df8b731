use super::*;
use chrono::{DateTime, TimeZone, Utc};

/// 2026-03-DAY 15:00 UTC.
fn t(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, 15, 0, 0).unwrap()
}

fn o(id: &str, user: &str, a: u32, b: u32) -> Override {
    Override {
        id: id.into(),
        user: user.into(),
        start: t(a),
        end: t(b),
    }
}

fn row(schedule: &str, user: &str, a: u32, b: u32, status: Status) -> Row {
    Row {
        schedule: schedule.into(),
        role: "primary".into(),
        week: Some(crate::rotation::WeekIx(a as usize)),
        member: None,
        user: user.into(),
        from: t(a),
        to: t(b),
        status,
        override_id: None,
        override_user: None,
        replaces: Vec::new(),
        reason: None,
        error: None,
    }
}

fn replaced(user: &str, a: u32, b: u32, replaces: &[&str]) -> Row {
    Row {
        replaces: replaces.iter().map(|s| s.to_string()).collect(),
        ..row("S1", user, a, b, Status::Replaced)
    }
}

fn removed(id: &str, a: u32, b: u32) -> Row {
    Row {
        override_id: Some(id.into()),
        week: None,
        ..row("S1", "U9", a, b, Status::Removed)
    }
}

/// A plan: 0 unchanged, 1 created, 2 replaces D1, 3 replaces D1 and D2,
/// 4 removes D3, 5 another schedule's create.
fn plan_rows() -> Vec<Row> {
    vec![
        row("S1", "U1", 1, 2, Status::Unchanged),
        row("S1", "U1", 2, 3, Status::Created),
        replaced("U2", 3, 4, &["D1"]),
        replaced("U3", 4, 5, &["D1", "D2"]),
        removed("D3", 6, 7),
        row("S2", "U1", 1, 2, Status::Created),
    ]
}

fn seen() -> Observed {
    Observed {
        overrides: vec![
            o("D1", "U9", 3, 5),
            o("D2", "U9", 4, 5),
            o("D3", "U9", 6, 7),
            o("P1", "U7", 8, 9),
        ],
        shifts: Vec::new(),
    }
}

fn batch() -> Batch {
    Batch::new("S1", &seen(), &plan_rows())
}

fn statuses(out: &Outcome) -> Vec<(usize, Status, Option<&str>)> {
    let mut v: Vec<_> = out
        .rows
        .iter()
        .map(|r| (r.row, r.status, r.override_id.as_deref()))
        .collect();
    v.sort_by_key(|(r, _, _)| *r);
    v
}

#[test]
fn rows_wait_for_the_deletes_they_replace_and_only_this_schedule_is_written() {
    let b = batch();
    let deletes: Vec<(&str, &[usize])> = b
        .deletes
        .iter()
        .map(|d| (d.id.as_str(), d.rows.as_slice()))
        .collect();
    assert_eq!(
        deletes,
        [("D1", &[2, 3][..]), ("D2", &[3][..]), ("D3", &[4][..])]
    );
    let creates: Vec<(usize, &Override)> = b.creates.iter().map(|c| (c.row, &c.wish)).collect();
    assert_eq!(
        creates,
        [
            (1, &o("", "U1", 2, 3)),
            (2, &o("", "U2", 3, 4)),
            (3, &o("", "U3", 4, 5))
        ]
    );
    assert_eq!(b.rows().into_iter().collect::<Vec<_>>(), [1, 2, 3, 4]);
}

#[test]
fn all_deletes_done_sends_every_create_and_keeps_removals() {
    let b = batch();
    let after = b.deletes_answered(vec![DeleteAnswer::Done; 3]);
    assert!(!after.needs_reread());
    let (out, send) = after.finish(&b);
    assert_eq!(send, [0, 1, 2]);
    assert_eq!(out.gone, ["D1", "D2", "D3"]);
    // Replaced rows wait for the POST; the removed one is done.
    assert_eq!(statuses(&out), [(4, Status::Removed, Some("D3"))]);
}

#[test]
fn a_failed_delete_blocks_its_replacements_only() {
    let b = batch();
    let after = b.deletes_answered(vec![
        DeleteAnswer::Done,
        DeleteAnswer::Failed("HTTP 403".into()),
        DeleteAnswer::Done,
    ]);
    let (out, send) = after.finish(&b);
    // Row 3 waits for D2, which failed: not sent.
    assert_eq!(send, [0, 1]);
    assert_eq!(out.gone, ["D1", "D3"]);
    assert_eq!(
        statuses(&out),
        [(3, Status::Failed, None), (4, Status::Removed, Some("D3"))]
    );
    let why = out.rows.iter().find(|r| r.row == 3).unwrap();
    assert_eq!(
        why.error.as_deref(),
        Some("deleting dw's override D2 failed, so its replacement was not sent: HTTP 403")
    );
}

#[test]
fn an_unsure_delete_is_decided_by_reading_again() {
    let b = batch();
    let unsure = || {
        b.deletes_answered(vec![
            DeleteAnswer::Unsure("HTTP 502".into()),
            DeleteAnswer::Done,
            DeleteAnswer::Unsure("timed out".into()),
        ])
    };
    // D1 is gone; D3 (not started yet) is still there whole.
    let mut after = unsure();
    assert!(after.needs_reread());
    after.reread(&b, Ok(&[o("D3", "U9", 6, 7), o("P1", "U7", 8, 9)]));
    let (out, send) = after.finish(&b);
    assert_eq!(send, [0, 1, 2]);
    assert_eq!(out.gone, ["D2", "D1"]);
    let failed = out.rows.iter().find(|r| r.row == 4).unwrap();
    assert_eq!(failed.status, Status::Failed);
    assert!(failed
        .error
        .as_deref()
        .unwrap()
        .ends_with("timed out; it is still in PagerDuty"));

    // Ended early (one in progress ends now) counts as done.
    let mut after = unsure();
    after.reread(&b, Ok(&[o("D1", "U9", 3, 4), o("D3", "U9", 6, 7)]));
    let (_, send) = after.finish(&b);
    assert_eq!(send, [0, 1, 2]);

    // Reading again failed: nothing waiting on them is sent.
    let mut after = unsure();
    after.reread(&b, Err("HTTP 500"));
    let (out, send) = after.finish(&b);
    assert_eq!(send, [0]);
    assert_eq!(out.gone, ["D2"]);
    assert!(out.rows.iter().any(|r| r.row == 2
        && r.error.as_deref().is_some_and(
            |e| e.ends_with("HTTP 502; reading the overrides again failed: HTTP 500")
        )));
}

#[test]
fn created_rows_are_replaced_when_they_waited_for_a_delete() {
    let b = batch();
    let (mut out, send) = b.deletes_answered(vec![DeleteAnswer::Done; 3]).finish(&b);
    let unsure = b.created(
        &mut out,
        &send,
        vec![
            CreateAnswer::Created {
                id: "N1".into(),
                copy: Some(o("N1", "", 2, 3)),
            },
            CreateAnswer::Created {
                id: "N2".into(),
                copy: None,
            },
            CreateAnswer::Rejected("HTTP 400".into()),
        ],
    );
    assert!(unsure.is_empty());
    assert_eq!(
        statuses(&out),
        [
            (1, Status::Created, Some("N1")),
            (2, Status::Replaced, Some("N2")),
            (3, Status::Failed, None),
            (4, Status::Removed, Some("D3")),
        ]
    );
    // An empty user in PagerDuty's copy is what was sent; no copy: what was sent.
    assert_eq!(out.created, [o("N1", "U1", 2, 3), o("N2", "U2", 3, 4)]);
}

#[test]
fn after_an_unsure_post_only_exact_new_overrides_are_adopted() {
    let b = batch();
    let (mut out, send) = b.deletes_answered(vec![DeleteAnswer::Done; 3]).finish(&b);
    let unsure = b.created(
        &mut out,
        &send,
        vec![CreateAnswer::Unsure("HTTP 502".into()); 3],
    );
    assert_eq!(unsure.len(), 3);
    let again = [
        // Listed before: a person's, never adopted.
        o("P1", "U1", 2, 3),
        // Exactly row 1's wish.
        o("N1", "U1", 2, 3),
        // Row 2's times, another user: not it.
        o("N2", "U7", 3, 4),
        // Row 3's, one second off: not it.
        o("N3", "U3", 4, 5),
    ];
    let mut again = again.to_vec();
    again[3].end += chrono::Duration::seconds(1);
    b.adopt(&mut out, unsure, Ok(&again));
    assert_eq!(
        statuses(&out),
        [
            (1, Status::Created, Some("N1")),
            (2, Status::Failed, None),
            (3, Status::Failed, None),
            (4, Status::Removed, Some("D3")),
        ]
    );
    assert_eq!(out.created, [o("N1", "U1", 2, 3)]);
    let why = out.rows.iter().find(|r| r.row == 2).unwrap();
    assert_eq!(
        why.error.as_deref(),
        Some("HTTP 502, and it is not in PagerDuty")
    );
}

#[test]
fn two_identical_unsure_creates_adopt_two_different_overrides() {
    let rows = vec![
        row("S1", "U1", 2, 3, Status::Created),
        row("S1", "U1", 2, 3, Status::Created),
    ];
    let b = Batch::new("S1", &Observed::default(), &rows);
    let (mut out, send) = b.deletes_answered(Vec::new()).finish(&b);
    let unsure = b.created(&mut out, &send, vec![CreateAnswer::Unsure("x".into()); 2]);
    b.adopt(&mut out, unsure, Ok(&[o("N1", "U1", 2, 3)]));
    assert_eq!(
        statuses(&out),
        [(0, Status::Created, Some("N1")), (1, Status::Failed, None)]
    );
    let (mut out, _) = b.deletes_answered(Vec::new()).finish(&b);
    let unsure = b.created(&mut out, &send, vec![CreateAnswer::Unsure("x".into()); 2]);
    b.adopt(&mut out, unsure, Err("HTTP 500"));
    assert!(out.rows.iter().all(|r| r.status == Status::Failed
        && r.error.as_deref() == Some("x, and reading the overrides again failed: HTTP 500")));
}

#[test]
fn a_batch_that_failed_marks_every_row_it_changes_failed() {
    let b = batch();
    let out = b.failed("a request thread failed");
    assert_eq!(
        statuses(&out),
        [
            (1, Status::Failed, None),
            (2, Status::Failed, None),
            (3, Status::Failed, None),
            (4, Status::Failed, None)
        ]
    );
    assert!(out.gone.is_empty() && out.created.is_empty());
    let mut rows = plan_rows();
    out.update(&mut rows);
    assert_eq!(rows[0].status, Status::Unchanged);
    assert_eq!(rows[4].status, Status::Failed);
    // The id of the override a removal was about stays.
    assert_eq!(rows[4].override_id.as_deref(), Some("D3"));
    assert_eq!(rows[5].status, Status::Created);
}
