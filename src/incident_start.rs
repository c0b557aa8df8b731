//! What `dw incident start` makes of PagerDuty's and Slack's answers,
//! decided without I/O: which incident is this run's, and whether it is
//! announced in Slack. The command (`commands/incident/`) sends the
//! requests; this decides.
//!
//! An incident counts as the one dw sent only when PagerDuty's copy has the
//! same `incident_key`, the same service, and is open. A listed incident
//! that differs in any of these is not it, whatever the list was asked for:
//! PagerDuty lists incidents whose alerts carry the key too, and a server
//! may ignore a filter.

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use crate::pagerduty::{Incident, OpenAnswer};

/// What an incident must have to be the one dw sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent<'a> {
    pub incident_key: &'a str,
    /// The service ID.
    pub service: &'a str,
}

/// The statuses of an open incident.
const OPEN: [&str; 2] = ["triggered", "acknowledged"];

/// Whether `i` is the incident dw sent: its key, its service, and open.
/// An incident without a key or a service is not it.
pub fn is_the_incident(i: &Incident, sent: &Sent<'_>) -> bool {
    i.incident_key.as_deref() == Some(sent.incident_key)
        && i.service.as_ref().is_some_and(|s| s.id == sent.service)
        && OPEN.contains(&i.status.as_str())
}

/// Whether the answer to the POST leaves dw to look the incident up by its key.
pub fn needs_lookup(answer: &OpenAnswer) -> bool {
    !matches!(answer, OpenAnswer::Created(_))
}

/// What came of opening the incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settled {
    /// This run opened it: PagerDuty's answer to the POST says so.
    Opened(Incident),
    /// The answer to the POST proved nothing, and the incident is listed by
    /// its key: most likely this run opened it before the answer was lost,
    /// but an earlier run may have.
    Listed(Incident),
    /// PagerDuty already had it open (same key, same service).
    AlreadyOpen(Incident),
    /// PagerDuty refused a second incident with the key, but lists none that is it.
    DuplicateNotFound,
    /// The answer proved nothing (`why`), and no listed incident is it: it
    /// was probably not opened.
    NotOpened { why: String },
}

/// Decide from PagerDuty's answer to the POST and, when it proved nothing
/// or refused a duplicate, the incidents listed by key afterwards.
pub fn settle(answer: OpenAnswer, listed: &[Incident], sent: &Sent<'_>) -> Settled {
    let found = || listed.iter().find(|i| is_the_incident(i, sent)).cloned();
    match answer {
        OpenAnswer::Created(incident) => Settled::Opened(*incident),
        OpenAnswer::DuplicateKey => match found() {
            Some(i) => Settled::AlreadyOpen(i),
            None => Settled::DuplicateNotFound,
        },
        // PagerDuty opened it before failing: this run's incident, most likely.
        OpenAnswer::Unsure(why) => match found() {
            Some(i) => Settled::Listed(i),
            None => Settled::NotOpened { why },
        },
    }
}

impl Settled {
    /// The incident, when there is one.
    pub fn incident(&self) -> Option<&Incident> {
        match self {
            Settled::Opened(i) | Settled::Listed(i) | Settled::AlreadyOpen(i) => Some(i),
            Settled::DuplicateNotFound | Settled::NotOpened { .. } => None,
        }
    }

    /// Why there is no incident (after `PagerDuty POST /incidents: `), or `None`.
    pub fn failure(&self, key: &str) -> Option<String> {
        match self {
            Settled::Opened(_) | Settled::Listed(_) | Settled::AlreadyOpen(_) => None,
            Settled::DuplicateNotFound => Some(format!(
                "an open incident with key {key} exists, but dw cannot find it"
            )),
            Settled::NotOpened { why } => Some(format!(
                "{why}; no open incident with key {key} was found afterwards, so it was \
                 probably not opened: run the same command again (the key keeps \
                 PagerDuty from opening it twice)"
            )),
        }
    }
}

/// The `event_type` of the metadata dw attaches to an incident's announcement.
pub const EVENT_TYPE: &str = "dw_incident";

/// How long before the incident's `created_at` the channel's history is
/// read: PagerDuty's clock and Slack's may differ a little.
pub const CLOCK_SKEW_MINUTES: i64 = 10;

/// How far back the history is read when PagerDuty gives no readable
/// `created_at`.
pub const WITHOUT_CREATED_DAYS: i64 = 7;

