//! `dw leave ID --on DATE`: a member leaves the rotation.

use chrono::NaiveDate;
use serde::Serialize;

use crate::cli::LeaveArgs;
use crate::error::Result;
use crate::roster::Roster;
use crate::rotation::absence::{leave_cost, LeaveCost, Offer};
use crate::rotation::{Rotation, WeekIx};

use super::away::{cover_command, no_cover_words, week_cost, week_words, WeekCost};
use super::Context;

/// Set the member's `left` date. A date before the current week rewrites
/// weeks already past: said on stderr, with how many change. A date inside
/// a week costs the member that whole week: said too, with the cover that
/// keeps them in it when only a day or two of it is left.
pub fn run(ctx: &Context, args: &LeaveArgs) -> Result<()> {
    crate::edit::plain_values(&args.texts())?;
    let member = ctx.member(&args.id, "ID")?;
    let edit = |old: &str| -> Result<String> { Ok(crate::edit::leave(old, &args.id, args.on)?) };
    let rot = ctx.rotation();
    let cost = leave_cost(&rot, member, args.on);
    let instead = instead_commands(ctx, cost.as_ref(), args);
    if ctx.inv.global.json {
        let (new, diff) = super::edit_roster(ctx, args.dry_run, edit)?;
        warn_past(ctx, &new, args)?;
        #[derive(Serialize)]
        struct Out<'a> {
            roster: String,
            dry_run: bool,
            id: &'a str,
            left: NaiveDate,
            /// The week `left` falls inside, lost though partly on the rotation.
            weeks: Vec<WeekCost<'a>>,
            instead: Vec<String>,
            diff: Option<String>,
        }
        let out = Out {
            roster: ctx.roster_path.display().to_string(),
            dry_run: args.dry_run,
            id: &args.id,
            left: args.on,
            weeks: cost
                .iter()
                .map(|c| week_cost(ctx, &rot, &c.week, &args.id))
                .collect(),
            instead,
            diff,
        };
        return super::print(&super::json(&ctx.inv, &out));
    }
    let new = super::write_edit(ctx, args.dry_run, edit)?;
    warn_past(ctx, &new, args)?;
    if let Some(cost) = &cost {
        cost_note(ctx, &rot, cost, args, &instead);
    }
    super::print_affected(ctx, &new, args.dry_run)
}

/// Leaving on the next week's first date, and the cover of the days between.
fn instead_commands(ctx: &Context, cost: Option<&LeaveCost>, args: &LeaveArgs) -> Vec<String> {
    match cost {
        Some(LeaveCost {
            week:
                crate::rotation::absence::LostWeek {
                    offer: Offer::Cover(c),
                    ..
                },
            keep_until,
        }) => vec![
            format!("dw leave {} --on {keep_until}", args.id),
            cover_command(ctx, c, &args.id),
        ],
        _ => Vec::new(),
    }
}

/// The rule, in the note: `left` is the first date off the rotation, and a
/// member takes part only in weeks all of whose dates come before it.
fn cost_note(
    ctx: &Context,
    rot: &Rotation<'_>,
    cost: &LeaveCost,
    args: &LeaveArgs,
    instead: &[String],
) {
    let w = &cost.week;
    let on_days = 7 - w.days_away;
    let mut text = format!(
        "dw: note: leaving on {} takes {} out of all of {}, though on the rotation {on_days} of its 7 days{}: \
         --on is the first day off the rotation, and a member holds a rank only in weeks whose 7 dates all come before it.",
        args.on.format("%a %Y-%m-%d"),
        args.id,
        week_words(ctx, rot, w),
        no_cover_words(w),
    );
    if !instead.is_empty() {
        text.push_str(&format!(
            "\n  To keep {} in week {} and hand over just its {} with a cover, leave on the next week's first day instead:",
            args.id,
            w.week,
            if w.days_away == 1 {
                "last day".to_string()
            } else {
                format!("last {} days", w.days_away)
            },
        ));
        for c in instead {
            text.push_str("\n    ");
            text.push_str(c);
        }
    }
    ctx.note(&text);
}

/// A warning when `--on` is before the current week: the weeks before it
/// that the edit changes (the history `schedule`, `stats` and `explain` show).
fn warn_past(ctx: &Context, new: &Roster, args: &LeaveArgs) -> Result<()> {
    let rot = ctx.rotation();
    let first = ctx.current_week(&rot)?;
    let (week_began, _) = rot.dates(first);
    if args.on >= week_began {
        return Ok(());
    }
    let weeks = crate::plan::changed_weeks(&crate::plan::changes(
        &ctx.roster,
        new,
        WeekIx::FIRST..first,
    ));
    let start = ctx.roster.team.start;
    let when = if args.on < start {
        format!("before the rotation starts ({start})")
    } else {
        format!("before the current week {first} (which began {week_began})")
    };
    let changed = match (weeks.first(), weeks.last(), weeks.len()) {
        (_, _, 0) => "no past week changes (they had no rank there)".to_string(),
        (Some(lo), _, 1) => format!("1 past week changes (week {lo})"),
        (Some(lo), Some(hi), n) => format!("{n} past weeks change (weeks {lo}\u{2013}{hi})"),
        _ => String::new(),
    };
    let verb = if args.dry_run {
        "would rewrite"
    } else {
        "rewrites"
    };
    eprintln!(
        "dw: warning: --on {} is {when}: this {verb} the past: {changed}; `dw schedule`, `dw stats` and `dw explain` show the new history\n  hint: if {} really left then, that is right; otherwise leave with a date from this week on",
        args.on, args.id
    );
    Ok(())
}
