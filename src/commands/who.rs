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
        Some(role) => Some(ctx.roster.rank_of(role).ok_or_else(|| {
            Error::usage(
                format!("--role: unknown role \"{role}\""),
                format!(
                    "use a role name ({}), an ordinal such as 4th, or a rank number",
                    ctx.roster.team.roles.join(", ")
                ),
            )
        })?),
        None => None,
    };
    let table =
        args.field.is_none() && args.format.is_none_or(|f| f == Format::Table) && !ctx.global.json;
    if week.ranks.is_empty() && !table {
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
