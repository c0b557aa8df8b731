//! `dw incident start`: open a PagerDuty incident, tell the incident channel.
//! Three steps: ask (flags or prompts), plan (`crate::incident`), execute.

use std::cell::RefCell;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use dialoguer::{Confirm, Input, Select};
use serde::Serialize;

use crate::cli::{self, IncidentStartArgs};
use crate::error::{Error, Kind, Result, RosterError};
use crate::http::Http;
use crate::incident::{incident_channel, Answers, ChannelChoice, ChannelSource, Plan, Setting};
use crate::incident::{Impact, Urgency};
use crate::pagerduty::{NewIncident, PagerDuty};

use crate::render::notes::{incident_message, IncidentMessage};

use super::{on_call, Context};
use crate::clients;
use crate::invocation::Invocation;
use crate::invocation::{access, env};

#[derive(Serialize)]
struct Output {
    incident: IncidentOut,
    slack: SlackOut,
    /// What dw warned about on stderr too (e.g. the roster could not be read).
    warnings: Vec<String>,
}

#[derive(Serialize)]
struct IncidentOut {
    id: String,
    number: Option<u64>,
    url: Option<String>,
    status: String,
    title: String,
    incident_key: String,
    /// PagerDuty already had this incident open (same key).
    existing: bool,
}

#[derive(Serialize)]
struct SlackOut {
    posted: bool,
    channel: Option<String>,
    ts: Option<String>,
    error: Option<String>,
}

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
    let now = super::resolve_at(
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
                urgency_word(answers.urgency),
                answers.title,
            ))
            .default(true)
            .interact()
            .map_err(super::prompt_error)?;
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

fn urgency_word(u: Urgency) -> &'static str {
    match u {
        Urgency::High => "high",
        Urgency::Low => "low",
    }
}

/// The incident's fields from the flags, asking for what is missing when a terminal allows.
fn ask(
    known: &Known<'_>,
    args: &IncidentStartArgs,
    interactive: bool,
    pd: &PagerDuty<'_>,
) -> Result<Answers> {
    let title = match args
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        Some(t) => t.to_string(),
        None if interactive => Input::<String>::new()
            .with_prompt("What is wrong (title)")
            .interact_text()
            .map_err(super::prompt_error)?,
        None => {
            let what = if args.title.is_some() {
                "--title is empty"
            } else {
                "--title is required when dw cannot ask (not a terminal)"
            };
            return Err(Error::usage(
                what,
                "dw incident start --title \"DB down\" --yes",
            ));
        }
    };
    let service = match known.service(args) {
        Some(s) => s,
        None if interactive => choose_service(pd)?,
        None => {
            return Err(Error::usage(
                "no PagerDuty service: none given and the roster names none",
                "pass --service PXXXXXX, set DW_PAGERDUTY_SERVICE, or add service = \"PXXXXXX\" under [pagerduty]",
            ))
        }
    };
    let urgency = match args.urgency {
        Some(u) => u.into(),
        None if interactive => {
            let i = Select::new()
                .with_prompt("Urgency")
                .items(&["high: page now", "low: next business day"])
                .default(0)
                .interact()
                .map_err(super::prompt_error)?;
            if i == 0 {
                Urgency::High
            } else {
                Urgency::Low
            }
        }
        None => Urgency::High,
    };
    let impact = match args.impact {
        Some(i) => Some(i.into()),
        None if interactive => {
            let i = Select::new()
                .with_prompt("Impact")
                .items(&["one customer", "many customers"])
                .default(1)
                .interact()
                .map_err(super::prompt_error)?;
            Some(if i == 0 { Impact::One } else { Impact::Many })
        }
        None => None,
    };
    let details = match &args.details {
        Some(d) => d.clone(),
        None if interactive => Input::<String>::new()
            .with_prompt("Details (optional)")
            .allow_empty(true)
            .interact_text()
            .map_err(super::prompt_error)?,
        None => String::new(),
    };
    Ok(Answers {
        title,
        service,
        urgency,
        impact,
        details,
    })
}

/// On a terminal: pick the service by name from PagerDuty's list, or type its ID.
fn choose_service(pd: &PagerDuty<'_>) -> Result<String> {
    let typed = || {
        Input::<String>::new()
            .with_prompt("PagerDuty service ID")
            .interact_text()
            .map(|s| s.trim().to_string())
            .map_err(super::prompt_error)
    };
    let mut list = match pd.services() {
        Ok(list) if !list.is_empty() => list,
        // No list (no access, no answer): the ID still works.
        _ => return typed(),
    };
    list.sort_by_key(|s| s.label().to_lowercase());
    let mut items: Vec<String> = list
        .iter()
        .map(|s| format!("{} ({})", s.label(), s.id))
        .collect();
    items.push("another service: type its ID".into());
    let i = Select::new()
        .with_prompt("PagerDuty service")
        .items(&items)
        .default(0)
        .interact()
        .map_err(super::prompt_error)?;
    match list.get(i) {
        Some(s) => Ok(s.id.clone()),
        None => typed(),
    }
}

