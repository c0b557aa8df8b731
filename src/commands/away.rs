//! `dw away add|remove`: time off, as an away range of a member.

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate};
use chrono_tz::Tz;
use serde::Serialize;

use crate::cli::{AwayAddArgs, AwayRemoveArgs};
use crate::error::Result;
use crate::render::rfc3339;
use crate::roster::Rank;
use crate::rotation::absence::{away_cost, AwayCost, LostWeek, Offer, OfferedCover};
use crate::rotation::{Rotation, WeekIx};

use super::Context;

/// `dw away add ID --from DATE --to DATE [--reason R]`.
pub fn add(ctx: &Context, args: &AwayAddArgs) -> Result<()> {
    crate::edit::plain_values(&args.texts())?;
    let member = ctx.member(&args.id, "ID")?;
    let edit = |old: &str| -> Result<String> {
        Ok(crate::edit::away_add(
            old,
            &args.id,
            args.from,
            args.to,
            args.reason.as_deref(),
        )?)
    };
    let rot = ctx.rotation();
    let cost = away_cost(&rot, member, args.from, args.to);
    let instead = instead_commands(ctx, &cost, args);
    if ctx.inv.global.json {
        let (_, diff) = super::edit_roster(ctx, args.dry_run, edit)?;
        #[derive(Serialize)]
        struct Out<'a> {
            roster: String,
            dry_run: bool,
            id: &'a str,
            from: NaiveDate,
            to: NaiveDate,
            days: i64,
            /// Every week the range takes the member out of.
            weeks: Vec<WeekCost<'a>>,
            /// The commands that keep the member in the short ends' weeks.
            instead: Vec<String>,
            diff: Option<String>,
        }
        let out = Out {
            roster: ctx.roster_path.display().to_string(),
            dry_run: args.dry_run,
            id: &args.id,
            from: args.from,
            to: args.to,
            days: (args.to - args.from).num_days() + 1,
            weeks: cost
                .weeks
                .iter()
                .map(|w| week_cost(ctx, &rot, w, &args.id))
                .collect(),
            instead,
            diff,
        };
        return super::print(&super::json(&ctx.inv, &out));
    }
    let new = super::write_edit(ctx, args.dry_run, edit)?;
    cost_note(ctx, &rot, &cost, args, &instead);
    super::print_affected(ctx, &new, args.dry_run)
}

/// A word for a suggested command line: as is when the shell reads it so.
pub(super) fn word(s: &str) -> Cow<'_, str> {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | ':' | '/'))
    {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(crate::render::shell_quote(s))
    }
}

fn local(t: &DateTime<Tz>) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}

/// `dw cover …` for an offered cover of `absent`'s rank.
pub(super) fn cover_command(ctx: &Context, c: &OfferedCover, absent: &str) -> String {
    format!(
        "dw cover {} --role {} --from {} --to {} --reason \"covering {absent}\"",
        ctx.roster.members[c.member].id,
        word(&ctx.roster.role_name(c.rank)),
        local(&c.from),
        local(&c.to),
    )
}

/// One lost week in JSON.
#[derive(Debug, Serialize)]
pub(super) struct WeekCost<'a> {
    week: WeekIx,
    first_date: NaiveDate,
    last_date: NaiveDate,
    start: String,
    end: String,
    /// The rank held that week without the change.
    rank: Rank,
    role: Cow<'a, str>,
    /// How many of the week's 7 dates the member is away (or off the rotation).
    days_away: i64,
    /// `cover`, `none` (more than two days), `nobody_free` or `already_covered`.
    offer: &'static str,
    cover: Option<CoverCost>,
}

/// An offered cover in JSON.
#[derive(Debug, Serialize)]
pub(super) struct CoverCost {
    rank: Rank,
    role: String,
    id: String,
    from: String,
    to: String,
    command: String,
}

pub(super) fn week_cost<'a>(
    ctx: &Context,
    rot: &'a Rotation<'a>,
    w: &LostWeek,
    absent: &str,
) -> WeekCost<'a> {
    let (first_date, last_date) = rot.dates(w.week);
    let (start, end) = rot.bounds(w.week);
    let (offer, cover) = match &w.offer {
        Offer::Long => ("none", None),
        Offer::NobodyFree => ("nobody_free", None),
        Offer::AlreadyCovered => ("already_covered", None),
        Offer::Cover(c) => (
            "cover",
            Some(CoverCost {
                rank: c.rank,
                role: ctx.roster.role_name(c.rank),
                id: ctx.roster.members[c.member].id.clone(),
                from: rfc3339(&c.from),
                to: rfc3339(&c.to),
                command: cover_command(ctx, c, absent),
            }),
        ),
    };
    WeekCost {
        week: w.week,
        first_date,
        last_date,
        start: rfc3339(&start),
        end: rfc3339(&end),
        rank: w.rank,
        role: rot.role_name(w.rank),
        days_away: w.days_away,
        offer,
        cover,
    }
}

