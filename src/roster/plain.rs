//! Roster strings are plain text: no control characters, no bidi controls,
//! no line or paragraph separators (`crate::text::is_forbidden`), in any
//! string the file holds, keys included. The roster arrives by pull request,
//! and its text reaches terminals, Slack, Markdown comments and
//! one-record-per-line outputs: a hidden escape sequence or a bidi override
//! there would rewrite what people read.
//!
//! One pass over the whole document before the sections are read, so that
//! every such string is reported, each at the line and column of its first
//! forbidden character (the escape sequence `\u001b` when it is written as
//! one).

use toml::de::{DeTable, DeValue};

use super::parse::{Cx, Span, Value};
use crate::text::{describe_char, first_forbidden, is_forbidden};

impl Cx<'_> {
    /// Report every key and string value of `doc` that holds a forbidden character.
    pub(super) fn plain_text(&mut self, doc: &DeTable<'_>) {
        self.plain_table(doc, "");
    }

    fn plain_table(&mut self, table: &DeTable<'_>, path: &str) {
        for (key, value) in table.iter() {
            let name: &str = key.get_ref();
            let here = if path.is_empty() {
                name.to_string()
            } else {
                format!("{path}.{name}")
            };
            self.plain_string(name, key.span(), &here, true);
            self.plain_value(value, &here);
        }
    }

    fn plain_value(&mut self, value: &Value<'_>, path: &str) {
        match value.get_ref() {
            DeValue::String(s) => self.plain_string(s, value.span(), path, false),
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.plain_value(item, &format!("{path}[{}]", i + 1));
                }
            }
            DeValue::Table(t) => self.plain_table(t, path),
            _ => {}
        }
    }

    fn plain_string(&mut self, text: &str, span: Span, path: &str, is_key: bool) {
        let Some((_, c, count)) = first_forbidden(text) else {
            return;
        };
        let at = self
            .source()
            .get(span.clone())
            .and_then(forbidden_offset)
            .map_or(span.start, |o| span.start + o);
        let what = if is_key {
            format!("the key `{path}`")
        } else {
            format!("`{path}`")
        };
        let more = match count {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        self.error(
            at..at,
            format!("{what} holds {}{more}", describe_char(c)),
            "roster text must be plain: remove control, bidi and line-separator characters \
             (write a space for a tab or a line break); they would rewrite what terminals, \
             Slack and pull-request comments show",
        );
    }
}

