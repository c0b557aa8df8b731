//! The public data of the PagerDuty stand-in: what a test builds a schedule
//! (spans, a rotation, PagerDuty's own layers and restrictions) or an
//! incident from, and what it reads back (the overrides held, the incidents).

use chrono::{DateTime, NaiveTime, TimeDelta, Utc};

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
