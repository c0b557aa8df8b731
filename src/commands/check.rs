//! `dw check`: the roster is valid and every week ahead has someone on call.

use serde::Serialize;

use crate::cli::CheckArgs;
use crate::coverage::Gap;
use crate::error::{Diagnostic, Error, Result, RosterError};
use crate::invocation::access;
use crate::render::{self, CheckRow, PagerDutyReport, ProblemJson};
use crate::roster::Rank;
use crate::rotation::WeekIx;
use crate::validate::WeekProblem;

use super::Context;
use crate::clients;
use crate::invocation::{Invocation, WeekRule};
use crate::sync::job::Job;

#[derive(Serialize)]
struct Report {
    roster: String,
    ok: bool,
    from_week: WeekIx,
    to_week: WeekIx,
    problems: Vec<ProblemJson>,
    warnings: Vec<ProblemJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pagerduty: Option<PagerDutyReport>,
}

/// The `--json` answer for a roster that does not load, or that breaks a
/// rule in some week: every problem, one object each.
fn broken_roster_json(pretty: bool, path: &str, problems: Vec<ProblemJson>) -> String {
    #[derive(Serialize)]
    struct Broken<'a> {
        roster: &'a str,
        ok: bool,
        problems: Vec<ProblemJson>,
        /// Always empty: nothing is checked past a roster that does not load.
        warnings: Vec<ProblemJson>,
    }
    let broken = Broken {
        roster: path,
        ok: false,
        problems,
        warnings: Vec::new(),
    };
    crate::render::json(&broken, pretty)
}

/// Every diagnostic of `e`, as `--json` gives it.
fn diagnostics_json(e: &RosterError) -> Vec<ProblemJson> {
    e.diagnostics
        .iter()
        .map(|d| ProblemJson::diagnostic(&e.path, d))
        .collect()
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
    let ctx = match inv.load(WeekRule::Keep) {
        Ok(ctx) => ctx,
        Err(e) => {
            if let Some(broken) = e.roster().filter(|_| json) {
                super::print(&broken_roster_json(
                    pretty,
                    &broken.path,
                    diagnostics_json(broken),
                ))?;
            }
            return Err(e);
        }
    };
    refuse_week_problems(&ctx, json, pretty)?;
    check(&ctx, args)
}

/// Exit 2 with every rule the roster breaks in some week from week 0 on;
/// with `--json`, each problem also names its week.
fn refuse_week_problems(ctx: &Context, json: bool, pretty: bool) -> Result<()> {
    let rot = ctx.rotation();
    let inside: Vec<(WeekIx, &WeekProblem)> = ctx
        .week_problems
        .iter()
        .filter_map(|p| {
            let k = rot.week_of_date(p.week).ok()?;
            (k < WeekIx::END).then_some((k, p))
        })
        .collect();
    if inside.is_empty() {
        return Ok(());
    }
    let path = ctx.roster_path.display().to_string();
    if json {
        let problems = inside
            .iter()
            .map(|(k, p)| ProblemJson::diagnostic(&path, &p.diagnostic).in_weeks(*k, *k))
            .collect();
        super::print(&broken_roster_json(pretty, &path, problems))?;
    }
    let problems: Vec<WeekProblem> = inside.into_iter().map(|(_, p)| p.clone()).collect();
    Err(crate::validate::week_problems_error(&path, &problems).into())
}

/// How to fix weeks in which nobody is available.
const GAP_HINT: &str = "shorten an away range or add a member for that week";

/// Validate the roster (loading already did) and the coverage of the weeks ahead.
fn check(ctx: &Context, args: &CheckArgs) -> Result<()> {
    let rot = ctx.rotation();
    let first = ctx.current_week(&rot)?;
    let horizon = args
        .weeks
        .map_or(if args.pagerduty { 4 } else { 52 }, |w| w as usize);
    let end = (first + horizon).min(WeekIx::END);
    let path = ctx.roster_path.display().to_string();
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let weeks = rot.iter().skip(first.get()).take(end.weeks_since(first));
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
            None => problems.push(
                ProblemJson::new(
                    &path,
                    format!("{when}: nobody is available"),
                    Some(GAP_HINT.into()),
                )
                .in_weeks(from, to),
            ),
            Some(m) => warnings.push(
                ProblemJson::new(
                    &path,
                    format!(
                        "{when}: only {} is available, so there is no {}",
                        ctx.roster.members[m].id,
                        ctx.roster.role_name(Rank::from_index(1))
                    ),
                    None,
                )
                .in_weeks(from, to),
            ),
        }
    }
    warnings.extend(
        crate::incident::missing_channel_warning(&ctx.roster.slack)
            .map(|w| ProblemJson::new(&path, w, None)),
    );
    let last = end.prev().filter(|&last| last >= first).unwrap_or(first);
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
                warnings,
                pagerduty,
            },
        ))?;
    } else {
        for w in &warnings {
            ctx.note(&format!("{path}: warning: {}", w.message));
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
            .map(|p| Diagnostic {
                position: None,
                message: p.message,
                hint: p.hint,
            })
            .collect(),
    }))
}
