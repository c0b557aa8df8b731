//! `dw sync pagerduty`: make the PagerDuty schedules say what the roster says.

use chrono::{Duration, Utc};

use crate::cli::SyncArgs;
use crate::error::{Error, Result};
use crate::http::Request;
use crate::pagerduty::{Oncall, PagerDuty, Reference, ScheduleOverride};
use crate::render;
use crate::sync::{self, Action, Desired, Step};

use super::{services, Context};

/// PagerDuty answers /oncalls for at most 90 days at a time.
const WINDOW_DAYS: i64 = 84;

/// Who PagerDuty has on call for the schedules between two instants, in windows it accepts.
pub fn oncalls(
    pd: &PagerDuty<'_>,
    schedules: &[String],
    since: chrono::DateTime<Utc>,
    until: chrono::DateTime<Utc>,
) -> Result<Vec<Oncall>> {
    let mut out = Vec::new();
    let mut from = since;
    while from < until {
        let to = (from + Duration::days(WINDOW_DAYS)).min(until);
        out.extend(pd.oncalls(schedules, &from.to_rfc3339(), &to.to_rfc3339())?);
        from = to;
    }
    Ok(out)
}

/// The roster's wishes for the next `weeks` weeks, or exit 2 naming a member without a PagerDuty ID.
pub fn wishes(ctx: &Context, weeks: usize) -> Result<(usize, Vec<Desired>)> {
    if ctx.roster.pagerduty.schedules.is_empty() {
        return Err(Error::usage(
            "the roster has no [pagerduty] schedules to compare",
            "add schedules = { primary = \"PXXXXXX\", secondary = \"PYYYYYY\" } under [pagerduty]",
        ));
    }
    let rot = ctx.rotation();
    let first = ctx.current_week(&rot)?;
    let list = rot.weeks(first..first + weeks);
    let desired = sync::desired(&rot, &list, ctx.now).map_err(|e| {
        let hint = format!(
            "add pagerduty = \"PXXXXXX\" to member \"{}\" in the roster",
            e.member
        );
        Error::usage(e.to_string(), hint)
    })?;
    Ok((first, desired))
}

/// Plan, print, and (unless --dry-run) apply the overrides.
pub fn run(ctx: &Context, args: &SyncArgs) -> Result<()> {
    let (_, desired) = wishes(ctx, args.weeks as usize)?;
    let token = services::pagerduty_token("dw sync pagerduty reads and writes the schedules")?;
    let http = services::http(ctx)?;
    let pd = services::pagerduty(&http, token, None)?;
    let (Some(since), Some(until)) = (
        desired.iter().map(|d| d.from).min(),
        desired.iter().map(|d| d.end).max(),
    ) else {
        return super::print("Nothing to sync: no week has a rank with a schedule.\n");
    };
    let schedules: Vec<String> = ctx.roster.pagerduty.schedules.values().cloned().collect();
    let (existing, current) = services::both(
        || {
            schedules
                .iter()
                .map(|id| {
                    Ok((
                        id.clone(),
                        pd.overrides(id, &since.to_rfc3339(), &until.to_rfc3339())?,
                    ))
                })
                .collect::<Result<Vec<_>>>()
        },
        || oncalls(&pd, &schedules, since, until),
    );
    let existing = existing?;
    let mut steps = sync::plan(&desired, &existing, &current?);
    let tz = ctx.roster.team.timezone.name();
    // Each request with the steps it carries out, in the order of its items.
    let mut requests: Vec<(Request, Vec<usize>)> = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        if let Action::Replaced { delete } = &step.action {
            requests.extend(delete.iter().map(|id| {
                (
                    pd.delete_override_request(&step.desired.schedule, id),
                    vec![i],
                )
            }));
        }
    }
    for schedule in &schedules {
        let todo: Vec<usize> = (0..steps.len())
            .filter(|&i| {
                steps[i].desired.schedule == *schedule && steps[i].action != Action::Unchanged
            })
            .collect();
        let new: Vec<ScheduleOverride> = todo
            .iter()
            .map(|&i| ScheduleOverride {
                id: None,
                start: render::rfc3339(
                    &steps[i]
                        .desired
                        .from
                        .with_timezone(&ctx.roster.team.timezone),
                ),
                end: render::rfc3339(
                    &steps[i]
                        .desired
                        .end
                        .with_timezone(&ctx.roster.team.timezone),
                ),
                user: Reference {
                    id: steps[i].desired.user.clone(),
                    ..Reference::default()
                },
            })
            .collect();
        if !new.is_empty() {
            requests.push((pd.create_overrides_request(schedule, &new, tz), todo));
        }
    }
    if args.dry_run {
        let shown: Vec<Request> = requests.iter().map(|(r, _)| r.clone()).collect();
        let mut out = report(ctx, &steps, true, &shown);
        // With --json the requests are in the JSON: stdout stays one document.
        if !ctx.global.json {
            out.extend(shown.iter().map(services::dry_run));
        }
        return super::print(&out);
    }
    // Carry on past a failure: the report must say what was and was not written.
    let mut failed = 0;
    for (req, covers) in &requests {
        let errors: Vec<(usize, String)> = match pd.execute(req) {
            Ok(rejected) => rejected
                .into_iter()
                .flat_map(|(item, reason)| match covers.get(item) {
                    Some(&step) => vec![(step, format!("rejected: {reason}"))],
                    None => covers
                        .iter()
                        .map(|&s| (s, format!("rejected: {reason}")))
                        .collect(),
                })
                .collect(),
            Err(e) => covers.iter().map(|&s| (s, e.to_string())).collect(),
        };
        for (step, reason) in errors {
            if steps[step].error.is_none() {
                failed += 1;
            }
            steps[step].error.get_or_insert(reason);
        }
    }
    super::print(&report(ctx, &steps, false, &[]))?;
    if failed > 0 {
        return Err(Error::service(format!(
            "PagerDuty did not take {failed} change(s); the table above says which and why"
        )));
    }
    Ok(())
}

fn report(ctx: &Context, steps: &[Step], dry_run: bool, requests: &[Request]) -> String {
    if ctx.global.json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            dry_run: bool,
            steps: Vec<render::StepJson<'a>>,
            #[serde(skip_serializing_if = "Vec::is_empty")]
            requests: Vec<services::Shown<'a>>,
        }
        let requests = services::shown(requests);
        return super::json(&Out {
            dry_run,
            steps: render::steps_json(steps, dry_run),
            requests,
        });
    }
    render::sync_report(steps, dry_run, ctx.roster.team.timezone)
}
