//! PagerDuty against the roster: `dw check --pagerduty`'s comparison and `dw sync pagerduty`'s report.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::roster::Roster;
use crate::rotation::WeekIx;
use crate::sync::{Row, Status};

use super::{finish, table};

/// How PagerDuty compares with the roster (`dw check --pagerduty`).
#[derive(Debug, Serialize)]
pub struct PagerDutyReport {
    /// Whether `dw sync pagerduty` would change something.
    pub drift: bool,
    /// Whether PagerDuty pages the roster's member in every compared span.
    pub agrees: bool,
    /// Spans of the roster compared.
    pub compared: usize,
    /// What sync would change.
    pub differences: Vec<CheckRow>,
    /// Spans where a change made outside dw puts someone else on call (a
    /// person's override, or dw's override that a person deleted).
    pub manual: Vec<CheckRow>,
}

/// A row of `dw check --pagerduty`: the plan's row, and whom PagerDuty pages
/// over its span (both sides, so nobody has to open PagerDuty to see it).
#[derive(Debug, Serialize)]
pub struct CheckRow {
    #[serde(flatten)]
    pub row: Row,
    /// Whom PagerDuty pages for most of the span; `null`: nobody.
    pub pagerduty_user: Option<String>,
    /// That user's name, when PagerDuty gave it.
    pub pagerduty_name: Option<String>,
    /// Everyone PagerDuty pages in the span, in order (empty: nobody).
    pub pagerduty_users: Vec<String>,
    /// Whether nobody is on call for part of the span.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub pagerduty_gap: bool,
}

impl CheckRow {
    /// `row` with whom the final schedule `shifts` pages over its span.
    pub fn new(row: Row, shifts: &[crate::sync::Shift]) -> CheckRow {
        let paged = crate::sync::reconcile::paged(shifts, row.from, row.to);
        let most = paged.iter().max_by_key(|(_, d)| *d).map(|(s, _)| *s);
        let on_call: chrono::TimeDelta = paged.iter().map(|(_, d)| *d).sum();
        CheckRow {
            pagerduty_gap: !paged.is_empty() && on_call < row.to - row.from,
            pagerduty_user: most.map(|s| s.user.clone()),
            pagerduty_name: most.and_then(|s| s.name.clone()),
            pagerduty_users: paged.iter().map(|(s, _)| s.user.clone()).collect(),
            row,
        }
    }

    /// Whom PagerDuty pages, as the table says it: the roster's member id
    /// when they have that PagerDuty ID, else the name (the ID when PagerDuty
    /// gave none; JSON has both); several in order, and "nobody" when part of
    /// the span has no one on call.
    fn paged(&self, roster: &Roster) -> String {
        if self.pagerduty_users.is_empty() {
            return "nobody".into();
        }
        self.pagerduty_users
            .iter()
            .map(|u| {
                let known = roster
                    .members
                    .iter()
                    .find(|m| m.pagerduty.as_deref() == Some(u.as_str()))
                    .map(|m| m.id.clone());
                match (known, &self.pagerduty_name) {
                    (Some(id), _) => id,
                    (None, Some(name)) if Some(u) == self.pagerduty_user.as_ref() => name.clone(),
                    (None, _) => u.clone(),
                }
            })
            .chain(self.pagerduty_gap.then(|| "nobody".to_string()))
            .collect::<Vec<_>>()
            .join(", ")
    }
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

/// A row of `dw sync pagerduty --json`: the plan's row with its status as
/// the run says it (a dry run's planned writes are `would_…`, see
/// [`status_key`]). Keys in alphabetical order, as scripts have always seen them.
#[derive(Debug, Serialize)]
pub struct SyncRowJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    error: &'a Option<String>,
    from: &'a DateTime<Utc>,
    member: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    override_id: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    override_user: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: &'a Option<String>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    replaces: &'a [String],
    role: &'a str,
    schedule: &'a str,
    status: &'static str,
    to: &'a DateTime<Utc>,
    user: &'a str,
    week: Option<WeekIx>,
}

