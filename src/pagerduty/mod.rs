//! Typed client of the PagerDuty REST API v2. Prints nothing.
//!
//! Field names follow `../shared/specs/pagerduty-rest-openapiv3.json`.

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
        // The incident_key makes a repeated POST harmless.
        req.idempotent = true;
        req
    }

    /// Open an incident; when one with the same key is already open, return it.
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
            }) if is_duplicate_key(body) => {
                let open = self.incidents(&IncidentQuery {
                    statuses: vec!["triggered", "acknowledged"],
                    incident_key: Some(new.incident_key.clone()),
                    all_dates: true,
                    ..IncidentQuery::default()
                })?;
                match open.into_iter().next() {
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
                }
            }
            Err(e) => Err(service_error(what, e)),
        }
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

    /// `GET /schedules/{id}/overrides` between two instants.
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
            &[("since", since.to_string()), ("until", until.to_string())],
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
        self.request(
            Method::DELETE,
            &format!(
                "/schedules/{}/overrides/{}",
                path_segment(schedule),
                path_segment(id)
            ),
            &[],
        )
    }

    /// Send a request built by one of the `*_request` methods. PagerDuty
    /// answers a batch of overrides with one status per item inside a 201:
    /// the items it rejected come back as (index, reason).
    pub fn execute(&self, req: &Request) -> Result<Vec<(usize, String)>> {
        let what = format!("{} {}", req.method, req.url.path());
        let body = self.send(&what, req)?;
        let Ok(Value::Array(items)) = decode_json(&body) else {
            return Ok(Vec::new());
        };
        Ok(items
            .iter()
            .enumerate()
            .filter(|(_, i)| {
                i.get("status")
                    .and_then(Value::as_u64)
                    .is_some_and(|s| s >= 400)
            })
            .map(|(n, i)| {
                let reason = match i.get("errors").and_then(Value::as_array) {
                    Some(errors) => errors
                        .iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join("; "),
                    None => i.to_string(),
                };
                (n, reason)
            })
            .collect())
    }
}

/// PagerDuty's answer to a second open incident with the same key.
fn is_duplicate_key(body: &str) -> bool {
    let lower = body.to_ascii_lowercase();
    lower.contains("dedup key")
        || lower.contains("incident_key")
        || lower.contains("already exists")
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
    }

    #[test]
    fn path_segments_are_escaped() {
        assert_eq!(path_segment("P1/../x y"), "P1%2F..%2Fx%20y");
    }
}
