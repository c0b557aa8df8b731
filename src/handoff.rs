//! `dw handoff` decided without I/O, as `sync::apply` decides a sync: the
//! rotation's changes, which incidents to ask PagerDuty for, which of its
//! answers the notes list, and what the flags send. The command reads the
//! roster, PagerDuty and the customer issues, asks this module, posts, and
//! prints; the texts are in `render::notes`.
//!
//! The ending shift's incidents are those active during it: created during
//! it, or created before it and not resolved before it began. PagerDuty's
//! `since`/`until` select incidents by creation, so dw asks for those created
//! from [`LOOKBACK_DAYS`] before the shift began until now, and adds the open
//! ones of any age (`date_range=all`), which it reads anyway.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use crate::invocation::context::person;
use crate::pagerduty::types::{EscalationPolicy, Incident};
use crate::pagerduty::IncidentQuery;
use crate::render;
use crate::render::notes::{Handoff, IncidentLine, Incidents, RoleChange};
use crate::roster::{Rank, Roster};
use crate::rotation::Week;

/// How long before the shift an incident resolved during it may have been
/// created and still be found (PagerDuty lets one list span six months).
pub const LOOKBACK_DAYS: i64 = 30;

/// What the flags ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Print the notes (no `--post`; `--dry-run` alone too: nothing to show).
    Print,
    /// `--post --dry-run`: print them and the post, send nothing.
    DryRun,
    /// `--post`: send them to the team channel, then print them.
    Post,
}

impl Delivery {
    pub fn of(post: bool, dry_run: bool) -> Delivery {
        match (post, dry_run) {
            (false, _) => Delivery::Print,
            (true, true) => Delivery::DryRun,
            (true, false) => Delivery::Post,
        }
    }
}

/// Each rank before and after the handoff; a rank nobody holds on either
/// side (a small team) says nothing.
pub fn roles(roster: &Roster, outgoing: &Week, incoming: &Week) -> Vec<RoleChange> {
    Rank::up_to(roster.team.roles.len())
        .map(|rank| RoleChange {
            rank,
            role: roster.role_name(rank),
            outgoing: outgoing.slot(rank).map(|s| person(roster, s.member)),
            incoming: incoming.slot(rank).map(|s| person(roster, s.member)),
        })
        .filter(|r| r.outgoing.is_some() || r.incoming.is_some())
        .collect()
}

/// Where the team's services come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Services {
    /// `[pagerduty] service`.
    Service(String),
    /// The services of `[pagerduty] escalation_policy`, to be read.
    Policy(String),
    /// Neither: dw lists only the team's incidents, never the whole account's.
    Unknown,
}

/// Which services' incidents belong in the notes.
pub fn services(roster: &Roster) -> Services {
    match (
        &roster.pagerduty.service,
        &roster.pagerduty.escalation_policy,
    ) {
        (Some(s), _) => Services::Service(s.clone()),
        (None, Some(p)) => Services::Policy(p.clone()),
        (None, None) => Services::Unknown,
    }
}

/// Why the notes list no incidents when the roster names no service.
pub const NO_SERVICE: &str = "the roster names no [pagerduty] service or escalation_policy, and \
    dw lists only the team's incidents: add service = \"PXXXXXX\" under [pagerduty]";

/// The service IDs of escalation policy `id` as PagerDuty answered, or why
/// the notes list none.
pub fn policy_services(
    id: &str,
    read: std::result::Result<EscalationPolicy, String>,
) -> std::result::Result<Vec<String>, String> {
    match read {
        Ok(p) if !p.services.is_empty() => Ok(p.services.into_iter().map(|s| s.id).collect()),
        Ok(_) => Err(format!(
            "escalation policy {id} is used by no service; add service = \"PXXXXXX\" under [pagerduty]"
        )),
        Err(e) => Err(format!(
            "could not read the services of escalation policy {id} ({e}); add service = \"PXXXXXX\" under [pagerduty]"
        )),
    }
}

/// The open incidents, of any age.
pub fn open_query(service_ids: Vec<String>) -> IncidentQuery {
    IncidentQuery {
        statuses: vec!["triggered", "acknowledged"],
        service_ids,
        all_dates: true,
        ..IncidentQuery::default()
    }
}

