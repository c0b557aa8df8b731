//! `dw swap ID1 ID2 --week DATE [--back DATE]`: two members exchange ranks
//! for one week (and back in another), written as `[[overrides]]` entries.

use chrono::NaiveDate;

use crate::cli::SwapArgs;
use crate::edit::{NewOverride, RoleRef};
use crate::error::{Error, Result};
use crate::roster::MemberIx;
use crate::roster::Roster;
use crate::rotation::{Rotation, WeekIx};

use super::Context;

/// The override that puts `first` at `second`'s rank in the week holding
/// `date` of `roster` (the engine then gives `second` the rank `first` had).
fn exchange(
    ctx: &Context,
    roster: &Roster,
    first: MemberIx,
    second: MemberIx,
    date: NaiveDate,
    flag: &str,
    reason: String,
) -> Result<(WeekIx, NewOverride)> {
    let rot = Rotation::new(roster);
    let k = ctx.week_of(&rot, date, flag)?;
    let week = rot.week(k);
    let id = |m: MemberIx| roster.members[m].id.as_str();
    let rank = |m: MemberIx| {
        week.rank_of(m).ok_or_else(|| {
            Error::usage(
                format!(
                    "{flag} {date}: {} holds no rank in week {k} (away, or not on the rotation then)",
                    id(m)
                ),
                "pick a week both members are on call, or use `dw cover` for a shorter span",
            )
        })
    };
    rank(first)?;
    let r2 = rank(second)?;
    let role = RoleRef::for_rank(roster, r2);
    Ok((
        k,
        NewOverride {
            week: rot.dates(k).0,
            role,
            member: id(first).to_string(),
            reason,
        },
    ))
}

/// Write the swap (and the swap back).
pub fn run(ctx: &Context, args: &SwapArgs) -> Result<()> {
    crate::edit::plain_values(&args.texts())?;
    let first = ctx.member(&args.first, "ID1")?;
    let second = ctx.member(&args.second, "ID2")?;
    if first == second {
        return Err(Error::usage(
            "ID1 and ID2 are the same member",
            "name the two members who exchange ranks",
        ));
    }
    let (a, b) = (&args.first, &args.second);
    let (k, there) = exchange(
        ctx,
        &ctx.roster,
        first,
        second,
        args.week,
        "--week",
        format!("swap: {a} and {b} exchange ranks"),
    )?;
    let new = super::write_edit(ctx, args.dry_run, |old| {
        let mut entries = vec![there.clone()];
        if let Some(back) = args.back {
            let after = crate::edit::add_overrides(old, &entries)?;
            let shown = ctx.roster_path.display().to_string();
            let roster = crate::validate::parse(&after, &format!("{shown} (after this change)"))?;
            let (k2, again) = exchange(
                ctx,
                &roster,
                first,
                second,
                back,
                "--back",
                format!("swap back: {a} and {b} exchange ranks again"),
            )?;
            if k2 == k {
                return Err(Error::usage(
                    format!("--back {back} is in week {k}, the week of the swap itself"),
                    "give --back a date in another week",
                ));
            }
            entries.push(again);
        }
        Ok(crate::edit::add_overrides(old, &entries)?)
    })?;
    if let Some(warning) = uneven_warning(ctx, &new, [first, second], k, args) {
        eprintln!("{warning}");
    }
    super::print_affected(ctx, &new, args.dry_run)
}

/// A warning when the swap leaves one of the two with more or fewer turns in
/// a named role than before, naming the week that would make it even.
fn uneven_warning(
    ctx: &Context,
    new: &Roster,
    [first, second]: [MemberIx; 2],
    k: WeekIx,
    args: &SwapArgs,
) -> Option<String> {
    let old_rot = ctx.rotation();
    let mut weeks = vec![k];
    if let Some(back) = args.back {
        weeks.extend(old_rot.week_of_date(back).ok());
    }
    let ids = [args.first.as_str(), args.second.as_str()];
    let nets = crate::plan::net_changes(&ctx.roster, new, &weeks, ids);
    if nets.is_empty() {
        return None;
    }
    let mut text = format!(
        "dw: warning: this swap is not an even trade in the named roles: {}.",
        nets.join(", ")
    );
    let (a, b) = (ids[0], ids[1]);
    match crate::plan::fair_back_week(&old_rot, k, first, second) {
        Some(w) => {
            let date = old_rot.dates(w).0;
            text.push_str(&format!(
                "\n  In week {w} ({date}) {a} and {b} hold each other's ranks the other way round; \
                 swapping back then keeps every turn:\n    dw swap {a} {b} --week {} --back {date}",
                args.week
            ));
        }
        None => text.push_str(&format!(
            "\n  No week in the {} after week {k} has {a} and {b} at each other's ranks \
             the other way round; even the turns out with another swap later.",
            crate::plan::BACK_HORIZON
        )),
    }
    Some(text)
}
