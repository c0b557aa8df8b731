//! `dw who`: the ranks of the current week.

use crate::cli::{Field, Format, WhoArgs};
use crate::error::{Error, Result};
use crate::render;

use super::Context;

/// Print the current week's ranks in the chosen format.
pub fn run(ctx: &Context, args: &WhoArgs) -> Result<()> {
    let rot = ctx.rotation();
    let k = ctx.current_week(&rot)?;
    let week = rot.week(k);
    // The covers in force at the instant asked about: they change who
    // answers for a rank, never the week's ranks.
    let covers = rot.covers_at(&ctx.now.with_timezone(&ctx.roster.team.timezone));
    let only_rank = match &args.role {
        Some(role) => Some(ctx.rank_arg(role, "--role")?),
        None => None,
    };
    let table =
        args.field.is_none() && args.format.is_none_or(|f| f == Format::Table) && !ctx.global.json;
    if args.field.is_some() {
        // `--field` answers for scripts: no answer is an error below, not a note.
    } else if week.ranks.is_empty() && !table {
        ctx.note(&format!("dw: nobody is available in week {k}"));
    } else if let Some(rank) = only_rank.filter(|&r| r > week.ranks.len() && !table) {
        ctx.note(&format!(
            "dw: nobody holds rank {rank} in week {k} (only {} available)",
            week.ranks.len()
        ));
    }
    if args.field.is_some() && (ctx.global.json || args.format.is_some()) {
        return Err(Error::usage(
            "--field prints bare lines; it does not combine with --json or --format",
            "drop one: dw who --role primary --field email, or dw who --json",
        ));
    }
    if let Some(field) = args.field {
        no_bare_answer(ctx, &week, only_rank, field)?;
        return super::print(&render::who_field(
            &ctx.roster,
            &week,
            only_rank,
            &covers,
            field.into(),
        ));
    }
    let format = match args.format {
        Some(f) => f,
        None if ctx.global.json => Format::Json,
        None => Format::Table,
    };
    let text = match format {
        Format::Table => render::who_table(&rot, &week, only_rank, &covers, ctx.color),
        Format::Json => {
            let mut json = render::week_json(&rot, &week, None);
            if let Some(rank) = only_rank {
                json.ranks.retain(|r| r.rank == rank);
                json.covers.retain(|c| c.rank == rank);
            }
            super::json(&json)
        }
        Format::Env => render::who_env(&rot, &week, only_rank, &covers),
        Format::Tsv => render::who_tsv(&ctx.roster, &week, only_rank, &covers),
    };
    super::print(&text)
}

/// A bare-field query a script relies on must not print nothing and succeed:
/// nobody in the week, nobody at the rank asked for, or the one member asked
/// for without that field in the roster is an error (exit 2, a roster problem).
fn no_bare_answer(
    ctx: &Context,
    week: &crate::rotation::Week,
    only_rank: Option<usize>,
    field: Field,
) -> Result<()> {
    let k = week.index;
    let asked = match only_rank {
        Some(rank) => format!("{} ", ctx.roster.role_name(rank)),
        None => String::new(),
    };
    let Some(first) = only_rank.map_or(week.ranks.first(), |r| week.ranks.get(r - 1)) else {
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
            "`dw check` lists the weeks without enough people; fix the away dates or add an override in the roster",
        ));
    };
    let member = &ctx.roster.members[first.member];
    if let Some(rank) = only_rank.filter(|_| render::field(member, field.into()).is_empty()) {
        let name = clap::ValueEnum::to_possible_value(&field)
            .map_or_else(String::new, |v| v.get_name().to_string());
        return Err(Error::usage(
            format!(
                "--field {name}: {} holds {} in week {k} but has no {name} in the roster",
                member.id,
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

impl From<Field> for render::Field {
    fn from(f: Field) -> Self {
        match f {
            Field::Id => render::Field::Id,
            Field::Name => render::Field::Name,
            Field::Email => render::Field::Email,
            Field::Slack => render::Field::Slack,
            Field::Pagerduty => render::Field::Pagerduty,
        }
    }
}