/// The incidents created from [`LOOKBACK_DAYS`] before the shift began
/// until `now`, whatever their status (the notes keep those active during
/// the shift).
pub fn shift_query(
    service_ids: Vec<String>,
    shift_start: &DateTime<Tz>,
    now: &DateTime<Tz>,
) -> IncidentQuery {
    IncidentQuery {
        service_ids,
        since: Some(render::rfc3339(
            &(*shift_start - Duration::days(LOOKBACK_DAYS)),
        )),
        until: Some(render::rfc3339(now)),
        ..IncidentQuery::default()
    }
}

/// What PagerDuty gave for the notes, or why it gave nothing.
#[derive(Debug, Clone)]
pub enum Read {
    /// Not asked: no token, no services.
    NotFetched(String),
    /// Asked, and a list failed (the command exits 1 after printing).
    Failed(String),
    /// The open incidents ([`open_query`]) and the recent ones ([`shift_query`]).
    Lists {
        open: Vec<Incident>,
        recent: Vec<Incident>,
    },
}

fn instant(t: Option<&str>) -> Option<DateTime<Utc>> {
    t.and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc))
}

fn is_open(i: &Incident) -> bool {
    i.status == "triggered" || i.status == "acknowledged"
}

/// When a resolved incident was resolved: `resolved_at`, else its
/// `last_status_change_at` (a resolve is its last change of status).
fn resolved(i: &Incident) -> Option<DateTime<Utc>> {
    instant(i.resolved_at.as_deref()).or_else(|| instant(i.last_status_change_at.as_deref()))
}

/// Whether an incident was active during the shift `[start, now)`: created
/// before `now`, and either created during the shift, or still open, or
/// resolved at or after `start`. An incident whose times cannot be read
/// counts as created before the shift; a resolved one without a readable
/// resolve time, as resolved before it.
pub fn active_during(i: &Incident, start: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    let created = instant(i.created_at.as_deref());
    if created.is_some_and(|c| c >= now) {
        return false;
    }
    if created.is_some_and(|c| c >= start) || is_open(i) {
        return true;
    }
    i.status == "resolved" && resolved(i).is_some_and(|r| r >= start)
}

/// The notes' incidents from what PagerDuty gave: the open ones (only
/// those, whatever a server that ignores `statuses[]` sent), and the ending
/// shift's, each once, oldest first (ties by id), from both lists.
pub fn incidents(read: Read, start: DateTime<Utc>, now: DateTime<Utc>) -> Incidents {
    let (open, recent) = match read {
        Read::NotFetched(reason) | Read::Failed(reason) => return Incidents::not_fetched(reason),
        Read::Lists { open, recent } => (open, recent),
    };
    let open: Vec<Incident> = open.into_iter().filter(is_open).collect();
    let mut shift: Vec<&Incident> = recent
        .iter()
        .chain(open.iter())
        .filter(|i| active_during(i, start, now))
        .collect();
    // Oldest first; an incident without a readable creation time last.
    shift.sort_by(|a, b| {
        let key = |i: &Incident| {
            (
                instant(i.created_at.as_deref()).is_none(),
                instant(i.created_at.as_deref()),
            )
        };
        key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id))
    });
    shift.dedup_by(|a, b| a.id == b.id);
    let ending_shift = shift
        .into_iter()
        .map(|i| IncidentLine::from_incident(i, now))
        .collect();
    Incidents {
        fetched: true,
        reason: None,
        open: open
            .iter()
            .map(|i| IncidentLine::from_incident(i, now))
            .collect(),
        ending_shift,
    }
}

/// Everything in the notes, from what was read.
pub struct Facts<'a> {
    pub roster: &'a Roster,
    pub outgoing: &'a Week,
    pub incoming: &'a Week,
    pub shift_start: DateTime<Tz>,
    pub handoff: DateTime<Tz>,
    pub incidents: Incidents,
    pub issues: Vec<String>,
}

/// The handoff notes.
pub fn notes(f: Facts<'_>) -> Handoff {
    Handoff {
        team: f.roster.team.name.clone(),
        handoff: f.handoff,
        outgoing_week: f.outgoing.index,
        incoming_week: f.incoming.index,
        shift_start: f.shift_start,
        roles: roles(f.roster, f.outgoing, f.incoming),
        away_next: f
            .incoming
            .away
            .iter()
            .map(|a| person(f.roster, a.member))
            .collect(),
        incidents: f.incidents,
        issues: f.issues,
        exempt: crate::handbook::AnalysisRules::of(f.roster).exempt_phrase(),
    }
}

#[cfg(test)]
#[path = "handoff_tests.rs"]
mod tests;
