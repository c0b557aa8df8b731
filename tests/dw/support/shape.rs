//! The shape of `who --json` / `schedule --json` weeks.

use chrono::DateTime;
use serde_json::Value;

pub const WEEK_KEYS: [&str; 7] = ["team", "week", "start", "end", "ranks", "away", "covers"];
pub const COVER_KEYS: [&str; 6] = ["rank", "role", "id", "from", "to", "reason"];
pub const RANK_KEYS: [&str; 8] = [
    "rank",
    "role",
    "id",
    "name",
    "email",
    "slack",
    "pagerduty",
    "override",
];

pub fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .map(String::as_str)
        .collect();
    k.sort_unstable();
    k
}

pub fn sorted<const N: usize>(k: [&'static str; N]) -> Vec<&'static str> {
    let mut k = k.to_vec();
    k.sort_unstable();
    k
}

/// RFC 3339 with seconds and a numeric offset (never `Z`, never fractions).
pub fn assert_rfc3339_with_offset(s: &str) -> DateTime<chrono::FixedOffset> {
    let t = DateTime::parse_from_rfc3339(s).unwrap_or_else(|e| panic!("{s}: {e}"));
    let b = s.as_bytes();
    assert_eq!(s.len(), 25, "{s}: want YYYY-MM-DDTHH:MM:SS+HH:MM");
    assert_eq!(b[10], b'T', "{s}");
    assert!(b[19] == b'+' || b[19] == b'-', "{s}: numeric offset");
    t
}

/// One week object of `who --json` / `schedule --json`: every key, every type.
pub fn assert_week_shape(w: &Value) {
    assert_eq!(keys(w), sorted(WEEK_KEYS), "{w}");
    assert!(w["team"].is_string());
    assert!(w["week"].is_u64());
    let start = assert_rfc3339_with_offset(w["start"].as_str().unwrap());
    let end = assert_rfc3339_with_offset(w["end"].as_str().unwrap());
    let hours = (end - start).num_hours();
    assert!((167..=169).contains(&hours), "a week is 167–169 hours: {w}");
    for r in w["ranks"].as_array().unwrap() {
        assert_eq!(keys(r), sorted(RANK_KEYS), "{r}");
        assert!(r["rank"].is_u64());
        for k in ["role", "id", "name", "email"] {
            assert!(r[k].is_string(), "{k} in {r}");
        }
        for k in ["slack", "pagerduty", "override"] {
            assert!(r[k].is_string() || r[k].is_null(), "{k} in {r}");
        }
    }
    for c in w["covers"].as_array().unwrap() {
        assert_eq!(keys(c), sorted(COVER_KEYS), "{c}");
        assert!(c["rank"].is_u64());
        for k in ["role", "id", "reason"] {
            assert!(c[k].is_string(), "{k} in {c}");
        }
        let from = assert_rfc3339_with_offset(c["from"].as_str().unwrap());
        let to = assert_rfc3339_with_offset(c["to"].as_str().unwrap());
        assert!(
            start <= from && from < to && to <= end,
            "clipped to the week: {c}"
        );
    }
    for a in w["away"].as_array().unwrap() {
        assert_eq!(keys(a), vec!["id", "reason"], "{a}");
        assert!(a["id"].is_string());
        assert!(a["reason"].is_string() || a["reason"].is_null());
    }
}
