//! A PagerDuty schedule as the start of a roster: pure functions over the
//! typed answers of `GET /schedules/{id}` and `GET /users/{id}`.
//!
//! dw's rotation is one weekly cycle through the members in file order, so
//! only a weekly layer carries over. Its turns begin at the local time of
//! `rotation_virtual_start` in the schedule's zone, every 7 days (the same
//! wall-clock time across a DST change, as PagerDuty's schedule editor
//! keeps a handoff time), and turn `k` belongs to user `k mod n`. The roster
//! starts at the first handoff on or after now, with the members rotated so
//! that the first one is the user PagerDuty has on call from that handoff:
//! then week `j` of the roster is PagerDuty's turn `k + j` for good.
//!
//! Everything else (restrictions, other layers, overrides, a layer that
//! ends, users without a Slack account) cannot be written as a plain weekly
//! rotation: it is returned as a [`NotCarried`] for the command to list,
//! never guessed at. A schedule that has no weekly layer is a [`Refusal`].

use std::collections::BTreeMap;

use chrono::Datelike;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, Timelike, Utc, Weekday};
use chrono_tz::Tz;

use super::{member_id_from, unique_ids, NewMember};
use crate::pagerduty::{RenderedEntry, Restriction, ScheduleDetail, ScheduleLayer, User};
use crate::render::human;
use crate::roster::weekday_name;
use crate::rotation::resolve_local;

/// PagerDuty's turn length of a weekly layer.
pub const WEEK_SECONDS: i64 = 7 * 24 * 3600;

/// How many weeks of PagerDuty's final schedule are compared with the roster.
pub const COMPARED_WEEKS: usize = 8;

/// Why a schedule cannot start a roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The schedule's zone is not an IANA name dw knows.
    UnknownTimeZone(String),
    /// Every layer has ended (or there is none).
    NoLayer,
    /// The layers in effect hand off at another rhythm than once a week.
    NotWeekly { layer: String, seconds: i64 },
    /// The weekly layer has nobody on it.
    NoUsers { layer: String },
    /// A user is on the layer twice: a cycle dw cannot write as members.
    RepeatedUser { layer: String, user: String },
    /// A time PagerDuty gave that is not RFC 3339.
    BadTime { field: String, value: String },
}

impl Refusal {
    /// What is wrong, and what to do instead.
    pub fn describe(&self, schedule: &str) -> (String, String) {
        let by_hand =
            "start the roster by hand instead: dw init --team NAME --member ID:NAME:EMAIL …";
        match self {
            Refusal::UnknownTimeZone(tz) => (
                format!("schedule {schedule} is in the time zone \"{tz}\", which is not an IANA name dw knows"),
                "give the team's zone with --timezone (e.g. --timezone Europe/Berlin)".into(),
            ),
            Refusal::NoLayer => (
                format!("schedule {schedule} has no layer in effect from now on"),
                by_hand.into(),
            ),
            Refusal::NotWeekly { layer, seconds } => (
                format!(
                    "schedule {schedule}: layer \"{layer}\" hands off every {}, not every week; dw's rotation gives each member one whole week in turn, so it cannot carry this layer over",
                    turn_length(*seconds)
                ),
                format!("use a schedule with a weekly layer, or {by_hand}"),
            ),
            Refusal::NoUsers { layer } => (
                format!("schedule {schedule}: layer \"{layer}\" has no users"),
                "add the team to the layer in PagerDuty, or start the roster by hand".into(),
            ),
            Refusal::RepeatedUser { layer, user } => (
                format!(
                    "schedule {schedule}: user {user} takes more than one turn in each cycle of layer \"{layer}\"; in dw each member has one turn per cycle"
                ),
                by_hand.into(),
            ),
            Refusal::BadTime { field, value } => (
                format!("schedule {schedule}: {field} is \"{value}\", not an RFC 3339 time"),
                "check the schedule in PagerDuty's web app".into(),
            ),
        }
    }
}

