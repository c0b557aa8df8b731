//! Lexical helpers of the roster: weekday and time parsing, the shape of
//! ids, role names and emails, secret-looking keys, typo suggestions.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};

/// Words that make a key look like a credential.
const SECRET_WORDS: &[&str] = &[
    "token",
    "password",
    "passwd",
    "secret",
    "apikey",
    "api_key",
    "credential",
    "private",
    "auth",
];

pub(super) fn looks_like_secret(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k == "key"
        || k.ends_with("_key")
        || k.ends_with("-key")
        || SECRET_WORDS.iter().any(|w| k.contains(w))
}

/// The allowed key closest to a typo, if it is close enough to suggest: the
/// one allowed key that starts with it (`prim` → `primary`), else the nearest
/// by edit distance.
pub fn closest<'k>(key: &str, allowed: &[&'k str]) -> Option<&'k str> {
    let lower = key.trim().to_ascii_lowercase();
    if lower.len() >= 2 {
        let mut starting = allowed
            .iter()
            .filter(|a| a.len() > lower.len() && a.to_ascii_lowercase().starts_with(&lower));
        if let (Some(only), None) = (starting.next(), starting.next()) {
            return Some(only);
        }
    }
    allowed
        .iter()
        .map(|a| (strsim::levenshtein(key, a), *a))
        .filter(|(d, a)| *d <= 2.max(a.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a)
}

/// `did you mean "X"? ` for the start of a hint, or nothing when no allowed
/// name is close to `key` (see [`closest`]).
pub fn did_you_mean(key: &str, allowed: &[&str]) -> String {
    closest(key, allowed)
        .map(|s| format!("did you mean \"{s}\"? "))
        .unwrap_or_default()
}

/// The date nearest `from` (before or after it) that falls on `day`: a
/// `start` one day off moves by a day, not by six.
pub(super) fn nearest_weekday(from: NaiveDate, day: Weekday) -> NaiveDate {
    let ahead = (i64::from(day.num_days_from_monday())
        - i64::from(from.weekday().num_days_from_monday()))
    .rem_euclid(7);
    let shift = if ahead <= 3 { ahead } else { ahead - 7 };
    from.checked_add_signed(chrono::Duration::days(shift))
        .unwrap_or_else(|| next_weekday(from, day))
}

/// The IANA time zone name closest to a misspelt one (`Europe/Berln` →
/// `Europe/Berlin`), compared without case, if one is close enough.
pub fn closest_time_zone(name: &str) -> Option<&'static str> {
    let lower = name.trim().to_ascii_lowercase();
    if lower.is_empty() {
        return None;
    }
    chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| {
            (
                strsim::levenshtein(&lower, &tz.name().to_ascii_lowercase()),
                tz.name(),
            )
        })
        .filter(|(d, _)| *d <= 3)
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

pub(super) fn next_weekday(from: NaiveDate, day: Weekday) -> NaiveDate {
    let mut d = from;
    while d.weekday() != day {
        d = d.succ_opt().unwrap_or(d);
        if d == NaiveDate::MAX {
            break;
        }
    }
    d
}

/// English weekday name in lower case.
pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

/// A weekday in English, in any case: `tue` or `tuesday`.
pub(super) fn parse_weekday(s: &str) -> Option<Weekday> {
    s.trim().parse::<Weekday>().ok()
}

/// `HH:MM`, 24-hour, exactly two digits each.
pub fn parse_hhmm(s: &str) -> Option<NaiveTime> {
    let (h, m) = s.split_once(':')?;
    if !(1..=2).contains(&h.len())
        || m.len() != 2
        || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

pub(super) fn is_member_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
}

pub(super) fn is_role_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

pub(super) fn is_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !domain.contains('@')
                && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}
