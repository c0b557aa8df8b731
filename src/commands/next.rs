//! `dw next [ID]`: when a member is next primary and next secondary.

use crate::roster::{MemberIx, Rank};
use serde::Serialize;

use crate::cli::NextArgs;
use crate::error::Result;
use chrono::{DateTime, Utc};

use crate::render::{self, MemberNext, Turn, TurnCover};
use crate::rotation::{Rotation, WeekIx};
use crate::turns;

use super::Context;

pub use crate::turns::HORIZON_WEEKS;

/// The turn at `rank` in `week`, with the covers of that rank in it that
/// have not ended at `now`.
fn turn(
    rot: &Rotation<'_>,
    week: WeekIx,
    rank: Rank,
    current: WeekIx,
    now: &DateTime<Utc>,
) -> Turn {
    let (start, end) = rot.bounds(week);
    let covers = rot
        .covers_in(week)
        .into_iter()
        .filter(|c| c.rank == rank && c.to > *now)
        .map(|c| TurnCover {
            id: rot.roster().members[c.member].id.clone(),
            from: render::rfc3339(&c.from),
            to: render::rfc3339(&c.to),
            reason: c.reason.to_string(),
            span: format!(
                "{} \u{2192} {}",
                c.from.format("%a %H:%M"),
                c.to.format("%a %H:%M")
            ),
        })
        .collect();
    Turn {
        week,
        start: render::rfc3339(&start),
        end: render::rfc3339(&end),
        now: week == current,
        covers,
    }
}

/// Print the next primary and secondary turn of one member, or of everyone.
pub fn run(ctx: &Context, args: &NextArgs) -> Result<()> {
    let rot = ctx.rotation();
    let current = ctx.current_week(&rot)?;
    let wanted: Vec<MemberIx> = match &args.id {
        Some(id) => vec![ctx.member(id, "ID (or DW_ME)")?],
        None => ctx.roster.each_member().map(|(m, _)| m).collect(),
    };
    let today = ctx
        .now
        .with_timezone(&ctx.roster.team.timezone)
        .date_naive();
    let found = turns::next_turns(&rot, current, &wanted, HORIZON_WEEKS);
    let rows: Vec<MemberNext> = wanted
        .iter()
        .zip(&found)
        .map(|(&m, next)| {
            let member = &ctx.roster.members[m];
            MemberNext {
                id: &member.id,
                name: &member.name,
                primary: next
                    .primary
                    .map(|k| turn(&rot, k, Rank::PRIMARY, current, &ctx.now)),
                secondary: next
                    .secondary
                    .map(|k| turn(&rot, k, Rank::from_index(1), current, &ctx.now)),
                left: member.left,
                has_left: member.left.is_some_and(|d| d <= today),
            }
        })
        .collect();
    if ctx.inv.global.json {
        #[derive(Serialize)]
        struct Out<'a> {
            team: &'a str,
            members: Vec<MemberNext<'a>>,
        }
        return super::print(&super::json(
            &ctx.inv,
            &Out {
                team: &ctx.roster.team.name,
                members: rows,
            },
        ));
    }
    super::print(&render::next_table(&rot, &rows, HORIZON_WEEKS))
}