/// "1 day", "12 hours", "2 weeks", "90 minutes", "45 seconds".
pub fn turn_length(seconds: i64) -> String {
    let unit = |n: i64, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    match seconds {
        s if s > 0 && s % WEEK_SECONDS == 0 => unit(s / WEEK_SECONDS, "week"),
        s if s > 0 && s % 86_400 == 0 => unit(s / 86_400, "day"),
        s if s > 0 && s % 3_600 == 0 => unit(s / 3_600, "hour"),
        s if s > 0 && s % 60 == 0 => unit(s / 60, "minute"),
        s => unit(s, "second"),
    }
}

/// Something of the schedule that the roster does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotCarried {
    /// The carried layer is on call only at some times.
    Restrictions {
        layer: String,
        restrictions: Vec<String>,
    },
    /// A layer in effect besides the carried one.
    OtherLayer {
        layer: String,
        turn: String,
        from: String,
    },
    /// The carried layer ends; dw's rotation goes on.
    LayerEnds { layer: String, at: String },
    /// The handoff has seconds; the roster's handoff_time has minutes.
    Seconds { handoff: String },
    /// An override in the weeks compared.
    Override {
        user: String,
        from: String,
        to: String,
    },
    /// A week in which the final schedule is not the roster's primary all week.
    WeekDiffers {
        week: NaiveDate,
        pagerduty: Vec<String>,
        roster: String,
    },
    /// A member without a Slack ID: Slack found no member with that email.
    NoSlackMatch { member: String, email: String },
    /// No `SLACK_TOKEN`: no Slack IDs at all.
    NoSlackToken,
    /// A week in which the secondary schedule is not the roster's secondary.
    SecondaryDiffers {
        week: NaiveDate,
        pagerduty: Vec<String>,
        roster: String,
    },
    /// With one member there is no secondary.
    NoSecondary,
}

impl NotCarried {
    /// One line for people.
    pub fn describe(&self) -> String {
        match self {
            NotCarried::Restrictions { layer, restrictions } => format!(
                "layer \"{layer}\" is on call only {}; the roster's weeks have no gaps (PagerDuty pages nobody outside them)",
                restrictions.join(" and ")
            ),
            NotCarried::OtherLayer { layer, turn, from } => format!(
                "layer \"{layer}\" (turns of {turn}, from {from}) is not carried over: the roster holds one weekly rotation"
            ),
            NotCarried::LayerEnds { layer, at } => format!(
                "layer \"{layer}\" ends {at}; the roster's rotation goes on after that"
            ),
            NotCarried::Seconds { handoff } => format!(
                "the layer hands off at {handoff}; the roster's handoff_time has no seconds, so its weeks begin on the minute"
            ),
            NotCarried::Override { user, from, to } => format!(
                "override: {user} from {from} to {to} (add it with `dw swap` or `dw cover` if it should stay)"
            ),
            NotCarried::WeekDiffers { week, pagerduty, roster } => format!(
                "the week of {week}: PagerDuty's final schedule has {}, the roster has {roster}",
                pagerduty.join(", ")
            ),
            NotCarried::NoSlackMatch { member, email } => format!(
                "member {member}: Slack has no member with the email {email} (users_not_found); add slack = \"U…\" by hand"
            ),
            NotCarried::NoSlackToken => "no Slack IDs: SLACK_TOKEN is not set (a bot token with the scope users:read.email finds them by email)".into(),
            NotCarried::SecondaryDiffers { week, pagerduty, roster } => format!(
                "the week of {week}: the secondary schedule has {}, the roster has {roster} (next in line); `dw sync pagerduty` would change it",
                pagerduty.join(", ")
            ),
            NotCarried::NoSecondary => "the roster has one member, so no week has a secondary".into(),
        }
    }
}

/// The weekly layer chosen, and what the roster takes from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rotation {
    pub timezone: Tz,
    pub handoff_day: Weekday,
    pub handoff_time: NaiveTime,
    /// The date of the first handoff on or after now: the roster's start.
    pub start: NaiveDate,
    /// The layer's user IDs, the one on call from `start` first.
    pub users: Vec<String>,
    pub layer: String,
    pub not_carried: Vec<NotCarried>,
}

