//! Markdown (CommonMark with GitHub's extensions) for text dw did not write
//! itself: roster names and reasons, PagerDuty titles, flags. What dw puts in
//! a pull-request comment or in the handoff notes passes through here, so
//! that such text reads as the same text and nothing else: no link, image,
//! HTML, emphasis, table cell, heading or list, and no GitHub mention,
//! autolink or issue reference.
//!
//! The rules, for [`inline`]:
//! - the characters that start inline syntax are backslash-escaped (an
//!   escaped character is plain text in CommonMark): `` \ ` * [ ] < > | ~ $ ``
//!   everywhere, `_` unless it stands between two letters or digits (where
//!   it cannot emphasise: `PAGERDUTY_TOKEN` stays as it is), `&` before a
//!   letter, a digit or `#` (an entity). `!`, `(` and `)` need nothing:
//!   without an unescaped `[` they make no image or link;
//! - what would begin a block at the start of a line (`#`, `-`, `+`, `=`,
//!   `1.`, `1)`) is escaped at the start of the text;
//! - GitHub links some plain text after rendering (mentions `@team`, issue
//!   references `#12`, bare `https://` and `www.` links, emails): a
//!   zero-width space (U+200B) goes between `@` or `#` and a letter or
//!   digit after it, after the `:` of `://`, and between `www` and its dot.
//!   It is invisible where GitHub renders the comment, so `@team` still
//!   reads `@team`, but it notifies and links nobody;
//! - line breaks and other control characters become spaces (roster text
//!   holds none; PagerDuty text might), and the text is trimmed.

/// The zero-width space that breaks mentions and autolinks.
pub const BREAK: char = '\u{200b}';

/// Characters escaped with a backslash wherever they are.
const ESCAPED: &[char] = &['\\', '`', '*', '[', ']', '<', '>', '|', '~', '$'];

/// `text` as literal inline Markdown: in a paragraph, a heading, a list
/// item or a table cell (where `|` is escaped too). See the module's rules.
pub fn inline(text: &str) -> String {
    escape(text, true)
}

/// [`inline`], without the escapes of a line's start when `line_start` is
/// false (inside a link's label nothing begins a block).
fn escape(text: &str, line_start: bool) -> String {
    let chars: Vec<char> = text
        .trim()
        .chars()
        .map(|c| if crate::text::is_forbidden(c) { ' ' } else { c })
        .collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut leading_digits = true;
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let escape = ESCAPED.contains(&c)
            || (c == '_' && !(alnum(before) && alnum(after)))
            || (c == '&' && (alnum(after) || after == Some('#')))
            || (line_start && i == 0 && matches!(c, '#' | '-' | '+' | '='))
            || (line_start && i > 0 && leading_digits && matches!(c, '.' | ')'));
        if c == '.' && out.to_ascii_lowercase().ends_with("www") {
            out.push(BREAK);
        }
        if escape {
            out.push('\\');
        }
        out.push(c);
        let breaks = match c {
            '@' | '#' => alnum(after),
            ':' => after == Some('/'),
            _ => false,
        };
        if breaks {
            out.push(BREAK);
        }
        leading_digits = leading_digits && c.is_ascii_digit();
    }
    out
}

/// The longest run of `c` in `text`.
fn longest_run(text: &str, c: char) -> usize {
    let (mut longest, mut run) = (0, 0);
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// `text` as an inline code span: more backticks around it than any run
/// inside, padded with a space when it starts or ends with a backtick.
/// Line breaks become spaces; in a table cell, use [`cell_code`].
pub fn code(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| if crate::text::is_forbidden(c) { ' ' } else { c })
        .collect();
    let ticks = "`".repeat(longest_run(&text, '`') + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{text}{pad}{ticks}")
}

/// A link to `url` labelled `label` (escaped), when `url` is a plain
/// `https://` or `http://` address; otherwise the label alone. Characters a
/// link destination cannot hold are percent-encoded.
pub fn link(label: &str, url: &str) -> String {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return inline(label);
    }
    let label = escape(label, false);
    let mut dest = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' | '<' | '>' | '(' | ')' | '\\' | '`' | '"' | '\'' | '|' | '[' | ']' => {
                dest.push_str(&format!("%{:02X}", c as u32));
            }
            c if c.is_control() || crate::text::is_forbidden(c) => {}
            c => dest.push(c),
        }
    }
    format!("[{label}]({dest})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_escapes_every_construct() {
        for (text, want) in [
            ("Ada Lovelace", "Ada Lovelace"),
            (
                "Bob O'Brien, Ångström (ops)!",
                "Bob O'Brien, Ångström (ops)!",
            ),
            ("a|b", "a\\|b"),
            ("**bold** _it_", "\\*\\*bold\\*\\* \\_it\\_"),
            ("PAGERDUTY_TOKEN a_b", "PAGERDUTY_TOKEN a_b"),
            ("_x_ a_ _b", "\\_x\\_ a\\_ \\_b"),
            ("[x](http://evil)", "\\[x\\](http:\u{200b}//evil)"),
            ("![x](y)", "!\\[x\\](y)"),
            ("<b>hi</b>", "\\<b\\>hi\\</b\\>"),
            ("`code`", "\\`code\\`"),
            ("@team", "@\u{200b}team"),
            ("a @ b", "a @ b"),
            ("ada@example.com", "ada@\u{200b}example.com"),
            ("see #12", "see #\u{200b}12"),
            ("# heading", "\\# heading"),
            ("www.evil.com", "www\u{200b}.evil.com"),
            ("WWW.x", "WWW\u{200b}.x"),
            ("- item", "\\- item"),
            ("+ item", "\\+ item"),
            ("=== x", "\\=== x"),
            ("12. x", "12\\. x"),
            ("3) x", "3\\) x"),
            ("a-b 1.5 #", "a-b 1.5 #"),
            (
                "&amp; &#64; & $x$ ~~s~~ \\",
                "\\&amp; \\&#\u{200b}64; & \\$x\\$ \\~\\~s\\~\\~ \\\\",
            ),
            ("  two\nlines\r\u{2028}x  ", "two lines  x"),
        ] {
            assert_eq!(inline(text), want, "{text:?}");
        }
    }

    #[test]
    fn code_spans_use_a_longer_fence_than_any_inside() {
        assert_eq!(code("x"), "`x`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
    }

    #[test]
    fn links_only_to_web_addresses_and_well_formed() {
        assert_eq!(
            link("#7 DB [down]", "https://x.pagerduty.com/incidents/P1"),
            "[#\u{200b}7 DB \\[down\\]](https://x.pagerduty.com/incidents/P1)"
        );
        assert_eq!(
            link("t", "https://x/a b)<c>"),
            "[t](https://x/a%20b%29%3Cc%3E)"
        );
        assert_eq!(link("t", "javascript:alert(1)"), "t");
    }
}
