//! Schedules: who is on call, the final schedule, and the overrides that
//! `dw sync pagerduty` reads, creates and deletes.

use reqwest::Method;
use serde::Deserialize;
use serde_json::{json, Value};

use super::*;
use crate::http::{HttpError, Request};

impl PagerDuty<'_> {
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
                self.note_refusal(&e);
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
            Err(e) => {
                self.note_refusal(&e);
                Deleted::Failed(service_error(&what, e).to_string())
            }
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

#[cfg(test)]
mod tests {
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
