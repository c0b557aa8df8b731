//! The arguments of the commands that only read the roster: `who`,
//! `schedule`, `next`, `stats`, `check`, `plan`, `explain`, `completions`,
//! `man`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, ValueEnum, ValueHint};

use super::{parse_at, parse_date, At};

/// `dw man` (hidden: for maintainers regenerating `man/`).
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write dw.1 and one page per command (dw-who.1, …) into DIR
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub out: Option<PathBuf>,
}

/// `dw plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The roster before the change
    #[arg(
        value_name = "OLD",
        required_unless_present = "git",
        conflicts_with = "git",
        value_hint = ValueHint::FilePath
    )]
    pub old: Option<std::path::PathBuf>,
    /// The roster after the change
    #[arg(
        value_name = "NEW",
        required_unless_present = "git",
        value_hint = ValueHint::FilePath
    )]
    pub new: Option<std::path::PathBuf>,
    /// Compare the roster at git revision REV with the working copy
    #[arg(long, value_name = "REV")]
    pub git: Option<String>,
    /// First week compared: the week holding DATE [default: the current week]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    /// How many weeks to compare
    #[arg(long, value_name = "N", default_value_t = 52, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub weeks: u32,
    /// Print a Markdown table to paste into a pull request
    #[arg(long, conflicts_with = "json")]
    pub markdown: bool,
    /// Show every rank (4th, 5th, …), not only the named roles
    #[arg(long)]
    pub all_ranks: bool,
}

/// `dw explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Only this member [default: everyone]
    #[arg(value_name = "ID")]
    pub id: Option<String>,
}

/// `dw who`.
#[derive(Debug, Args)]
pub struct WhoArgs {
    /// Only this role: a role name (primary), an ordinal (4th) or a rank number
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    /// Print only this field, one bare line per rank (for scripts)
    #[arg(long, value_enum, value_name = "FIELD")]
    pub field: Option<Field>,
    /// Output format [default: table, or json with --json]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
}

/// A member field `dw who --field` prints: the roster's own type.
pub use crate::roster::Field;

/// Output formats of `dw who`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for people
    Table,
    /// One JSON object: team, week, start, end, ranks, away, covers
    Json,
    /// Shell assignments to eval in a script: DW_WEEK, DW_<ROLE>_EMAIL (DW_PRIMARY_EMAIL by default) …
    Env,
    /// Tab-separated values with a header line
    Tsv,
}

/// `dw schedule`.
#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// Start at the week whose dates include DATE [default: the current week]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    /// How many weeks to show
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub weeks: u32,
    /// Only this member's assignments (with --html: the whole team, this
    /// member's weeks and covers highlighted)
    #[arg(long, value_name = "ID")]
    pub member: Option<String>,
    /// Print an iCalendar (RFC 5545) file to subscribe to
    #[arg(long, conflicts_with = "json")]
    pub ics: bool,
    /// Only these roles, comma-separated (names such as primary, ordinals such
    /// as 4th, or rank numbers), in the table, JSON, --ics and --html (their
    /// rows and covers; the away column stays whole) [default: the table and
    /// --html show the named roles, JSON and --ics every rank; --ics --member
    /// the named roles]
    #[arg(
        long,
        visible_alias = "role",
        value_name = "ROLES",
        value_delimiter = ','
    )]
    pub roles: Vec<String>,
    /// Print a self-contained calendar page (HTML, no outside requests) to
    /// publish beside the --ics feed; not with --json or --ics
    #[arg(long, conflicts_with_all = ["json", "ics"])]
    pub html: bool,
}

/// `dw next`.
#[derive(Debug, Args)]
pub struct NextArgs {
    /// The member [default: $DW_ME, else every member]
    #[arg(value_name = "ID", env = "DW_ME")]
    pub id: Option<String>,
}

/// `dw stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// First date counted (its week is included) [default: the roster's start]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    /// Last date counted (its week is included) [default: today]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<NaiveDate>,
}

/// `dw check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Weeks ahead to check, from the current one [default: 52; 4 with --pagerduty]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub weeks: Option<u32>,
    /// Also compare who PagerDuty says is on call with the roster; exit 4 on drift
    #[arg(long)]
    pub pagerduty: bool,
    /// With --pagerduty: also exit 4 when people's own overrides differ from the roster
    #[arg(long, requires = "pagerduty")]
    pub strict: bool,
}

/// `dw completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to generate the script for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
    /// Refused: the script is never JSON
    #[arg(long, hide = true)]
    pub json: bool,
    /// Refused: the script is the same at every moment
    #[arg(long, hide = true, value_name = "WHEN", value_parser = parse_at)]
    pub at: Option<At>,
}
