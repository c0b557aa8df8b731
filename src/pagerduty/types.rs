//! The PagerDuty objects dw reads and writes: plain data, no I/O.

use serde::{Deserialize, Serialize};

/// A reference to another PagerDuty object (`*_reference`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Reference {
    pub id: String,
    pub summary: Option<String>,
    pub html_url: Option<String>,
}

impl Reference {
    /// What people read: the summary, else the ID.
    pub fn label(&self) -> String {
        self.summary.clone().unwrap_or_else(|| self.id.clone())
    }
}

/// One assignment of an incident.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Assignment {
    pub assignee: Reference,
}

/// The fields of an incident dw reads.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Incident {
    pub id: String,
    pub incident_number: Option<u64>,
    pub title: String,
    pub status: String,
    pub urgency: Option<String>,
    pub html_url: Option<String>,
    pub created_at: Option<String>,
    pub resolved_at: Option<String>,
    pub last_status_change_at: Option<String>,
    pub incident_key: Option<String>,
    pub service: Option<Reference>,
    pub assignments: Vec<Assignment>,
}

impl Incident {
    /// The people the incident is assigned to.
    pub fn assignees(&self) -> Vec<String> {
        self.assignments
            .iter()
            .map(|a| a.assignee.label())
            .collect()
    }
}

/// Who is on call where, from `GET /oncalls`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Oncall {
    pub user: Option<Reference>,
    pub schedule: Option<Reference>,
    pub escalation_level: Option<u32>,
    pub start: Option<String>,
    pub end: Option<String>,
}

/// A schedule override.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScheduleOverride {
    pub id: Option<String>,
    pub start: String,
    pub end: String,
    pub user: Reference,
}

/// An entry of an incident's log.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LogEntry {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub summary: Option<String>,
    pub created_at: Option<String>,
    pub agent: Option<Reference>,
}

/// A PagerDuty service, as `GET /services` lists it.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Service {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
}

impl Service {
    /// The name people know it by, else its ID.
    pub fn label(&self) -> &str {
        self.name
            .as_deref()
            .or(self.summary.as_deref())
            .filter(|n| !n.trim().is_empty())
            .unwrap_or(&self.id)
    }
}

/// An escalation policy and the services it is used by.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct EscalationPolicy {
    pub id: String,
    #[serde(default)]
    pub services: Vec<Reference>,
}

/// What `dw incident start` asks PagerDuty to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewIncident {
    pub title: String,
    pub service: String,
    pub urgency: String,
    pub details: String,
    pub incident_key: String,
    pub escalation_policy: Option<String>,
}

/// What PagerDuty's answer to `POST /incidents` proves (`create_incident`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenAnswer {
    /// Opened: PagerDuty's copy of the new incident.
    Created(Box<Incident>),
    /// 400: an open incident on the service already has this key.
    DuplicateKey,
    /// A 5xx or no answer (what went wrong): PagerDuty may have opened it.
    Unsure(String),
}

/// Which incidents to list.
#[derive(Debug, Clone, Default)]
pub struct IncidentQuery {
    pub statuses: Vec<&'static str>,
    pub service_ids: Vec<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub incident_key: Option<String>,
    /// `date_range=all`: without it PagerDuty only lists incidents created in
    /// the last month, and an incident open for longer would be missed.
    pub all_dates: bool,
}

/// One entry of a rendered schedule (`final_schedule.rendered_schedule_entries`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RenderedEntry {
    pub start: String,
    pub end: String,
    pub user: Option<Reference>,
}

/// What PagerDuty said about one override of a batched create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemOutcome {
    /// Proven: a 2xx item status and the new override with its id.
    Created(ScheduleOverride),
    /// PagerDuty refused the item (it was not created).
    Rejected(String),
    /// The answer proves nothing either way (5xx, timeout, a bogus 2xx, a
    /// missing item): it may or may not have been created.
    Unknown(String),
}

/// What came of deleting an override.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deleted {
    /// PagerDuty deleted it (or, for one in progress, ended it now).
    Done,
    /// 404: it was already gone.
    Gone,
    /// A 5xx or no answer: PagerDuty may have applied it; the caller reads the overrides again.
    Unknown(String),
    /// Anything else: it may still be there.
    Failed(String),
}

/// A schedule as `GET /schedules/{id}` describes it: its zone, its layers
/// (the rotations people set up) and, for the window asked, what it renders.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ScheduleDetail {
    pub id: String,
    pub name: Option<String>,
    /// The schedule's time zone (an IANA name, e.g. `Europe/Berlin`).
    pub time_zone: String,
    pub schedule_layers: Vec<ScheduleLayer>,
    pub overrides_subschedule: Option<SubSchedule>,
    pub final_schedule: Option<SubSchedule>,
}

/// One layer of a schedule: users taking turns of a fixed length from a
/// virtual start, possibly only at some times of the day or week.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ScheduleLayer {
    pub id: Option<String>,
    pub name: Option<String>,
    /// When the layer begins (RFC 3339).
    pub start: String,
    /// When it ends (RFC 3339); `None`: it does not end.
    pub end: Option<String>,
    /// The users in turn order.
    pub users: Vec<LayerUser>,
    pub restrictions: Vec<Restriction>,
    /// Where turn 0 begins (RFC 3339); may be before `start`.
    pub rotation_virtual_start: String,
    pub rotation_turn_length_seconds: i64,
}

/// `{ "user": { … } }`, one entry of a layer's users.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct LayerUser {
    pub user: Reference,
}

/// A limit on when a layer's users are on call (`daily_restriction`,
/// `weekly_restriction`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Restriction {
    #[serde(rename = "type")]
    pub kind: String,
    pub duration_seconds: i64,
    /// `HH:MM:SS` in the schedule's zone.
    pub start_time_of_day: String,
    /// ISO weekday, 1 = Monday (weekly restrictions only).
    pub start_day_of_week: Option<u8>,
}

/// The rendered entries of a sub-schedule (`final_schedule`, `overrides_subschedule`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct SubSchedule {
    pub rendered_schedule_entries: Vec<RenderedEntry>,
}

/// A user as `GET /users/{id}` gives it: the fields a roster needs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct User {
    pub id: String,
    pub name: String,
    pub email: String,
}
