//! `dw next [ID]`: when a member is next primary and next secondary.

use serde::Serialize;

use crate::cli::NextArgs;
use crate::error::Result;
use crate::render::{self, MemberNext, Turn};
use crate::rotation::Rotation;
use crate::turns;

use super::Context;

pub use crate::turns::HORIZON_WEEKS;

fn turn(rot: &Rotation<'_>, week: usize, current: usize) -> Turn {
    let (start, end) = rot.bounds(week);
    Turn {
        week,
        start: render::rfc3339(&start),
        end: render::rfc3339(&end),
        now: week == current,
    }
}

/// Print the next primary and secondary turn of one member, or of everyone.
pub fn run(ctx: &Context, args: &NextArgs) -> Result<()> {
    let rot = ctx.rotation();
    let current = ctx.current_week(&rot)?;
    let wanted: Vec<usize> = match &args.id {
        Some(id) => vec![ctx.member(id, "ID (or DW_ME)")?],
        None => (0..ctx.roster.members.len()).collect(),
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
                primary: next.primary.map(|k| turn(&rot, k, current)),
                secondary: next.secondary.map(|k| turn(&rot, k, current)),
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