fn parse_time(field: &str, value: &str) -> Result<DateTime<Utc>, Refusal> {
    DateTime::<FixedOffset>::parse_from_rfc3339(value.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Refusal::BadTime {
            field: field.to_string(),
            value: value.to_string(),
        })
}

fn layer_name(layer: &ScheduleLayer, index: usize) -> String {
    layer
        .name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| format!("Layer {}", index + 1))
}

/// Handoff `k` of a weekly layer whose turn 0 begins at the local time
/// `virtual_start`: the same wall-clock time `7k` days later in `tz`.
pub fn handoff(tz: &Tz, virtual_start: chrono::NaiveDateTime, k: i64) -> DateTime<Tz> {
    let local = virtual_start
        .checked_add_signed(Duration::days(k.saturating_mul(7)))
        .unwrap_or(virtual_start);
    resolve_local(tz, local)
}

/// The first handoff of a weekly layer at or after `after`: its turn index
/// `k` (negative before the virtual start) and its instant.
pub fn first_handoff_after(
    tz: &Tz,
    virtual_start: DateTime<Utc>,
    after: DateTime<Utc>,
) -> (i64, DateTime<Tz>) {
    let local = virtual_start.with_timezone(tz).naive_local();
    // A guess from the elapsed time, then a step either way: a DST change
    // moves a handoff by an hour at most, far less than a week.
    let mut k = (after - virtual_start)
        .num_seconds()
        .div_euclid(WEEK_SECONDS);
    while handoff(tz, local, k) < after {
        k += 1;
    }
    while k > i64::MIN / 2 && handoff(tz, local, k - 1) >= after {
        k -= 1;
    }
    (k, handoff(tz, local, k))
}

/// The index in a cycle of `n` users of the user who takes turn `k`.
pub fn on_call_index(k: i64, n: usize) -> usize {
    k.rem_euclid(n.max(1) as i64) as usize
}

/// Choose the weekly layer of `schedule` and work out the roster's
/// rotation from it, as seen at `now`. `timezone` stands in for a schedule
/// zone dw does not know.
pub fn rotation(
    schedule: &ScheduleDetail,
    now: DateTime<Utc>,
    timezone: Option<Tz>,
) -> Result<Rotation, Refusal> {
    let tz = match (schedule.time_zone.parse::<Tz>(), timezone) {
        (Ok(tz), _) => tz,
        (Err(_), Some(tz)) => tz,
        (Err(_), None) => return Err(Refusal::UnknownTimeZone(schedule.time_zone.clone())),
    };
    // Layers in effect from now on (an ended layer is history).
    let mut in_effect = Vec::new();
    for (i, layer) in schedule.schedule_layers.iter().enumerate() {
        let name = layer_name(layer, i);
        let end = match layer.end.as_deref().filter(|e| !e.trim().is_empty()) {
            Some(e) => Some(parse_time(&format!("layer \"{name}\" end"), e)?),
            None => None,
        };
        if end.is_some_and(|e| e <= now) {
            continue;
        }
        let start = parse_time(&format!("layer \"{name}\" start"), &layer.start)?;
        in_effect.push((name, layer, start, end));
    }
    // The weekly layer that begins first is the rotation people are on now.
    let chosen = in_effect
        .iter()
        .filter(|(_, l, _, _)| l.rotation_turn_length_seconds == WEEK_SECONDS)
        .min_by_key(|(_, _, start, _)| *start);
    let Some((name, layer, layer_start, layer_end)) = chosen else {
        return Err(match in_effect.first() {
            Some((name, layer, _, _)) => Refusal::NotWeekly {
                layer: name.clone(),
                seconds: layer.rotation_turn_length_seconds,
            },
            None => Refusal::NoLayer,
        });
    };
    let users: Vec<String> = layer.users.iter().map(|u| u.user.id.clone()).collect();
    if users.is_empty() {
        return Err(Refusal::NoUsers {
            layer: name.clone(),
        });
    }
    for (i, u) in users.iter().enumerate() {
        if users[..i].contains(u) {
            return Err(Refusal::RepeatedUser {
                layer: name.clone(),
                user: layer
                    .users
                    .get(i)
                    .and_then(|x| x.user.summary.clone())
                    .unwrap_or_else(|| u.clone()),
            });
        }
    }
    let virtual_start = parse_time(
        &format!("layer \"{name}\" rotation_virtual_start"),
        &layer.rotation_virtual_start,
    )?;
    let mut not_carried = Vec::new();
    let local = virtual_start.with_timezone(&tz);
    if local.second() != 0 || local.nanosecond() != 0 {
        not_carried.push(NotCarried::Seconds {
            handoff: local.format("%H:%M:%S").to_string(),
        });
    }
    let handoff_time =
        NaiveTime::from_hms_opt(local.hour(), local.minute(), 0).unwrap_or(NaiveTime::MIN);
    let (k, first) = first_handoff_after(&tz, virtual_start, now.max(*layer_start));
    let n = users.len();
    let at = on_call_index(k, n);
    let rotated: Vec<String> = (0..n).map(|i| users[(at + i) % n].clone()).collect();
    if !layer.restrictions.is_empty() {
        not_carried.push(NotCarried::Restrictions {
            layer: name.clone(),
            restrictions: layer
                .restrictions
                .iter()
                .map(describe_restriction)
                .collect(),
        });
    }
    if let Some(end) = layer_end {
        not_carried.push(NotCarried::LayerEnds {
            layer: name.clone(),
            at: human(&end.with_timezone(&tz)),
        });
    }
    for (other, l, start, _) in &in_effect {
        if std::ptr::eq(*l, *layer) {
            continue;
        }
        not_carried.push(NotCarried::OtherLayer {
            layer: other.clone(),
            turn: turn_length(l.rotation_turn_length_seconds),
            from: human(&start.with_timezone(&tz)),
        });
    }
    Ok(Rotation {
        timezone: tz,
        handoff_day: local.weekday(),
        handoff_time,
        start: first.date_naive(),
        users: rotated,
        layer: name.clone(),
        not_carried,
    })
}

