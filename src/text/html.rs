//! HTML escaping: the one function every roster string (team and role
//! names, ids, names, reasons) goes through on its way into the calendar
//! page, in text and in quoted attribute values alike.

use std::borrow::Cow;

/// `text` safe inside HTML text and inside a double- or single-quoted
/// attribute value: `&`, `<`, `>`, `"` and `'` become character
/// references, and characters the terminal outputs show escaped (controls,
/// bidi overrides) are shown the same way here (`\u{202e}`), so a name
/// cannot reorder or hide the text around it.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if hidden(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    matches!(c, '&' | '<' | '>' | '"' | '\'') || hidden(c)
}

/// Characters shown as `\u{…}` rather than written: C0 and C1 controls
/// (but newline and tab), DEL, bidi embeddings and isolates, and the line
/// and paragraph separators.
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_strings_become_text() {
        let cases = [
            ("plain Ada", "plain Ada"),
            (
                "<script>alert(1)</script>",
                "&lt;script&gt;alert(1)&lt;/script&gt;",
            ),
            (
                "\"><img src=x onerror=alert(1)>",
                "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;",
            ),
            ("' onmouseover='x", "&#39; onmouseover=&#39;x"),
            ("AT&T &amp; co", "AT&amp;T &amp;amp; co"),
            ("</td></tr></table>", "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;"),
            ("<!-- x -->", "&lt;!-- x --&gt;"),
            ("]]><![CDATA[", "]]&gt;&lt;![CDATA["),
            ("a\u{202e}cba", "a\\u{202e}cba"),
            ("bell\u{7}\u{1b}[31m", "bell\\u{7}\\u{1b}[31m"),
            ("nul\0", "nul\\u{0}"),
            ("c1\u{85}del\u{7f}", "c1\\u{85}del\\u{7f}"),
            ("line\u{2028}para\u{2029}", "line\\u{2028}para\\u{2029}"),
            ("two\nlines\tand tab", "two\nlines\tand tab"),
            ("Zoë 🌙 日本", "Zoë 🌙 日本"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(escape(input), want, "{input:?}");
        }
    }

    #[test]
    fn escaped_text_holds_no_markup_character() {
        let nasty: String = (0u32..0x3000)
            .filter_map(char::from_u32)
            .collect::<String>();
        let out = escape(&nasty);
        assert!(!out.contains(['<', '>', '"', '\'']));
        // Every `&` starts one of the five references written.
        for (i, _) in out.match_indices('&') {
            let rest = &out[i..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                    .iter()
                    .any(|r| rest.starts_with(r)),
                "{}",
                &rest[..rest.len().min(8)]
            );
        }
        assert!(!out.chars().any(hidden));
    }

    #[test]
    fn clean_text_is_not_copied() {
        assert!(matches!(escape("grace"), Cow::Borrowed(_)));
    }
}
