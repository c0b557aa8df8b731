//! The arguments of the commands that edit the roster: `away`, `swap`,
//! `cover`, `join`, `leave`.

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use super::{parse_at, parse_date, At};

/// `dw away …`.
#[derive(Debug, Subcommand)]
pub enum AwayCommand {
    /// Add an away range: the member holds no rank in any week it touches
    Add(AwayAddArgs),
    /// Remove the away range that starts on --from
    Remove(AwayRemoveArgs),
}

/// `dw away add`.
#[derive(Debug, Args)]
pub struct AwayAddArgs {
    /// The member
    #[arg(value_name = "ID")]
    pub id: String,
    /// First day away (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: NaiveDate,
    /// Last day away, included (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: NaiveDate,
    /// Why, for the calendar ("PTO", "conference")
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// Print the change as a diff and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `dw away remove`.
#[derive(Debug, Args)]
pub struct AwayRemoveArgs {
    /// The member
    #[arg(value_name = "ID")]
    pub id: String,
    /// The first day of the range to remove (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: NaiveDate,
    /// Print the change as a diff and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `dw swap`.
#[derive(Debug, Args)]
pub struct SwapArgs {
    /// The member who takes the other's rank
    #[arg(value_name = "ID1")]
    pub first: String,
    /// The member who takes ID1's rank in exchange
    #[arg(value_name = "ID2")]
    pub second: String,
    /// Any date of the week to swap (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub week: NaiveDate,
    /// Also exchange back in the week holding this date: an even trade when the two then hold
    /// each other's ranks the other way round (dw warns when they do not, and names such a week)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub back: Option<NaiveDate>,
    /// Print the change as a diff and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `dw cover`.
#[derive(Debug, Args)]
pub struct CoverArgs {
    /// The member who covers
    #[arg(value_name = "ID")]
    pub id: String,
    /// The rank covered: a role name (primary), an ordinal (4th) or a number
    #[arg(long, value_name = "ROLE")]
    pub role: String,
    /// When the cover begins, in the team's time zone (YYYY-MM-DDTHH:MM, or as --at)
    #[arg(long, value_name = "WHEN", value_parser = parse_at, allow_hyphen_values = true)]
    pub from: At,
    /// When the cover ends, excluded (YYYY-MM-DDTHH:MM, or as --at)
    #[arg(long, value_name = "WHEN", value_parser = parse_at, allow_hyphen_values = true)]
    pub to: At,
    /// Why ("dentist", "evening out")
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// Print the change as a diff and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `dw join`.
#[derive(Debug, Args)]
pub struct JoinArgs {
    /// The new member's id ([a-z0-9._-]+)
    #[arg(value_name = "ID")]
    pub id: String,
    /// Full name
    #[arg(long, value_name = "NAME")]
    pub name: String,
    /// Email address
    #[arg(long, value_name = "EMAIL")]
    pub email: String,
    /// First date on the rotation: they take part from the first week wholly on or after it [default: today]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub on: Option<NaiveDate>,
    /// Slack user ID (U…)
    #[arg(long, value_name = "USER")]
    pub slack: Option<String>,
    /// PagerDuty user ID (P…)
    #[arg(long, value_name = "USER")]
    pub pagerduty: Option<String>,
    /// Print the change as a diff and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `dw leave`.
#[derive(Debug, Args)]
pub struct LeaveArgs {
    /// The member
    #[arg(value_name = "ID")]
    pub id: String,
    /// First date no longer on the rotation (YYYY-MM-DD); a week holding it is
    /// lost whole, so a handoff day keeps the week before it
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub on: NaiveDate,
    /// Print the change as a diff and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// The texts each editing command writes into the roster, by flag: what
/// `crate::edit::plain_values` checks before anything is edited.
impl AwayAddArgs {
    pub fn texts(&self) -> Vec<(&'static str, Option<&str>)> {
        vec![("ID", Some(&self.id)), ("--reason", self.reason.as_deref())]
    }
}

impl AwayRemoveArgs {
    pub fn texts(&self) -> Vec<(&'static str, Option<&str>)> {
        vec![("ID", Some(&self.id))]
    }
}

impl SwapArgs {
    pub fn texts(&self) -> Vec<(&'static str, Option<&str>)> {
        vec![("ID1", Some(&self.first)), ("ID2", Some(&self.second))]
    }
}

impl CoverArgs {
    pub fn texts(&self) -> Vec<(&'static str, Option<&str>)> {
        vec![
            ("ID", Some(&self.id)),
            ("--role", Some(&self.role)),
            ("--reason", self.reason.as_deref()),
        ]
    }
}

impl JoinArgs {
    pub fn texts(&self) -> Vec<(&'static str, Option<&str>)> {
        vec![
            ("ID", Some(&self.id)),
            ("--name", Some(&self.name)),
            ("--email", Some(&self.email)),
            ("--slack", self.slack.as_deref()),
            ("--pagerduty", self.pagerduty.as_deref()),
        ]
    }
}

impl LeaveArgs {
    pub fn texts(&self) -> Vec<(&'static str, Option<&str>)> {
        vec![("ID", Some(&self.id))]
    }
}
