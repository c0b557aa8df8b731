//! `dw check`: the roster is valid and every week ahead has someone on call.

use serde::Serialize;

use crate::cli::CheckArgs;
use crate::error::{Diagnostic, Error, Result, RosterError};
use crate::render;

use super::Context;

#[derive(Serialize)]
struct Report {
    roster: String,
    ok: bool,
    from_week: usize,
    to_week: usize,
    problems: Vec<String>,
    warnings: Vec<String>,
}

/// Validate the roster (loading already did) and the coverage of the weeks ahead.
pub fn run(ctx: &Context, args: &CheckArgs) -> Result<()> {
    let rot = ctx.rotation();
    let first = ctx.current_week(&rot).unwrap_or(0);
    let weeks = rot.weeks(first..first + args.weeks as usize);
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    for week in &weeks {
        let (start, end) = rot.bounds(week.index);
        let when = format!(
            "week {} ({} → {})",
            week.index,
            render::human(&start),
            render::human(&end)
        );
        match week.ranks.len() {
            0 => problems.push(format!("{when}: nobody is available")),
            1 => warnings.push(format!(
                "{when}: only {} is available, so there is no {}",
                ctx.roster.members[week.ranks[0].member].id,
                ctx.roster.role_name(2)
            )),
            _ => {}
        }
    }
    let path = ctx.roster_path.display().to_string();
    let last = weeks.last().map_or(first, |w| w.index);
    if ctx.global.json {
        super::print(&render::json(&Report {
            roster: path.clone(),
            ok: problems.is_empty(),
            from_week: first,
            to_week: last,
            problems: problems.clone(),
            warnings: warnings.clone(),
        }))?;
    } else {
        for w in &warnings {
            ctx.note(&format!("{path}: warning: {w}"));
        }
        if problems.is_empty() {
            super::print(&format!(
                "{path}: ok: {} members, weeks {first}–{last} all have someone on call\n",
                ctx.roster.members.len()
            ))?;
        }
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
