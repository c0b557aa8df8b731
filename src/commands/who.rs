//! `dw who`: the ranks of the current week.

use crate::cli::{Field, Format, WhoArgs};
use crate::error::{Error, Result};
use crate::render;
use crate::roster::Rank;

use super::Context;

/// Print the current week's ranks in the chosen format.
pub fn run(ctx: &Context, args: &WhoArgs) -> Result<()> {
    let rot = ctx.rotation();
    let k = ctx.current_week(&rot)?;
    let week = rot.week(k);
    // The instant asked about: a cover in force then changes who answers
    // for its rank, never the week's ranks.
    let at = ctx.now.with_timezone(&ctx.roster.team.timezone);
    let only_rank = match &args.role {
        Some(role) => Some(ctx.rank_arg(role, "--role")?),
        None => None,
    };
    let table = args.field.is_none()
        && args.format.is_none_or(|f| f == Format::Table)
        && !ctx.inv.global.json;
    if args.field.is_some() {
        // `--field` answers for scripts: no answer is an error below, not a note.
    } else if week.ranks.is_empty() && !table {
        ctx.note(&format!("dw: nobody is available in week {k}"));
    } else if let Some(rank) = only_rank.filter(|&r| r.get() > week.ranks.len() && !table) {
        ctx.note(&format!(
            "dw: nobody holds rank {rank} in week {k} (only {} available)",
            week.ranks.len()
        ));
    }
    if args.field.is_some() && (ctx.inv.global.json || args.format.is_some()) {
        return Err(Error::usage(
            "--field prints bare lines; it does not combine with --json or --format",
            "drop one: dw who --role primary --field email, or dw who --json",
        ));
    }
    if let Some(format) = args
        .format
        .filter(|&f| f != Format::Json && ctx.inv.global.json)
    {
        let name = clap::ValueEnum::to_possible_value(&format)
            .map_or_else(String::new, |v| v.get_name().to_string());
        return Err(Error::usage(
            format!("--format {name} does not combine with --json, which asks for JSON"),
            format!("drop one: dw who --format {name}, or dw who --json"),
        ));
    }
    if let Some(field) = args.field {
        no_bare_answer(ctx, &rot, &week, only_rank, field)?;
        return super::print(&render::who_field(&rot, &week, only_rank, &at, field));
    }
    let format = match args.format {
        Some(f) => f,
        None if ctx.inv.global.json => Format::Json,
        None => Format::Table,
    };
    let text = match format {
        Format::Table => render::who_table(&rot, &week, only_rank, &at, ctx.color),
        Format::Json => {
            let mut json = render::week_json(&rot, &week, None);
            if let Some(rank) = only_rank {
                json.ranks.retain(|r| r.rank == rank);
                json.covers.retain(|c| c.rank == rank);
            }
            super::json(&ctx.inv, &json)
        }
        Format::Env => render::who_env(&rot, &week, only_rank, &at),
        Format::Tsv => render::who_tsv(&rot, &week, only_rank, &at),
    };
    super::print(&text)
}

/// A bare-field query a script relies on must not print nothing and succeed:
/// nobody in the week, nobody at the rank asked for, or the one member asked
/// for without that field in the roster is an error (exit 2, a roster problem).
/// The member asked about is the one answering at the instant asked about:
/// inside a cover, the covering member.
fn no_bare_answer(
    ctx: &Context,
    rot: &crate::rotation::Rotation<'_>,
    week: &crate::rotation::Week,
    only_rank: Option<Rank>,
    field: Field,
) -> Result<()> {
    let k = week.index;
    let asked = match only_rank {
        Some(rank) => format!("{} ", ctx.roster.role_name(rank)),
        None => String::new(),
    };
    let at = ctx.now.with_timezone(&ctx.roster.team.timezone);
    let Some(holder) = rot.holder_in(week, only_rank.unwrap_or(Rank::PRIMARY), &at) else {
        let who = if week.ranks.is_empty() {
            format!("nobody is available in week {k}")
        } else {
            format!(
                "nobody holds the {asked}rank in week {k} (only {} available)",
                week.ranks.len()
            )
        };
        return Err(Error::usage(
            format!("--field: no {asked}to print: {who}"),
            "`dw check` lists the weeks without enough people; fix the away dates in the roster, or hand the rank to someone with `dw cover`",
        ));
    };
    let member = &ctx.roster.members[holder.member];
    if let Some(rank) = only_rank.filter(|_| member.field(field).is_empty()) {
        let name = clap::ValueEnum::to_possible_value(&field)
            .map_or_else(String::new, |v| v.get_name().to_string());
        return Err(Error::usage(
            format!(
                "--field {name}: {} {} {} in week {k} but has no {name} in the roster",
                member.id,
                if holder.cover.is_some() {
                    "covers"
                } else {
                    "holds"
                },
                ctx.roster.role_name(rank)
            ),
            format!(
                "add `{name} = \"…\"` to the [[members]] entry of {}",
                member.id
            ),
        ));
    }
    Ok(())
}
