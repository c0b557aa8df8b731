//! Incidents, services and escalation policies: opening an incident (once,
//! by its key) and reading what the handoff notes and analyses need.

use reqwest::Method;
use serde::Deserialize;
use serde_json::{json, Value};

use super::*;
use crate::http::{HttpError, Request};

impl PagerDuty<'_> {
    /// `POST /incidents` as it will be sent.
    pub fn create_incident_request(&self, new: &NewIncident) -> Request {
        let mut incident = json!({
            "type": "incident",
            "title": new.title,
            "service": {"id": new.service, "type": "service_reference"},
            "urgency": new.urgency,
            "incident_key": new.incident_key,
            "body": {"type": "incident_body", "details": new.details},
        });
        if let Some(policy) = &new.escalation_policy {
            incident["escalation_policy"] =
                json!({"id": policy, "type": "escalation_policy_reference"});
        }
        let mut req = self
            .request(Method::POST, "/incidents", &[])
            .json(json!({ "incident": incident }));
        if let Some(from) = &self.from {
            req = req.header("From", from.clone());
        }
        // Not resent after a 5xx or a timeout (PagerDuty may have opened it):
        // `dw incident start` looks for it by its key instead.
        req
    }

    /// Send `POST /incidents` once and say what the answer proves. After an
    /// answer that proves nothing (a 5xx, a timeout) the POST is not sent
    /// again: the caller looks the incident up by its key instead
    /// ([`PagerDuty::open_incidents_with_key`]) and decides what it found
    /// (`crate::incident_start`).
    pub fn create_incident(&self, new: &NewIncident) -> Result<OpenAnswer> {
        let what = "POST /incidents";
        match self.http.send(&self.create_incident_request(new)) {
            Ok(resp) => {
                #[derive(Deserialize)]
                struct Body {
                    incident: Incident,
                }
                let body: Body = decode(what, &resp.body)?;
                Ok(OpenAnswer::Created(Box::new(body.incident)))
            }
            Err(HttpError::Status {
                status: 400,
                ref body,
                ..
            }) if is_duplicate_key(body) => Ok(OpenAnswer::DuplicateKey),
            Err(e @ HttpError::Ambiguous { .. }) => Ok(OpenAnswer::Unsure(e.to_string())),
            Err(e) => Err(service_error(what, e)),
        }
    }

    /// The open incidents of `new`'s service with `new`'s key, as PagerDuty
    /// lists them. The list is not trusted: PagerDuty also lists incidents
    /// whose alerts carry the key, and a server may ignore a filter; which
    /// of them is `new` is decided by `crate::incident_start::is_the_incident`.
    pub fn open_incidents_with_key(&self, new: &NewIncident) -> Result<Vec<Incident>> {
        self.incidents(&IncidentQuery {
            statuses: vec!["triggered", "acknowledged"],
            service_ids: vec![new.service.clone()],
            incident_key: Some(new.incident_key.clone()),
            all_dates: true,
            ..IncidentQuery::default()
        })
    }

    /// `GET /incidents`, every page.
    pub fn incidents(&self, q: &IncidentQuery) -> Result<Vec<Incident>> {
        let mut query: Vec<(&str, String)> = Vec::new();
        for s in &q.statuses {
            query.push(("statuses[]", s.to_string()));
        }
        for s in &q.service_ids {
            query.push(("service_ids[]", s.clone()));
        }
        if let Some(since) = &q.since {
            query.push(("since", since.clone()));
        }
        if let Some(until) = &q.until {
            query.push(("until", until.clone()));
        }
        if let Some(key) = &q.incident_key {
            query.push(("incident_key", key.clone()));
        }
        if q.all_dates {
            query.push(("date_range", "all".into()));
        }
        self.list("/incidents", "incidents", &query)
    }

    /// `GET /services`, every page (for choosing a service by name).
    pub fn services(&self) -> Result<Vec<Service>> {
        self.list("/services", "services", &[])
    }

    /// `GET /services/{id}`.
    pub fn service(&self, id: &str) -> Result<Service> {
        let path = format!("/services/{}", path_segment(id));
        let what = format!("GET {path}");
        #[derive(Deserialize)]
        struct Body {
            service: Service,
        }
        let body: Body = decode(
            &what,
            &self.send(&what, &self.request(Method::GET, &path, &[]))?,
        )?;
        Ok(body.service)
    }

    /// `GET /escalation_policies/{id}`: the services that use it.
    pub fn escalation_policy(&self, id: &str) -> Result<EscalationPolicy> {
        let path = format!("/escalation_policies/{}", path_segment(id));
        let what = format!("GET {path}");
        #[derive(Deserialize)]
        struct Body {
            escalation_policy: EscalationPolicy,
        }
        let body: Body = decode(
            &what,
            &self.send(&what, &self.request(Method::GET, &path, &[]))?,
        )?;
        Ok(body.escalation_policy)
    }

    /// `GET /incidents/{id}`.
    pub fn incident(&self, id: &str) -> Result<Incident> {
        let path = format!("/incidents/{}", path_segment(id));
        let what = format!("GET {path}");
        #[derive(Deserialize)]
        struct Body {
            incident: Incident,
        }
        let body: Body = decode(
            &what,
            &self.send(&what, &self.request(Method::GET, &path, &[]))?,
        )?;
        Ok(body.incident)
    }

    /// `GET /incidents/{id}/log_entries`, every page, oldest first as PagerDuty gives them.
    pub fn log_entries(&self, id: &str) -> Result<Vec<LogEntry>> {
        self.list(
            &format!("/incidents/{}/log_entries", path_segment(id)),
            "log_entries",
            &[],
        )
    }
}

/// What PagerDuty says, in `error.errors[]`, when an open incident on the
/// service already has the key: 400, code 2002, "Open incident with matching
/// dedup key already exists on this service".
const DUPLICATE_KEY: &str = "matching dedup key already exists";

/// PagerDuty's answer to a second open incident with the same key, and only
/// that: other 400s (a bad field, a missing title) stay errors.
fn is_duplicate_key(body: &str) -> bool {
    let Ok(v) = serde_json::from_str::<Value>(body) else {
        return false;
    };
    let error = &v["error"];
    let says = |t: &str| t.to_ascii_lowercase().contains(DUPLICATE_KEY);
    error["errors"]
        .as_array()
        .is_some_and(|e| e.iter().filter_map(Value::as_str).any(says))
        || error["message"].as_str().is_some_and(says)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_key_answers_are_recognised() {
        assert!(is_duplicate_key(
            r#"{"error":{"message":"Incident Already Exists","code":2001,"errors":["Open incident with matching dedup key already exists on this service"]}}"#
        ));
        assert!(!is_duplicate_key(
            r#"{"error":{"message":"Invalid Input Provided","errors":["Title is missing"]}}"#
        ));
        // A 400 that merely mentions the key is not the duplicate answer.
        assert!(!is_duplicate_key(
            r#"{"error":{"message":"Invalid Input Provided","code":2001,"errors":["incident_key is too long; Incident Already Exists elsewhere"]}}"#
        ));
        assert!(!is_duplicate_key(
            "Open incident with matching dedup key already exists"
        ));
    }

    #[test]
    fn path_segments_are_escaped() {
        assert_eq!(path_segment("P1/../x y"), "P1%2F..%2Fx%20y");
    }
}
