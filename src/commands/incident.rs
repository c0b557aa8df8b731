//! `dw incident start`: open a PagerDuty incident, tell the incident channel.

use std::io::IsTerminal;

use dialoguer::{Confirm, Input, Select};
use serde::Serialize;

use crate::cli::{Impact, IncidentStartArgs, Urgency};
use crate::error::{Error, Result};
use crate::pagerduty::NewIncident;

use crate::render::notes::{incident_message, IncidentMessage};

use super::{on_call, services, Context};

/// A stable de-duplication key: the same service, title and local date give
/// the same key, so running the command twice opens one incident.
pub fn default_key(service: &str, title: &str, date: chrono::NaiveDate) -> String {
    let text = format!("{service}\n{}\n{date}", title.trim().to_lowercase());
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("dw-{hash:016x}")
}

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
    let urgency = match urgency {
        Urgency::High => "high",
        Urgency::Low => "low",
    };
    let impact = match impact {
        Some(Impact::One) => "one customer",
        Some(Impact::Many) => "many customers",
        None => "not given",
    };

    let dry = args.dry_run;
    let token = match services::pagerduty_token_opt() {
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
                "Open a {urgency}-urgency incident \"{title}\" on {service}?"
            ))
            .default(true)
            .interact()
            .map_err(super::prompt_error)?;
        if !go {
            ctx.note("Not opened.");
            return Ok(());
        }
    }

    let tz = ctx.roster.team.timezone;
    let key = args
        .incident_key
        .clone()
        .unwrap_or_else(|| default_key(&service, &title, ctx.now.with_timezone(&tz).date_naive()));
    let new = NewIncident {
        title: title.clone(),
        service: service.clone(),
        urgency: urgency.into(),
        details: if details.trim().is_empty() {
            format!("Impact: {impact}.")
        } else {
            format!("{details}\n\nImpact: {impact}.")
        },
        incident_key: key.clone(),
        escalation_policy: ctx.roster.pagerduty.escalation_policy.clone(),
    };
    let started_by = match args
        .as_member
        .as_deref()
        .and_then(|id| ctx.roster.member_index(id))
    {
        Some(m) => ctx.roster.members[m].name.clone(),
        None => from.clone(),
    };
    let message = |url: Option<String>, number: Option<u64>| {
        incident_message(&IncidentMessage {
            title: title.clone(),
            impact: impact.into(),
            urgency: urgency.into(),
            url,
            number,
            started_by: started_by.clone(),
            on_call: on_call(ctx, 2),
        })
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
                slack_out.error = Some(e.to_string());
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
        Some(Error::Service(e)) => Err(Error::Service(format!(
            "the incident is open (URL above), but posting it in Slack failed: {e}"
        ))),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_key_is_stable_and_ignores_case_and_spaces() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 3, 3).unwrap();
        assert_eq!(
            default_key("P1", "DB down", d),
            default_key("P1", "  db DOWN ", d)
        );
        assert_ne!(
            default_key("P1", "DB down", d),
            default_key("P2", "DB down", d)
        );
        assert_ne!(
            default_key("P1", "DB down", d),
            default_key("P1", "DB down", d.succ_opt().unwrap())
        );
        assert_eq!(default_key("P1", "DB down", d).len(), 19);
    }
}