/// "daily from 08:00:00 for 9 hours", "weekly from monday 09:00:00 for 5 days".
fn describe_restriction(r: &Restriction) -> String {
    let length = turn_length(r.duration_seconds);
    match (r.kind.as_str(), r.start_day_of_week) {
        ("weekly_restriction", Some(day)) => {
            let day = Weekday::try_from(day.saturating_sub(1))
                .map(weekday_name)
                .unwrap_or("?");
            format!("weekly from {day} {} for {length}", r.start_time_of_day)
        }
        _ => format!("daily from {} for {length}", r.start_time_of_day),
    }
}

/// The members of the roster: the rotation's users in order, with their
/// PagerDuty names and emails, and Slack IDs where `slack` (email → ID,
/// `None` when Slack has no such member) has one; `slack` is `None` when
/// there was no Slack token. Users missing from `users` are left out (the
/// command fetched every one, so it does not happen).
pub fn members(
    rotation: &Rotation,
    users: &[User],
    slack: Option<&BTreeMap<String, Option<String>>>,
) -> (Vec<NewMember>, Vec<NotCarried>) {
    let found: Vec<&User> = rotation
        .users
        .iter()
        .filter_map(|id| users.iter().find(|u| &u.id == id))
        .collect();
    let ids = unique_ids(
        found
            .iter()
            .map(|u| member_id_from(&u.email, &u.name))
            .collect(),
    );
    let mut notes = Vec::new();
    if slack.is_none() {
        notes.push(NotCarried::NoSlackToken);
    }
    let members = found
        .iter()
        .zip(ids)
        .map(|(u, id)| {
            let slack_id = slack.and_then(|s| s.get(&u.email).cloned().flatten());
            if slack.is_some() && slack_id.is_none() {
                notes.push(NotCarried::NoSlackMatch {
                    member: id.clone(),
                    email: u.email.clone(),
                });
            }
            NewMember {
                id,
                name: if u.name.trim().is_empty() {
                    u.email.clone()
                } else {
                    u.name.clone()
                },
                email: u.email.clone(),
                slack: slack_id,
                pagerduty: Some(u.id.clone()),
            }
        })
        .collect();
    (members, notes)
}

