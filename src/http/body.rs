//! Answer bodies as dw keeps them: JSON whose strings are safe to print,
//! and the short reason taken from an error answer.

use super::Response;

/// Parse an answer body as JSON with every string made terminal-safe
/// (control characters shown escaped) and cut to [`MAX_TEXT_CHARS`], so no
/// renderer can pass a server's escape sequence to the terminal or choke on
/// a megabyte title. serde_json limits nesting to 128 levels.
pub fn decode_json(body: &str) -> Result<serde_json::Value, serde_json::Error> {
    let mut value: serde_json::Value = serde_json::from_str(body)?;
    terminal_safe_json(&mut value);
    Ok(value)
}

/// The longest text kept from an answer: no title, name or id comes near it,
/// and a longer one (cut, ending in `…`) could make table layout slow.
pub const MAX_TEXT_CHARS: usize = 2_000;

/// Make every string (and key) in `value` terminal-safe and at most
/// [`MAX_TEXT_CHARS`] characters, in place. Secrets are removed before the
/// cut, so a token echoed across it cannot be left in part.
pub fn terminal_safe_json(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::String(s) => {
            if let Some(clean) = super::redact::cleaned(s) {
                *s = clean;
            }
            crate::text::cut_chars(s, MAX_TEXT_CHARS);
            let safe = crate::text::terminal_safe(s);
            if safe != *s {
                *s = safe;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(terminal_safe_json),
        Value::Object(map) => {
            let unsafe_keys: Vec<String> = map
                .keys()
                .filter(|k| crate::text::terminal_safe(k) != **k)
                .cloned()
                .collect();
            for k in unsafe_keys {
                if let Some(v) = map.remove(&k) {
                    map.insert(crate::text::terminal_safe(&k), v);
                }
            }
            map.values_mut().for_each(terminal_safe_json);
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// A short reason from an error answer: PagerDuty's error message, Slack's
/// `error`, or the mock's `sl-violations` header; secrets removed, cut to
/// 500 characters, control characters escaped.
pub(super) fn problem_detail(resp: &Response) -> String {
    let mut parts = Vec::new();
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(&resp.body) {
        if let Some(m) = v.pointer("/error/message").and_then(|m| m.as_str()) {
            parts.push(m.to_string());
        }
        if let Some(errors) = v.pointer("/error/errors").and_then(|e| e.as_array()) {
            parts.extend(errors.iter().filter_map(|e| e.as_str()).map(String::from));
        }
        if let Some(m) = v.get("error").and_then(|m| m.as_str()) {
            parts.push(m.to_string());
        }
    }
    if let Some(v) = resp
        .headers
        .get("sl-violations")
        .and_then(|v| v.to_str().ok())
    {
        parts.push(format!("sl-violations: {v}"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        // Redact first, then cut: a token across the cut would show in part.
        let joined = super::redact::clean(&parts.join("; "));
        let short: String = joined.chars().take(500).collect();
        format!(": {}", crate::text::terminal_safe(&short))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_terminal_safe_and_bounded() {
        let long = "x".repeat(MAX_TEXT_CHARS + 5);
        let body = serde_json::json!({"a\u{1b}": ["t\u{1b}[2J", long]}).to_string();
        let v = decode_json(&body).expect("json");
        assert_eq!(v["a\\u{1b}"][0], "t\\u{1b}[2J");
        let cut = v["a\\u{1b}"][1].as_str().expect("string");
        assert_eq!(cut.chars().count(), MAX_TEXT_CHARS + 1);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn secrets_are_removed_before_the_cut() {
        let token = "u+body-cut-token-0123456789";
        super::super::redact::register(token);
        let long = format!("{}{token}", "x".repeat(MAX_TEXT_CHARS - 5));
        let v = decode_json(&serde_json::json!({"m": long}).to_string()).expect("json");
        let shown = v["m"].as_str().expect("string");
        assert!(!shown.contains("u+bod"), "{shown}");
        assert!(shown.ends_with("xxxxx***"), "{shown}");

        let message = format!("{}Token token={token}", "x".repeat(480));
        let resp = Response {
            status: reqwest::StatusCode::UNAUTHORIZED,
            headers: Default::default(),
            body: serde_json::json!({"error": {"message": message}}).to_string(),
        };
        let detail = problem_detail(&resp);
        assert!(!detail.contains("u+bod"), "{detail}");
        assert!(detail.ends_with("token=***"), "{detail}");
    }
}
