//! Typed client of the PagerDuty REST API v2. Prints nothing.
//!
//! Field names follow PagerDuty's REST API v2 OpenAPI description.

use std::collections::HashSet;

use reqwest::{Method, Url};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::http::{decode_json, endpoint, pagerduty_headers, Http, HttpError, Request};

pub mod types;

pub use types::*;

/// The production API.
pub const DEFAULT_URL: &str = "https://api.pagerduty.com";

/// Page size for list calls (PagerDuty's maximum is 100).
const PAGE: usize = 100;
/// PagerDuty stops classic pagination at offset 10,000.
const MAX_PAGES: usize = 100;

/// The PagerDuty REST client.
pub struct PagerDuty<'h> {
    http: &'h Http,
    base: Url,
    token: String,
    from: Option<String>,
}

/// Why a PagerDuty call failed. Turned into the command's error (with its
/// printed message unchanged) in `commands/`.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request failed: no answer, an error status, a refused redirect, an
    /// ambiguous failure of a request that is not safe to repeat…
    #[error("PagerDuty {what}: {source}")]
    Http {
        what: String,
        #[source]
        source: Box<HttpError>,
    },
    /// The answer is not what dw expects.
    #[error("PagerDuty {what}: {detail}")]
    Answer { what: String, detail: String },
}

impl ApiError {
    /// The HTTP failure underneath, if that is what it was.
    pub fn http(&self) -> Option<&HttpError> {
        match self {
            ApiError::Http { source, .. } => Some(source.as_ref()),
            ApiError::Answer { .. } => None,
        }
    }

    /// A request that is not safe to repeat may or may not have taken effect.
    pub fn is_ambiguous(&self) -> bool {
        matches!(self.http(), Some(HttpError::Ambiguous { .. }))
    }
}

/// Results of the PagerDuty client.
pub type Result<T, E = ApiError> = std::result::Result<T, E>;

fn service_error(what: &str, e: HttpError) -> ApiError {
    ApiError::Http {
        what: what.to_string(),
        source: Box::new(e),
    }
}

fn answer_error(what: &str, detail: String) -> ApiError {
    ApiError::Answer {
        what: what.to_string(),
        detail,
    }
}

/// Decode a PagerDuty answer into `T`; every string in it is made
/// terminal-safe first (see [`crate::http::decode_json`]).
pub fn decode<T: DeserializeOwned>(what: &str, body: &str) -> Result<T> {
    let wrong = |e: serde_json::Error| {
        answer_error(what, format!("the answer is not the JSON dw expects ({e})"))
    };
    let value = decode_json(body).map_err(wrong)?;
    serde_json::from_value(value).map_err(wrong)
}

impl<'h> PagerDuty<'h> {
    /// A client for `base` (see `DW_PAGERDUTY_URL`); `from` is the requester's email.
    pub fn new(http: &'h Http, base: Url, token: String, from: Option<String>) -> Self {
        PagerDuty {
            http,
            base,
            token,
            from,
        }
    }

    /// The base URL this client talks to.
    pub fn base_url(&self) -> &Url {
        &self.base
    }

