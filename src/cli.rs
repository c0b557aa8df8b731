//! The whole command line, declared with clap derive. Doc comments are the help.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use clap::{Args, Parser, Subcommand, ValueEnum, ValueHint};

/// dw: the on-call calendar of the team, from the roster in git.
///
/// Reads roster.toml (see --roster) and answers who is on call, when, and why.
#[derive(Debug, Parser)]
#[command(
    name = "dw",
    version,
    propagate_version = true,
    max_term_width = 100,
    after_help = ENVIRONMENT
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// The variables dw reads, shown under the top-level help.
const ENVIRONMENT: &str = "\
Environment:
  PAGERDUTY_TOKEN     PagerDuty API token (sync, check --pagerduty, handoff, incident)
  SLACK_TOKEN         Slack bot token (announce, handoff --post, incident start)
  DW_ROSTER           The roster file, as --roster
  DW_ME               Your member id: the default of `dw next` and of `incident start --as`
  DW_PAGERDUTY_FROM   The email PagerDuty records as the requester [default: the email of DW_ME]
  DW_PAGERDUTY_URL    PagerDuty API base URL [default: https://api.pagerduty.com]
  DW_SLACK_URL        Slack API base URL [default: https://slack.com/api]
  DW_HTTP_TIMEOUT     Seconds to wait for each HTTP request [default: 15]
  DW_HTTP_RETRIES     Retries of a failed or rate-limited request [default: 3]
  DW_HTTP_BACKOFF_MS  First wait between retries, in milliseconds, doubling [default: 500]
  NO_COLOR            Set and not empty: never colour the output, as --no-color
  XDG_CONFIG_HOME     Where to look for dw/roster.toml [default: ~/.config]";

/// Flags every command takes.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct Global {
    /// The roster file [default: ./roster.toml or the nearest parent's, then ~/.config/dw/roster.toml]
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        env = "DW_ROSTER",
        value_hint = ValueHint::FilePath
    )]
    pub roster: Option<PathBuf>,

    /// The moment to answer for: an RFC 3339 instant, or YYYY-MM-DD[THH:MM] in the team's time zone [default: now]
    #[arg(long, global = true, value_name = "WHEN", value_parser = parse_at)]
    pub at: Option<At>,

    /// Print JSON instead of a table
    #[arg(long, global = true)]
    pub json: bool,

    /// Never colour the output (also: NO_COLOR=1)
    #[arg(long, global = true)]
    pub no_color: bool,

    /// Print only what was asked for: no notes on stderr
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Say more about what dw does (which roster, which requests)
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

/// Variables that stand for flags: set but empty means unset (`DW_ROSTER= dw who`).
pub fn ignore_empty_env() {
    for name in ["DW_ROSTER", "DW_ME"] {
        if std::env::var_os(name).is_some_and(|v| v.is_empty()) {
            std::env::remove_var(name);
        }
    }
}

/// A `--at` value before the team's time zone is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// An exact instant with its offset.
    Instant(DateTime<FixedOffset>),
    /// A wall-clock time in the team's time zone.
    Local(NaiveDateTime),
}

/// Parse `--at`: RFC 3339, `YYYY-MM-DDTHH:MM`, or `YYYY-MM-DD` (00:00 local).
pub fn parse_at(s: &str) -> Result<At, String> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(At::Instant(t));
    }
    for format in ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, format) {
            return Ok(At::Local(t));
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(At::Local(d.and_time(NaiveTime::MIN)));
    }
    Err(format!(
        "`{s}` is not a moment: write an RFC 3339 instant (2026-03-03T10:00:00-06:00) \
         or a local date or time in the team's time zone (2026-03-03 or 2026-03-03T10:00)"
    ))
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date: write YYYY-MM-DD, for example 2026-03-03"))
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Who holds each rank now (or --at), with the shift's start and end
    Who(WhoArgs),
    /// The calendar, week by week: table, --json or --ics
    Schedule(ScheduleArgs),
    /// When a member is next primary and next secondary
    Next(NextArgs),
    /// What each role is responsible for, and who holds it now
    Roles,
    /// Weeks per member per role: fairness at a glance
    Stats(StatsArgs),
    /// Validate the roster and the weeks ahead; exit 2 listing every problem
    Check(CheckArgs),
    /// Markdown notes for the next handoff: outgoing → incoming, incidents, analyses due
    Handoff(HandoffArgs),
    /// This week's ranks to the team's Slack channel; also its topic and user group
    Announce(AnnounceArgs),
    /// Incidents: open one in PagerDuty and tell the incident channel
    #[command(subcommand)]
    Incident(IncidentCommand),
    /// Make an outside service match the roster
    #[command(subcommand)]
    Sync(SyncCommand),
    /// Every assignment a roster change moves, week by week (for a pull request)
    Plan(PlanArgs),
    /// Why each member holds their rank in a week
    Explain(ExplainArgs),
    /// Print the shell completion script for SHELL
    Completions(CompletionsArgs),
}

/// `dw handoff`.
#[derive(Debug, Args)]
pub struct HandoffArgs {
    /// Send the notes to the team channel ([slack] channel)
    #[arg(long)]
    pub post: bool,
    /// Print the requests that would change something, and send none of them
    #[arg(long)]
    pub dry_run: bool,
}

/// `dw announce`.
#[derive(Debug, Args)]
pub struct AnnounceArgs {
    /// Post this week's ranks to the team channel
    #[arg(long)]
    pub post: bool,
    /// Set the team channel's topic to "primary: …, secondary: …"
    #[arg(long)]
    pub topic: bool,
    /// Make the roster's Slack user group (@dreamwork) the current primary and secondary
    #[arg(long)]
    pub group: bool,
    /// Print the requests that would change something, and send none of them
    #[arg(long)]
    pub dry_run: bool,
}

