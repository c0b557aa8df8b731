//! `dw leave ID --on DATE`: a member leaves the rotation.

use crate::cli::LeaveArgs;
use crate::error::Result;

use super::{edit, Context};

/// Set the member's `left` date.
pub fn run(ctx: &Context, args: &LeaveArgs) -> Result<()> {
    ctx.member(&args.id, "ID")?;
    let old = edit::read_text(ctx)?;
    let new_text = crate::edit::leave(&old, &args.id, args.on).map_err(edit::refused)?;
    let new = edit::apply(ctx, &old, &new_text, args.dry_run)?;
    edit::print_affected(ctx, &new, args.dry_run)
}
