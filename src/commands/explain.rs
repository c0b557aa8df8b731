//! `dw explain [ID]`: why each member holds their rank in the week asked about.

use serde::Serialize;

use crate::cli::ExplainArgs;
use crate::error::Result;
use crate::explain::{explain, sentence, Why};
use crate::render::{self, ExplainEntry};

use super::Context;

#[derive(Serialize)]
struct Out<'a> {
    team: &'a str,
    week: crate::rotation::WeekIx,
    start: String,
    end: String,
    members: Vec<ExplainEntry<'a>>,
}

/// Explain the current week (or `--at`), for one member or everyone.
pub fn run(ctx: &Context, args: &ExplainArgs) -> Result<()> {
    let rot = ctx.rotation();
    let k = ctx.current_week(&rot)?;
    let only = match &args.id {
        Some(id) => Some(ctx.member(id, "ID")?),
        None => None,
    };
    let (start, end) = rot.bounds(k);
    let entries: Vec<ExplainEntry> = explain(&rot, k)
        .into_iter()
        .filter(|w| only.is_none_or(|m| m == w.member))
        .map(|w| {
            let rank = match &w.why {
                Why::Holds { rank, .. } => Some(*rank),
                _ => None,
            };
            ExplainEntry {
                id: &ctx.roster.members[w.member].id,
                rank,
                role: rank.map(|r| ctx.roster.role_name(r)),
                explanation: sentence(&rot, &w),
                why: w.why,
                covers: w.covers,
            }
        })
        .collect();
    if ctx.inv.global.json {
        return super::print(&super::json(
            &ctx.inv,
            &Out {
                team: &ctx.roster.team.name,
                week: k,
                start: render::rfc3339(&start),
                end: render::rfc3339(&end),
                members: entries,
            },
        ));
    }
    super::print(&render::explain_table(&rot, k, &entries, ctx.color))
}
