//! A PagerDuty REST API v2 stand-in.
//!
//! What it models, and where the behaviour was read:
//! - Auth `Authorization: Token token=…`; else 401
//!   `{"error":{"message":"Unauthorized","code":2006}}`. Errors always have
//!   PagerDuty's shape `{"error":{"message","code","errors":[…]}}`
//!   (pagerduty-rest-openapiv3.json, components/responses/*: one schema).
//! - Classic pagination: `limit` (default 25, at most 100: larger values are
//!   clamped), `offset`, `more`, `total` null unless `total=true`
//!   (openapi `limit`/`total` parameters; "Maximum of 100" on /incidents).
//! - `GET /schedules/{id}`: `final_schedule` = layers overlaid by overrides,
//!   the LAST CREATED override wins ("If you create an override on top of an
//!   existing override, the last created override will have priority",
//!   POST /schedules/{id}/overrides); entries truncated at the bounds unless
//!   `overflow=true` (the `overflow` parameter); `since` defaults to two
//!   weeks before `until` and `until` to two weeks after `since`; times
//!   rendered in `time_zone`, by default the schedule's. The docs state no
//!   maximum window for rendering a schedule (searched the API reference and
//!   issue trackers; none found), so [`PagerDuty::set_max_render_days`] is
//!   off by default; a test may switch a limit on (400 beyond it).
//! - `GET /schedules/{id}/overrides`: `since`/`until` required; `editable`
//!   keeps only future overrides and gives only their `id`; truncated at the
//!   bounds unless `overflow=true` (openapi parameter descriptions).
//! - `POST /schedules/{id}/overrides`: 201 and an array of
//!   `{status, errors?, override}` per item; text "Override must end after
//!   its start" is the openapi example's. The deprecated single form
//!   `{"override":{…}}` answers 201 `{"override":{…}}`.
//! - `DELETE /schedules/{id}/overrides/{oid}`: "You cannot remove a past
//!   override" (400 here; the openapi lists no status for it); one in
//!   progress is truncated to now and answers 200; else 204 (openapi).
//! - `GET /oncalls`: "On-call shifts are limited to 90 days in the future";
//!   `since`/`until` default to now; only schedules used by an escalation
//!   policy produce on-calls; each entry is a whole on-call span that
//!   overlaps the window (not truncated). The exact 400 text for a window past
//!   90 days was not found; this stand-in's text is marked as ours.
//! - `POST /incidents`: `From` header required; a second OPEN incident with
//!   the same `incident_key` on the same service is refused with 400
//!   `{"error":{"message":"Arguments Caused Error","code":2002,"errors":
//!   ["Open incident with matching dedup key already exists on this
//!   service"]}}` (text as quoted by clients that match on it, found with
//!   code search). `GET /incidents`: `date_range=all`, else `since`/`until`
//!   default to the last month and may span at most 6 months (openapi);
//!   they select by `created_at`, `statuses[]` by the current status. Each
//!   incident has `created_at`, `updated_at`, `last_status_change_at` (the
//!   time of its last trigger, acknowledge or resolve) and `resolved_at`
//!   (null unless resolved) as the openapi `Incident` describes them.
//! - `GET /incidents/{id}/log_entries`: paginated like every list; the
//!   API reference documents no order, so the stand-in gives them in the
//!   order they happened unless a test asks for another
//!   ([`PagerDuty::set_log_order`]).
//! - [`PagerDuty::set_ignore_incident_filters`] makes `GET /incidents` list
//!   every incident whatever the filters say.
//! - `GET /escalation_policies/{id}`: `{"escalation_policy":{id, type,
//!   summary, name, self, html_url, escalation_rules, services:[{id, type:
//!   "service_reference", summary, self, html_url}], num_loops, teams,
//!   on_call_handoff_notifications}}` (openapi `EscalationPolicy` and its
//!   response example); 404 for an unknown id. `escalation_rules` is empty
//!   here (the stand-in's schedules say on their own whether a policy uses them).
//! - Layers ([`Base::Layers`]) as people set them up: turns of
//!   `rotation_turn_length_seconds` from `rotation_virtual_start`, turn `k`
//!   for user `k mod n`; a turn of whole days keeps the virtual start's
//!   wall-clock time in the schedule's zone across DST (the handoff time of
//!   PagerDuty's schedule editor), other lengths are exact seconds; only
//!   within the layer's `start`/`end`; `daily_restriction` and
//!   `weekly_restriction` (`start_time_of_day` local, `duration_seconds`,
//!   ISO `start_day_of_week`) keep only those windows of each turn. Where
//!   layers overlap the LAST layer wins ("the lowest layer always takes
//!   precedence", support.pagerduty.com/docs/schedules). `schedule_layers`
//!   lists each with `id, name, start, end, rotation_virtual_start,
//!   rotation_turn_length_seconds, users: [{user}], restrictions,
//!   rendered_schedule_entries, rendered_coverage_percentage` (openapi
//!   `ScheduleLayer`).
//! - `GET /users/{id}`: `{"user": {id, type: "user", summary, name, email,
//!   time_zone, role, self, html_url}}` (openapi `getUser` example); 404
//!   `{"error":{"message":"Not Found","code":2100}}` for an unknown id.
//! - Rate limit: 429 with `ratelimit-limit`, `ratelimit-remaining`,
//!   `ratelimit-reset` (seconds) and no `Retry-After`
//!   (support.pagerduty.com/docs/rest-api-rate-limits; 960 requests/min).
//!
//! Set-up: [`PagerDuty::add_user`], [`PagerDuty::add_person`],
//! [`PagerDuty::add_schedule`] (layers as [`Base::Spans`], a
//! [`Base::Rotation`] or PagerDuty's own [`Base::Layers`]), [`PagerDuty::add_service`],
//! [`PagerDuty::add_escalation_policy`], [`PagerDuty::add_incident`],
//! [`PagerDuty::set_incident_status`], [`PagerDuty::add_log_entry`],
//! [`PagerDuty::set_now`], [`PagerDuty::set_latency`]. Read back: [`PagerDuty::overrides`],
//! [`PagerDuty::incidents`], [`PagerDuty::requests`].
//!
//! The parts: [`types`] (the public data a test builds a schedule or an
//! incident from), `http` (routing, auth, pagination, rate limits and
//! faults), `schedules` (schedules, overrides, `/oncalls`), `rendering` (how
//! layers and overrides become a final schedule), `incidents` (incidents
//! and their log entries), `directory` (users, services, escalation
//! policies). This file holds the shared state and the stand-in itself.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use wiremock::{Mock, MockServer};

