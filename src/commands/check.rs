//! `dw check`: the roster is valid and every week ahead has someone on call.

use serde::Serialize;

use crate::cli::CheckArgs;
use crate::coverage::Gap;
use crate::error::{Diagnostic, Error, Result, RosterError};
use crate::invocation::access;
use crate::render::{self, CheckRow, PagerDutyReport};

use super::Context;
use crate::clients;
use crate::invocation::{Invocation, WeekRule};
use crate::sync::job::Job;

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
fn broken_roster_json(pretty: bool, e: &RosterError) -> String {
    #[derive(Serialize)]
    struct Broken<'a> {
        roster: &'a str,
        ok: bool,
        problems: Vec<String>,
        /// Always empty: nothing is checked past a roster that does not load.
        warnings: Vec<String>,
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
    let broken = Broken {
        roster: &e.path,
        ok: false,
        problems,
        warnings: Vec::new(),
    };
    crate::render::json(&broken, pretty)
}

/// Compare what PagerDuty shows with the roster from now through `weeks` weeks,
/// exactly as `dw sync pagerduty` would (same reads, same plan).
fn compare_pagerduty(ctx: &Context, weeks: usize) -> Result<PagerDutyReport> {
    let first = ctx.current_week(&ctx.rotation())?;
    let job = Job::new(&ctx.roster, first, weeks, ctx.now)?;
    let token = ctx.inv.credentials.pagerduty(&access::CHECK_PAGERDUTY)?;
    let http = clients::http(&ctx.inv)?;
    let pd = clients::pagerduty(&ctx.inv, &http, token, None)?;
    // Read-only: no lock, nothing written; without a ledger every override is a person's.
    let ledger = ctx
        .inv
        .state_dir()
        .ok()
        .map(|dir| Job::ledger_file(&dir, &pd));
    let reading = job.compare(&pd, ledger.as_deref())?;
    let compared = &reading.compared;
    let (differences, manual): (Vec<_>, Vec<_>) = compared
        .rows
        .iter()
        .filter(|r| r.is_change() || r.status == crate::sync::Status::Manual)
        .map(|r| CheckRow::new(r.clone(), compared.shifts(&r.schedule)))
        .partition(|c| c.row.is_change());
    Ok(PagerDutyReport {
        drift: !differences.is_empty(),
        agrees: reading.agrees && differences.is_empty(),
        compared: reading.spans,
        differences,
        manual,
    })
}

/// Load the roster refusing a rule broken in any week; with `--json`, a
/// roster that does not load is a JSON answer too (CI jobs read it).
pub fn run(inv: Invocation, args: &CheckArgs) -> Result<()> {
    let json = inv.global.json;
    let pretty = inv.pretty_json();
    match inv.load(WeekRule::RefuseAll) {
        Ok(ctx) => check(&ctx, args),
        Err(e) => {
            if let Some(broken) = e.roster().filter(|_| json) {
                super::print(&broken_roster_json(pretty, broken))?;
            }
            Err(e)
        }
    }
}

/// Validate the roster (loading already did) and the coverage of the weeks ahead.
fn check(ctx: &Context, args: &CheckArgs) -> Result<()> {
    let rot = ctx.rotation();
    let first = ctx.current_week(&rot)?;
    let horizon = args
        .weeks
        .map_or(if args.pagerduty { 4 } else { 52 }, |w| w as usize);
    let end = (first + horizon).min(crate::rotation::MAX_WEEKS);
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let weeks = rot.iter().skip(first).take(end.saturating_sub(first));
    for Gap { from, to, alone } in crate::coverage::gaps(weeks) {
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
    warnings.extend(crate::incident::missing_channel_warning(&ctx.roster.slack));
    let path = ctx.roster_path.display().to_string();
    let last = if end > first { end - 1 } else { first };
    let pagerduty = if args.pagerduty && problems.is_empty() {
        Some(compare_pagerduty(ctx, horizon)?)
    } else {
        None
    };
    let drift = pagerduty.as_ref().is_some_and(|p| p.drift);
    let manual = pagerduty.as_ref().is_some_and(|p| !p.manual.is_empty());
    if ctx.inv.global.json {
        super::print(&super::json(
            &ctx.inv,
            &Report {
                roster: path.clone(),
                ok: problems.is_empty() && !drift,
                from_week: first,
                to_week: last,
                problems: problems.clone(),
                warnings: warnings.clone(),
                pagerduty,
            },
        ))?;
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
            super::print(&render::drift_table(
                &ctx.roster,
                report,
                ctx.inv.global.verbose,
                ctx.roster.team.timezone,
            ))?;
        }
    }
    if drift {
        return Err(Error::drift(
            "PagerDuty's on-call differs from the roster; `dw sync pagerduty` makes it match",
        ));
    }
    if manual && args.strict {
        return Err(Error::drift(
            "overrides made outside dw put someone other than the roster's choice on call (--strict)",
        )
        .with_hint("agree with whoever made them, then change the roster or remove the override in PagerDuty"));
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(Error::from(RosterError {
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
