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

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, SecondsFormat, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::{json, Value};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use super::{parse_instant, Answer, Fault, Faults, Seen, DEFAULT_NOW};

/// The token the stand-in accepts until a test sets another.
pub const TOKEN: &str = "pdtok-standin";

/// A span of a schedule's own layers.
#[derive(Debug, Clone)]
pub struct Span {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub user: String,
}

/// The layers of a schedule, below any override.
#[derive(Debug, Clone)]
pub enum Base {
    /// Explicit spans; where several cover a moment, the first listed wins.
    Spans(Vec<Span>),
    /// Turns of `length` from `start`, through `users` in order, forever.
    Rotation {
        start: DateTime<Utc>,
        length: TimeDelta,
        users: Vec<String>,
    },
    /// PagerDuty's layers, Layer 1 first; a later layer wins where they overlap.
    Layers(Vec<Layer>),
}

/// A restriction of a layer: its users are on call only inside these windows.
#[derive(Debug, Clone)]
pub struct Restriction {
    /// `daily_restriction` or `weekly_restriction`.
    pub kind: &'static str,
    /// Local time in the schedule's zone.
    pub start_time_of_day: NaiveTime,
    pub duration_seconds: i64,
    /// ISO weekday, 1 = Monday (weekly restrictions only).
    pub start_day_of_week: Option<u32>,
}

/// A schedule layer as people set one up in PagerDuty's web app.
#[derive(Debug, Clone)]
pub struct Layer {
    pub name: String,
    pub start: DateTime<Utc>,
    pub end: Option<DateTime<Utc>>,
    pub rotation_virtual_start: DateTime<Utc>,
    pub rotation_turn_length_seconds: i64,
    /// User IDs in turn order.
    pub users: Vec<String>,
    pub restrictions: Vec<Restriction>,
}

impl Layer {
    /// A layer without restrictions that began at its virtual start and does not end.
    pub fn rotation(
        name: &str,
        virtual_start: DateTime<Utc>,
        turn_seconds: i64,
        users: &[&str],
    ) -> Layer {
        Layer {
            name: name.into(),
            start: virtual_start,
            end: None,
            rotation_virtual_start: virtual_start,
            rotation_turn_length_seconds: turn_seconds,
            users: users.iter().map(|u| u.to_string()).collect(),
            restrictions: Vec::new(),
        }
    }
}

/// A schedule.
#[derive(Debug, Clone)]
pub struct Schedule {
    pub id: String,
    pub name: String,
    pub time_zone: String,
    /// Whether an escalation policy targets it (else `/oncalls` omits it).
    pub on_escalation_policy: bool,
    pub base: Base,
}

/// An override the stand-in holds, in creation order.
#[derive(Debug, Clone, PartialEq)]
pub struct Held {
    pub schedule: String,
    pub id: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub user: String,
}

/// The order `GET /incidents/{id}/log_entries` lists an incident's log in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogOrder {
    /// As they happened.
    Oldest,
    /// Newest first.
    Newest,
}

/// An incident the stand-in holds.
#[derive(Debug, Clone)]
pub struct Incident {
    pub id: String,
    pub number: u64,
    pub title: String,
    pub status: String,
    pub service: String,
    pub incident_key: Option<String>,
    pub urgency: String,
    pub created_at: DateTime<Utc>,
    /// (id, type, summary, created_at), oldest first.
    pub log: Vec<(String, String, String, DateTime<Utc>)>,
}

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

