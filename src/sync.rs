//! Roster versus PagerDuty: what should be on call, what is, and what to do.
//! Pure: the commands fetch, this module compares.

use chrono::{DateTime, Timelike, Utc};
use serde::Serialize;

use crate::pagerduty::{Oncall, ScheduleOverride};
use crate::rotation::{Rotation, Week};

/// Who the roster puts on one schedule for one week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Desired {
    pub week: usize,
    pub role: String,
    pub schedule: String,
    /// Roster member id.
    pub member: String,
    /// PagerDuty user ID.
    pub user: String,
    /// When the week begins.
    pub start: DateTime<Utc>,
    /// When dw's override for it begins: the week's start, or now for the current week
    /// (PagerDuty's past is not rewritten).
    pub from: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// What `dw sync pagerduty` does for one week and role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "action")]
pub enum Action {
    /// PagerDuty already says what the roster says.
    Unchanged,
    /// A new override for the week.
    Created,
    /// dw's earlier override for the week names someone else: delete it, create anew.
    Replaced { delete: Vec<String> },
}

/// One row of the sync plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    #[serde(flatten)]
    pub desired: Desired,
    #[serde(flatten)]
    pub action: Action,
    /// Why PagerDuty did not take the change, when it did not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// A member holds a rank that has a PagerDuty schedule, but the roster gives
/// no PagerDuty user ID for them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("member \"{member}\" holds a rank with a PagerDuty schedule but has no PagerDuty user ID")]
pub struct NoPagerDutyUser {
    /// The member's id in the roster.
    pub member: String,
}

/// The roster's answer for each schedule in `[pagerduty] schedules` and each week,
/// or the id of a member who holds a synced rank and has no PagerDuty user ID.
pub fn desired(
    rot: &Rotation<'_>,
    weeks: &[Week],
    now: DateTime<Utc>,
) -> Result<Vec<Desired>, NoPagerDutyUser> {
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
            out.push(Desired {
                week: week.index,
                role: role.clone(),
                schedule: schedule.clone(),
                member: member.id.clone(),
                user,
                start: start.with_timezone(&Utc),
                from: start
                    .with_timezone(&Utc)
                    .max(now.with_nanosecond(0).unwrap_or(now)),
                end: end.with_timezone(&Utc),
            });
        }
    }
    out.sort_by_key(|d| (d.week, roster.rank_of(&d.role)));
    Ok(out)
}

