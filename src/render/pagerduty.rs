//! PagerDuty against the roster: `dw check --pagerduty`'s comparison and `dw sync pagerduty`'s report.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::roster::Roster;
use crate::sync::{Row, Status};

use super::{finish, table};

/// How PagerDuty compares with the roster (`dw check --pagerduty`).
#[derive(Debug, Serialize)]
pub struct PagerDutyReport {
    /// Whether `dw sync pagerduty` would change something.
    pub drift: bool,
    /// Spans of the roster compared.
    pub compared: usize,
    /// What sync would change.
    pub differences: Vec<Row>,
    /// Spans where a person's override puts someone else on call.
    pub manual: Vec<Row>,
}

fn when(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%a %Y-%m-%d %H:%M").to_string()
}

/// A PagerDuty user as the roster member who has that ID, else the ID.
fn member_of(roster: &Roster, user: &str) -> String {
    roster
        .members
        .iter()
        .find(|m| m.pagerduty.as_deref() == Some(user))
        .map_or_else(|| user.to_string(), |m| m.id.clone())
}

fn status_text(roster: &Roster, r: &Row, dry_run: bool) -> String {
    let id = r.override_id.as_deref().unwrap_or("?");
    match (r.status, dry_run) {
        (Status::Failed, _) => format!("failed: {}", r.error.as_deref().unwrap_or("")),
        (Status::Unchanged, _) => "unchanged".into(),
        (Status::Manual, _) => format!(
            "manual: {} by override {id}, made outside dw",
            member_of(roster, r.override_user.as_deref().unwrap_or("?"))
        ),
        (Status::Created, false) => "created".into(),
        (Status::Created, true) => "would create".into(),
        (Status::Replaced, false) => "replaced".into(),
        (Status::Replaced, true) => "would replace".into(),
        (Status::Removed, false) => format!("removed {id}"),
        (Status::Removed, true) => format!("would remove {id}"),
    }
}

fn rows_table(roster: &Roster, rows: &[Row], dry_run: bool, verbose: bool, tz: Tz) -> String {
    let mut headers = vec!["week", "role", "member", "from", "to", "status"];
    if verbose {
        headers.push("why");
    }
    let mut t = table(headers);
    for r in rows {
        let mut cells = vec![
            r.week.map_or_else(|| "-".into(), |w| w.to_string()),
            r.role.clone(),
            r.member
                .clone()
                .unwrap_or_else(|| member_of(roster, &r.user)),
            when(r.from, tz),
            when(r.to, tz),
            status_text(roster, r, dry_run),
        ];
        if verbose {
            cells.push(r.reason.clone().unwrap_or_default());
        }
        t.add_row(cells);
    }
    finish(&t)
}

/// The comparison as a sentence and a table of what differs.
pub fn drift_table(roster: &Roster, report: &PagerDutyReport, verbose: bool, tz: Tz) -> String {
    let mut out = String::new();
    if report.differences.is_empty() {
        out.push_str(&format!(
            "PagerDuty agrees with the roster ({} span(s) compared).\n",
            report.compared
        ));
    } else {
        out.push_str(&format!(
            "PagerDuty differs from the roster in {} place(s) that `dw sync pagerduty` would change ({} span(s) compared):\n",
            report.differences.len(),
            report.compared
        ));
        out.push_str(&rows_table(roster, &report.differences, true, verbose, tz));
    }
    if !report.manual.is_empty() {
        out.push_str(&format!(
            "{} span(s) are covered by overrides made outside dw (dw leaves them alone):\n",
            report.manual.len()
        ));
        out.push_str(&rows_table(roster, &report.manual, false, verbose, tz));
    }
    out
}

/// `dw sync pagerduty`'s outcome as a sentence and a table of the rows, times in `tz`.
pub fn sync_report(roster: &Roster, rows: &[Row], dry_run: bool, verbose: bool, tz: Tz) -> String {
    let count = |s: Status| rows.iter().filter(|r| r.status == s).count();
    let writes = count(Status::Created) + count(Status::Replaced);
    let removed = count(Status::Removed);
    let failed = count(Status::Failed);
    let manual = count(Status::Manual);
    let mut head = if dry_run {
        let changes = rows.iter().filter(|r| r.is_change()).count();
        if changes == 0 {
            "PagerDuty already matches the roster.".to_string()
        } else {
            format!(
                "Dry run: {writes} override(s) to write, {removed} to remove; nothing was changed."
            )
        }
    } else if writes + removed + failed == 0 {
        "PagerDuty already matches the roster.".to_string()
    } else if failed > 0 {
        format!("Wrote {writes} override(s), removed {removed}; {failed} failed.")
    } else {
        format!("Wrote {writes} override(s), removed {removed}.")
    };
    if manual > 0 {
        head.push_str(&format!(
            " {manual} span(s) left to overrides made outside dw."
        ));
    }
    format!("{head}\n{}", rows_table(roster, rows, dry_run, verbose, tz))
}