#[derive(Clone)]
struct Responder(Arc<Mutex<State>>);

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

    /// Refuse (400) to render a schedule over a window longer than `days`.
    pub fn set_max_render_days(&self, days: Option<i64>) {
        self.state().max_render_days = days;
    }

    pub fn add_user(&self, id: &str, name: &str) {
        self.state().users.insert(id.into(), name.into());
    }

    /// A user with a name and an email (`GET /users/{id}`). Users added
    /// otherwise get `<id in lower case>@example.com`.
    pub fn add_person(&self, id: &str, name: &str, email: &str) {
        let mut s = self.state();
        s.users.insert(id.into(), name.into());
        s.emails.insert(id.into(), email.into());
    }

    /// Add (or replace) a schedule; the users of its layers become known users.
    pub fn add_schedule(&self, schedule: Schedule) {
        let mut s = self.state();
        let users: Vec<String> = match &schedule.base {
            Base::Spans(spans) => spans.iter().map(|s| s.user.clone()).collect(),
            Base::Rotation { users, .. } => users.clone(),
            Base::Layers(layers) => layers.iter().flat_map(|l| l.users.clone()).collect(),
        };
        for u in users {
            s.users.entry(u.clone()).or_insert(u);
        }
        s.schedules.retain(|x| x.id != schedule.id);
        s.schedules.push(schedule);
    }

    /// Replace the layers of a schedule.
    pub fn set_base(&self, schedule: &str, base: Base) {
        let mut s = self.state();
        if let Some(x) = s.schedules.iter_mut().find(|x| x.id == schedule) {
            x.base = base;
        }
    }

    /// Put an override in place as if created earlier (it counts as created
    /// now, after all the others).
    pub fn add_override(
        &self,
        schedule: &str,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        user: &str,
    ) -> String {
        let mut s = self.state();
        let id = s.new_id("Q");
        s.overrides.push(Held {
            schedule: schedule.into(),
            id: id.clone(),
            start,
            end,
            user: user.into(),
        });
        id
    }

    /// The final schedule as `GET /schedules/{id}` renders it over
    /// [since, until): (start, end, user ID), cut at the bounds.
    pub fn rendered(
        &self,
        schedule: &str,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Vec<(DateTime<Utc>, DateTime<Utc>, String)> {
        let s = self.state();
        match s.schedules.iter().find(|x| x.id == schedule) {
            Some(x) => s.entries(x, since, until, false),
            None => Vec::new(),
        }
    }

    /// The overrides held, in creation order.
    /// A person deleting an override in the web app.
    pub fn remove_override(&self, id: &str) {
        self.state().overrides.retain(|o| o.id != id);
    }

    pub fn overrides(&self) -> Vec<Held> {
        self.state().overrides.clone()
    }

    pub fn add_service(&self, id: &str, name: &str) {
        self.state().services.push((id.into(), name.into()));
    }

    /// An escalation policy used by `services` (ids of services added with
    /// [`PagerDuty::add_service`]).
    pub fn add_escalation_policy(&self, id: &str, name: &str, services: &[&str]) {
        let mut s = self.state();
        s.escalation_policies.retain(|(p, _, _)| p != id);
        s.escalation_policies.push((
            id.into(),
            name.into(),
            services.iter().map(|x| x.to_string()).collect(),
        ));
    }

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

    pub fn requests(&self) -> Vec<Seen> {
        self.state().seen.clone()
    }

    /// Answer 429 to the next `n` requests, with `ratelimit-reset: reset_secs`.
    pub fn rate_limit(&self, n: u32, reset_secs: u64) {
        let mut s = self.state();
        s.rate_limited = n;
        s.rate_reset = reset_secs;
    }

    /// A one-shot fault for the next request matching `method` and `path`.
    pub fn fault(&self, method: &str, path: &str, fault: Fault) {
        self.state().faults.push(method, path, fault);
    }

    /// Answer every request after `latency` (a far-away API), unless a fault says otherwise.
    pub fn set_latency(&self, latency: Option<std::time::Duration>) {
        self.state().latency = latency;
    }

    /// Every list answers `more: true`, forever (pages past the end are empty).
    pub fn set_endless_pages(&self, on: bool) {
        self.state().endless_pages = on;
    }
}

// ---------------------------------------------------------------------------
// Answers

fn error(status: u16, message: &str, code: u32, errors: &[&str]) -> Answer {
    let mut e = json!({"message": message, "code": code});
    if !errors.is_empty() {
        e["errors"] = json!(errors);
    }
    Answer::json(status, json!({ "error": e }))
}

fn invalid(detail: &str) -> Answer {
    error(400, "Invalid Input Provided", 2001, &[detail])
}

