//! `dw away add|remove`: time off, as an away range of a member.

use chrono::DateTime;
use chrono_tz::Tz;

use crate::cli::{AwayAddArgs, AwayRemoveArgs};
use crate::edit::suggest::covers_for_short_absence;
use crate::error::Result;

use super::Context;

/// `dw away add ID --from DATE --to DATE [--reason R]`.
pub fn add(ctx: &Context, args: &AwayAddArgs) -> Result<()> {
    crate::edit::plain_values(&args.texts())?;
    let member = ctx.member(&args.id, "ID")?;
    let new = super::write_edit(ctx, args.dry_run, |old| {
        Ok(crate::edit::away_add(
            old,
            &args.id,
            args.from,
            args.to,
            args.reason.as_deref(),
        )?)
    })?;
    short_range_note(ctx, member, args);
    super::print_affected(ctx, &new, args.dry_run)
}

/// A day or two away still takes the member out of every week it touches:
/// say so, with the `dw cover` commands that hand over just those days (which
/// covers: `edit::suggest`).
fn short_range_note(ctx: &Context, member: usize, args: &AwayAddArgs) {
    let rot = ctx.rotation();
    let covers = covers_for_short_absence(&rot, member, args.from, args.to);
    if covers.is_empty() {
        return;
    }
    let days = (args.to - args.from).num_days() + 1;
    let local = |t: &DateTime<Tz>| t.format("%Y-%m-%dT%H:%M").to_string();
    let weeks: Vec<String> = covers
        .iter()
        .map(|c| {
            let (a, b) = rot.dates(c.week);
            let role = ctx.roster.role_name(c.rank);
            format!("week {} ({a} to {b}, where they would be {role})", c.week)
        })
        .collect();
    let commands: Vec<String> = covers
        .iter()
        .map(|c| {
            format!(
                "    dw cover {} --role {} --from {} --to {} --reason \"covering {}\"",
                ctx.roster.members[c.member].id,
                ctx.roster.role_name(c.rank),
                local(&c.from),
                local(&c.to),
                args.id
            )
        })
        .collect();
    ctx.note(&format!(
        "dw: note: {} day{} away takes {} out of all of {}.\n  \
         For a short absence, hand over just those days with a cover instead:\n    \
         dw away remove {} --from {}\n{}",
        days,
        if days == 1 { "" } else { "s" },
        args.id,
        weeks.join(" and "),
        args.id,
        args.from,
        commands.join("\n"),
    ));
}

/// `dw away remove ID --from DATE`.
pub fn remove(ctx: &Context, args: &AwayRemoveArgs) -> Result<()> {
    crate::edit::plain_values(&args.texts())?;
    ctx.member(&args.id, "ID")?;
    let new = super::write_edit(ctx, args.dry_run, |old| {
        Ok(crate::edit::away_remove(old, &args.id, args.from)?)
    })?;
    super::print_affected(ctx, &new, args.dry_run)
}
