//! `dw incident start`'s I/O: send the incident, look it up by key when the
//! answer proved nothing, post it in Slack, print. What the answers mean is
//! decided in `crate::incident_start`.

use serde::Serialize;

use crate::error::{Error, Kind, Result};
use crate::http::Http;
use crate::incident::{ChannelChoice, Plan};
use crate::incident_start::{announce, needs_lookup, settle, Announce, Sent, Settled};
use crate::pagerduty::{NewIncident, OpenAnswer, PagerDuty};
use crate::render::notes::{incident_message, IncidentMessage};

use super::Known;
use crate::clients;
use crate::commands::on_call;

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

/// Send what the plan says: the incident, then the Slack post; print the result.
pub(super) fn execute(
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
    // Slack only with a channel and a token (none with --no-slack).
    let slack = match (&plan.slack_channel, slack_token) {
        (Some(_), Some(token)) => Some(clients::slack(known.inv, http, token)?),
        _ => None,
    };
    let channel = plan.slack_channel.as_deref().filter(|_| slack.is_some());
    if dry {
        let mut requests = vec![pd.create_incident_request(&new)];
        if let (Some(slack), Some(channel)) = (&slack, channel) {
            let text = message(Some("https://…/incidents/(id from PagerDuty)".into()), None);
            requests.push(slack.post_message_request(channel, &text));
            known.note(&format!("dw: would post in {channel} ({})", choice.why()));
        }
        return crate::commands::print(&clients::dry_run_all(
            known.inv.global.json,
            known.inv.pretty_json(),
            &requests,
        ));
    }

    // Read: PagerDuty's answer, and the open incidents by key when it proved nothing.
    let answer = pd.create_incident(&new)?;
    let listed = if needs_lookup(&answer) {
        pd.open_incidents_with_key(&new)
            .map_err(|e| lookup_failed(Error::from(e), &answer, &key, channel))?
    } else {
        Vec::new()
    };
    // Decide.
    let sent = Sent {
        incident_key: &key,
        service: &plan.service,
    };
    let settled = settle(answer, &listed, &sent);
    let Some(incident) = settled.incident() else {
        let why = settled.failure(&key).unwrap_or_default();
        return Err(Error::service(format!("PagerDuty POST /incidents: {why}"))
            .with_hint("look for the incident in PagerDuty's web app before opening one by hand"));
    };
    let step = announce(&settled, channel);
    if matches!(settled, Settled::AlreadyOpen(_)) {
        known.note(&format!(
            "dw: this incident was already open in PagerDuty (same key {key}, same service): \
             not opening a second one and not announcing it again{}",
            by_hand(channel, "if no earlier run announced it")
        ));
    }
    // Perform.
    let mut slack_out = SlackOut {
        posted: false,
        channel: channel.map(String::from),
        ts: None,
        error: None,
    };
    let mut slack_error = None;
    if let (Announce::Post(channel), Some(slack)) = (&step, &slack) {
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
    // Print.
    let text = if known.inv.global.json {
        crate::commands::json(
            known.inv,
            &Output {
                incident: IncidentOut {
                    id: incident.id.clone(),
                    number: incident.incident_number,
                    url: incident.html_url.clone(),
                    status: incident.status.clone(),
                    title: incident.title.clone(),
                    incident_key: key,
                    existing: matches!(settled, Settled::AlreadyOpen(_)),
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
    crate::commands::print(&text)?;
    match (slack_error, step) {
        (Some(e), _) if matches!(e.kind(), Kind::Service | Kind::Credentials) => Err(e
            .context("the incident is open (URL above), but posting it in Slack failed: ")
            .suffixed(&by_hand(
                channel,
                "a rerun finds it open and does not post it",
            ))),
        (Some(e), _) => Err(e),
        (None, Announce::Post(channel)) => {
            if !known.inv.global.json {
                known.note(&format!("dw: posted in {channel} ({})", choice.why()));
            }
            Ok(())
        }
        (None, _) => Ok(()),
    }
}

/// ` (…: post its URL in #channel by hand)`, or nothing without a channel.
fn by_hand(channel: Option<&str>, why: &str) -> String {
    channel
        .map(|c| format!(" ({why}: post its URL in {c} by hand)"))
        .unwrap_or_default()
}

/// The lookup by key failed after an answer to the POST that proved
/// nothing: say what dw knows (the incident may be open, nothing was
/// announced) and what to do, not only that the lookup failed.
fn lookup_failed(e: Error, answer: &OpenAnswer, key: &str, channel: Option<&str>) -> Error {
    let state = match answer {
        OpenAnswer::DuplicateKey => {
            format!("PagerDuty says an incident with key {key} is open already")
        }
        OpenAnswer::Unsure(why) => {
            format!("PagerDuty POST /incidents: {why}; the incident may be open")
        }
        OpenAnswer::Created(_) => format!("the incident with key {key} is open"),
    };
    let slack = channel
        .map(|c| format!(" and it was not announced in {c}"))
        .unwrap_or_default();
    e.context(&format!(
        "{state}, but looking it up by its key failed{slack}: "
    ))
    .with_hint(format!(
        "look for it in PagerDuty's web app{}; the same command again opens no second \
         incident (same key), but does not announce one that is open already",
        channel
            .map(|c| format!(" and, if it is open, post its URL in {c} by hand"))
            .unwrap_or_default()
    ))
}
