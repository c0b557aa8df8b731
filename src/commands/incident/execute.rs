//! `dw incident start`'s I/O: send the incident, look it up by key when the
//! answer proved nothing, announce it in Slack (`announce.rs`), print. What
//! the answers mean is decided in `crate::incident_start`.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::http::Http;
use crate::incident::{ChannelChoice, Plan};
use crate::incident_start::{metadata, needs_lookup, settle, Sent, Settled};
use crate::pagerduty::{NewIncident, OpenAnswer, PagerDuty};
use crate::render::notes::{incident_message, IncidentMessage};

use super::announce::{announce, Announced, Post, SlackOut};
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
            let meta = metadata("(id from PagerDuty)", &key);
            requests.push(slack.post_message_with_metadata_request(channel, &text, meta));
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
    if matches!(settled, Settled::AlreadyOpen(_)) {
        known.note(&format!(
            "dw: this incident was already open in PagerDuty (same key {key}, same service): \
             not opening a second one"
        ));
    }
    // Announce it, unless the channel holds its announcement already.
    let announced = match (&slack, channel) {
        (Some(slack), Some(_)) => announce(&Post {
            slack,
            settled: &settled,
            channel,
            incident,
            key: &key,
            text: message(incident.html_url.clone(), incident.incident_number),
            why: choice.why(),
            now: known.now,
        }),
        _ => Announced::nothing(None),
    };
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
                slack: announced.out,
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
    if let Some(note) = announced.note {
        known.note(&note);
    }
    match announced.error {
        Some(e) => Err(e),
        None => Ok(()),
    }
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
        "look for it in PagerDuty's web app; the same command again opens no second \
         incident (same key){}",
        channel
            .map(|c| format!(" and announces it in {c} if it is not announced there yet"))
            .unwrap_or_default()
    ))
}