fn not_found() -> Answer {
    error(404, "Not Found", 2100, &[])
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

fn zulu(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn render(t: DateTime<Utc>, tz: Option<Tz>) -> String {
    match tz {
        Some(tz) => t
            .with_timezone(&tz)
            .to_rfc3339_opts(SecondsFormat::Secs, true),
        None => zulu(t),
    }
}

fn is_true(seen: &Seen, name: &str) -> bool {
    seen.param(name) == Some("true")
}

impl Respond for Responder {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let seen = Seen::from_request(req);
        let mut state = lock(&self.0);
        state.seen.push(seen.clone());
        if state.rate_limited > 0 {
            state.rate_limited -= 1;
            return error(429, "Rate Limit Exceeded", 2020, &[])
                .header("ratelimit-limit", 960)
                .header("ratelimit-remaining", 0)
                .header("ratelimit-reset", state.rate_reset)
                .template(None);
        }
        let fault = state.faults.take(&seen.method, &seen.path);
        // PagerDuty's clock, as every HTTP server sends it: the stand-in's.
        let date = state.now.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
        let (answer, delay) = match fault {
            Some(Fault::Reply(status, body)) => (Answer::raw(status, body), None),
            Some(Fault::AppliedThen(status, body)) => {
                state.handle(&seen);
                (Answer::raw(status, body), None)
            }
            Some(Fault::Delay(d)) => (state.handle(&seen), Some(d)),
            Some(Fault::Hold(true)) => (state.handle(&seen), Some(super::HOLD)),
            Some(Fault::Hold(false)) => (
                error(504, "Gateway Timeout (stand-in hold)", 0, &[]),
                Some(super::HOLD),
            ),
            None => {
                let latency = state.latency;
                (state.handle(&seen), latency)
            }
        };
        answer.header("date", date).template(delay)
    }
}

impl State {
    fn new_id(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!("{prefix}STANDIN{:04}", self.next_id)
    }

    fn user_ref(&self, id: &str) -> Value {
        json!({
            "id": id,
            "type": "user_reference",
            "summary": self.users.get(id).cloned().unwrap_or_else(|| id.to_string()),
            "self": format!("https://api.pagerduty.com/users/{id}"),
        })
    }

    fn handle(&mut self, seen: &Seen) -> Answer {
        if seen.header("authorization") != Some(&format!("Token token={}", self.token)) {
            return error(401, "Unauthorized", 2006, &[]);
        }
        let path = seen.path.trim_matches('/').to_string();
        let segments: Vec<&str> = path.split('/').collect();
        match (seen.method.as_str(), segments.as_slice()) {
            ("GET", ["schedules", id]) => self.get_schedule(seen, id),
            ("GET", ["schedules", id, "overrides"]) => self.list_overrides(seen, id),
            ("POST", ["schedules", id, "overrides"]) => self.create_overrides(seen, id),
            ("DELETE", ["schedules", id, "overrides", oid]) => self.delete_override(id, oid),
            ("GET", ["oncalls"]) => self.oncalls(seen),
            ("POST", ["incidents"]) => self.create_incident(seen),
            ("GET", ["incidents"]) => self.list_incidents(seen),
            ("GET", ["incidents", id]) => match self.incidents.iter().find(|i| i.id == *id) {
                Some(i) => Answer::json(200, json!({ "incident": self.incident_json(i) })),
                None => not_found(),
            },
            ("GET", ["incidents", id, "log_entries"]) => {
                let Some(i) = self.incidents.iter().find(|i| i.id == *id) else {
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
            ("GET", ["services"]) => {
                let query = seen.param("query").map(str::to_lowercase);
                let all: Vec<Value> = self
                    .services
                    .iter()
                    .filter(|(_, name)| {
                        query
                            .as_ref()
                            .is_none_or(|q| name.to_lowercase().contains(q.as_str()))
                    })
                    .map(|(id, name)| service_json(id, name))
                    .collect();
                self.page(seen, "services", all)
            }
            ("GET", ["escalation_policies", id]) => self.escalation_policy(id),
            ("GET", ["users", id]) => self.user(id),
            ("GET", ["services", id]) => match self.services.iter().find(|(s, _)| s == id) {
                Some((id, name)) => Answer::json(200, json!({ "service": service_json(id, name) })),
                None => not_found(),
            },
            _ => not_found(),
        }
    }

    /// Classic pagination over `all`.
    fn page(&self, seen: &Seen, key: &str, all: Vec<Value>) -> Answer {
        let limit = match seen.param("limit").map(str::parse::<usize>) {
            None => 25,
            Some(Ok(n)) if n > 0 => n.min(100),
            Some(_) => return invalid("limit must be a positive integer"),
        };
        let offset = match seen.param("offset").map(str::parse::<usize>) {
            None => 0,
            Some(Ok(n)) => n,
            Some(Err(_)) => return invalid("offset must be a non-negative integer"),
        };
        let page: Vec<Value> = all.iter().skip(offset).take(limit).cloned().collect();
        let more = self.endless_pages || offset + page.len() < all.len();
        let total = if is_true(seen, "total") {
            json!(all.len())
        } else {
            Value::Null
        };
        Answer::json(
            200,
            json!({ key: page, "limit": limit, "offset": offset, "more": more, "total": total }),
        )
    }

    fn time_zone(&self, seen: &Seen, default: &str) -> Result<Option<Tz>, Answer> {
        let name = seen.param("time_zone").unwrap_or(default);
        match name.parse::<Tz>() {
            Ok(tz) => Ok(Some(tz)),
            Err(_) => Err(invalid(&format!("Time zone {name} is not recognized"))),
        }
    }

    /// Who is on call for `schedule` over [lo, hi): the last created override
    /// covering a moment, else the first base span; equal neighbours merged.
    fn timeline(
        &self,
        schedule: &Schedule,
        lo: DateTime<Utc>,
        hi: DateTime<Utc>,
    ) -> Vec<(DateTime<Utc>, DateTime<Utc>, String)> {
        let overrides: Vec<&Held> = self
            .overrides
            .iter()
            .filter(|o| o.schedule == schedule.id)
            .collect();
        let base = base_spans(schedule, lo, hi);
        let mut cuts = vec![lo, hi];
        cuts.extend(overrides.iter().flat_map(|o| [o.start, o.end]));
        cuts.extend(base.iter().flat_map(|b| [b.start, b.end]));
        cuts.retain(|t| lo <= *t && *t <= hi);
        cuts.sort();
        cuts.dedup();
        let mut spans: Vec<(DateTime<Utc>, DateTime<Utc>, String)> = Vec::new();
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let user = overrides
                .iter()
                .rev()
                .find(|o| o.start <= a && a < o.end)
                .map(|o| o.user.clone())
                .or_else(|| {
                    base.iter()
                        .find(|s| s.start <= a && a < s.end)
                        .map(|s| s.user.clone())
                });
            let Some(user) = user else { continue };
            match spans.last_mut() {
                Some(last) if last.1 == a && last.2 == user => last.1 = b,
                _ => spans.push((a, b, user)),
            }
        }
        spans
    }

    /// The timeline entries overlapping [since, until): clipped, or whole
    /// (as far as a year beyond the window) with `overflow`.
    fn entries(
        &self,
        schedule: &Schedule,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
        overflow: bool,
    ) -> Vec<(DateTime<Utc>, DateTime<Utc>, String)> {
        if !overflow {
            return self.timeline(schedule, since, until);
        }
        let year = TimeDelta::days(366);
        self.timeline(schedule, since - year, until + year)
            .into_iter()
            .filter(|(a, b, _)| *a < until && *b > since)
            .collect()
    }

    fn get_schedule(&self, seen: &Seen, id: &str) -> Answer {
        let Some(schedule) = self.schedules.iter().find(|s| s.id == id) else {
            return not_found();
        };
        let tz = match self.time_zone(seen, &schedule.time_zone) {
            Ok(tz) => tz,
            Err(e) => return e,
        };
        let two_weeks = TimeDelta::days(14);
        let since = seen.param("since").map(parse_instant);
        let until = seen.param("until").map(parse_instant);
        let window = match (since, until) {
            (Some(None), _) | (_, Some(None)) => {
                return invalid("since and until must be ISO 8601 date-times")
            }
            (Some(Some(s)), Some(Some(u))) => Some((s, u)),
            (Some(Some(s)), None) => Some((s, s + two_weeks)),
            (None, Some(Some(u))) => Some((u - two_weeks, u)),
            (None, None) => None,
        };
        let overflow = is_true(seen, "overflow");
        let (final_entries, override_entries) = match window {
            None => (Vec::new(), Vec::new()),
            Some((since, until)) => {
                if until < since {
                    return invalid("until must not be before since");
                }
                if let Some(days) = self.max_render_days {
                    if until - since > TimeDelta::days(days) {
                        return invalid(&format!(
                            "The date range must be at most {days} days (a limit of this stand-in)"
                        ));
                    }
                }
                let entry = |(a, b, user): &(DateTime<Utc>, DateTime<Utc>, String)| json!({"start": render(*a, tz), "end": render(*b, tz), "user": self.user_ref(user)});
                let finals: Vec<Value> = self
                    .entries(schedule, since, until, overflow)
                    .iter()
                    .map(entry)
                    .collect();
                let mut ovs: Vec<&Held> = self
                    .overrides
                    .iter()
                    .filter(|o| o.schedule == id && o.start < until && o.end > since)
                    .collect();
                ovs.sort_by_key(|o| o.start);
                let ovs: Vec<Value> = ovs
                    .iter()
                    .map(|o| {
                        let (a, b) = if overflow {
                            (o.start, o.end)
                        } else {
                            (o.start.max(since), o.end.min(until))
                        };
                        entry(&(a, b, o.user.clone()))
                    })
                    .collect();
                (finals, ovs)
            }
        };
        let layers = self.layers_json(schedule, window, tz, overflow);
        let escalation_policies: Vec<Value> = if schedule.on_escalation_policy {
            vec![
                json!({"id": format!("PEP{}", schedule.id), "type": "escalation_policy_reference"}),
            ]
        } else {
            Vec::new()
        };
        Answer::json(
            200,
            json!({"schedule": {
                "id": schedule.id,
                "type": "schedule",
                "summary": schedule.name,
                "name": schedule.name,
                "time_zone": schedule.time_zone,
                "escalation_policies": escalation_policies,
                "schedule_layers": layers,
                "overrides_subschedule": {"name": "Overrides", "rendered_schedule_entries": override_entries},
                "final_schedule": {"name": "Final Schedule", "rendered_schedule_entries": final_entries},
            }}),
        )
    }

    /// `schedule_layers` of `GET /schedules/{id}`: each layer with its
    /// rendered entries in the window (none without one).
    fn layers_json(
        &self,
        schedule: &Schedule,
        window: Option<(DateTime<Utc>, DateTime<Utc>)>,
        tz: Option<Tz>,
        overflow: bool,
    ) -> Vec<Value> {
        let entries = |spans: Vec<Span>| -> (Vec<Value>, Value) {
            let Some((since, until)) = window else {
                return (Vec::new(), Value::Null);
            };
            let mut covered = 0;
            let list = spans
                .iter()
                .filter(|s| s.start < until && s.end > since)
                .map(|s| {
                    covered += (s.end.min(until) - s.start.max(since)).num_seconds();
                    let (a, b) = if overflow { (s.start, s.end) } else { (s.start.max(since), s.end.min(until)) };
                    json!({"start": render(a, tz), "end": render(b, tz), "user": self.user_ref(&s.user)})
                })
                .collect();
            let whole = (until - since).num_seconds().max(1);
            (list, json!((covered * 1000 / whole) as f64 / 10.0))
        };
        let schedule_tz: Tz = schedule.time_zone.parse().unwrap_or(Tz::UTC);
        match &schedule.base {
            Base::Layers(layers) => layers
                .iter()
                .enumerate()
                .map(|(i, layer)| {
                    let spans = match window {
                        Some((since, until)) => layer_spans(layer, &schedule_tz, since, until),
                        None => Vec::new(),
                    };
                    let (rendered, coverage) = entries(spans);
                    let restrictions: Vec<Value> = layer
                        .restrictions
                        .iter()
                        .map(|r| {
                            let mut v = json!({
                                "type": r.kind,
                                "start_time_of_day": r.start_time_of_day.format("%H:%M:%S").to_string(),
                                "duration_seconds": r.duration_seconds,
                            });
                            if let Some(day) = r.start_day_of_week {
                                v["start_day_of_week"] = json!(day);
                            }
                            v
                        })
                        .collect();
                    let users: Vec<Value> = layer
                        .users
                        .iter()
                        .map(|u| json!({"user": self.user_ref(u)}))
                        .collect();
                    json!({
                        "id": format!("PL{}{}", schedule.id, i + 1),
                        "name": layer.name,
                        "start": render(layer.start, Some(schedule_tz)),
                        "end": layer.end.map(|e| render(e, Some(schedule_tz))),
                        "rotation_virtual_start": render(layer.rotation_virtual_start, Some(schedule_tz)),
                        "rotation_turn_length_seconds": layer.rotation_turn_length_seconds,
                        "users": users,
                        "restrictions": restrictions,
                        "rendered_schedule_entries": rendered,
                        "rendered_coverage_percentage": coverage,
                    })
                })
                .collect(),
            _ => {
                let spans = match window {
                    Some((since, until)) => base_spans(schedule, since, until),
                    None => Vec::new(),
                };
                let (rendered, _) = entries(spans);
                vec![json!({
                    "id": format!("L{}", schedule.id),
                    "name": "Layer 1",
                    "rendered_schedule_entries": rendered,
                })]
            }
        }
    }

    fn user(&self, id: &str) -> Answer {
        let Some(name) = self.users.get(id) else {
            return not_found();
        };
        let email = self
            .emails
            .get(id)
            .cloned()
            .unwrap_or_else(|| format!("{}@example.com", id.to_lowercase()));
        Answer::json(
            200,
            json!({"user": {
                "id": id, "type": "user", "summary": name, "name": name, "email": email,
                "time_zone": "Europe/Berlin", "color": "green", "role": "user",
                "description": null, "invitation_sent": false, "job_title": null,
                "self": format!("https://api.pagerduty.com/users/{id}"),
                "html_url": format!("https://standin.pagerduty.com/users/{id}"),
                "contact_methods": [], "notification_rules": [], "teams": [],
            }}),
        )
    }

    fn list_overrides(&self, seen: &Seen, id: &str) -> Answer {
        if !self.schedules.iter().any(|s| s.id == id) {
            return not_found();
        }
        let since = seen.param("since").and_then(parse_instant);
        let until = seen.param("until").and_then(parse_instant);
        let (Some(since), Some(until)) = (since, until) else {
            return invalid("since and until are required ISO 8601 date-times");
        };
        let overflow = is_true(seen, "overflow");
        let editable = seen.param("editable").is_some_and(|v| v != "false");
        let mut list: Vec<&Held> = self
            .overrides
            .iter()
            .filter(|o| o.schedule == id && o.start < until && o.end > since)
            .filter(|o| !editable || o.start > self.now)
            .collect();
        list.sort_by_key(|o| o.start);
        let list: Vec<Value> = list
            .iter()
            .map(|o| {
                if editable {
                    return json!({"id": o.id});
                }
                let (a, b) = if overflow { (o.start, o.end) } else { (o.start.max(since), o.end.min(until)) };
                json!({"id": o.id, "start": zulu(a), "end": zulu(b), "user": self.user_ref(&o.user)})
            })
            .collect();
        Answer::json(200, json!({ "overrides": list }))
    }

    /// Validate and store one override; (status, errors, override JSON).
    fn create_one(&mut self, schedule: &str, item: &Value) -> (u16, Vec<String>, Value) {
        let start = item["start"].as_str().and_then(parse_instant);
        let end = item["end"].as_str().and_then(parse_instant);
        let user = item["user"]["id"].as_str().unwrap_or_default().to_string();
        let mut errors = Vec::new();
        match (start, end) {
            (Some(s), Some(e)) if e <= s => {
                errors.push("Override must end after its start".to_string())
            }
            (Some(_), Some(_)) => {}
            _ => errors.push("Start and end must be ISO 8601 date-times".to_string()),
        }
        if !self.users.contains_key(&user) {
            errors.push("User not found".to_string());
        }
        let mut shown = json!({"user": self.user_ref(&user)});
        if let (Some(s), Some(e)) = (start, end) {
            shown["start"] = json!(zulu(s));
            shown["end"] = json!(zulu(e));
        }
        if !errors.is_empty() {
            return (400, errors, shown);
        }
        let (Some(start), Some(end)) = (start, end) else {
            return (400, errors, shown);
        };
        let id = self.new_id("Q");
        self.overrides.push(Held {
            schedule: schedule.to_string(),
            id: id.clone(),
            start,
            end,
            user,
        });
        shown["id"] = json!(id);
        (201, errors, shown)
    }

    fn create_overrides(&mut self, seen: &Seen, id: &str) -> Answer {
        if !self.schedules.iter().any(|s| s.id == id) {
            return not_found();
        }
        if let Some(items) = seen.body.get("overrides").and_then(Value::as_array) {
            if items.is_empty() {
                return invalid("overrides must not be empty");
            }
            let answers: Vec<Value> = items
                .clone()
                .iter()
                .map(|item| {
                    let (status, errors, o) = self.create_one(id, item);
                    if errors.is_empty() {
                        json!({"status": status, "override": o})
                    } else {
                        json!({"status": status, "errors": errors, "override": o})
                    }
                })
                .collect();
            return Answer::json(201, Value::Array(answers));
        }
        if let Some(item) = seen.body.get("override").cloned() {
            let (status, errors, o) = self.create_one(id, &item);
            if status == 201 {
                return Answer::json(201, json!({ "override": o }));
            }
            let errors: Vec<&str> = errors.iter().map(String::as_str).collect();
            return error(400, "Invalid Input Provided", 2001, &errors);
        }
        invalid("overrides is required")
    }

    fn delete_override(&mut self, schedule: &str, oid: &str) -> Answer {
        let now = self.now;
        let Some(i) = self
            .overrides
            .iter()
            .position(|o| o.schedule == schedule && o.id == oid)
        else {
            return not_found();
        };
        let o = &mut self.overrides[i];
        if o.end <= now {
            return invalid("You cannot remove a past override");
        }
        if o.start < now {
            o.end = now;
            let shown = json!({"id": o.id, "start": zulu(o.start), "end": zulu(o.end)});
            return Answer::json(200, json!({ "override": shown }));
        }
        self.overrides.remove(i);
        Answer::empty(204)
    }

    fn oncalls(&self, seen: &Seen) -> Answer {
        let tz = match self.time_zone(seen, &self.account_time_zone) {
            Ok(tz) => tz,
            Err(e) => return e,
        };
        let instant = |name: &str| match seen.param(name) {
            None => Ok(self.now),
            Some(v) => parse_instant(v)
                .ok_or_else(|| invalid(&format!("{name} must be an ISO 8601 date-time"))),
        };
        let (since, until) = match (instant("since"), instant("until")) {
            (Ok(s), Ok(u)) => (s, u),
            (Err(e), _) | (_, Err(e)) => return e,
        };
        if until < since {
            return invalid("until cannot be before since");
        }
        if until > self.now + TimeDelta::days(90) {
            // The 90 days are documented; these words are this stand-in's.
            return invalid("On-call shifts are limited to 90 days in the future");
        }
        let wanted = seen.params("schedule_ids[]");
        let mut all = Vec::new();
        for schedule in &self.schedules {
            if !schedule.on_escalation_policy
                || !(wanted.is_empty() || wanted.contains(&schedule.id.as_str()))
            {
                continue;
            }
            // Whole on-call spans that touch the window (an instant window
            // still finds the span that holds it).
            let hi = if until == since {
                until + TimeDelta::seconds(1)
            } else {
                until
            };
            for (a, b, user) in self.entries(schedule, since, hi, true) {
                all.push(json!({
                    "escalation_policy": {"id": format!("PEP{}", schedule.id), "type": "escalation_policy_reference"},
                    "escalation_level": 1,
                    "schedule": {"id": schedule.id, "type": "schedule_reference", "summary": schedule.name},
                    "user": self.user_ref(&user),
                    "start": render(a, tz),
                    "end": render(b, tz),
                }));
            }
        }
        self.page(seen, "oncalls", all)
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

    fn create_incident(&mut self, seen: &Seen) -> Answer {
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

    fn escalation_policy(&self, id: &str) -> Answer {
        let Some((id, name, services)) = self.escalation_policies.iter().find(|(p, _, _)| p == id)
        else {
            return not_found();
        };
        let services: Vec<Value> = services
            .iter()
            .map(|s| {
                let summary = self
                    .services
                    .iter()
                    .find(|(x, _)| x == s)
                    .map(|(_, n)| n.clone())
                    .unwrap_or_else(|| s.clone());
                json!({
                    "id": s, "type": "service_reference", "summary": summary,
                    "self": format!("https://api.pagerduty.com/services/{s}"),
                    "html_url": format!("https://standin.pagerduty.com/service-directory/{s}"),
                })
            })
            .collect();
        Answer::json(
            200,
            json!({"escalation_policy": {
                "id": id, "type": "escalation_policy", "summary": name, "name": name,
                "on_call_handoff_notifications": "if_has_services",
                "self": format!("https://api.pagerduty.com/escalation_policies/{id}"),
                "html_url": format!("https://standin.pagerduty.com/escalation_policies/{id}"),
                "escalation_rules": [], "services": services, "num_loops": 0, "teams": [],
            }}),
        )
    }

    fn list_incidents(&self, seen: &Seen) -> Answer {
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

fn service_json(id: &str, name: &str) -> Value {
    json!({
        "id": id, "type": "service", "name": name, "summary": name, "status": "active",
        "self": format!("https://api.pagerduty.com/services/{id}"),
        "html_url": format!("https://standin.pagerduty.com/service-directory/{id}"),
    })
}

/// A local wall-clock time in `tz`: the earlier instant when it is
/// ambiguous, an hour later when it falls in a gap.
fn local_instant(tz: &Tz, local: chrono::NaiveDateTime) -> DateTime<Utc> {
    tz.from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            tz.from_local_datetime(&(local + TimeDelta::hours(1)))
                .earliest()
        })
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&local))
}

/// Where turn `k` of `layer` begins: whole days keep the local time of the
/// virtual start in `tz`; other lengths are exact seconds.
fn turn_start(layer: &Layer, tz: &Tz, k: i64) -> DateTime<Utc> {
    let secs = layer.rotation_turn_length_seconds;
    if secs % 86_400 == 0 {
        let local = layer.rotation_virtual_start.with_timezone(tz).naive_local();
        local_instant(tz, local + TimeDelta::days(k * secs / 86_400))
    } else {
        layer.rotation_virtual_start + TimeDelta::seconds(k * secs)
    }
}

/// The windows of `restrictions` that touch [lo, hi), in `tz`.
fn restriction_windows(
    restrictions: &[Restriction],
    tz: &Tz,
    lo: DateTime<Utc>,
    hi: DateTime<Utc>,
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let first: NaiveDate = lo.with_timezone(tz).date_naive() - TimeDelta::days(8);
    let last: NaiveDate = hi.with_timezone(tz).date_naive() + TimeDelta::days(1);
    let mut out = Vec::new();
    for r in restrictions {
        let mut d = first;
        while d <= last {
            let weekly = r.kind == "weekly_restriction";
            if !weekly || Some(d.weekday().number_from_monday()) == r.start_day_of_week {
                let a = local_instant(tz, d.and_time(r.start_time_of_day));
                let b = a + TimeDelta::seconds(r.duration_seconds);
                if a < hi && b > lo {
                    out.push((a, b));
                }
            }
            d += TimeDelta::days(1);
        }
    }
    out.sort();
    out
}

/// The spans of one layer that touch [lo, hi).
fn layer_spans(layer: &Layer, tz: &Tz, lo: DateTime<Utc>, hi: DateTime<Utc>) -> Vec<Span> {
    let secs = layer.rotation_turn_length_seconds;
    let n = layer.users.len() as i64;
    if n == 0 || secs <= 0 {
        return Vec::new();
    }
    let lo = lo.max(layer.start);
    let hi = layer.end.map_or(hi, |e| hi.min(e));
    if hi <= lo {
        return Vec::new();
    }
    let mut k = (lo - layer.rotation_virtual_start)
        .num_seconds()
        .div_euclid(secs)
        - 1;
    while turn_start(layer, tz, k + 1) <= lo {
        k += 1;
    }
    let windows = restriction_windows(&layer.restrictions, tz, lo, hi);
    let mut out = Vec::new();
    loop {
        let (a, b) = (turn_start(layer, tz, k), turn_start(layer, tz, k + 1));
        if a >= hi {
            break;
        }
        let user = layer.users[k.rem_euclid(n) as usize].clone();
        let (a, b) = (a.max(lo), b.min(hi));
        if layer.restrictions.is_empty() {
            out.push(Span {
                start: a,
                end: b,
                user,
            });
        } else {
            for (wa, wb) in &windows {
                let (s, e) = (a.max(*wa), b.min(*wb));
                if s < e {
                    out.push(Span {
                        start: s,
                        end: e,
                        user: user.clone(),
                    });
                }
            }
        }
        k += 1;
    }
    out
}

/// The base spans that touch [lo, hi); where several cover a moment, the
/// first listed wins (for layers: the last layer's spans come first).
fn base_spans(schedule: &Schedule, lo: DateTime<Utc>, hi: DateTime<Utc>) -> Vec<Span> {
    match &schedule.base {
        Base::Layers(layers) => {
            let tz: Tz = schedule.time_zone.parse().unwrap_or(Tz::UTC);
            layers
                .iter()
                .rev()
                .flat_map(|l| layer_spans(l, &tz, lo, hi))
                .collect()
        }
        Base::Spans(spans) => spans
            .iter()
            .filter(|s| s.start < hi && s.end > lo)
            .cloned()
            .collect(),
        Base::Rotation {
            start,
            length,
            users,
        } => {
            let secs = length.num_seconds();
            if users.is_empty() || secs <= 0 || hi <= *start {
                return Vec::new();
            }
            let first = ((lo - *start).num_seconds().max(0)) / secs;
            let mut out = Vec::new();
            let mut k = first;
            loop {
                let a = *start + TimeDelta::seconds(k * secs);
                if a >= hi {
                    break;
                }
                let user = users[(k as usize) % users.len()].clone();
                out.push(Span {
                    start: a,
                    end: a + TimeDelta::seconds(secs),
                    user,
                });
                k += 1;
            }
            out
        }
    }
}
