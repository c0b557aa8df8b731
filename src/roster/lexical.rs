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
    if h.len() != 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
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