use super::{Faults, Seen, DEFAULT_NOW};

mod directory;
mod http;
mod incidents;
mod rendering;
mod schedules;
pub mod types;

use http::Responder;
pub use types::{Base, Held, Incident, Layer, LogOrder, Restriction, Schedule, Span};

/// The token the stand-in accepts until a test sets another.
pub const TOKEN: &str = "pdtok-standin";

#[derive(Debug)]
struct State {
    token: String,
    now: DateTime<Utc>,
    account_time_zone: String,
    max_render_days: Option<i64>,
    users: BTreeMap<String, String>,
    /// Emails of users added with [`PagerDuty::add_person`].
    emails: BTreeMap<String, String>,
    schedules: Vec<Schedule>,
    overrides: Vec<Held>,
    services: Vec<(String, String)>,
    /// (id, name, ids of the services that use it)
    escalation_policies: Vec<(String, String, Vec<String>)>,
    incidents: Vec<Incident>,
    seen: Vec<Seen>,
    next_id: u64,
    rate_limited: u32,
    rate_reset: u64,
    faults: Faults,
    endless_pages: bool,
    ignore_incident_filters: bool,
    latency: Option<std::time::Duration>,
    log_order: LogOrder,
}

/// The PagerDuty stand-in.
pub struct PagerDuty {
    server: MockServer,
    state: Arc<Mutex<State>>,
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(|e| e.into_inner())
}

impl PagerDuty {
    pub async fn start() -> Self {
        let server = MockServer::start().await;
        let state = Arc::new(Mutex::new(State {
            token: TOKEN.to_string(),
            now: super::at(DEFAULT_NOW),
            account_time_zone: "UTC".into(),
            max_render_days: None,
            users: BTreeMap::new(),
            emails: BTreeMap::new(),
            schedules: Vec::new(),
            overrides: Vec::new(),
            services: Vec::new(),
            escalation_policies: Vec::new(),
            incidents: Vec::new(),
            seen: Vec::new(),
            next_id: 0,
            rate_limited: 0,
            rate_reset: 0,
            faults: Faults::default(),
            endless_pages: false,
            ignore_incident_filters: false,
            latency: None,
            log_order: LogOrder::Oldest,
        }));
        Mock::given(wiremock::matchers::any())
            .respond_with(Responder(state.clone()))
            .mount(&server)
            .await;
        PagerDuty { server, state }
    }

    pub fn url(&self) -> String {
        self.server.uri()
    }

    fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }

    pub fn set_token(&self, token: &str) {
        self.state().token = token.to_string();
    }

    pub fn set_now(&self, now: DateTime<Utc>) {
        self.state().now = now;
    }

    /// The account time zone: how `/oncalls` renders times by default.
    pub fn set_account_time_zone(&self, tz: &str) {
        self.state().account_time_zone = tz.to_string();
    }
}

impl State {
    fn new_id(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!("{prefix}STANDIN{:04}", self.next_id)
    }
}
