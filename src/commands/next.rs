//! `dw next [ID]`: when a member is next primary and next secondary.

use serde::Serialize;

use crate::cli::NextArgs;
use crate::error::Result;
use crate::render::{self, MemberNext, Turn};
use crate::rotation::Rotation;

use super::Context;

/// How far ahead `dw next` looks: ten years of weeks.
pub const HORIZON_WEEKS: usize = 520;

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
    let mut found: Vec<[Option<usize>; 2]> = vec![[None, None]; ctx.roster.members.len()];
    let mut missing = wanted.len() * 2;
    for week in rot.iter().skip(current).take(HORIZON_WEEKS) {
        for rank in 1..=2 {
            if let Some(slot) = week.ranks.get(rank - 1) {
                let entry = &mut found[slot.member][rank - 1];
                if entry.is_none() && wanted.contains(&slot.member) {
                    *entry = Some(week.index);
                    missing -= 1;
                }
            }
        }
        if missing == 0 {
            break;
        }
    }
    let rows: Vec<MemberNext> = wanted
        .iter()
        .map(|&m| {
            let member = &ctx.roster.members[m];
            MemberNext {
                id: &member.id,
                name: &member.name,
                primary: found[m][0].map(|k| turn(&rot, k, current)),
                secondary: found[m][1].map(|k| turn(&rot, k, current)),
            }
        })
        .collect();
    if ctx.global.json {
        #[derive(Serialize)]
        struct Out<'a> {
            team: &'a str,
            members: Vec<MemberNext<'a>>,
        }
        return super::print(&super::json(&Out {
            team: &ctx.roster.team.name,
            members: rows,
        }));
    }
    super::print(&render::next_table(&rot, &rows, HORIZON_WEEKS))
}
