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
    t.with_timezone(&tz).format("%a %m-%d %H:%M").to_string()
}

/// A PagerDuty user as the roster member who has that ID, else the ID.
fn member_of(roster: &Roster, user: &str) -> String {
    roster
        .members
        .iter()
        .find(|m| m.pagerduty.as_deref() == Some(user))
        .map_or_else(|| user.to_string(), |m| m.id.clone())
}

/// A row's status as `--json` writes it (snake_case): a dry run's planned
/// writes say `would_create`, `would_replace`, `would_remove`, never as done.
pub fn status_key(status: Status, dry_run: bool) -> &'static str {
    match (status, dry_run) {
        (Status::Failed, _) => "failed",
        (Status::Unchanged, _) => "unchanged",
        (Status::Manual, _) => "manual",
        (Status::Created, false) => "created",
        (Status::Created, true) => "would_create",
        (Status::Replaced, false) => "replaced",
        (Status::Replaced, true) => "would_replace",
        (Status::Removed, false) => "removed",
        (Status::Removed, true) => "would_remove",
    }
}

fn status_word(r: &Row, dry_run: bool) -> &'static str {
    match (r.status, dry_run) {
        (Status::Failed, _) => "failed",
        (Status::Unchanged, _) => "unchanged",
        (Status::Manual, _) => "manual",
        (Status::Created, false) => "created",
        (Status::Created, true) => "would create",
        (Status::Replaced, false) => "replaced",
        (Status::Replaced, true) => "would replace",
        (Status::Removed, false) => "removed",
        (Status::Removed, true) => "would remove",
    }
}

/// The line under the table that explains a row, if it needs one.
fn note(roster: &Roster, r: &Row, verbose: bool) -> Option<String> {
    let id = r.override_id.as_deref().unwrap_or("?");
    let at = match (r.week, &r.member) {
        (Some(w), Some(m)) => format!("week {w} {} ({m})", r.role),
        _ => format!("{} override {id}", r.role),
    };
    let text = match r.status {
        Status::Failed => r.error.clone().unwrap_or_default(),
        Status::Manual => match r.override_user.as_deref() {
            Some(user) => format!(
                "{} by override {id}, made outside dw; left in place",
                member_of(roster, user)
            ),
            // No override there: a person deleted dw's.
            None => format!("{} ({id})", r.reason.clone().unwrap_or_default()),
        },
        Status::Removed => r.reason.clone().unwrap_or_default(),
        _ if verbose => {
            let mut t = r.reason.clone().unwrap_or_default();
            if !r.replaces.is_empty() {
                t = format!("replaces dw's {}", r.replaces.join(", "));
            }
            if t.is_empty() {
                return None;
            }
            t
        }
        _ => return None,
    };
    Some(format!("  {at}: {text}\n"))
}

fn rows_table(roster: &Roster, rows: &[Row], dry_run: bool, verbose: bool, tz: Tz) -> String {
    let mut t = table(["week", "role", "member", "from", "to", "status"]);
    let mut notes = String::new();
    for r in rows {
        t.add_row(vec![
            r.week.map_or_else(|| "-".into(), |w| w.to_string()),
            r.role.clone(),
            r.member
                .clone()
                .unwrap_or_else(|| member_of(roster, &r.user)),
            when(r.from, tz),
            when(r.to, tz),
            status_word(r, dry_run).to_string(),
        ]);
        notes.extend(note(roster, r, verbose));
    }
    finish(&t) + &notes
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