/// The byte offset, in the source of one TOML key or string (`raw`, quotes
/// included), of what produces its first forbidden character: the character
/// itself, or the backslash of the escape that writes it.
fn forbidden_offset(raw: &str) -> Option<usize> {
    let (delimiter, basic) = if raw.starts_with("\"\"\"") {
        ("\"\"\"", true)
    } else if raw.starts_with("'''") {
        ("'''", false)
    } else if raw.starts_with('"') {
        ("\"", true)
    } else if raw.starts_with('\'') {
        ("'", false)
    } else {
        // A bare key: letters, digits, '-' and '_' only; nothing to find.
        return raw
            .char_indices()
            .find(|(_, c)| is_forbidden(*c))
            .map(|(i, _)| i);
    };
    let mut start = delimiter.len();
    if delimiter.len() == 3 {
        // A newline right after the opening delimiter is not part of the value.
        if raw[start..].starts_with("\r\n") {
            start += 2;
        } else if raw[start..].starts_with('\n') {
            start += 1;
        }
    }
    let body = raw.get(start..raw.len().saturating_sub(delimiter.len()))?;
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !(basic && c == '\\') {
            if is_forbidden(c) {
                return Some(start + i);
            }
            continue;
        }
        let Some((_, e)) = chars.next() else { break };
        let produced = match e {
            'b' => Some('\u{8}'),
            'e' => Some('\u{1b}'),
            'f' => Some('\u{c}'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            'x' | 'u' | 'U' => {
                let digits = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut hex = String::new();
                for _ in 0..digits {
                    if let Some((_, d)) = chars.next() {
                        hex.push(d);
                    }
                }
                u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
            }
            ' ' | '\t' | '\r' | '\n' => {
                // A line-ending backslash: the whitespace and newlines after it are dropped.
                while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
                None
            }
            _ => None,
        };
        if produced.is_some_and(is_forbidden) {
            return Some(start + i);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::forbidden_offset;
    use crate::validate::parse;

    /// `LINE:COL: message` of every problem of `text`.
    fn errors(text: &str) -> Vec<String> {
        match parse(text, "r.toml") {
            Ok(_) => vec![],
            Err(e) => e
                .diagnostics
                .iter()
                .map(|d| {
                    let (l, c) = d.position.unwrap_or((0, 0));
                    format!("{l}:{c}: {}", d.message)
                })
                .collect(),
        }
    }

    #[test]
    fn every_hostile_string_is_reported_at_its_character() {
        let text = concat!(
            "[team]\n",
            "name = \"Team\\e]0;pwned\\u0007\"\n",
            "start = 2026-01-06\n",
            "roles = [\"primary\", \"sec\\u202Eond\"]\n",
            "[slack]\n",
            "channel = \"#oncall\\r\"\n",
            "group = 'S1\u{2066}'\n",
            "[pagerduty]\n",
            "schedules = { \"pri\\u0085mary\" = \"P\\b1\" }\n",
            "[[members]]\n",
            "id = \"ada\\u001b[2J\"\n",
            "name = \"\"\"\nAda\nLovelace\"\"\"\n",
            "email = \"ada@example.com\\u2028\"\n",
            "slack = \"U1\\t\"\n",
            "pagerduty = \"P\\x7f\"\n",
            "away = [{ from = 2026-02-02, to = 2026-02-03, reason = \"x\\u2029\" }]\n",
            "\"k\\u001b\" = 1\n",
        );
        assert_eq!(
            errors(text),
            [
                "2:13: `team.name` holds U+001B (escape) (and 1 more)",
                "4:21: \"sec\\u{202e}ond\" is not a usable role name",
                "4:25: `team.roles[2]` holds U+202E (bidirectional control)",
                "6:19: `slack.channel` holds U+000D (carriage return)",
                "7:12: `slack.group` holds U+2066 (bidirectional control)",
                "9:19: the key `pagerduty.schedules.pri\\u{85}mary` holds U+0085 (control character)",
                "9:35: `pagerduty.schedules.pri\\u{85}mary` holds U+0008 (backspace)",
                "11:6: member id \"ada\\u{1b}[2J\" is not of the form [a-z0-9._-]+",
                "11:10: `members[1].id` holds U+001B (escape)",
                "13:4: `members[1].name` holds U+000A (line feed)",
                "15:9: email \"ada@example.com\\u{2028}\" of member \"ada\\u{1b}[2J\" is not an email address",
                "15:25: `members[1].email` holds U+2028 (line separator)",
                "16:12: `members[1].slack` holds U+0009 (tab)",
                "17:15: `members[1].pagerduty` holds U+007F (delete)",
                "18:58: `members[1].away[1].reason` holds U+2029 (paragraph separator)",
                "19:1: unknown key `k\\u{1b}` in member \"ada\\u{1b}[2J\"",
                "19:3: the key `members[1].k\\u{1b}` holds U+001B (escape)",
            ]
        );
    }

    #[test]
    fn offsets_point_at_the_character_or_its_escape() {
        for (raw, want) in [
            ("\"Ada\"", None),
            ("\"A\u{1b}da\"", Some(2)),
            ("\"Ad\\u001Ba\"", Some(3)),
            ("\"Ad\\U0000001ba\"", Some(3)),
            ("\"\\\\u001b \\e\"", Some(9)),
            ("\"x\\ty\"", Some(2)),
            ("\"é\\x7f\"", Some(3)),
            ("\"\\\"\\u202e\"", Some(3)),
            ("'A\u{202e}da'", Some(2)),
            ("'A\\u001bda'", None),
            ("\"\"\"\nAda\nLovelace\"\"\"", Some(7)),
            ("\"\"\"\nAda \\\n   Lovelace\"\"\"", None),
            ("'''\r\nAda\tL'''", Some(8)),
            ("\"a\u{2028}\"", Some(2)),
        ] {
            assert_eq!(forbidden_offset(raw), want, "{raw:?}");
        }
    }
}
