//! `dw leave ID --on DATE`: a member leaves the rotation.

use crate::cli::LeaveArgs;
use crate::error::Result;
use crate::roster::Roster;

use super::Context;

/// Set the member's `left` date. A date before the current week rewrites
/// weeks already past: said on stderr, with how many change.
pub fn run(ctx: &Context, args: &LeaveArgs) -> Result<()> {
    crate::edit::plain_values(&args.texts())?;
    ctx.member(&args.id, "ID")?;
    let new = super::write_edit(ctx, args.dry_run, |old| {
        Ok(crate::edit::leave(old, &args.id, args.on)?)
    })?;
    warn_past(ctx, &new, args)?;
    super::print_affected(ctx, &new, args.dry_run)
}

/// A warning when `--on` is before the current week: the weeks before it
/// that the edit changes (the history `schedule`, `stats` and `explain` show).
fn warn_past(ctx: &Context, new: &Roster, args: &LeaveArgs) -> Result<()> {
    let rot = ctx.rotation();
    let first = ctx.current_week(&rot)?;
    let (week_began, _) = rot.dates(first);
    if args.on >= week_began {
        return Ok(());
    }
    let weeks = crate::plan::changed_weeks(&crate::plan::changes(&ctx.roster, new, 0..first));
    let start = ctx.roster.team.start;
    let when = if args.on < start {
        format!("before the rotation starts ({start})")
    } else {
        format!("before the current week {first} (which began {week_began})")
    };
    let changed = match (weeks.first(), weeks.last(), weeks.len()) {
        (_, _, 0) => "no past week changes (they had no rank there)".to_string(),
        (Some(lo), _, 1) => format!("1 past week changes (week {lo})"),
        (Some(lo), Some(hi), n) => format!("{n} past weeks change (weeks {lo}\u{2013}{hi})"),
        _ => String::new(),
    };
    let verb = if args.dry_run {
        "would rewrite"
    } else {
        "rewrites"
    };
    eprintln!(
        "dw: warning: --on {} is {when}: this {verb} the past: {changed}; `dw schedule`, `dw stats` and `dw explain` show the new history\n  hint: if {} really left then, that is right; otherwise leave with a date from this week on",
        args.on, args.id
    );
    Ok(())
}
