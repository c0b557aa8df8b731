//! What the roster wants in PagerDuty: spans of time per schedule.

use crate::roster::MemberIx;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::rotation::{Rotation, Week, WeekIx};

/// One stretch of one schedule that the roster gives to one person. A week's
/// rank is one span; a cover of that rank is one more span that splits it, so
/// PagerDuty gets an override of exactly the cover's time (a cover crossing a
/// handoff is one span, longer than what is left of its first week).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub schedule: String,
    pub role: String,
    pub week: WeekIx,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    /// PagerDuty user ID.
    pub user: String,
    /// Roster member id.
    pub member: String,
    /// Why the roster puts them there: `rotation`, `override: REASON` or `cover: REASON`.
    pub why: String,
    /// For a cover: its index in the roster's covers.
    #[serde(skip)]
    pub cover: Option<usize>,
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
/// has no PagerDuty user ID. A cover is one span of exactly its time, in the
/// week it starts in (the first of `weeks` when it started earlier).
pub fn spans(rot: &Rotation<'_>, weeks: &[Week]) -> Result<Vec<Span>, NoPagerDutyUser> {
    let roster = rot.roster();
    let user_of = |m: MemberIx| {
        let member = &roster.members[m];
        member.pagerduty.clone().ok_or_else(|| NoPagerDutyUser {
            member: member.id.clone(),
        })
    };
    let mut out = Vec::new();
    for week in weeks {
        let (start, end) = rot.bounds(week.index);
        let (start, end) = (start.with_timezone(&Utc), end.with_timezone(&Utc));
        let covers = rot.covers_in(week.index);
        for (role, schedule) in &roster.pagerduty.schedules {
            let Some(rank) = roster.rank_of(role) else {
                continue;
            };
            let Some(slot) = week.slot(rank) else {
                continue;
            };
            let holder = roster.members[slot.member].id.clone();
            let holder_user = user_of(slot.member)?;
            let holder_why = match &slot.override_reason {
                Some(r) => format!("override: {r}"),
                None => "rotation".into(),
            };
            let span = |from, to, user: &str, member: &str, why: &str| Span {
                schedule: schedule.clone(),
                role: role.clone(),
                week: week.index,
                from,
                to,
                user: user.to_string(),
                member: member.to_string(),
                why: why.to_string(),
                cover: None,
            };
            // The holder's week, cut around each cover of this rank (covers
            // of one rank never overlap: the roster refuses that).
            let mut at = start;
            for c in covers.iter().filter(|c| c.rank == rank) {
                let (from, to) = (c.from.with_timezone(&Utc), c.to.with_timezone(&Utc));
                if from > at {
                    out.push(span(at, from, &holder_user, &holder, &holder_why));
                }
                let member = &roster.members[c.member];
                let why = format!("cover: {}", c.reason);
                // The whole cover, not its part in this week: one override.
                let whole = rot
                    .covers_at(&c.from)
                    .into_iter()
                    .find(|w| w.index == c.index)
                    .map_or((from, to), |w| {
                        (w.from.with_timezone(&Utc), w.to.with_timezone(&Utc))
                    });
                let done = out.iter().any(|s: &Span| {
                    s.cover == Some(c.index) && s.schedule == *schedule && s.role == *role
                });
                if !done {
                    let mut cover = span(whole.0, whole.1, &user_of(c.member)?, &member.id, &why);
                    cover.cover = Some(c.index);
                    out.push(cover);
                }
                at = to;
            }
            if at < end {
                out.push(span(at, end, &holder_user, &holder, &holder_why));
            }
        }
    }
    out.sort_by_key(|s| (s.week, roster.rank_of(&s.role), s.from));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROSTER: &str = r#"
[team]
name = "T"
timezone = "America/Chicago"
start = 2026-03-03

[pagerduty]
schedules = { primary = "PSCHED1" }

[[members]]
id = "ada"
name = "Ada"
email = "ada@example.com"
pagerduty = "PADA"

[[members]]
id = "ken"
name = "Ken"
email = "ken@example.com"
pagerduty = "PKEN"

[[covers]]
role = "primary"
member = "ken"
from = 2026-03-05T18:00
to = 2026-03-06T08:00
reason = "school play"
"#;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_cover_crossing_a_handoff_is_one_span_of_exactly_its_time() {
        let lin = "[[members]]\nid = \"lin\"\nname = \"Lin\"\nemail = \"lin@example.com\"\npagerduty = \"PLIN\"\n\n[[covers]]";
        let text = ROSTER
            .replace("2026-03-05T18:00", "2026-03-09T18:00")
            .replace("to = 2026-03-06T08:00", "to = 2026-03-11T08:00")
            .replace("member = \"ken\"", "member = \"lin\"")
            .replace("[[covers]]", lin);
        let roster = crate::validate::parse(&text, "t.toml").unwrap();
        let rot = Rotation::new(&roster);
        let weeks: Vec<Week> = (0..2).map(|k| rot.week(WeekIx(k))).collect();
        let got: Vec<(usize, String, DateTime<Utc>, DateTime<Utc>)> = spans(&rot, &weeks)
            .unwrap()
            .into_iter()
            .map(|s| (s.week.get(), s.user, s.from, s.to))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    0,
                    "PADA".into(),
                    utc("2026-03-03T16:00:00Z"),
                    utc("2026-03-09T23:00:00Z")
                ),
                (
                    0,
                    "PLIN".into(),
                    utc("2026-03-09T23:00:00Z"),
                    utc("2026-03-11T13:00:00Z")
                ),
                (
                    1,
                    "PKEN".into(),
                    utc("2026-03-11T13:00:00Z"),
                    utc("2026-03-17T15:00:00Z")
                ),
            ]
        );
        // Only the first week asked for: the cover is still whole.
        let first = spans(&rot, &weeks[..1]).unwrap();
        assert_eq!(first[1].to, utc("2026-03-11T13:00:00Z"));
    }

    #[test]
    fn a_cover_splits_the_holders_week_into_three_spans() {
        let roster = crate::validate::parse(ROSTER, "t.toml").unwrap();
        let rot = Rotation::new(&roster);
        let weeks: Vec<Week> = (0..1).map(|k| rot.week(WeekIx(k))).collect();
        let got: Vec<(String, DateTime<Utc>, DateTime<Utc>, String)> = spans(&rot, &weeks)
            .unwrap()
            .into_iter()
            .map(|s| (s.user, s.from, s.to, s.why))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "PADA".into(),
                    utc("2026-03-03T16:00:00Z"),
                    utc("2026-03-06T00:00:00Z"),
                    "rotation".into()
                ),
                (
                    "PKEN".into(),
                    utc("2026-03-06T00:00:00Z"),
                    utc("2026-03-06T14:00:00Z"),
                    "cover: school play".into()
                ),
                (
                    "PADA".into(),
                    utc("2026-03-06T14:00:00Z"),
                    utc("2026-03-10T15:00:00Z"),
                    "rotation".into()
                ),
            ]
        );
    }
}
