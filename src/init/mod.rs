//! Starting a roster: `dw init`. Pure: the settings a new roster is made of,
//! the commented file they become (`template`), and the mapping from a
//! PagerDuty schedule to those settings (`from_pagerduty`). The command
//! (`commands/init.rs`) asks, reads and writes; nothing here does I/O.

pub mod from_pagerduty;
pub mod template;

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;

/// Everything `dw init` writes into a new roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRoster {
    pub team: String,
    pub timezone: Tz,
    pub handoff_day: Weekday,
    pub handoff_time: NaiveTime,
    /// The date week 0 begins: a `handoff_day`.
    pub start: NaiveDate,
    pub roles: Vec<String>,
    /// `[slack] channel`: the team channel.
    pub slack_channel: Option<String>,
    /// `[slack] incident_channel`.
    pub incident_channel: Option<String>,
    /// `[pagerduty] schedules`: (role name, schedule ID), in rank order.
    pub pagerduty_schedules: Vec<(String, String)>,
    /// In rotation order.
    pub members: Vec<NewMember>,
}

/// One `[[members]]` entry of a new roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMember {
    pub id: String,
    pub name: String,
    pub email: String,
    /// Slack member ID (`U…`).
    pub slack: Option<String>,
    /// PagerDuty user ID (`P…`).
    pub pagerduty: Option<String>,
}

/// The first `day` on or after `today`: the default `start` of a new roster.
pub fn next_handoff_date(today: NaiveDate, day: Weekday) -> NaiveDate {
    let ahead =
        (7 + day.num_days_from_monday() as i64 - today.weekday().num_days_from_monday() as i64) % 7;
    today
        .checked_add_signed(chrono::Duration::days(ahead))
        .unwrap_or(today)
}

/// A member id made from an email (its local part) or a name: lower case,
/// `a-z 0-9 . _ -` only, other characters as `-`, never empty.
pub fn member_id_from(email: &str, name: &str) -> String {
    let local = email.split('@').next().unwrap_or("");
    let source = if local.trim().is_empty() { name } else { local };
    let mut id = String::new();
    for c in source.trim().chars().flat_map(char::to_lowercase) {
        let keep = c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-');
        let c = if keep { c } else { '-' };
        if !(c == '-' && id.ends_with('-')) {
            id.push(c);
        }
    }
    let id = id.trim_matches('-').to_string();
    if id.is_empty() {
        "member".to_string()
    } else {
        id
    }
}

/// `ids` made unique in order: a repeated id gets `-2`, `-3` …
pub fn unique_ids(ids: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(ids.len());
    for id in ids {
        let mut candidate = id.clone();
        let mut n = 2;
        while out.contains(&candidate) {
            candidate = format!("{id}-{n}");
            n += 1;
        }
        out.push(candidate);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_next_handoff_day_is_today_or_later_in_the_week() {
        // 2026-03-03 is a Tuesday.
        for (today, day, want) in [
            ("2026-03-03", Weekday::Tue, "2026-03-03"),
            ("2026-03-03", Weekday::Wed, "2026-03-04"),
            ("2026-03-03", Weekday::Mon, "2026-03-09"),
            ("2026-03-01", Weekday::Mon, "2026-03-02"),
            // Across a year's end and a leap day.
            ("2026-12-30", Weekday::Fri, "2027-01-01"),
            ("2028-02-28", Weekday::Tue, "2028-02-29"),
        ] {
            assert_eq!(
                next_handoff_date(date(today), day),
                date(want),
                "{today} {day}"
            );
        }
    }

    #[test]
    fn member_ids_come_from_the_email_or_the_name() {
        for (email, name, want) in [
            ("ada@example.com", "Ada", "ada"),
            ("Ada.Lovelace@example.com", "", "ada.lovelace"),
            ("ada+pd@example.com", "", "ada-pd"),
            ("@example.com", "Grace Hopper", "grace-hopper"),
            ("", "Zoë Ærø", "zo-r"),
            ("", "!!!", "member"),
        ] {
            assert_eq!(member_id_from(email, name), want, "{email} {name}");
        }
        assert_eq!(
            unique_ids(vec!["a".into(), "b".into(), "a".into(), "a".into()]),
            ["a", "b", "a-2", "a-3"]
        );
    }
}
