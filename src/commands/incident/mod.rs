//! `dw incident start`: open a PagerDuty incident, tell the incident channel.
//! Steps: ask (flags or prompts, `ask.rs`), plan (`crate::incident`), send
//! and decide what PagerDuty's answers mean (`execute.rs` over
//! `crate::incident_start`), print.

use std::cell::RefCell;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use dialoguer::Confirm;

use crate::cli::IncidentStartArgs;
use crate::error::{Error, Result, RosterError};
use crate::incident::{incident_channel, ChannelChoice, ChannelSource, Setting};

use super::Context;
use crate::clients;
use crate::invocation::Invocation;
use crate::invocation::{access, env};

mod announce;
mod ask;
mod execute;

use ask::ask;
use execute::execute;

/// What `incident start` knows besides the flags: the roster's settings
/// when it could be read, and the moment.
struct Known<'a> {
    inv: &'a Invocation,
    ctx: Option<&'a Context>,
    now: DateTime<Utc>,
    tz: Tz,
    /// Warnings said on stderr, repeated in the `--json` output.
    warnings: RefCell<Vec<String>>,
}

impl Known<'_> {
    /// Say `text` on stderr as a warning, and keep it for `--json`.
    fn warn(&self, text: String) {
        eprintln!("dw: warning: {text}");
        self.warnings.borrow_mut().push(text);
    }

    fn note(&self, text: &str) {
        if !self.inv.global.quiet {
            eprintln!("{text}");
        }
    }

    /// The service from `--service`, `DW_PAGERDUTY_SERVICE`, then the roster.
    fn service(&self, args: &IncidentStartArgs) -> Option<String> {
        args.service
            .clone()
            .or_else(|| self.inv.env.get(env::DW_PAGERDUTY_SERVICE))
            .or_else(|| self.ctx.and_then(|c| c.roster.pagerduty.service.clone()))
    }

    /// The channel: `DW_INCIDENT_CHANNEL`, the roster's incident channel,
    /// its team channel; dw's built-in one only when the roster is unreadable.
    fn channel(&self) -> ChannelChoice {
        incident_channel(
            self.inv.env.get(env::DW_INCIDENT_CHANNEL).as_deref(),
            self.ctx.map(|c| &c.roster.slack),
            crate::handbook::INCIDENT_CHANNEL,
        )
    }
}

/// Open the incident; print its URL (or JSON); exit 1 if Slack failed after PagerDuty succeeded.
pub fn start(ctx: &Context, args: &IncidentStartArgs) -> Result<()> {
    let known = Known {
        inv: &ctx.inv,
        ctx: Some(ctx),
        now: ctx.now,
        tz: ctx.roster.team.timezone,
        warnings: RefCell::default(),
    };
    start_with(&known, args)
}

/// `incident start` with a roster that cannot be read: the service from
/// `--service` / `DW_PAGERDUTY_SERVICE`, the handbook's channel, no mentions.
pub fn start_without_roster(
    inv: &Invocation,
    broken: &RosterError,
    args: &IncidentStartArgs,
) -> Result<()> {
    // No team time zone without the roster: read wall times as UTC.
    let now = crate::commands::resolve_at(
        inv.global.at,
        inv.clock,
        &chrono_tz::UTC,
        crate::when::Handoff::default(),
    );
    let known = Known {
        inv,
        ctx: None,
        now,
        tz: chrono_tz::UTC,
        warnings: RefCell::default(),
    };
    let first = broken
        .diagnostics
        .first()
        .map(|d| format!("{}: {}", d.location(&broken.path), d.message))
        .unwrap_or_else(|| broken.path.clone());
    known.warn(format!(
        "the roster cannot be read ({first}); opening the incident without it: \
         nobody is mentioned and the post goes to {}; run `dw check` to fix the roster",
        known.channel().channel.unwrap_or_default()
    ));
    start_with(&known, args)
}

/// Every missing credential at once, where each comes from, and what to do meanwhile.
fn missing_credentials(missing: &[(&str, String)], channel: Option<&str>) -> Error {
    let channel = channel.unwrap_or("the team's channel");
    let names: Vec<&str> = missing.iter().map(|(n, _)| *n).collect();
    let verb = if names.len() == 1 { "is" } else { "are" };
    let mut hint = String::new();
    for (i, (_, how)) in missing.iter().enumerate() {
        if i > 0 {
            hint.push_str("\n  ");
        }
        hint.push_str(how);
    }
    hint.push_str(&format!(
        "\n  Meanwhile, post in {channel} by hand: what is wrong, since when, who is affected."
    ));
    Error::credentials(
        format!(
            "{} {verb} not set: dw incident start needs {} to open the incident and announce it",
            names.join(", "),
            if names.len() == 1 { "it" } else { "them" }
        ),
        hint,
    )
}

