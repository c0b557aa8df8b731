//! `dw away add|remove`: time off, as an away range of a member.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime};
use chrono_tz::Tz;

use crate::cli::{AwayAddArgs, AwayRemoveArgs};
use crate::error::Result;
use crate::rotation::resolve_local;

use super::{edit, Context};

/// Ranges this short (in days) that take someone out of a week get a note
/// suggesting a cover instead.
const SHORT_DAYS: i64 = 2;

/// `dw away add ID --from DATE --to DATE [--reason R]`.
pub fn add(ctx: &Context, args: &AwayAddArgs) -> Result<()> {
    let member = ctx.member(&args.id, "ID")?;
    let old = edit::read_text(ctx)?;
    let new_text =
        crate::edit::away_add(&old, &args.id, args.from, args.to, args.reason.as_deref())
            .map_err(edit::refused)?;
    let new = edit::apply(ctx, &old, &new_text, args.dry_run)?;
    short_range_note(ctx, member, args);
    edit::print_affected(ctx, &new, args.dry_run)
}

/// A day or two away still takes the member out of every week it touches:
/// say so, with the `dw cover` commands that hand over just those days. Each
/// cover is clipped to the week in which the member holds the rank (a range
/// starting on a handoff day starts at the handoff, not at midnight, which
/// still belongs to the week before): one command per week.
fn short_range_note(ctx: &Context, member: usize, args: &AwayAddArgs) {
    let days = (args.to - args.from).num_days() + 1;
    if !(1..=SHORT_DAYS).contains(&days) {
        return;
    }
    let rot = ctx.rotation();
    let (Ok(first), Ok(last)) = (rot.week_of_date(args.from), rot.week_of_date(args.to)) else {
        return;
    };
    let tz = ctx.roster.team.timezone;
    let midnight = |d: NaiveDate| resolve_local(&tz, d.and_time(NaiveTime::MIN));
    let (away_from, away_to) = (midnight(args.from), midnight(args.to + Duration::days(1)));
    let local = |t: DateTime<Tz>| t.format("%Y-%m-%dT%H:%M").to_string();
    let mut weeks = Vec::new();
    let mut covers = Vec::new();
    for k in first..=last.min(first + 1) {
        let week = rot.week(k);
        let Some(rank) = week.rank_of(member) else {
            continue;
        };
        let other = week
            .ranks
            .get(rank)
            .or_else(|| rank.checked_sub(2).and_then(|i| week.ranks.get(i)));
        let Some(other) = other else { continue };
        let other = &ctx.roster.members[other.member].id;
        let role = ctx.roster.role_name(rank);
        let (start, end) = rot.bounds(k);
        let (from, to) = (away_from.max(start), away_to.min(end));
        if from >= to {
            continue;
        }
        let (a, b) = rot.dates(k);
        weeks.push(format!("week {k} ({a} to {b}, where they would be {role})"));
        covers.push(format!(
            "    dw cover {other} --role {role} --from {} --to {} --reason \"covering {}\"",
            local(from),
            local(to),
            args.id
        ));
    }
    if weeks.is_empty() {
        return;
    }
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
        covers.join("\n"),
    ));
}

/// `dw away remove ID --from DATE`.
pub fn remove(ctx: &Context, args: &AwayRemoveArgs) -> Result<()> {
    ctx.member(&args.id, "ID")?;
    let old = edit::read_text(ctx)?;
    let new_text = crate::edit::away_remove(&old, &args.id, args.from).map_err(edit::refused)?;
    let new = edit::apply(ctx, &old, &new_text, args.dry_run)?;
    edit::print_affected(ctx, &new, args.dry_run)
}
