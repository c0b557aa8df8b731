//! `dw incident start`: open a PagerDuty incident, tell the incident channel.
//! Three steps: ask (flags or prompts), plan (`crate::incident`), execute.

use std::io::IsTerminal;

use dialoguer::{Confirm, Input, Select};
use serde::Serialize;

use crate::cli::{Impact, IncidentStartArgs, Urgency};
use crate::error::{Error, Result};
use crate::incident::{Answers, Plan, Setting};
use crate::pagerduty::NewIncident;

use crate::render::notes::{incident_message, IncidentMessage};

use super::{on_call, services, Context};

#[derive(Serialize)]
struct Output {
    incident: IncidentOut,
    slack: SlackOut,
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

/// Open the incident; print its URL (or JSON); exit 1 if Slack failed after PagerDuty succeeded.
pub fn start(ctx: &Context, args: &IncidentStartArgs) -> Result<()> {
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let answers = ask(ctx, args, interactive)?;

    let dry = args.dry_run;
    let token = match services::pagerduty_token_opt()? {
        Some(t) => t,
        None if dry => String::new(),
        None => services::pagerduty_token("dw incident start opens the incident in PagerDuty")?,
    };
    let from = match services::pagerduty_from(ctx, args.as_member.as_deref()) {
        Ok(f) => f,
        Err(Error::Credentials { .. }) if dry => "(DW_PAGERDUTY_FROM)".into(),
        Err(e) => return Err(e),
    };
    let slack_target = if args.no_slack {
        None
    } else {
        let channel = services::channel(
            ctx.roster.slack.incident_channel.as_ref(),
            "incident_channel",
            "#org-reliability-ff",
            ", or pass --no-slack",
        )?;
        let token = services::slack_token_for(
            dry,
            "dw incident start posts the incident in Slack",
            ", or pass --no-slack to open the incident without the Slack post",
        )?;
        Some((channel, token))
    };

    if interactive && !args.yes && !dry {
        let go = Confirm::new()
            .with_prompt(format!(
                "Open a {}-urgency incident \"{}\" on {}?",
                urgency_word(answers.urgency),
                answers.title,
                answers.service
            ))
            .default(true)
            .interact()
            .map_err(super::prompt_error)?;
        if !go {
            ctx.note("Not opened.");
            return Ok(());
        }
    }

    let started_by = match args
        .as_member
        .as_deref()
        .and_then(|id| ctx.roster.member_index(id))
    {
        Some(m) => ctx.roster.members[m].name.clone(),
        None => from.clone(),
    };
    let tz = ctx.roster.team.timezone;
    let (slack_channel, slack_token) = match slack_target {
        Some((c, t)) => (Some(c), Some(t)),
        None => (None, None),
    };
    let plan = crate::incident::plan(
        answers,
        Setting {
            incident_key: args.incident_key.clone(),
            today: ctx.now.with_timezone(&tz).date_naive(),
            escalation_policy: ctx.roster.pagerduty.escalation_policy.clone(),
            started_by,
            slack_channel,
        },
    );
    execute(ctx, &plan, token, from, slack_token, dry)
}

fn urgency_word(u: Urgency) -> &'static str {
    match u {
        Urgency::High => "high",
        Urgency::Low => "low",
    }
}

/// The incident's fields from the flags, asking for what is missing when a terminal allows.
fn ask(ctx: &Context, args: &IncidentStartArgs, interactive: bool) -> Result<Answers> {
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
    let service = match args
        .service
        .clone()
        .or_else(|| ctx.roster.pagerduty.service.clone())
    {
        Some(s) => s,
        None if interactive => Input::<String>::new()
            .with_prompt("PagerDuty service ID")
            .interact_text()
            .map_err(super::prompt_error)?,
        None => {
            return Err(Error::usage(
                "no PagerDuty service: the roster has no [pagerduty] service",
                "pass --service PXXXXXX or add service = \"PXXXXXX\" under [pagerduty]",
            ))
        }
    };
    let urgency = match args.urgency {
        Some(u) => u,
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
        Some(i) => Some(i),
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

/// Send what the plan says: the incident, then the Slack post; print the result.
fn execute(
    ctx: &Context,
    plan: &Plan,
    token: String,
    from: String,
    slack_token: Option<String>,
    dry: bool,
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
            on_call: on_call(ctx, 2),
        })
    };
    let slack_target = match (&plan.slack_channel, slack_token) {
        (Some(c), Some(t)) => Some((c.clone(), t)),
        _ => None,
    };

    let http = services::http(ctx)?;
    let pd = services::pagerduty(&http, token, Some(from))?;
    let slack = match &slack_target {
        Some((_, token)) => Some(services::slack(&http, token.clone())?),
        None => None,
    };
    if dry {
        let mut requests = vec![pd.create_incident_request(&new)];
        if let (Some(slack), Some((channel, _))) = (&slack, &slack_target) {
            let text = message(Some("https://…/incidents/(id from PagerDuty)".into()), None);
            requests.push(slack.post_message_request(channel, &text));
        }
        return super::print(&services::dry_run_all(ctx.global.json, &requests));
    }

    let created = pd.create_incident(&new)?;
    let incident = &created.incident;
    if created.existing {
        ctx.note(&format!(
            "dw: PagerDuty already has this incident open (key {key}); not opening a second one"
        ));
    }
    let mut slack_out = SlackOut {
        posted: false,
        channel: slack_target.as_ref().map(|(c, _)| c.clone()),
        ts: None,
        error: None,
    };
    let mut slack_error = None;
    if let (Some(slack), Some((channel, _))) = (&slack, &slack_target) {
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
    let text = if ctx.global.json {
        super::json(&Output {
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
        })
    } else {
        format!(
            "{}\n",
            incident
                .html_url
                .clone()
                .unwrap_or_else(|| format!("PagerDuty incident {}", incident.id))
        )
    };
    super::print(&text)?;
    match slack_error {
        Some(e @ Error::Service { .. }) => {
            Err(e.context("the incident is open (URL above), but posting it in Slack failed: "))
        }
        Some(e) => Err(e),
        None => {
            if !ctx.global.json && slack.is_some() {
                ctx.note(&format!(
                    "dw: posted in {}",
                    slack_target.map(|(c, _)| c).unwrap_or_default()
                ));
            }
            Ok(())
        }
    }
}
