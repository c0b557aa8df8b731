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

/// What a step did, or would do in a dry run, as a snake_case word: the
/// `action` of `dw sync pagerduty --json` (the table says it with spaces).
pub fn action_word(action: &Action, dry_run: bool) -> &'static str {
    match (action, dry_run) {
        (Action::Unchanged, _) => "unchanged",
        (Action::Created, false) => "created",
        (Action::Created, true) => "would_create",
        (Action::Replaced { .. }, false) => "replaced",
        (Action::Replaced { .. }, true) => "would_replace",
    }
}

/// One step of `dw sync pagerduty --json`: a dry run's steps never read as done.
#[derive(Debug, Serialize)]
pub struct StepJson<'a> {
    #[serde(flatten)]
    pub desired: &'a crate::sync::Desired,
    pub action: &'static str,
    /// dw's earlier overrides deleted (or to delete) for a replacement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'a str>,
}

/// The steps as `--json` prints them.
pub fn steps_json(steps: &[Step], dry_run: bool) -> Vec<StepJson<'_>> {
    steps
        .iter()
        .map(|s| StepJson {
            desired: &s.desired,
            action: action_word(&s.action, dry_run),
            delete: match &s.action {
                Action::Replaced { delete } => Some(delete),
                _ => None,
            },
            error: s.error.as_deref(),
        })
        .collect()
}

/// `dw sync pagerduty`'s outcome as a sentence and a table of the steps, dates in `tz`.
pub fn sync_report(steps: &[Step], dry_run: bool, tz: Tz) -> String {
    let mut t = table(["week", "starts", "role", "member", "action"]);
    for s in steps {
        let verb = match &s.error {
            Some(error) => format!("failed: {error}"),
            None => action_word(&s.action, dry_run).replace('_', " "),
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
