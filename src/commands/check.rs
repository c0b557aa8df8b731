//! `dw check`: the roster is valid and every week ahead has someone on call.

use serde::Serialize;

use crate::cli::CheckArgs;
use crate::coverage::Gap;
use crate::error::{Diagnostic, Error, Result, RosterError};
use crate::render::{self, PagerDutyReport};

use chrono::Utc;

use super::{services, sync, Context};

#[derive(Serialize)]
struct Report {
    roster: String,
    ok: bool,
    from_week: usize,
    to_week: usize,
    problems: Vec<String>,
    warnings: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pagerduty: Option<PagerDutyReport>,
}

/// The `--json` answer for a roster that does not load: every problem, one line each.
pub fn broken_roster_json(e: &RosterError) -> String {
    #[derive(Serialize)]
    struct Broken<'a> {
        roster: &'a str,
        ok: bool,
        problems: Vec<String>,
    }
    let problems = e
        .diagnostics
        .iter()
        .map(|d| {
            let at = d
                .position
                .map(|(l, c)| format!("{l}:{c}: "))
                .unwrap_or_default();
            match &d.hint {
                Some(h) => format!("{at}{} (hint: {h})", d.message),
                None => format!("{at}{}", d.message),
            }
        })
        .collect();
    super::json(&Broken {
        roster: &e.path,
        ok: false,
        problems,
    })
}

/// Compare PagerDuty's on-call with the roster from now through `weeks` weeks.
fn compare_pagerduty(ctx: &Context, weeks: usize) -> Result<PagerDutyReport> {
    let (_, desired) = sync::wishes(ctx, weeks)?;
    let token = services::pagerduty_token("dw check --pagerduty reads who PagerDuty has on call")?;
    let http = services::http(ctx)?;
    let pd = services::pagerduty(&http, token, None)?;
    let now = ctx.now.with_timezone(&Utc);
    let until = desired.iter().map(|d| d.end).max().unwrap_or(now);
    let schedules: Vec<String> = ctx.roster.pagerduty.schedules.values().cloned().collect();
    let oncalls = sync::oncalls(&pd, &schedules, now, until)?;
    let differences = crate::sync::drift(&desired, &oncalls, now);
    Ok(PagerDutyReport {
        drift: !differences.is_empty(),
        compared: desired.len(),
        differences,
    })
}

/// Validate the roster (loading already did) and the coverage of the weeks ahead.
pub fn run(ctx: &Context, args: &CheckArgs) -> Result<()> {
    let rot = ctx.rotation();
    let first = ctx.current_week(&rot)?;
    let horizon = args
        .weeks
        .map_or(if args.pagerduty { 4 } else { 52 }, |w| w as usize);
    let weeks = rot.weeks(first..first + horizon);
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    for Gap { from, to, alone } in crate::coverage::gaps(&weeks) {
        let (start, _) = rot.bounds(from);
        let (_, end) = rot.bounds(to);
        let weeks = if from == to {
            format!("week {from}")
        } else {
            format!("weeks {from}–{to}")
        };
        let when = format!(
            "{weeks} ({} → {})",
            render::human(&start),
            render::human(&end)
        );
        match alone {
            None => problems.push(format!("{when}: nobody is available")),
            Some(m) => warnings.push(format!(
                "{when}: only {} is available, so there is no {}",
                ctx.roster.members[m].id,
                ctx.roster.role_name(2)
            )),
        }
    }
    let path = ctx.roster_path.display().to_string();
    let last = weeks.last().map_or(first, |w| w.index);
    let pagerduty = if args.pagerduty && problems.is_empty() {
        Some(compare_pagerduty(ctx, horizon)?)
    } else {
        None
    };
    let drift = pagerduty.as_ref().is_some_and(|p| p.drift);
    if ctx.global.json {
        super::print(&super::json(&Report {
            roster: path.clone(),
            ok: problems.is_empty() && !drift,
            from_week: first,
            to_week: last,
            problems: problems.clone(),
            warnings: warnings.clone(),
            pagerduty,
        }))?;
    } else {
        for w in &warnings {
            ctx.note(&format!("{path}: warning: {w}"));
        }
        if problems.is_empty() {
            super::print(&format!(
                "{path}: ok: {}, weeks {first}–{last} all have someone on call\n",
                render::plural(ctx.roster.members.len(), "member")
            ))?;
        }
        if let Some(report) = &pagerduty {
            super::print(&render::drift_table(&ctx.roster, report))?;
        }
    }
    if drift {
        return Err(Error::drift(
            "PagerDuty's on-call differs from the roster; `dw sync pagerduty` makes it match",
        ));
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(Error::Roster(RosterError {
        path,
        diagnostics: problems
            .into_iter()
            .map(|message| Diagnostic {
                position: None,
                message,
                hint: Some("shorten an away range or add a member for that week".into()),
            })
            .collect(),
    }))
}