fn instant(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// An override dw made: it ends exactly at a roster week's end and starts
/// within that week (at its start, or when dw ran for the current week).
fn is_dws(o: &ScheduleOverride, d: &Desired) -> bool {
    instant(&o.end) == Some(d.end) && instant(&o.start).is_some_and(|s| d.start <= s && s < d.end)
}

/// The users on call for `schedule` during `[from, to)`, and whether the
/// entries cover the whole span without a gap.
pub fn on_call_during(
    oncalls: &[Oncall],
    schedule: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> (Vec<String>, bool) {
    let mut spans: Vec<(DateTime<Utc>, DateTime<Utc>, String)> = oncalls
        .iter()
        .filter(|o| o.schedule.as_ref().is_some_and(|s| s.id == schedule))
        .filter_map(|o| {
            let start = o
                .start
                .as_deref()
                .and_then(instant)
                .unwrap_or(DateTime::<Utc>::MIN_UTC);
            let end = o
                .end
                .as_deref()
                .and_then(instant)
                .unwrap_or(DateTime::<Utc>::MAX_UTC);
            let user = o.user.as_ref()?.id.clone();
            (start < to && end > from).then_some((start, end, user))
        })
        .collect();
    spans.sort();
    let mut users: Vec<String> = spans.iter().map(|s| s.2.clone()).collect();
    users.sort();
    users.dedup();
    let mut covered = from;
    for (start, end, _) in &spans {
        if *start > covered {
            break;
        }
        covered = covered.max(*end);
    }
    (users, covered >= to)
}

/// Decide, for each desired week and role, what to change.
pub fn plan(
    desired: &[Desired],
    overrides: &[(String, Vec<ScheduleOverride>)],
    oncalls: &[Oncall],
) -> Vec<Step> {
    desired
        .iter()
        .map(|d| {
            let existing: Vec<&ScheduleOverride> = overrides
                .iter()
                .filter(|(s, _)| *s == d.schedule)
                .flat_map(|(_, list)| list.iter())
                .filter(|o| is_dws(o, d))
                .collect();
            let ours = existing.iter().any(|o| o.user.id == d.user);
            let others: Vec<String> = existing
                .iter()
                .filter(|o| o.user.id != d.user)
                .filter_map(|o| o.id.clone())
                .collect();
            let action = if !others.is_empty() {
                Action::Replaced { delete: others }
            } else if ours {
                Action::Unchanged
            } else {
                let (users, covered) = on_call_during(oncalls, &d.schedule, d.from, d.end);
                if covered && users == [d.user.clone()] {
                    Action::Unchanged
                } else {
                    Action::Created
                }
            };
            Step {
                desired: d.clone(),
                action,
                error: None,
            }
        })
        .collect()
}

/// A week and role where PagerDuty disagrees with the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Drift {
    pub week: usize,
    pub role: String,
    pub schedule: String,
    pub roster: String,
    pub roster_user: String,
    /// The PagerDuty users on call in that span (empty: nobody).
    pub pagerduty: Vec<String>,
    /// Whether part of the span has nobody on call.
    pub gap: bool,
}

/// Compare; `from` cuts the first week short so that the past is not judged.
pub fn drift(desired: &[Desired], oncalls: &[Oncall], from: DateTime<Utc>) -> Vec<Drift> {
    desired
        .iter()
        .filter(|d| d.end > from)
        .filter_map(|d| {
            let (users, covered) = on_call_during(oncalls, &d.schedule, d.start.max(from), d.end);
            (users != [d.user.clone()] || !covered).then(|| Drift {
                week: d.week,
                role: d.role.clone(),
                schedule: d.schedule.clone(),
                roster: d.member.clone(),
                roster_user: d.user.clone(),
                pagerduty: users,
                gap: !covered,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pagerduty::Reference;
    use chrono::TimeZone;

    fn t(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, day, 16, 0, 0).unwrap()
    }

    fn desired(user: &str) -> Desired {
        Desired {
            week: 8,
            role: "primary".into(),
            schedule: "S1".into(),
            member: "ada".into(),
            user: user.into(),
            start: t(3),
            from: t(3),
            end: t(10),
        }
    }

    fn oncall(user: &str, from: u32, to: u32) -> Oncall {
        Oncall {
            user: Some(Reference {
                id: user.into(),
                ..Reference::default()
            }),
            schedule: Some(Reference {
                id: "S1".into(),
                ..Reference::default()
            }),
            start: Some(t(from).to_rfc3339()),
            end: Some(t(to).to_rfc3339()),
            ..Oncall::default()
        }
    }

    fn override_(id: &str, user: &str) -> ScheduleOverride {
        ScheduleOverride {
            id: Some(id.into()),
            start: t(3).to_rfc3339(),
            end: t(10).to_rfc3339(),
            user: Reference {
                id: user.into(),
                ..Reference::default()
            },
        }
    }

    #[test]
    fn agreeing_schedule_needs_nothing() {
        let steps = plan(&[desired("U1")], &[], &[oncall("U1", 1, 12)]);
        assert_eq!(steps[0].action, Action::Unchanged);
    }

    #[test]
    fn other_user_or_gap_needs_an_override() {
        assert_eq!(
            plan(&[desired("U1")], &[], &[oncall("U2", 1, 12)])[0].action,
            Action::Created
        );
        assert_eq!(
            plan(&[desired("U1")], &[], &[oncall("U1", 1, 5)])[0].action,
            Action::Created
        );
        assert_eq!(plan(&[desired("U1")], &[], &[])[0].action, Action::Created);
    }

    #[test]
    fn our_override_is_kept_and_a_stale_one_replaced() {
        let ours = vec![("S1".to_string(), vec![override_("O1", "U1")])];
        assert_eq!(
            plan(&[desired("U1")], &ours, &[oncall("U1", 3, 10)])[0].action,
            Action::Unchanged
        );
        let stale = vec![("S1".to_string(), vec![override_("O2", "U2")])];
        assert_eq!(
            plan(&[desired("U1")], &stale, &[oncall("U2", 3, 10)])[0].action,
            Action::Replaced {
                delete: vec!["O2".into()]
            }
        );
    }

    #[test]
    fn drift_lists_who_pagerduty_has() {
        let d = drift(
            &[desired("U1")],
            &[oncall("U1", 3, 6), oncall("U2", 6, 10)],
            t(1),
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].pagerduty, ["U1", "U2"]);
        assert!(drift(&[desired("U1")], &[oncall("U1", 1, 12)], t(1)).is_empty());
        // The past part of the current week is not judged.
        assert!(drift(
            &[desired("U1")],
            &[oncall("U2", 3, 6), oncall("U1", 6, 10)],
            t(7)
        )
        .is_empty());
    }
}
