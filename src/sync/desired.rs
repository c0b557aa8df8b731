//! What the roster wants in PagerDuty: spans of time per schedule.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::rotation::{Rotation, Week};

/// One stretch of one schedule that the roster gives to one person. A week's
/// rank is one span; a later cover would be one more span that splits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub schedule: String,
    pub role: String,
    pub week: usize,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    /// PagerDuty user ID.
    pub user: String,
    /// Roster member id.
    pub member: String,
    /// Why the roster puts them there: `rotation`, or `override: REASON`.
    pub why: String,
}

/// A member holds a rank that has a PagerDuty schedule, but the roster gives
/// no PagerDuty user ID for them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("member \"{member}\" holds a rank with a PagerDuty schedule but has no PagerDuty user ID")]
pub struct NoPagerDutyUser {
    /// The member's id in the roster.
    pub member: String,
}

/// The roster's spans for each schedule in `[pagerduty] schedules` and each
/// week, ordered by week then rank; or the member who holds a synced rank and
/// has no PagerDuty user ID.
pub fn spans(rot: &Rotation<'_>, weeks: &[Week]) -> Result<Vec<Span>, NoPagerDutyUser> {
    let roster = rot.roster();
    let mut out = Vec::new();
    for week in weeks {
        let (start, end) = rot.bounds(week.index);
        for (role, schedule) in &roster.pagerduty.schedules {
            let Some(rank) = roster.rank_of(role) else {
                continue;
            };
            let Some(slot) = week.ranks.get(rank - 1) else {
                continue;
            };
            let member = &roster.members[slot.member];
            let user = member.pagerduty.clone().ok_or_else(|| NoPagerDutyUser {
                member: member.id.clone(),
            })?;
            out.push(Span {
                schedule: schedule.clone(),
                role: role.clone(),
                week: week.index,
                from: start.with_timezone(&Utc),
                to: end.with_timezone(&Utc),
                user,
                member: member.id.clone(),
                why: match &slot.override_reason {
                    Some(r) => format!("override: {r}"),
                    None => "rotation".into(),
                },
            });
        }
    }
    out.sort_by_key(|s| (s.week, roster.rank_of(&s.role)));
    Ok(out)
}