    fn request(&self, method: Method, path: &str, query: &[(&str, String)]) -> Request {
        let mut url = endpoint(&self.base, path);
        if !query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (k, v) in query {
                pairs.append_pair(k, v);
            }
        }
        let mut req = Request::new(method, url);
        req.headers = pagerduty_headers(&self.token);
        req.service = "PagerDuty";
        req
    }

    fn send(&self, what: &str, req: &Request) -> Result<String> {
        self.http
            .send(req)
            .map(|r| r.body)
            .map_err(|e| service_error(what, e))
    }

    /// Every item of a paginated list, following `more` to the end.
    fn list<T: DeserializeOwned>(
        &self,
        path: &str,
        key: &str,
        query: &[(&str, String)],
    ) -> Result<Vec<T>> {
        let what = format!("GET {path}");
        let mut items = Vec::new();
        let mut seen_pages: HashSet<String> = HashSet::new();
        let mut offset = 0;
        let mut pages = 0;
        loop {
            if pages == MAX_PAGES {
                self.http.notice(format!(
                    "PagerDuty {what}: stopped after {MAX_PAGES} pages ({} items); PagerDuty said there were more, so this list is incomplete",
                    items.len()
                ));
                break;
            }
            pages += 1;
            let mut q = query.to_vec();
            q.push(("limit", PAGE.to_string()));
            q.push(("offset", offset.to_string()));
            let body = self.send(&what, &self.request(Method::GET, path, &q))?;
            let page: Value = decode(&what, &body)?;
            let list = page
                .get(key)
                .and_then(Value::as_array)
                .cloned()
                .ok_or_else(|| answer_error(&what, format!("the answer has no `{key}` list")))?;
            // A server that answers the same page again would loop forever.
            if list.is_empty()
                || !seen_pages.insert(serde_json::to_string(&list).unwrap_or_default())
            {
                break;
            }
            offset += list.len();
            for item in list {
                items.push(serde_json::from_value(item).map_err(|e| {
                    answer_error(&what, format!("an item is not what dw expects ({e})"))
                })?);
            }
            if !page.get("more").and_then(Value::as_bool).unwrap_or(false) {
                break;
            }
        }
        Ok(items)
    }

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
        // `create_incident` looks for it by its key instead.
        req
    }

    /// Open an incident; when one with the same key is already open, return it.
    /// After an answer that proves nothing (a 5xx, a timeout) the POST is not
    /// sent again: the incident is looked up by its key instead.
    pub fn create_incident(&self, new: &NewIncident) -> Result<Created> {
        let what = "POST /incidents";
        match self.http.send(&self.create_incident_request(new)) {
            Ok(resp) => {
                #[derive(Deserialize)]
                struct Body {
                    incident: Incident,
                }
                let body: Body = decode(what, &resp.body)?;
                Ok(Created {
                    incident: body.incident,
                    existing: false,
                })
            }
            Err(HttpError::Status {
                status: 400,
                ref body,
                ..
            }) if is_duplicate_key(body) => match self.open_with_key(new)? {
                Some(incident) => Ok(Created {
                    incident,
                    existing: true,
                }),
                None => Err(answer_error(
                    what,
                    format!(
                        "an open incident with key {} exists, but dw cannot find it",
                        new.incident_key
                    ),
                )),
            },
            Err(e @ HttpError::Ambiguous { .. }) => match self.open_with_key(new)? {
                // PagerDuty opened it before failing: this run's incident.
                Some(incident) => Ok(Created {
                    incident,
                    existing: false,
                }),
                None => Err(answer_error(
                    what,
                    format!(
                        "{e}; no open incident with key {} was found afterwards, so it was \
                         probably not opened: run the same command again (the key keeps \
                         PagerDuty from opening it twice)",
                        new.incident_key
                    ),
                )),
            },
            Err(e) => Err(service_error(what, e)),
        }
    }

    /// The open incident of `new`'s service with `new`'s key, if any. The key
    /// is only unique per service: another service's incident is never taken.
    fn open_with_key(&self, new: &NewIncident) -> Result<Option<Incident>> {
        let open = self.incidents(&IncidentQuery {
            statuses: vec!["triggered", "acknowledged"],
            service_ids: vec![new.service.clone()],
            incident_key: Some(new.incident_key.clone()),
            all_dates: true,
            ..IncidentQuery::default()
        })?;
        Ok(open
            .into_iter()
            .find(|i| i.service.as_ref().is_none_or(|s| s.id == new.service)))
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

    /// `GET /oncalls` for schedules between two instants, every page.
    pub fn oncalls(
        &self,
        schedule_ids: &[String],
        since: &str,
        until: &str,
    ) -> Result<Vec<Oncall>> {
        let mut query: Vec<(&str, String)> = schedule_ids
            .iter()
            .map(|s| ("schedule_ids[]", s.clone()))
            .collect();
        query.push(("since", since.to_string()));
        query.push(("until", until.to_string()));
        self.list("/oncalls", "oncalls", &query)
    }

    /// `GET /schedules/{id}` rendered between two instants, times in UTC: the
    /// final schedule (layers overlaid by overrides), cut at the window.
    pub fn final_schedule(
        &self,
        schedule: &str,
        since: &str,
        until: &str,
    ) -> Result<Vec<RenderedEntry>> {
        let path = format!("/schedules/{}", path_segment(schedule));
        let what = format!("GET {path}");
        let req = self.request(
            Method::GET,
            &path,
            &[
                ("since", since.to_string()),
                ("until", until.to_string()),
                ("time_zone", "UTC".to_string()),
            ],
        );
        let body: Value = decode(&what, &self.send(&what, &req)?)?;
        let entries = body
            .pointer("/schedule/final_schedule/rendered_schedule_entries")
            .cloned()
            .ok_or_else(|| ApiError::Answer {
                what: what.clone(),
                detail: "the answer has no schedule.final_schedule.rendered_schedule_entries"
                    .into(),
            })?;
        serde_json::from_value(entries).map_err(|e| ApiError::Answer {
            what: what.clone(),
            detail: format!("a schedule entry is not what dw expects ({e})"),
        })
    }

    /// `GET /schedules/{id}/overrides` between two instants, each override whole.
    pub fn overrides(
        &self,
        schedule: &str,
        since: &str,
        until: &str,
    ) -> Result<Vec<ScheduleOverride>> {
        let path = format!("/schedules/{}/overrides", path_segment(schedule));
        let what = format!("GET {path}");
        let req = self.request(
            Method::GET,
            &path,
            &[
                ("since", since.to_string()),
                ("until", until.to_string()),
                // Whole overrides, not cut at the window: ownership compares exact bounds.
                ("overflow", "true".to_string()),
            ],
        );
        #[derive(Deserialize)]
        struct Body {
            overrides: Vec<ScheduleOverride>,
        }
        let body: Body = decode(&what, &self.send(&what, &req)?)?;
        Ok(body.overrides)
    }

    /// `POST /schedules/{id}/overrides` as it will be sent.
    pub fn create_overrides_request(
        &self,
        schedule: &str,
        overrides: &[ScheduleOverride],
        time_zone: &str,
    ) -> Request {
        let items: Vec<Value> = overrides
            .iter()
            .map(|o| {
                json!({
                    "start": o.start,
                    "end": o.end,
                    "user": {"id": o.user.id, "type": "user_reference"},
                    "time_zone": time_zone,
                })
            })
            .collect();
        self.request(
            Method::POST,
            &format!("/schedules/{}/overrides", path_segment(schedule)),
            &[],
        )
        .json(json!({ "overrides": items }))
    }

    /// `DELETE /schedules/{id}/overrides/{override_id}` as it will be sent.
    pub fn delete_override_request(&self, schedule: &str, id: &str) -> Request {
        let mut req = self.request(
            Method::DELETE,
            &format!(
                "/schedules/{}/overrides/{}",
                path_segment(schedule),
                path_segment(id)
            ),
            &[],
        );
        // Not resent after a 5xx or a timeout: it may have ended an override in progress.
        req.idempotent = false;
        req
    }

    /// Send a batched `POST /schedules/{id}/overrides` built by
    /// [`Self::create_overrides_request`] with `count` items, and say what
    /// became of each: only a 201 whose item has a 2xx status and an override
    /// id proves a creation. A 4xx refuses them all; a 5xx, a timeout or an
    /// answer that proves nothing leaves each one unknown.
    pub fn create_overrides(&self, req: &Request, count: usize) -> Vec<ItemOutcome> {
        let what = format!("{} {}", req.method, req.url.path());
        match self.http.send(req) {
            Ok(resp) => item_outcomes(resp.status.as_u16(), &resp.body, count),
            Err(e) => {
                let refused =
                    matches!(&e, HttpError::Status { status, .. } if (400..500).contains(status));
                let text = service_error(&what, e).to_string();
                let outcome = if refused {
                    ItemOutcome::Rejected(text)
                } else {
                    ItemOutcome::Unknown(text)
                };
                vec![outcome; count]
            }
        }
    }

    /// Send a `DELETE` built by [`Self::delete_override_request`].
    pub fn delete_override(&self, req: &Request) -> Deleted {
        let what = format!("{} {}", req.method, req.url.path());
        match self.http.send(req) {
            Ok(resp) if resp.status.is_success() => Deleted::Done,
            Ok(resp) => Deleted::Failed(format!(
                "PagerDuty {what}: answered HTTP {}",
                resp.status.as_u16()
            )),
            Err(HttpError::Status { status: 404, .. }) => Deleted::Gone,
            Err(e @ HttpError::Ambiguous { .. }) => {
                Deleted::Unknown(service_error(&what, e).to_string())
            }
            Err(e) => Deleted::Failed(service_error(&what, e).to_string()),
        }
    }
}

