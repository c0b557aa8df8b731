//! The arguments of the commands that talk to Slack or PagerDuty: `handoff`,
//! `announce`, `incident`, `sync`, `remind`.

use clap::{Args, Subcommand, ValueHint};

/// `dw remind`.
#[derive(Debug, Args)]
#[command(
    long_about = "The day before a handoff: a Slack DM to the incoming ranks 1 and 2 (primary and secondary by default).\n\n\
In the 24 hours before a handoff, each member who takes rank 1 or 2 at that handoff gets a \
direct message: the role (by the roster's role names), when it starts (team time zone and \
UTC), the day before and the handoff meeting (the roster's [handoff], else dw's built-in \
words), what the role does, and the handoff notes to read. Without --post the messages are printed. Outside the \
24 hours dw says when they open and sends nothing. A rerun sends no message twice: dw \
marks each message with the handoff and role, and reads the DM first."
)]
pub struct RemindArgs {
    /// Send the messages as Slack DMs (needs SLACK_TOKEN; scopes chat:write, im:write, im:history)
    #[arg(long)]
    pub post: bool,
    /// With --post: print the requests that would send the messages, send none and open no DM; without --post: the preview
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
    /// Set the team channel's topic to the first two ranks ("primary: …, secondary: …" by default)
    #[arg(long)]
    pub topic: bool,
    /// Make the roster's [slack] group hold this week's ranks 1 and 2 (primary and secondary by default)
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

/// How urgent an incident is and whom it hurts: the incident core's own types.
pub use crate::incident::{Impact, Urgency};

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