/// Send what the plan says: the incident, then the Slack post; print the result.
fn execute(
    known: &Known<'_>,
    plan: &Plan,
    http: &Http,
    pd: &PagerDuty<'_>,
    slack_token: Option<crate::http::Secret>,
    dry: bool,
    choice: &ChannelChoice,
) -> Result<()> {
    let key = plan.incident_key.clone();
    let new = NewIncident {
        title: plan.title.clone(),
        service: plan.service.clone(),
        urgency: plan.urgency.into(),
        details: plan.details.clone(),
        incident_key: key.clone(),
        escalation_policy: plan.escalation_policy.clone(),
    };
    let message = |url: Option<String>, number: Option<u64>| {
        incident_message(&IncidentMessage {
            title: plan.title.clone(),
            impact: plan.impact.into(),
            urgency: plan.urgency.into(),
            url,
            number,
            started_by: plan.started_by.clone(),
            // Without the roster nobody is mentioned.
            on_call: known.ctx.map(|c| on_call(c, 2)).unwrap_or_default(),
        })
    };
    let slack_target = match (&plan.slack_channel, slack_token) {
        (Some(c), Some(t)) => Some((c.clone(), t)),
        _ => None,
    };

    let slack = match &slack_target {
        Some((_, token)) => Some(clients::slack(known.inv, http, token.clone())?),
        None => None,
    };
    if dry {
        let mut requests = vec![pd.create_incident_request(&new)];
        if let (Some(slack), Some((channel, _))) = (&slack, &slack_target) {
            let text = message(Some("https://…/incidents/(id from PagerDuty)".into()), None);
            requests.push(slack.post_message_request(channel, &text));
            known.note(&format!("dw: would post in {channel} ({})", choice.why()));
        }
        return super::print(&clients::dry_run_all(
            known.inv.global.json,
            known.inv.pretty_json(),
            &requests,
        ));
    }

    let created = pd.create_incident(&new)?;
    let incident = &created.incident;
    if created.existing {
        known.note(&format!(
            "dw: this incident was already open in PagerDuty (same key {key}, same service): \
             not opening a second one and not announcing it again"
        ));
    }
    let mut slack_out = SlackOut {
        posted: false,
        channel: slack_target.as_ref().map(|(c, _)| c.clone()),
        ts: None,
        error: None,
    };
    let mut slack_error = None;
    // An incident that was already open was announced when it was opened.
    let announce = if created.existing {
        None
    } else {
        slack.as_ref()
    };
    if let (Some(slack), Some((channel, _))) = (announce, &slack_target) {
        match slack.post_message(
            channel,
            &message(incident.html_url.clone(), incident.incident_number),
        ) {
            Ok(posted) => {
                slack_out.posted = true;
                slack_out.ts = Some(posted.ts);
            }
            Err(e) => {
                let e = Error::from(e);
                slack_out.error = Some(e.one_line());
                slack_error = Some(e);
            }
        }
    }
    let text = if known.inv.global.json {
        super::json(
            known.inv,
            &Output {
                incident: IncidentOut {
                    id: incident.id.clone(),
                    number: incident.incident_number,
                    url: incident.html_url.clone(),
                    status: incident.status.clone(),
                    title: incident.title.clone(),
                    incident_key: key,
                    existing: created.existing,
                },
                slack: slack_out,
                warnings: known
                    .warnings
                    .borrow()
                    .iter()
                    .cloned()
                    .chain(http.notices())
                    .collect(),
            },
        )
    } else {
        let url = incident
            .html_url
            .clone()
            .unwrap_or_else(|| format!("PagerDuty incident {}", incident.id));
        format!("{url}\n")
    };
    super::print(&text)?;
    match slack_error {
        Some(e) if matches!(e.kind(), Kind::Service | Kind::Credentials) => {
            Err(e.context("the incident is open (URL above), but posting it in Slack failed: "))
        }
        Some(e) => Err(e),
        None => {
            if !known.inv.global.json && announce.is_some() {
                known.note(&format!(
                    "dw: posted in {} ({})",
                    slack_target.map(|(c, _)| c).unwrap_or_default(),
                    choice.why()
                ));
            }
            Ok(())
        }
    }
}

impl From<cli::Urgency> for Urgency {
    fn from(u: cli::Urgency) -> Self {
        match u {
            cli::Urgency::High => Urgency::High,
            cli::Urgency::Low => Urgency::Low,
        }
    }
}

impl From<cli::Impact> for Impact {
    fn from(i: cli::Impact) -> Self {
        match i {
            cli::Impact::One => Impact::One,
            cli::Impact::Many => Impact::Many,
        }
    }
}