/// Each item of a batched create's answer (`status`, `body`), `count` items
/// sent: only a 201 whose item has a 2xx status and an override id proves a
/// creation. Public for the `answers` fuzz target.
pub fn item_outcomes(status: u16, body: &str, count: usize) -> Vec<ItemOutcome> {
    let unknown = |why: &str| {
        vec![ItemOutcome::Unknown(format!("PagerDuty's answer proves nothing ({why})")); count]
    };
    if status != 201 {
        return unknown(&format!("HTTP {status} instead of 201"));
    }
    // Decoded terminal-safe: the items' `errors` are shown to people.
    let Ok(Value::Array(items)) = decode_json(body) else {
        return unknown("HTTP 201 without a list of results");
    };
    (0..count)
        .map(|n| {
            let Some(item) = items.get(n) else {
                return ItemOutcome::Unknown(
                    "PagerDuty's answer proves nothing (no result for this override)".into(),
                );
            };
            let item_status = item.get("status").and_then(Value::as_u64);
            let created = item
                .get("override")
                .cloned()
                .and_then(|o| serde_json::from_value::<ScheduleOverride>(o).ok())
                .filter(|o| o.id.as_deref().is_some_and(|id| !id.is_empty()));
            match (item_status, created) {
                (Some(200..=299), Some(o)) => ItemOutcome::Created(o),
                (Some(s), _) if s >= 400 => {
                    let reason = match item.get("errors").and_then(Value::as_array) {
                        Some(errors) => errors
                            .iter()
                            .filter_map(Value::as_str)
                            .collect::<Vec<_>>()
                            .join("; "),
                        None => format!("status {s}"),
                    };
                    ItemOutcome::Rejected(format!("rejected: {reason}"))
                }
                _ => ItemOutcome::Unknown(
                    "PagerDuty's answer proves nothing (no 2xx status and override id for this override)"
                        .into(),
                ),
            }
        })
        .collect()
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

/// Percent-encode an ID for use as one path segment.
fn path_segment(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
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

#[cfg(test)]
mod outcome_tests {
    use super::*;

    #[test]
    fn only_a_201_item_with_2xx_status_and_an_id_proves_a_creation() {
        let ok = r#"[{"status":201,"override":{"id":"Q1","start":"a","end":"b","user":{"id":"U1"}}},
                     {"status":400,"errors":["Override must end after its start"],"override":{}},
                     {"status":201,"override":{"start":"a","end":"b","user":{"id":"U1"}}}]"#;
        let got = item_outcomes(201, ok, 4);
        assert!(matches!(&got[0], ItemOutcome::Created(o) if o.id.as_deref() == Some("Q1")));
        assert!(matches!(&got[1], ItemOutcome::Rejected(r) if r.contains("must end after")));
        assert!(matches!(&got[2], ItemOutcome::Unknown(_)));
        assert!(matches!(&got[3], ItemOutcome::Unknown(_)));
        for (status, body) in [
            (200, r#"{"error":{"message":"x"}}"#),
            (201, "[]"),
            (201, "{"),
            (200, ok),
        ] {
            assert!(
                item_outcomes(status, body, 1)
                    .iter()
                    .all(|o| matches!(o, ItemOutcome::Unknown(_))),
                "{status} {body}"
            );
        }
    }
}
