//! Slack's mrkdwn: escaping user text and mentioning people (from
//! `text::mrkdwn`, which the Slack client uses too), links, cuts. Pure text.

pub use crate::text::mrkdwn::{escape, mention};

/// `text` (already mrkdwn) cut to at most `max` characters, ending in `…`
/// when cut, and never inside an escape (`&amp;`) or a `<…>` mention or
/// link: such a unit is kept whole or dropped whole.
pub fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let room = max.saturating_sub(1);
    let mut out = String::new();
    let mut used = 0;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let unit = unit_len(rest, c);
        let n = rest[..unit].chars().count();
        if used + n > room {
            break;
        }
        out.push_str(&rest[..unit]);
        used += n;
        rest = &rest[unit..];
    }
    out.push('…');
    out
}

/// The length in bytes of the unit that starts `rest` (whose first
/// character is `c`): an escape `&…;`, a `<…>`, or one character.
fn unit_len(rest: &str, c: char) -> usize {
    let closing = match c {
        // Escapes are short (`&amp;`, `&lt;`, `&gt;`).
        '&' => rest
            .char_indices()
            .take(8)
            .find(|&(_, ch)| ch == ';')
            .map(|(i, _)| i + 1),
        '<' => rest
            .char_indices()
            .skip(1)
            .take_while(|&(_, ch)| ch != '<' && ch != '\n')
            .find(|&(_, ch)| ch == '>')
            .map(|(i, _)| i + 1),
        _ => None,
    };
    closing.unwrap_or(c.len_utf8())
}

/// A link `<url|label>` when `url` is an http(s) URL, the escaped label
/// alone otherwise (`javascript:`, `slack://`, garbage). In the URL, `&`
/// is escaped and `<`, `>`, `|` percent-encoded, so the link cannot end
/// early or take another label.
pub fn link(url: Option<&str>, label: &str) -> String {
    let web = url
        .map(str::trim)
        .and_then(|u| url::Url::parse(u).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"));
    match web {
        Some(u) => {
            let shown = u
                .as_str()
                .replace('&', "&amp;")
                .replace('<', "%3C")
                .replace('>', "%3E")
                .replace('|', "%7C");
            format!("<{shown}|{}>", escape(label))
        }
        None => escape(label),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_http_only_and_cannot_break_out() {
        assert_eq!(
            link(
                Some("https://x.pagerduty.com/incidents/P1?a=1&b=2|x>y"),
                "#7 <b>"
            ),
            "<https://x.pagerduty.com/incidents/P1?a=1&amp;b=2%7Cx%3Ey|#7 &lt;b&gt;>"
        );
        for bad in ["javascript:alert(1)", "slack://open", "not a url", ""] {
            assert_eq!(link(Some(bad), "#7"), "#7", "{bad}");
        }
        assert_eq!(link(None, "a&b"), "a&amp;b");
    }

    #[test]
    fn cuts_never_split_an_escape_or_a_link() {
        let text = format!(
            "{}&amp;<@U0000000A> <https://h/p|label> end",
            "x".repeat(10)
        );
        for max in 1..text.chars().count() {
            let c = cut(&text, max);
            assert!(c.chars().count() <= max, "{max}: {c}");
            let body = c.trim_end_matches('…');
            assert!(text.starts_with(body), "{max}: {c}");
            // The kept part ends at a unit boundary.
            let next = &text[body.len()..];
            assert!(
                !body.ends_with('&') && !body.ends_with("&am") && !body.ends_with("&amp"),
                "{max}: {c}"
            );
            assert_eq!(
                body.matches('<').count(),
                body.matches('>').count(),
                "{max}: {c}"
            );
            assert!(!next.is_empty());
        }
        assert_eq!(cut("short", 10), "short");
    }
}
