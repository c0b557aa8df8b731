//! `dw roles`: each role's duties (the roster's `[duties]`, else dw's
//! built-in handbook: see `crate::handbook`) and who holds it now.

use crate::error::Result;
use crate::handbook;
use crate::render::{self, RoleJson};
use crate::roster::Rank;

use super::Context;

/// Print the roles with their duties and current holders.
pub fn run(ctx: &Context) -> Result<()> {
    let rot = ctx.rotation();
    let week = rot.week_at(&ctx.now).ok().map(|k| rot.week(k));
    let ranks = ctx
        .roster
        .team
        .roles
        .len()
        .max(week.as_ref().map_or(0, |w| w.ranks.len()));
    let roles: Vec<RoleJson> = Rank::up_to(ranks)
        .map(|rank| {
            let duties = handbook::duties(&ctx.roster, rank);
            RoleJson {
                rank,
                role: ctx.roster.role_name(rank),
                responsibilities: handbook::duties_text(&duties),
                duties,
                holder: week
                    .as_ref()
                    .and_then(|w| w.slot(rank))
                    .map(|s| ctx.roster.members[s.member].id.as_str()),
            }
        })
        .collect();
    if ctx.inv.global.json {
        return super::print(&super::json(&ctx.inv, &roles));
    }
    let shown = render::roles_shown(ctx.roster.team.roles.len());
    let past = handbook::beyond_note(&ctx.roster, shown);
    super::print(&render::roles_table(&roles, shown, &past))
}