/// `dw incident …`.
#[derive(Debug, Subcommand)]
pub enum IncidentCommand {
    /// Open a PagerDuty incident and post it in the incident channel
    Start(IncidentStartArgs),
    /// Decide whether an incident needs an analysis (SPEC §1 rules); write a template
    Analysis(AnalysisArgs),
}

/// `dw incident analysis`.
#[derive(Debug, Args)]
pub struct AnalysisArgs {
    /// It needed a roll back
    #[arg(long)]
    pub rolled_back: bool,
    /// It needed a roll forward (hotfix, quick fix)
    #[arg(long)]
    pub rolled_forward: bool,
    /// The service that was rolled back or forward (Check and Documentation have a testing exception)
    #[arg(long, value_name = "NAME")]
    pub service: Option<String>,
    /// The service was in its production testing phase
    #[arg(long)]
    pub testing_phase: bool,
    /// The team started the incident
    #[arg(long)]
    pub we_started: bool,
    /// The team was pulled into the incident (did work for it)
    #[arg(long)]
    pub pulled_in: bool,
    /// Support updated the external status page
    #[arg(long)]
    pub status_page: bool,
    /// Write a Markdown analysis template to FILE
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub write: Option<std::path::PathBuf>,
    /// Overwrite FILE if it exists
    #[arg(long, requires = "write")]
    pub force: bool,
    /// Fill the template from this PagerDuty incident (needs PAGERDUTY_TOKEN)
    #[arg(long, value_name = "ID")]
    pub incident: Option<String>,
}

/// `dw sync …`.
#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Make the PagerDuty schedules say what the roster says, with overrides
    Pagerduty(SyncArgs),
}

/// `dw sync pagerduty`.
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// How many weeks, from the current one
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=52))]
    pub weeks: u32,
    /// Print the plan and the requests that would change something; change nothing
    #[arg(long)]
    pub dry_run: bool,
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
}

/// `dw explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Only this member [default: everyone]
    #[arg(value_name = "ID")]
    pub id: Option<String>,
}

/// How urgent an incident is, in PagerDuty's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Urgency {
    High,
    Low,
}

/// Who an incident hurts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Impact {
    /// One customer
    One,
    /// Many customers
    Many,
}

/// `dw incident start`.
#[derive(Debug, Args)]
pub struct IncidentStartArgs {
    /// What is wrong, in a few words ("DB down")
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// PagerDuty service ID [default: [pagerduty] service in the roster]
    #[arg(long, value_name = "ID")]
    pub service: Option<String>,
    /// PagerDuty urgency [default: high]
    #[arg(long, value_enum)]
    pub urgency: Option<Urgency>,
    /// One customer or many
    #[arg(long, value_enum)]
    pub impact: Option<Impact>,
    /// More about it: symptoms, links, what was tried
    #[arg(long, value_name = "TEXT")]
    pub details: Option<String>,
    /// De-duplication key [default: derived from service, title and the local date]
    #[arg(long, value_name = "KEY")]
    pub incident_key: Option<String>,
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub yes: bool,
    /// Open the incident without posting in Slack
    #[arg(long)]
    pub no_slack: bool,
    /// You, as a member id (for the From header and the Slack message)
    #[arg(long = "as", value_name = "ID", env = "DW_ME")]
    pub as_member: Option<String>,
    /// Print the requests, and send nothing
    #[arg(long)]
    pub dry_run: bool,
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

/// A member field `dw who --field` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Field {
    Id,
    Name,
    Email,
    Slack,
    Pagerduty,
}

/// Output formats of `dw who`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for people
    Table,
    /// The JSON object of SPEC §4
    Json,
    /// Shell assignments: eval "$(dw who --format env)" sets DW_PRIMARY_EMAIL …
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
    /// Only this member's assignments
    #[arg(long, value_name = "ID")]
    pub member: Option<String>,
    /// Print an iCalendar (RFC 5545) file to subscribe to
    #[arg(long, conflicts_with = "json")]
    pub ics: bool,
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
    /// Accepted like everywhere, but the script is never JSON: hidden here.
    #[arg(long, hide = true)]
    pub json: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn at_accepts_the_three_forms() {
        assert!(matches!(
            parse_at("2026-03-03T10:00:00-06:00"),
            Ok(At::Instant(_))
        ));
        assert!(matches!(
            parse_at("2026-03-03T16:00:00Z"),
            Ok(At::Instant(_))
        ));
        let local = NaiveDate::from_ymd_opt(2026, 3, 3)
            .unwrap()
            .and_hms_opt(9, 59, 0)
            .unwrap();
        assert_eq!(parse_at("2026-03-03T09:59"), Ok(At::Local(local)));
        let midnight = NaiveDate::from_ymd_opt(2026, 3, 3)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        assert_eq!(parse_at("2026-03-03"), Ok(At::Local(midnight)));
        assert!(parse_at("tomorrow").is_err());
        assert!(parse_at("2026-02-30").is_err());
    }

    #[test]
    fn who_takes_role_and_field() {
        let cli =
            Cli::try_parse_from(["dw", "who", "--role", "primary", "--field", "email"]).unwrap();
        match cli.command {
            Command::Who(w) => {
                assert_eq!(w.role.as_deref(), Some("primary"));
                assert_eq!(w.field, Some(Field::Email));
            }
            other => panic!("parsed as {other:?}"),
        }
    }
}