fn start_with(known: &Known<'_>, args: &IncidentStartArgs) -> Result<()> {
    let interactive = known.inv.terminal.interactive();
    let dry = args.dry_run;

    // Credentials first, all at once: nobody should type the details twice.
    let token = known.inv.credentials.pagerduty_opt()?;
    let from = match known.inv.env.get(env::DW_PAGERDUTY_FROM) {
        Some(f) => Some(f),
        None => match (args.as_member.as_deref(), known.ctx) {
            (Some(id), Some(ctx)) => {
                Some(ctx.roster.members[ctx.member(id, "--as")?].email.clone())
            }
            _ => None,
        },
    };
    if let (Some(id), None) = (args.as_member.as_deref(), known.ctx) {
        // The member's name and email live in the roster, which is unreadable.
        known.warn(format!(
            "--as / DW_ME ({id}) needs a readable roster, so it is not used: {}",
            if from.is_some() {
                "the incident is started as DW_PAGERDUTY_FROM"
            } else {
                "set DW_PAGERDUTY_FROM to your PagerDuty email instead"
            }
        ));
    }
    let slack_token = if args.no_slack {
        None
    } else {
        known.inv.credentials.slack_opt()?
    };
    let choice = known.channel();
    if !args.no_slack {
        match choice.source {
            ChannelSource::TeamChannel => known.warn(format!(
                "the roster names no [slack] incident_channel, so the incident is announced in \
                 the team channel {}; add incident_channel = \"#…\" under [slack]",
                choice.channel.as_deref().unwrap_or_default()
            )),
            ChannelSource::Nowhere => known.warn(
                "no incident channel: the roster names no [slack] incident_channel or channel \
                 and DW_INCIDENT_CHANNEL is not set, so the incident is opened without a Slack \
                 post; add incident_channel = \"#…\" under [slack]"
                    .into(),
            ),
            _ => {}
        }
    }
    // No channel, no post: Slack is not needed then.
    let no_slack = args.no_slack || choice.channel.is_none();
    if !dry {
        let mut missing = Vec::new();
        if token.is_none() {
            missing.push((
                "PAGERDUTY_TOKEN",
                access::pagerduty_how(&access::INCIDENT_START),
            ));
        }
        if from.is_none() {
            // DW_ME / --as only help when the roster can be read.
            missing.push(("DW_PAGERDUTY_FROM", access::from_how(known.ctx.is_some())));
        }
        if !no_slack && slack_token.is_none() {
            missing.push(("SLACK_TOKEN", access::slack_how(&[&access::INCIDENT_START])));
        }
        if !missing.is_empty() {
            return Err(missing_credentials(&missing, choice.channel.as_deref()));
        }
    }
    let token = token.unwrap_or_default();
    let from = from.unwrap_or_else(|| "(DW_PAGERDUTY_FROM)".into());
    let slack_target = match (&choice.channel, no_slack) {
        (Some(channel), false) => Some((channel.clone(), slack_token.unwrap_or_default())),
        _ => None,
    };

    let http = clients::http(known.inv)?;
    let pd = clients::pagerduty(known.inv, &http, token.clone(), Some(from.clone()))?;
    let answers = ask(known, args, interactive, &pd)?;

    if interactive && !args.yes && !dry {
        // The name people know the service by; its ID when PagerDuty does not say.
        let name = pd
            .service(&answers.service)
            .map(|s| format!("{} ({})", s.label(), answers.service))
            .unwrap_or_else(|_| answers.service.clone());
        let go = Confirm::new()
            .with_prompt(format!(
                "Open a {}-urgency incident \"{}\" on {name}?",
                answers.urgency.as_str(),
                answers.title,
            ))
            .default(true)
            .interact()
            .map_err(crate::commands::prompt_error)?;
        if !go {
            known.note("Not opened.");
            return Ok(());
        }
    }

    let started_by = match (args.as_member.as_deref(), known.ctx) {
        (Some(id), Some(ctx)) => match ctx.roster.member_index(id) {
            Some(m) => ctx.roster.members[m].name.clone(),
            None => from.clone(),
        },
        _ => from.clone(),
    };
    let (slack_channel, slack_token) = match slack_target {
        Some((c, t)) => (Some(c), Some(t)),
        None => (None, None),
    };
    let plan = crate::incident::plan(
        answers,
        Setting {
            incident_key: args.incident_key.clone(),
            today: known.now.with_timezone(&known.tz).date_naive(),
            escalation_policy: known
                .ctx
                .and_then(|c| c.roster.pagerduty.escalation_policy.clone()),
            started_by,
            slack_channel,
        },
    );
    execute(known, &plan, &http, &pd, slack_token, dry, &choice)
}
