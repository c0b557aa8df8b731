//! What `dw incident start` makes of PagerDuty's answers, decided without
//! I/O: which incident is this run's, and whether it is announced in Slack.
//! The command (`commands/incident/`) sends the requests; this decides.
//!
//! An incident counts as the one dw sent only when PagerDuty's copy has the
//! same `incident_key`, the same service, and is open. A listed incident
//! that differs in any of these is not it, whatever the list was asked for:
//! PagerDuty lists incidents whose alerts carry the key too, and a server
//! may ignore a filter.

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
    /// This run opened it.
    Opened(Incident),
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
        // PagerDuty opened it before failing: this run's incident.
        OpenAnswer::Unsure(why) => match found() {
            Some(i) => Settled::Opened(i),
            None => Settled::NotOpened { why },
        },
    }
}

impl Settled {
    /// The incident, when there is one.
    pub fn incident(&self) -> Option<&Incident> {
        match self {
            Settled::Opened(i) | Settled::AlreadyOpen(i) => Some(i),
            Settled::DuplicateNotFound | Settled::NotOpened { .. } => None,
        }
    }

    /// Why there is no incident (after `PagerDuty POST /incidents: `), or `None`.
    pub fn failure(&self, key: &str) -> Option<String> {
        match self {
            Settled::Opened(_) | Settled::AlreadyOpen(_) => None,
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

/// Whether the incident is posted in the incident channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Announce {
    /// Post it in this channel.
    Post(String),
    /// It was already open, so it was announced when it was opened.
    AlreadyAnnounced,
    /// No post: `--no-slack`, or no channel.
    NoPost,
}

/// Decide the Slack post: only an incident this run opened is announced.
pub fn announce(settled: &Settled, channel: Option<&str>) -> Announce {
    match (settled, channel) {
        (Settled::AlreadyOpen(_), Some(_)) => Announce::AlreadyAnnounced,
        (Settled::Opened(_), Some(c)) => Announce::Post(c.to_string()),
        _ => Announce::NoPost,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pagerduty::Reference;

    fn incident(id: &str, key: Option<&str>, service: Option<&str>, status: &str) -> Incident {
        Incident {
            id: id.into(),
            status: status.into(),
            incident_key: key.map(String::from),
            service: service.map(|s| Reference {
                id: s.into(),
                ..Reference::default()
            }),
            ..Incident::default()
        }
    }

    const SENT: Sent<'static> = Sent {
        incident_key: "dw-k",
        service: "P1",
    };

    #[test]
    fn only_the_same_key_service_and_an_open_status_are_the_incident() {
        // (name, incident, is it)
        let cases = [
            (
                "same",
                incident("A", Some("dw-k"), Some("P1"), "triggered"),
                true,
            ),
            (
                "acknowledged",
                incident("A", Some("dw-k"), Some("P1"), "acknowledged"),
                true,
            ),
            (
                "resolved",
                incident("A", Some("dw-k"), Some("P1"), "resolved"),
                false,
            ),
            (
                "another key",
                incident("A", Some("dw-x"), Some("P1"), "triggered"),
                false,
            ),
            (
                "no key",
                incident("A", None, Some("P1"), "triggered"),
                false,
            ),
            (
                "another service",
                incident("A", Some("dw-k"), Some("P2"), "triggered"),
                false,
            ),
            (
                "no service",
                incident("A", Some("dw-k"), None, "triggered"),
                false,
            ),
            (
                "key in another case",
                incident("A", Some("DW-K"), Some("P1"), "triggered"),
                false,
            ),
        ];
        for (name, i, want) in cases {
            assert_eq!(is_the_incident(&i, &SENT), want, "{name}");
        }
    }

    #[test]
    fn settle_trusts_only_the_matching_incident() {
        let it = incident("IT", Some("dw-k"), Some("P1"), "triggered");
        let noise = vec![
            incident("OTHER", Some("key-OTHER"), Some("P1"), "triggered"),
            incident("ELSEWHERE", Some("dw-k"), Some("P2"), "triggered"),
            incident("OLD", Some("dw-k"), Some("P1"), "resolved"),
        ];
        let with_it: Vec<Incident> = noise.iter().cloned().chain([it.clone()]).collect();
        let unsure = || OpenAnswer::Unsure("HTTP 502".into());
        // (name, answer, listed, settled)
        let cases = [
            (
                "created",
                OpenAnswer::Created(Box::new(it.clone())),
                noise.clone(),
                Settled::Opened(it.clone()),
            ),
            (
                "duplicate, found among others",
                OpenAnswer::DuplicateKey,
                with_it.clone(),
                Settled::AlreadyOpen(it.clone()),
            ),
            (
                "duplicate, only others",
                OpenAnswer::DuplicateKey,
                noise.clone(),
                Settled::DuplicateNotFound,
            ),
            (
                "unsure, found",
                unsure(),
                with_it.clone(),
                Settled::Opened(it.clone()),
            ),
            (
                "unsure, only others",
                unsure(),
                noise.clone(),
                Settled::NotOpened {
                    why: "HTTP 502".into(),
                },
            ),
            (
                "unsure, nothing",
                unsure(),
                Vec::new(),
                Settled::NotOpened {
                    why: "HTTP 502".into(),
                },
            ),
        ];
        for (name, answer, listed, want) in cases {
            assert_eq!(
                needs_lookup(&answer),
                !name.starts_with("created"),
                "{name}"
            );
            let got = settle(answer, &listed, &SENT);
            assert_eq!(got, want, "{name}");
            assert_eq!(
                got.incident().is_some(),
                got.failure("dw-k").is_none(),
                "{name}"
            );
        }
    }

    #[test]
    fn failures_say_the_key_and_what_to_do() {
        let not = Settled::NotOpened {
            why: "HTTP 500".into(),
        };
        let text = not.failure("dw-k").unwrap_or_default();
        assert!(
            text.starts_with("HTTP 500; no open incident with key dw-k"),
            "{text}"
        );
        assert!(text.contains("run the same command again"), "{text}");
        let dup = Settled::DuplicateNotFound
            .failure("dw-k")
            .unwrap_or_default();
        assert!(
            dup.contains("key dw-k exists, but dw cannot find it"),
            "{dup}"
        );
    }

    #[test]
    fn only_an_incident_this_run_opened_is_announced() {
        let it = incident("IT", Some("dw-k"), Some("P1"), "triggered");
        // (settled, channel, announce)
        let cases = [
            (
                Settled::Opened(it.clone()),
                Some("#inc"),
                Announce::Post("#inc".into()),
            ),
            (Settled::Opened(it.clone()), None, Announce::NoPost),
            (
                Settled::AlreadyOpen(it.clone()),
                Some("#inc"),
                Announce::AlreadyAnnounced,
            ),
            (Settled::AlreadyOpen(it), None, Announce::NoPost),
            (Settled::DuplicateNotFound, Some("#inc"), Announce::NoPost),
        ];
        for (settled, channel, want) in cases {
            assert_eq!(announce(&settled, channel), want, "{settled:?} {channel:?}");
        }
    }
}
