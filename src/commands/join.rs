//! `dw join ID --name N --email E [--on DATE]`: a new member.

use crate::cli::JoinArgs;
use crate::edit::NewMember;
use crate::error::Result;

use super::Context;

/// Add the member after the others, joining on `--on` (default: today in the team's zone).
pub fn run(ctx: &Context, args: &JoinArgs) -> Result<()> {
    crate::edit::plain_values(&args.texts())?;
    let today = ctx
        .now
        .with_timezone(&ctx.roster.team.timezone)
        .date_naive();
    let new_member = NewMember {
        id: args.id.clone(),
        name: args.name.clone(),
        email: args.email.clone(),
        slack: args.slack.clone(),
        pagerduty: args.pagerduty.clone(),
        joined: Some(args.on.unwrap_or(today)),
    };
    let new = super::write_edit(ctx, args.dry_run, |old| {
        Ok(crate::edit::join(old, &new_member)?)
    })?;
    super::print_affected(ctx, &new, args.dry_run)
}
