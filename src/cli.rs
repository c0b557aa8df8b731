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
pub const ENVIRONMENT: &str = "\
Environment:
  PAGERDUTY_TOKEN     PagerDuty API token (sync, check --pagerduty, handoff, incident)
  SLACK_TOKEN         Slack bot token (announce, remind --post, handoff --post, incident start)
  DW_ROSTER           The roster file, as --roster
  DW_ME               Your member id: the default of `dw next` and of `incident start --as`
  DW_PAGERDUTY_FROM   The email PagerDuty records as the requester [default: the email of DW_ME]
  DW_PAGERDUTY_URL    PagerDuty API base URL [default: https://api.pagerduty.com]
  DW_SLACK_URL        Slack API base URL [default: https://slack.com/api]
  DW_HTTP_TIMEOUT     Seconds to wait for each HTTP request [default: 15]
  DW_HTTP_RETRIES     Retries of a failed or rate-limited request [default: 3]
  DW_HTTP_BACKOFF_MS  First wait between retries, in milliseconds, doubling [default: 500]
  NO_COLOR            Set and not empty: no colour unless --color always
  XDG_CONFIG_HOME     Where to look for dw/roster.toml [default: ~/.config]";

/// Flags every command takes.
#[derive(Debug, Clone, Args)]
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

    /// The moment to answer for, in the team's time zone: now, today, tomorrow, yesterday, a weekday
    /// (tuesday, next tuesday: the next one after today), an offset from now (+3d, -1w, +12h),
    /// YYYY-MM-DDTHH:MM, a bare date YYYY-MM-DD (which means 00:00 that day, before a 10:00
    /// handoff), or an RFC 3339 instant [default: now]
    #[arg(long, global = true, value_name = "WHEN", value_parser = parse_at, allow_hyphen_values = true)]
    pub at: Option<At>,

    /// Print JSON instead of a table
    #[arg(long, global = true)]
    pub json: bool,

    /// Never colour the output (also: NO_COLOR=1); the same as --color never
    #[arg(long, global = true, conflicts_with = "color")]
    pub no_color: bool,

    /// When to colour the output: auto (a terminal, and NO_COLOR unset or empty), always, never
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    /// Print only what was asked for: no notes on stderr
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Say more about what dw does (which roster, which requests)
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

/// Parse the process's arguments, or exit 2 with clap's message and dw's tips.
pub fn parse() -> Cli {
    try_parse_from(std::env::args_os()).unwrap_or_else(|e| e.exit())
}

/// Parse `args` (the program name first); clap's errors get dw's tips.
pub fn try_parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let mut err = match Cli::try_parse_from(args) {
        Ok(cli) => return Ok(cli),
        Err(e) => e,
    };
    match (err.kind(), err.get(ContextKind::InvalidArg)) {
        (ErrorKind::UnknownArgument, Some(ContextValue::String(arg))) => {
            let flag = arg.split('=').next().unwrap_or(arg).to_string();
            let elsewhere = commands_with_flag(&flag);
            if !elsewhere.is_empty() {
                // The flag is real, on another command: point there, not to a look-alike.
                err.remove(ContextKind::SuggestedArg);
                let tips = elsewhere
                    .into_iter()
                    .map(|usage| {
                        clap::builder::StyledStr::from(format!("{flag} belongs to `{usage}`"))
                    })
                    .collect();
                err.insert(ContextKind::Suggested, ContextValue::StyledStrs(tips));
            }
        }
        (ErrorKind::InvalidSubcommand, _) => {
            let typed = match err.get(ContextKind::InvalidSubcommand) {
                Some(ContextValue::String(s)) => s.clone(),
                _ => String::new(),
            };
            if let Some(ContextValue::Strings(found)) = err.get(ContextKind::SuggestedSubcommand) {
                // clap suggests anything vaguely alike (`nosuch` → announce): keep
                // only real near-misses, a prefix or a small typo.
                let close: Vec<String> = found
                    .iter()
                    .filter(|s| near_miss(&typed, s))
                    .cloned()
                    .collect();
                if close.is_empty() {
                    err.remove(ContextKind::SuggestedSubcommand);
                } else {
                    err.insert(
                        ContextKind::SuggestedSubcommand,
                        ContextValue::Strings(close),
                    );
                }
            }
        }
        _ => {}
    }
    Err(err)
}

/// `typed` is a plausible misspelling or abbreviation of the command `name`.
fn near_miss(typed: &str, name: &str) -> bool {
    let (t, n) = (typed.to_ascii_lowercase(), name.to_ascii_lowercase());
    (t.len() >= 2 && n.starts_with(&t)) || strsim::levenshtein(&t, &n) <= 2.max(n.len() / 3)
}

/// `dw who --role <ROLE>` for every command that takes the long flag `flag`.
fn commands_with_flag(flag: &str) -> Vec<String> {
    fn walk(cmd: &clap::Command, path: &str, long: &str, out: &mut Vec<String>) {
        for sub in cmd.get_subcommands() {
            let path = format!("{path} {}", sub.get_name());
            if let Some(arg) = sub
                .get_arguments()
                .find(|a| !a.is_hide_set() && !a.is_global_set() && a.get_long() == Some(long))
            {
                let value = arg
                    .get_value_names()
                    .and_then(|v| v.first())
                    .filter(|_| arg.get_num_args().is_none_or(|n| n.takes_values()))
                    .map(|v| format!(" <{v}>"))
                    .unwrap_or_default();
                out.push(format!("{path} --{long}{value}"));
            }
            walk(sub, &path, long, out);
        }
    }
    let mut out = Vec::new();
    if let Some(long) = flag.strip_prefix("--") {
        walk(
            &<Cli as clap::CommandFactory>::command(),
            "dw",
            long,
            &mut out,
        );
    }
    out
}

/// `--color`: as fd and ripgrep read it, an explicit `always` or `never` wins
/// over `NO_COLOR`, and `auto` colours a terminal unless `NO_COLOR` is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when stdout is a terminal and NO_COLOR is unset or empty
    Auto,
    /// Always colour, even into a pipe or with NO_COLOR set
    Always,
    /// Never colour
    Never,
}

