//! Incidents and their log entries in the PagerDuty stand-in: their
//! setters, `POST /incidents`, `GET /incidents`, `GET /incidents/{id}` and
//! `GET /incidents/{id}/log_entries`.

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::{json, Value};

use super::super::{parse_instant, Answer, Seen};
use super::http::{error, invalid, not_found, zulu};
use super::{Incident, LogOrder, PagerDuty, State};

impl PagerDuty {
    /// A triggered incident on `service`, as if opened in PagerDuty's web
    /// app now; returns its id.
    pub fn add_incident(&self, service: &str, title: &str) -> String {
        let mut s = self.state();
        let now = s.now;
        let id = s.new_id("P");
        let entry = s.new_id("R");
        let number = s.incidents.len() as u64 + 1;
        s.incidents.push(Incident {
            id: id.clone(),
            number,
            title: title.into(),
            status: "triggered".into(),
            service: service.into(),
            incident_key: None,
            urgency: "high".into(),
            created_at: now,
            log: vec![(entry, "trigger_log_entry".into(), "Triggered".into(), now)],
        });
        id
    }

    pub fn incidents(&self) -> Vec<Incident> {
        self.state().incidents.clone()
    }

    /// The order the log entries of an incident are listed in.
    pub fn set_log_order(&self, order: LogOrder) {
        self.state().log_order = order;
    }

    /// A log entry on incident `id` (an annotation, a notification) at `at`;
    /// returns its id.
    pub fn add_log_entry(&self, id: &str, kind: &str, summary: &str, at: DateTime<Utc>) -> String {
        let mut s = self.state();
        let entry = s.new_id("R");
        if let Some(i) = s.incidents.iter_mut().find(|i| i.id == id) {
            i.log.push((entry.clone(), kind.into(), summary.into(), at));
            i.log.sort_by_key(|e| e.3);
        }
        entry
    }

    /// Give an incident a de-duplication key (as an integration that
    /// opened it would have).
    pub fn set_incident_key(&self, id: &str, key: &str) {
        if let Some(i) = self.state().incidents.iter_mut().find(|i| i.id == id) {
            i.incident_key = Some(key.to_string());
        }
    }

    /// `GET /incidents` ignores `statuses[]`, `service_ids[]` and
    /// `incident_key` and lists every incident (in the window). PagerDuty
    /// itself lists, for a key, also the incidents whose alerts carry it
    /// (the `incident_key` parameter's description in the openapi); a
    /// proxy or an older API may drop the filters altogether.
    pub fn set_ignore_incident_filters(&self, on: bool) {
        self.state().ignore_incident_filters = on;
    }

    /// Change an incident's status (`triggered`, `acknowledged`, `resolved`).
    pub fn set_incident_status(&self, id: &str, status: &str) {
        let mut s = self.state();
        let now = s.now;
        let entry = s.new_id("R");
        if let Some(i) = s.incidents.iter_mut().find(|i| i.id == id) {
            i.status = status.to_string();
            let kind = match status {
                "resolved" => "resolve_log_entry",
                "acknowledged" => "acknowledge_log_entry",
                _ => "trigger_log_entry",
            };
            i.log
                .push((entry, kind.into(), format!("{status} by the stand-in"), now));
        }
    }
}

impl State {
    pub(super) fn get_incident(&self, id: &str) -> Answer {
        match self.incidents.iter().find(|i| i.id == id) {
            Some(i) => Answer::json(200, json!({ "incident": self.incident_json(i) })),
            None => not_found(),
        }
    }

    pub(super) fn log_entries(&self, seen: &Seen, id: &str) -> Answer {
        let Some(i) = self.incidents.iter().find(|i| i.id == id) else {
            return not_found();
        };
        let mut log: Vec<_> = i.log.iter().collect();
        if self.log_order == LogOrder::Newest {
            log.reverse();
        }
        let all: Vec<Value> = log
            .into_iter()
            .map(|(lid, kind, summary, at)| {
                json!({
                    "id": lid, "type": kind, "summary": summary,
                    "created_at": zulu(*at),
                    "incident": {"id": i.id, "type": "incident_reference"},
                })
            })
            .collect();
        self.page(seen, "log_entries", all)
    }

