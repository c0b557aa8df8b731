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

/// The incident `create_incident` ended with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    pub incident: Incident,
    /// True when PagerDuty already had an open incident with this key.
    pub existing: bool,
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