impl Global {
    /// Whether to colour stdout, given `NO_COLOR` and whether stdout is a terminal.
    pub fn color_on(&self, no_color_env: bool, terminal: bool) -> bool {
        match (self.no_color, self.color) {
            (true, _) | (false, ColorWhen::Never) => false,
            (false, ColorWhen::Always) => true,
            (false, ColorWhen::Auto) => terminal && !no_color_env,
        }
    }
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
    /// Relative to the clock (`tomorrow`, `+3d`), in the team's time zone.
    Relative(crate::when::Relative),
}

/// Parse `--at`: RFC 3339, `YYYY-MM-DDTHH:MM`, `YYYY-MM-DD` (00:00 local),
/// or a relative form (`now`, `tomorrow`, `next tuesday`, `+3d`: see `when`).
pub fn parse_at(s: &str) -> Result<At, String> {
    let s = s.trim();
    if let Some(rel) = crate::when::parse_relative(s) {
        return Ok(At::Relative(rel));
    }
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
         or a local date or time in the team's time zone (2026-03-03 or 2026-03-03T10:00), \
         or now, today, tomorrow, yesterday, a weekday (next tuesday), +3d, -1w, +12h"
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
    /// The day before a handoff: a Slack DM to the incoming primary and secondary
    Remind(RemindArgs),
    /// Print the shell completion script for SHELL
    Completions(CompletionsArgs),
    /// Time off: add or remove a member's away range (edits the roster)
    #[command(subcommand)]
    Away(AwayCommand),
    /// Two members exchange ranks for one week, and back in another with --back (edits the roster)
    Swap(SwapArgs),
    /// Hand a rank to a member for a few hours or days: an evening, a dentist visit (edits the roster)
    Cover(CoverArgs),
    /// Add a member to the rotation (edits the roster)
    Join(JoinArgs),
    /// Take a member off the rotation from a date on (edits the roster)
    Leave(LeaveArgs),
    /// Print the man page (roff) that man/dw.1 holds; --out DIR writes every page
    #[command(hide = true)]
    Man(ManArgs),
}

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
    /// Also exchange back in the week holding this date, so nobody gains or loses a turn
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
    /// First date no longer on the rotation (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub on: NaiveDate,
    /// Print the change as a diff and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `dw man` (hidden: for maintainers regenerating `man/`).
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write dw.1 and one page per command (dw-who.1, …) into DIR
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub out: Option<PathBuf>,
}

/// `dw remind`.
#[derive(Debug, Args)]
#[command(
    long_about = "The day before a handoff: a Slack DM to the incoming primary and secondary.\n\n\
In the 24 hours before a handoff, each member who takes the primary or secondary rank at \
that handoff gets a direct message: the role, when it starts (team time zone and UTC), \
finding a stopping point the day before, the handoff meeting after standup, what the role \
does, and the handoff notes to read. Without --post the messages are printed. Outside the \
24 hours dw says when they open and sends nothing. A rerun sends no message twice: dw \
marks each message with the handoff and role, and reads the DM first."
)]
pub struct RemindArgs {
    /// Send the messages as Slack DMs (needs SLACK_TOKEN; scopes chat:write, im:write, im:history)
    #[arg(long)]
    pub post: bool,
    /// With --post: print the requests that would send the messages, and send none
    #[arg(long)]
    pub dry_run: bool,
}

/// `dw handoff`.
#[derive(Debug, Args)]
pub struct HandoffArgs {
    /// Send the notes to the team channel ([slack] channel)
    #[arg(long)]
    pub post: bool,
    /// A customer issue to carry over (repeat for several); on a terminal
    /// without it, --post opens $EDITOR to write them
    #[arg(long, value_name = "TEXT")]
    pub issue: Vec<String>,
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
    /// Decide whether an incident needs an analysis (the team's three rules); write a template
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
    /// One JSON object: team, week, start, end, ranks, away
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
    /// With --ics: only these roles, comma-separated (names, ordinals such as
    /// 4th, or rank numbers) [default: every rank; with --member, the roster's
    /// named roles]
    #[arg(long, value_name = "ROLES", value_delimiter = ',', requires = "ics")]
    pub roles: Vec<String>,
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
        assert!(matches!(parse_at("tomorrow"), Ok(At::Relative(_))));
        assert!(parse_at("someday").is_err());
        assert!(parse_at("2026-02-30").is_err());
    }

    #[test]
    fn color_flag_wins_over_no_color_and_auto_follows_the_terminal() {
        let global = |args: &[&str]| {
            let mut argv = vec!["dw"];
            argv.extend_from_slice(args);
            argv.push("roles");
            Cli::try_parse_from(argv).unwrap().global
        };
        // (no_color_env, terminal) → colour?
        let auto = global(&[]);
        assert!(auto.color_on(false, true));
        assert!(!auto.color_on(true, true));
        assert!(!auto.color_on(false, false));
        let always = global(&["--color", "always"]);
        assert!(always.color_on(true, false));
        let never = global(&["--color", "never"]);
        assert!(!never.color_on(false, true));
        assert!(!global(&["--no-color"]).color_on(false, true));
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