    fn incident_json(&self, i: &Incident) -> Value {
        let updated = i.log.iter().map(|e| e.3).max().unwrap_or(i.created_at);
        let service = self
            .services
            .iter()
            .find(|(id, _)| *id == i.service)
            .map(|(_, n)| n.clone())
            .unwrap_or_default();
        json!({
            "id": i.id,
            "type": "incident",
            "incident_number": i.number,
            "title": i.title,
            "summary": format!("[#{}] {}", i.number, i.title),
            "status": i.status,
            "urgency": i.urgency,
            "incident_key": i.incident_key,
            "html_url": format!("https://standin.pagerduty.com/incidents/{}", i.id),
            "self": format!("https://api.pagerduty.com/incidents/{}", i.id),
            "service": {"id": i.service, "type": "service_reference", "summary": service},
            "created_at": zulu(i.created_at),
            "updated_at": zulu(updated),
            // "If the incident is not currently acknowledged or resolved,
            // this will be the incident's updated_at" (openapi).
            "last_status_change_at": zulu(if i.status == "triggered" { updated } else { last_status_change(i) }),
            "resolved_at": (i.status == "resolved").then(|| zulu(last_status_change(i))),
        })
    }

    pub(super) fn create_incident(&mut self, seen: &Seen) -> Answer {
        if seen.header("from").is_none_or(|f| !f.contains('@')) {
            return invalid("A valid user email address is required in the From header");
        }
        let inc = &seen.body["incident"];
        let Some(title) = inc["title"].as_str() else {
            return invalid("Incident title is required");
        };
        let Some(service) = inc["service"]["id"].as_str() else {
            return invalid("Incident service is required");
        };
        if !self.services.iter().any(|(id, _)| id == service) {
            return invalid("Service not found");
        }
        let key = inc["incident_key"].as_str().map(str::to_string);
        if key.is_some()
            && self
                .incidents
                .iter()
                .any(|i| i.service == service && i.incident_key == key && i.status != "resolved")
        {
            return error(
                400,
                "Arguments Caused Error",
                2002,
                &["Open incident with matching dedup key already exists on this service"],
            );
        }
        let id = self.new_id("P");
        let entry = self.new_id("R");
        let incident = Incident {
            id,
            number: self.incidents.len() as u64 + 1,
            title: title.to_string(),
            status: "triggered".into(),
            service: service.to_string(),
            incident_key: key,
            urgency: inc["urgency"].as_str().unwrap_or("high").to_string(),
            created_at: self.now,
            log: vec![(
                entry,
                "trigger_log_entry".into(),
                "Triggered through the API".into(),
                self.now,
            )],
        };
        let shown = self.incident_json(&incident);
        self.incidents.push(incident);
        Answer::json(201, json!({ "incident": shown }))
    }

    pub(super) fn list_incidents(&self, seen: &Seen) -> Answer {
        let (statuses, services, key) = if self.ignore_incident_filters {
            (Vec::new(), Vec::new(), None)
        } else {
            (
                seen.params("statuses[]"),
                seen.params("service_ids[]"),
                seen.param("incident_key"),
            )
        };
        let window = if seen.param("date_range") == Some("all") {
            None
        } else {
            let parse = |n: &str| seen.param(n).map(|v| parse_instant(v).ok_or(()));
            let (since, until) = match (parse("since"), parse("until")) {
                (Some(Err(())), _) | (_, Some(Err(()))) => {
                    return invalid("since and until must be ISO 8601 date-times")
                }
                (Some(Ok(s)), Some(Ok(u))) => (s, u),
                (Some(Ok(s)), None) => (s, self.now),
                (None, Some(Ok(u))) => (u - TimeDelta::days(30), u),
                (None, None) => (self.now - TimeDelta::days(30), self.now),
            };
            if until < since || until - since > TimeDelta::days(183) {
                return invalid("The date range must be at most 6 months, with until after since");
            }
            Some((since, until))
        };
        let all: Vec<Value> = self
            .incidents
            .iter()
            .filter(|i| statuses.is_empty() || statuses.contains(&i.status.as_str()))
            .filter(|i| services.is_empty() || services.contains(&i.service.as_str()))
            .filter(|i| key.is_none() || i.incident_key.as_deref() == key)
            .filter(|i| window.is_none_or(|(s, u)| s <= i.created_at && i.created_at < u))
            .map(|i| self.incident_json(i))
            .collect();
        self.page(seen, "incidents", all)
    }
}

/// When an incident's status last changed: its last trigger, acknowledge or
/// resolve entry (its creation when there is none).
fn last_status_change(i: &Incident) -> DateTime<Utc> {
    i.log
        .iter()
        .filter(|e| {
            matches!(
                e.1.as_str(),
                "trigger_log_entry" | "acknowledge_log_entry" | "resolve_log_entry"
            )
        })
        .map(|e| e.3)
        .max()
        .unwrap_or(i.created_at)
}
