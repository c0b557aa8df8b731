//! PagerDuty against the roster: `dw check --pagerduty`'s drift and `dw sync pagerduty`'s report.

use chrono_tz::Tz;
use serde::Serialize;

use crate::roster::Roster;
use crate::sync::{Action, Drift, Step};

use super::{finish, table};

/// How PagerDuty's on-call compares with the roster (`dw check --pagerduty`).
#[derive(Debug, Serialize)]
pub struct PagerDutyReport {
    pub drift: bool,
    pub compared: usize,
    pub differences: Vec<Drift>,
}

/// The comparison as a sentence and a table of the differences, PagerDuty users by roster id.
pub fn drift_table(roster: &Roster, report: &PagerDutyReport) -> String {
    let by_user = |user: &str| {
        roster
            .members
            .iter()
            .find(|m| m.pagerduty.as_deref() == Some(user))
            .map_or_else(|| user.to_string(), |m| m.id.clone())
    };
    if !report.drift {
        return format!(
            "PagerDuty agrees with the roster ({} week-and-role pairs compared).\n",
            report.compared
        );
    }
    let mut t = table(["week", "role", "roster", "pagerduty"]);
    for d in &report.differences {
        let mut who: Vec<String> = d.pagerduty.iter().map(|u| by_user(u)).collect();
        if d.gap {
            who.push("(nobody, part of the week)".into());
        }
        t.add_row(vec![
            d.week.to_string(),
            d.role.clone(),
            d.roster.clone(),
            who.join(", "),
        ]);
    }
    format!(
        "PagerDuty disagrees with the roster in {} of {} week-and-role pairs:\n{}",
        report.differences.len(),
        report.compared,
        finish(&t)
    )
}

/// `dw sync pagerduty`'s outcome as a sentence and a table of the steps, dates in `tz`.
pub fn sync_report(steps: &[Step], dry_run: bool, tz: Tz) -> String {
    let mut t = table(["week", "starts", "role", "member", "action"]);
    for s in steps {
        let verb = match (&s.action, dry_run, &s.error) {
            (_, _, Some(error)) => format!("failed: {error}"),
            (Action::Unchanged, _, _) => "unchanged".into(),
            (Action::Created, false, _) => "created".into(),
            (Action::Created, true, _) => "would create".into(),
            (Action::Replaced { .. }, false, _) => "replaced".into(),
            (Action::Replaced { .. }, true, _) => "would replace".into(),
        };
        t.add_row(vec![
            s.desired.week.to_string(),
            s.desired
                .start
                .with_timezone(&tz)
                .format("%a %Y-%m-%d")
                .to_string(),
            s.desired.role.clone(),
            s.desired.member.clone(),
            verb,
        ]);
    }
    let changes = steps
        .iter()
        .filter(|s| s.action != Action::Unchanged)
        .count();
    let failed = steps.iter().filter(|s| s.error.is_some()).count();
    let head = match (changes, dry_run) {
        (0, _) => "PagerDuty already matches the roster.".to_string(),
        (n, true) => format!("Dry run: {n} override(s) to write; nothing was changed."),
        (n, false) if failed > 0 => {
            format!("Wrote {} of {n} override(s); {failed} failed.", n - failed)
        }
        (n, false) => format!("Wrote {n} override(s)."),
    };
    format!("{head}\n{}", finish(&t))
}
