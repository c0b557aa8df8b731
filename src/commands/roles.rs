//! `dw roles`: each role's responsibilities (docs/commands.md, `dw roles`) and who holds it now.

use crate::error::Result;
use crate::render::{self, RoleJson};
use crate::roster::SlackSettings;

use super::Context;

/// What the primary does.
pub const PRIMARY: &str = "On call through PagerDuty; triages customer issues and works active \
customer issues; otherwise picks small, droppable tickets. Meets the next in line after Tuesday \
standup to hand over customer issues.";
/// What the secondary does; `{slack}` is where the team's questions arrive.
const SECONDARY: &str = "Backup on PagerDuty and help for the primary; maintenance and docs; \
answers Slack questions ({slack}); moderates standup, issue sweep and retro; reviews the \
primary's PRs. May do project work, but switches when the primary needs help.";
/// What tertiary and beyond do.
pub const TERTIARY: &str = "Project or feature work, or technical debt chosen at the weekly issue \
sweep; backup on call through PagerDuty.";

/// The responsibilities of a 1-based rank, with the roster's Slack group and channel.
pub fn responsibilities(rank: usize, slack: &SlackSettings) -> String {
    match rank {
        1 => PRIMARY.into(),
        2 => {
            let mut places = Vec::new();
            if let Some(group) = &slack.group {
                places.push(format!("pings for @{}", group.trim_start_matches('@')));
            }
            if let Some(channel) = &slack.channel {
                places.push(format!("messages in {channel}"));
            }
            if places.is_empty() {
                places.push("the team's group and channel".into());
            }
            SECONDARY.replace("{slack}", &places.join(", "))
        }
        _ => TERTIARY.into(),
    }
}

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
    let roles: Vec<RoleJson> = (1..=ranks)
        .map(|rank| RoleJson {
            rank,
            role: ctx.roster.role_name(rank),
            responsibilities: responsibilities(rank, &ctx.roster.slack),
            holder: week
                .as_ref()
                .and_then(|w| w.ranks.get(rank - 1))
                .map(|s| ctx.roster.members[s.member].id.as_str()),
        })
        .collect();
    if ctx.inv.global.json {
        return super::print(&super::json(&ctx.inv, &roles));
    }
    super::print(&render::roles_table(&roles, ctx.roster.team.roles.len()))
}
