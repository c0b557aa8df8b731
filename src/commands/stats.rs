//! `dw stats`: weeks per member per role between two dates.

use crate::cli::StatsArgs;
use crate::error::{Error, Result};

use crate::render::{self, Count, MemberStats, Stats};

use super::Context;

/// Count, for every member, the weeks held at each rank and the weeks away.
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
    let weeks = rot.weeks(first..last + 1);
    let max_rank = weeks
        .iter()
        .map(|w| w.ranks.len())
        .max()
        .unwrap_or(0)
        .max(team.roles.len());
    let mut counts = vec![vec![0usize; max_rank]; ctx.roster.members.len()];
    let mut away = vec![0usize; ctx.roster.members.len()];
    for week in &weeks {
        for (i, slot) in week.ranks.iter().enumerate() {
            counts[slot.member][i] += 1;
        }
        for a in &week.away {
            away[a.member] += 1;
        }
    }
    let stats = Stats {
        team: &team.name,
        from_week: first,
        to_week: last,
        from: render::rfc3339(&rot.bounds(first).0),
        to: render::rfc3339(&rot.bounds(last).1),
        members: ctx
            .roster
            .members
            .iter()
            .enumerate()
            .map(|(m, member)| MemberStats {
                id: &member.id,
                name: &member.name,
                roles: counts[m]
                    .iter()
                    .enumerate()
                    .map(|(i, &weeks)| Count {
                        rank: i + 1,
                        role: ctx.roster.role_name(i + 1),
                        weeks,
                    })
                    .collect(),
                on_call: counts[m].iter().sum(),
                away: away[m],
            })
            .collect(),
    };
    if ctx.global.json {
        return super::print(&super::json(&stats));
    }
    super::print(&render::stats_table(&rot, &stats, max_rank, ctx.color))
}
