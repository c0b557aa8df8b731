//! `dw schedule`: the calendar as a table, JSON or iCalendar.

use crate::cli::ScheduleArgs;
use crate::error::Result;
use crate::render;

use super::{before_start, Context};

/// Print `--weeks` weeks from `--from` (default: the current week).
pub fn run(ctx: &Context, args: &ScheduleArgs) -> Result<()> {
    let rot = ctx.rotation();
    let first = match args.from {
        Some(date) => rot
            .week_of_date(date)
            .map_err(|e| before_start(&e, "--from"))?,
        None => ctx.current_week(&rot)?,
    };
    let member = match &args.member {
        Some(id) => Some(ctx.member(id, "--member")?),
        None => None,
    };
    let weeks = rot.weeks(first..first + args.weeks as usize);
    let text = if args.ics {
        render::ics(&rot, &weeks, member, ctx.now)
    } else if ctx.global.json {
        render::schedule_json(&rot, &weeks, member)
    } else if let Some(m) = member {
        render::member_schedule_table(&rot, &weeks, m, ctx.color)
    } else {
        render::schedule_table(&rot, &weeks, ctx.color)
    };
    super::print(&text)
}
