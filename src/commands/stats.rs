//! `dw stats`: weeks per member per role between two dates.

use crate::cli::StatsArgs;
use crate::error::{Error, Result};

use crate::render::{self, Counts, MemberStats, Stats};

use super::Context;

/// Count, for every member, the weeks held at each rank, the weeks away and
/// the hours covered (for others) and covered for (by others).
pub fn run(ctx: &Context, args: &StatsArgs) -> Result<()> {
    let rot = ctx.rotation();
    let team = &ctx.roster.team;
    // --from before the start counts from week 0; without --to, through the
    // week running now (not one that has not begun, as a date would on a
    // handoff day before the handoff).
    let first = ctx.week_of(
        &rot,
        args.from.unwrap_or(team.start).max(team.start),
        "--from",
    )?;
    let last = match args.to {
        Some(to) => ctx.week_of(&rot, to, "--to")?,
        None => ctx.current_week(&rot)?,
    };
    if last < first {
        return Err(Error::usage(
            format!("the weeks to count end (week {last}) before they begin (week {first})"),
            "give --to a date on or after --from",
        ));
    }
    // One pass over the weeks as the engine makes them: nothing kept per
    // week. The table shows the named roles and one column for the rest, so
    // only JSON (every rank of every member) counts each rank apart.
    let keep = if ctx.inv.global.json { usize::MAX } else { 0 };
    let mut covered = crate::stats::CoverTime::new(ctx.roster.members.len());
    let tally = crate::stats::tally_kept(
        rot.iter()
            .skip(first.get())
            .take(last.weeks_since(first) + 1)
            .inspect(|week| covered.add(&rot, week)),
        ctx.roster.members.len(),
        team.roles.len(),
        keep,
    );
    let stats = Stats {
        team: &team.name,
        from_week: first,
        to_week: last,
        from: render::rfc3339(&rot.bounds(first).0),
        to: render::rfc3339(&rot.bounds(last).1),
        members: ctx
            .roster
            .each_member()
            .map(|(m, member)| MemberStats {
                id: &member.id,
                name: &member.name,
                roles: Counts {
                    held: &tally.held[m],
                    beyond: tally.beyond[m],
                    rot: &rot,
                },
                on_call: tally.on_call(m),
                away: tally.away[m],
                covered_hours: crate::stats::hours(covered.given[m]),
                covered_for_hours: crate::stats::hours(covered.received[m]),
            })
            .collect(),
    };
    if ctx.inv.global.json {
        return super::stream_json(&ctx.inv, &stats);
    }
    super::print(&render::stats_table(&rot, &stats, tally.ranks, ctx.color))
}