/// The metadata of the announcement of incident `incident_id`, opened with `incident_key`.
pub fn metadata(incident_id: &str, incident_key: &str) -> Value {
    json!({
        "event_type": EVENT_TYPE,
        "event_payload": {"incident_id": incident_id, "incident_key": incident_key},
    })
}

/// Whether a message from `conversations.history` is the announcement of
/// this incident: its metadata, as [`metadata`] wrote it, with the same
/// incident id and key. An announcement of another incident with the same
/// key (an earlier one, since resolved) is not it.
pub fn is_announcement(message: &Value, incident_id: &str, incident_key: &str) -> bool {
    let Some(m) = message.get("metadata") else {
        return false;
    };
    m.get("event_type").and_then(Value::as_str) == Some(EVENT_TYPE)
        && m.pointer("/event_payload/incident_id")
            .and_then(Value::as_str)
            == Some(incident_id)
        && m.pointer("/event_payload/incident_key")
            .and_then(Value::as_str)
            == Some(incident_key)
}

/// Slack's `oldest` for the history search: [`CLOCK_SKEW_MINUTES`] before
/// the incident opened (or before `now`, if that is earlier); without a
/// readable `created_at`, [`WITHOUT_CREATED_DAYS`] before `now`. Every
/// announcement of the incident is posted after it opened.
pub fn history_oldest(created_at: Option<&str>, now: DateTime<Utc>) -> String {
    let created = created_at
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc));
    let from = match created {
        Some(c) => c.min(now) - Duration::minutes(CLOCK_SKEW_MINUTES),
        None => now - Duration::days(WITHOUT_CREATED_DAYS),
    };
    format!("{}.000000", from.timestamp())
}

/// What dw knows of the incident's announcement in the channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Looked {
    /// Not looked for (yet).
    NotYet,
    /// The channel holds it: the message's `ts`.
    Found(String),
    /// The channel's history since the incident opened, read to its start,
    /// holds no announcement of it.
    Missing,
    /// The history could not be read, or only in part (why).
    Unreadable(String),
}

/// The next Slack step of `incident start`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Read this channel's history for the incident's announcement first.
    Look(String),
    /// Post in this channel. `repair`: the incident was open already and
    /// no earlier run had announced it.
    Post { channel: String, repair: bool },
    /// The channel holds the announcement already (at `ts`): nothing is sent.
    Already { channel: String, ts: String },
    /// dw cannot tell whether the channel holds it (`why`): nothing is sent,
    /// so that it is never announced twice, and the run fails.
    CannotTell { channel: String, why: String },
    /// No post: `--no-slack`, no channel, or no incident.
    NoPost,
}

/// Decide the Slack step. An incident this run's POST opened is posted at
/// once (nobody can have announced it). An incident found by its key (open
/// already, or listed after an answer that proved nothing) may have been
/// announced by an earlier run: dw looks in the channel first, and posts
/// only when the history, read to its start, does not hold it.
pub fn step(settled: &Settled, channel: Option<&str>, looked: &Looked) -> Step {
    let Some(channel) = channel.map(String::from) else {
        return Step::NoPost;
    };
    match (settled, looked) {
        (Settled::DuplicateNotFound | Settled::NotOpened { .. }, _) => Step::NoPost,
        (Settled::Opened(_), _) => Step::Post {
            channel,
            repair: false,
        },
        (_, Looked::NotYet) => Step::Look(channel),
        (_, Looked::Found(ts)) => Step::Already {
            channel,
            ts: ts.clone(),
        },
        (_, Looked::Missing) => Step::Post {
            channel,
            repair: matches!(settled, Settled::AlreadyOpen(_)),
        },
        (_, Looked::Unreadable(why)) => Step::CannotTell {
            channel,
            why: why.clone(),
        },
    }
}

/// What came of a post whose answer was lost (a timeout, a 5xx), by a
/// second look in the channel. It is never resent in the same run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LostPost {
    /// Slack took it: the message's `ts`.
    Arrived(String),
    /// The channel does not hold it: not posted. The next run looks again
    /// and posts it then.
    NotArrived,
    /// dw cannot tell (why).
    Unknown(String),
}

/// Read a lost post's fate from the second look.
pub fn lost_post(looked: &Looked) -> LostPost {
    match looked {
        Looked::Found(ts) => LostPost::Arrived(ts.clone()),
        Looked::Missing => LostPost::NotArrived,
        Looked::Unreadable(why) => LostPost::Unknown(why.clone()),
        Looked::NotYet => LostPost::Unknown("dw did not look for it".into()),
    }
}

#[cfg(test)]
#[path = "incident_start_tests.rs"]
mod tests;