/// The bounds of week `j` of the rotation.
fn week_bounds(rotation: &Rotation, j: usize) -> (DateTime<Utc>, DateTime<Utc>) {
    let at = |j: usize| {
        let date = rotation
            .start
            .checked_add_signed(Duration::days(7 * j as i64))
            .unwrap_or(rotation.start);
        resolve_local(&rotation.timezone, date.and_time(rotation.handoff_time)).with_timezone(&Utc)
    };
    (at(j), at(j + 1))
}

/// Who `entries` have on call in [a, b): each user ID in order of first
/// appearance, and whether nobody is for some of the time.
fn on_call_in(
    entries: &[RenderedEntry],
    a: DateTime<Utc>,
    b: DateTime<Utc>,
) -> (Vec<String>, bool) {
    let mut spans: Vec<(DateTime<Utc>, DateTime<Utc>, String)> = entries
        .iter()
        .filter_map(|e| {
            let s = DateTime::parse_from_rfc3339(&e.start)
                .ok()?
                .with_timezone(&Utc);
            let t = DateTime::parse_from_rfc3339(&e.end)
                .ok()?
                .with_timezone(&Utc);
            let user = e.user.as_ref().map(|u| u.id.clone()).unwrap_or_default();
            (s < b && t > a).then(|| (s.max(a), t.min(b), user))
        })
        .collect();
    spans.sort();
    let mut users: Vec<String> = Vec::new();
    let mut covered_to = a;
    let mut gap = false;
    for (s, t, user) in spans {
        if s > covered_to {
            gap = true;
        }
        covered_to = covered_to.max(t);
        if !users.contains(&user) {
            users.push(user);
        }
    }
    (users, gap || covered_to < b)
}

/// The weeks among the first [`COMPARED_WEEKS`] in which `entries` (a
/// rendered schedule) do not have the member of `rank` (1 = primary) on
/// call the whole week; `name` turns a PagerDuty user ID into what people read.
pub fn differing_weeks(
    rotation: &Rotation,
    entries: &[RenderedEntry],
    rank: usize,
    name: &dyn Fn(&str) -> String,
) -> Vec<(NaiveDate, Vec<String>, String)> {
    let n = rotation.users.len();
    (0..COMPARED_WEEKS)
        .filter_map(|j| {
            let (a, b) = week_bounds(rotation, j);
            let expected = &rotation.users[(j + rank.saturating_sub(1)) % n.max(1)];
            let (users, gap) = on_call_in(entries, a, b);
            if !gap && users.len() == 1 && &users[0] == expected {
                return None;
            }
            let mut shown: Vec<String> = users.iter().map(|u| name(u)).collect();
            if gap {
                shown.push("nobody for part of the week".into());
            }
            Some((
                rotation.start + Duration::days(7 * j as i64),
                shown,
                name(expected),
            ))
        })
        .collect()
}

/// The overrides of a schedule (its rendered overrides sub-schedule) as
/// things not carried over, with times in the team's zone.
pub fn overrides(
    rotation: &Rotation,
    schedule: &ScheduleDetail,
    name: &dyn Fn(&str) -> String,
) -> Vec<NotCarried> {
    let Some(sub) = &schedule.overrides_subschedule else {
        return Vec::new();
    };
    let local = |s: &str| {
        DateTime::parse_from_rfc3339(s)
            .map(|t| human(&t.with_timezone(&rotation.timezone)))
            .unwrap_or_else(|_| s.to_string())
    };
    sub.rendered_schedule_entries
        .iter()
        .map(|e| NotCarried::Override {
            user: e.user.as_ref().map(|u| name(&u.id)).unwrap_or_default(),
            from: local(&e.start),
            to: local(&e.end),
        })
        .collect()
}

#[cfg(test)]
#[path = "from_pagerduty_tests.rs"]
mod tests;
