//! `dw cover ID --role R --from WHEN --to WHEN [--reason R]`: a member holds
//! a rank for a span shorter than a week, written as a `[[covers]]` entry.

use chrono::{DateTime, NaiveDateTime, Timelike};
use chrono_tz::Tz;

use crate::cli::{At, CoverArgs};
use crate::edit::{NewCover, RoleRef};
use crate::error::{Error, Result};

use super::{resolve_at, Context};

/// The wall-clock time in the team's zone `--from`/`--to` name, to the
/// second (seconds given are kept; the roster holds no fractions).
fn local(ctx: &Context, at: At) -> NaiveDateTime {
    let tz: Tz = ctx.roster.team.timezone;
    let t: DateTime<Tz> = resolve_at(
        Some(at),
        ctx.now,
        &tz,
        crate::invocation::context::handoff_of(&ctx.roster),
    )
    .with_timezone(&tz);
    let t = t.naive_local();
    t.with_nanosecond(0).unwrap_or(t)
}

/// Write the cover and say whose rank it hands over.
pub fn run(ctx: &Context, args: &CoverArgs) -> Result<()> {
    crate::edit::plain_values(&args.texts())?;
    let member = ctx.member(&args.id, "ID")?;
    let rank = ctx.rank_arg(&args.role, "--role")?;
    let (from, to) = (local(ctx, args.from), local(ctx, args.to));
    if to <= from {
        return Err(Error::usage(
            format!(
                "--to {} is not after --from {}",
                to.format("%Y-%m-%dT%H:%M"),
                from.format("%Y-%m-%dT%H:%M")
            ),
            "a cover ends after it begins: give --to a later time",
        ));
    }
    let role = RoleRef::for_rank(&ctx.roster, rank);
    let cover = NewCover {
        role,
        member: args.id.clone(),
        from,
        to,
        reason: args.reason.clone(),
    };
    super::write_edit(ctx, args.dry_run, |old| {
        Ok(crate::edit::add_cover(old, &cover)?)
    })?;
    // A cover moves no week's ranks: say whose turn it takes over instead.
    let rot = ctx.rotation();
    let tz = ctx.roster.team.timezone;
    let start = crate::rotation::resolve_local(&tz, from);
    let end = crate::rotation::resolve_local(&tz, to);
    let first = rot
        .week_at(&start)
        .map_err(|e| super::before_start(&e, "--from"))?;
    let last = rot
        .week_at(&(end - chrono::Duration::seconds(1)))
        .unwrap_or(first);
    let role = ctx.roster.role_name(rank);
    let mut lines = Vec::new();
    let mut doubled = Vec::new();
    for k in crate::rotation::WeekIx::range_inclusive(first, last.min(first + 52)) {
        let week = rot.week(k);
        // Ranks past the named roles are the queue, not a duty.
        let named = ctx.roster.team.roles.len();
        if let Some(held) = week
            .rank_of(member)
            .filter(|r| *r != rank && r.get() <= named)
        {
            doubled.push(format!("week {k} ({})", ctx.roster.role_name(held)));
        }
        let holder = week
            .slot(rank)
            .map_or("nobody", |s| ctx.roster.members[s.member].id.as_str());
        lines.push(format!(
            "{} covers {role} for {holder} in week {k}",
            ctx.roster.members[member].id
        ));
    }
    let text = format!(
        "{}, {} → {}.\n",
        lines.join("; "),
        crate::render::human(&start),
        crate::render::human(&end)
    );
    if !doubled.is_empty() {
        // Not refused (a small team may mean it), but the rank they hold has
        // nobody else behind it while they cover.
        eprintln!(
            "dw: warning: {id} already holds a role in {}: while covering {role}, {id} holds both \
             and the other role has no one of its own (no backup)\n  \
             hint: pick a member without a rank that week, or hand {id}'s own role to someone with another cover",
            doubled.join(", "),
            id = ctx.roster.members[member].id,
        );
    }
    if args.dry_run {
        ctx.note(text.trim_end());
        Ok(())
    } else {
        super::print(&text)
    }
}