/// `week 10 (2026-03-17 to 2026-03-23, where they would be tertiary)`.
pub(super) fn week_words(ctx: &Context, rot: &Rotation<'_>, w: &LostWeek) -> String {
    let (a, b) = rot.dates(w.week);
    format!(
        "week {} ({a} to {b}, where they would be {})",
        w.week,
        ctx.roster.role_name(w.rank)
    )
}

/// Why a short week gets no cover, or nothing.
pub(super) fn no_cover_words(w: &LostWeek) -> &'static str {
    match w.offer {
        Offer::NobodyFree => {
            "; no cover offered: nobody else holding a rank that week is free for those days"
        }
        Offer::AlreadyCovered => {
            "; no cover offered: a cover of that role already overlaps those days"
        }
        _ => "",
    }
}

/// The commands that replace the range by covers for its short ends (and
/// the rest of the range, if any is left): empty when no end gets a cover.
/// A dry run wrote nothing, so there is no range to remove first.
fn instead_commands(ctx: &Context, cost: &AwayCost, args: &AwayAddArgs) -> Vec<String> {
    let Some(rest) = cost.instead else {
        return Vec::new();
    };
    let mut commands = Vec::new();
    if !args.dry_run {
        commands.push(format!("dw away remove {} --from {}", args.id, args.from));
    }
    if let Some((a, b)) = rest {
        let reason = args
            .reason
            .as_deref()
            .map(|r| format!(" --reason {}", word(r)))
            .unwrap_or_default();
        commands.push(format!(
            "dw away add {} --from {a} --to {b}{reason}",
            args.id
        ));
    }
    commands.extend(cost.covers().map(|c| cover_command(ctx, c, &args.id)));
    commands
}

/// Say on stderr which weeks the range takes the member out of, with the
/// days away in each (a run of whole weeks in one line), and the commands
/// that keep the member in the weeks missed by a day or two at either end.
fn cost_note(
    ctx: &Context,
    rot: &Rotation<'_>,
    cost: &AwayCost,
    args: &AwayAddArgs,
    instead: &[String],
) {
    if cost.weeks.is_empty() {
        return;
    }
    let days = (args.to - args.from).num_days() + 1;
    let id = &args.id;
    let mut text = if let [w] = cost.weeks.as_slice() {
        format!(
            "dw: note: {days} day{} away {} {id} out of all of {}: away {} of its 7 days{}.",
            if days == 1 { "" } else { "s" },
            if days == 1 { "takes" } else { "take" },
            week_words(ctx, rot, w),
            w.days_away,
            no_cover_words(w),
        )
    } else {
        let mut text = format!(
            "dw: note: {days} days away take {id} out of all of {} weeks (being away on any date of a week costs the whole week):",
            cost.weeks.len()
        );
        let mut i = 0;
        while i < cost.weeks.len() {
            let w = &cost.weeks[i];
            let mut j = i;
            while j + 1 < cost.weeks.len()
                && w.days_away == 7
                && cost.weeks[j + 1].days_away == 7
                && cost.weeks[j + 1].week == cost.weeks[j].week + 1
            {
                j += 1;
            }
            if j > i {
                let (a, _) = rot.dates(w.week);
                let (_, b) = rot.dates(cost.weeks[j].week);
                text.push_str(&format!(
                    "\n  weeks {}\u{2013}{} ({a} to {b}): away all 7 days of each",
                    w.week, cost.weeks[j].week
                ));
            } else {
                text.push_str(&format!(
                    "\n  {}: away {} of its 7 days{}",
                    week_words(ctx, rot, w),
                    w.days_away,
                    no_cover_words(w)
                ));
            }
            i = j + 1;
        }
        text
    };
    if !instead.is_empty() {
        let kept: Vec<String> = cost.covers().map(|c| format!("week {}", c.week)).collect();
        let lead = if args.dry_run {
            "Instead of this range"
        } else {
            "Instead"
        };
        text.push_str(&format!(
            "\n  {lead}, keep {id} in {} and hand over just the days away with {}:",
            kept.join(" and "),
            if kept.len() == 1 { "a cover" } else { "covers" }
        ));
        for c in instead {
            text.push_str("\n    ");
            text.push_str(c);
        }
    }
    ctx.note(&text);
}

/// `dw away remove ID --from DATE`.
pub fn remove(ctx: &Context, args: &AwayRemoveArgs) -> Result<()> {
    crate::edit::plain_values(&args.texts())?;
    ctx.member(&args.id, "ID")?;
    let new = super::write_edit(ctx, args.dry_run, |old| {
        Ok(crate::edit::away_remove(old, &args.id, args.from)?)
    })?;
    super::print_affected(ctx, &new, args.dry_run)
}
