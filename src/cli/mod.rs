//! The whole command line, declared with clap derive. Doc comments are the help.
//!
//! This file holds the top level (`Cli`, the global flags, `Command`) and
//! the parsing helpers; the arguments of each command live by group in
//! `offline.rs` (reading the roster), `roster_edit.rs` (editing it) and
//! `services.rs` (Slack and PagerDuty), re-exported here.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use clap::{Args, Parser, Subcommand, ValueEnum, ValueHint};

mod complete;
mod init;
mod offline;
mod roster_edit;
mod services;

pub use complete::registration as completion_script;
pub use init::{parse_member, parse_time, parse_timezone, parse_weekday, InitArgs, MemberArg};
pub use offline::{
    CheckArgs, CompletionsArgs, ExplainArgs, Field, Format, ManArgs, NextArgs, PlanArgs,
    ScheduleArgs, StatsArgs, WhoArgs,
};
pub use roster_edit::{
    AwayAddArgs, AwayCommand, AwayRemoveArgs, CoverArgs, JoinArgs, LeaveArgs, SwapArgs,
};
pub use services::{
    AnalysisArgs, AnnounceArgs, HandoffArgs, Impact, IncidentCommand, IncidentStartArgs,
    RemindArgs, SyncArgs, SyncCommand, Urgency,
};

/// An on-call tool for teams that keep their rotation in git.
///
/// Reads the team's roster.toml (see --roster) and answers who is on call, when, and why; posts
/// the handoff, reminders and incidents to Slack and keeps PagerDuty in step. Duties, handoff
/// routine, incident channel and analysis rules are the roster's own.
#[derive(Debug, Parser)]
#[command(
    name = "dw",
    version,
    propagate_version = true,
    max_term_width = 100,
    after_help = crate::invocation::env::help()
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

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
    /// (tuesday, next tuesday: the next one after today; 00:00, so before a handoff that day), a
    /// weekday and time ("tuesday 10:00"), "next handoff" or "next week" (the coming handoff), an
    /// offset from now (+3d, -1w, +12h),
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

/// Parse the process's arguments, or exit 2 with clap's message and dw's
/// tips; or, when a completion script asks (`DW_COMPLETE=SHELL dw -- WORDS…`),
/// print the completions of those words and exit 0.
pub fn parse() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if complete::answer(&args, std::env::current_dir().ok().as_deref()) {
        std::process::exit(0);
    }
    try_parse_from(args).unwrap_or_else(|e| e.exit())
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
/// Before parsing, since clap reads them.
pub fn ignore_empty_env() {
    use crate::invocation::env::{DW_ME, DW_ROSTER};
    for name in [DW_ROSTER, DW_ME] {
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
         or now, today, tomorrow, yesterday, a weekday (next tuesday), a weekday and time \
         (\"tuesday 10:00\"), \"next handoff\", \"next week\", +3d, -1w, +12h"
    ))
}

pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, String> {
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
    /// When a member next holds rank 1 and rank 2 (primary and secondary by default)
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
    /// The day before a handoff: a Slack DM to the incoming ranks 1 and 2 (primary and secondary by default)
    Remind(RemindArgs),
    /// Start a roster: write a commented roster.toml, from flags, questions or a PagerDuty schedule
    Init(InitArgs),
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