impl<'a> SyncRowJson<'a> {
    /// `row` as `--json` writes it, for a dry run or a run.
    pub fn new(row: &'a Row, dry_run: bool) -> Self {
        SyncRowJson {
            error: &row.error,
            from: &row.from,
            member: &row.member,
            override_id: &row.override_id,
            override_user: &row.override_user,
            reason: &row.reason,
            replaces: &row.replaces,
            role: &row.role,
            schedule: &row.schedule,
            status: status_key(row.status, dry_run),
            to: &row.to,
            user: &row.user,
            week: row.week,
        }
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

/// The rows of `dw check --pagerduty`: both sides of each span.
fn check_table(roster: &Roster, rows: &[CheckRow], dry_run: bool, verbose: bool, tz: Tz) -> String {
    let mut t = table([
        "week",
        "role",
        "member",
        "pagerduty",
        "from",
        "to",
        "status",
    ]);
    let mut notes = String::new();
    for c in rows {
        let r = &c.row;
        t.add_row(vec![
            r.week.map_or_else(|| "-".into(), |w| w.to_string()),
            r.role.clone(),
            r.member
                .clone()
                .unwrap_or_else(|| member_of(roster, &r.user)),
            c.paged(roster),
            // Without the weekday: the table has one column more than sync's.
            r.from.with_timezone(&tz).format("%m-%d %H:%M").to_string(),
            r.to.with_timezone(&tz).format("%m-%d %H:%M").to_string(),
            status_word(r, dry_run).to_string(),
        ]);
        notes.extend(note(roster, r, verbose));
    }
    finish(&t) + &notes
}

/// The comparison as a sentence and a table of what differs.
pub fn drift_table(roster: &Roster, report: &PagerDutyReport, verbose: bool, tz: Tz) -> String {
    let mut out = String::new();
    if report.agrees {
        out.push_str(&format!(
            "PagerDuty agrees with the roster ({} span(s) compared).\n",
            report.compared
        ));
    } else if report.differences.is_empty() {
        out.push_str(&format!(
            "PagerDuty does not page the roster's member everywhere ({} span(s) compared), only where people changed it: `dw sync pagerduty` leaves that alone.\n",
            report.compared
        ));
    } else {
        out.push_str(&format!(
            "PagerDuty differs from the roster in {} place(s) that `dw sync pagerduty` would change ({} span(s) compared):\n",
            report.differences.len(),
            report.compared
        ));
        out.push_str(&check_table(roster, &report.differences, true, verbose, tz));
    }
    if !report.manual.is_empty() {
        out.push_str(&format!(
            "{} span(s) are covered by overrides made outside dw (dw leaves them alone):\n",
            report.manual.len()
        ));
        out.push_str(&check_table(roster, &report.manual, false, verbose, tz));
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn row(status: Status) -> Row {
        Row {
            schedule: "PSCHED1".into(),
            role: "primary".into(),
            week: Some(WeekIx(3)),
            member: Some("ada".into()),
            user: "PADA".into(),
            from: Utc.with_ymd_and_hms(2026, 3, 3, 15, 0, 0).unwrap(),
            to: Utc.with_ymd_and_hms(2026, 3, 10, 15, 0, 0).unwrap(),
            status,
            override_id: None,
            override_user: None,
            replaces: Vec::new(),
            reason: None,
            error: None,
        }
    }

    /// The row's own serialisation with `status` replaced: the same keys,
    /// values and order (alphabetical, as a JSON object sorts them).
    fn patched(r: &Row, dry_run: bool) -> String {
        let mut v = serde_json::to_value(r).unwrap();
        v["status"] = status_key(r.status, dry_run).into();
        v.to_string()
    }

    #[test]
    fn sync_rows_are_the_plan_rows_with_the_status_of_the_run() {
        let mut full = row(Status::Replaced);
        full.override_id = Some("PO1".into());
        full.override_user = Some("PKEN".into());
        full.replaces = vec!["PO0".into()];
        full.reason = Some("because".into());
        full.error = Some("HTTP 500".into());
        let removed = Row {
            week: None,
            member: None,
            ..row(Status::Removed)
        };
        for r in [row(Status::Created), full, removed] {
            for dry_run in [false, true] {
                let got = serde_json::to_string(&SyncRowJson::new(&r, dry_run)).unwrap();
                assert_eq!(got, patched(&r, dry_run));
            }
        }
        let dry = serde_json::to_value(SyncRowJson::new(&row(Status::Created), true)).unwrap();
        assert_eq!(dry["status"], "would_create");
    }
}
